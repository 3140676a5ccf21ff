"""The status rule (``indicators.status``) and how the services keep the stored status up to date."""

from decimal import Decimal

import pytest

from indicators import services
from indicators.models import Direction, Indicator, IndicatorStatus, MeasurementState, Periodicity
from indicators.status import Point, derive_status, expected_value
from tests.factories import indicator_framework, indicator_of, measurement_of

HIGHER = Direction.HIGHER
LOWER = Direction.LOWER
ACHIEVED = IndicatorStatus.ACHIEVED
ON_TRACK = IndicatorStatus.ON_TRACK
OFF_TRACK = IndicatorStatus.OFF_TRACK
NO_DATA = IndicatorStatus.NO_DATA


def p(year: int, value) -> Point:
    return Point(year=year, value=Decimal(str(value)))


def series(*pairs) -> list[Point]:
    return [p(year, value) for year, value in pairs]


# Baseline 50 in 2012, target 90 in 2020: the path rises by 5 a year (55 in 2013, 70 in 2016 …).
BASE = p(2012, 50)
TARGET = p(2020, 90)
# Lower is better: baseline 100 in 2012, target 20 in 2020, the path falls by 10 a year.
BASE_LOW = p(2012, 100)
TARGET_LOW = p(2020, 20)


def status(values, *, direction=HIGHER, baseline=BASE, target=TARGET):
    return derive_status(direction=direction, series=series(*values), baseline=baseline, target=target)


# ---------------------------------------------------------------- the pure rule


@pytest.mark.parametrize("direction", [HIGHER, LOWER])
def test_no_values_means_no_data(direction):
    assert derive_status(direction=direction, series=[], baseline=BASE, target=TARGET) == NO_DATA
    assert derive_status(direction=direction, series=[], baseline=None, target=None) == NO_DATA


def test_reaching_the_target_is_achieved_higher_is_better():
    assert status([(2019, 60), (2020, 95)]) == ACHIEVED


def test_reaching_the_target_is_achieved_lower_is_better():
    assert status([(2019, 60), (2020, 15)], direction=LOWER, baseline=BASE_LOW, target=TARGET_LOW) == ACHIEVED


def test_a_target_reached_early_is_achieved_before_the_target_year():
    assert status([(2014, 91)]) == ACHIEVED
    assert status([(2013, 20)], direction=LOWER, baseline=BASE_LOW, target=TARGET_LOW) == ACHIEVED


def test_exactly_on_the_target_is_achieved():
    assert status([(2020, 90)]) == ACHIEVED
    assert status([(2017, 90)]) == ACHIEVED
    assert status([(2020, 20)], direction=LOWER, baseline=BASE_LOW, target=TARGET_LOW) == ACHIEVED


def test_the_path_is_a_straight_line_between_baseline_and_target():
    assert expected_value(baseline=BASE, target=TARGET, year=2016) == Decimal("70")
    assert expected_value(baseline=BASE, target=TARGET, year=2013) == Decimal("55")
    assert expected_value(baseline=BASE, target=TARGET, year=2012) == Decimal("50")
    assert expected_value(baseline=BASE, target=TARGET, year=2010) == Decimal("50")  # before the baseline
    assert expected_value(baseline=BASE, target=TARGET, year=2020) == Decimal("90")
    assert expected_value(baseline=BASE, target=TARGET, year=2024) == Decimal("90")  # after: the target
    assert expected_value(baseline=BASE_LOW, target=TARGET_LOW, year=2016) == Decimal("60")


def test_above_the_path_is_on_track_and_below_is_off_track():
    assert status([(2016, 71)]) == ON_TRACK
    assert status([(2016, 69)]) == OFF_TRACK
    assert status([(2013, 56)]) == ON_TRACK
    assert status([(2013, 54.99)]) == OFF_TRACK


def test_a_value_exactly_on_the_path_is_on_track():
    assert status([(2016, 70)]) == ON_TRACK
    assert status([(2016, 60)], direction=LOWER, baseline=BASE_LOW, target=TARGET_LOW) == ON_TRACK


def test_a_path_between_whole_years_is_interpolated():
    # baseline 10 in 2012, target 20 in 2015: the path is 13.33… in 2013
    baseline, target = p(2012, 10), p(2015, 20)
    assert status([(2013, 13.34)], baseline=baseline, target=target) == ON_TRACK
    assert status([(2013, 13.33)], baseline=baseline, target=target) == OFF_TRACK


def test_lower_is_better_mirrors_the_path():
    kwargs = {"direction": LOWER, "baseline": BASE_LOW, "target": TARGET_LOW}
    assert status([(2016, 59)], **kwargs) == ON_TRACK  # path 60
    assert status([(2016, 61)], **kwargs) == OFF_TRACK
    assert status([(2013, 90)], **kwargs) == ON_TRACK
    assert status([(2013, 95)], **kwargs) == OFF_TRACK


def test_after_the_target_year_without_reaching_it_is_off_track():
    assert status([(2021, 89)]) == OFF_TRACK
    assert status([(2023, 21)], direction=LOWER, baseline=BASE_LOW, target=TARGET_LOW) == OFF_TRACK
    assert status([(2020, 89.99)]) == OFF_TRACK


def test_only_the_latest_value_counts():
    assert status([(2014, 95), (2016, 60)]) == OFF_TRACK  # achieved once, fell back
    assert status([(2014, 40), (2016, 75)]) == ON_TRACK


def test_missing_years_use_the_latest_available_value():
    # nothing for 2016-2018: the 2015 value is compared with the path of 2015 (65)
    assert status([(2013, 52), (2015, 66)]) == ON_TRACK
    assert status([(2013, 60), (2015, 64)]) == OFF_TRACK
    # a gap in the middle: only the latest year counts (path in 2019 is 85)
    assert status([(2013, 60), (2019, 86)]) == ON_TRACK


def test_without_a_baseline_the_first_value_is_the_baseline():
    assert status([(2014, 30)], baseline=None) == ON_TRACK  # one value: it is its own path
    # baseline 30 in 2014, target 90 in 2020 → path 50 in 2016
    assert status([(2014, 30), (2016, 50)], baseline=None) == ON_TRACK
    assert status([(2014, 30), (2016, 49)], baseline=None) == OFF_TRACK
    assert status([(2014, 30), (2015, 25)], baseline=None) == OFF_TRACK  # later worse
    assert status([(2014, 95)], baseline=None) == ACHIEVED


def test_without_a_baseline_lower_is_better():
    kwargs = {"direction": LOWER, "baseline": None, "target": TARGET_LOW}
    assert status([(2014, 80)], **kwargs) == ON_TRACK
    assert status([(2014, 80), (2015, 85)], **kwargs) == OFF_TRACK


def test_without_a_target_nothing_is_achieved_and_the_baseline_is_the_reference():
    assert status([(2016, 50)], target=None) == ON_TRACK  # equal to the baseline
    assert status([(2016, 500)], target=None) == ON_TRACK
    assert status([(2016, 49)], target=None) == OFF_TRACK
    kwargs = {"direction": LOWER, "baseline": BASE_LOW, "target": None}
    assert status([(2016, 100)], **kwargs) == ON_TRACK
    assert status([(2016, 10)], **kwargs) == ON_TRACK
    assert status([(2016, 101)], **kwargs) == OFF_TRACK


def test_without_baseline_nor_target_the_first_value_is_the_reference():
    assert status([(2015, 10)], baseline=None, target=None) == ON_TRACK
    assert status([(2015, 10), (2016, 12)], baseline=None, target=None) == ON_TRACK
    assert status([(2015, 10), (2016, 9)], baseline=None, target=None) == OFF_TRACK
    assert status([(2015, 10), (2016, 9)], direction=LOWER, baseline=None, target=None) == ON_TRACK


@pytest.mark.parametrize("target_year", [2010, 2012])
def test_a_target_year_not_after_the_baseline_year_compares_with_the_target(target_year):
    """Degenerate (the services refuse it, a first value as baseline can cause it): the target is the path."""
    target = p(target_year, 90)
    assert expected_value(baseline=BASE, target=target, year=2011) == Decimal("90")
    assert status([(2013, 89)], target=target) == OFF_TRACK
    assert status([(2013, 90)], target=target) == ACHIEVED
    # no baseline and a first value later than the target year
    assert status([(2015, 60), (2016, 70)], baseline=None, target=target) == OFF_TRACK


# ---------------------------------------------------------------- the stored status


@pytest.fixture
def framework(office_staff):
    return indicator_framework(actor=office_staff)


@pytest.fixture
def indicator(framework, office_staff, department):
    return indicator_of(framework, actor=office_staff, responsible_department=department)


def stored(indicator):
    return Indicator.objects.values_list("status", "latest_value", "latest_year").get(pk=indicator.pk)


@pytest.mark.django_db
def test_a_new_indicator_has_no_data(indicator):
    assert stored(indicator) == (NO_DATA, None, None)


@pytest.mark.django_db
def test_only_verified_values_count(indicator, official, office_staff):
    measurement_of(indicator, actor=official, year=2015, value=95)  # a draft
    assert stored(indicator) == (NO_DATA, None, None)
    measurement_of(indicator, actor=official, year=2014, value=70, verify_by=office_staff)
    assert stored(indicator) == (ON_TRACK, Decimal("70"), 2014)  # the 2015 draft is ignored


@pytest.mark.django_db
def test_disaggregated_values_are_ignored(indicator, framework, official, office_staff):
    dimension = services.dimension_save(
        framework=framework, actor=office_staff, code="sex", name_ko="성별", categories=[("f", "여", "Female")]
    )
    women = dimension.categories.get()
    measurement_of(indicator, actor=official, year=2016, value=99, category=women, verify_by=office_staff)
    assert stored(indicator) == (NO_DATA, None, None)
    measurement_of(indicator, actor=official, year=2016, value=60, verify_by=office_staff)
    assert stored(indicator) == (OFF_TRACK, Decimal("60"), 2016)  # the path in 2016 is 65


@pytest.mark.django_db
def test_a_quarterly_indicator_uses_the_latest_period_of_the_latest_year(framework, office_staff):
    indicator = indicator_of(framework, actor=office_staff, periodicity=Periodicity.QUARTER)
    for year, period, value in [(2016, 1, 90), (2016, 2, 60), (2015, 4, 99), (2016, 3, 66)]:
        measurement_of(indicator, actor=office_staff, year=year, period=period, value=value, verify_by=office_staff)
    # 2016 Q3 = 66: below the target, above the 2016 path (65)
    assert stored(indicator) == (ON_TRACK, Decimal("66"), 2016)
    measurement_of(indicator, actor=office_staff, year=2016, period=4, value=80, verify_by=office_staff)
    assert stored(indicator) == (ACHIEVED, Decimal("80"), 2016)


@pytest.mark.django_db
def test_the_status_follows_verification_and_correction(indicator, official, office_staff):
    first = measurement_of(indicator, actor=official, year=2015, value=66, verify_by=office_staff)
    assert stored(indicator) == (ON_TRACK, Decimal("66"), 2015)

    latest = measurement_of(indicator, actor=official, year=2016, value=85)
    assert stored(indicator)[0] == ON_TRACK  # a draft does not count yet
    services.measurements_verify(measurements=[latest], actor=office_staff)
    assert stored(indicator) == (ACHIEVED, Decimal("85"), 2016)

    # correcting the verified 2016 value sends it back to draft: the status is recomputed without it
    corrected = services.measurement_save(indicator=indicator, actor=official, year=2016, value=Decimal("60"))
    assert corrected.state == MeasurementState.DRAFT
    assert stored(indicator) == (ON_TRACK, Decimal("66"), 2015)
    services.measurements_verify(measurements=[corrected], actor=office_staff)
    assert stored(indicator) == (OFF_TRACK, Decimal("60"), 2016)

    # correcting the only other verified value too leaves 2016 alone
    services.measurement_save(indicator=indicator, actor=official, year=2015, value=Decimal("50"))
    assert stored(indicator) == (OFF_TRACK, Decimal("60"), 2016)
    first.refresh_from_db()
    assert first.state == MeasurementState.DRAFT


@pytest.mark.django_db
def test_changing_the_target_recomputes_the_status(indicator, official, office_staff):
    measurement_of(indicator, actor=official, year=2016, value=75, verify_by=office_staff)
    assert stored(indicator)[0] == ON_TRACK
    services.indicator_save(
        framework=indicator.framework, actor=office_staff, indicator=indicator, target_value=Decimal("70")
    )
    assert stored(indicator)[0] == ACHIEVED
