"""Frameworks, indicators and measurements: the writes, their rules and who may make them."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from humanrights_portal.core.models import AuditEvent, SdgGoal, SdgTarget
from indicators import services
from indicators.models import (
    DisaggregationCategory,
    FrameworkArea,
    ImplementationTask,
    Indicator,
    IndicatorFramework,
    IndicatorStatus,
    Measurement,
    MeasurementRevision,
    MeasurementState,
    Periodicity,
)
from tests.factories import indicator_area, indicator_framework, indicator_of, measurement_of

pytestmark = pytest.mark.django_db

NOT_OFFICE = ["official", "other_official", "ombudsman", "committee_member", "administrator", "user_without_role"]


@pytest.fixture
def framework(office_staff):
    return indicator_framework(actor=office_staff)


@pytest.fixture
def area(framework, office_staff):
    return indicator_area(framework, actor=office_staff, number=1, title="사회적 약자의 권리")


@pytest.fixture
def other_framework(office_staff):
    return indicator_framework(actor=office_staff, name="충청남도 지속가능발전목표", organisation="충청남도")


@pytest.fixture
def indicator(framework, area, office_staff, department):
    return indicator_of(
        framework,
        actor=office_staff,
        area=area,
        code="1-01",
        name_ko="장애인 저상버스 보급률",
        plausible_min=Decimal("0"),
        plausible_max=Decimal("100"),
        responsible_department=department,
    )


@pytest.fixture
def sex(framework, office_staff):
    dimension = services.dimension_save(
        framework=framework,
        actor=office_staff,
        code="sex",
        name_ko="성별",
        name_en="Sex",
        categories=[("male", "남", "Male"), ("female", "여", "Female")],
    )
    return {category.code: category for category in dimension.categories.all()}


def indicator_fields(area, **overrides):
    data = {
        "area": area,
        "code": "1-02",
        "name_ko": "공공기관 인권교육 이수율",
        "name_en": "Completion rate of human rights education in public bodies",
        "unit": "%",
        "baseline_value": Decimal("40"),
        "baseline_year": 2012,
        "target_value": Decimal("90"),
        "target_year": 2020,
    }
    data.update(overrides)
    return data


# ---------------------------------------------------------------- frameworks and their parts


def test_office_creates_a_framework_and_it_is_audited(office_staff):
    framework = services.framework_save(
        actor=office_staff, name="광주광역시 인권지표", organisation="광주광역시", year_developed=2012
    )
    assert framework.year_developed == 2012
    event = AuditEvent.objects.get(action="indicators.framework.create")
    assert (event.actor, event.target_id) == (office_staff, str(framework.pk))

    services.framework_save(actor=office_staff, framework=framework, description="100개 지표")
    framework.refresh_from_db()
    assert framework.description == "100개 지표"
    assert AuditEvent.objects.filter(action="indicators.framework.update").count() == 1


def test_framework_fields_are_validated(office_staff):
    with pytest.raises(ValidationError) as error:
        services.framework_save(actor=office_staff, name="", organisation="광주광역시", year_developed=1800)
    assert {"name", "year_developed"} <= set(error.value.message_dict)
    assert not IndicatorFramework.objects.exists()


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_manages_frameworks(users, role, framework, area):
    actor = users[role]
    with pytest.raises(PermissionDenied):
        services.framework_save(actor=actor, name="새 지표체계", organisation="광주광역시")
    with pytest.raises(PermissionDenied):
        services.framework_save(actor=actor, framework=framework, name="바뀐 이름")
    with pytest.raises(PermissionDenied):
        services.phase_save(framework=framework, actor=actor, name="1단계", start_year=2018, end_year=2020)
    with pytest.raises(PermissionDenied):
        services.area_save(framework=framework, actor=actor, number=2, title="영역 2")
    with pytest.raises(PermissionDenied):
        services.implementation_task_save(framework=framework, area=area, actor=actor, number=1, title="과제")
    with pytest.raises(PermissionDenied):
        services.dimension_save(framework=framework, actor=actor, code="sex", name_ko="성별")
    with pytest.raises(PermissionDenied):
        services.indicator_save(framework=framework, actor=actor, **indicator_fields(area))
    framework.refresh_from_db()
    assert framework.name == "광주광역시 인권지표"
    assert FrameworkArea.objects.count() == 1
    assert not Indicator.objects.exists()


def test_areas_are_saved_by_number_with_their_sdg_goal(framework, office_staff):
    goal = SdgGoal.objects.get(number=5)
    area = services.area_save(framework=framework, actor=office_staff, number=5, title="성평등", sdg_goal=goal)
    again = services.area_save(framework=framework, actor=office_staff, number=5, title="성평등 실현", sdg_goal=goal)
    assert again.pk == area.pk
    assert FrameworkArea.objects.get(pk=area.pk).title == "성평등 실현"
    assert AuditEvent.objects.filter(action="indicators.area").count() == 2


def test_an_area_needs_a_title(framework, office_staff):
    with pytest.raises(ValidationError) as error:
        services.area_save(framework=framework, actor=office_staff, number=1, title="")
    assert "title" in error.value.message_dict
    assert not FrameworkArea.objects.exists()


def test_phases_and_dimensions(framework, office_staff):
    phase = services.phase_save(framework=framework, actor=office_staff, name="1단계", start_year=2018, end_year=2020)
    assert str(phase) == "1단계 (2018-2020)"
    with pytest.raises(ValidationError):
        services.phase_save(framework=framework, actor=office_staff, name="2단계", start_year=2025, end_year=2021)
    dimension = services.dimension_save(
        framework=framework, actor=office_staff, code="age", name_ko="연령대", categories=[("0-17", "18세 미만", "")]
    )
    services.dimension_save(
        framework=framework,
        actor=office_staff,
        code="age",
        name_ko="연령대",
        categories=[("0-17", "18세 미만", "Under 18"), ("65+", "65세 이상", "65 and over")],
    )
    assert list(dimension.categories.values_list("code", "name_en")) == [("0-17", "Under 18"), ("65+", "65 and over")]


def test_an_implementation_task_needs_an_area_of_its_framework(framework, other_framework, office_staff):
    foreign_area = indicator_area(other_framework, actor=office_staff, number=1)
    with pytest.raises(ValidationError) as error:
        services.implementation_task_save(
            framework=framework, area=foreign_area, actor=office_staff, number=1, title="인권교육 확대"
        )
    assert "area" in error.value.message_dict
    assert not ImplementationTask.objects.exists()


def test_office_creates_an_indicator_with_sdg_targets(framework, area, office_staff, department):
    task = services.implementation_task_save(
        framework=framework, area=area, actor=office_staff, number=1, title="인권교육 확대"
    )
    targets = list(SdgTarget.objects.filter(code__in=["4.7", "16.b"]))
    indicator = services.indicator_save(
        framework=framework,
        actor=office_staff,
        sdg_targets=targets,
        **indicator_fields(area, implementation_task=task, responsible_department=department),
    )
    assert indicator.status == IndicatorStatus.NO_DATA
    assert set(indicator.sdg_targets.values_list("code", flat=True)) == {"4.7", "16.b"}
    assert AuditEvent.objects.filter(action="indicators.indicator.create", target_id=str(indicator.pk)).exists()

    services.indicator_save(framework=framework, actor=office_staff, indicator=indicator, name_ko="인권교육 이수율")
    assert Indicator.objects.get(pk=indicator.pk).name_ko == "인권교육 이수율"
    assert indicator.sdg_targets.count() == 2  # not given: unchanged
    assert AuditEvent.objects.filter(action="indicators.indicator.update").count() == 1


def test_indicator_save_ignores_the_derived_fields(framework, area, office_staff):
    indicator = services.indicator_save(
        framework=framework,
        actor=office_staff,
        status=IndicatorStatus.ACHIEVED,
        latest_value=Decimal("99"),
        **indicator_fields(area),
    )
    assert Indicator.objects.values_list("status", "latest_value").get(pk=indicator.pk) == (
        IndicatorStatus.NO_DATA,
        None,
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"baseline_year": None}, "baseline_year"),  # a baseline value without its year
        ({"baseline_value": None}, "baseline_year"),
        ({"target_year": None}, "target_year"),
        ({"target_year": 2012}, "target_year"),  # not after the baseline year
        ({"target_year": 2010}, "target_year"),
        ({"plausible_min": Decimal("10"), "plausible_max": Decimal("5")}, "plausible_max"),
        ({"code": ""}, "code"),
        ({"name_ko": ""}, "name_ko"),
        ({"unit": ""}, "unit"),
        ({"direction": "sideways"}, "direction"),
        ({"baseline_year": 1800}, "baseline_year"),
    ],
)
def test_indicator_rules(framework, area, office_staff, overrides, field):
    with pytest.raises(ValidationError) as error:
        services.indicator_save(framework=framework, actor=office_staff, **indicator_fields(area, **overrides))
    assert field in error.value.message_dict
    assert not Indicator.objects.exists()


def test_an_indicator_needs_an_area_and_a_task_of_its_framework(framework, area, other_framework, office_staff):
    foreign_area = indicator_area(other_framework, actor=office_staff, number=1)
    foreign_task = services.implementation_task_save(
        framework=other_framework, area=foreign_area, actor=office_staff, number=1, title="과제"
    )
    with pytest.raises(ValidationError) as error:
        services.indicator_save(framework=framework, actor=office_staff, **indicator_fields(foreign_area))
    assert "area" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.indicator_save(
            framework=framework, actor=office_staff, **indicator_fields(area, implementation_task=foreign_task)
        )
    assert "implementation_task" in error.value.message_dict
    assert not Indicator.objects.exists()


def test_indicator_codes_are_unique_within_a_framework(framework, area, other_framework, office_staff):
    services.indicator_save(framework=framework, actor=office_staff, **indicator_fields(area))
    with pytest.raises(ValidationError) as error:
        services.indicator_save(framework=framework, actor=office_staff, **indicator_fields(area, name_ko="다른 지표"))
    assert "code" in error.value.message_dict
    # the same code in another framework is fine
    other_area = indicator_area(other_framework, actor=office_staff, number=1)
    services.indicator_save(framework=other_framework, actor=office_staff, **indicator_fields(other_area))
    assert Indicator.objects.filter(code="1-02").count() == 2


# ---------------------------------------------------------------- measurement_save


@pytest.mark.parametrize("role", ["official", "office_staff"])
def test_the_departments_official_and_the_office_enter_values(users, role, indicator):
    measurement = services.measurement_save(
        indicator=indicator, actor=users[role], year=2015, value=Decimal("61.5"), source_note=" 교통정책과 "
    )
    assert (measurement.value, measurement.state, measurement.version) == (
        Decimal("61.5"),
        MeasurementState.DRAFT,
        1,
    )
    assert measurement.source_note == "교통정책과"
    assert measurement.entered_by == users[role]
    assert AuditEvent.objects.filter(action="indicators.measurement.create", actor=users[role]).exists()


@pytest.mark.parametrize(
    "role", ["other_official", "committee_member", "ombudsman", "administrator", "user_without_role"]
)
def test_others_may_not_enter_values(users, role, indicator):
    with pytest.raises(PermissionDenied):
        services.measurement_save(indicator=indicator, actor=users[role], year=2015, value=Decimal("60"))
    assert not Measurement.objects.exists()


def test_an_indicator_without_a_department_is_entered_by_the_office_only(framework, area, users):
    indicator = indicator_of(framework, actor=users["office_staff"], area=area)
    with pytest.raises(PermissionDenied):
        services.measurement_save(indicator=indicator, actor=users["official"], year=2015, value=Decimal("60"))
    services.measurement_save(indicator=indicator, actor=users["office_staff"], year=2015, value=Decimal("60"))


def test_a_year_in_the_future_is_refused(indicator, official):
    next_year = timezone.localdate().year + 1
    with pytest.raises(ValidationError) as error:
        services.measurement_save(indicator=indicator, actor=official, year=next_year, value=Decimal("60"))
    assert "year" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.measurement_save(indicator=indicator, actor=official, year=1980, value=Decimal("60"))
    assert "year" in error.value.message_dict
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    ("periodicity", "period", "allowed"),
    [
        (Periodicity.YEAR, 0, True),
        (Periodicity.YEAR, 1, False),
        (Periodicity.QUARTER, 4, True),
        (Periodicity.QUARTER, 5, False),
        (Periodicity.MONTH, 12, True),
        (Periodicity.MONTH, 13, False),
    ],
)
def test_the_period_must_fit_the_periodicity(framework, area, office_staff, periodicity, period, allowed):
    indicator = indicator_of(framework, actor=office_staff, area=area, periodicity=periodicity)
    if allowed:
        services.measurement_save(indicator=indicator, actor=office_staff, year=2015, period=period, value=Decimal(1))
        assert Measurement.objects.filter(period=period).exists()
    else:
        with pytest.raises(ValidationError) as error:
            services.measurement_save(
                indicator=indicator, actor=office_staff, year=2015, period=period, value=Decimal(1)
            )
        assert "period" in error.value.message_dict
        assert not Measurement.objects.exists()


def test_a_category_of_another_framework_is_refused(indicator, other_framework, official, office_staff):
    dimension = services.dimension_save(
        framework=other_framework, actor=office_staff, code="sex", name_ko="성별", categories=[("f", "여", "")]
    )
    with pytest.raises(ValidationError) as error:
        services.measurement_save(
            indicator=indicator, actor=official, year=2015, value=Decimal("60"), category=dimension.categories.get()
        )
    assert "category" in error.value.message_dict
    assert not Measurement.objects.exists()


@pytest.mark.parametrize("value", ["-0.1", "100.01"])
def test_a_value_outside_the_plausible_range_is_refused(indicator, official, value):
    with pytest.raises(ValidationError) as error:
        services.measurement_save(indicator=indicator, actor=official, year=2015, value=Decimal(value))
    assert "value" in error.value.message_dict
    assert not Measurement.objects.exists()


def test_the_bounds_of_the_plausible_range_are_allowed(indicator, official):
    services.measurement_save(indicator=indicator, actor=official, year=2014, value=Decimal("0"))
    services.measurement_save(indicator=indicator, actor=official, year=2015, value=Decimal("100"))
    assert Measurement.objects.count() == 2


def test_totals_and_categories_are_separate_values(indicator, official, sex):
    services.measurement_save(indicator=indicator, actor=official, year=2015, value=Decimal("60"))
    services.measurement_save(indicator=indicator, actor=official, year=2015, value=Decimal("55"), category=sex["male"])
    services.measurement_save(
        indicator=indicator, actor=official, year=2015, value=Decimal("65"), category=sex["female"]
    )
    assert Measurement.objects.count() == 3
    assert Measurement.objects.get(category__isnull=True).value == Decimal("60")
    assert DisaggregationCategory.objects.get(code="female").measurements.get().value == Decimal("65")


def test_correcting_a_value_keeps_a_revision_and_a_verified_value_goes_back_to_draft(indicator, official, office_staff):
    measurement = measurement_of(indicator, actor=official, year=2016, value=70, verify_by=office_staff)
    assert measurement.state == MeasurementState.VERIFIED
    assert Indicator.objects.get(pk=indicator.pk).status == IndicatorStatus.ON_TRACK

    corrected = services.measurement_save(
        indicator=indicator, actor=official, year=2016, value=Decimal("72"), version=measurement.version
    )
    assert corrected.pk == measurement.pk
    assert (corrected.value, corrected.state, corrected.version) == (Decimal("72"), MeasurementState.DRAFT, 2)
    assert corrected.verified_by is None
    assert corrected.verified_at is None
    revision = MeasurementRevision.objects.get(measurement=measurement)
    assert (revision.value, revision.state, revision.changed_by) == (
        Decimal("70"),
        MeasurementState.VERIFIED,
        official,
    )
    event = AuditEvent.objects.get(action="indicators.measurement.update")
    assert [Decimal(str(value)) for value in event.changes["value"]] == [Decimal("70"), Decimal("72")]
    # the verified value is gone: no data until the correction is verified
    assert Indicator.objects.get(pk=indicator.pk).status == IndicatorStatus.NO_DATA


def test_correcting_a_draft_keeps_a_revision_too(indicator, official):
    services.measurement_save(indicator=indicator, actor=official, year=2016, value=Decimal("70"))
    services.measurement_save(indicator=indicator, actor=official, year=2016, value=Decimal("71"))
    services.measurement_save(indicator=indicator, actor=official, year=2016, value=Decimal("71"), source_note="통계")
    assert list(MeasurementRevision.objects.values_list("value", "source_note")) == [
        (Decimal("71"), ""),
        (Decimal("70"), ""),
    ]
    assert Measurement.objects.get().version == 3


def test_saving_the_same_value_again_changes_nothing(indicator, official, office_staff):
    measurement = measurement_of(indicator, actor=official, year=2016, value=70, verify_by=office_staff)
    events = AuditEvent.objects.count()
    again = services.measurement_save(indicator=indicator, actor=official, year=2016, value=Decimal("70.0000"))
    assert (again.state, again.version) == (MeasurementState.VERIFIED, measurement.version)
    assert not MeasurementRevision.objects.exists()
    assert AuditEvent.objects.count() == events


def test_a_stale_version_is_refused(indicator, official, office_staff):
    measurement = services.measurement_save(indicator=indicator, actor=official, year=2016, value=Decimal("70"))
    services.measurement_save(indicator=indicator, actor=office_staff, year=2016, value=Decimal("71"), version=1)
    with pytest.raises(ValidationError):
        services.measurement_save(
            indicator=indicator, actor=official, year=2016, value=Decimal("75"), version=measurement.version
        )
    assert Measurement.objects.get().value == Decimal("71")
    assert MeasurementRevision.objects.count() == 1


# ---------------------------------------------------------------- measurements_verify


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_verifies(users, role, indicator, official):
    measurement = services.measurement_save(indicator=indicator, actor=official, year=2016, value=Decimal("70"))
    with pytest.raises(PermissionDenied):
        services.measurements_verify(measurements=[measurement], actor=users[role])
    assert Measurement.objects.get().state == MeasurementState.DRAFT


def test_the_office_verifies_drafts_the_status_is_refreshed_and_audited(indicator, official, office_staff, sex):
    drafts = [
        services.measurement_save(indicator=indicator, actor=official, year=2015, value=Decimal("60")),
        services.measurement_save(indicator=indicator, actor=official, year=2016, value=Decimal("81")),
        services.measurement_save(
            indicator=indicator, actor=official, year=2016, value=Decimal("80"), category=sex["female"]
        ),
    ]
    assert services.measurements_verify(measurements=drafts, actor=office_staff) == 3
    assert set(Measurement.objects.values_list("state", flat=True)) == {MeasurementState.VERIFIED}
    assert set(Measurement.objects.values_list("verified_by", flat=True)) == {office_staff.pk}
    assert all(Measurement.objects.values_list("verified_at", flat=True))
    indicator.refresh_from_db()
    assert (indicator.status, indicator.latest_value, indicator.latest_year) == (
        IndicatorStatus.ACHIEVED,
        Decimal("81"),
        2016,
    )
    event = AuditEvent.objects.get(action="indicators.measurement.verify")
    assert event.actor == office_staff
    assert event.changes["count"] == 3


def test_only_drafts_are_verified(indicator, official, office_staff):
    verified = measurement_of(indicator, actor=official, year=2015, value=60, verify_by=office_staff)
    verified_at = verified.verified_at
    draft = services.measurement_save(indicator=indicator, actor=official, year=2016, value=Decimal("70"))
    assert services.measurements_verify(measurements=[verified, draft], actor=office_staff) == 1
    verified.refresh_from_db()
    assert verified.verified_at == verified_at
    assert services.measurements_verify(measurements=[verified], actor=office_staff) == 0
    assert AuditEvent.objects.filter(action="indicators.measurement.verify").count() == 2


def test_verifying_nothing_records_nothing(office_staff):
    assert services.measurements_verify(measurements=[], actor=office_staff) == 0
    assert not AuditEvent.objects.filter(action="indicators.measurement.verify").exists()


def test_a_verified_value_is_stamped_now(indicator, official, office_staff):
    before = timezone.now() - datetime.timedelta(seconds=1)
    measurement = measurement_of(indicator, actor=official, year=2015, value=60, verify_by=office_staff)
    assert measurement.verified_at >= before
