"""The human rights committee's pages: committees, members, meetings, review opinions and replies.

Every staff role reads them; the human rights office records members and meetings and replies to
opinions; committee members and the office write opinions. Reads go through ``plans.selectors``,
writes through ``plans.services``; login is required by ``LoginRequiredMiddleware``.
"""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from humanrights_portal.core import permissions
from humanrights_portal.core.forms import add_service_errors
from plans import selectors, services
from plans.forms import committee as committee_forms
from plans.models import Committee, ReviewOpinion

PAGE_SIZE = 25


def _see_other(url: str) -> HttpResponse:
    response = redirect(url)
    response.status_code = 303
    return response


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _committee(request: HttpRequest, pk: int) -> Committee:
    try:
        return selectors.committee_get(user=request.user, pk=pk)
    except Committee.DoesNotExist:
        raise Http404 from None


# ---------------------------------------------------------------- committees


@require_GET
def committee_list(request: HttpRequest) -> HttpResponse:
    committees = selectors.committee_list(user=request.user)
    return render(
        request,
        "plans/committee_list.html",
        {"committees": committees, "can_manage": permissions.can_manage_plans(request.user)},
    )


@require_GET
def committee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    committee = _committee(request, pk)
    members = list(committee.members.all())
    meetings = list(selectors.meeting_list(user=user, filters={"committee": committee.pk}))
    opinions = selectors.opinion_list(user=user, filters={"committee": committee.pk})
    return render(
        request,
        "plans/committee_detail.html",
        {
            "committee": committee,
            "current_members": [member for member in members if member.is_current],
            "past_members": [member for member in members if not member.is_current],
            "meetings_by_year": [(year, list(rows)) for year, rows in groupby(meetings, lambda m: m.held_on.year)],
            "opinions": opinions,
            "can_manage": permissions.can_manage_plans(user),
            "can_reply": permissions.can_reply_to_review_opinions(user),
        },
    )


# ---------------------------------------------------------------- members


def _member_form_response(request, *, committee, form, member=None, status=200) -> HttpResponse:
    return render(
        request, "plans/member_form.html", {"committee": committee, "form": form, "member": member}, status=status
    )


def _member_save(request, *, committee, member=None) -> HttpResponse:
    form = committee_forms.MemberForm(request.POST)
    if form.is_valid():
        try:
            services.member_save(
                committee=committee, actor=request.user, member=member, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The member has been saved."))
            return _see_other(committee.get_absolute_url() + "#members-title")
    return _member_form_response(request, committee=committee, form=form, member=member, status=400)


@require_http_methods(["GET", "POST"])
def member_create(request: HttpRequest, pk: int) -> HttpResponse:
    _require(permissions.can_manage_plans(request.user))
    committee = _committee(request, pk)
    if request.method == "GET":
        return _member_form_response(request, committee=committee, form=committee_forms.MemberForm())
    return _member_save(request, committee=committee)


@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(permissions.can_manage_plans(request.user))
    try:
        member = selectors.member_get(user=request.user, pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    committee = member.committee
    if request.method == "GET":
        form = committee_forms.MemberForm(
            initial={name: getattr(member, name) for name in ("name", "role", "affiliation", "term_start", "term_end")}
        )
        return _member_form_response(request, committee=committee, form=form, member=member)
    return _member_save(request, committee=committee, member=member)


# ---------------------------------------------------------------- meetings


@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    _require(permissions.can_manage_plans(request.user))
    committee = _committee(request, pk)
    members = committee.members.order_by("role", "name")
    if request.method == "GET":
        form = committee_forms.MeetingForm(members=members)
        agenda = committee_forms.AgendaFormSet(prefix="agenda")
        return render(request, "plans/meeting_form.html", {"committee": committee, "form": form, "agenda": agenda})
    form = committee_forms.MeetingForm(request.POST, members=members)
    agenda = committee_forms.AgendaFormSet(request.POST, prefix="agenda")
    form_valid = form.is_valid()
    if form_valid and agenda.is_valid():
        try:
            meeting = services.meeting_record(
                committee=committee,
                actor=request.user,
                held_on=form.cleaned_data["held_on"],
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                minutes=form.cleaned_data["minutes"],
                agenda=committee_forms.agenda_rows(agenda),
                attendees=list(form.cleaned_data["attendees"]),
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting has been recorded."))
            return _see_other(meeting.get_absolute_url())
    return render(
        request,
        "plans/meeting_form.html",
        {"committee": committee, "form": form, "agenda": agenda, "agenda_invalid": not agenda.is_valid()},
        status=400,
    )


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        meeting = selectors.meeting_get(user=request.user, pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    return render(
        request,
        "plans/meeting_detail.html",
        {
            "meeting": meeting,
            "attendees": list(meeting.attendees.all()),
            "can_reply": permissions.can_reply_to_review_opinions(request.user),
        },
    )


# ---------------------------------------------------------------- review opinions


@require_GET
def opinion_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    data = request.GET.copy()
    data.pop("page", None)
    form = committee_forms.opinion_filter_form(data)
    context = {
        "form": form,
        "can_reply": permissions.can_reply_to_review_opinions(user),
        "can_write": permissions.can_write_review_opinions(user),
    }
    try:
        opinions = selectors.opinion_list(user=user, filters=data)
    except selectors.InvalidFilters:
        form.is_valid()
        return render(request, "plans/opinion_list.html", {**context, "invalid": True}, status=400)
    paginator = Paginator(opinions, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    context.update(
        page_obj=page_obj,
        page_range=list(paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)),
        opinions=page_obj.object_list,
    )
    return render(request, "plans/opinion_list.html", context)


def _query_id(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) > 2_147_483_647:
        raise Http404
    return int(value)


def _opinion_subject(request: HttpRequest) -> dict:
    """The plan, task and record named by the query string (a record implies its task and plan)."""
    user = request.user
    plan_id, task_id, record_id = (_query_id(request, name) for name in ("plan", "task", "record"))
    record = task = None
    try:
        if record_id is not None:
            record = selectors.record_get(user=user, pk=record_id)
            task_id = task_id or record.task_id
        if task_id is not None:
            task = selectors.task_get(user=user, pk=task_id)
            plan_id = plan_id or task.area.plan_id
        if plan_id is None:
            raise Http404
        plan = selectors.plan_get(user=user, pk=plan_id)
    except ObjectDoesNotExist:
        raise Http404 from None
    return {"plan": plan, "task": task, "record": record}


@require_http_methods(["GET", "POST"])
def opinion_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require(permissions.can_write_review_opinions(user))
    subject = _opinion_subject(request)
    committees = selectors.committee_list(user=user)
    meetings = selectors.meeting_list(user=user)
    context = {**subject, "query": request.GET.urlencode()}
    if request.method == "GET":
        form = committee_forms.OpinionForm(committees=committees, meetings=meetings)
        return render(request, "plans/opinion_form.html", {**context, "form": form})
    form = committee_forms.OpinionForm(request.POST, committees=committees, meetings=meetings)
    if form.is_valid():
        try:
            services.opinion_submit(actor=user, request=request, **subject, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The review opinion has been recorded."))
            return _see_other(reverse("plans:opinion-list") + f"?plan={subject['plan'].pk}")
    return render(request, "plans/opinion_form.html", {**context, "form": form}, status=400)


@require_http_methods(["GET", "POST"])
def opinion_reply(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(permissions.can_reply_to_review_opinions(user))
    try:
        opinion = selectors.opinion_list(user=user).get(pk=pk)
    except ReviewOpinion.DoesNotExist:
        raise Http404 from None
    if request.method == "GET":
        initial = {}
        if opinion.reflection != ReviewOpinion.Reflection.PENDING:
            initial = {"reflection": opinion.reflection, "reply": opinion.office_reply}
        form = committee_forms.OpinionReplyForm(initial=initial)
        return render(request, "plans/opinion_reply.html", {"opinion": opinion, "form": form})
    form = committee_forms.OpinionReplyForm(request.POST)
    if form.is_valid():
        try:
            services.opinion_reply(opinion=opinion, actor=user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The reply has been saved."))
            return _see_other(reverse("plans:opinion-list") + f"?plan={opinion.plan_id}")
    return render(request, "plans/opinion_reply.html", {"opinion": opinion, "form": form}, status=400)
