"""The committee dashboard (``/dashboard/``, every staff role) and the public dashboard
(``/dashboard/public/``, no login): one server-rendered section per area for a chosen year.

Every figure comes from ``humanrights_portal.dashboards.selectors`` (the statistics API uses the same
ones); the filters travel in the URL so a view can be bookmarked. Each section has a text summary, a
table (the accessible equivalent of the chart) and a ``<figure class="dash-chart">`` that
``static/js/dashboards.js`` fills from the API when JavaScript runs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from humanrights_portal.core import permissions
from humanrights_portal.core import selectors as core_selectors
from humanrights_portal.core.roles import ROLE_DESCRIPTIONS, Role
from humanrights_portal.dashboards import selectors
from humanrights_portal.dashboards.forms import DashboardFilterForm
from indicators.models import IndicatorStatus
from plans.models import ProgressStatus

#: The statistics endpoints (``/api/v1/statistics/…``) the charts read, by section.
CHART_ENDPOINTS = {
    "plans": "api-statistics-plans",
    "indicators": "api-statistics-indicators",
    "ombudsman": "api-statistics-ombudsman",
    "impact": "api-statistics-impact",
    "trends": "api-statistics-trends",
    "groups": "api-statistics-groups",
}


def _percent(part, whole) -> str | None:
    return f"{100 * part / whole:.1f}" if whole else None


# ---------------------------------------------------------------- summaries (one paragraph per section)


def _plan_summary(plan, total) -> str:
    percent = _percent(total.completed, total.tasks) or "0.0"
    text = ngettext(
        "%(plan)s: %(completed)s of %(tasks)s task completed (%(percent)s %%).",
        "%(plan)s: %(completed)s of %(tasks)s tasks completed (%(percent)s %%).",
        total.tasks,
    ) % {"plan": plan.title, "completed": total.completed, "tasks": total.tasks, "percent": percent}
    if total.budget_planned:
        text += " " + _("%(executed)s of %(planned)s won of the budget executed (%(percent)s %%).") % {
            "executed": f"{total.budget_executed:,}",
            "planned": f"{total.budget_planned:,}",
            "percent": total.execution_percent,
        }
    return text


def _indicators_summary(totals: dict) -> str:
    if not totals["total"]:
        return _("No indicator matches the filters.")
    return ngettext(
        "%(achieved)s of %(total)s indicator achieved (%(percent)s %%), %(on_track)s on track, "
        "%(off_track)s off track, %(no_data)s without data.",
        "%(achieved)s of %(total)s indicators achieved (%(percent)s %%), %(on_track)s on track, "
        "%(off_track)s off track, %(no_data)s without data.",
        totals["total"],
    ) % {**totals, "percent": _percent(totals["achieved"], totals["total"])}


def _ombudsman_summary(stats, year: int) -> str:
    text = _(
        "In %(year)s: %(sessions)s counselling sessions, %(received)s cases received, %(closed)s closed, "
        "%(open)s open (%(overdue)s overdue)."
    ) % {
        "year": year,
        "sessions": stats.counselling_sessions,
        "received": stats.cases_received,
        "closed": stats.cases_closed,
        "open": stats.open_cases,
        "overdue": stats.overdue_cases,
    }
    if stats.handling_days_median is not None:
        text += " " + _("Median handling time %(median)s days, 90th percentile %(p90)s days.") % {
            "median": stats.handling_days_median,
            "p90": stats.handling_days_p90,
        }
    return text


def _impact_summary(figures) -> str:
    if not figures.totals:
        return _("No impact assessment in this year, or none matches the filters.")
    parts = [
        _("%(type)s: %(revised)s of %(assessed)s revised")
        % {
            "type": row.subject_type_label,
            "revised": row.revised,
            "assessed": row.assessed,
        }
        for row in figures.totals
    ]
    text = "; ".join(parts) + "."
    for row in figures.facilities:
        text += " " + _("%(use)s: %(renovated)s of %(assessed)s renovated.") % {
            "use": row.facility_use_label,
            "renovated": row.renovated,
            "assessed": row.assessed,
        }
    return text


def _trends_summary(rows) -> str:
    if not rows:
        return _("No data over the years yet.")
    return _("Figures for %(first)s to %(last)s: plan completion, indicators, cases and assessments per year.") % {
        "first": rows[0].year,
        "last": rows[-1].year,
    }


def _left_behind_summary(gaps) -> str:
    if not gaps:
        return _("No verified value by group for this year, or none matches the filters.")
    behind = sum(1 for gap in gaps if gap.is_behind)
    return ngettext(
        "%(behind)s of %(total)s group value is worse than the total.",
        "%(behind)s of %(total)s group values are worse than the total.",
        len(gaps),
    ) % {"behind": behind, "total": len(gaps)}


# ---------------------------------------------------------------- panels


@dataclass(frozen=True)
class PlanView:
    """A plan in force with its roll-ups; department rows carry the department (code for links)."""

    plan: object
    progress: object
    summary: str
    areas: list[tuple[object, str, str]]
    departments: list[tuple[object, str | None, str]]


@dataclass
class Dashboard:
    """What a dashboard page shows; built once per request from the selectors."""

    filters: selectors.DashboardFilters
    public: bool
    plans: list[PlanView] = field(default_factory=list)
    indicators: list = field(default_factory=list)
    indicator_totals: dict = field(default_factory=dict)
    ombudsman: object = None
    impact: object = None
    trends: list = field(default_factory=list)
    left_behind: list = field(default_factory=list)
    summaries: dict = field(default_factory=dict)


def _build(user, filters: selectors.DashboardFilters, *, public: bool) -> Dashboard:
    board = Dashboard(filters=filters, public=public)
    plans = selectors.plans_panel(user=user, filters=filters, public=public)
    department_ids = {row.key for plan in plans for row in plan.progress.by_department}
    departments = (
        {department.pk: department for department in core_selectors.department_list().filter(pk__in=department_ids)}
        if department_ids
        else {}
    )
    task_list = reverse("plans:task-list")
    narrowing = {key: value for key, value in filters.as_query().items() if key in ("department", "area", "group")}

    def tasks_url(plan, **query) -> str:
        return f"{task_list}?{urlencode({'plan': plan.pk, **narrowing, **query})}"

    board.plans = [
        PlanView(
            plan=row.plan,
            progress=row.progress,
            summary=_plan_summary(row.plan, row.progress.total),
            areas=[(roll_up, tasks_url(row.plan, area=roll_up.key), roll_up.label) for roll_up in row.progress.by_area],
            departments=[
                (
                    roll_up,
                    tasks_url(row.plan, department=departments[roll_up.key].code)
                    if roll_up.key in departments
                    else None,
                    departments[roll_up.key].name if roll_up.key in departments else roll_up.label,
                )
                for roll_up in row.progress.by_department
            ],
        )
        for row in plans
    ]
    board.indicators = selectors.indicators_panel(user=user, filters=filters, public=public)
    keys = ("total", *IndicatorStatus.values)
    board.indicator_totals = {key: sum(getattr(row, key) for row in board.indicators) for key in keys}
    board.ombudsman = selectors.ombudsman_panel(user=user, filters=filters, public=public)
    board.impact = selectors.impact_panel(user=user, filters=filters, public=public)
    board.trends = selectors.trends(user=user, filters=filters, public=public)
    board.left_behind = selectors.left_behind(user=user, filters=filters, public=public)
    board.summaries = {
        "plans": " ".join(plan.summary for plan in board.plans)
        or _("No human rights plan is in force in this year, or none matches the filters."),
        "indicators": _indicators_summary(board.indicator_totals),
        "ombudsman": _ombudsman_summary(board.ombudsman, filters.year),
        "impact": _impact_summary(board.impact),
        "trends": _trends_summary(board.trends),
        "left_behind": _left_behind_summary(board.left_behind),
    }
    return board


def _chart_labels() -> dict[str, str]:
    """Series names for the charts, translated on the server and handed to the script as JSON."""
    return {
        **{f"progress_{value}": str(label) for value, label in ProgressStatus.choices},
        **{f"indicator_{value}": str(label) for value, label in IndicatorStatus.choices},
        "no_record": _("No report yet"),
        "cases": _("Cases"),
        "recommendations": _("Recommendations"),
        "revised": _("Revised"),
        "partially_revised": _("Partially revised"),
        "not_revised": _("Not revised"),
        "awaiting_outcome": _("Outcome awaited"),
        "renovated": _("Renovated"),
        "partially_renovated": _("Partially renovated"),
        "not_renovated": _("Not renovated"),
        "cases_received": _("Cases received"),
        "cases_closed": _("Cases closed"),
        "completion_percent": _("Tasks completed (%)"),
        "execution_percent": _("Budget executed (%)"),
        "value": _("Group value"),
        "total": _("Total"),
    }


def _dashboard(request: HttpRequest, *, public: bool, template: str, extra: dict | None = None) -> HttpResponse:
    data = request.GET.copy()
    form = DashboardFilterForm(data)
    if not data.get("year"):
        # The year select shows the year the panels use (the form reads ``data`` when it validates).
        data["year"] = str(form.default_year)
    context = {
        "form": form,
        "public": public,
        "audience": "public" if public else "staff",
        "chart_labels": _chart_labels(),
        "min_cell": settings.PORTAL_STATISTICS_MIN_CELL,
        **(extra or {}),
    }
    if not form.is_valid():
        return render(request, template, {**context, "invalid": True}, status=400)
    filters = form.filters()
    query = urlencode({**filters.as_query(), "audience": context["audience"]})
    user = request.user
    can_view_cases = not public and permissions.can_view_cases(user)
    context.update(
        filters=filters,
        query=urlencode(filters.as_query()),
        query_without_year=urlencode({key: value for key, value in filters.as_query().items() if key != "year"}),
        endpoints={name: f"{reverse(url_name)}?{query}" for name, url_name in CHART_ENDPOINTS.items()},
        can_view_cases=can_view_cases,
        # Staff with access to the cases get each status linked to the filtered case list.
        case_status_prefix=(
            f"{reverse('ombudsman:case-list')}?{urlencode({'year': filters.year})}&status=" if can_view_cases else None
        ),
    )
    context["sections"] = _sections(request, context, key=f"{context['audience']}|{can_view_cases}|{query}")
    return render(request, template, context)


def _sections(request: HttpRequest, context: dict, *, key: str) -> str:
    """The figures' sections of the page, as HTML.

    With ``PORTAL_STATISTICS_MAX_AGE`` > 0 the statistics may be that many seconds old anyway
    (``ombudsman/statistics.py``), so the rendered sections are kept in the shared cache for that long,
    per audience, language, link permissions and filters: a dashboard then costs a cache read instead
    of some forty aggregate queries and the rendering of every table. With 0 they are computed each time.
    """

    def render_sections() -> str:
        context["board"] = _build(request.user, context["filters"], public=context["public"])
        return render_to_string("dashboards/partials/_sections.html", context, request=request)

    max_age = settings.PORTAL_STATISTICS_MAX_AGE
    if not max_age:
        return mark_safe(render_sections())
    cache_key = "dashboards:sections:" + hashlib.sha256(f"{get_language()}|{key}".encode()).hexdigest()
    html = cache.get(cache_key)
    if html is None:
        html = render_sections()
        cache.set(cache_key, html, max_age)
    return mark_safe(html)


@require_GET
def committee_dashboard(request: HttpRequest) -> HttpResponse:
    """The staff start page: the user's roles, then the overview of the four areas for a year."""
    if not permissions.can_view_dashboard(request.user):
        raise PermissionDenied
    roles = [(Role(name), ROLE_DESCRIPTIONS[Role(name)]) for name in Role.values if name in request.user.role_names]
    extra = {"roles": roles, "is_administrator": permissions.is_administrator(request.user)}
    return _dashboard(request, public=False, template="dashboards/committee.html", extra=extra)


@login_not_required
@require_GET
def public_dashboard(request: HttpRequest) -> HttpResponse:
    """What the public may see: adopted plans' confirmed records, verified indicator values, anonymous
    complaint statistics with small cells suppressed, impact figures."""
    return _dashboard(request, public=True, template="dashboards/public.html")
