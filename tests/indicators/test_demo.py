"""The indicators demo data (``seed_demo``)."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from humanrights_portal.core.models import User
from indicators import demo, selectors
from indicators.models import (
    DisaggregationCategory,
    DisaggregationDimension,
    FrameworkArea,
    FrameworkPhase,
    ImplementationTask,
    Indicator,
    IndicatorFramework,
    IndicatorStatus,
    Measurement,
    MeasurementRevision,
    MeasurementState,
    PhaseTarget,
)
from indicators.status import Point, derive_status

pytestmark = pytest.mark.django_db

MODELS = (
    IndicatorFramework, FrameworkPhase, FrameworkArea, ImplementationTask, DisaggregationDimension,
    DisaggregationCategory, Indicator, PhaseTarget, Measurement, MeasurementRevision,
)  # fmt: skip


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_specifications_hold_the_numbers_of_the_seed_documents():
    gwangju = [
        label
        for _title, _en, tasks in demo.GWANGJU_AREAS
        for _task, specs in tasks
        for spec in specs
        for label in (spec.variants or [None])
    ]
    assert len(gwangju) == 100
    assert len(demo.GWANGJU_AREAS) == 5
    assert sum(len(tasks) for _title, _en, tasks in demo.GWANGJU_AREAS) == 18
    assert len(demo.CHUNGNAM_GOALS) == 17
    assert sum(len(specs) for _title, specs in demo.CHUNGNAM_GOALS) == 62


def test_seed_demo_builds_both_frameworks_and_a_second_load_adds_nothing(capsys):
    """One load, several checks (loading the demo takes seconds); then a second load adds nothing."""
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "indicators: 2 frameworks (Gwangju: 100 indicators in 5 areas, 18 implementation tasks, 50 achieved" in out
    check_gwangju()
    check_chungnam()
    check_work_for_the_demo_accounts()

    first = counts()
    call_command("seed_demo")
    assert "indicators: demo data already present, nothing added" in capsys.readouterr().out
    assert counts() == first
    check_plan_task_links()


def check_gwangju():
    framework = IndicatorFramework.objects.get(name=demo.GWANGJU_NAME)
    assert (framework.organisation, framework.year_developed, framework.area_label) == ("광주광역시", 2012, "area")
    for step in ("자문위원", "공청회", "실·국장", "국가인권위원회", "OHCHR"):
        assert step in framework.development_process
    assert framework.areas.count() == 5
    assert framework.tasks.count() == 18
    indicators = framework.indicators.all()
    assert indicators.count() == 100
    assert indicators.values("name_ko").distinct().count() == 100
    assert indicators.filter(implementation_task__isnull=True).count() == 0
    assert indicators.filter(name_ko="장애인 저상버스 보급률").exists()
    assert indicators.filter(name_ko="산업재해 사망자 수", direction="lower").exists()
    assert set(indicators.values_list("kind", flat=True)) == {"structural", "process", "outcome"}
    assert set(indicators.values_list("baseline_year", "target_year").distinct()) == {(2012, 2020)}
    assert indicators.filter(direction="lower").count() >= 8
    assert indicators.filter(responsible_department__code="welfare-health").count() >= 20
    assert indicators.values("responsible_department").distinct().count() >= 10
    for indicator in indicators.filter(unit="%"):
        assert (indicator.plausible_min, indicator.plausible_max) == (Decimal(0), Decimal(100))

    statuses = {status: indicators.filter(status=status).count() for status in IndicatorStatus.values}
    assert statuses["achieved"] == 50
    assert statuses["on_track"] >= 15
    assert statuses["off_track"] >= 15
    assert 1 <= statuses["no_data"] <= 6

    values = Measurement.objects.filter(indicator__framework=framework)
    assert set(values.values_list("year", flat=True)) == set(range(2013, 2021))
    assert values.filter(category__dimension__code="sex").exists()
    assert values.filter(category__dimension__code="age").exists()
    assert not values.filter(indicator__unit="%", value__gt=100).exists()
    assert not values.filter(value__lt=0).exists()
    # the stored status is the rule applied to the verified totals
    for indicator in indicators:
        series = [
            Point(year, value)
            for year, value in values.filter(
                indicator=indicator, category__isnull=True, state=MeasurementState.VERIFIED
            ).values_list("year", "value")
        ]
        expected = derive_status(
            direction=indicator.direction,
            series=series,
            baseline=Point(indicator.baseline_year, indicator.baseline_value),
            target=Point(indicator.target_year, indicator.target_value),
        )
        assert indicator.status == expected, indicator
        assert indicator.latest_year == (series[-1].year if series else None)


def check_chungnam():
    framework = IndicatorFramework.objects.get(name=demo.CHUNGNAM_NAME)
    assert (framework.organisation, framework.area_label) == ("충청남도", "goal")
    areas = framework.areas.all()
    assert areas.count() == 17
    assert [area.sdg_goal.number for area in areas.select_related("sdg_goal")] == list(range(1, 18))
    indicators = framework.indicators.all()
    assert indicators.count() == 62
    assert indicators.filter(sdg_targets__isnull=True).count() == 0
    assert all(
        target.goal_id == indicator.area.sdg_goal_id
        for indicator in indicators.select_related("area").prefetch_related("sdg_targets")
        for target in indicator.sdg_targets.all()
    )
    assert [(phase.start_year, phase.end_year) for phase in framework.phases.all()] == [
        (2018, 2020),
        (2021, 2025),
        (2026, 2030),
    ]
    assert PhaseTarget.objects.filter(indicator__framework=framework).count() == 62 * 3
    last_phase = framework.phases.get(start_year=2026)
    for target in PhaseTarget.objects.filter(phase=last_phase).select_related("indicator"):
        assert target.target_value == target.indicator.target_value
    years = set(Measurement.objects.filter(indicator__framework=framework).values_list("year", flat=True))
    assert years == set(range(2017, 2023))
    assert {"achieved", "on_track", "off_track"} <= set(indicators.values_list("status", flat=True))


def check_work_for_the_demo_accounts():
    office = User.objects.get(username="office")
    official = User.objects.get(username="official")
    drafts = selectors.drafts_to_verify(user=office)
    assert 3 <= drafts.count() <= 10
    assert drafts.filter(year=2020, entered_by=official).exists()
    assert MeasurementRevision.objects.filter(changed_by=official).exists()
    assert selectors.indicators_for_entry(user=official).count() >= 20


def check_plan_task_links():
    """The plans demo ran after the indicators demo; the second run linked its tasks."""
    linked = Indicator.objects.filter(plan_tasks__isnull=False).distinct()
    assert linked.count() >= 10
    assert linked.filter(name_ko="장애인 저상버스 보급률", plan_tasks__title__contains="저상버스").exists()
