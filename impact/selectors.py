"""Reads of the impact app, scoped to the user, with the related rows fetched up front.

Staff see every assessment; the public sees closed assessments only (their summaries, findings,
responses and outcome — never internal notes on the checklist, the assessor or the history).
The figures are aggregate queries: a constant number whatever the number of assessments.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from humanrights_portal.core import permissions
from impact import workflow
from impact.filters import AssessmentFilter, TemplateFilter
from impact.models import (
    FACILITY_USE_LABELS,
    SUBJECT_TYPE_LABELS,
    Answer,
    Assessment,
    AssessmentStatus,
    ChecklistCriterion,
    ChecklistTemplate,
    CriterionAnswer,
    Finding,
    Outcome,
    SubjectType,
)

S = AssessmentStatus


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


def _visible(user) -> QuerySet[Assessment]:
    assessments = Assessment.objects.all()
    if not permissions.can_view_impact_assessments(user):
        assessments = assessments.filter(status=S.CLOSED)
    return assessments


# ---------------------------------------------------------------- assessments


def assessment_list(*, user, filters=None) -> QuerySet[Assessment]:
    assessments = _visible(user).select_related("department", "assessor").order_by(*Assessment._meta.ordering)
    return _filtered(AssessmentFilter, assessments, filters)


def assessment_get(*, user, pk: int) -> Assessment:
    """One assessment with everything its page shows (a fixed number of queries)."""
    return (
        _visible(user)
        .select_related("department", "assessor", "requested_by", "checklist")
        .prefetch_related(
            Prefetch("findings", queryset=_findings(user)),
            "attachments",
            "related_tasks",
            "related_recommendations__complaint",
            Prefetch("reviews", queryset=_reviews()),
            Prefetch("events", queryset=_events()),
        )
        .get(pk=pk)
    )


def _findings(user):
    """Findings with the plan tasks following each up (plans.FollowUp), computed in the same query."""
    from plans.selectors import with_follow_ups

    return with_follow_ups(Finding, user=user, source="finding", select_related=("criterion", "responded_by"))


def _reviews():
    from impact.models import CommitteeReview

    return CommitteeReview.objects.select_related("committee", "meeting", "author")


def _events():
    from impact.models import AssessmentEvent

    return AssessmentEvent.objects.select_related("actor")


@dataclass
class ChecklistSection:
    title: str
    rows: list[CriterionAnswer] = field(default_factory=list)


def checklist_sections(*, assessment: Assessment) -> list[ChecklistSection]:
    """The assessment's answers grouped by section, in criterion order (1 query)."""
    sections: dict[str, ChecklistSection] = {}
    rows = assessment.answers.select_related("criterion", "criterion__right", "criterion__group").order_by(
        "criterion__number"
    )
    for row in rows:
        sections.setdefault(row.criterion.section, ChecklistSection(title=row.criterion.section)).rows.append(row)
    return list(sections.values())


def checklist_progress(*, assessment: Assessment) -> dict[str, int]:
    """How many criteria are answered, and how (1 query)."""
    counts = assessment.answers.aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=~Q(answer="")),
        yes=Count("pk", filter=Q(answer=Answer.YES)),
        no=Count("pk", filter=Q(answer=Answer.NO)),
        partly=Count("pk", filter=Q(answer=Answer.PARTLY)),
        not_applicable=Count("pk", filter=Q(answer=Answer.NOT_APPLICABLE)),
    )
    return counts


def assessment_attachment(*, user, assessment_pk: int, pk: int):
    """An evidence file of an assessment the user may see (staff only; 1 query)."""
    from impact.models import AssessmentAttachment

    if not permissions.can_view_impact_assessments(user):
        raise AssessmentAttachment.DoesNotExist
    return AssessmentAttachment.objects.select_related("assessment").get(assessment_id=assessment_pk, pk=pk)


def finding_get(*, user, pk: int) -> Finding:
    """A finding with its assessment and criterion, for staff (the public reads findings on the
    closed assessment's page; 1 query)."""
    if not permissions.can_view_impact_assessments(user):
        raise Finding.DoesNotExist
    return Finding.objects.select_related("assessment", "assessment__department", "criterion").get(pk=pk)


def department_to_do(*, user) -> QuerySet[Assessment]:
    """What the user's department owes: responses to findings and outcomes to record."""
    department_id = getattr(user, "department_id", None)
    if not permissions.is_department_official(user) or department_id is None:
        return Assessment.objects.none()
    return (
        Assessment.objects.filter(department_id=department_id, status__in=(S.FINDINGS_ISSUED, S.RESPONDED))
        .select_related("department")
        .order_by("stage_deadline", "pk")
    )


def office_to_do(*, user) -> QuerySet[Assessment]:
    """What waits for the assessment team: new requests, assessments in progress, outcomes to close."""
    if not permissions.can_assess_impact(user):
        return Assessment.objects.none()
    return (
        Assessment.objects.filter(status__in=(S.REQUESTED, S.IN_ASSESSMENT, S.OUTCOME_RECORDED))
        .select_related("department", "assessor")
        .order_by("stage_deadline", "pk")
    )


def status_counts(*, user, filters=None) -> dict[str, int]:
    """Assessments per status and the overdue ones, for the list's summary (1 query)."""
    assessments = _filtered(AssessmentFilter, _visible(user), filters).order_by()
    today = timezone.localdate()
    counts = assessments.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=Q(status__in=workflow.OPEN_STATUSES, stage_deadline__lt=today)),
        **{status: Count("pk", filter=Q(status=status)) for status in S.values},
    )
    return counts


# ---------------------------------------------------------------- checklist templates


def template_list(*, user, filters=None) -> QuerySet[ChecklistTemplate]:
    templates = ChecklistTemplate.objects.annotate(
        criterion_count=Count("criteria", distinct=True), assessment_count=Count("assessments", distinct=True)
    ).order_by("subject_type", "-version")
    if not permissions.can_view_impact_assessments(user):
        templates = templates.filter(state=ChecklistTemplate.State.PUBLISHED)
    return _filtered(TemplateFilter, templates, filters)


def template_get(*, user, pk: int) -> ChecklistTemplate:
    templates = ChecklistTemplate.objects.select_related("created_by").prefetch_related(
        Prefetch("criteria", queryset=ChecklistCriterion.objects.select_related("right", "group").order_by("number"))
    )
    if not permissions.can_view_impact_assessments(user):
        templates = templates.filter(state=ChecklistTemplate.State.PUBLISHED)
    return templates.get(pk=pk)


def criterion_get(*, user, pk: int) -> ChecklistCriterion:
    """One criterion with its checklist (the public: of a checklist in use; 1 query)."""
    criteria = ChecklistCriterion.objects.select_related("template", "right", "group")
    if not permissions.can_view_impact_assessments(user):
        criteria = criteria.filter(template__state=ChecklistTemplate.State.PUBLISHED)
    return criteria.get(pk=pk)


# ---------------------------------------------------------------- figures


@dataclass(frozen=True)
class FigureRow:
    """Assessments of one subject type in one year and what became of them."""

    year: int
    subject_type: str
    requested: int
    assessed: int
    revised: int
    partially_revised: int
    not_revised: int
    awaiting_outcome: int

    @property
    def subject_type_label(self) -> str:
        return SUBJECT_TYPE_LABELS.get(self.subject_type, self.subject_type)

    @property
    def with_outcome(self) -> int:
        return self.revised + self.partially_revised + self.not_revised

    @property
    def revised_share(self) -> float | None:
        """Revised (fully) as a share of the assessments with an outcome."""
        return round(100 * self.revised / self.with_outcome, 1) if self.with_outcome else None


@dataclass(frozen=True)
class FacilityRow:
    """Buildings of one use assessed in one year, and how many were renovated."""

    year: int
    facility_use: str
    assessed: int
    renovated: int
    partially_renovated: int
    not_renovated: int

    @property
    def facility_use_label(self) -> str:
        return FACILITY_USE_LABELS.get(self.facility_use, self.facility_use)


@dataclass(frozen=True)
class FailedCriterion:
    criterion_id: int
    number: int
    section: str
    text: str
    subject_type: str
    failed: int
    partly: int
    answered: int

    @property
    def subject_type_label(self) -> str:
        return SUBJECT_TYPE_LABELS.get(self.subject_type, self.subject_type)

    @property
    def failure_share(self) -> float | None:
        return round(100 * self.failed / self.answered, 1) if self.answered else None


@dataclass(frozen=True)
class Figures:
    rows: list[FigureRow]
    totals: list[FigureRow]
    facilities: list[FacilityRow]
    failed_criteria: list[FailedCriterion]
    years: list[int]


def _count(status_filter: Q | None = None, **conditions) -> Count:
    condition = Q(**conditions)
    if status_filter is not None:
        condition &= status_filter
    return Count("pk", filter=condition)


def impact_figures(
    *, year: int | None = None, subject_type: str | None = None, department=None, top: int = 10
) -> Figures:
    """The yearly figures by subject type (e.g. 49 of 107 ordinances revised), the renovations of
    buildings by use (e.g. 22 of 44 polling stations) and the criteria most often failed.

    Public data: aggregates only, computed by PostgreSQL in 4 queries whatever the size. "Assessed"
    counts assessments whose findings were issued; withdrawn requests count as requested only.
    """
    assessments = Assessment.objects.exclude(status=S.WITHDRAWN).order_by()
    if year is not None:
        assessments = assessments.filter(year=year)
    if subject_type:
        assessments = assessments.filter(subject_type=subject_type)
    if department is not None:
        assessments = assessments.filter(department=department)
    assessed = Q(status__in=workflow.ASSESSED_STATUSES)
    outcome_known = Q(status__in=workflow.ASSESSED_STATUSES) & ~Q(outcome="")
    grouped = (
        assessments.values("year", "subject_type")
        .annotate(
            requested=Count("pk"),
            assessed=_count(assessed),
            revised=_count(outcome_known, outcome=Outcome.REVISED),
            partially_revised=_count(outcome_known, outcome=Outcome.PARTIALLY_REVISED),
            not_revised=_count(outcome_known, outcome=Outcome.NOT_REVISED),
        )
        .order_by("year", "subject_type")
    )
    type_order = {value: index for index, value in enumerate(SubjectType.values)}
    rows = sorted(
        (
            FigureRow(
                year=row["year"],
                subject_type=row["subject_type"],
                requested=row["requested"],
                assessed=row["assessed"],
                revised=row["revised"],
                partially_revised=row["partially_revised"],
                not_revised=row["not_revised"],
                awaiting_outcome=row["assessed"] - row["revised"] - row["partially_revised"] - row["not_revised"],
            )
            for row in grouped
        ),
        key=lambda row: (row.year, type_order.get(row.subject_type, 99)),
    )
    totals_by_type: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        for name in ("requested", "assessed", "revised", "partially_revised", "not_revised", "awaiting_outcome"):
            totals_by_type[row.subject_type][name] += getattr(row, name)
    totals = [
        FigureRow(year=0, subject_type=subject, **values)
        for subject, values in sorted(totals_by_type.items(), key=lambda item: type_order.get(item[0], 99))
    ]

    buildings = (
        assessments.filter(subject_type=SubjectType.BUILDING, status__in=workflow.ASSESSED_STATUSES)
        .values("year", "facility_use")
        .annotate(
            assessed=Count("pk"),
            renovated=_count(outcome=Outcome.REVISED),
            partially_renovated=_count(outcome=Outcome.PARTIALLY_REVISED),
            not_renovated=_count(outcome=Outcome.NOT_REVISED),
        )
        .order_by("year", "facility_use")
    )
    facilities = [FacilityRow(**row) for row in buildings]

    answers = CriterionAnswer.objects.filter(assessment__in=assessments.filter(assessed)).exclude(
        answer__in=("", Answer.NOT_APPLICABLE)
    )
    failed = (
        answers.values(
            "criterion_id",
            "criterion__number",
            "criterion__section",
            "criterion__text",
            "criterion__template__subject_type",
        )
        .annotate(
            failed=_count(answer=Answer.NO),
            partly=_count(answer=Answer.PARTLY),
            answered=Count("pk"),
        )
        .filter(Q(failed__gt=0) | Q(partly__gt=0))
        .order_by("-failed", "-partly", "criterion__number", "criterion_id")[:top]
    )
    failed_criteria = [
        FailedCriterion(
            criterion_id=row["criterion_id"],
            number=row["criterion__number"],
            section=row["criterion__section"],
            text=row["criterion__text"],
            subject_type=row["criterion__template__subject_type"],
            failed=row["failed"],
            partly=row["partly"],
            answered=row["answered"],
        )
        for row in failed
    ]
    years = list(
        Assessment.objects.exclude(status=S.WITHDRAWN).order_by("-year").values_list("year", flat=True).distinct()
    )
    return Figures(rows=rows, totals=totals, facilities=facilities, failed_criteria=failed_criteria, years=years)
