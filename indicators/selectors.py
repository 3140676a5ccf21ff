"""Reads of the indicators app, scoped to the user.

The public and every staff role read frameworks and indicators; the public sees verified values
only (``core.permissions.can_view_unverified_measurements``). Officials enter values for their own
department's indicators.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from humanrights_portal.core import permissions
from indicators.filters import FrameworkFilter, IndicatorFilter, MeasurementFilter
from indicators.models import (
    DisaggregationDimension,
    FrameworkArea,
    Indicator,
    IndicatorFramework,
    IndicatorStatus,
    Measurement,
    MeasurementState,
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


def _status_counts() -> dict:
    return {
        f"{status}_count": Count("indicators", filter=Q(indicators__status=status), distinct=True)
        for status in IndicatorStatus.values
    }


def framework_list(*, user, filters=None) -> QuerySet[IndicatorFramework]:
    frameworks = IndicatorFramework.objects.annotate(
        indicator_count=Count("indicators", distinct=True), area_count=Count("areas", distinct=True), **_status_counts()
    ).order_by("organisation", "name")
    return _filtered(FrameworkFilter, frameworks, filters)


def framework_get(*, user, pk: int) -> IndicatorFramework:
    areas = FrameworkArea.objects.annotate(indicator_count=Count("indicators"), **_status_counts()).select_related(
        "sdg_goal"
    )
    return IndicatorFramework.objects.prefetch_related(
        Prefetch("areas", queryset=areas.order_by("number")),
        "phases",
        "tasks",
        Prefetch("dimensions", queryset=DisaggregationDimension.objects.prefetch_related("categories")),
    ).get(pk=pk)


def indicator_list(*, user, filters=None) -> QuerySet[Indicator]:
    indicators = Indicator.objects.select_related("framework", "area", "responsible_department")
    return _filtered(IndicatorFilter, indicators, filters)


def _visible_measurements(user) -> QuerySet[Measurement]:
    measurements = Measurement.objects.all()
    if not permissions.can_view_unverified_measurements(user):
        measurements = measurements.filter(state=MeasurementState.VERIFIED)
    return measurements


def indicator_get(*, user, pk: int) -> Indicator:
    """An indicator with its time series and disaggregations (verified only for the public).

    For staff each measurement also carries ``revision_count`` (how often it was changed).
    """
    measurements = (
        _visible_measurements(user)
        .select_related("category", "category__dimension")
        .order_by("year", "period", "category__dimension__code", "category__order")
    )
    if permissions.can_view_unverified_measurements(user):
        measurements = measurements.annotate(revision_count=Count("revisions"))
    return (
        Indicator.objects.select_related("framework", "area", "implementation_task", "responsible_department")
        .prefetch_related("sdg_targets", "phase_targets__phase", Prefetch("measurements", queryset=measurements))
        .get(pk=pk)
    )


def measurement_list(*, user, filters=None) -> QuerySet[Measurement]:
    measurements = _visible_measurements(user).select_related(
        "indicator", "indicator__framework", "category", "category__dimension"
    )
    return _filtered(MeasurementFilter, measurements, filters)


def measurement_revisions(*, user, measurement: Measurement):
    if not permissions.can_view_unverified_measurements(user):
        return measurement.revisions.none()
    return measurement.revisions.select_related("changed_by")


def indicators_for_entry(*, user) -> QuerySet[Indicator]:
    """The indicators the user may enter values for: their department's, or all for the office."""
    indicators = Indicator.objects.select_related("framework", "area")
    if permissions.is_office_staff(user):
        return indicators
    if not permissions.can_import_measurements(user):
        return indicators.none()
    return indicators.filter(responsible_department_id=user.department_id)


def drafts_to_verify(*, user) -> QuerySet[Measurement]:
    if not permissions.can_verify_measurements(user):
        return Measurement.objects.none()
    return Measurement.objects.filter(state=MeasurementState.DRAFT).select_related(
        "indicator", "indicator__framework", "category", "category__dimension", "entered_by"
    )


@dataclass(frozen=True)
class StatusSummaryRow:
    framework_id: int
    framework: str
    area_id: int | None
    area: str
    total: int
    achieved: int
    on_track: int
    off_track: int
    no_data: int


def status_summary(*, user, framework_id: int | None = None, department=None) -> list[StatusSummaryRow]:
    """Counts of indicators by status per framework and area (one query; for the dashboards)."""
    indicators = Indicator.objects.all()
    if framework_id:
        indicators = indicators.filter(framework_id=framework_id)
    if department is not None:
        indicators = indicators.filter(responsible_department=department)
    rows = (
        indicators.values("framework", "framework__name", "area", "area__number", "area__title")
        .annotate(
            total=Count("id"),
            **{status: Count("id", filter=Q(status=status)) for status in IndicatorStatus.values},
        )
        .order_by("framework__name", "area__number")
    )
    return [
        StatusSummaryRow(
            framework_id=row["framework"],
            framework=row["framework__name"],
            area_id=row["area"],
            area=f"{row['area__number']}. {row['area__title']}",
            total=row["total"],
            achieved=row["achieved"],
            on_track=row["on_track"],
            off_track=row["off_track"],
            no_data=row["no_data"],
        )
        for row in rows
    ]
