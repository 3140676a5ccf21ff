"""The SDG browse (public): the 17 goals with the plan tasks and indicators linked to them, and each
goal's targets with those tasks and indicators and their status."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from humanrights_portal.core.models import SdgGoal
from humanrights_portal.dashboards import sdg


@login_not_required
@require_GET
def sdg_list(request: HttpRequest) -> HttpResponse:
    goals = list(sdg.sdg_goal_list(user=request.user))
    context = {
        "goals": goals,
        "task_total": sum(goal.task_count for goal in goals),
        "indicator_total": sum(goal.indicator_count for goal in goals),
        "breadcrumb": [(_("Sustainable Development Goals"), None)],
    }
    return render(request, "dashboards/sdg_list.html", context)


@login_not_required
@require_GET
def sdg_detail(request: HttpRequest, number: int) -> HttpResponse:
    try:
        detail = sdg.sdg_goal_detail(user=request.user, number=number)
    except SdgGoal.DoesNotExist:
        raise Http404 from None
    context = {
        "detail": detail,
        "goal": detail.goal,
        "breadcrumb": [
            (_("Sustainable Development Goals"), reverse("dashboards:sdg-list")),
            (_("Goal %(number)s") % {"number": detail.goal.number}, None),
        ],
    }
    return render(request, "dashboards/sdg_detail.html", context)
