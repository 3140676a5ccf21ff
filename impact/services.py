"""Writes of the impact app. Each runs in one transaction and records its audit event.

The HTML views and the REST API call these functions; no rule lives elsewhere. Every status change
goes through :func:`_transition` along ``workflow.TRANSITIONS``, locks the row, checks the status
the user saw (``expected_status``) and records an :class:`AssessmentEvent`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from humanrights_portal.core import permissions
from humanrights_portal.core.models import Department, RightCategory, User, VulnerableGroup
from humanrights_portal.core.services import audit_record, model_changes
from humanrights_portal.core.uploads import check_uploads
from impact import workflow
from impact.models import (
    LEGISLATION_TYPES,
    Answer,
    Assessment,
    AssessmentAttachment,
    AssessmentEvent,
    AssessmentStatus,
    ChecklistCriterion,
    ChecklistTemplate,
    CommitteeReview,
    CriterionAnswer,
    Finding,
    Outcome,
    ResponseKind,
    SubjectType,
)

S = AssessmentStatus
CODE_PREFIX = "HRIA"


def _require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("You may not do this."))


# ---------------------------------------------------------------- reference codes


def assessment_code_allocate(*, year: int) -> str:
    """The next reference of ``year``, e.g. ``HRIA-2018-0042`` (one atomic upsert, like receipt codes)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO impact_assessmentsequence (year, last_number) VALUES (%s, 1)
            ON CONFLICT (year) DO UPDATE SET last_number = impact_assessmentsequence.last_number + 1
            RETURNING last_number
            """,
            [year],
        )
        number = cursor.fetchone()[0]
    return f"{CODE_PREFIX}-{year}-{number:04d}"


# ---------------------------------------------------------------- requests

SUBJECT_FIELDS = (
    "subject_type",
    "title",
    "description",
    "revision_kind",
    "article_numbers",
    "legislative_notice_start",
    "legislative_notice_end",
    "address",
    "facility_use",
    "step_free_entrance",
    "accessible_toilet",
    "lift_or_ramp",
    "tactile_guidance",
    "accessible_parking",
    "event_start",
    "event_end",
    "venue",
    "expected_attendance",
)

#: Fields that only make sense for some subject types; they are cleared for the others.
TYPE_SPECIFIC_FIELDS = {
    "legislation": (
        "revision_kind",
        "article_numbers",
        "legislative_notice_start",
        "legislative_notice_end",
    ),
    SubjectType.BUILDING: (
        "address",
        "facility_use",
        "step_free_entrance",
        "accessible_toilet",
        "lift_or_ramp",
        "tactile_guidance",
        "accessible_parking",
    ),
    SubjectType.EVENT: ("event_start", "event_end", "venue", "expected_attendance"),
}


def _type_key(subject_type: str) -> str:
    return "legislation" if subject_type in LEGISLATION_TYPES else subject_type


def _clean_subject(assessment: Assessment) -> None:
    """Type-specific rules: what an ordinance, a building or an event request must say."""
    key = _type_key(assessment.subject_type)
    for type_key, fields in TYPE_SPECIFIC_FIELDS.items():
        if type_key == key:
            continue
        for field in fields:
            default = None if Assessment._meta.get_field(field).null else ""
            setattr(assessment, field, default)
    errors: dict[str, list[str]] = {}
    if key == "legislation" and not assessment.revision_kind:
        errors["revision_kind"] = [_("Say whether the ordinance or regulation is new or revised.")]
    if key == SubjectType.BUILDING:
        if not assessment.address.strip():
            errors["address"] = [_("Give the address of the building or facility.")]
        if not assessment.facility_use:
            errors["facility_use"] = [_("Say what the building or facility is used for.")]
    if key == SubjectType.EVENT and assessment.event_start is None:
        errors["event_start"] = [_("Give the date of the event.")]
    notice_start, notice_end = assessment.legislative_notice_start, assessment.legislative_notice_end
    if notice_start and notice_end and notice_end < notice_start:
        errors["legislative_notice_end"] = [_("The legislative notice cannot end before it starts.")]
    if assessment.event_start and assessment.event_end and assessment.event_end < assessment.event_start:
        errors["event_end"] = [_("The event cannot end before it starts.")]
    try:
        assessment.full_clean(exclude=["code", "requested_by", "year"], validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _set_links(assessment: Assessment, related_tasks, related_recommendations) -> None:
    if related_tasks is not None:
        assessment.related_tasks.set(related_tasks)
    if related_recommendations is not None:
        assessment.related_recommendations.set(related_recommendations)


@transaction.atomic
def assessment_request(
    *,
    actor: User,
    department: Department,
    request: HttpRequest | None = None,
    requested_on: datetime.date | None = None,
    related_tasks=None,
    related_recommendations=None,
    **fields: Any,
) -> Assessment:
    """A department (for its own subject) or the office asks for an assessment."""
    _require(permissions.can_request_impact_assessment(actor, department))
    unknown = set(fields) - set(SUBJECT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    requested_on = requested_on or timezone.localdate()
    assessment = Assessment(
        department=department,
        requested_by=actor,
        requested_on=requested_on,
        year=requested_on.year,
        status=S.REQUESTED,
        stage_deadline=workflow.stage_deadline(S.REQUESTED, requested_on),
        **fields,
    )
    for field in ("title", "description", "article_numbers", "address", "venue"):
        setattr(assessment, field, (getattr(assessment, field) or "").strip())
    _clean_subject(assessment)
    assessment.code = assessment_code_allocate(year=assessment.year)
    assessment.save()
    _set_links(assessment, related_tasks, related_recommendations)
    AssessmentEvent.objects.create(assessment=assessment, to_status=S.REQUESTED, actor=actor)
    audit_record(actor=actor, action="impact.request", target=assessment, request=request)
    return assessment


#: Statuses in which the subject described in the request may still be corrected.
EDITABLE_STATUSES = frozenset({S.REQUESTED, S.IN_ASSESSMENT})


@transaction.atomic
def assessment_update(
    *,
    assessment: Assessment,
    actor: User,
    request: HttpRequest | None = None,
    related_tasks=None,
    related_recommendations=None,
    **fields: Any,
) -> Assessment:
    """Correct the subject of a request while it is not yet assessed (its department or the office)."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require(permissions.can_withdraw_impact_request(actor, assessment))
    if assessment.status not in EDITABLE_STATUSES:
        raise ValidationError(_("The subject can be changed until the findings are issued."))
    unknown = set(fields) - set(SUBJECT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if "subject_type" in fields and fields["subject_type"] != assessment.subject_type and assessment.checklist_id:
        raise ValidationError({"subject_type": [_("The subject type cannot change once the assessment has started.")]})
    changes = model_changes(assessment, fields)
    for key, value in fields.items():
        setattr(assessment, key, value.strip() if isinstance(value, str) else value)
    _clean_subject(assessment)
    assessment.save()
    _set_links(assessment, related_tasks, related_recommendations)
    audit_record(actor=actor, action="impact.update", target=assessment, changes=changes, request=request)
    return assessment


# ---------------------------------------------------------------- transitions


def _transition(
    assessment: Assessment,
    to: str,
    *,
    actor: User,
    reason: str = "",
    expected_status: str | None = None,
    request: HttpRequest | None = None,
    on: datetime.date | None = None,
    before_save=None,
) -> Assessment:
    """Lock the row, check the map and the status the user saw, move, record the event."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    from_status = locked.status
    if expected_status is not None and expected_status != from_status:
        raise ValidationError(
            _(
                "This assessment was changed by someone else in the meantime (it is now “%(status)s”). "
                "Reload and try again."
            )
            % {"status": locked.status_label}
        )
    if not workflow.can_transition(from_status, to):
        raise ValidationError(
            _("An assessment cannot go from “%(from)s” to “%(to)s”.")
            % {"from": AssessmentStatus(from_status).label, "to": AssessmentStatus(to).label}
        )
    if before_save is not None:
        before_save(locked)
    on = on or timezone.localdate()
    locked.status = to
    locked.stage_deadline = workflow.stage_deadline(to, on)
    locked.save()
    AssessmentEvent.objects.create(
        assessment=locked, from_status=from_status, to_status=to, actor=actor, reason=reason.strip()
    )
    audit_record(
        actor=actor,
        action=f"impact.{to}",
        target=locked,
        changes={"status": [from_status, to]},
        reason=reason.strip(),
        request=request,
    )
    return locked


def published_template(subject_type: str) -> ChecklistTemplate | None:
    return ChecklistTemplate.objects.filter(subject_type=subject_type, state=ChecklistTemplate.State.PUBLISHED).first()


@transaction.atomic
def assessment_start(
    *,
    assessment: Assessment,
    actor: User,
    assessor: User | None = None,
    expected_status: str | None = None,
    request: HttpRequest | None = None,
) -> Assessment:
    """The assessment team takes the request: the checklist in use for the subject type is attached
    (its version stays with the assessment) and one blank answer per criterion is created."""
    _require(permissions.can_assess_impact(actor))
    assessor = assessor or actor
    if not permissions.can_assess_impact(assessor):
        raise ValidationError({"assessor": [_("Only members of the human rights office can assess.")]})
    template = published_template(assessment.subject_type)
    if template is None:
        raise ValidationError(
            _("There is no checklist in use for “%(type)s”. Publish one first.")
            % {"type": SubjectType(assessment.subject_type).label}
        )

    def attach(locked: Assessment) -> None:
        locked.checklist = template
        locked.assessor = assessor

    assessment = _transition(
        assessment, S.IN_ASSESSMENT, actor=actor, expected_status=expected_status, request=request, before_save=attach
    )
    CriterionAnswer.objects.bulk_create(
        [CriterionAnswer(assessment=assessment, criterion=criterion) for criterion in template.criteria.all()],
        ignore_conflicts=True,
    )
    return assessment


@transaction.atomic
def assessment_assign(
    *, assessment: Assessment, assessor: User, actor: User, request: HttpRequest | None = None
) -> Assessment:
    _require(permissions.can_assess_impact(actor))
    if not permissions.can_assess_impact(assessor):
        raise ValidationError({"assessor": [_("Only members of the human rights office can assess.")]})
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status in workflow.TERMINAL_STATUSES:
        raise ValidationError(_("This assessment is finished."))
    before = assessment.assessor_id
    assessment.assessor = assessor
    assessment.save(update_fields=["assessor", "updated_at"])
    audit_record(
        actor=actor,
        action="impact.assign",
        target=assessment,
        changes={"assessor": [before, assessor.pk]},
        request=request,
    )
    return assessment


def _require_in_assessment(assessment: Assessment) -> None:
    if assessment.status != S.IN_ASSESSMENT:
        raise ValidationError(_("The checklist and findings can be changed while the assessment is in progress."))


NOTE_REQUIRED_ANSWERS = frozenset({Answer.NO, Answer.PARTLY})


@transaction.atomic
def checklist_save(
    *,
    assessment: Assessment,
    actor: User,
    answers: dict[int, dict[str, str]],
    request: HttpRequest | None = None,
) -> Assessment:
    """Save the answers given so far (a draft: unanswered criteria may stay blank).

    ``answers`` maps criterion ids to ``{"answer": …, "note": …}``. A "no" or "partly" needs a note
    saying what is missing; errors are keyed ``answer-<criterion id>`` / ``note-<criterion id>``.
    """
    _require(permissions.can_assess_impact(actor))
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_in_assessment(assessment)
    rows = {row.criterion_id: row for row in assessment.answers.select_related("criterion")}
    errors: dict[str, list[str]] = {}
    changed = []
    for criterion_id, given in answers.items():
        row = rows.get(int(criterion_id)) if str(criterion_id).isdigit() else None
        if row is None:
            errors.setdefault("answers", []).append(
                _("Criterion %(id)s is not part of this checklist.") % {"id": criterion_id}
            )
            continue
        answer = (given.get("answer") or "").strip()
        note = (given.get("note") or "").strip()
        if answer and answer not in Answer.values:
            errors[f"answer-{row.criterion_id}"] = [_("Choose yes, no, partly or not applicable.")]
            continue
        if answer in NOTE_REQUIRED_ANSWERS and not note:
            errors[f"note-{row.criterion_id}"] = [
                _("Criterion %(number)s: say what is missing when the answer is “no” or “partly”.")
                % {"number": row.criterion.number}
            ]
            continue
        if row.answer != answer or row.note != note:
            row.answer, row.note, row.updated_at = answer, note, timezone.now()
            changed.append(row)
    if errors:
        raise ValidationError(errors)
    if changed:
        CriterionAnswer.objects.bulk_update(changed, ["answer", "note", "updated_at"])
    audit_record(
        actor=actor, action="impact.checklist", target=assessment, changes={"answers": len(changed)}, request=request
    )
    return assessment


@transaction.atomic
def attachments_add(
    *,
    assessment: Assessment,
    actor: User,
    uploads: list[UploadedFile],
    criterion: ChecklistCriterion | None = None,
    request: HttpRequest | None = None,
) -> list[AssessmentAttachment]:
    """Evidence (site photos, drafts, reports), while the assessment is open."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require(permissions.can_assess_impact(actor) or permissions.can_record_impact_outcome(actor, assessment))
    if assessment.status in workflow.TERMINAL_STATUSES:
        raise ValidationError(_("Evidence can be added while the assessment is open."))
    if criterion is not None and criterion.template_id != assessment.checklist_id:
        raise ValidationError({"criterion": [_("The criterion is not part of this assessment's checklist.")]})
    checked_files = check_uploads(uploads, already_attached=assessment.attachments.count())
    stored, written = [], []
    try:
        for checked in checked_files:
            attachment = AssessmentAttachment(
                assessment=assessment,
                criterion=criterion,
                original_name=(checked.upload.name or "file")[:255],
                content_type=checked.content_type,
                size=checked.size,
                uploaded_by=actor,
            )
            attachment.file.save(f"assessment-{assessment.pk}.{checked.extension}", checked.upload, save=False)
            written.append(attachment.file.name)
            attachment.save()
            stored.append(attachment)
        audit_record(
            actor=actor, action="impact.attach", target=assessment, changes={"files": len(stored)}, request=request
        )
    except Exception:
        for name in written:
            AssessmentAttachment.file.field.storage.delete(name)
        raise
    return stored


@transaction.atomic
def finding_save(
    *,
    assessment: Assessment,
    actor: User,
    finding: str,
    recommendation: str,
    criterion: ChecklistCriterion | None = None,
    instance: Finding | None = None,
    request: HttpRequest | None = None,
) -> Finding:
    """Add or change a finding and its recommendation, on one criterion or on the subject overall."""
    _require(permissions.can_assess_impact(actor))
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_in_assessment(assessment)
    if instance is not None and instance.assessment_id != assessment.pk:
        raise ValidationError(_("The finding belongs to another assessment."))
    errors: dict[str, list[str]] = {}
    if criterion is not None and criterion.template_id != assessment.checklist_id:
        errors["criterion"] = [_("The criterion is not part of this assessment's checklist.")]
    if not finding.strip():
        errors["finding"] = [_("Describe what the assessment found.")]
    if not recommendation.strip():
        errors["recommendation"] = [_("Say what the department should change.")]
    if errors:
        raise ValidationError(errors)
    if instance is None:
        number = (assessment.findings.aggregate(last=Max("number"))["last"] or 0) + 1
        instance = Finding(assessment=assessment, number=number, created_by=actor)
    instance.criterion = criterion
    instance.finding = finding.strip()
    instance.recommendation = recommendation.strip()
    instance.save()
    audit_record(actor=actor, action="impact.finding", target=instance, request=request)
    return instance


@transaction.atomic
def finding_delete(*, finding: Finding, actor: User, request: HttpRequest | None = None) -> None:
    _require(permissions.can_assess_impact(actor))
    assessment = Assessment.objects.select_for_update().get(pk=finding.assessment_id)
    _require_in_assessment(assessment)
    audit_record(actor=actor, action="impact.finding.delete", target=finding, request=request)
    finding.delete()


@transaction.atomic
def findings_issue(
    *,
    assessment: Assessment,
    actor: User,
    summary: str,
    expected_status: str | None = None,
    request: HttpRequest | None = None,
) -> Assessment:
    """Finish the checklist and send the findings to the department. Every criterion must be
    answered, and a criterion that is not met needs a recommendation (on it or overall)."""
    _require(permissions.can_assess_impact(actor))

    def check(locked: Assessment) -> None:
        errors: dict[str, list[str]] = {}
        rows = list(locked.answers.select_related("criterion"))
        if not rows:
            errors["answers"] = [_("The checklist has no criteria.")]
        for row in rows:
            if not row.answer:
                errors[f"answer-{row.criterion_id}"] = [
                    _("Criterion %(number)s is not answered yet.") % {"number": row.criterion.number}
                ]
            elif row.answer in NOTE_REQUIRED_ANSWERS and not row.note:
                errors[f"note-{row.criterion_id}"] = [
                    _("Criterion %(number)s: say what is missing when the answer is “no” or “partly”.")
                    % {"number": row.criterion.number}
                ]
        failed = any(row.answer in NOTE_REQUIRED_ANSWERS for row in rows)
        if failed and not locked.findings.exists():
            errors["findings"] = [_("Some criteria are not met: write at least one recommendation.")]
        if not summary.strip():
            errors["summary"] = [_("Summarise the findings for the department.")]
        if errors:
            raise ValidationError(errors)
        locked.findings_summary = summary.strip()
        locked.findings_issued_on = timezone.localdate()

    return _transition(
        assessment,
        S.FINDINGS_ISSUED,
        actor=actor,
        expected_status=expected_status,
        request=request,
        before_save=check,
    )


def _require_responding(assessment: Assessment, actor: User) -> None:
    _require(permissions.can_respond_to_impact_findings(actor, assessment))
    if assessment.status != S.FINDINGS_ISSUED:
        raise ValidationError(_("Responses can be given while the findings await the department's response."))


def _check_response(finding: Finding, response: str, reason: str) -> dict[str, list[str]]:
    if response and response not in ResponseKind.values:
        return {f"response-{finding.pk}": [_("Choose accepted, partially accepted or rejected.")]}
    if response in (ResponseKind.PARTIALLY_ACCEPTED, ResponseKind.REJECTED) and not reason:
        return {
            f"reason-{finding.pk}": [
                _("Recommendation %(number)s: give the reason when it is not fully accepted.")
                % {"number": finding.number}
            ]
        }
    return {}


@transaction.atomic
def responses_save(
    *,
    assessment: Assessment,
    actor: User,
    responses: dict[int, dict[str, str]],
    request: HttpRequest | None = None,
) -> Assessment:
    """The department's response to each recommendation, saved as a draft.

    ``responses`` maps finding ids to ``{"response": …, "reason": …}``; errors are keyed
    ``response-<finding id>`` / ``reason-<finding id>``.
    """
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_responding(assessment, actor)
    findings = {finding.pk: finding for finding in assessment.findings.all()}
    errors: dict[str, list[str]] = {}
    changed = []
    now = timezone.now()
    for finding_id, given in responses.items():
        finding = findings.get(int(finding_id)) if str(finding_id).isdigit() else None
        if finding is None:
            errors.setdefault("responses", []).append(
                _("Recommendation %(id)s is not part of this assessment.") % {"id": finding_id}
            )
            continue
        response = (given.get("response") or "").strip()
        reason = (given.get("reason") or "").strip()
        problem = _check_response(finding, response, reason)
        if problem:
            errors.update(problem)
            continue
        if finding.response != response or finding.response_reason != reason:
            finding.response, finding.response_reason = response, reason
            finding.responded_at = now if response else None
            finding.responded_by = actor if response else None
            changed.append(finding)
    if errors:
        raise ValidationError(errors)
    if changed:
        Finding.objects.bulk_update(changed, ["response", "response_reason", "responded_at", "responded_by"])
    audit_record(
        actor=actor, action="impact.responses", target=assessment, changes={"responses": len(changed)}, request=request
    )
    return assessment


@transaction.atomic
def responses_submit(
    *,
    assessment: Assessment,
    actor: User,
    note: str = "",
    expected_status: str | None = None,
    request: HttpRequest | None = None,
) -> Assessment:
    """Send the department's responses to the office: every recommendation must be answered."""
    _require(permissions.can_respond_to_impact_findings(actor, assessment))

    def check(locked: Assessment) -> None:
        errors: dict[str, list[str]] = {}
        for finding in locked.findings.all():
            if not finding.response:
                errors[f"response-{finding.pk}"] = [
                    _("Recommendation %(number)s has no response yet.") % {"number": finding.number}
                ]
            else:
                errors.update(_check_response(finding, finding.response, finding.response_reason))
        if errors:
            raise ValidationError(errors)

    return _transition(
        assessment,
        S.RESPONDED,
        actor=actor,
        reason=note,
        expected_status=expected_status,
        request=request,
        before_save=check,
    )


@transaction.atomic
def outcome_record(
    *,
    assessment: Assessment,
    actor: User,
    outcome: str,
    outcome_on: datetime.date | None,
    summary: str,
    expected_status: str | None = None,
    request: HttpRequest | None = None,
) -> Assessment:
    """What became of the subject: revised, partially revised or not revised, when, and what changed."""
    _require(permissions.can_record_impact_outcome(actor, assessment))

    def check(locked: Assessment) -> None:
        errors: dict[str, list[str]] = {}
        if outcome not in Outcome.values:
            errors["outcome"] = [_("Choose revised, partially revised or not revised.")]
        if outcome_on is None:
            errors["outcome_on"] = [_("Give the date of the outcome.")]
        elif outcome_on > timezone.localdate():
            errors["outcome_on"] = [_("The outcome date cannot be in the future.")]
        elif outcome_on < locked.requested_on:
            errors["outcome_on"] = [_("The outcome date cannot be before the request.")]
        if outcome in (Outcome.REVISED, Outcome.PARTIALLY_REVISED) and not summary.strip():
            errors["outcome_summary"] = [_("Say what changed.")]
        if errors:
            raise ValidationError(errors)
        locked.outcome = outcome
        locked.outcome_on = outcome_on
        locked.outcome_summary = summary.strip()

    return _transition(
        assessment,
        S.OUTCOME_RECORDED,
        actor=actor,
        expected_status=expected_status,
        request=request,
        before_save=check,
    )


@transaction.atomic
def committee_review_request(
    *,
    assessment: Assessment,
    actor: User,
    note: str = "",
    expected_status: str | None = None,
    request: HttpRequest | None = None,
) -> Assessment:
    """The office puts the assessment before the human rights committee."""
    _require(permissions.can_assess_impact(actor))
    return _transition(
        assessment, S.COMMITTEE_REVIEW, actor=actor, reason=note, expected_status=expected_status, request=request
    )


@transaction.atomic
def committee_review_submit(
    *,
    assessment: Assessment,
    actor: User,
    committee,
    conclusion: str,
    text: str,
    meeting=None,
    request: HttpRequest | None = None,
) -> CommitteeReview:
    """A committee opinion on an assessment under review (by a member, or the office for the committee)."""
    _require(permissions.can_review_impact_assessments(actor))
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != S.COMMITTEE_REVIEW:
        raise ValidationError(_("The committee reviews an assessment once the office has put it before it."))
    errors: dict[str, list[str]] = {}
    if conclusion not in CommitteeReview.Conclusion.values:
        errors["conclusion"] = [_("Choose the committee's conclusion.")]
    if not text.strip():
        errors["text"] = [_("Write the committee's opinion.")]
    if meeting is not None and meeting.committee_id != committee.pk:
        errors["meeting"] = [_("The meeting is not one of this committee's.")]
    if errors:
        raise ValidationError(errors)
    review = CommitteeReview.objects.create(
        assessment=assessment,
        committee=committee,
        meeting=meeting,
        conclusion=conclusion,
        text=text.strip(),
        author=actor,
    )
    audit_record(actor=actor, action="impact.review", target=review, request=request)
    return review


@transaction.atomic
def assessment_close(
    *,
    assessment: Assessment,
    actor: User,
    public_summary: str,
    note: str = "",
    expected_status: str | None = None,
    request: HttpRequest | None = None,
) -> Assessment:
    """Close the assessment with the summary the public will read. From committee review at least
    one review must be recorded."""
    _require(permissions.can_assess_impact(actor))

    def check(locked: Assessment) -> None:
        errors: dict[str, list[str]] = {}
        if not public_summary.strip():
            errors["public_summary"] = [_("Write the summary the public will read.")]
        if locked.status == S.COMMITTEE_REVIEW and not locked.reviews.exists():
            errors["reviews"] = [_("Record the committee's review before closing.")]
        if errors:
            raise ValidationError(errors)
        locked.public_summary = public_summary.strip()
        locked.closed_on = timezone.localdate()

    return _transition(
        assessment,
        S.CLOSED,
        actor=actor,
        reason=note,
        expected_status=expected_status,
        request=request,
        before_save=check,
    )


@transaction.atomic
def assessment_withdraw(
    *,
    assessment: Assessment,
    actor: User,
    reason: str,
    expected_status: str | None = None,
    request: HttpRequest | None = None,
) -> Assessment:
    """Withdraw a request before findings are issued (e.g. the draft ordinance was dropped)."""
    _require(permissions.can_withdraw_impact_request(actor, assessment))
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for withdrawing the request.")]})

    def stamp(locked: Assessment) -> None:
        locked.closed_on = timezone.localdate()

    return _transition(
        assessment,
        S.WITHDRAWN,
        actor=actor,
        reason=reason,
        expected_status=expected_status,
        request=request,
        before_save=stamp,
    )


# ---------------------------------------------------------------- checklist templates


@transaction.atomic
def template_create(
    *,
    actor: User,
    subject_type: str,
    title: str,
    description: str = "",
    copy_from: ChecklistTemplate | None = None,
    request: HttpRequest | None = None,
) -> ChecklistTemplate:
    """A new draft version for a subject type, starting from ``copy_from`` (default: the version in use)."""
    _require(permissions.can_manage_checklists(actor))
    if subject_type not in SubjectType.values:
        raise ValidationError({"subject_type": [_("Choose a subject type.")]})
    if not title.strip():
        raise ValidationError({"title": [_("Give the checklist a title.")]})
    if copy_from is not None and copy_from.subject_type != subject_type:
        raise ValidationError({"copy_from": [_("Copy a checklist of the same subject type.")]})
    copy_from = copy_from or published_template(subject_type)
    # Serialise version numbers per subject type.
    list(ChecklistTemplate.objects.select_for_update().filter(subject_type=subject_type).values_list("pk"))
    last = ChecklistTemplate.objects.filter(subject_type=subject_type).aggregate(last=Max("version"))["last"] or 0
    template = ChecklistTemplate.objects.create(
        subject_type=subject_type,
        version=last + 1,
        title=title.strip(),
        description=description.strip(),
        created_by=actor,
    )
    if copy_from is not None:
        ChecklistCriterion.objects.bulk_create(
            [
                ChecklistCriterion(
                    template=template,
                    number=criterion.number,
                    section=criterion.section,
                    text=criterion.text,
                    guidance=criterion.guidance,
                    right_id=criterion.right_id,
                    group_id=criterion.group_id,
                )
                for criterion in copy_from.criteria.all()
            ]
        )
    audit_record(
        actor=actor,
        action="impact.template.create",
        target=template,
        changes={"copied_from": copy_from.pk if copy_from else None},
        request=request,
    )
    return template


def _require_draft(template: ChecklistTemplate) -> None:
    if not template.is_editable:
        raise ValidationError(_("A checklist in use or retired cannot change; make a new version instead."))


@transaction.atomic
def template_update(
    *, template: ChecklistTemplate, actor: User, title: str, description: str = "", request: HttpRequest | None = None
) -> ChecklistTemplate:
    _require(permissions.can_manage_checklists(actor))
    template = ChecklistTemplate.objects.select_for_update().get(pk=template.pk)
    _require_draft(template)
    if not title.strip():
        raise ValidationError({"title": [_("Give the checklist a title.")]})
    changes = model_changes(template, {"title": title.strip(), "description": description.strip()})
    template.title, template.description = title.strip(), description.strip()
    template.save()
    audit_record(actor=actor, action="impact.template.update", target=template, changes=changes, request=request)
    return template


@transaction.atomic
def criterion_save(
    *,
    template: ChecklistTemplate,
    actor: User,
    section: str,
    text: str,
    guidance: str = "",
    number: int | None = None,
    right: RightCategory | None = None,
    group: VulnerableGroup | None = None,
    instance: ChecklistCriterion | None = None,
    request: HttpRequest | None = None,
) -> ChecklistCriterion:
    """Add or change a criterion of a draft checklist; ``number`` defaults to the next free one."""
    _require(permissions.can_manage_checklists(actor))
    template = ChecklistTemplate.objects.select_for_update().get(pk=template.pk)
    _require_draft(template)
    if instance is not None and instance.template_id != template.pk:
        raise ValidationError(_("The criterion belongs to another checklist."))
    errors: dict[str, list[str]] = {}
    if not section.strip():
        errors["section"] = [_("Name the right or group the criterion belongs to.")]
    if not text.strip():
        errors["text"] = [_("Write the criterion.")]
    if number is None:
        number = instance.number if instance else (template.criteria.aggregate(last=Max("number"))["last"] or 0) + 1
    elif number < 1:
        errors["number"] = [_("Numbers start at 1.")]
    elif template.criteria.filter(number=number).exclude(pk=getattr(instance, "pk", None)).exists():
        errors["number"] = [_("Another criterion has this number.")]
    if errors:
        raise ValidationError(errors)
    criterion = instance or ChecklistCriterion(template=template)
    criterion.number = number
    criterion.section = section.strip()
    criterion.text = text.strip()
    criterion.guidance = guidance.strip()
    criterion.right = right
    criterion.group = group
    criterion.save()
    audit_record(actor=actor, action="impact.criterion", target=criterion, request=request)
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: ChecklistCriterion, actor: User, request: HttpRequest | None = None) -> None:
    _require(permissions.can_manage_checklists(actor))
    template = ChecklistTemplate.objects.select_for_update().get(pk=criterion.template_id)
    _require_draft(template)
    audit_record(actor=actor, action="impact.criterion.delete", target=criterion, request=request)
    criterion.delete()


@transaction.atomic
def template_publish(
    *, template: ChecklistTemplate, actor: User, request: HttpRequest | None = None
) -> ChecklistTemplate:
    """Put a draft version in use; the version in use before is retired (assessments keep theirs)."""
    _require(permissions.can_manage_checklists(actor))
    template = ChecklistTemplate.objects.select_for_update().get(pk=template.pk)
    _require_draft(template)
    if not template.criteria.exists():
        raise ValidationError(_("Add at least one criterion before publishing."))
    retired = list(
        ChecklistTemplate.objects.select_for_update()
        .filter(subject_type=template.subject_type, state=ChecklistTemplate.State.PUBLISHED)
        .values_list("pk", flat=True)
    )
    ChecklistTemplate.objects.filter(pk__in=retired).update(state=ChecklistTemplate.State.RETIRED)
    template.state = ChecklistTemplate.State.PUBLISHED
    template.published_at = timezone.now()
    template.save(update_fields=["state", "published_at"])
    audit_record(
        actor=actor, action="impact.template.publish", target=template, changes={"retired": retired}, request=request
    )
    return template
