"""What each user reads of the indicators, and at what cost in queries."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from humanrights_portal.core import permissions
from indicators import selectors, services
from indicators.models import IndicatorStatus, MeasurementState
from tests.factories import indicator_area, indicator_framework, indicator_of, measurement_of

pytestmark = pytest.mark.django_db

STAFF = ["official", "other_official", "office_staff", "ombudsman", "committee_member", "administrator"]


@pytest.fixture
def framework(office_staff):
    return indicator_framework(actor=office_staff)


@pytest.fixture
def data(framework, office_staff, official, department, other_department):
    """Two areas; the welfare indicator has a verified 2015 value, a draft 2016 value and a verified category."""
    first = indicator_area(framework, actor=office_staff, number=1, title="사회적 약자")
    second = indicator_area(framework, actor=office_staff, number=2, title="인권행정")
    sex = services.dimension_save(
        framework=framework, actor=office_staff, code="sex", name_ko="성별", categories=[("female", "여", "Female")]
    )
    welfare = indicator_of(framework, actor=office_staff, area=first, code="1-01", responsible_department=department)
    urban = indicator_of(
        framework, actor=office_staff, area=first, code="1-02", responsible_department=other_department
    )
    office = indicator_of(framework, actor=office_staff, area=second, code="2-01")
    verified = measurement_of(welfare, actor=official, year=2015, value=70, verify_by=office_staff)
    draft = measurement_of(welfare, actor=official, year=2016, value=90)
    female = measurement_of(
        welfare, actor=official, year=2015, value=72, category=sex.categories.get(), verify_by=office_staff
    )
    measurement_of(urban, actor=office_staff, year=2016, value=40, verify_by=office_staff)  # off track
    return {
        "welfare": welfare,
        "urban": urban,
        "office": office,
        "verified": verified,
        "draft": draft,
        "female": female,
        "areas": (first, second),
    }


def test_public_sees_verified_values_only(data):
    public = AnonymousUser()
    indicator = selectors.indicator_get(user=public, pk=data["welfare"].pk)
    assert {m.pk for m in indicator.measurements.all()} == {data["verified"].pk, data["female"].pk}
    listed = selectors.measurement_list(user=public)
    assert data["draft"].pk not in set(listed.values_list("pk", flat=True))
    assert set(listed.values_list("state", flat=True)) == {MeasurementState.VERIFIED}


@pytest.mark.parametrize("role", STAFF)
def test_staff_see_drafts_too(users, role, data):
    indicator = selectors.indicator_get(user=users[role], pk=data["welfare"].pk)
    assert data["draft"].pk in {m.pk for m in indicator.measurements.all()}
    assert selectors.measurement_list(user=users[role]).filter(pk=data["draft"].pk).exists()


def test_revisions_are_for_staff_only(data, official, office_staff):
    services.measurement_save(indicator=data["welfare"], actor=official, year=2016, value=Decimal("91"))
    draft = data["draft"]
    assert selectors.measurement_revisions(user=office_staff, measurement=draft).count() == 1
    assert selectors.measurement_revisions(user=AnonymousUser(), measurement=draft).count() == 0


def test_measurement_list_filters(data, office_staff):
    totals = selectors.measurement_list(user=office_staff, filters={"totals_only": "true"})
    assert data["female"].pk not in set(totals.values_list("pk", flat=True))
    by_year = selectors.measurement_list(user=office_staff, filters={"year": "2016", "state": "draft"})
    assert list(by_year.values_list("pk", flat=True)) == [data["draft"].pk]
    with pytest.raises(selectors.InvalidFilters):
        selectors.measurement_list(user=office_staff, filters={"state": "lost"})


def test_indicator_list_filters(data):
    public = AnonymousUser()
    off_track = selectors.indicator_list(user=public, filters={"status": IndicatorStatus.OFF_TRACK})
    assert list(off_track) == [data["urban"]]
    assert set(selectors.indicator_list(user=public, filters={"department": "welfare"})) == {data["welfare"]}
    with pytest.raises(selectors.InvalidFilters):
        selectors.indicator_list(user=public, filters={"status": "lost"})


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("official", {"welfare"}),
        ("other_official", {"urban"}),
        ("office_staff", {"welfare", "urban", "office"}),
        ("ombudsman", set()),
        ("committee_member", set()),
        ("administrator", set()),
        ("user_without_role", set()),
    ],
)
def test_indicators_for_entry_per_role(users, data, role, expected):
    names = {data[name].pk: name for name in ("welfare", "urban", "office")}
    found = {names[pk] for pk in selectors.indicators_for_entry(user=users[role]).values_list("pk", flat=True)}
    assert found == expected
    # the selector agrees with the permission predicate the services enforce
    for name in ("welfare", "urban", "office"):
        assert permissions.can_enter_measurements(users[role], data[name]) == (name in expected)


def test_indicators_for_entry_anonymous(data):
    assert not selectors.indicators_for_entry(user=AnonymousUser()).exists()


def test_drafts_to_verify_is_for_the_office(users, data):
    assert list(selectors.drafts_to_verify(user=users["office_staff"])) == [data["draft"]]
    for role in ("official", "committee_member", "ombudsman", "administrator"):
        assert not selectors.drafts_to_verify(user=users[role]).exists()


def test_status_summary_counts_per_area(data, framework):
    rows = selectors.status_summary(user=AnonymousUser())
    assert [(row.area_id, row.total, row.achieved, row.on_track, row.off_track, row.no_data) for row in rows] == [
        (data["areas"][0].pk, 2, 0, 1, 1, 0),  # welfare on track (70 ≥ 61.25 in 2015), urban off track
        (data["areas"][1].pk, 1, 0, 0, 0, 1),
    ]
    assert rows[0].framework_id == framework.pk
    assert rows[0].framework == framework.name
    assert rows[0].area == "1. 사회적 약자"


def test_status_summary_of_one_framework(data, framework, office_staff):
    other = indicator_framework(actor=office_staff, name="충청남도 지속가능발전목표", organisation="충청남도")
    indicator_of(other, actor=office_staff)
    assert len(selectors.status_summary(user=AnonymousUser())) == 3
    rows = selectors.status_summary(user=AnonymousUser(), framework_id=framework.pk)
    assert {row.framework_id for row in rows} == {framework.pk}
    assert sum(row.total for row in rows) == 3


def test_framework_list_counts(data, framework):
    listed = selectors.framework_list(user=AnonymousUser()).get(pk=framework.pk)
    assert (listed.indicator_count, listed.area_count) == (3, 2)
    assert (listed.achieved_count, listed.on_track_count, listed.off_track_count, listed.no_data_count) == (
        0,
        1,
        1,
        1,
    )


def make_frameworks(office_staff, count: int, indicators_each: int):
    for number in range(count):
        framework = indicator_framework(actor=office_staff, name=f"지표체계 {number}")
        area = indicator_area(framework, actor=office_staff, number=1)
        indicator_area(framework, actor=office_staff, number=2)
        for index in range(indicators_each):
            indicator = indicator_of(framework, actor=office_staff, area=area, code=f"{number}-{index}")
            if index % 2:
                measurement_of(indicator, actor=office_staff, year=2016, value=90, verify_by=office_staff)


@pytest.mark.parametrize(("frameworks", "indicators_each"), [(1, 2), (4, 6)])
def test_framework_list_query_count_is_constant(office_staff, django_assert_num_queries, frameworks, indicators_each):
    make_frameworks(office_staff, frameworks, indicators_each)
    with django_assert_num_queries(1):
        listed = list(selectors.framework_list(user=AnonymousUser()))
    assert len(listed) == frameworks
    assert all(framework.indicator_count == indicators_each for framework in listed)


@pytest.mark.parametrize(("frameworks", "indicators_each"), [(1, 2), (4, 6)])
def test_status_summary_query_count_is_constant(office_staff, django_assert_num_queries, frameworks, indicators_each):
    make_frameworks(office_staff, frameworks, indicators_each)
    with django_assert_num_queries(1):
        rows = selectors.status_summary(user=AnonymousUser())
    assert sum(row.total for row in rows) == frameworks * indicators_each
    assert sum(row.achieved for row in rows) == frameworks * (indicators_each // 2)


@pytest.mark.parametrize("extra_years", [1, 5])
def test_indicator_get_query_count_is_constant(office_staff, django_assert_num_queries, extra_years):
    framework = indicator_framework(actor=office_staff)
    indicator = indicator_of(framework, actor=office_staff)
    for year in range(2013, 2013 + extra_years):
        measurement_of(indicator, actor=office_staff, year=year, value=60, verify_by=office_staff)
    with django_assert_num_queries(4):  # the indicator, SDG targets, phase targets, measurements
        found = selectors.indicator_get(user=AnonymousUser(), pk=indicator.pk)
        assert len(found.measurements.all()) == extra_years
