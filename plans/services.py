"""Writes of the plans app. Each runs in one transaction and records its audit event.

The HTML views and the REST API call these functions; no rule lives elsewhere.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from humanrights_portal.core import permissions
from humanrights_portal.core.models import Department, SdgTarget, User, VulnerableGroup
from humanrights_portal.core.services import audit_record, model_changes
from humanrights_portal.core.uploads import check_uploads
from plans import workflow
from plans.models import (
    AgendaItem,
    AnnualRecord,
    BasePlan,
    Committee,
    CommitteeMember,
    FollowUp,
    Meeting,
    PlanArea,
    PlanStatus,
    PolicyTask,
    ProgressStatus,
    RecordAttachment,
    ReportingRound,
    ReviewOpinion,
    ReviewState,
    TaskBudget,
)


def _require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("You may not do this."))


# ---------------------------------------------------------------- plans, areas, tasks


PLAN_FIELDS = (
    "title",
    "title_en",
    "organisation",
    "start_year",
    "end_year",
    "vision",
    "area_kind",
    "drafting_process",
)


def _clean_plan(plan: BasePlan) -> None:
    """``full_clean`` with the period error at ``end_year`` (the check constraint alone names no field)."""
    errors: dict[str, list[str]] = {}
    try:
        plan.full_clean(validate_constraints=False)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if isinstance(plan.start_year, int) and isinstance(plan.end_year, int) and plan.end_year < plan.start_year:
        errors.setdefault("end_year", []).append(_("The last year cannot be before the first year."))
    if errors:
        raise ValidationError(errors)
    plan.validate_constraints()


@transaction.atomic
def plan_create(*, actor: User, request: HttpRequest | None = None, **fields: Any) -> BasePlan:
    _require(permissions.can_manage_plans(actor))
    plan = BasePlan(**{name: fields[name] for name in PLAN_FIELDS if name in fields})
    _clean_plan(plan)
    plan.save()
    audit_record(actor=actor, action="plan.create", target=plan, changes=fields, request=request)
    return plan


@transaction.atomic
def plan_update(*, plan: BasePlan, actor: User, request: HttpRequest | None = None, **fields: Any) -> BasePlan:
    _require(permissions.can_manage_plans(actor))
    plan = BasePlan.objects.select_for_update().get(pk=plan.pk)
    data = {name: fields[name] for name in PLAN_FIELDS if name in fields}
    changes = model_changes(plan, data)
    for name, value in data.items():
        setattr(plan, name, value)
    _clean_plan(plan)
    plan.save()
    if changes:
        audit_record(actor=actor, action="plan.update", target=plan, changes=changes, request=request)
    return plan


@transaction.atomic
def plan_adopt(
    *, plan: BasePlan, actor: User, adopted_on: datetime.date, request: HttpRequest | None = None
) -> BasePlan:
    """A draft plan becomes the city's adopted plan: public from now on."""
    _require(permissions.can_manage_plans(actor))
    plan = BasePlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Only a draft plan can be adopted."))
    if adopted_on > timezone.localdate():
        raise ValidationError({"adopted_on": [_("The adoption date cannot be in the future.")]})
    plan.status = PlanStatus.ADOPTED
    plan.adopted_on = adopted_on
    plan.save(update_fields=["status", "adopted_on", "updated_at"])
    audit_record(actor=actor, action="plan.adopt", target=plan, changes={"adopted_on": adopted_on}, request=request)
    return plan


@transaction.atomic
def plan_complete(*, plan: BasePlan, actor: User, request: HttpRequest | None = None) -> BasePlan:
    _require(permissions.can_manage_plans(actor))
    plan = BasePlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.ADOPTED:
        raise ValidationError(_("Only an adopted plan can be completed."))
    plan.status = PlanStatus.COMPLETED
    plan.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="plan.complete", target=plan, request=request)
    return plan


@transaction.atomic
def area_save(
    *,
    plan: BasePlan,
    actor: User,
    number: int,
    title: str,
    description: str = "",
    area: PlanArea | None = None,
    create: bool = False,
    request: HttpRequest | None = None,
) -> PlanArea:
    """Create the area with this number, or update it.

    ``area=`` updates that area (its number may change); ``create=True`` refuses a number already
    in use instead of updating the area that has it.
    """
    _require(permissions.can_manage_plans(actor))
    taken = PlanArea.objects.filter(plan=plan, number=number).exclude(pk=getattr(area, "pk", None))
    if (area is not None or create) and taken.exists():
        raise ValidationError({"number": [_("Another area of this plan already has this number.")]})
    if area is not None:
        created = False
        area.number = number
        area.title = title.strip()
        area.description = description.strip()
    else:
        area, created = PlanArea.objects.get_or_create(
            plan=plan, number=number, defaults={"title": title.strip(), "description": description.strip()}
        )
        if not created:
            area.title = title.strip()
            area.description = description.strip()
    area.full_clean()
    area.save()
    audit_record(
        actor=actor, action="plan.area.create" if created else "plan.area.update", target=area, request=request
    )
    return area


@transaction.atomic
def task_save(
    *,
    area: PlanArea,
    actor: User,
    code: str,
    title: str,
    responsible_department: Department,
    description: str = "",
    cooperating_departments: list[Department] | None = None,
    target_groups: list[VulnerableGroup] | None = None,
    sdg_targets: list[SdgTarget] | None = None,
    indicators: list | None = None,
    budgets: dict[int, int] | None = None,
    order: int = 0,
    task: PolicyTask | None = None,
    request: HttpRequest | None = None,
) -> PolicyTask:
    """Create a task (``task=None``) or update one, with its links (departments, groups, SDG targets,
    the indicators that measure it) and planned budgets per year."""
    _require(permissions.can_manage_plans(actor))
    created = task is None
    task = task or PolicyTask(area=area)
    task.area = area
    task.code = code.strip()
    task.title = title.strip()
    task.description = description.strip()
    task.responsible_department = responsible_department
    task.order = order
    task.full_clean(validate_constraints=False)
    if PolicyTask.objects.filter(area__plan_id=area.plan_id, code=task.code).exclude(pk=task.pk).exists():
        raise ValidationError({"code": [_("Another task of this plan already has this code.")]})
    task.save()
    if cooperating_departments is not None:
        task.cooperating_departments.set([d for d in cooperating_departments if d.pk != responsible_department.pk])
    if target_groups is not None:
        task.target_groups.set(target_groups)
    if sdg_targets is not None:
        task.sdg_targets.set(sdg_targets)
    if indicators is not None:
        task.indicators.set(indicators)
    if budgets is not None:
        _save_budgets(task, budgets)
    audit_record(
        actor=actor,
        action="plan.task.create" if created else "plan.task.update",
        target=task,
        changes={"code": task.code, "department": responsible_department.code},
        request=request,
    )
    return task


def _save_budgets(task: PolicyTask, budgets: dict[int, int]) -> None:
    plan = task.area.plan
    errors = []
    for year, amount in budgets.items():
        if year not in plan.years:
            errors.append(_("%(year)s is outside the plan's period.") % {"year": year})
        if amount is None or amount < 0:
            errors.append(_("A budget cannot be negative."))
    if errors:
        raise ValidationError({"budgets": errors})
    task.budgets.exclude(year__in=list(budgets)).delete()
    # One upsert for all the years (INSERT … ON CONFLICT (task, year) DO UPDATE).
    TaskBudget.objects.bulk_create(
        [TaskBudget(task=task, year=year, planned_amount=amount) for year, amount in budgets.items()],
        update_conflicts=True,
        unique_fields=["task", "year"],
        update_fields=["planned_amount"],
    )


@transaction.atomic
def plan_document_attach(
    *, plan: BasePlan, actor: User, upload: UploadedFile, request: HttpRequest | None = None
) -> BasePlan:
    """Attach (or replace) the plan's document: a PDF, HWP or office file checked by its content."""
    _require(permissions.can_manage_plans(actor))
    [checked] = check_uploads([upload], field="document")
    plan = BasePlan.objects.select_for_update().get(pk=plan.pk)
    previous = plan.document.name if plan.document else ""
    plan.document.save(f"plan-{plan.pk}.{checked.extension}", checked.upload, save=False)
    written = plan.document.name
    try:
        plan.save(update_fields=["document", "updated_at"])
        audit_record(
            actor=actor,
            action="plan.document",
            target=plan,
            changes={"file": upload.name, "size": checked.size},
            request=request,
        )
    except Exception:
        plan.document.storage.delete(written)
        raise
    if previous and previous != written:
        storage = plan.document.storage
        transaction.on_commit(lambda: storage.delete(previous))
    return plan


# ---------------------------------------------------------------- annual reporting


@transaction.atomic
def reporting_round_open(
    *, plan: BasePlan, year: int, due_on: datetime.date, actor: User, request: HttpRequest | None = None
) -> ReportingRound:
    """Open a plan's reporting year: every task gets a draft record for its department to fill."""
    _require(permissions.can_manage_plans(actor))
    if plan.status != PlanStatus.ADOPTED:
        raise ValidationError(_("Reporting rounds are opened for adopted plans only."))
    if year not in plan.years:
        raise ValidationError({"year": [_("The year must lie within the plan's period.")]})
    if ReportingRound.objects.filter(plan=plan, year=year).exists():
        raise ValidationError({"year": [_("There is already a reporting round for this year.")]})
    reporting_round = ReportingRound(plan=plan, year=year, due_on=due_on, opened_by=actor)
    reporting_round.full_clean()
    reporting_round.save()
    tasks = PolicyTask.objects.filter(area__plan=plan).prefetch_related("budgets")
    existing = set(AnnualRecord.objects.filter(task__area__plan=plan, year=year).values_list("task_id", flat=True))
    AnnualRecord.objects.bulk_create(
        [
            AnnualRecord(
                task=task,
                year=year,
                budget_planned=next((b.planned_amount for b in task.budgets.all() if b.year == year), 0),
            )
            for task in tasks
            if task.pk not in existing
        ]
    )
    audit_record(
        actor=actor,
        action="plan.round.open",
        target=reporting_round,
        changes={"year": year, "due_on": due_on, "records": len(tasks) - len(existing)},
        request=request,
    )
    return reporting_round


@transaction.atomic
def reporting_round_close(
    *, reporting_round: ReportingRound, actor: User, request: HttpRequest | None = None
) -> ReportingRound:
    _require(permissions.can_manage_plans(actor))
    reporting_round = ReportingRound.objects.select_for_update().get(pk=reporting_round.pk)
    if reporting_round.closed_at:
        raise ValidationError(_("This reporting round is already closed."))
    reporting_round.closed_at = timezone.now()
    reporting_round.save(update_fields=["closed_at"])
    audit_record(actor=actor, action="plan.round.close", target=reporting_round, request=request)
    return reporting_round


RECORD_FIELDS = ("planned_activities", "budget_planned", "budget_executed", "progress", "progress_status", "narrative")


def _locked_record(record: AnnualRecord, version: int | None) -> AnnualRecord:
    locked = AnnualRecord.objects.select_for_update().select_related("task__area").get(pk=record.pk)
    if version is not None and version != locked.version:
        raise ValidationError(
            _("This record was changed by someone else in the meantime. Reload the page and try again.")
        )
    return locked


def _require_open_round(record: AnnualRecord) -> None:
    """Departments report while the office keeps the year's round open; a closed round is final."""
    closed = ReportingRound.objects.filter(
        plan_id=record.task.area.plan_id, year=record.year, closed_at__isnull=False
    ).exists()
    if closed:
        raise ValidationError(_("This reporting round is closed: its records can no longer be changed."))


def _check_record_values(record: AnnualRecord) -> None:
    errors: dict[str, list[str]] = {}
    if record.progress_status == ProgressStatus.COMPLETED and record.progress != 100:
        errors["progress"] = [_("A completed task has 100 % progress.")]
    if record.progress_status == ProgressStatus.NOT_STARTED and record.progress != 0:
        errors["progress"] = [_("A task that has not started has 0 % progress.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_save(
    *,
    record: AnnualRecord,
    actor: User,
    version: int | None = None,
    request: HttpRequest | None = None,
    **fields: Any,
) -> AnnualRecord:
    """Save what the department reports for a task and year (as a draft or a returned record)."""
    record = _locked_record(record, version)
    _require(permissions.can_edit_task_record(actor, record.task))
    _require_open_round(record)
    if not record.is_editable:
        raise ValidationError(_("A submitted or confirmed record can no longer be changed."))
    data = {name: fields[name] for name in RECORD_FIELDS if name in fields}
    changes = model_changes(record, data)
    for name, value in data.items():
        setattr(record, name, value.strip() if isinstance(value, str) else value)
    record.full_clean(validate_constraints=False)
    _check_record_values(record)
    if changes:
        record.version += 1
        record.save()
        audit_record(actor=actor, action="plan.record.save", target=record, changes=changes, request=request)
    return record


@transaction.atomic
def record_attachments_add(
    *, record: AnnualRecord, actor: User, uploads: list[UploadedFile], request: HttpRequest | None = None
) -> list[RecordAttachment]:
    """Evidence for an annual record (reports, photos, budget statements), while it can still change."""
    record = _locked_record(record, None)
    _require(permissions.can_edit_task_record(actor, record.task))
    _require_open_round(record)
    if not record.is_editable:
        raise ValidationError(_("Evidence can be added while the record is a draft or returned."))
    checked_files = check_uploads(uploads, already_attached=record.attachments.count())
    stored, written = [], []
    try:
        for checked in checked_files:
            attachment = RecordAttachment(
                record=record,
                original_name=(checked.upload.name or "file")[:255],
                content_type=checked.content_type,
                size=checked.size,
                uploaded_by=actor,
            )
            attachment.file.save(f"record-{record.pk}.{checked.extension}", checked.upload, save=False)
            written.append(attachment.file.name)
            attachment.save()
            stored.append(attachment)
        audit_record(
            actor=actor, action="plan.record.attach", target=record, changes={"files": len(stored)}, request=request
        )
    except Exception:
        for name in written:
            RecordAttachment.file.field.storage.delete(name)
        raise
    return stored


def _move(record: AnnualRecord, to: str) -> None:
    if not workflow.can_move(record.review_state, to):
        raise ValidationError(
            _("A record cannot go from “%(from)s” to “%(to)s”.")
            % {"from": ReviewState(record.review_state).label, "to": ReviewState(to).label}
        )


@transaction.atomic
def record_submit(
    *, record: AnnualRecord, actor: User, version: int | None = None, request: HttpRequest | None = None
) -> AnnualRecord:
    """The department sends its record to the human rights office."""
    record = _locked_record(record, version)
    _require(permissions.can_edit_task_record(actor, record.task))
    _require_open_round(record)
    _move(record, ReviewState.SUBMITTED)
    missing = {}
    if not record.narrative.strip():
        missing["narrative"] = [_("Describe what was done before submitting.")]
    if missing:
        raise ValidationError(missing)
    _check_record_values(record)
    before = record.review_state
    record.review_state = ReviewState.SUBMITTED
    record.submitted_at = timezone.now()
    record.submitted_by = actor
    record.version += 1
    record.save()
    audit_record(
        actor=actor,
        action="plan.record.submit",
        target=record,
        changes={"review_state": [before, ReviewState.SUBMITTED]},
        request=request,
    )
    return record


@transaction.atomic
def record_confirm(
    *, record: AnnualRecord, actor: User, comment: str = "", request: HttpRequest | None = None
) -> AnnualRecord:
    """The office accepts a submitted record."""
    _require(permissions.can_manage_plans(actor))
    record = _locked_record(record, None)
    _move(record, ReviewState.CONFIRMED)
    record.review_state = ReviewState.CONFIRMED
    record.office_comment = comment.strip()
    record.reviewed_at = timezone.now()
    record.reviewed_by = actor
    record.version += 1
    record.save()
    audit_record(actor=actor, action="plan.record.confirm", target=record, request=request)
    return record


@transaction.atomic
def record_return(
    *, record: AnnualRecord, actor: User, comment: str, request: HttpRequest | None = None
) -> AnnualRecord:
    """The office sends a record back to the department, saying what to change."""
    _require(permissions.can_manage_plans(actor))
    record = _locked_record(record, None)
    _move(record, ReviewState.RETURNED)
    if not comment.strip():
        raise ValidationError({"comment": [_("Say what the department should change.")]})
    before = record.review_state
    record.review_state = ReviewState.RETURNED
    record.office_comment = comment.strip()
    record.reviewed_at = timezone.now()
    record.reviewed_by = actor
    record.version += 1
    record.save()
    audit_record(
        actor=actor,
        action="plan.record.return",
        target=record,
        changes={"review_state": [before, ReviewState.RETURNED]},
        reason=record.office_comment,
        request=request,
    )
    return record


# ---------------------------------------------------------------- the committee


@transaction.atomic
def committee_save(
    *, actor: User, committee: Committee | None = None, request: HttpRequest | None = None, **fields: Any
) -> Committee:
    _require(permissions.can_manage_plans(actor))
    created = committee is None
    committee = committee or Committee()
    for name, value in fields.items():
        setattr(committee, name, value)
    committee.full_clean()
    committee.save()
    audit_record(actor=actor, action="committee.create" if created else "committee.update", target=committee)
    return committee


@transaction.atomic
def member_save(
    *,
    committee: Committee,
    actor: User,
    member: CommitteeMember | None = None,
    request: HttpRequest | None = None,
    **fields: Any,
) -> CommitteeMember:
    _require(permissions.can_manage_plans(actor))
    created = member is None
    member = member or CommitteeMember(committee=committee)
    for name, value in fields.items():
        setattr(member, name, value)
    member.full_clean(validate_constraints=False)
    if member.term_end < member.term_start:
        raise ValidationError({"term_end": [_("The term cannot end before it starts.")]})
    member.save()
    audit_record(actor=actor, action="committee.member.create" if created else "committee.member.update", target=member)
    return member


@transaction.atomic
def meeting_record(
    *,
    committee: Committee,
    actor: User,
    held_on: datetime.date,
    kind: str,
    title: str,
    minutes: str = "",
    agenda: list[tuple[str, str]] | None = None,
    attendees: list[CommitteeMember] | None = None,
    request: HttpRequest | None = None,
) -> Meeting:
    """Record a meeting with its agenda items (title, decision) and who attended."""
    _require(permissions.can_manage_plans(actor))
    meeting = Meeting(committee=committee, held_on=held_on, kind=kind, title=title.strip(), minutes=minutes.strip())
    meeting.full_clean()
    meeting.save()
    for number, (item, decision) in enumerate(agenda or [], start=1):
        AgendaItem.objects.create(meeting=meeting, number=number, title=item.strip(), decision=decision.strip())
    if attendees:
        foreign = [member for member in attendees if member.committee_id != committee.pk]
        if foreign:
            raise ValidationError({"attendees": [_("Only members of this committee can attend its meetings.")]})
        meeting.attendees.set(attendees)
    audit_record(actor=actor, action="committee.meeting", target=meeting, request=request)
    return meeting


@transaction.atomic
def opinion_submit(
    *,
    committee: Committee,
    actor: User,
    plan: BasePlan,
    text: str,
    task: PolicyTask | None = None,
    record: AnnualRecord | None = None,
    meeting: Meeting | None = None,
    request: HttpRequest | None = None,
) -> ReviewOpinion:
    """The committee's opinion on a plan, one of its tasks, or a task's annual record."""
    _require(permissions.can_write_review_opinions(actor))
    if record is not None:
        if task is None:
            task = record.task
        if record.task_id != task.pk:
            raise ValidationError({"record": [_("The record does not belong to this task.")]})
    if task is not None and task.area.plan_id != plan.pk:
        raise ValidationError({"task": [_("The task does not belong to this plan.")]})
    if meeting is not None and meeting.committee_id != committee.pk:
        raise ValidationError({"meeting": [_("The meeting is not one of this committee's.")]})
    opinion = ReviewOpinion(
        committee=committee, meeting=meeting, plan=plan, task=task, record=record, text=text.strip(), author=actor
    )
    opinion.full_clean(validate_constraints=False)
    opinion.save()
    audit_record(actor=actor, action="committee.opinion", target=opinion, request=request)
    return opinion


@transaction.atomic
def opinion_reply(
    *, opinion: ReviewOpinion, actor: User, reflection: str, reply: str, request: HttpRequest | None = None
) -> ReviewOpinion:
    """The office answers how it reflected the opinion."""
    _require(permissions.can_reply_to_review_opinions(actor))
    opinion = ReviewOpinion.objects.select_for_update().get(pk=opinion.pk)
    if reflection == ReviewOpinion.Reflection.PENDING or reflection not in ReviewOpinion.Reflection.values:
        raise ValidationError({"reflection": [_("Say how the opinion was reflected.")]})
    if not reply.strip():
        raise ValidationError({"reply": [_("Explain how the opinion was reflected.")]})
    before = opinion.reflection
    opinion.reflection = reflection
    opinion.office_reply = reply.strip()
    opinion.replied_at = timezone.now()
    opinion.replied_by = actor
    opinion.save()
    audit_record(
        actor=actor,
        action="committee.opinion.reply",
        target=opinion,
        changes={"reflection": [before, reflection]},
        request=request,
    )
    return opinion


# ---------------------------------------------------------------- the closed loop: follow-ups


def _follow_up_source(recommendation, finding) -> dict:
    """The one source a follow-up takes up, as model field arguments (a ``ValidationError`` otherwise)."""
    if (recommendation is None) == (finding is None):
        raise ValidationError(_("A follow-up takes up exactly one recommendation or one finding."))
    return {"recommendation": recommendation} if recommendation is not None else {"finding": finding}


@transaction.atomic
def follow_up_link(
    *,
    task: PolicyTask,
    actor: User,
    recommendation=None,
    finding=None,
    note: str = "",
    request: HttpRequest | None = None,
) -> FollowUp:
    """Record that ``task`` carries out an ombudsman recommendation or an impact-assessment finding.

    A finding's task also becomes one of its assessment's related tasks. The task's annual records
    then track the implementation.
    """
    _require(permissions.can_manage_follow_ups(actor))
    source = _follow_up_source(recommendation, finding)
    task = PolicyTask.objects.select_for_update().select_related("area__plan").get(pk=task.pk)
    if task.area.plan.status == PlanStatus.COMPLETED:
        raise ValidationError({"task": [_("The plan of this task is completed: choose a task of a current plan.")]})
    if FollowUp.objects.filter(task=task, **source).exists():
        message = (
            _("This task already follows up this recommendation.")
            if recommendation is not None
            else _("This task already follows up this finding.")
        )
        raise ValidationError({"task": [message]})
    follow_up = FollowUp(task=task, note=note.strip(), created_by=actor, **source)
    follow_up.full_clean(validate_constraints=False)
    follow_up.save()
    if finding is not None:
        finding.assessment.related_tasks.add(task)
    audit_record(
        actor=actor,
        action="plan.follow_up.link",
        target=follow_up,
        changes={
            "task": task.code,
            "recommendation": getattr(recommendation, "pk", None),
            "finding": getattr(finding, "pk", None),
        },
        request=request,
    )
    return follow_up


@transaction.atomic
def follow_up_unlink(*, follow_up: FollowUp, actor: User, request: HttpRequest | None = None) -> None:
    """Undo a follow-up link (the task itself, its records and the assessment's related tasks stay)."""
    _require(permissions.can_manage_follow_ups(actor))
    follow_up = FollowUp.objects.select_for_update().select_related("task").get(pk=follow_up.pk)
    audit_record(
        actor=actor,
        action="plan.follow_up.unlink",
        target=follow_up.task,
        changes={
            "follow_up": follow_up.pk,
            "recommendation": follow_up.recommendation_id,
            "finding": follow_up.finding_id,
        },
        request=request,
    )
    follow_up.delete()


@transaction.atomic
def follow_up_create_task(
    *,
    area: PlanArea,
    actor: User,
    recommendation=None,
    finding=None,
    note: str = "",
    request: HttpRequest | None = None,
    **task_fields: Any,
) -> FollowUp:
    """A new policy task in ``area`` created to carry out a recommendation or a finding, and linked
    to it (one transaction: no task without its link)."""
    _require(permissions.can_manage_follow_ups(actor))
    _follow_up_source(recommendation, finding)
    if area.plan.status == PlanStatus.COMPLETED:
        raise ValidationError({"area": [_("The plan of this area is completed: choose an area of a current plan.")]})
    task = task_save(area=area, actor=actor, request=request, **task_fields)
    return follow_up_link(
        task=task, actor=actor, recommendation=recommendation, finding=finding, note=note, request=request
    )
