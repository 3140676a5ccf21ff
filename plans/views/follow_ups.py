"""The closed loop: the office turns an ombudsman recommendation or an impact-assessment finding into
a follow-up — an existing plan task or a new one — whose annual records then track the implementation.

Reads go through ``plans.selectors``, writes through ``plans.services``; ``core.permissions`` says who
may (the office). Every page works without JavaScript: the task search is a GET form.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from humanrights_portal.core import permissions
from humanrights_portal.core.forms import add_service_errors
from plans import selectors, services
from plans.forms import follow_ups as forms


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _require_office(request: HttpRequest) -> None:
    if not permissions.can_manage_follow_ups(request.user):
        raise PermissionDenied


def _source_url(source) -> str | None:
    """Where the source is shown: the case page (recommendation) or the assessment page (finding)."""
    if hasattr(source, "complaint"):
        return source.complaint.get_absolute_url() + "#recommendations-title"
    return source.assessment.get_absolute_url() + f"#finding-{source.number}"


def _page(request: HttpRequest, *, source_form, source=None, link_form=None, create_form=None, status=200):
    user = request.user
    query = source_form.cleaned_data.get("q", "") if source_form.is_valid() else ""
    tasks = list(selectors.follow_up_task_search(user=user, q=query)) if source is not None else []
    if link_form is None:
        link_form = forms.FollowUpLinkForm(user=user, tasks=tasks)
    else:
        chosen = getattr(link_form, "cleaned_data", {}).get("task")
        if chosen is not None and chosen not in tasks:
            tasks.insert(0, chosen)
        link_form.fields["task"].widget.choices = [(task.pk, task) for task in tasks]
    is_recommendation = source is not None and hasattr(source, "complaint")
    context = {
        "source_form": source_form,
        "source": source,
        "is_recommendation": is_recommendation,
        "source_url": _source_url(source) if source is not None else None,
        "source_query": (
            f"recommendation={source.pk}" if is_recommendation else f"finding={source.pk}" if source is not None else ""
        ),
        "search_query": query,
        "tasks": tasks,
        "link_form": link_form,
        "create_form": create_form or forms.FollowUpTaskForm(user=user),
        "breadcrumb": [(_("Human rights plans"), reverse("plans:plan-list")), (_("New follow-up"), None)],
    }
    return render(request, "plans/follow_up_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def follow_up_create(request: HttpRequest) -> HttpResponse:
    """``?recommendation=<id>`` or ``?finding=<id>``: link an existing task or create a new one."""
    _require_office(request)
    user = request.user
    source_form = forms.FollowUpSourceForm(request.GET)
    if not source_form.is_valid():
        return _page(request, source_form=source_form, status=400)
    data = source_form.cleaned_data
    try:
        source = selectors.follow_up_source_get(
            user=user, recommendation=data["recommendation"], finding=data["finding"]
        )
    except ObjectDoesNotExist:
        source_form.add_error(
            None,
            _("There is no such recommendation.")
            if data["recommendation"] is not None
            else _("There is no such finding."),
        )
        return _page(request, source_form=source_form, status=400)
    if request.method == "GET":
        return _page(request, source_form=source_form, source=source)

    source_arguments = {"recommendation": source} if data["recommendation"] is not None else {"finding": source}
    action = request.POST.get("action")
    if action == "create":
        form = forms.FollowUpTaskForm(request.POST, user=user)
        if form.is_valid():
            try:
                follow_up = services.follow_up_create_task(
                    actor=user, request=request, **source_arguments, **form.service_arguments()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The task has been created to follow this up."))
                return _see_other(follow_up.task.get_absolute_url() + "#why-title")
        return _page(request, source_form=source_form, source=source, create_form=form, status=400)

    form = forms.FollowUpLinkForm(request.POST, user=user)
    if action == "link" and form.is_valid():
        try:
            follow_up = services.follow_up_link(
                task=form.cleaned_data["task"],
                actor=user,
                note=form.cleaned_data["note"],
                request=request,
                **source_arguments,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The task now follows this up."))
            return _see_other(follow_up.task.get_absolute_url() + "#why-title")
    elif action != "link":
        form.is_valid()
        form.add_error(None, _("Choose whether to link an existing task or create a new one."))
    return _page(request, source_form=source_form, source=source, link_form=form, status=400)


@require_POST
def follow_up_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """The office undoes a follow-up link (the task and its records stay)."""
    _require_office(request)
    try:
        follow_up = selectors.follow_up_get(user=request.user, pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    services.follow_up_unlink(follow_up=follow_up, actor=request.user, request=request)
    messages.success(request, _("The follow-up link has been removed."))
    return _see_other(follow_up.task.get_absolute_url() + "#why-title")
