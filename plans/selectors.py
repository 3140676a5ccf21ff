"""Reads of the plans app, scoped to the user; roll-ups are computed by PostgreSQL.

Who sees what (``core/permissions.py``): the public sees adopted and completed plans, their tasks
and confirmed progress, never drafts or the office's comments; every staff role reads
everything; officials change only their own department's records.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.aggregates import JSONBAgg
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Avg,
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    JSONField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, JSONObject
from django.utils.translation import get_language

from humanrights_portal.core import permissions
from humanrights_portal.core.models import Department, in_language
from plans import workflow
from plans.filters import MeetingFilter, OpinionFilter, PlanFilter, RecordFilter, TaskFilter
from plans.models import (
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
    ReportingRound,
    ReviewOpinion,
    ReviewState,
)


class InvalidFilters(Exception):
    def __init__(self, errors):
        super().__init__("invalid filters")
        self.errors = errors


def _filtered(filterset_class, queryset: QuerySet, filters) -> QuerySet:
    if filters is None:
        return queryset
    filterset = filterset_class(filters, queryset=queryset)
    if not filterset.is_valid():
        raise InvalidFilters(filterset.errors)
    return filterset.qs


def _visible_plans(user) -> QuerySet[BasePlan]:
    plans = BasePlan.objects.all()
    if not permissions.can_view_draft_plans(user):
        plans = plans.exclude(status=PlanStatus.DRAFT)
    return plans


# ---------------------------------------------------------------- plans and tasks


def plan_list(*, user, filters=None) -> QuerySet[BasePlan]:
    plans = (
        _visible_plans(user)
        .annotate(area_count=Count("areas", distinct=True), task_count=Count("areas__tasks", distinct=True))
        .order_by(*BasePlan._meta.ordering)
    )
    return _filtered(PlanFilter, plans, filters)


def plan_get(*, user, pk: int) -> BasePlan:
    return (
        _visible_plans(user)
        .prefetch_related(Prefetch("areas", queryset=PlanArea.objects.order_by("number")))
        .get(pk=pk)
    )


def area_get(*, user, pk: int) -> PlanArea:
    return PlanArea.objects.filter(plan__in=_visible_plans(user)).select_related("plan").get(pk=pk)


def plan_latest_record_year(*, user, plan: BasePlan) -> int | None:
    """The latest year in which the plan has records this user may see (1 query)."""
    records = AnnualRecord.objects.filter(task__area__plan=plan)
    if not permissions.is_staff_member(user):
        records = records.filter(review_state=ReviewState.CONFIRMED)
    return records.aggregate(latest=Max("year"))["latest"]


def task_list(*, user, filters=None) -> QuerySet[PolicyTask]:
    tasks = PolicyTask.objects.filter(area__plan__in=_visible_plans(user)).select_related(
        "area", "area__plan", "responsible_department"
    )
    return _filtered(TaskFilter, tasks, filters)


def task_get(*, user, pk: int) -> PolicyTask:
    """A task with its links and its records across the years (drafts only for staff)."""
    records = (
        AnnualRecord.objects.order_by("-year")
        .select_related("submitted_by", "reviewed_by")
        .prefetch_related("attachments")
    )
    if not permissions.is_staff_member(user):
        records = records.filter(review_state=ReviewState.CONFIRMED)
    return (
        PolicyTask.objects.filter(area__plan__in=_visible_plans(user))
        .select_related("area", "area__plan", "responsible_department")
        .annotate(**task_loop_annotations(user=user))
        .prefetch_related(
            "cooperating_departments",
            "target_groups",
            "sdg_targets",
            "budgets",
            Prefetch("records", queryset=records),
        )
        .get(pk=pk)
    )


# ---------------------------------------------------------------- roll-ups


@dataclass(frozen=True)
class RollUp:
    """Progress of a group of tasks in a year: records per status, budgets, average progress."""

    key: object
    label: str
    tasks: int
    records: int
    not_started: int
    on_track: int
    delayed: int
    completed: int
    confirmed: int
    budget_planned: int
    budget_executed: int
    average_progress: float | None

    @property
    def completed_percent(self) -> float | None:
        return round(100 * self.completed / self.tasks, 1) if self.tasks else None

    @property
    def execution_percent(self) -> float | None:
        return round(100 * self.budget_executed / self.budget_planned, 1) if self.budget_planned else None


def _records_for(user, *, year: int):
    records = AnnualRecord.objects.filter(year=year)
    if not permissions.is_staff_member(user):
        records = records.filter(review_state=ReviewState.CONFIRMED)
    return records


def _roll_up(records: QuerySet, group_field: str, label_field: str, tasks_by_key: dict) -> list[RollUp]:
    rows = (
        records.values(key=F(group_field), label=F(label_field))
        .annotate(
            records=Count("id"),
            not_started=Count("id", filter=Q(progress_status=ProgressStatus.NOT_STARTED)),
            on_track=Count("id", filter=Q(progress_status=ProgressStatus.ON_TRACK)),
            delayed=Count("id", filter=Q(progress_status=ProgressStatus.DELAYED)),
            completed=Count("id", filter=Q(progress_status=ProgressStatus.COMPLETED)),
            confirmed=Count("id", filter=Q(review_state=ReviewState.CONFIRMED)),
            budget_planned=Coalesce(Sum("budget_planned"), 0),
            budget_executed=Coalesce(Sum("budget_executed"), 0),
            average_progress=Avg("progress"),
        )
        .order_by("key")
    )
    by_key = {row["key"]: row for row in rows}
    result = []
    for key, (label, tasks) in tasks_by_key.items():
        row = by_key.get(key, {})
        result.append(
            RollUp(
                key=key,
                label=label,
                tasks=tasks,
                records=row.get("records", 0),
                not_started=row.get("not_started", 0),
                on_track=row.get("on_track", 0),
                delayed=row.get("delayed", 0),
                completed=row.get("completed", 0),
                confirmed=row.get("confirmed", 0),
                budget_planned=row.get("budget_planned", 0),
                budget_executed=row.get("budget_executed", 0),
                average_progress=round(row["average_progress"], 1) if row.get("average_progress") is not None else None,
            )
        )
    return result


@dataclass(frozen=True)
class PlanProgress:
    year: int
    total: RollUp
    by_area: list[RollUp]
    by_department: list[RollUp]


def plan_progress(*, user, plan: BasePlan, year: int, department=None, area=None, group=None) -> PlanProgress:
    """Tasks per status, budget executed vs planned, per area and per department (4 queries).

    ``department``, ``area`` and ``group`` (a target group) narrow the tasks counted: the dashboards'
    filters.
    """
    tasks = PolicyTask.objects.filter(area__plan=plan)
    if department is not None:
        tasks = tasks.filter(responsible_department=department)
    if area is not None:
        tasks = tasks.filter(area=area)
    if group is not None:
        tasks = tasks.filter(target_groups=group)
    areas = {
        row["area"]: (f"{row['area__number']}. {row['area__title']}", row["count"])
        for row in tasks.values("area", "area__number", "area__title")
        .annotate(count=Count("id"))
        .order_by("area__number")
    }
    departments = {
        row["responsible_department"]: (
            in_language(row["responsible_department__name_ko"], row["responsible_department__name_en"]),
            row["count"],
        )
        for row in tasks.values(
            "responsible_department", "responsible_department__name_ko", "responsible_department__name_en"
        )
        .annotate(count=Count("id"))
        .order_by("responsible_department__sort_order", "responsible_department__name_ko")
    }
    records = _records_for(user, year=year).filter(task__area__plan=plan)
    if department is not None or area is not None or group is not None:
        records = records.filter(task__in=tasks.values("pk"))
    by_area = _roll_up(records, "task__area", "task__area__title", areas)
    by_department = _roll_up(
        records, "task__responsible_department", "task__responsible_department__name_ko", departments
    )
    total = RollUp(
        key=None,
        label=plan.title,
        tasks=sum(row.tasks for row in by_area),
        records=sum(row.records for row in by_area),
        not_started=sum(row.not_started for row in by_area),
        on_track=sum(row.on_track for row in by_area),
        delayed=sum(row.delayed for row in by_area),
        completed=sum(row.completed for row in by_area),
        confirmed=sum(row.confirmed for row in by_area),
        budget_planned=sum(row.budget_planned for row in by_area),
        budget_executed=sum(row.budget_executed for row in by_area),
        average_progress=_weighted_progress(by_area),
    )
    return PlanProgress(year=year, total=total, by_area=by_area, by_department=by_department)


def _weighted_progress(rows: list[RollUp]) -> float | None:
    weighted = [(row.average_progress, row.records) for row in rows if row.average_progress is not None]
    count = sum(records for _, records in weighted)
    return round(sum(progress * records for progress, records in weighted) / count, 1) if count else None


# ---------------------------------------------------------------- annual reporting


def record_list(*, user, filters=None) -> QuerySet[AnnualRecord]:
    records = AnnualRecord.objects.filter(task__area__plan__in=_visible_plans(user)).select_related(
        "task", "task__area", "task__responsible_department"
    )
    if not permissions.is_staff_member(user):
        records = records.filter(review_state=ReviewState.CONFIRMED)
    return _filtered(RecordFilter, records, filters)


def record_get(*, user, pk: int) -> AnnualRecord:
    return record_list(user=user).select_related("task__area__plan").prefetch_related("attachments").get(pk=pk)


def reporting_records(*, user, reporting_round: ReportingRound, department: Department | None = None):
    """The records a department fills in one page for a reporting round (officials: their own only)."""
    if not permissions.can_report_on_tasks(user):
        raise PermissionDenied
    if not permissions.is_office_staff(user):
        department = user.department
    records = AnnualRecord.objects.filter(task__area__plan=reporting_round.plan, year=reporting_round.year)
    if department is not None:
        records = records.filter(task__responsible_department=department)
    return records.select_related("task", "task__area").order_by("task__area__number", "task__order", "task__code")


def open_rounds() -> QuerySet[ReportingRound]:
    return ReportingRound.objects.filter(closed_at__isnull=True).select_related("plan").order_by("-year", "plan")


def round_get(*, user, pk: int) -> ReportingRound:
    """A reporting round (open or closed) with its plan: every staff role may look at it."""
    if not permissions.is_staff_member(user):
        raise PermissionDenied
    return ReportingRound.objects.select_related("plan").get(pk=pk)


@dataclass(frozen=True)
class DepartmentCompletion:
    department_id: int
    department: str
    records: int
    draft: int
    submitted: int
    confirmed: int
    returned: int
    department_code: str = ""

    @property
    def to_do(self) -> int:
        return self.draft + self.returned

    @property
    def done_percent(self) -> float:
        return round(100 * (self.submitted + self.confirmed) / self.records, 1) if self.records else 100.0


def round_completion(*, user, reporting_round: ReportingRound) -> list[DepartmentCompletion]:
    """Per department: how many records are still draft or returned, submitted, confirmed (1 query)."""
    if not permissions.is_staff_member(user):
        raise PermissionDenied
    rows = (
        AnnualRecord.objects.filter(task__area__plan=reporting_round.plan, year=reporting_round.year)
        .values(
            "task__responsible_department",
            "task__responsible_department__name_ko",
            "task__responsible_department__name_en",
            "task__responsible_department__code",
        )
        .annotate(
            records=Count("id"),
            draft=Count("id", filter=Q(review_state=ReviewState.DRAFT)),
            submitted=Count("id", filter=Q(review_state=ReviewState.SUBMITTED)),
            confirmed=Count("id", filter=Q(review_state=ReviewState.CONFIRMED)),
            returned=Count("id", filter=Q(review_state=ReviewState.RETURNED)),
        )
        .order_by("task__responsible_department__sort_order", "task__responsible_department__name_ko")
    )
    return [
        DepartmentCompletion(
            department_id=row["task__responsible_department"],
            department=in_language(
                row["task__responsible_department__name_ko"], row["task__responsible_department__name_en"]
            ),
            records=row["records"],
            draft=row["draft"],
            submitted=row["submitted"],
            confirmed=row["confirmed"],
            returned=row["returned"],
            department_code=row["task__responsible_department__code"],
        )
        for row in rows
    ]


def department_to_do(*, user) -> QuerySet[AnnualRecord]:
    """Records the signed-in official's department still owes in open rounds (missing or returned)."""
    if not permissions.can_report_on_tasks(user) or user.department_id is None:
        return AnnualRecord.objects.none()
    return (
        AnnualRecord.objects.filter(
            task__responsible_department_id=user.department_id,
            review_state__in=workflow.TO_DO_STATES,
        )
        .filter(
            # The record's own plan and year must have an open round (not any open plan with any open year).
            Exists(
                ReportingRound.objects.filter(
                    closed_at__isnull=True, plan_id=OuterRef("task__area__plan_id"), year=OuterRef("year")
                )
            )
        )
        .select_related("task", "task__area__plan")
        .order_by("year", "task__code")
    )


# ---------------------------------------------------------------- the committee


def committee_list(*, user) -> QuerySet[Committee]:
    if not permissions.is_staff_member(user):
        raise PermissionDenied
    return Committee.objects.annotate(
        member_count=Count("members", distinct=True), meeting_count=Count("meetings", distinct=True)
    )


def committee_get(*, user, pk: int) -> Committee:
    if not permissions.is_staff_member(user):
        raise PermissionDenied
    return Committee.objects.prefetch_related(
        Prefetch("members", queryset=CommitteeMember.objects.order_by("role", "name"))
    ).get(pk=pk)


def meeting_list(*, user, filters=None) -> QuerySet[Meeting]:
    if not permissions.is_staff_member(user):
        raise PermissionDenied
    meetings = Meeting.objects.select_related("committee").annotate(
        attendance=Count("attendees", distinct=True), items=Count("agenda", distinct=True)
    )
    return _filtered(MeetingFilter, meetings, filters)


def meeting_get(*, user, pk: int) -> Meeting:
    if not permissions.is_staff_member(user):
        raise PermissionDenied
    return (
        Meeting.objects.select_related("committee")
        .prefetch_related(
            "agenda", "attendees", Prefetch("opinions", queryset=ReviewOpinion.objects.select_related("plan", "task"))
        )
        .get(pk=pk)
    )


def opinion_list(*, user, filters=None) -> QuerySet[ReviewOpinion]:
    if not permissions.is_staff_member(user):
        raise PermissionDenied
    opinions = ReviewOpinion.objects.select_related(
        "committee", "meeting", "plan", "task", "record", "author", "replied_by"
    )
    return _filtered(OpinionFilter, opinions, filters)


# ---------------------------------------------------------------- added for the committee pages and the API


def area_list(*, user, filters=None) -> QuerySet[PlanArea]:
    """Areas of the plans ``user`` may see, with their number of tasks."""
    from plans.filters import AreaFilter

    areas = (
        PlanArea.objects.filter(plan__in=_visible_plans(user))
        .annotate(task_count=Count("tasks"))
        .order_by("plan", "number")
    )
    return _filtered(AreaFilter, areas, filters)


def round_list(*, user) -> QuerySet[ReportingRound]:
    """Every reporting round, open and closed (staff only)."""
    if not permissions.is_staff_member(user):
        raise PermissionDenied
    return ReportingRound.objects.select_related("plan").order_by("-year", "plan__title", "pk")


def member_get(*, user, pk: int) -> CommitteeMember:
    if not permissions.is_staff_member(user):
        raise PermissionDenied
    return CommitteeMember.objects.select_related("committee").get(pk=pk)


# ---------------------------------------------------------------- the closed loop: follow-ups
# A task carries out ombudsman recommendations and impact-assessment findings (``FollowUp``). The
# pages that show a recommendation, a finding or a task get these links as JSON annotations on the
# row they already read: no extra query, whatever the number of links.


def _latest_records(user, task_ref: str) -> QuerySet[AnnualRecord]:
    """The records of the task ``task_ref`` points at, latest year first (the public: confirmed)."""
    records = AnnualRecord.objects.filter(task_id=OuterRef(task_ref))
    if not permissions.is_staff_member(user):
        records = records.filter(review_state=ReviewState.CONFIRMED)
    return records.order_by("-year")


def _label(field: str, choices) -> Case:
    """The label of a choice field in the current language, computed by PostgreSQL."""
    return Case(
        *[When(**{field: value}, then=Value(str(label))) for value, label in choices],
        default=Value(""),
        output_field=CharField(),
    )


def _json_rows(queryset: QuerySet, group: str, order: str, **fields) -> Subquery:
    """One JSON array of objects (``fields``) per value of ``group`` (null when there is no row)."""
    rows = (
        queryset.order_by()
        .values(group)
        .annotate(rows=JSONBAgg(JSONObject(**fields), order_by=order))
        .values("rows")[:1]
    )
    return Subquery(rows, output_field=JSONField())


def _latest_status_fields(user, task_ref: str) -> dict:
    latest = _latest_records(user, task_ref)
    return {
        "year": Subquery(latest.values("year")[:1]),
        "status": Subquery(latest.values("progress_status")[:1]),
        "status_label": Subquery(
            latest.annotate(label=_label("progress_status", ProgressStatus.choices)).values("label")[:1]
        ),
    }


def latest_record_fields(*, user, task_ref: str) -> dict:
    """Annotations ``year``, ``status`` and ``status_label`` of the latest record the user may see of
    the task ``task_ref`` names (e.g. ``"policytask_id"`` on a link table)."""
    return _latest_status_fields(user, task_ref)


def follow_up_tasks(*, user, source: str) -> Subquery:
    """For a queryset of recommendations (``source="recommendation"``) or findings (``"finding"``):
    the tasks following each up, with the status of their latest record — ``[{"id", "code",
    "title", "year", "status", "status_label"}]`` or None. Annotate with it."""
    follow_ups = FollowUp.objects.filter(**{source: OuterRef("pk")})
    if not permissions.can_view_draft_plans(user):
        follow_ups = follow_ups.exclude(task__area__plan__status=PlanStatus.DRAFT)
    return _json_rows(
        follow_ups,
        source,
        "task__code",
        id="task_id",
        code="task__code",
        title="task__title",
        **_latest_status_fields(user, "task_id"),
    )


def follow_up_annotations(*, user, source: str) -> dict:
    """For recommendations or findings: ``follow_up_tasks`` (see ``follow_up_tasks``) and
    ``can_follow_up`` (may this user turn it into a follow-up: the office)."""
    return {
        "follow_up_tasks": follow_up_tasks(user=user, source=source),
        "can_follow_up": Value(permissions.can_manage_follow_ups(user), output_field=BooleanField()),
    }


#: Querysets annotated with ``follow_up_annotations``, built once per process for each model, language and
#: answer to the permission questions the annotations depend on (draft plans, unconfirmed records, the
#: office's right to follow up): building and resolving the nested subqueries costs as much as running
#: them. Never evaluated themselves; each use is a clone.
_FOLLOW_UP_QUERYSETS: dict[tuple, QuerySet] = {}


def follow_ups_shape(model, *, user, source: str, select_related: tuple[str, ...] = ()) -> tuple:
    """What the SQL of ``with_follow_ups`` depends on: its model, its joins, the language and the user's
    permissions (they filter the follow-up rows). A key for its querysets (``core.compiled``)."""
    return (
        model._meta.label,
        source,
        select_related,
        get_language(),
        permissions.is_staff_member(user),
        permissions.can_view_draft_plans(user),
        permissions.can_manage_follow_ups(user),
    )


def with_follow_ups(model, *, user, source: str, select_related: tuple[str, ...] = ()) -> QuerySet:
    """``model``'s rows (recommendations or findings) annotated with ``follow_up_annotations``."""
    key = follow_ups_shape(model, user=user, source=source, select_related=select_related)
    base = _FOLLOW_UP_QUERYSETS.get(key)
    if base is None:
        base = model.objects.select_related(*select_related).annotate(**follow_up_annotations(user=user, source=source))
        _FOLLOW_UP_QUERYSETS[key] = base
    return base.all()


def _task_follow_ups(user) -> Subquery:
    follow_ups = FollowUp.objects.filter(task=OuterRef("pk"))
    if not permissions.can_view_impact_assessments(user):
        # The public sees the findings of closed assessments only (impact.models.AssessmentStatus.CLOSED).
        follow_ups = follow_ups.filter(Q(finding__isnull=True) | Q(finding__assessment__status="closed"))
    fields = {
        "id": "id",
        "note": "note",
        "recommendation": "recommendation_id",
        "agency": "recommendation__agency",
        "recommendation_text": "recommendation__text",
        "issued_on": "recommendation__issued_on",
        "finding": "finding_id",
        "finding_number": "finding__number",
        "finding_text": "finding__finding",
        "finding_recommendation": "finding__recommendation",
        "assessment": "finding__assessment_id",
        "assessment_code": "finding__assessment__code",
        "assessment_title": "finding__assessment__title",
    }
    if permissions.can_view_cases(user):
        fields["receipt_code"] = "recommendation__complaint__receipt_code"
    return _json_rows(follow_ups, "task", "id", **fields)


def _task_assessments(user) -> Subquery:
    links = PolicyTask.impact_assessments.through.objects.filter(policytask=OuterRef("pk"))
    if not permissions.can_view_impact_assessments(user):
        links = links.filter(assessment__status="closed")  # impact.models.AssessmentStatus.CLOSED
    return _json_rows(
        links,
        "policytask",
        "assessment__code",
        id="assessment_id",
        code="assessment__code",
        title="assessment__title",
        year="assessment__year",
        status="assessment__status",
    )


def _task_indicators() -> Subquery:
    from indicators.models import IndicatorStatus

    links = PolicyTask.indicators.through.objects.filter(policytask=OuterRef("pk"))
    return _json_rows(
        links,
        "policytask",
        "indicator__code",
        id="indicator_id",
        code="indicator__code",
        name_ko="indicator__name_ko",
        name_en="indicator__name_en",
        framework="indicator__framework__name",
        status="indicator__status",
        status_label=_label("indicator__status", IndicatorStatus.choices),
    )


def task_loop_annotations(*, user) -> dict:
    """``loop_follow_ups``, ``loop_assessments``, ``loop_indicators``: why a task exists (the
    recommendations and findings it follows up, the impact assessments related to it) and the
    indicators that measure it with their status — JSON lists computed in the task's own query."""
    return {
        "loop_follow_ups": _task_follow_ups(user),
        "loop_assessments": _task_assessments(user),
        "loop_indicators": _task_indicators(),
    }


def follow_up_list(*, user, task: PolicyTask) -> QuerySet[FollowUp]:
    """The follow-ups of a task the user may see (the public: findings of closed assessments only)."""
    follow_ups = FollowUp.objects.filter(task=task).select_related(
        "task", "recommendation", "recommendation__complaint", "finding", "finding__assessment"
    )
    if not permissions.can_view_impact_assessments(user):
        follow_ups = follow_ups.filter(Q(finding__isnull=True) | Q(finding__assessment__status="closed"))
    return follow_ups.order_by("created_at", "id")


def follow_up_get(*, user, pk: int) -> FollowUp:
    """One follow-up, for the office that may undo it."""
    if not permissions.can_manage_follow_ups(user):
        raise PermissionDenied
    return FollowUp.objects.select_related("task").get(pk=pk)


def follow_up_source_get(*, user, recommendation: int | None = None, finding: int | None = None):
    """The recommendation or finding a follow-up is made from, with the tasks already following it
    up (``follow_up_tasks``). Raises ``DoesNotExist`` for an unknown one."""
    if not permissions.can_manage_follow_ups(user):
        raise PermissionDenied
    if recommendation is not None:
        model = FollowUp.recommendation.field.related_model
        queryset = model.objects.select_related("complaint")
        source, pk = "recommendation", recommendation
    else:
        model = FollowUp.finding.field.related_model
        queryset = model.objects.select_related("assessment")
        source, pk = "finding", finding
    return queryset.annotate(follow_up_tasks=follow_up_tasks(user=user, source=source)).get(pk=pk)


def follow_up_task_search(*, user, q: str = "", limit: int = 20) -> QuerySet[PolicyTask]:
    """Tasks of adopted plans a recommendation or finding can be linked to, by code or title words."""
    tasks = PolicyTask.objects.filter(area__plan__status=PlanStatus.ADOPTED).select_related(
        "area", "area__plan", "responsible_department"
    )
    for word in q.split()[:5]:
        tasks = tasks.filter(Q(code__icontains=word) | Q(title__icontains=word))
    return tasks.order_by("area__plan__title", "code", "pk")[:limit]


def follow_up_task_get(*, user, pk: int) -> PolicyTask:
    return PolicyTask.objects.filter(area__plan__status=PlanStatus.ADOPTED).select_related("area__plan").get(pk=pk)


def follow_up_areas(*, user) -> QuerySet[PlanArea]:
    """Areas of adopted plans a new follow-up task can be created in."""
    return (
        PlanArea.objects.filter(plan__status=PlanStatus.ADOPTED)
        .select_related("plan")
        .order_by("plan__title", "plan_id", "number")
    )
