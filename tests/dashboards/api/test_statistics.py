"""The statistics API (``/api/v1/statistics/…``): every endpoint for every role, the audience rule,
small-cell suppression, the filters, bad parameters, constant query counts and the schema."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from humanrights_portal.core.models import RightCategory, VulnerableGroup
from indicators import services as indicator_services
from indicators.models import IndicatorFramework
from plans import services as plan_services
from plans.models import AnnualRecord
from tests.factories import (
    ComplaintFactory,
    area_of,
    assessment_in_status,
    checklist_published,
    indicator_area,
    indicator_framework,
    indicator_of,
    measurement_of,
    plan_adopted,
    record_in_state,
    task_of,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/statistics"
ENDPOINTS = ["plans", "indicators", "ombudsman", "impact", "trends", "groups"]
ROLES = [
    None,
    "official",
    "other_official",
    "office_staff",
    "committee_member",
    "ombudsman",
    "administrator",
    "user_without_role",
]
STAFF = {"official", "other_official", "office_staff", "committee_member", "ombudsman", "administrator"}
YEAR = 2019


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


@pytest.fixture
def world(users, department, other_department):
    """2019 in a small city: a plan with two tasks (one record confirmed, one only submitted), two
    indicators (one measured, with a value for women), three privacy cases and one of 2020, and two
    assessed ordinances (one per department)."""
    office = users["office_staff"]
    official, other_official = users["official"], users["other_official"]
    women = VulnerableGroup.objects.get(code="women")

    plan = plan_adopted(actor=office)
    area = area_of(plan, actor=office, number=1, title="사회적 약자의 인권 증진")
    other_area = area_of(plan, actor=office, number=2, title="인권 행정 체계")
    task = task_of(
        area, actor=office, department=department, code="1-01", budgets={YEAR: 1_000_000}, target_groups=[women]
    )
    other_task = task_of(other_area, actor=office, department=other_department, code="2-01", budgets={YEAR: 500_000})
    plan_services.reporting_round_open(plan=plan, year=YEAR, due_on=datetime.date(YEAR + 1, 2, 28), actor=office)
    record_in_state(AnnualRecord.objects.get(task=task, year=YEAR), "confirmed", office=office, reporter=official)
    record_in_state(
        AnnualRecord.objects.get(task=other_task, year=YEAR), "submitted", office=office, reporter=other_official
    )

    framework = indicator_framework(actor=office)
    indicator_area(framework, actor=office, number=1)
    indicator_services.dimension_save(
        framework=framework,
        actor=office,
        code="sex",
        name_ko="성별",
        name_en="Sex",
        categories=[("male", "남성", "Men"), ("female", "여성", "Women", "women")],
    )
    measured = indicator_of(framework, actor=office, code="1-01", responsible_department=department)
    indicator_of(framework, actor=office, code="1-02", responsible_department=other_department)
    female = framework.dimensions.get().categories.get(code="female")
    male = framework.dimensions.get().categories.get(code="male")
    measurement_of(measured, actor=official, year=YEAR, value=60, verify_by=office)
    measurement_of(measured, actor=official, year=YEAR, value=55, category=female, verify_by=office)
    measurement_of(measured, actor=official, year=YEAR, value=65, category=male, verify_by=office)

    privacy = RightCategory.objects.get(code="privacy")
    for day in (1, 2, 3):
        ComplaintFactory(received_at=at(YEAR, 3, day), rights=[privacy], groups=[women])
    ComplaintFactory(received_at=at(YEAR + 1, 3, 1), rights=[privacy])

    checklist_published(actor=office)
    assessment_in_status(
        "outcome_recorded",
        office=office,
        department_official=official,
        outcome="revised",
        requested_on=datetime.date(YEAR, 5, 1),
    )
    assessment_in_status(
        "outcome_recorded",
        office=office,
        department_official=other_official,
        outcome="not_revised",
        requested_on=datetime.date(YEAR, 6, 1),
        title="광주광역시 도시공간 조례 일부개정조례안",
    )
    return {"plan": plan, "area": area, "other_area": other_area, "task": task, "women": women}


def get(api_client_for, role, endpoint, **params):
    return api_client_for(role).get(f"{API}/{endpoint}/", {"year": YEAR, **params})


# ---------------------------------------------------------------- who gets what


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_the_figures_of_its_audience(api_client_for, world, endpoint, role):
    response = get(api_client_for, role, endpoint)
    assert response.status_code == 200
    body = response.json()
    assert list(body)[:2] == ["filters", "audience"]
    assert body["filters"] == {"year": YEAR, "department": None, "area": None, "group": None}
    assert body["audience"] == ("staff" if role in STAFF else "public")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("role", sorted(STAFF))
def test_staff_may_ask_for_the_public_figures(api_client_for, world, endpoint, role):
    response = get(api_client_for, role, endpoint, audience="public")
    assert response.status_code == 200
    assert response.json()["audience"] == "public"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("role", [None, "user_without_role"])
def test_asking_for_the_staff_figures_never_gives_more(api_client_for, world, endpoint, role):
    response = get(api_client_for, role, endpoint, audience="staff")
    assert response.status_code == 200
    assert response.json()["audience"] == "public"


def test_the_public_plan_figures_count_confirmed_records_only(api_client_for, world):
    staff = get(api_client_for, "committee_member", "plans").json()
    public = get(api_client_for, "committee_member", "plans", audience="public").json()
    anonymous = get(api_client_for, None, "plans", audience="staff").json()
    assert public == {**anonymous, "audience": "public"} == anonymous
    [staff_plan], [public_plan] = staff["plans"], public["plans"]
    assert staff_plan["id"] == public_plan["id"] == world["plan"].pk
    assert staff_plan["total"]["tasks"] == public_plan["total"]["tasks"] == 2
    assert (staff_plan["total"]["records"], staff_plan["total"]["confirmed"]) == (2, 1)
    assert (public_plan["total"]["records"], public_plan["total"]["confirmed"]) == (1, 1)
    assert public_plan["total"]["budget_planned"] == 1_000_000
    assert staff_plan["total"]["budget_planned"] == 1_500_000
    assert [row["key"] for row in staff_plan["by_area"]] == [world["area"].pk, world["other_area"].pk]
    assert len(staff_plan["by_department"]) == 2
    assert set(staff_plan["total"]) == {
        "key", "label", "tasks", "records", "not_started", "on_track", "delayed", "completed", "confirmed",
        "budget_planned", "budget_executed", "average_progress", "completed_percent", "execution_percent",
    }  # fmt: skip


def test_the_ombudsman_figures_of_the_public_suppress_small_cells(api_client_for, world, settings):
    settings.PORTAL_STATISTICS_MIN_CELL = 5
    privacy = RightCategory.objects.get(code="privacy")
    public = get(api_client_for, None, "ombudsman").json()
    assert public["cases_received"] == 3  # a total, not a cell
    assert public["min_cell"] == 5
    assert public["by_right"] == [{"key": privacy.pk, "label": str(privacy.name), "count": None}]
    assert "by_right" in public["suppressed"]
    assert "by_group" in public["suppressed"]
    assert public["by_agency"] == []
    staff = get(api_client_for, "ombudsman", "ombudsman").json()
    assert staff["by_right"] == [{"key": privacy.pk, "label": str(privacy.name), "count": 3}]
    assert staff["suppressed"] == []
    assert staff["min_cell"] == 0
    assert staff["by_agency"] == [{"key": "광주광역시청", "label": "광주광역시청", "count": 3}]
    asked_public = get(api_client_for, "ombudsman", "ombudsman", audience="public").json()
    assert asked_public["by_right"][0]["count"] is None
    assert asked_public["by_agency"] == []


def test_cells_at_the_threshold_are_published(api_client_for, world, settings):
    settings.PORTAL_STATISTICS_MIN_CELL = 3
    public = get(api_client_for, None, "ombudsman").json()
    assert public["by_right"][0]["count"] == 3
    assert "by_right" not in public["suppressed"]


def test_the_ombudsman_figures_have_the_fields_of_the_contract(api_client_for, world):
    body = get(api_client_for, "office_staff", "ombudsman").json()
    assert {
        "counselling_sessions", "cases_received", "cases_closed", "open_cases", "overdue_cases", "by_status",
        "by_right", "by_group", "by_channel", "by_agency", "handling_days_median", "handling_days_p90",
        "recommendations_by_response", "recommendations_implemented", "satisfaction", "min_cell", "suppressed",
    } <= set(body)  # fmt: skip
    assert body["recommendations_implemented"] == {"yes": 0, "no": 0, "unknown": 0}


def test_the_trends_hide_small_case_counts_from_the_public(api_client_for, world, settings):
    settings.PORTAL_STATISTICS_MIN_CELL = 5
    staff = {row["year"]: row for row in get(api_client_for, "office_staff", "trends").json()["rows"]}
    public = {row["year"]: row for row in get(api_client_for, None, "trends").json()["rows"]}
    assert staff[YEAR]["cases_received"] == 3
    assert public[YEAR]["cases_received"] is None
    assert (staff[YEAR]["records"], public[YEAR]["records"]) == (2, 1)
    assert staff[YEAR]["indicators_measured"] == 1
    assert (staff[YEAR]["assessed"], staff[YEAR]["revised"]) == (2, 1)
    assert (staff[YEAR]["budget_planned"], staff[YEAR]["execution_percent"]) == (1_500_000, 0.0)


def test_the_indicator_and_impact_figures(api_client_for, world):
    [row] = get(api_client_for, None, "indicators").json()["rows"]
    assert (row["total"], row["achieved"] + row["on_track"] + row["off_track"], row["no_data"]) == (2, 1, 1)
    impact = get(api_client_for, None, "impact").json()
    [ordinances] = impact["totals"]
    assert ordinances["subject_type"] == "ordinance"
    assert (ordinances["assessed"], ordinances["revised"], ordinances["not_revised"]) == (2, 1, 1)
    assert impact["rows"][0]["year"] == YEAR
    assert impact["facilities"] == []
    assert impact["failed_criteria"][0]["failed"] == 2
    assert impact["failed_criteria"][0]["failure_share"] == 100.0


def test_who_is_left_behind(api_client_for, world):
    rows = get(api_client_for, None, "groups").json()["rows"]
    by_category = {row["category"]: row for row in rows}
    assert set(by_category) == {"남성", "여성"}
    women = by_category["여성"]
    assert women["group_code"] == "women"
    assert (women["value"], women["total"], women["gap"]) == ("55.0000", "60.0000", "-5.0000")
    assert women["is_behind"] is True
    assert by_category["남성"]["is_behind"] is False


# ---------------------------------------------------------------- filters


def test_the_department_filter(api_client_for, world, department, other_department):
    plans = get(api_client_for, "office_staff", "plans", department="welfare").json()
    assert plans["filters"]["department"] == "welfare"
    assert plans["plans"][0]["total"]["tasks"] == 1
    assert [row["label"] for row in plans["plans"][0]["by_department"]] == [department.name_ko]
    [row] = get(api_client_for, None, "indicators", department="urban").json()["rows"]
    assert (row["total"], row["no_data"]) == (1, 1)
    [ordinances] = get(api_client_for, None, "impact", department="urban").json()["totals"]
    assert (ordinances["assessed"], ordinances["revised"], ordinances["not_revised"]) == (1, 0, 1)
    assert get(api_client_for, None, "groups", department="urban").json()["rows"] == []


def test_the_area_filter(api_client_for, world):
    body = get(api_client_for, "office_staff", "plans", area=world["other_area"].pk).json()
    assert body["filters"]["area"] == world["other_area"].pk
    [plan] = body["plans"]
    assert plan["total"]["tasks"] == 1
    assert [row["key"] for row in plan["by_area"]] == [world["other_area"].pk]
    trends = {
        row["year"]: row for row in get(api_client_for, "office_staff", "trends", area=world["area"].pk).json()["rows"]
    }
    assert trends[YEAR]["records"] == 1


def test_the_group_filter(api_client_for, world):
    body = get(api_client_for, "office_staff", "plans", group="women").json()
    assert body["filters"]["group"] == "women"
    assert body["plans"][0]["total"]["tasks"] == 1
    rows = get(api_client_for, None, "groups", group="women").json()["rows"]
    assert [row["group_code"] for row in rows] == ["women"]
    trends = {row["year"]: row for row in get(api_client_for, "office_staff", "trends", group="women").json()["rows"]}
    assert trends[YEAR]["cases_received"] == 3
    assert trends.get(YEAR + 1, {}).get("cases_received", 0) == 0


def test_the_year_filter(api_client_for, world):
    assert get(api_client_for, "ombudsman", "ombudsman").json()["cases_received"] == 3
    later = get(api_client_for, "ombudsman", "ombudsman", year=YEAR + 1).json()
    assert later["filters"]["year"] == YEAR + 1
    assert later["cases_received"] == 1
    assert get(api_client_for, None, "impact", year=YEAR + 1).json()["rows"] == []
    assert get(api_client_for, None, "groups", year=YEAR + 1).json()["rows"] == []
    plans = get(api_client_for, "office_staff", "plans", year=YEAR + 1).json()["plans"]
    assert plans[0]["total"]["records"] == 0


def test_without_a_year_the_default_year_is_used(api_client_for, world):
    body = api_client_for(None).get(f"{API}/ombudsman/").json()
    assert body["filters"]["year"] == YEAR  # the latest finished year with data in two apps or more
    assert body["cases_received"] == 3


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "abc"}, "year"),
        ({"year": "1800"}, "year"),
        ({"year": "2011"}, "year"),  # a year without data
        ({"department": "nowhere"}, "department"),
        ({"area": "abc"}, "area"),
        ({"area": "999999"}, "area"),
        ({"area": "99999999999999999999"}, "area"),
        ({"group": "martians"}, "group"),
        ({"group": "wo\x00men"}, "group"),
        ({"audience": "everyone"}, "audience"),
    ],
)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_bad_parameters_give_400_per_field(api_client_for, world, endpoint, params, field):
    response = api_client_for("office_staff").get(f"{API}/{endpoint}/", params)
    assert response.status_code == 400
    body = response.json()
    assert list(body) == [field]
    assert isinstance(body[field], list)
    assert body[field]


# ---------------------------------------------------------------- queries


def more_data(world, users, department, other_department):
    """Ten times more of everything in the same year."""
    office = users["office_staff"]
    privacy, health = (RightCategory.objects.get(code=code) for code in ("privacy", "health"))
    for number in range(3, 6):
        area = area_of(world["plan"], actor=office, number=number)
        for _ in range(3):
            task_of(area, actor=office, department=department, budgets={YEAR: 10}, target_groups=[world["women"]])
    for day in range(4, 20):
        ComplaintFactory(received_at=at(YEAR, 4, day), rights=[privacy, health])
    indicators = IndicatorFramework.objects.get()
    for number in range(3, 8):
        indicator = indicator_of(indicators, actor=office, code=f"1-{number:02d}", responsible_department=department)
        measurement_of(indicator, actor=office, year=YEAR, value=50 + number, verify_by=office)
    assessment_in_status(
        "findings_issued",
        office=office,
        department_official=users["official"],
        requested_on=datetime.date(YEAR, 7, 1),
    )


# The form's years (4 queries) + each endpoint's selector (plans: 1 + 4 per plan in force); staff get
# one more for the ombudsman (by agency). Forced authentication: signing in adds nothing.
QUERIES = {
    "plans": 4 + 1 + 4,
    "indicators": 4 + 1,
    "ombudsman": 4 + 13,
    "impact": 4 + 4,
    "trends": 4 + 4,
    "groups": 4 + 2,
}


@pytest.mark.parametrize("role", [None, "office_staff"])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_query_counts_do_not_grow_with_the_data(
    api_client_for, world, users, department, other_department, django_assert_num_queries, endpoint, role
):
    client = api_client_for(role)
    client.get(f"{API}/{endpoint}/", {"year": YEAR})  # the user's roles are read once and cached
    expected = QUERIES[endpoint] + (1 if endpoint == "ombudsman" and role else 0)
    with django_assert_num_queries(expected):
        assert client.get(f"{API}/{endpoint}/", {"year": YEAR}).status_code == 200
    more_data(world, users, department, other_department)
    with django_assert_num_queries(expected):
        assert client.get(f"{API}/{endpoint}/", {"year": YEAR}).status_code == 200


def test_each_filter_adds_one_query_at_most(api_client_for, world, django_assert_max_num_queries):
    params = {"year": YEAR, "department": "welfare", "area": world["area"].pk, "group": "women"}
    with django_assert_max_num_queries(QUERIES["plans"] + 3):
        assert api_client_for(None).get(f"{API}/plans/", params).status_code == 200


# ---------------------------------------------------------------- schema


def test_the_schema_documents_every_endpoint(client, tmp_path):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yml"))
    schema = (tmp_path / "schema.yml").read_text()
    for endpoint in ENDPOINTS:
        assert f"/api/v1/statistics/{endpoint}/" in schema
        assert f"operationId: statistics_{endpoint}" in schema
    assert "name: audience" in schema


def test_the_api_root_lists_the_statistics(api_client_for):
    body = api_client_for(None).get("/api/v1/").json()
    assert body["statistics-plans"].endswith("/api/v1/statistics/plans/")
    assert body["statistics-groups"].endswith("/api/v1/statistics/groups/")
