"""Public pages of the indicators app: frameworks, the indicator list and an indicator's values.

Reads go through ``indicators.selectors``, which already scope the values to what the user may see:
verified values only for the public, drafts too for staff (marked as such on the pages). Every page
works without JavaScript: the charts (``static/js/indicator-chart.js``) only draw what the data
tables beside them already show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from humanrights_portal.core import permissions
from humanrights_portal.core import selectors as core_selectors
from indicators import selectors
from indicators.forms.public import indicator_filter_form
from indicators.models import Indicator, IndicatorFramework, IndicatorStatus, MeasurementState

PAGE_SIZE = 25
STATUSES = [IndicatorStatus.ACHIEVED, IndicatorStatus.ON_TRACK, IndicatorStatus.OFF_TRACK, IndicatorStatus.NO_DATA]


# ---------------------------------------------------------------- helpers


def format_value(value: Decimal | None) -> str:
    """A stored value as people write it: no trailing zeros, thousands grouped (``1,234.5``)."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    sign = "-" if text.startswith("-") else ""
    whole, _dot, fraction = text.lstrip("-").partition(".")
    grouped = f"{int(whole):,}"
    return f"{sign}{grouped}.{fraction}" if fraction else f"{sign}{grouped}"


def with_unit(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    number = format_value(value)
    return f"{number} {unit}".strip()


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _indicators_crumb() -> tuple[str, str]:
    return (_("Human rights indicators"), reverse("indicators:framework-list"))


def _get_framework(request: HttpRequest, pk: int) -> IndicatorFramework:
    try:
        return selectors.framework_get(user=request.user, pk=pk)
    except IndicatorFramework.DoesNotExist:
        raise Http404 from None


def _get_indicator(request: HttpRequest, pk: int) -> Indicator:
    try:
        return selectors.indicator_get(user=request.user, pk=pk)
    except Indicator.DoesNotExist:
        raise Http404 from None


def _status_counts(obj) -> list[tuple[str, str, int]]:
    """(status, label, count) for an object annotated by the selectors with ``<status>_count``."""
    return [(status.value, status.label, getattr(obj, f"{status.value}_count", 0)) for status in STATUSES]


# ---------------------------------------------------------------- the series of an indicator


@dataclass
class Cell:
    value: Decimal
    display: str
    draft: bool
    revisions: int = 0


@dataclass
class SeriesRow:
    key: tuple[int, int]
    label: str
    year: int
    total: Cell | None = None
    categories: dict[int, Cell] = field(default_factory=dict)


@dataclass
class DimensionSeries:
    code: str
    name: str
    categories: list = field(default_factory=list)  # DisaggregationCategory, in their order
    rows: list = field(default_factory=list)  # (label, [Cell | None per category])


@dataclass
class Series:
    totals: list[SeriesRow]
    dimensions: list[DimensionSeries]
    has_drafts: bool


def build_series(indicator: Indicator) -> Series:
    """The indicator's prefetched measurements as rows per period: totals and per disaggregation."""
    periods: dict[tuple[int, int], SeriesRow] = {}
    dimensions: dict[int, tuple] = {}
    has_drafts = False
    for measurement in indicator.measurements.all():
        key = (measurement.year, measurement.period)
        row = periods.get(key)
        if row is None:
            row = periods[key] = SeriesRow(key=key, label=measurement.period_label, year=measurement.year)
        draft = measurement.state == MeasurementState.DRAFT
        has_drafts = has_drafts or draft
        cell = Cell(
            value=measurement.value,
            display=format_value(measurement.value),
            draft=draft,
            revisions=getattr(measurement, "revision_count", 0),
        )
        if measurement.category is None:
            row.total = cell
            continue
        category = measurement.category
        row.categories[category.pk] = cell
        dimension = category.dimension
        entry = dimensions.setdefault(dimension.pk, (dimension, {}))
        entry[1][category.pk] = category
    rows = [periods[key] for key in sorted(periods)]
    series_dimensions = []
    for dimension, categories in sorted(dimensions.values(), key=lambda item: item[0].code):
        ordered = sorted(categories.values(), key=lambda category: (category.order, category.code))
        table_rows = [
            (row.label, [row.categories.get(category.pk) for category in ordered])
            for row in rows
            if any(category.pk in row.categories for category in ordered)
        ]
        series_dimensions.append(
            DimensionSeries(code=dimension.code, name=dimension.name, categories=ordered, rows=table_rows)
        )
    totals = [row for row in rows if row.total is not None]
    return Series(totals=totals, dimensions=series_dimensions, has_drafts=has_drafts)


def chart_data(indicator: Indicator, series: Series) -> dict:
    """What the chart draws (and the JSON view returns): the totals, the target, each disaggregation."""
    return {
        "indicator": {"id": indicator.pk, "code": indicator.code, "name": indicator.name, "unit": indicator.unit},
        "labels": {
            "total": _("Total"),
            "target": _("Target"),
            "value": _("Value (%(unit)s)") % {"unit": indicator.unit},
        },
        "baseline": (
            {"year": indicator.baseline_year, "value": _number(indicator.baseline_value)}
            if indicator.baseline_value is not None
            else None
        ),
        "target": (
            {"year": indicator.target_year, "value": _number(indicator.target_value)}
            if indicator.target_value is not None
            else None
        ),
        "totals": [
            {
                "period": row.label,
                "year": row.year,
                "value": _number(row.total.value),
                "state": MeasurementState.DRAFT if row.total.draft else MeasurementState.VERIFIED,
            }
            for row in series.totals
        ],
        "dimensions": [
            {
                "code": dimension.code,
                "name": dimension.name,
                "periods": [label for label, _cells in dimension.rows],
                "categories": [
                    {
                        "code": category.code,
                        "name": category.name,
                        "values": [
                            _number(cells[index].value) if cells[index] else None for _label, cells in dimension.rows
                        ],
                    }
                    for index, category in enumerate(dimension.categories)
                ],
            }
            for dimension in series.dimensions
        ],
    }


def summary_sentence(indicator: Indicator) -> str:
    """One sentence for every reader: latest verified value, target, status."""
    if indicator.latest_value is None:
        latest = _("No verified value yet")
    else:
        latest = _("Latest value %(value)s in %(year)s") % {
            "value": with_unit(indicator.latest_value, indicator.unit),
            "year": indicator.latest_year,
        }
    if indicator.target_value is None:
        target = _("no target set")
    else:
        target = _("target %(value)s by %(year)s") % {
            "value": with_unit(indicator.target_value, indicator.unit),
            "year": indicator.target_year,
        }
    status = indicator.get_status_display().lower() if indicator.latest_value is not None else ""
    if status:
        return _("%(latest)s; %(target)s; %(status)s.") % {"latest": latest, "target": target, "status": status}
    return _("%(latest)s; %(target)s.") % {"latest": latest, "target": target}


# ---------------------------------------------------------------- frameworks


@login_not_required
@require_GET
def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = list(selectors.framework_list(user=request.user))
    rows = [(framework, _status_counts(framework)) for framework in frameworks]
    context = {
        "rows": rows,
        "statuses": STATUSES,
        "breadcrumb": [(_("Human rights indicators"), None)],
    }
    return render(request, "indicators/framework_list.html", context)


@login_not_required
@require_GET
def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    framework = _get_framework(request, pk)
    areas = list(framework.areas.all())
    tasks_by_area: dict[int, list] = {}
    for task in framework.tasks.all():
        tasks_by_area.setdefault(task.area_id, []).append(task)
    totals = {status.value: sum(getattr(area, f"{status.value}_count") for area in areas) for status in STATUSES}
    list_url = reverse("indicators:indicator-list")
    context = {
        "framework": framework,
        "is_goals": framework.area_label == "goal",
        "areas": [
            {
                "area": area,
                "counts": _status_counts(area),
                "tasks": tasks_by_area.get(area.pk, []),
                "url": f"{list_url}?framework={framework.pk}&area={area.pk}",
            }
            for area in areas
        ],
        "statuses": STATUSES,
        "total_count": sum(area.indicator_count for area in areas),
        "total_counts": [(status.value, status.label, totals[status.value]) for status in STATUSES],
        "task_count": sum(len(tasks) for tasks in tasks_by_area.values()),
        "phases": framework.phases.all(),
        "dimensions": framework.dimensions.all(),
        "list_url": f"{list_url}?framework={framework.pk}",
        "can_import": permissions.can_import_measurements(request.user),
        "breadcrumb": [_indicators_crumb(), (framework.display_name, None)],
    }
    return render(request, "indicators/framework_detail.html", context)


# ---------------------------------------------------------------- indicators


@login_not_required
@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    data = request.GET.copy()
    data.pop("page", None)
    frameworks = list(selectors.framework_list(user=user))
    chosen = next((framework for framework in frameworks if str(framework.pk) == data.get("framework", "")), None)
    areas = list(chosen.areas.order_by("number")) if chosen is not None else None
    form = indicator_filter_form(
        data, frameworks=frameworks, areas=areas, sdg_goals=core_selectors.sdg_goal_list().prefetch_related(None)
    )
    context = {
        "form": form,
        "framework": chosen,
        "breadcrumb": [_indicators_crumb(), (_("Indicators"), None)],
    }
    try:
        queryset = selectors.indicator_list(user=user, filters=data)
    except selectors.InvalidFilters:
        form.is_valid()
        return render(request, "indicators/indicator_list.html", {**context, "invalid": True}, status=400)
    paginator = Paginator(queryset, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    page_range = list(paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))
    indicators = list(page_obj.object_list)
    for indicator in indicators:
        indicator.latest_display = with_unit(indicator.latest_value, indicator.unit)
        indicator.target_display = with_unit(indicator.target_value, indicator.unit)
    context.update(page_obj=page_obj, page_range=page_range, indicators=indicators)
    return render(request, "indicators/indicator_list.html", context)


def _visible_plan_tasks(user, indicator: Indicator) -> list:
    """The plan tasks that use this indicator, without those of draft plans for the public."""
    tasks = indicator.plan_tasks.select_related("area", "area__plan").order_by("area__plan__start_year", "code")
    if permissions.can_view_draft_plans(user):
        return list(tasks)
    return list(tasks.exclude(area__plan__status="draft"))  # plans.models.PlanStatus.DRAFT


@login_not_required
@require_GET
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    indicator = _get_indicator(request, pk)
    series = build_series(indicator)
    is_staff = permissions.can_view_unverified_measurements(user)
    framework = indicator.framework
    context = {
        "indicator": indicator,
        "framework": framework,
        "series": series,
        "chart": chart_data(indicator, series),
        "summary": summary_sentence(indicator),
        "baseline": with_unit(indicator.baseline_value, indicator.unit),
        "target": with_unit(indicator.target_value, indicator.unit),
        "phase_targets": [
            (target.phase, with_unit(target.target_value, indicator.unit)) for target in indicator.phase_targets.all()
        ],
        "plan_tasks": _visible_plan_tasks(user, indicator),
        "is_staff": is_staff,
        "can_enter": permissions.can_enter_measurements(user, indicator),
        "breadcrumb": [
            _indicators_crumb(),
            (framework.display_name, framework.get_absolute_url()),
            (indicator.code, None),
        ],
    }
    return render(request, "indicators/indicator_detail.html", context)


@login_not_required
@require_GET
def indicator_chart_data(request: HttpRequest, pk: int) -> JsonResponse:
    """The chart's data as JSON (verified values only for the public), for the dashboards and scripts."""
    indicator = _get_indicator(request, pk)
    return JsonResponse(chart_data(indicator, build_series(indicator)), json_dumps_params={"ensure_ascii": False})
