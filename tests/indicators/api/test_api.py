"""The indicators REST API: permissions per endpoint and role, entering and verifying values, bad
input, what the public sees, the dashboards' summary and query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from humanrights_portal.core import selectors as core_selectors
from humanrights_portal.core.models import AuditEvent
from indicators import services
from indicators.models import (
    Indicator,
    IndicatorFramework,
    IndicatorStatus,
    Measurement,
    MeasurementState,
    PhaseTarget,
)
from tests.factories import area_of, plan_adopted, plan_draft, task_of

pytestmark = pytest.mark.django_db

ROLES = [None, "official", "other_official", "office_staff", "committee_member", "ombudsman", "administrator"]
STAFF = {"official", "other_official", "office_staff", "committee_member", "ombudsman", "administrator"}
API = "/api/v1"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _indicator(framework, *, office, area, code, department=None, **fields):
    data = {
        "name_ko": f"지표 {code}",
        "unit": "%",
        "baseline_value": Decimal("50"),
        "baseline_year": 2012,
        "target_value": Decimal("80"),
        "target_year": 2020,
        "plausible_min": Decimal("0"),
        "plausible_max": Decimal("100"),
        "responsible_department": department,
    }
    data.update(fields)
    return services.indicator_save(framework=framework, actor=office, area=area, code=code, **data)


def _value(indicator, *, actor, year, value, verify_by=None, **fields):
    measurement = services.measurement_save(
        indicator=indicator, actor=actor, year=year, value=Decimal(str(value)), **fields
    )
    if verify_by is not None:
        services.measurements_verify(measurements=[measurement], actor=verify_by)
        measurement.refresh_from_db()
    return measurement


@pytest.fixture
def world(users, department, other_department):
    """Gwangju's framework (two areas, a phase, a task, sex disaggregation) and Chungnam's, with values."""
    office = users["office_staff"]
    official = users["official"]
    framework = services.framework_save(
        actor=office, name="광주광역시 인권지표", name_en="Gwangju Human Rights Indicators", organisation="광주광역시"
    )
    phase = services.phase_save(framework=framework, actor=office, name="1단계", start_year=2018, end_year=2020)
    area = services.area_save(framework=framework, actor=office, number=1, title="시민적 권리")
    other_area = services.area_save(framework=framework, actor=office, number=2, title="사회적 권리")
    task = services.implementation_task_save(framework=framework, area=area, actor=office, number=1, title="과제")
    sex = services.dimension_save(
        framework=framework,
        actor=office,
        code="sex",
        name_ko="성별",
        name_en="Sex",
        categories=[("male", "남성", "Male"), ("female", "여성", "Female")],
    )
    female = sex.categories.get(code="female")
    indicator = _indicator(
        framework,
        office=office,
        area=area,
        code="1-01",
        department=department,
        implementation_task=task,
        sdg_targets=list(core_selectors.sdg_target_list().filter(code="10.2")),
    )
    other_indicator = _indicator(framework, office=office, area=other_area, code="2-01", department=other_department)
    verified = _value(indicator, actor=official, year=2019, value=85, verify_by=office)
    draft = _value(indicator, actor=official, year=2020, value=60)
    draft_female = _value(indicator, actor=official, year=2019, value=40, category=female)
    chungnam = services.framework_save(
        actor=office, name="충남 지속가능발전목표", organisation="충청남도", area_label="goal"
    )
    goal = services.area_save(framework=chungnam, actor=office, number=1, title="빈곤 종식")
    chungnam_indicator = _indicator(chungnam, office=office, area=goal, code="1-1", department=department)
    other_category = services.dimension_save(
        framework=chungnam, actor=office, code="age", name_ko="연령", categories=[("young", "청년", "Youth")]
    ).categories.get()
    return {
        "framework": framework,
        "phase": phase,
        "area": area,
        "other_area": other_area,
        "task": task,
        "female": female,
        "indicator": indicator,
        "other_indicator": other_indicator,
        "verified": verified,
        "draft": draft,
        "draft_female": draft_female,
        "chungnam": chungnam,
        "chungnam_indicator": chungnam_indicator,
        "other_category": other_category,
    }


def _reads(world):
    return {
        "framework-list": f"{API}/indicator-frameworks/",
        "framework-detail": f"{API}/indicator-frameworks/{world['framework'].pk}/",
        "indicator-list": f"{API}/indicators/",
        "indicator-detail": f"{API}/indicators/{world['indicator'].pk}/",
        "measurement-list": f"{API}/measurements/",
        "summary": f"{API}/indicators/summary/",
    }


# ---------------------------------------------------------------- permissions: reads


@pytest.mark.parametrize("role", [*ROLES, "user_without_role"])
@pytest.mark.parametrize(
    "endpoint",
    ["framework-list", "framework-detail", "indicator-list", "indicator-detail", "measurement-list", "summary"],
)
def test_reads_are_open_to_everyone(api_client_for, world, role, endpoint):
    response = api_client_for(role).get(_reads(world)[endpoint])
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("role", [*ROLES, "user_without_role"])
def test_revisions_are_for_staff(api_client_for, world, role):
    response = api_client_for(role).get(f"{API}/measurements/{world['draft'].pk}/revisions/")
    assert response.status_code == (200 if role in STAFF else 403)


def test_unknown_objects_give_404(api_client_for, world):
    staff = api_client_for("office_staff")
    assert staff.get(f"{API}/indicator-frameworks/999999/").status_code == 404
    assert staff.get(f"{API}/indicators/999999/").status_code == 404
    assert staff.get(f"{API}/measurements/999999/revisions/").status_code == 404
    assert staff.get(f"{API}/indicators/summary/").status_code == 200  # never read as an indicator id


def test_root_lists_the_collections(api_client_for, world):
    body = api_client_for(None).get(f"{API}/").json()
    for name in ("indicator-frameworks", "indicators", "indicator-summary", "measurements"):
        assert name in body


# ---------------------------------------------------------------- permissions: writes


@pytest.mark.parametrize("role", [*ROLES, "user_without_role"])
def test_only_the_office_creates_frameworks(api_client_for, world, role):
    before = IndicatorFramework.objects.count()
    response = api_client_for(role).post(
        f"{API}/indicator-frameworks/",
        {"name": "대구 인권지표", "organisation": "대구광역시", "year_developed": 2020, "area_label": "goal"},
    )
    if role == "office_staff":
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["name"] == "대구 인권지표"
        assert body["area_label_display"] == "Goals"
        assert body["areas"] == []
        assert IndicatorFramework.objects.count() == before + 1
    else:
        assert response.status_code == 403
        assert IndicatorFramework.objects.count() == before


def _indicator_body(world, **fields):
    body = {
        "framework": world["framework"].pk,
        "area": world["other_area"].pk,
        "code": "2-02",
        "name_ko": "장애인 고용률",
        "name_en": "Employment rate of persons with disabilities",
        "kind": "outcome",
        "unit": "%",
        "direction": "higher",
        "baseline_value": "2.5",
        "baseline_year": 2015,
        "target_value": "3.6",
        "target_year": 2025,
        "responsible_department": "welfare",
        "sdg_targets": ["8.5", "10.2"],
    }
    body.update(fields)
    return body


@pytest.mark.parametrize("role", [*ROLES, "user_without_role"])
def test_only_the_office_creates_indicators(api_client_for, world, role):
    before = Indicator.objects.count()
    response = api_client_for(role).post(f"{API}/indicators/", _indicator_body(world))
    if role == "office_staff":
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["code"] == "2-02"
        assert body["responsible_department"]["code"] == "welfare"
        assert sorted(target["code"] for target in body["sdg_targets"]) == ["10.2", "8.5"]
        assert body["baseline_value"] == "2.5000"
        assert body["status"] == "no_data"
        assert Indicator.objects.count() == before + 1
    else:
        assert response.status_code == 403
        assert Indicator.objects.count() == before


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"area": None}, "area"),
        ({"code": "1-01"}, "code"),  # already taken in this framework
        ({"target_year": 2010}, "target_year"),  # before the baseline
        ({"target_value": None}, "target_year"),  # a target value needs its year
        ({"responsible_department": "nowhere"}, "responsible_department"),
        ({"sdg_targets": ["99.9"]}, "sdg_targets"),
        ({"kind": "guess"}, "kind"),
        ({"baseline_value": "lots"}, "baseline_value"),
        ({"framework": 999999}, "framework"),
        ({"implementation_task": 999999}, "implementation_task"),
    ],
)
def test_bad_indicators_get_field_errors(api_client_for, world, fields, field):
    before = Indicator.objects.count()
    body = _indicator_body(world, **fields)
    body = {name: value for name, value in body.items() if value is not None}
    response = api_client_for("office_staff").post(f"{API}/indicators/", body)
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert Indicator.objects.count() == before


def test_an_area_of_another_framework_is_refused(api_client_for, world):
    response = api_client_for("office_staff").post(
        f"{API}/indicators/", _indicator_body(world, area=world["chungnam_indicator"].area_id)
    )
    assert response.status_code == 400
    assert "area" in response.json()


def test_bad_frameworks_get_field_errors(api_client_for, world):
    response = api_client_for("office_staff").post(
        f"{API}/indicator-frameworks/", {"name": "", "organisation": "x" * 101, "year_developed": 1800}
    )
    assert response.status_code == 400
    assert {"name", "organisation", "year_developed"} <= set(response.json())


def _value_body(world, **fields):
    body = {"indicator": world["indicator"].pk, "year": 2018, "period": 0, "value": "70.5", "source_note": "통계청"}
    body.update(fields)
    return body


@pytest.mark.parametrize("role", [*ROLES, "user_without_role"])
def test_officials_of_the_department_and_the_office_enter_values(api_client_for, world, role):
    before = Measurement.objects.count()
    response = api_client_for(role).post(f"{API}/measurements/", _value_body(world))
    if role in {"official", "office_staff"}:
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["value"] == "70.5000"
        assert body["state"] == "draft"
        assert body["indicator_code"] == "1-01"
        assert body["category"] is None
        assert Measurement.objects.count() == before + 1
    else:
        assert response.status_code == 403
        assert Measurement.objects.count() == before


def test_an_official_of_another_department_writes_nothing(api_client_for, world):
    audit_before = AuditEvent.objects.count()
    before = list(Measurement.objects.order_by("pk").values_list("pk", "value", "version"))
    client = api_client_for("other_official")
    new = client.post(f"{API}/measurements/", _value_body(world))
    correction = client.post(f"{API}/measurements/", _value_body(world, year=2020, value="10"))
    assert new.status_code == 403
    assert correction.status_code == 403
    assert "detail" in new.json()
    assert list(Measurement.objects.order_by("pk").values_list("pk", "value", "version")) == before
    assert AuditEvent.objects.count() == audit_before
    # Their own department's indicator is fine.
    own = client.post(f"{API}/measurements/", _value_body(world, indicator=world["other_indicator"].pk))
    assert own.status_code == 201, own.content


def test_a_correction_returns_200_keeps_history_and_needs_verifying_again(api_client_for, world):
    verified = world["verified"]
    client = api_client_for("official")
    response = client.post(f"{API}/measurements/", _value_body(world, year=2019, value="75", version=verified.version))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == verified.pk
    assert body["state"] == "draft"
    assert body["version"] == verified.version + 1
    revisions = client.get(f"{API}/measurements/{verified.pk}/revisions/").json()["results"]
    assert [(row["value"], row["state"]) for row in revisions] == [("85.0000", "verified")]
    assert revisions[0]["changed_by"]
    world["indicator"].refresh_from_db()
    assert world["indicator"].status == IndicatorStatus.NO_DATA  # its only verified value went back to draft


def test_a_disaggregated_value(api_client_for, world):
    response = api_client_for("official").post(
        f"{API}/measurements/", _value_body(world, category=world["female"].pk, value="33")
    )
    assert response.status_code == 201, response.content
    assert response.json()["category_code"] == "female"
    assert response.json()["dimension"] == "sex"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"value": "many"}, "value"),
        ({"value": ""}, "value"),
        ({"value": "1.23456"}, "value"),  # more than four decimals
        ({"value": "150"}, "value"),  # above the plausible maximum
        ({"value": "-1"}, "value"),  # below the plausible minimum
        ({"year": "next"}, "year"),
        ({"year": 1800}, "year"),
        ("future", "year"),
        ({"period": 2}, "period"),  # a yearly indicator has period 0 only
        ({"period": 13}, "period"),
        ({"category": 999999}, "category"),
        ("other-framework-category", "category"),
        ({"indicator": 999999}, "indicator"),
        ({"year": 2020, "version": 99}, "non_field_errors"),  # stale: someone changed it in the meantime
        ({"source_note": "x" * 301}, "source_note"),
    ],
)
def test_bad_values_get_field_errors_and_nothing_is_written(api_client_for, world, fields, field):
    if fields == "future":
        fields = {"year": timezone.localdate().year + 1}
    elif fields == "other-framework-category":
        fields = {"category": world["other_category"].pk}
    before = list(Measurement.objects.order_by("pk").values_list("pk", "value", "version"))
    response = api_client_for("official").post(f"{API}/measurements/", _value_body(world, **fields))
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    errors = response.json()
    assert field in errors, errors
    assert all(isinstance(message, str) for message in errors[field])
    assert list(Measurement.objects.order_by("pk").values_list("pk", "value", "version")) == before


def test_a_body_that_is_not_json_gives_400(api_client_for, world):
    response = api_client_for("official").post(
        f"{API}/measurements/", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert "detail" in response.json()


# ---------------------------------------------------------------- verification


@pytest.mark.parametrize("role", [*ROLES, "user_without_role"])
def test_only_the_office_verifies(api_client_for, world, role):
    response = api_client_for(role).post(f"{API}/measurements/verify/", {"ids": [world["draft"].pk]})
    world["draft"].refresh_from_db()
    if role == "office_staff":
        assert response.status_code == 200, response.content
        assert response.json() == {"verified": 1}
        assert world["draft"].state == MeasurementState.VERIFIED
    else:
        assert response.status_code == 403
        assert world["draft"].state == MeasurementState.DRAFT


def test_verifying_updates_the_indicator_status(api_client_for, world):
    office = api_client_for("office_staff")
    indicator = world["indicator"]
    assert office.get(f"{API}/indicators/{indicator.pk}/").json()["status"] == "achieved"  # 85 in 2019 ≥ 80
    response = office.post(
        f"{API}/measurements/verify/",
        {"ids": [world["draft"].pk, world["draft_female"].pk, world["verified"].pk]},
    )
    assert response.json() == {"verified": 2}  # the verified one is left alone
    body = office.get(f"{API}/indicators/{indicator.pk}/").json()
    assert body["status"] == "off_track"  # 60 in 2020 is below the target 80
    assert body["status_label"] == "Off track"
    assert body["latest_value"] == "60.0000"
    assert body["latest_year"] == 2020
    public = api_client_for(None).get(f"{API}/indicators/{indicator.pk}/").json()
    assert {(point["year"], point["category_code"]) for point in public["series"]} == {
        (2019, None),
        (2019, "female"),
        (2020, None),
    }


@pytest.mark.parametrize("body", [{}, {"ids": []}, {"ids": ["x"]}, {"ids": [0]}, {"ids": "1"}])
def test_bad_verify_requests_get_400(api_client_for, world, body):
    response = api_client_for("office_staff").post(f"{API}/measurements/verify/", body)
    assert response.status_code == 400
    assert "ids" in response.json()


# ---------------------------------------------------------------- what the public sees


def test_the_public_never_sees_drafts(api_client_for, world):
    anonymous = api_client_for(None)
    values = anonymous.get(f"{API}/measurements/").json()["results"]
    assert [row["id"] for row in values] == [world["verified"].pk]
    assert anonymous.get(f"{API}/measurements/?state=draft").json()["results"] == []
    series = anonymous.get(f"{API}/indicators/{world['indicator'].pk}/").json()["series"]
    assert [point["id"] for point in series] == [world["verified"].pk]
    # Staff see the drafts too.
    staff = api_client_for("committee_member")
    ids = {row["id"] for row in staff.get(f"{API}/measurements/").json()["results"]}
    assert ids == {world["verified"].pk, world["draft"].pk, world["draft_female"].pk}
    series = staff.get(f"{API}/indicators/{world['indicator'].pk}/").json()["series"]
    assert len(series) == 3


def test_the_public_sees_tasks_of_adopted_plans_only(api_client_for, world, users, department):
    office = users["office_staff"]
    adopted_task = task_of(area_of(plan_adopted(actor=office), actor=office), actor=office, department=department)
    draft_task = task_of(
        area_of(plan_draft(actor=office, title="초안", start_year=2023, end_year=2027), actor=office),
        actor=office,
        department=department,
        code="9-99",
    )
    # No service links tasks and indicators yet: the relation is written directly.
    for task in (adopted_task, draft_task):
        task.indicators.add(world["indicator"])
    url = f"{API}/indicators/{world['indicator'].pk}/"
    public = api_client_for(None).get(url).json()["plan_tasks"]
    staff = api_client_for("committee_member").get(url).json()["plan_tasks"]
    assert public == [{"id": adopted_task.pk, "code": adopted_task.code}]
    assert {task["id"] for task in staff} == {adopted_task.pk, draft_task.pk}


def test_indicator_detail_has_definition_targets_and_links(api_client_for, world):
    # No service writes phase targets yet: one is written directly.
    PhaseTarget.objects.create(indicator=world["indicator"], phase=world["phase"], target_value=Decimal("70"))
    body = api_client_for(None).get(f"{API}/indicators/{world['indicator'].pk}/").json()
    assert body["framework"]["name_en"] == "Gwangju Human Rights Indicators"
    assert body["area"]["number"] == 1
    assert body["implementation_task"]["id"] == world["task"].pk
    assert body["kind_label"] == "Outcome"
    assert body["direction_label"] == "Higher is better"
    assert (body["baseline_value"], body["baseline_year"]) == ("50.0000", 2012)
    assert (body["target_value"], body["target_year"]) == ("80.0000", 2020)
    assert [target["code"] for target in body["sdg_targets"]] == ["10.2"]
    assert body["phase_targets"] == [
        {
            "phase": {"id": world["phase"].pk, "name": "1단계", "start_year": 2018, "end_year": 2020},
            "target_value": "70.0000",
        }
    ]
    assert body["plan_tasks"] == []


def test_framework_detail_has_areas_with_counts_phases_tasks_and_dimensions(api_client_for, world):
    body = api_client_for(None).get(f"{API}/indicator-frameworks/{world['framework'].pk}/").json()
    areas = {area["number"]: area for area in body["areas"]}
    assert (areas[1]["indicator_count"], areas[1]["achieved_count"], areas[1]["no_data_count"]) == (1, 1, 0)
    assert (areas[2]["indicator_count"], areas[2]["achieved_count"], areas[2]["no_data_count"]) == (1, 0, 1)
    assert [phase["name"] for phase in body["phases"]] == ["1단계"]
    assert [task["area"] for task in body["implementation_tasks"]] == [world["area"].pk]
    assert [dimension["code"] for dimension in body["dimensions"]] == ["sex"]
    assert [category["code"] for category in body["dimensions"][0]["categories"]] == ["male", "female"]


def test_framework_list_has_status_counts(api_client_for, world):
    rows = {row["id"]: row for row in api_client_for(None).get(f"{API}/indicator-frameworks/").json()["results"]}
    gwangju = rows[world["framework"].pk]
    assert (gwangju["area_count"], gwangju["indicator_count"]) == (2, 2)
    assert (gwangju["achieved_count"], gwangju["on_track_count"], gwangju["no_data_count"]) == (1, 0, 1)
    assert rows[world["chungnam"].pk]["area_label_display"] == "Goals"


# ---------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("", ["1-01", "2-01", "1-1"]),
        ("?status=achieved", ["1-01"]),
        ("?status=no_data&department=welfare", ["1-1"]),
        ("?department=urban", ["2-01"]),
        ("?sdg_goal=10", ["1-01"]),
        ("?kind=structural", []),
        ("?q=2-01", ["2-01"]),
    ],
)
def test_indicator_filters(api_client_for, world, query, codes):
    body = api_client_for(None).get(f"{API}/indicators/{query}").json()
    assert sorted(row["code"] for row in body["results"]) == sorted(codes)
    assert body["count"] == len(codes)


def test_indicator_filters_by_framework_and_area(api_client_for, world):
    client = api_client_for(None)
    by_framework = client.get(f"{API}/indicators/?framework={world['chungnam'].pk}").json()["results"]
    by_area = client.get(f"{API}/indicators/?area={world['other_area'].pk}").json()["results"]
    assert [row["code"] for row in by_framework] == ["1-1"]
    assert [row["code"] for row in by_area] == ["2-01"]


def test_measurement_filters(api_client_for, world):
    client = api_client_for("office_staff")

    def ids(query):
        return {row["id"] for row in client.get(f"{API}/measurements/{query}").json()["results"]}

    assert ids("?totals_only=true") == {world["verified"].pk, world["draft"].pk}
    assert ids("?dimension=sex") == {world["draft_female"].pk}
    assert ids("?year=2020") == {world["draft"].pk}
    assert ids(f"?indicator={world['other_indicator'].pk}") == set()
    assert ids("?code=1-01&state=verified") == {world["verified"].pk}


@pytest.mark.parametrize(
    "url",
    [
        "/indicators/?status=excellent",
        "/indicators/?department=nowhere",
        "/indicators/?sdg_goal=18",
        "/indicators/?framework=abc",
        "/measurements/?year=1800",
        "/measurements/?state=lost",
        "/indicators/summary/?framework=abc",
        "/indicators/summary/?framework=0",
    ],
)
def test_bad_filters_get_400(api_client_for, world, url):
    response = api_client_for(None).get(f"{API}{url}")
    assert response.status_code == 400
    assert response.json()


def test_lists_are_paginated(api_client_for, world):
    body = api_client_for(None).get(f"{API}/indicators/?page_size=2").json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"]


# ---------------------------------------------------------------- the summary


def test_summary_counts_indicators_by_status_per_framework_and_area(api_client_for, world, users):
    office = users["office_staff"]
    # An on-track value for Chungnam's indicator: 70 in 2016 is above the path from 50 (2012) to 80 (2020).
    _value(world["chungnam_indicator"], actor=office, year=2016, value=70, verify_by=office)
    body = api_client_for(None).get(f"{API}/indicators/summary/").json()
    frameworks = {row["framework_id"]: row for row in body["frameworks"]}
    gwangju = frameworks[world["framework"].pk]
    assert (gwangju["total"], gwangju["achieved"], gwangju["on_track"], gwangju["off_track"], gwangju["no_data"]) == (
        2,
        1,
        0,
        0,
        1,
    )
    chungnam = frameworks[world["chungnam"].pk]
    assert (chungnam["total"], chungnam["on_track"]) == (1, 1)
    areas = {row["area_id"]: row for row in body["areas"]}
    assert (areas[world["area"].pk]["total"], areas[world["area"].pk]["achieved"]) == (1, 1)
    assert (areas[world["other_area"].pk]["total"], areas[world["other_area"].pk]["no_data"]) == (1, 1)
    assert areas[world["area"].pk]["framework_id"] == world["framework"].pk
    only = api_client_for(None).get(f"{API}/indicators/summary/?framework={world['chungnam'].pk}").json()
    assert [row["framework_id"] for row in only["frameworks"]] == [world["chungnam"].pk]
    assert len(only["areas"]) == 1
    assert api_client_for(None).get(f"{API}/indicators/summary/?framework=999999").json() == {
        "frameworks": [],
        "areas": [],
    }


# ---------------------------------------------------------------- query counts


def _more_data(world, users, department):
    """Twenty more indicators with values and revisions, spread over new areas and departments."""
    office = users["office_staff"]
    framework = world["framework"]
    for number in range(3, 8):
        area = services.area_save(framework=framework, actor=office, number=number, title=f"영역 {number}")
        for index in range(4):
            indicator = _indicator(
                framework,
                office=office,
                area=area,
                code=f"{number}-{index:02d}",
                department=department,
                sdg_targets=list(core_selectors.sdg_target_list().filter(code__in=["5.1", "10.2"])),
            )
            for year in (2017, 2018):
                _value(indicator, actor=office, year=year, value=60 + index, verify_by=office)
                _value(indicator, actor=office, year=year, value=60 + index, category=world["female"])
    for value in (61, 62, 63, 64):  # four revisions of the 2020 draft
        _value(world["indicator"], actor=office, year=2020, value=value)


def _list_urls(world):
    return [
        f"{API}/indicator-frameworks/",
        f"{API}/indicators/",
        f"{API}/indicators/?sdg_goal=10",
        f"{API}/measurements/",
        f"{API}/indicators/summary/",
        f"{API}/measurements/{world['draft'].pk}/revisions/",
    ]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", [None, "office_staff"])
def test_list_queries_do_not_grow_with_rows(api_client_for, world, users, department, role):
    services.measurement_save(  # one revision, so the revision list has a page to read
        indicator=world["indicator"], actor=users["office_staff"], year=2020, value=Decimal("59")
    )
    client = api_client_for(role)
    urls = [url for url in _list_urls(world) if role or "revisions" not in url]
    before = [_queries(client, url) for url in urls]
    _more_data(world, users, department)
    client = api_client_for(role)
    assert [_queries(client, url) for url in urls] == before


@pytest.mark.parametrize(
    ("path", "count"),
    [
        ("/indicator-frameworks/", 2),  # count, page
        ("/indicators/", 2),  # count, page
        ("/measurements/", 2),  # count, page
        ("/indicators/summary/", 1),  # one grouped query
    ],
)
def test_public_list_query_counts_are_pinned(
    api_client_for, world, users, department, django_assert_num_queries, path, count
):
    _more_data(world, users, department)
    client = api_client_for(None)
    with django_assert_num_queries(count):
        assert client.get(f"{API}{path}").status_code == 200


def test_staff_list_query_counts_are_pinned(api_client_for, world, users, department, django_assert_num_queries):
    _more_data(world, users, department)
    client = api_client_for("office_staff")
    # The user's roles are already cached on the account: count and page.
    with django_assert_num_queries(2):
        assert client.get(f"{API}/measurements/").status_code == 200
    # The measurement, count and page of its revisions.
    with django_assert_num_queries(3):
        assert client.get(f"{API}/measurements/{world['draft'].pk}/revisions/").status_code == 200


def test_detail_query_counts_are_pinned(api_client_for, world, users, department, django_assert_num_queries):
    _more_data(world, users, department)
    client = api_client_for(None)
    # The framework, then its areas, phases, tasks, dimensions and categories.
    with django_assert_num_queries(6):
        assert client.get(f"{API}/indicator-frameworks/{world['framework'].pk}/").status_code == 200
    # The indicator, its SDG targets, phase targets, values, and the linked plan tasks.
    with django_assert_num_queries(5):
        assert client.get(f"{API}/indicators/{world['indicator'].pk}/").status_code == 200
