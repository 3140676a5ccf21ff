"""Writes of the indicators app. Each runs in one transaction and records its audit event."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from humanrights_portal.core import permissions
from humanrights_portal.core.models import User, VulnerableGroup
from humanrights_portal.core.services import audit_record, model_changes
from indicators.models import (
    DisaggregationCategory,
    DisaggregationDimension,
    FrameworkArea,
    FrameworkPhase,
    ImplementationTask,
    Indicator,
    IndicatorFramework,
    Measurement,
    MeasurementRevision,
    MeasurementState,
    Periodicity,
    PhaseTarget,
)
from indicators.status import Point, derive_status


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may not do this."))


# ---------------------------------------------------------------- frameworks


@transaction.atomic
def framework_save(
    *, actor: User, framework: IndicatorFramework | None = None, request: HttpRequest | None = None, **fields: Any
) -> IndicatorFramework:
    _require(permissions.can_manage_indicator_frameworks(actor))
    created = framework is None
    framework = framework or IndicatorFramework()
    changes = {} if created else model_changes(framework, fields)
    for name, value in fields.items():
        setattr(framework, name, value)
    framework.full_clean()
    framework.save()
    audit_record(
        actor=actor,
        action="indicators.framework.create" if created else "indicators.framework.update",
        target=framework,
        changes=fields if created else changes,
        request=request,
    )
    return framework


@transaction.atomic
def phase_save(
    *, framework: IndicatorFramework, actor: User, name: str, start_year: int, end_year: int
) -> FrameworkPhase:
    _require(permissions.can_manage_indicator_frameworks(actor))
    phase = FrameworkPhase.objects.filter(framework=framework, name=name).first() or FrameworkPhase(
        framework=framework, name=name
    )
    phase.start_year, phase.end_year = start_year, end_year
    phase.full_clean()  # before saving: a period ending before it starts is a field error, not an IntegrityError
    phase.save()
    audit_record(actor=actor, action="indicators.phase", target=phase)
    return phase


@transaction.atomic
def area_save(
    *,
    framework: IndicatorFramework,
    actor: User,
    number: int,
    title: str,
    title_en: str = "",
    sdg_goal=None,
) -> FrameworkArea:
    _require(permissions.can_manage_indicator_frameworks(actor))
    area = FrameworkArea.objects.filter(framework=framework, number=number).first() or FrameworkArea(
        framework=framework, number=number
    )
    area.title, area.title_en, area.sdg_goal = title, title_en, sdg_goal
    area.full_clean(validate_constraints=False)  # before saving (the number is unique by construction)
    area.save()
    audit_record(actor=actor, action="indicators.area", target=area)
    return area


@transaction.atomic
def implementation_task_save(
    *, framework: IndicatorFramework, area: FrameworkArea, actor: User, number: int, title: str
) -> ImplementationTask:
    _require(permissions.can_manage_indicator_frameworks(actor))
    if area.framework_id != framework.pk:
        raise ValidationError({"area": [_("The area belongs to another framework.")]})
    task, _created = ImplementationTask.objects.update_or_create(
        framework=framework, number=number, defaults={"area": area, "title": title}
    )
    audit_record(actor=actor, action="indicators.implementation_task", target=task)
    return task


@transaction.atomic
def dimension_save(
    *,
    framework: IndicatorFramework,
    actor: User,
    code: str,
    name_ko: str,
    name_en: str = "",
    categories: list[tuple[str, ...]] = (),
) -> DisaggregationDimension:
    """A disaggregation dimension with its categories as (code, Korean name, English name) or
    (code, Korean name, English name, vulnerable group code) — the group links the category to the
    "who is left behind" comparisons."""
    _require(permissions.can_manage_indicator_frameworks(actor))
    dimension, _created = DisaggregationDimension.objects.update_or_create(
        framework=framework, code=code, defaults={"name_ko": name_ko, "name_en": name_en}
    )
    groups = {group.code: group for group in VulnerableGroup.objects.all()}
    for order, (category_code, category_ko, category_en, *group_code) in enumerate(categories):
        group = groups.get(group_code[0]) if group_code else None
        if group_code and group is None:
            raise ValidationError({"categories": [_("Unknown group “%(code)s”.") % {"code": group_code[0]}]})
        DisaggregationCategory.objects.update_or_create(
            dimension=dimension,
            code=category_code,
            defaults={"name_ko": category_ko, "name_en": category_en, "order": order, "group": group},
        )
    audit_record(actor=actor, action="indicators.dimension", target=dimension)
    return dimension


INDICATOR_FIELDS = (
    "area",
    "implementation_task",
    "code",
    "name_ko",
    "name_en",
    "definition",
    "calculation",
    "kind",
    "unit",
    "direction",
    "periodicity",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "plausible_min",
    "plausible_max",
    "data_source",
    "responsible_department",
)


@transaction.atomic
def indicator_save(
    *,
    framework: IndicatorFramework,
    actor: User,
    indicator: Indicator | None = None,
    sdg_targets=None,
    request: HttpRequest | None = None,
    **fields: Any,
) -> Indicator:
    _require(permissions.can_manage_indicator_frameworks(actor))
    created = indicator is None
    indicator = indicator or Indicator(framework=framework)
    data = {name: fields[name] for name in INDICATOR_FIELDS if name in fields}
    changes = {} if created else model_changes(indicator, data)
    for name, value in data.items():
        setattr(indicator, name, value)
    errors: dict[str, list[str]] = {}
    if indicator.area_id and indicator.area.framework_id != framework.pk:
        errors["area"] = [_("The area belongs to another framework.")]
    if indicator.implementation_task_id and indicator.implementation_task.framework_id != framework.pk:
        errors["implementation_task"] = [_("The implementation task belongs to another framework.")]
    if (indicator.baseline_value is None) != (indicator.baseline_year is None):
        errors["baseline_year"] = [_("Give both the baseline value and its year, or neither.")]
    if (indicator.target_value is None) != (indicator.target_year is None):
        errors["target_year"] = [_("Give both the target value and its year, or neither.")]
    if indicator.baseline_year and indicator.target_year and indicator.target_year <= indicator.baseline_year:
        errors["target_year"] = [_("The target year must come after the baseline year.")]
    if (
        indicator.plausible_min is not None
        and indicator.plausible_max is not None
        and indicator.plausible_max < indicator.plausible_min
    ):
        errors["plausible_max"] = [_("The highest plausible value cannot be below the lowest.")]
    if errors:
        raise ValidationError(errors)
    indicator.full_clean(validate_constraints=False)
    if Indicator.objects.filter(framework=framework, code=indicator.code).exclude(pk=indicator.pk).exists():
        raise ValidationError({"code": [_("Another indicator of this framework already has this code.")]})
    indicator.save()
    if sdg_targets is not None:
        indicator.sdg_targets.set(sdg_targets)
    indicator_status_refresh(indicator=indicator)
    audit_record(
        actor=actor,
        action="indicators.indicator.create" if created else "indicators.indicator.update",
        target=indicator,
        changes={"code": indicator.code} if created else changes,
        request=request,
    )
    return indicator


@transaction.atomic
def phase_target_save(
    *, indicator: Indicator, phase: FrameworkPhase, actor: User, target_value: Decimal
) -> PhaseTarget:
    """The value an indicator should reach by the end of one of its framework's phases."""
    _require(permissions.can_manage_indicator_frameworks(actor))
    if phase.framework_id != indicator.framework_id:
        raise ValidationError({"phase": [_("The phase belongs to another framework.")]})
    target, _created = PhaseTarget.objects.update_or_create(
        indicator=indicator, phase=phase, defaults={"target_value": target_value}
    )
    audit_record(actor=actor, action="indicators.phase_target", target=indicator, changes={"phase": phase.name})
    return target


# ---------------------------------------------------------------- status


def indicator_status_refresh(*, indicator: Indicator) -> Indicator:
    """Recompute the stored status from the verified totals (``indicators.status`` is the rule)."""
    rows = (
        Measurement.objects.filter(indicator=indicator, category__isnull=True, state=MeasurementState.VERIFIED)
        .order_by("year", "period")
        .values_list("year", "period", "value")
    )
    latest_by_year: dict[int, Decimal] = {}
    for year, _period, value in rows:
        latest_by_year[year] = value  # ordered by period: the latest period of each year wins
    series = [Point(year=year, value=value) for year, value in sorted(latest_by_year.items())]
    baseline = (
        Point(indicator.baseline_year, indicator.baseline_value)
        if indicator.baseline_value is not None and indicator.baseline_year is not None
        else None
    )
    target = (
        Point(indicator.target_year, indicator.target_value)
        if indicator.target_value is not None and indicator.target_year is not None
        else None
    )
    status = derive_status(direction=indicator.direction, series=series, baseline=baseline, target=target)
    latest = series[-1] if series else None
    Indicator.objects.filter(pk=indicator.pk).update(
        status=status,
        latest_value=latest.value if latest else None,
        latest_year=latest.year if latest else None,
    )
    indicator.status = status
    indicator.latest_value = latest.value if latest else None
    indicator.latest_year = latest.year if latest else None
    return indicator


# ---------------------------------------------------------------- measurements


def measurement_problems(
    *, indicator: Indicator, year: int, period: int, category: DisaggregationCategory | None, value: Decimal
) -> dict[str, list[str]]:
    """What is wrong with a measurement, field by field (shared by the form, the API and the import)."""
    errors: dict[str, list[str]] = {}
    this_year = timezone.localdate().year
    if not 1990 <= year <= this_year:
        errors["year"] = [_("The year must be between 1990 and %(year)s.") % {"year": this_year}]
    limits = {Periodicity.YEAR: 0, Periodicity.QUARTER: 4, Periodicity.MONTH: 12}
    highest = limits[indicator.periodicity]
    if not 0 <= period <= highest:
        errors["period"] = [
            _("This indicator is measured %(how)s: the period must be 0 to %(highest)s.")
            % {"how": indicator.get_periodicity_display().lower(), "highest": highest}
        ]
    if category is not None and category.dimension.framework_id != indicator.framework_id:
        errors["category"] = [_("This disaggregation is not one of the indicator's framework.")]
    if indicator.plausible_min is not None and value < indicator.plausible_min:
        errors["value"] = [
            _("%(value)s is below the lowest plausible value (%(limit)s).")
            % {"value": value, "limit": indicator.plausible_min}
        ]
    if indicator.plausible_max is not None and value > indicator.plausible_max:
        errors["value"] = [
            _("%(value)s is above the highest plausible value (%(limit)s).")
            % {"value": value, "limit": indicator.plausible_max}
        ]
    return errors


def _revise(measurement: Measurement, actor: User) -> None:
    MeasurementRevision.objects.create(
        measurement=measurement,
        value=measurement.value,
        source_note=measurement.source_note,
        state=measurement.state,
        changed_by=actor,
    )


@transaction.atomic
def measurement_save(
    *,
    indicator: Indicator,
    actor: User,
    year: int,
    value: Decimal,
    period: int = 0,
    category: DisaggregationCategory | None = None,
    source_note: str = "",
    version: int | None = None,
    request: HttpRequest | None = None,
) -> Measurement:
    """Enter or correct a value. A corrected value keeps its history and needs verifying again."""
    _require(permissions.can_enter_measurements(actor, indicator))
    errors = measurement_problems(indicator=indicator, year=year, period=period, category=category, value=value)
    if errors:
        raise ValidationError(errors)
    measurement = (
        Measurement.objects.select_for_update()
        .filter(indicator=indicator, year=year, period=period, category=category)
        .order_by("pk")  # the default ordering joins the category: FOR UPDATE refuses outer joins
        .first()
    )
    if measurement is None:
        measurement = Measurement.objects.create(
            indicator=indicator,
            year=year,
            period=period,
            category=category,
            value=value,
            source_note=source_note.strip(),
            entered_by=actor,
        )
        audit_record(actor=actor, action="indicators.measurement.create", target=measurement, changes={"value": value})
        return measurement
    if version is not None and version != measurement.version:
        raise ValidationError(_("This value was changed by someone else in the meantime. Reload and try again."))
    if measurement.value == value and measurement.source_note == source_note.strip():
        return measurement
    _revise(measurement, actor)
    was_verified = measurement.state == MeasurementState.VERIFIED
    before = measurement.value
    measurement.value = value
    measurement.source_note = source_note.strip()
    measurement.state = MeasurementState.DRAFT
    measurement.entered_by = actor
    measurement.entered_at = timezone.now()
    measurement.verified_by = None
    measurement.verified_at = None
    measurement.version += 1
    measurement.save()
    if was_verified:
        indicator_status_refresh(indicator=indicator)
    audit_record(
        actor=actor,
        action="indicators.measurement.update",
        target=measurement,
        changes={"value": [before, value]},
        request=request,
    )
    return measurement


@transaction.atomic
def measurements_verify(*, measurements: list[Measurement], actor: User, request: HttpRequest | None = None) -> int:
    """The office verifies draft values; verified totals then count for the status and the public."""
    _require(permissions.can_verify_measurements(actor))
    ids = [measurement.pk for measurement in measurements]
    drafts = Measurement.objects.select_for_update().filter(pk__in=ids, state=MeasurementState.DRAFT).order_by()
    indicator_ids = set(drafts.values_list("indicator_id", flat=True))
    count = drafts.update(state=MeasurementState.VERIFIED, verified_by=actor, verified_at=timezone.now())
    for indicator in Indicator.objects.filter(pk__in=indicator_ids):
        indicator_status_refresh(indicator=indicator)
    if count:
        audit_record(
            actor=actor,
            action="indicators.measurement.verify",
            target=None,
            changes={"measurements": ids[:100], "count": count},
            request=request,
        )
    return count
