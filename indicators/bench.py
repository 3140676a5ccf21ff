"""Benchmark data of the indicators app, for the dashboards (``seed_bench --dashboards``).

``seed_dashboards`` makes one synthetic framework of ``INDICATORS`` (1,000) indicators in ten areas,
spread over the demo departments, each with a baseline, a target and a yearly total for each of the
last ``YEARS`` (10) years, plus values disaggregated by sex (2 categories) and by age (4, two of them
linked to vulnerable groups): about 70,000 measurements. Values of the last year are draft for a
third of the indicators, all others verified. Statuses (``indicators.status``) are derived from the
verified totals as the services would, and stored in one bulk update.

Rows are inserted in bulk, without the services (no audit events, no revisions). The framework is
recognised by its name (``BENCH_NAME``); running again deletes it with everything that belongs to it
and makes a fresh one. Plain ``seed_bench`` (without ``--dashboards``) only removes it.
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from humanrights_portal.core.bench import BENCH_USERNAME
from humanrights_portal.core.models import Department, User, VulnerableGroup
from indicators.models import (
    DisaggregationCategory,
    DisaggregationDimension,
    FrameworkArea,
    Indicator,
    IndicatorFramework,
    Measurement,
    MeasurementRevision,
    MeasurementState,
    PhaseTarget,
)
from indicators.status import Point, derive_status

BENCH_NAME = "벤치마크 인권지표 (합성 데이터)"
INDICATORS = 1000
AREAS = 10
YEARS = 10
#: (dimension code, Korean name, English name, [(code, Korean, English, vulnerable group code or None)])
DIMENSIONS = [
    ("sex", "성별", "Sex", [("female", "여성", "Women", "women"), ("male", "남성", "Men", None)]),
    (
        "age",
        "연령",
        "Age",
        [
            ("child", "아동", "Children", "children-youth"),
            ("adult", "성인", "Adults", None),
            ("middle", "중장년", "Middle-aged", None),
            ("older", "노인", "Older persons", "older-persons"),
        ],
    ),
]


def seed(*, size: int, seed: int, stdout=None) -> None:
    """Without ``--dashboards``: remove the dashboards' framework, make none."""
    with transaction.atomic():
        removed = _delete_previous()
    if stdout is not None and removed:
        stdout.write("indicators: removed the bench framework (only made with --dashboards)")


def seed_dashboards(*, size: int, seed: int, stdout=None) -> None:
    rng = random.Random(seed)  # noqa: S311 - repeatable synthetic data, not security
    with transaction.atomic():
        _delete_previous()
        made = _make(rng)
        tables = [
            model._meta.db_table
            for model in (IndicatorFramework, FrameworkArea, Indicator, Measurement, DisaggregationCategory)
        ]
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(tables))
    if stdout is not None:
        stdout.write(
            f"indicators: bench framework with {made['indicators']} indicators in {AREAS} areas, "
            f"{made['measurements']} measurements for {made['years'][0]}-{made['years'][-1]}"
        )


def _delete_previous() -> bool:
    frameworks = list(IndicatorFramework.objects.filter(name=BENCH_NAME).values_list("pk", flat=True))
    if not frameworks:
        return False
    indicators = Indicator.objects.filter(framework__in=frameworks)
    MeasurementRevision.objects.filter(measurement__indicator__in=indicators)._raw_delete(connection.alias)
    Measurement.objects.filter(indicator__in=indicators)._raw_delete(connection.alias)
    PhaseTarget.objects.filter(indicator__in=indicators)._raw_delete(connection.alias)
    Indicator.sdg_targets.through.objects.filter(indicator__in=indicators)._raw_delete(connection.alias)
    Indicator.plan_tasks.through.objects.filter(indicator__in=indicators)._raw_delete(connection.alias)
    indicators.delete()
    IndicatorFramework.objects.filter(pk__in=frameworks).delete()
    return True


def _make(rng: random.Random) -> dict:
    today = timezone.localdate()
    years = list(range(today.year - YEARS, today.year))
    actor = User.objects.filter(username=BENCH_USERNAME).first() or User.objects.filter(is_superuser=True).first()
    departments = list(Department.objects.values_list("pk", flat=True)) or [None]
    groups = dict(VulnerableGroup.objects.values_list("code", "pk"))
    framework = IndicatorFramework.objects.create(
        name=BENCH_NAME,
        name_en="Benchmark human rights indicators (synthetic data)",
        organisation="벤치마크시",
        year_developed=years[0],
    )
    areas = FrameworkArea.objects.bulk_create(
        [
            FrameworkArea(
                framework=framework, number=number, title=f"벤치마크 영역 {number}", title_en=f"Area {number}"
            )
            for number in range(1, AREAS + 1)
        ]
    )
    categories = []
    for code, name_ko, name_en, members in DIMENSIONS:
        dimension = DisaggregationDimension.objects.create(
            framework=framework, code=code, name_ko=name_ko, name_en=name_en
        )
        categories += DisaggregationCategory.objects.bulk_create(
            [
                DisaggregationCategory(
                    dimension=dimension,
                    code=member_code,
                    name_ko=member_ko,
                    name_en=member_en,
                    order=order,
                    group_id=groups.get(group_code) if group_code else None,
                )
                for order, (member_code, member_ko, member_en, group_code) in enumerate(members, start=1)
            ]
        )

    indicators = []
    for index in range(INDICATORS):
        lower = rng.random() < 0.3
        baseline = Decimal(rng.randint(200, 800)) / 10
        change = Decimal(rng.randint(20, 200)) / 10
        target = baseline - change if lower else baseline + change
        indicators.append(
            Indicator(
                framework=framework,
                area=areas[index % AREAS],
                code=f"B-{index + 1:04d}",
                name_ko=f"벤치마크 지표 {index + 1}",
                name_en=f"Benchmark indicator {index + 1}",
                unit="%",
                direction="lower" if lower else "higher",
                baseline_value=baseline,
                baseline_year=years[0],
                target_value=target,
                target_year=years[-1] + rng.randint(-2, 3),
                responsible_department_id=departments[index % len(departments)],
            )
        )
    indicators = Indicator.objects.bulk_create(indicators, batch_size=1000)

    now = timezone.now()
    measurements = []
    for indicator in indicators:
        draft_last_year = rng.random() < 0.33
        step = (indicator.target_value - indicator.baseline_value) / (indicator.target_year - years[0] or 1)
        series = []
        for offset, year in enumerate(years):
            noise = Decimal(rng.randint(-30, 30)) / 10
            value = (indicator.baseline_value + step * offset * Decimal(rng.uniform(0.5, 1.3)) + noise).quantize(
                Decimal("0.0001")
            )
            state = MeasurementState.DRAFT if draft_last_year and year == years[-1] else MeasurementState.VERIFIED
            verified = state == MeasurementState.VERIFIED
            common = {
                "indicator": indicator,
                "year": year,
                "period": 0,
                "state": state,
                "entered_by": actor,
                "entered_at": now,
                "verified_by": actor if verified else None,
                "verified_at": now if verified else None,
            }
            measurements.append(Measurement(value=value, **common))
            if verified:
                series.append(Point(year=year, value=value))
            for category in categories:
                spread = Decimal(rng.randint(-80, 80)) / 10
                measurements.append(Measurement(category=category, value=value + spread, **common))
        indicator.status = derive_status(
            direction=indicator.direction,
            series=series,
            baseline=Point(indicator.baseline_year, indicator.baseline_value),
            target=Point(indicator.target_year, indicator.target_value),
        )
        indicator.latest_value = series[-1].value if series else None
        indicator.latest_year = series[-1].year if series else None
    Measurement.objects.bulk_create(measurements, batch_size=5000)
    Indicator.objects.bulk_update(indicators, ["status", "latest_value", "latest_year"], batch_size=1000)
    return {"indicators": len(indicators), "measurements": len(measurements), "years": years}
