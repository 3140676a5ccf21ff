"""Reads of the dashboards: each panel composes the selectors of its app, so the dashboards, the
app pages and the ``/api/v1/statistics/…`` endpoints show the same numbers.

``public=True`` gives what the public may see: adopted plans and confirmed records, verified
indicator values, anonymous complaint statistics with small cells suppressed
(``PORTAL_STATISTICS_MIN_CELL``), impact figures. Every function runs a fixed number of queries,
whatever the amount of data.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Count, F, Q, Sum, Window
from django.db.models.functions import Coalesce, Lag
from django.utils import timezone

from humanrights_portal.core import permissions
from humanrights_portal.core.models import Department, VulnerableGroup
from impact import selectors as impact_selectors
from impact import workflow as impact_workflow
from impact.models import Assessment, AssessmentStatus, Outcome
from indicators import selectors as indicator_selectors
from indicators.models import Direction, Measurement, MeasurementState
from ombudsman import selectors as ombudsman_selectors
from ombudsman import statistics as ombudsman_statistics
from ombudsman.models import Complaint, ReceiptSequence
from ombudsman.workflow import TERMINAL_STATUSES
from plans import selectors as plan_selectors
from plans.models import AnnualRecord, BasePlan, PlanArea, PlanStatus, ProgressStatus, ReviewState


@dataclass(frozen=True)
class DashboardFilters:
    """The filters shared by every panel, carried in the URL (``?year=&department=&area=&group=``)."""

    year: int
    department: Department | None = None
    area: PlanArea | None = None
    group: VulnerableGroup | None = None

    def as_query(self) -> dict[str, str]:
        query = {"year": str(self.year)}
        if self.department is not None:
            query["department"] = self.department.code
        if self.area is not None:
            query["area"] = str(self.area.pk)
        if self.group is not None:
            query["group"] = self.group.code
        return query


def _viewer(user, public: bool):
    """The public view is computed as an anonymous visitor sees it."""
    return AnonymousUser() if public or user is None else user


def years_with_data() -> dict[str, set[int]]:
    """The years in which each app has data (4 small queries; complaints by their receipt sequence,
    one row a year, so this stays cheap with a million cases)."""
    return {
        "plans": set(
            AnnualRecord.objects.filter(review_state=ReviewState.CONFIRMED)
            .order_by()
            .values_list("year", flat=True)
            .distinct()
        ),
        "indicators": set(Measurement.objects.order_by().values_list("year", flat=True).distinct()),
        "ombudsman": set(ReceiptSequence.objects.values_list("year", flat=True)),
        "impact": set(Assessment.objects.order_by().values_list("year", flat=True).distinct()),
    }


def dashboard_years(by_app: dict[str, set[int]] | None = None) -> list[int]:
    """Years with data in any app, and the current one, newest first."""
    by_app = by_app if by_app is not None else years_with_data()
    years = set().union(*by_app.values()) | {timezone.localdate().year}
    return sorted(years, reverse=True)


def default_year(by_app: dict[str, set[int]] | None = None) -> int:
    """The year a dashboard opens on: the latest finished year with data in at least two apps (its
    figures are complete and comparable), else the latest year with any data, else this year."""
    by_app = by_app if by_app is not None else years_with_data()
    current = timezone.localdate().year
    counts: dict[int, int] = {}
    for years in by_app.values():
        for year in years:
            counts[year] = counts.get(year, 0) + 1
    finished = sorted((year for year in counts if year < current), reverse=True)
    for year in finished:
        if counts[year] >= 2:
            return year
    return finished[0] if finished else current


# ---------------------------------------------------------------- plans


@dataclass(frozen=True)
class PlanPanelRow:
    plan: BasePlan
    progress: plan_selectors.PlanProgress


def plans_panel(*, user, filters: DashboardFilters, public: bool = False) -> list[PlanPanelRow]:
    """Progress of each plan in force in the year: tasks by status per area and department, budget
    executed vs planned (1 + 4 queries per plan in force; a city has one or two)."""
    viewer = _viewer(user, public)
    plans = BasePlan.objects.filter(
        status__in=(PlanStatus.ADOPTED, PlanStatus.COMPLETED),
        start_year__lte=filters.year,
        end_year__gte=filters.year,
    ).order_by("-start_year", "pk")
    if filters.area is not None:
        plans = plans.filter(pk=filters.area.plan_id)
    return [
        PlanPanelRow(
            plan=plan,
            progress=plan_selectors.plan_progress(
                user=viewer,
                plan=plan,
                year=filters.year,
                department=filters.department,
                area=filters.area,
                group=filters.group,
            ),
        )
        for plan in plans
    ]


# ---------------------------------------------------------------- indicators


def indicators_panel(
    *, user, filters: DashboardFilters, public: bool = False
) -> list[indicator_selectors.StatusSummaryRow]:
    """Indicators achieved / on track / off track / no data per framework and area (1 query).

    Statuses are derived from verified values only, so staff and the public see the same counts."""
    return indicator_selectors.status_summary(user=_viewer(user, public), department=filters.department)


# ---------------------------------------------------------------- ombudsman


def ombudsman_panel(*, user, filters: DashboardFilters, public: bool = False):
    """Counselling sessions, cases received and closed, by status, right and group, handling time,
    recommendations by the agencies' responses and implementation (``ombudsman.selectors``)."""
    return ombudsman_selectors.case_statistics(user=user, year=filters.year, public=public)


# ---------------------------------------------------------------- impact assessments


def impact_panel(*, user, filters: DashboardFilters, public: bool = False) -> impact_selectors.Figures:
    """Assessed, revised, partially revised, not revised by subject type; renovations of buildings."""
    return impact_selectors.impact_figures(year=filters.year, department=filters.department)


# ---------------------------------------------------------------- trends over the years


@dataclass(frozen=True)
class TrendRow:
    year: int
    records: int = 0
    tasks_completed: int = 0
    budget_planned: int = 0
    budget_executed: int = 0
    indicators_measured: int = 0
    indicators_improved: int = 0
    indicators_worsened: int = 0
    cases_received: int | None = 0
    cases_closed: int | None = 0
    assessed: int = 0
    revised: int = 0

    @property
    def completion_percent(self) -> float | None:
        return round(100 * self.tasks_completed / self.records, 1) if self.records else None

    @property
    def execution_percent(self) -> float | None:
        return round(100 * self.budget_executed / self.budget_planned, 1) if self.budget_planned else None


TREND_CHANGES_SQL = (
    "SELECT year, count(*),"
    " count(*) FILTER (WHERE previous IS NOT NULL AND value <> previous AND (value > previous) <> (direction = %s)),"
    " count(*) FILTER (WHERE previous IS NOT NULL AND value <> previous AND (value > previous) = (direction = %s))"
    ' FROM (SELECT "year" AS year, "value" AS value, "previous" AS previous, "indicator__direction" AS direction'
    " FROM ({inner}) AS window_rows) AS changes GROUP BY year"
)


def trends(*, user, filters: DashboardFilters, public: bool = False) -> list[TrendRow]:
    """Per year: plan completion and budget execution, indicators with a value that improved or
    worsened on the year before, cases received and closed, assessments and revisions (4 queries).

    The year filter does not apply (a trend spans the years); department, area and group do where
    they have a meaning.
    """
    viewer = _viewer(user, public)
    rows: dict[int, dict] = {}

    records = AnnualRecord.objects.filter(task__area__plan__status__in=(PlanStatus.ADOPTED, PlanStatus.COMPLETED))
    if public or not _is_staff(viewer):
        records = records.filter(review_state=ReviewState.CONFIRMED)
    if filters.department is not None:
        records = records.filter(task__responsible_department=filters.department)
    if filters.area is not None:
        records = records.filter(task__area=filters.area)
    if filters.group is not None:
        records = records.filter(task__target_groups=filters.group)
    for row in (
        records.values("year")
        .annotate(
            records=Count("pk"),
            tasks_completed=Count("pk", filter=Q(progress_status=ProgressStatus.COMPLETED)),
            budget_planned=Coalesce(Sum("budget_planned"), 0),
            budget_executed=Coalesce(Sum("budget_executed"), 0),
        )
        .order_by("year")
    ):
        rows.setdefault(row.pop("year"), {}).update(row)

    totals = Measurement.objects.filter(state=MeasurementState.VERIFIED, category__isnull=True, period=0)
    if filters.department is not None:
        totals = totals.filter(indicator__responsible_department=filters.department)
    changes = (
        totals.annotate(
            previous=Window(Lag("value"), partition_by=[F("indicator_id")], order_by=F("year").asc()),
        )
        .values("year", "value", "previous", "indicator__direction")
        .order_by()
    )  # no ordering joins
    # Counted by PostgreSQL over the window (10,000 values: 80 ms in Python, 15 ms in SQL).
    sql, params = changes.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(TREND_CHANGES_SQL.format(inner=sql), [Direction.LOWER, Direction.LOWER, *params])
        measured = {year: (count, improved, worsened) for year, count, improved, worsened in cursor.fetchall()}
    for year, (count, improved, worsened) in measured.items():
        rows.setdefault(year, {}).update(
            indicators_measured=count, indicators_improved=improved, indicators_worsened=worsened
        )

    cases = Complaint.objects.all()
    if filters.group is not None:
        cases = cases.filter(groups=filters.group)
    min_cell = _min_cell(public)
    # From the statistics summary when it is in use (a million cases: 2 s -> 1 ms), else counted here.
    summary = ombudsman_statistics.cases_by_year(group_id=filters.group.pk if filters.group is not None else None)
    case_rows = (
        cases.values(year=F("received_at__year"))
        .annotate(
            cases_received=Count("pk", distinct=True),
            cases_closed=Count("pk", filter=Q(status__in=TERMINAL_STATUSES), distinct=True),
        )
        .order_by("year")
        if summary is None
        else [{"year": year, "cases_received": received, "cases_closed": closed} for year, received, closed in summary]
    )
    for row in case_rows:
        year = row.pop("year")
        rows.setdefault(year, {}).update({key: (value if value >= min_cell else None) for key, value in row.items()})

    assessments = Assessment.objects.exclude(status=AssessmentStatus.WITHDRAWN)
    if filters.department is not None:
        assessments = assessments.filter(department=filters.department)
    for row in (
        assessments.values("year")
        .annotate(
            assessed=Count("pk", filter=Q(status__in=impact_workflow.ASSESSED_STATUSES)),
            revised=Count("pk", filter=Q(outcome=Outcome.REVISED)),
        )
        .order_by("year")
    ):
        rows.setdefault(row.pop("year"), {}).update(row)

    return [TrendRow(year=year, **values) for year, values in sorted(rows.items())]


# ---------------------------------------------------------------- who is left behind


@dataclass(frozen=True)
class GroupGap:
    """A disaggregated value of an indicator against the indicator's total in the same year."""

    indicator_id: int
    indicator_code: str
    indicator_name: str
    unit: str
    direction: str
    year: int
    dimension: str
    category: str
    group_code: str | None
    value: Decimal
    total: Decimal

    @property
    def gap(self) -> Decimal:
        return self.value - self.total

    @property
    def is_behind(self) -> bool:
        """Worse than the total, given which way is better for this indicator."""
        if self.direction == Direction.LOWER:
            return self.value > self.total
        return self.value < self.total


def left_behind(*, user, filters: DashboardFilters, public: bool = False, limit: int = 50) -> list[GroupGap]:
    """Disaggregated verified values of the year against the total: who is left behind (2 queries).

    With a group filter, only the categories linked to that group (e.g. women, older persons).
    Values are verified measurements, which the public may see, so staff and public views agree.
    """
    values = Measurement.objects.filter(
        state=MeasurementState.VERIFIED, year=filters.year, period=0, category__isnull=False
    )
    if filters.department is not None:
        values = values.filter(indicator__responsible_department=filters.department)
    if filters.group is not None:
        values = values.filter(category__group=filters.group)
    values = values.select_related("indicator", "category", "category__dimension", "category__group").order_by(
        "indicator__code", "category__dimension__code", "category__order"
    )[:limit]
    values = list(values)
    totals = {
        row["indicator_id"]: row["value"]
        for row in Measurement.objects.filter(
            state=MeasurementState.VERIFIED,
            year=filters.year,
            period=0,
            category__isnull=True,
            indicator_id__in={value.indicator_id for value in values},
        ).values("indicator_id", "value")
    }
    return [
        GroupGap(
            indicator_id=value.indicator_id,
            indicator_code=value.indicator.code,
            indicator_name=value.indicator.name,
            unit=value.indicator.unit,
            direction=value.indicator.direction,
            year=value.year,
            dimension=value.category.dimension.name,
            category=value.category.name,
            group_code=value.category.group.code if value.category.group_id else None,
            value=value.value,
            total=totals[value.indicator_id],
        )
        for value in values
        if value.indicator_id in totals
    ]


# ---------------------------------------------------------------- helpers


def _is_staff(user) -> bool:
    return permissions.is_staff_member(user)


def _min_cell(public: bool) -> int:
    return settings.PORTAL_STATISTICS_MIN_CELL if public else 0
