"""One assessment: its page, the office's workspace (checklist, findings, evidence) and each step of
the workflow, on its own page.

Server-rendered and usable without JavaScript. Reads go through ``impact.selectors``, writes
through ``impact.services``; who may do what is decided by ``core.permissions`` (the services check
again). Every transition form posts the status the user saw (``expected_status``), so a page left
open while a colleague moved the assessment gets a clear error instead of a wrong move. Login is
required by ``LoginRequiredMiddleware``, except for the assessment page: the public reads closed
assessments' summaries there.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from humanrights_portal.core import permissions
from humanrights_portal.core.forms import add_service_errors
from impact import selectors, services, workflow
from impact.forms import workspace as forms
from impact.models import (
    Assessment,
    AssessmentAttachment,
    AssessmentStatus,
    ChecklistCriterion,
    Finding,
    SubjectType,
)
from plans import selectors as plans_selectors

S = AssessmentStatus


# ---------------------------------------------------------------- helpers


def _see_other(url: str) -> HttpResponse:
    response = redirect(url)
    response.status_code = 303
    return response


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _get(user, pk: int) -> Assessment:
    try:
        return selectors.assessment_get(user=user, pk=pk)
    except Assessment.DoesNotExist:
        raise Http404 from None


def _get_finding(user, pk: int) -> Finding:
    try:
        return selectors.finding_get(user=user, pk=pk)
    except Finding.DoesNotExist:
        raise Http404 from None


def _criteria(assessment: Assessment):
    if assessment.checklist_id is None:
        return ChecklistCriterion.objects.none()
    return assessment.checklist.criteria.order_by("number")


def _crumbs(assessment: Assessment, label: str | None = None) -> list[tuple[str, str | None]]:
    items: list[tuple[str, str | None]] = [(_("Impact assessments"), reverse("impact:assessment-list"))]
    if label is None:
        items.append((assessment.code, None))
    else:
        items += [(assessment.code, assessment.get_absolute_url()), (label, None)]
    return items


def _anchor(field) -> str:
    widget = field.field.widget
    if isinstance(widget, django_forms.RadioSelect | django_forms.CheckboxSelectMultiple):
        return f"#{field.auto_id}_0"
    return f"#{field.auto_id}"


def _summary(form, links: list[dict] | None = None) -> list[dict]:
    """Every error of the page, each linking to its field. Errors of the per-criterion and
    per-recommendation fields name their criterion or recommendation themselves."""
    errors = list(links or [])
    if form is None or not form.errors:
        return errors
    for message in form.non_field_errors():
        errors.append({"message": message, "href": None})
    for field in form:
        names_itself = "-" in field.name
        for message in field.errors:
            text = message if names_itself else _("%(field)s: %(error)s") % {"field": field.label, "error": message}
            errors.append({"message": text, "href": _anchor(field)})
    return errors


def _form_page(
    request: HttpRequest,
    assessment: Assessment,
    *,
    form,
    title: str,
    submit_label: str,
    action_url: str,
    lead: str = "",
    available: bool = True,
    unavailable_message: str = "",
    links: list[dict] | None = None,
    template: str = "impact/workspace/action_form.html",
    status: int = 200,
    **extra,
) -> HttpResponse:
    context = {
        "assessment": assessment,
        "form": form,
        "title": title,
        "lead": lead,
        "submit_label": submit_label,
        "action_url": action_url,
        "available": available,
        "unavailable_message": unavailable_message,
        "summary_errors": _summary(form, links),
        "breadcrumb": _crumbs(assessment, title),
        **extra,
    }
    return render(request, template, context, status=status)


def _status_note(assessment: Assessment) -> str:
    return _("This step is not possible while the assessment is “%(status)s”.") % {"status": assessment.status_label}


# ---------------------------------------------------------------- the assessment page


@dataclass(frozen=True)
class Action:
    label: str
    url: str
    primary: bool = False


NEXT_STEP = {
    S.REQUESTED: gettext_lazy("Next, %(who)s starts the assessment."),
    S.IN_ASSESSMENT: gettext_lazy("Next, %(who)s answers the checklist and issues the findings."),
    S.FINDINGS_ISSUED: gettext_lazy("Next, %(who)s responds to each recommendation."),
    S.RESPONDED: gettext_lazy("Next, %(who)s records the outcome: revised, partially revised or not revised."),
    S.OUTCOME_RECORDED: gettext_lazy("Next, %(who)s puts the assessment before the committee or closes it."),
    S.COMMITTEE_REVIEW: gettext_lazy(
        "Next, %(who)s gives its review opinion; then the human rights office closes the assessment."
    ),
}


def _next_step(assessment: Assessment) -> str:
    if assessment.status == S.CLOSED:
        return _("The assessment is closed.")
    if assessment.status == S.WITHDRAWN:
        return _("The request was withdrawn.")
    actor = workflow.NEXT_ACTOR.get(assessment.status)
    who = {
        "office": _("the human rights office"),
        "department": assessment.department.name,
        "committee": _("the human rights committee"),
    }.get(actor, "")
    return str(NEXT_STEP[assessment.status]) % {"who": who}


def _steps(assessment: Assessment, events: list) -> list[dict]:
    """The main path, each step done, current or to come (a withdrawn request stops where it was)."""
    status = assessment.status
    if status == S.WITHDRAWN:
        reached = next((event.from_status for event in reversed(events) if event.to_status == S.WITHDRAWN), "")
        current_index = workflow.MAIN_PATH.index(reached) if reached in workflow.MAIN_PATH else 0
        return [
            {"label": S(step).label, "state": "done" if index <= current_index else "upcoming"}
            for index, step in enumerate(workflow.MAIN_PATH)
        ]
    current_index = workflow.MAIN_PATH.index(status)
    return [
        {
            "label": S(step).label,
            "state": "done"
            if index < current_index or status == S.CLOSED
            else ("current" if index == current_index else "upcoming"),
            "current": index == current_index,
        }
        for index, step in enumerate(workflow.MAIN_PATH)
    ]


def _actions(user, assessment: Assessment) -> list[Action]:
    """Only what this user may do in the current status."""
    status, pk = assessment.status, assessment.pk
    office = permissions.can_assess_impact(user)
    department_or_office = permissions.can_record_impact_outcome(user, assessment)
    actions: list[Action] = []

    def add(label: str, name: str, primary: bool = False) -> None:
        actions.append(Action(label, reverse(f"impact:{name}", args=[pk]), primary))

    if status == S.REQUESTED and office:
        add(_("Start the assessment"), "assessment-start", primary=True)
    if status == S.IN_ASSESSMENT and office:
        add(_("Answer the checklist"), "checklist", primary=True)
        add(_("Add a finding"), "finding-create")
        add(_("Issue the findings"), "findings-issue")
    if status == S.FINDINGS_ISSUED and permissions.can_respond_to_impact_findings(user, assessment):
        add(_("Respond to the recommendations"), "respond", primary=True)
    if status == S.RESPONDED and department_or_office:
        add(_("Record the outcome"), "outcome", primary=True)
    if status == S.OUTCOME_RECORDED and office:
        add(_("Put before the committee"), "committee-review-request", primary=True)
    if status == S.COMMITTEE_REVIEW and permissions.can_review_impact_assessments(user):
        add(_("Record the committee's review"), "review-create", primary=True)
    if status in (S.OUTCOME_RECORDED, S.COMMITTEE_REVIEW) and office:
        add(_("Close the assessment"), "assessment-close")
    if status in services.EDITABLE_STATUSES and permissions.can_withdraw_impact_request(user, assessment):
        add(_("Edit the request"), "assessment-edit")
    if status in workflow.OPEN_STATUSES and (office or department_or_office):
        add(_("Add evidence"), "attachments-add")
    if status in workflow.OPEN_STATUSES and office:
        add(_("Change the assessor"), "assessment-assign")
    if status in (S.REQUESTED, S.IN_ASSESSMENT) and permissions.can_withdraw_impact_request(user, assessment):
        add(_("Withdraw the request"), "assessment-withdraw")
    return actions


ACCESSIBILITY_FIELDS = (
    "step_free_entrance",
    "accessible_toilet",
    "lift_or_ramp",
    "tactile_guidance",
    "accessible_parking",
)


def _accessibility(assessment: Assessment) -> list[tuple[str, bool | None]]:
    if assessment.subject_type != SubjectType.BUILDING:
        return []
    return [(Assessment._meta.get_field(name).verbose_name, getattr(assessment, name)) for name in ACCESSIBILITY_FIELDS]


@login_not_required
@require_GET
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff see the whole assessment; the public sees a closed assessment's summary (else 404)."""
    user = request.user
    assessment = _get(user, pk)
    is_staff = permissions.can_view_impact_assessments(user)
    findings = list(assessment.findings.all())
    context: dict = {
        "assessment": assessment,
        "is_staff": is_staff,
        "findings": findings,
        "accessibility": _accessibility(assessment),
        "breadcrumb": _crumbs(assessment),
    }
    if is_staff:
        events = list(assessment.events.all())
        sections = selectors.checklist_sections(assessment=assessment) if assessment.checklist_id else []
        criteria = {row.criterion_id: row.criterion for section in sections for row in section.rows}
        context.update(
            events=events,
            steps=_steps(assessment, events),
            next_step=_next_step(assessment),
            actions=_actions(user, assessment),
            sections=sections,
            progress=selectors.checklist_progress(assessment=assessment) if assessment.checklist_id else None,
            attachments=[
                (attachment, criteria.get(attachment.criterion_id)) for attachment in assessment.attachments.all()
            ],
            reviews=list(assessment.reviews.all()),
            related_tasks=list(assessment.related_tasks.all()),
            related_recommendations=list(assessment.related_recommendations.all()),
            can_edit_findings=assessment.status == S.IN_ASSESSMENT and permissions.can_assess_impact(user),
        )
    return render(request, "impact/assessment_detail.html", context)


# ---------------------------------------------------------------- start and assign


@never_cache
@require_http_methods(["GET", "POST"])
def assessment_start(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(permissions.can_assess_impact(user))
    assessment = _get(user, pk)
    page = {
        "title": _("Start the assessment"),
        "lead": _("The checklist in use for this subject type is attached and the assessor answers it."),
        "submit_label": _("Start the assessment"),
        "action_url": reverse("impact:assessment-start", args=[pk]),
        "available": workflow.can_transition(assessment.status, S.IN_ASSESSMENT),
        "unavailable_message": _status_note(assessment),
    }
    if request.method == "GET":
        form = forms.StartForm(initial={"expected_status": assessment.status, "assessor": user.pk})
        return _form_page(request, assessment, form=form, **page)
    form = forms.StartForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_start(
                assessment=assessment,
                actor=user,
                assessor=form.cleaned_data["assessor"],
                expected_status=form.expected(),
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assessment has started: answer the checklist."))
            return _see_other(reverse("impact:checklist", args=[pk]))
    return _form_page(request, assessment, form=form, status=400, **page)


@never_cache
@require_http_methods(["GET", "POST"])
def assessment_assign(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(permissions.can_assess_impact(user))
    assessment = _get(user, pk)
    page = {
        "title": _("Change the assessor"),
        "submit_label": _("Save the assessor"),
        "action_url": reverse("impact:assessment-assign", args=[pk]),
        "available": assessment.status in workflow.OPEN_STATUSES,
        "unavailable_message": _("This assessment is finished."),
    }
    if request.method == "GET":
        form = forms.AssignForm(initial={"assessor": assessment.assessor_id or user.pk})
        return _form_page(request, assessment, form=form, **page)
    form = forms.AssignForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_assign(
                assessment=assessment, assessor=form.cleaned_data["assessor"], actor=user, request=request
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assessor has been changed."))
            return _see_other(assessment.get_absolute_url())
    return _form_page(request, assessment, form=form, status=400, **page)


# ---------------------------------------------------------------- the checklist (the workspace)


@dataclass
class ChecklistItem:
    row: object
    answer: object
    note: object


def _checklist_page(request, assessment, sections, form, *, status=200) -> HttpResponse:
    grouped = [
        (
            section.title,
            [
                ChecklistItem(row, form[forms.answer_field(row.criterion_id)], form[forms.note_field(row.criterion_id)])
                for row in section.rows
            ],
        )
        for section in sections
    ]
    context = {
        "assessment": assessment,
        "form": form,
        "sections": grouped,
        "progress": selectors.checklist_progress(assessment=assessment),
        "findings": list(assessment.findings.all()),
        "attachments": list(assessment.attachments.all()),
        "editable": assessment.status == S.IN_ASSESSMENT,
        "summary_errors": _summary(form),
        "breadcrumb": _crumbs(assessment, _("Checklist")),
    }
    return render(request, "impact/workspace/checklist.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def checklist(request: HttpRequest, pk: int) -> HttpResponse:
    """The office answers every criterion on one page; "Save draft" keeps unanswered ones blank."""
    user = request.user
    _require(permissions.can_assess_impact(user))
    assessment = _get(user, pk)
    sections = selectors.checklist_sections(assessment=assessment)
    rows = [row for section in sections for row in section.rows]
    if request.method == "GET":
        return _checklist_page(request, assessment, sections, forms.ChecklistForm(rows=rows))
    form = forms.ChecklistForm(request.POST, rows=rows)
    if form.is_valid():
        try:
            services.checklist_save(assessment=assessment, actor=user, answers=form.answers(), request=request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The checklist has been saved as a draft."))
            return _see_other(reverse("impact:checklist", args=[pk]))
    return _checklist_page(request, assessment, sections, form, status=400)


# ---------------------------------------------------------------- findings


def _finding_page(request, assessment, form, *, finding=None, status=200) -> HttpResponse:
    if finding is None:
        title, action_url = _("Add a finding"), reverse("impact:finding-create", args=[assessment.pk])
    else:
        title = _("Edit finding %(number)s") % {"number": finding.number}
        action_url = reverse("impact:finding-edit", args=[finding.pk])
    return _form_page(
        request,
        assessment,
        form=form,
        title=title,
        lead=_("A finding says what the assessment found; its recommendation says what the department should change."),
        submit_label=_("Save the finding"),
        action_url=action_url,
        available=assessment.status == S.IN_ASSESSMENT,
        unavailable_message=_("Findings can be changed while the assessment is in progress."),
        cancel_url=reverse("impact:checklist", args=[assessment.pk]) + "#findings-title",
        status=status,
    )


def _finding_save(request, assessment, *, finding=None) -> HttpResponse:
    form = forms.FindingForm(request.POST, criteria=_criteria(assessment))
    if form.is_valid():
        try:
            services.finding_save(
                assessment=assessment,
                actor=request.user,
                finding=form.cleaned_data["finding"],
                recommendation=form.cleaned_data["recommendation"],
                criterion=form.cleaned_data["criterion"],
                instance=finding,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The finding has been saved."))
            return _see_other(reverse("impact:checklist", args=[assessment.pk]) + "#findings-title")
    return _finding_page(request, assessment, form, finding=finding, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def finding_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(permissions.can_assess_impact(user))
    assessment = _get(user, pk)
    if request.method == "POST":
        return _finding_save(request, assessment)
    criterion = request.GET.get("criterion", "")
    initial = {"criterion": criterion} if criterion.isdigit() else {}
    form = forms.FindingForm(initial=initial, criteria=_criteria(assessment))
    return _finding_page(request, assessment, form)


@never_cache
@require_http_methods(["GET", "POST"])
def finding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(permissions.can_assess_impact(user))
    finding = _get_finding(user, pk)
    assessment = _get(user, finding.assessment_id)
    if request.method == "POST":
        return _finding_save(request, assessment, finding=finding)
    form = forms.FindingForm(
        initial={
            "criterion": finding.criterion_id,
            "finding": finding.finding,
            "recommendation": finding.recommendation,
        },
        criteria=_criteria(assessment),
    )
    return _finding_page(request, assessment, form, finding=finding)


@never_cache
@require_http_methods(["GET", "POST"])
def finding_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(permissions.can_assess_impact(user))
    finding = _get_finding(user, pk)
    assessment = _get(user, finding.assessment_id)
    form = django_forms.Form(request.POST if request.method == "POST" else None)
    page = {
        "title": _("Delete finding %(number)s") % {"number": finding.number},
        "lead": _("The finding and its recommendation will be deleted."),
        "submit_label": _("Delete the finding"),
        "action_url": reverse("impact:finding-delete", args=[finding.pk]),
        "available": assessment.status == S.IN_ASSESSMENT,
        "unavailable_message": _("Findings can be changed while the assessment is in progress."),
        "cancel_url": reverse("impact:checklist", args=[assessment.pk]) + "#findings-title",
        "finding": finding,
        "danger": True,
    }
    if request.method == "GET":
        return _form_page(request, assessment, form=form, **page)
    form.is_valid()
    try:
        services.finding_delete(finding=finding, actor=user, request=request)
    except ValidationError as error:
        add_service_errors(form, error)
        return _form_page(request, assessment, form=form, status=400, **page)
    messages.success(request, _("The finding has been deleted."))
    return _see_other(reverse("impact:checklist", args=[assessment.pk]) + "#findings-title")


def _issue_links(error: ValidationError, form, assessment: Assessment) -> list[dict]:
    """Checklist problems link back to the criterion on the checklist page; the rest go on the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return []
    checklist_url = reverse("impact:checklist", args=[assessment.pk])
    links = []
    for key, messages_ in error.message_dict.items():
        kind, _sep, rest = key.partition("-")
        if kind == "answer" and rest.isdigit():
            links += [{"message": message, "href": f"{checklist_url}#id_{key}_0"} for message in messages_]
        elif kind == "note" and rest.isdigit():
            links += [{"message": message, "href": f"{checklist_url}#id_{key}"} for message in messages_]
        elif key == "findings":
            href = reverse("impact:finding-create", args=[assessment.pk])
            links += [{"message": message, "href": href} for message in messages_]
        elif key in form.fields:
            form.add_error(key, messages_)
        else:
            form.add_error(None, messages_)
    return links


@never_cache
@require_http_methods(["GET", "POST"])
def findings_issue(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(permissions.can_assess_impact(user))
    assessment = _get(user, pk)
    page = {
        "title": _("Issue the findings"),
        "lead": _(
            "Every criterion must be answered, and a criterion that is not met needs a recommendation. "
            "The findings then go to %(department)s for its response."
        )
        % {"department": assessment.department.name},
        "submit_label": _("Issue the findings"),
        "action_url": reverse("impact:findings-issue", args=[pk]),
        "available": workflow.can_transition(assessment.status, S.FINDINGS_ISSUED),
        "unavailable_message": _status_note(assessment),
        "template": "impact/workspace/issue.html",
        "progress": selectors.checklist_progress(assessment=assessment),
        "findings": list(assessment.findings.all()),
    }
    if request.method == "GET":
        form = forms.IssueForm(initial={"expected_status": assessment.status, "summary": assessment.findings_summary})
        return _form_page(request, assessment, form=form, **page)
    form = forms.IssueForm(request.POST)
    links: list[dict] = []
    if form.is_valid():
        try:
            services.findings_issue(
                assessment=assessment,
                actor=user,
                summary=form.cleaned_data["summary"],
                expected_status=form.expected(),
                request=request,
            )
        except ValidationError as error:
            links = _issue_links(error, form, assessment)
        else:
            messages.success(
                request,
                _("The findings have been sent to %(department)s.") % {"department": assessment.department.name},
            )
            return _see_other(assessment.get_absolute_url())
    return _form_page(request, assessment, form=form, links=links, status=400, **page)


# ---------------------------------------------------------------- the department's response


@dataclass
class ResponseItem:
    finding: Finding
    response: object
    reason: object


def _respond_page(request, assessment, findings, form, *, status=200, draft_saved=False) -> HttpResponse:
    context = {
        "assessment": assessment,
        "form": form,
        "items": [
            ResponseItem(finding, form[forms.response_field(finding.pk)], form[forms.reason_field(finding.pk)])
            for finding in findings
        ],
        "editable": assessment.status == S.FINDINGS_ISSUED,
        "draft_saved": draft_saved,
        "summary_errors": _summary(form),
        "breadcrumb": _crumbs(assessment, _("Response")),
    }
    return render(request, "impact/workspace/respond.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    """The department answers every recommendation on one page: save a draft, or send to the office."""
    user = request.user
    assessment = _get(user, pk)
    _require(permissions.can_respond_to_impact_findings(user, assessment))
    findings = list(assessment.findings.all())
    if request.method == "GET":
        form = forms.RespondForm(initial={"expected_status": assessment.status}, findings=findings)
        return _respond_page(request, assessment, findings, form)
    form = forms.RespondForm(request.POST, findings=findings)
    if not form.is_valid():
        return _respond_page(request, assessment, findings, form, status=400)
    try:
        services.responses_save(assessment=assessment, actor=user, responses=form.responses(), request=request)
    except ValidationError as error:
        add_service_errors(form, error)
        return _respond_page(request, assessment, findings, form, status=400)
    if request.POST.get("action") != forms.RespondForm.SUBMIT:
        messages.success(request, _("Your responses have been saved as a draft."))
        return _see_other(reverse("impact:respond", args=[pk]))
    try:
        services.responses_submit(assessment=assessment, actor=user, expected_status=form.expected(), request=request)
    except ValidationError as error:
        add_service_errors(form, error)
        return _respond_page(request, assessment, findings, form, status=400, draft_saved=True)
    messages.success(request, _("Your responses have been sent to the human rights office."))
    return _see_other(assessment.get_absolute_url())


# ---------------------------------------------------------------- outcome, committee, closing, withdrawal


@never_cache
@require_http_methods(["GET", "POST"])
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    assessment = _get(user, pk)
    _require(permissions.can_record_impact_outcome(user, assessment))
    page = {
        "title": _("Record the outcome"),
        "lead": _("What became of the subject after the recommendations: revised, partially revised or not revised."),
        "submit_label": _("Record the outcome"),
        "action_url": reverse("impact:outcome", args=[pk]),
        "available": workflow.can_transition(assessment.status, S.OUTCOME_RECORDED),
        "unavailable_message": _status_note(assessment),
    }
    if request.method == "GET":
        form = forms.OutcomeForm(initial={"expected_status": assessment.status})
        return _form_page(request, assessment, form=form, **page)
    form = forms.OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.outcome_record(
                assessment=assessment,
                actor=user,
                outcome=form.cleaned_data["outcome"],
                outcome_on=form.cleaned_data["outcome_on"],
                summary=form.cleaned_data["outcome_summary"],
                expected_status=form.expected(),
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The outcome has been recorded."))
            return _see_other(assessment.get_absolute_url())
    return _form_page(request, assessment, form=form, status=400, **page)


@never_cache
@require_http_methods(["GET", "POST"])
def committee_review_request(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(permissions.can_assess_impact(user))
    assessment = _get(user, pk)
    page = {
        "title": _("Put before the committee"),
        "lead": _("The human rights committee reviews the assessment and its outcome."),
        "submit_label": _("Put before the committee"),
        "action_url": reverse("impact:committee-review-request", args=[pk]),
        "available": workflow.can_transition(assessment.status, S.COMMITTEE_REVIEW),
        "unavailable_message": _status_note(assessment),
    }
    if request.method == "GET":
        form = forms.CommitteeRequestForm(initial={"expected_status": assessment.status})
        return _form_page(request, assessment, form=form, **page)
    form = forms.CommitteeRequestForm(request.POST)
    if form.is_valid():
        try:
            services.committee_review_request(
                assessment=assessment,
                actor=user,
                note=form.cleaned_data["note"],
                expected_status=form.expected(),
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assessment is before the committee."))
            return _see_other(assessment.get_absolute_url())
    return _form_page(request, assessment, form=form, status=400, **page)


@never_cache
@require_http_methods(["GET", "POST"])
def review_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(permissions.can_review_impact_assessments(user))
    assessment = _get(user, pk)
    choices = {
        "committees": plans_selectors.committee_list(user=user).order_by("name"),
        "meetings": plans_selectors.meeting_list(user=user).order_by("-held_on", "-pk"),
    }
    page = {
        "title": _("Record the committee's review"),
        "submit_label": _("Save the review"),
        "action_url": reverse("impact:review-create", args=[pk]),
        "available": assessment.status == S.COMMITTEE_REVIEW,
        "unavailable_message": _("The committee reviews an assessment once the office has put it before it."),
    }
    if request.method == "GET":
        return _form_page(request, assessment, form=forms.ReviewForm(**choices), **page)
    form = forms.ReviewForm(request.POST, **choices)
    if form.is_valid():
        try:
            services.committee_review_submit(
                assessment=assessment,
                actor=user,
                committee=form.cleaned_data["committee"],
                meeting=form.cleaned_data["meeting"],
                conclusion=form.cleaned_data["conclusion"],
                text=form.cleaned_data["text"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The committee's review has been recorded."))
            return _see_other(assessment.get_absolute_url() + "#reviews-title")
    return _form_page(request, assessment, form=form, status=400, **page)


@never_cache
@require_http_methods(["GET", "POST"])
def assessment_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(permissions.can_assess_impact(user))
    assessment = _get(user, pk)
    page = {
        "title": _("Close the assessment"),
        "lead": _("Once closed, the public summary, the findings and the responses are published."),
        "submit_label": _("Close the assessment"),
        "action_url": reverse("impact:assessment-close", args=[pk]),
        "available": workflow.can_transition(assessment.status, S.CLOSED),
        "unavailable_message": _status_note(assessment),
    }
    if request.method == "GET":
        form = forms.CloseForm(
            initial={
                "expected_status": assessment.status,
                "public_summary": assessment.public_summary or assessment.outcome_summary,
            }
        )
        return _form_page(request, assessment, form=form, **page)
    form = forms.CloseForm(request.POST)
    links: list[dict] = []
    if form.is_valid():
        try:
            services.assessment_close(
                assessment=assessment,
                actor=user,
                public_summary=form.cleaned_data["public_summary"],
                expected_status=form.expected(),
                request=request,
            )
        except ValidationError as error:
            remaining: ValidationError | None = error
            if hasattr(error, "error_dict") and "reviews" in error.error_dict:
                by_field = error.message_dict
                href = reverse("impact:review-create", args=[pk])
                links = [{"message": message, "href": href} for message in by_field.pop("reviews")]
                remaining = ValidationError(by_field) if by_field else None
            if remaining is not None:
                add_service_errors(form, remaining)
        else:
            messages.success(request, _("The assessment is closed and its summary is public."))
            return _see_other(assessment.get_absolute_url())
    return _form_page(request, assessment, form=form, links=links, status=400, **page)


@never_cache
@require_http_methods(["GET", "POST"])
def assessment_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    assessment = _get(user, pk)
    _require(permissions.can_withdraw_impact_request(user, assessment))
    page = {
        "title": _("Withdraw the request"),
        "lead": _("A request can be withdrawn before the findings are issued, e.g. when the draft was dropped."),
        "submit_label": _("Withdraw the request"),
        "action_url": reverse("impact:assessment-withdraw", args=[pk]),
        "available": workflow.can_transition(assessment.status, S.WITHDRAWN),
        "unavailable_message": _status_note(assessment),
        "danger": True,
    }
    if request.method == "GET":
        form = forms.WithdrawForm(initial={"expected_status": assessment.status})
        return _form_page(request, assessment, form=form, **page)
    form = forms.WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_withdraw(
                assessment=assessment,
                actor=user,
                reason=form.cleaned_data["reason"],
                expected_status=form.expected(),
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The request has been withdrawn."))
            return _see_other(assessment.get_absolute_url())
    return _form_page(request, assessment, form=form, status=400, **page)


# ---------------------------------------------------------------- evidence


@never_cache
@require_http_methods(["GET", "POST"])
def attachments_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    assessment = _get(user, pk)
    _require(permissions.can_assess_impact(user) or permissions.can_record_impact_outcome(user, assessment))
    criteria = _criteria(assessment)
    page = {
        "title": _("Add evidence"),
        "lead": _("Files are kept for staff only; the public never sees them."),
        "submit_label": _("Attach"),
        "action_url": reverse("impact:attachments-add", args=[pk]),
        "available": assessment.status in workflow.OPEN_STATUSES,
        "unavailable_message": _("Evidence can be added while the assessment is open."),
    }
    if request.method == "GET":
        criterion = request.GET.get("criterion", "")
        initial = {"criterion": criterion} if criterion.isdigit() else {}
        return _form_page(request, assessment, form=forms.AttachmentsForm(initial=initial, criteria=criteria), **page)
    form = forms.AttachmentsForm(request.POST, request.FILES, criteria=criteria)
    if form.is_valid():
        try:
            stored = services.attachments_add(
                assessment=assessment,
                actor=user,
                uploads=form.cleaned_data["attachments"],
                criterion=form.cleaned_data["criterion"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext("%(count)d file attached.", "%(count)d files attached.", len(stored)) % {"count": len(stored)},
            )
            return _see_other(assessment.get_absolute_url() + "#attachments-title")
    return _form_page(request, assessment, form=form, status=400, **page)


@require_GET
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    """Evidence of an assessment, for staff only."""
    user = request.user
    _require(permissions.can_view_impact_assessments(user))
    try:
        attachment = selectors.assessment_attachment(user=user, assessment_pk=pk, pk=attachment_id)
    except AssessmentAttachment.DoesNotExist:
        raise Http404 from None
    if not attachment.file:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
