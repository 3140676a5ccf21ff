"""Open data: every public list and statistic as CSV, XLSX or JSON, with stable column names.

Each dataset of ``DATASETS`` is read through its app's selectors as an anonymous visitor sees it
(adopted plans, confirmed records, verified values, closed assessments, suppressed complaint
statistics), in a fixed number of queries whatever the number of rows. Column names are stable
snake_case keys documented on the catalogue page; coded values come with a ``*_label`` column in the
language of the request.

Formats: CSV in UTF-8 with a byte order mark (Excel reads Korean), XLSX written by openpyxl, JSON
``{"dataset", "columns", "rows"}`` with one object a row (decimals as strings, as the API gives them).
Text a spreadsheet would take for a formula is kept as text in CSV and XLSX.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.aggregates import ArrayAgg
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F, Max, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from humanrights_portal.dashboards import selectors as dashboard_selectors
from humanrights_portal.dashboards.selectors import DashboardFilters
from impact import selectors as impact_selectors
from impact.exporting import LABELS as IMPACT_LABELS
from impact.exporting import PUBLIC_COLUMNS as IMPACT_PUBLIC_COLUMNS
from indicators import selectors as indicator_selectors
from indicators.models import IndicatorStatus, Measurement, MeasurementState
from ombudsman import selectors as ombudsman_selectors
from plans import selectors as plan_selectors
from plans.models import PlanStatus, PolicyTask, ProgressStatus

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class OpenDataFilters:
    """The dashboard filters of a download; ``year`` is ``None`` for every year."""

    year: int | None = None
    department: object = None
    area: object = None
    group: object = None

    @classmethod
    def from_form(cls, form) -> OpenDataFilters:
        data = form.cleaned_data
        return cls(
            year=data.get("year") or None,
            department=data.get("department"),
            area=data.get("area"),
            group=data.get("group"),
        )


@dataclass(frozen=True)
class Column:
    name: str
    description: str | Promise


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str | Promise
    description: str | Promise
    columns: tuple[Column, ...]
    rows: Callable[[OpenDataFilters], Iterable[dict]]
    #: The dashboard filters that narrow this dataset (the others are ignored).
    filters: tuple[str, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


def _anonymous() -> AnonymousUser:
    return AnonymousUser()


def _labels(choices) -> dict:
    return dict(choices)


def _label(labels: dict, value) -> str:
    return str(labels.get(value, "")) if value else ""


# ---------------------------------------------------------------- plans


PLAN_COLUMNS = (
    Column("id", _("Identifier of the plan")),
    Column("title", _("Title of the plan (Korean)")),
    Column("title_en", _("Title of the plan in English, when given")),
    Column("organisation", _("Local government that adopted the plan")),
    Column("start_year", _("First year of the plan")),
    Column("end_year", _("Last year of the plan")),
    Column("status", _("adopted or completed")),
    Column("status_label", _("Status in words")),
    Column("adopted_on", _("Date of adoption (YYYY-MM-DD)")),
    Column("area_count", _("Number of areas")),
    Column("task_count", _("Number of policy tasks")),
)


def plan_rows(filters: OpenDataFilters) -> Iterable[dict]:
    labels = _labels(PlanStatus.choices)
    plans = plan_selectors.plan_list(user=_anonymous()).values(
        "id", "title", "title_en", "organisation", "start_year", "end_year", "status", "adopted_on", "area_count",
        "task_count",
    )  # fmt: skip
    for plan in plans:
        yield {**plan, "status_label": _label(labels, plan["status"])}


TASK_COLUMNS = (
    Column("id", _("Identifier of the policy task")),
    Column("plan_id", _("Identifier of the plan (see the plans dataset)")),
    Column("area_id", _("Identifier of the plan area")),
    Column("area_number", _("Number of the area in the plan")),
    Column("area_title", _("Title of the area")),
    Column("code", _("Code of the task in the plan")),
    Column("title", _("Title of the task")),
    Column("responsible_department_code", _("Code of the department responsible")),
    Column("responsible_department", _("Name of the department responsible")),
    Column("target_groups", _("Codes of the groups of people the task is for, separated by ;")),
    Column("sdg_targets", _("SDG targets the task contributes to, separated by ;")),
)


def task_rows(filters: OpenDataFilters) -> Iterable[dict]:
    tasks = plan_selectors.task_list(user=_anonymous())
    if filters.department is not None:
        tasks = tasks.filter(responsible_department=filters.department)
    if filters.area is not None:
        tasks = tasks.filter(area=filters.area)
    if filters.group is not None:
        # A subquery, not a join: the join would narrow the aggregated list of groups to this one.
        tasks = tasks.filter(pk__in=PolicyTask.objects.filter(target_groups=filters.group).values("pk"))
    rows = (
        tasks.order_by("area__plan_id", "area__number", "order", "code")
        .values(
            "id",
            "area_id",
            "code",
            "title",
            plan_id=F("area__plan_id"),
            area_number=F("area__number"),
            area_title=F("area__title"),
            responsible_department_code=F("responsible_department__code"),
            department_name=F("responsible_department__name_ko"),
        )
        .annotate(
            target_groups=ArrayAgg(
                "target_groups__code",
                distinct=True,
                filter=Q(target_groups__isnull=False),
                order_by="target_groups__code",
            ),
            sdg_targets=ArrayAgg(
                "sdg_targets__code", distinct=True, filter=Q(sdg_targets__isnull=False), order_by="sdg_targets__code"
            ),
        )
    )
    for row in rows:
        yield {**row, "responsible_department": row.pop("department_name")}


RECORD_COLUMNS = (
    Column("id", _("Identifier of the annual record")),
    Column("task_id", _("Identifier of the policy task (see the plan tasks dataset)")),
    Column("task_code", _("Code of the task")),
    Column("task_title", _("Title of the task")),
    Column("plan_id", _("Identifier of the plan")),
    Column("area_number", _("Number of the plan area")),
    Column("year", _("Year reported on")),
    Column("responsible_department_code", _("Code of the department responsible")),
    Column("responsible_department", _("Name of the department responsible")),
    Column("progress_status", _("not_started, on_track, delayed or completed")),
    Column("progress_status_label", _("Progress status in words")),
    Column("progress", _("Progress in percent (0-100)")),
    Column("budget_planned", _("Budget planned for the year, in KRW")),
    Column("budget_executed", _("Budget executed in the year, in KRW")),
    Column("planned_activities", _("What was planned for the year")),
    Column("narrative", _("What was done")),
)


def record_rows(filters: OpenDataFilters) -> Iterable[dict]:
    """Confirmed annual records only: the public never sees drafts or the office's comments."""
    labels = _labels(ProgressStatus.choices)
    records = plan_selectors.record_list(user=_anonymous())
    if filters.year is not None:
        records = records.filter(year=filters.year)
    if filters.department is not None:
        records = records.filter(task__responsible_department=filters.department)
    if filters.area is not None:
        records = records.filter(task__area=filters.area)
    if filters.group is not None:
        records = records.filter(task__target_groups=filters.group)
    rows = records.order_by("year", "task__area__plan_id", "task__area__number", "task__order", "task__code").values(
        "id",
        "task_id",
        "year",
        "progress_status",
        "progress",
        "budget_planned",
        "budget_executed",
        "planned_activities",
        "narrative",
        task_code=F("task__code"),
        task_title=F("task__title"),
        plan_id=F("task__area__plan_id"),
        area_number=F("task__area__number"),
        responsible_department_code=F("task__responsible_department__code"),
        responsible_department=F("task__responsible_department__name_ko"),
    )
    for row in rows:
        yield {**row, "progress_status_label": _label(labels, row["progress_status"])}


# ---------------------------------------------------------------- indicators


INDICATOR_COLUMNS = (
    Column("id", _("Identifier of the indicator")),
    Column("framework_id", _("Identifier of the indicator framework")),
    Column("framework", _("Name of the framework")),
    Column("area_number", _("Number of the framework area")),
    Column("area_title", _("Title of the framework area")),
    Column("code", _("Code of the indicator in its framework")),
    Column("name_ko", _("Name of the indicator (Korean)")),
    Column("name_en", _("Name of the indicator in English, when given")),
    Column("unit", _("Unit of the values")),
    Column("direction", _("higher or lower: which way is better")),
    Column("baseline_value", _("Baseline value")),
    Column("baseline_year", _("Year of the baseline")),
    Column("target_value", _("Target value")),
    Column("target_year", _("Year of the target")),
    Column("responsible_department_code", _("Code of the department responsible")),
    Column("data_source", _("Where the values come from")),
    Column("status", _("achieved, on_track, off_track or no_data, derived from the verified values")),
    Column("status_label", _("Status in words")),
    Column("latest_year", _("Year of the latest verified value")),
    Column("latest_value", _("Latest verified value (total)")),
)


def indicator_rows(filters: OpenDataFilters) -> Iterable[dict]:
    statuses = _labels(IndicatorStatus.choices)
    indicators = indicator_selectors.indicator_list(user=_anonymous())
    if filters.department is not None:
        indicators = indicators.filter(responsible_department=filters.department)
    rows = indicators.order_by("framework_id", "area__number", "code").values(
        "id",
        "framework_id",
        "code",
        "name_ko",
        "name_en",
        "unit",
        "direction",
        "baseline_value",
        "baseline_year",
        "target_value",
        "target_year",
        "data_source",
        "status",
        "latest_year",
        "latest_value",
        framework_name=F("framework__name"),
        area_number=F("area__number"),
        area_title=F("area__title"),
        responsible_department_code=F("responsible_department__code"),
    )
    for row in rows:
        yield {**row, "framework": row.pop("framework_name"), "status_label": _label(statuses, row["status"])}


MEASUREMENT_COLUMNS = (
    Column("id", _("Identifier of the value")),
    Column("indicator_id", _("Identifier of the indicator (see the indicators dataset)")),
    Column("indicator_code", _("Code of the indicator")),
    Column("framework_id", _("Identifier of the framework")),
    Column("year", _("Year of the value")),
    Column("period", _("0 for a yearly value; 1-4 for a quarter; 1-12 for a month")),
    Column("dimension", _("Disaggregation dimension (empty for the total)")),
    Column("category", _("Disaggregation category (empty for the total)")),
    Column("group_code", _("Code of the group of people the category stands for, when linked")),
    Column("value", _("The verified value")),
    Column("source_note", _("Source of the value")),
    Column("verified_on", _("Date the office verified the value (YYYY-MM-DD)")),
)


def measurement_rows(filters: OpenDataFilters) -> Iterable[dict]:
    """Verified values only (the public never sees drafts)."""
    measurements = indicator_selectors.measurement_list(user=_anonymous())
    if filters.year is not None:
        measurements = measurements.filter(year=filters.year)
    if filters.department is not None:
        measurements = measurements.filter(indicator__responsible_department=filters.department)
    if filters.group is not None:
        measurements = measurements.filter(category__group=filters.group)
    rows = measurements.order_by(
        "indicator__framework_id", "indicator__code", "year", "period", "category__dimension__code", "category__order"
    ).values(
        "id",
        "indicator_id",
        "year",
        "period",
        "value",
        "source_note",
        "verified_at",
        indicator_code=F("indicator__code"),
        framework_id=F("indicator__framework_id"),
        dimension=F("category__dimension__name_ko"),
        category_name=F("category__name_ko"),
        group_code=F("category__group__code"),
    )
    for row in rows:
        verified_at = row.pop("verified_at")
        yield {
            **row,
            "category": row.pop("category_name"),
            "verified_on": timezone.localtime(verified_at).date() if verified_at else None,
        }


# ---------------------------------------------------------------- impact assessments


ASSESSMENT_DESCRIPTIONS = {
    "code": _("Code of the assessment"),
    "year": _("Year of the request"),
    "subject_type": _("ordinance, regulation, policy, building or event"),
    "subject_type_label": _("Subject type in words"),
    "title": _("What was assessed"),
    "department_code": _("Code of the department responsible for the subject"),
    "department": _("Name of the department"),
    "revision_kind": _("new or partial (ordinances and regulations)"),
    "facility_use": _("Use of the building (buildings)"),
    "facility_use_label": _("Use of the building in words"),
    "requested_on": _("Date of the request"),
    "findings_issued_on": _("Date the findings were issued"),
    "outcome": _("revised, partially_revised or not_revised"),
    "outcome_label": _("Outcome in words"),
    "outcome_on": _("Date of the outcome"),
    "outcome_summary": _("What was changed"),
    "public_summary": _("Summary published by the office"),
    "closed_on": _("Date the assessment was closed"),
}
ASSESSMENT_COLUMNS = tuple(Column(name, ASSESSMENT_DESCRIPTIONS[name]) for name, _field in IMPACT_PUBLIC_COLUMNS)


def assessment_rows(filters: OpenDataFilters) -> Iterable[dict]:
    """Closed assessments' public facts (the impact app's public export columns)."""
    assessments = impact_selectors.assessment_list(user=_anonymous())
    if filters.year is not None:
        assessments = assessments.filter(year=filters.year)
    if filters.department is not None:
        assessments = assessments.filter(department=filters.department)
    fields = list(dict.fromkeys(field for _column, field in IMPACT_PUBLIC_COLUMNS))
    for values in assessments.values_list(*fields):
        by_field = dict(zip(fields, values, strict=True))
        row = {}
        for column, source in IMPACT_PUBLIC_COLUMNS:
            value = by_field[source]
            row[column] = _label(IMPACT_LABELS[column], value) if column in IMPACT_LABELS else value
        yield row


FIGURE_COLUMNS = (
    Column("year", _("Year of the requests")),
    Column("subject_type", _("ordinance, regulation, policy, building or event")),
    Column("subject_type_label", _("Subject type in words")),
    Column("requested", _("Assessments requested (withdrawn requests not counted)")),
    Column("assessed", _("Assessments carried out (findings issued)")),
    Column("revised", _("Subjects revised after the assessment")),
    Column("partially_revised", _("Subjects partially revised")),
    Column("not_revised", _("Subjects not revised")),
    Column("awaiting_outcome", _("Assessed subjects whose outcome is not known yet")),
)


def figure_rows(filters: OpenDataFilters) -> Iterable[dict]:
    figures = impact_selectors.impact_figures(year=filters.year, department=filters.department)
    for row in figures.rows:
        yield {column.name: getattr(row, column.name) for column in FIGURE_COLUMNS}


BUILDING_COLUMNS = (
    Column("year", _("Year of the requests")),
    Column("facility_use", _("Use of the building or facility")),
    Column("facility_use_label", _("Use in words")),
    Column("assessed", _("Buildings assessed")),
    Column("renovated", _("Renovated after the assessment")),
    Column("partially_renovated", _("Partially renovated")),
    Column("not_renovated", _("Not renovated")),
)


def building_rows(filters: OpenDataFilters) -> Iterable[dict]:
    figures = impact_selectors.impact_figures(year=filters.year, department=filters.department)
    for row in figures.facilities:
        yield {column.name: getattr(row, column.name) for column in BUILDING_COLUMNS}


# ---------------------------------------------------------------- ombudsman


OMBUDSMAN_COLUMNS = (
    Column("year", _("Year the figures are for (empty: every year)")),
    Column(
        "measure",
        _(
            "What is counted: counselling_sessions, cases_received, cases_closed, open_cases, "
            "handling_days_median, handling_days_p90, by_status, by_right, by_group, by_channel, by_year, "
            "recommendations_by_response, recommendations_implemented, satisfaction"
        ),
    ),
    Column("key", _("Code of the row within the measure (a status, right, group, channel …)")),
    Column("label", _("The row in words")),
    Column("value", _("The count or figure; empty when suppressed")),
    Column("suppressed", _("true when the count is hidden because it is too small to publish")),
    Column("min_cell", _("Counts below this number are suppressed")),
)

OMBUDSMAN_TOTALS = (
    ("counselling_sessions", _("Counselling sessions")),
    ("cases_received", _("Cases received")),
    ("cases_closed", _("Cases closed")),
    ("open_cases", _("Cases still open")),
    ("handling_days_median", _("Median handling time (days)")),
    ("handling_days_p90", _("Handling time of the slowest tenth (days, 90th percentile)")),
)
OMBUDSMAN_BREAKDOWNS = ("by_status", "by_right", "by_group", "by_channel", "by_year", "recommendations_by_response")
IMPLEMENTED_LABELS = {"yes": _("Implemented"), "no": _("Not implemented"), "unknown": _("Not known yet")}
SATISFACTION_LABELS = {
    "answers": _("Survey answers"),
    "fairness": _("Fairness (average, 1-5)"),
    "speed": _("Speed (average, 1-5)"),
    "clarity": _("Clarity (average, 1-5)"),
}


def ombudsman_rows(filters: OpenDataFilters) -> Iterable[dict]:
    """The anonymous statistics of the public dashboard, small cells suppressed, one row a figure."""
    statistics = ombudsman_selectors.case_statistics(user=None, year=filters.year, public=True)
    base = {"year": filters.year, "min_cell": statistics.min_cell}

    def row(measure, key, label, value, suppressed=False):
        return {**base, "measure": measure, "key": key, "label": str(label), "value": value, "suppressed": suppressed}

    for measure, label in OMBUDSMAN_TOTALS:
        yield row(measure, "", label, getattr(statistics, measure))
    for measure in OMBUDSMAN_BREAKDOWNS:
        for item in getattr(statistics, measure):
            yield row(measure, item["key"], item["label"], item["count"], suppressed=item["count"] is None)
    for key, value in statistics.recommendations_implemented.items():
        yield row("recommendations_implemented", key, IMPLEMENTED_LABELS.get(key, key), value)
    suppressed = "satisfaction" in statistics.suppressed
    for key, value in statistics.satisfaction.items():
        yield row("satisfaction", key, SATISFACTION_LABELS.get(key, key), value, suppressed=suppressed)


# ---------------------------------------------------------------- dashboard trends and groups


TREND_COLUMNS = (
    Column("year", _("Year")),
    Column("records", _("Confirmed annual records of the plans' tasks")),
    Column("tasks_completed", _("Records reporting the task completed")),
    Column("completion_percent", _("tasks_completed as a percentage of records")),
    Column("budget_planned", _("Budget planned, in KRW")),
    Column("budget_executed", _("Budget executed, in KRW")),
    Column("execution_percent", _("budget_executed as a percentage of budget_planned")),
    Column("indicators_measured", _("Indicators with a verified total value in the year")),
    Column("indicators_improved", _("Of these, values better than the year before")),
    Column("indicators_worsened", _("Of these, values worse than the year before")),
    Column("cases_received", _("Complaints received (empty when suppressed)")),
    Column("cases_closed", _("Complaints received in the year and closed (empty when suppressed)")),
    Column("assessed", _("Impact assessments carried out")),
    Column("revised", _("Subjects revised after an impact assessment")),
)


def trend_rows(filters: OpenDataFilters) -> Iterable[dict]:
    dashboard_filters = DashboardFilters(
        year=filters.year or timezone.localdate().year,
        department=filters.department,
        area=filters.area,
        group=filters.group,
    )
    for row in dashboard_selectors.trends(user=None, filters=dashboard_filters, public=True):
        yield {column.name: getattr(row, column.name) for column in TREND_COLUMNS}


GROUP_COLUMNS = (
    Column("indicator_id", _("Identifier of the indicator")),
    Column("indicator_code", _("Code of the indicator")),
    Column("indicator_name", _("Name of the indicator")),
    Column("unit", _("Unit of the values")),
    Column("direction", _("higher or lower: which way is better")),
    Column("year", _("Year of the values")),
    Column("dimension", _("Disaggregation dimension")),
    Column("category", _("Disaggregation category")),
    Column("group_code", _("Code of the group of people the category stands for, when linked")),
    Column("value", _("Verified value of the category")),
    Column("total", _("Verified value for everyone")),
    Column("gap", _("value minus total")),
    Column("is_behind", _("true when the category fares worse than everyone")),
)


def _latest_disaggregated_year() -> int:
    """The latest year with a verified value of a category (1 query); this year when there is none."""
    latest = Measurement.objects.filter(state=MeasurementState.VERIFIED, category__isnull=False, period=0).aggregate(
        latest=Max("year")
    )["latest"]
    return latest or timezone.localdate().year


def group_rows(filters: OpenDataFilters) -> Iterable[dict]:
    dashboard_filters = DashboardFilters(
        year=filters.year or _latest_disaggregated_year(),
        department=filters.department,
        group=filters.group,
    )
    for gap in dashboard_selectors.left_behind(user=None, filters=dashboard_filters, public=True, limit=10_000):
        yield {column.name: getattr(gap, column.name) for column in GROUP_COLUMNS}


# ---------------------------------------------------------------- the registry


DATASETS: dict[str, Dataset] = {
    dataset.slug: dataset
    for dataset in (
        Dataset(
            slug="plans",
            title=_("Human rights basic plans"),
            description=_("The adopted and completed plans, their period, areas and number of tasks."),
            columns=PLAN_COLUMNS,
            rows=plan_rows,
        ),
        Dataset(
            slug="plan_tasks",
            title=_("Policy tasks of the plans"),
            description=_("Every task of the public plans with its area, responsible department and target groups."),
            columns=TASK_COLUMNS,
            rows=task_rows,
            filters=("department", "area", "group"),
        ),
        Dataset(
            slug="annual_records",
            title=_("Annual implementation records"),
            description=_(
                "What each department reported on its tasks each year, once confirmed by the human rights "
                "office: progress, status and budget."
            ),
            columns=RECORD_COLUMNS,
            rows=record_rows,
            filters=("year", "department", "area", "group"),
        ),
        Dataset(
            slug="indicators",
            title=_("Human rights indicators"),
            description=_("Every indicator with its baseline, target, status and latest verified value."),
            columns=INDICATOR_COLUMNS,
            rows=indicator_rows,
            filters=("department",),
        ),
        Dataset(
            slug="measurements",
            title=_("Indicator values"),
            description=_("The verified values of the indicators, in total and by category (sex, age group, …)."),
            columns=MEASUREMENT_COLUMNS,
            rows=measurement_rows,
            filters=("year", "department", "group"),
        ),
        Dataset(
            slug="impact_assessments",
            title=_("Human rights impact assessments"),
            description=_("The closed assessments of ordinances, regulations, policies, buildings and events."),
            columns=ASSESSMENT_COLUMNS,
            rows=assessment_rows,
            filters=("year", "department"),
        ),
        Dataset(
            slug="impact_figures",
            title=_("Impact assessments in figures"),
            description=_("Assessments requested and carried out each year by subject type, and their outcome."),
            columns=FIGURE_COLUMNS,
            rows=figure_rows,
            filters=("year", "department"),
        ),
        Dataset(
            slug="impact_buildings",
            title=_("Public buildings assessed and renovated"),
            description=_("Public buildings and facilities assessed each year by use, and how many were renovated."),
            columns=BUILDING_COLUMNS,
            rows=building_rows,
            filters=("year", "department"),
        ),
        Dataset(
            slug="ombudsman_statistics",
            title=_("Complaints and counselling statistics"),
            description=_(
                "Anonymous figures of the human rights ombudsman: counselling, cases by status, right, group and "
                "channel, handling time and recommendations. Counts too small to publish are suppressed."
            ),
            columns=OMBUDSMAN_COLUMNS,
            rows=ombudsman_rows,
            filters=("year",),
        ),
        Dataset(
            slug="trends",
            title=_("Trends over the years"),
            description=_("Per year: plan completion and budget execution, indicators improved, cases, assessments."),
            columns=TREND_COLUMNS,
            rows=trend_rows,
            filters=("department", "area", "group"),
        ),
        Dataset(
            slug="group_gaps",
            title=_("Who is left behind"),
            description=_(
                "Indicator values of each group of people against the value for everyone in a year (the latest "
                "year with such values unless a year is chosen)."
            ),
            columns=GROUP_COLUMNS,
            rows=group_rows,
            filters=("year", "department", "group"),
        ),
    )
}


# ---------------------------------------------------------------- writers


def _plain(value):
    """A value for CSV and XLSX: lists joined by ``;``, lazy text resolved, datetimes in local time."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ";".join(str(item) for item in value)
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return value


def _safe(value):
    """A cell a spreadsheet would take for a formula stays text."""
    value = _plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table(dataset: Dataset, filters: OpenDataFilters) -> tuple[list[str], list[dict]]:
    names = dataset.column_names
    return names, [{name: row.get(name) for name in names} for row in dataset.rows(filters)]


def csv_bytes(names: list[str], rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(names)
    for row in rows:
        writer.writerow([_csv_cell(row[name]) for name in names])
    return buffer.getvalue().encode("utf-8")


def _csv_cell(value):
    value = _safe(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def xlsx_bytes(names: list[str], rows: list[dict], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe(row[name]) for name in names])
    for index, name in enumerate(names, start=1):
        if name.endswith("_on"):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, Promise):
            return str(o)
        if isinstance(o, Decimal):
            return str(o)
        return super().default(o)


def json_bytes(dataset: Dataset, names: list[str], rows: list[dict]) -> bytes:
    document = {"dataset": dataset.slug, "columns": names, "rows": rows}
    return json.dumps(document, cls=_Encoder, ensure_ascii=False).encode("utf-8")


def download_response(dataset: Dataset, filters: OpenDataFilters, fmt: str) -> HttpResponse:
    """The dataset in ``fmt`` (one of ``FORMATS``), as an attachment named after it and its filters."""
    names, rows = table(dataset, filters)
    if fmt == "csv":
        content = csv_bytes(names, rows)
    elif fmt == "xlsx":
        content = xlsx_bytes(names, rows, title=dataset.slug)
    else:
        content = json_bytes(dataset, names, rows)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename(dataset, filters, fmt)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def filename(dataset: Dataset, filters: OpenDataFilters, fmt: str) -> str:
    parts = [dataset.slug.replace("_", "-")]
    if filters.year is not None and "year" in dataset.filters:
        parts.append(str(filters.year))
    if filters.department is not None and "department" in dataset.filters:
        parts.append(filters.department.code)
    if filters.area is not None and "area" in dataset.filters:
        parts.append(f"area{filters.area.pk}")
    if filters.group is not None and "group" in dataset.filters:
        parts.append(filters.group.code)
    return "-".join(parts) + f".{fmt}"


def applicable(dataset: Dataset, filters: OpenDataFilters) -> OpenDataFilters:
    """The filters that apply to ``dataset`` (the others are dropped)."""
    return OpenDataFilters(**{name: getattr(filters, name) if name in dataset.filters else None for name in _FIELDS})


_FIELDS = ("year", "department", "area", "group")
