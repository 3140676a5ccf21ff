"""The dashboards' panels give the known figures of the seed documents from the demo data
(``seed_demo``), through the selectors and through the statistics API.

The demo is loaded once for the module (it takes seconds) inside a transaction that is rolled back
at the end; each test runs in a savepoint of its own within it.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from rest_framework.test import APIClient

from humanrights_portal.core.models import User
from humanrights_portal.dashboards import selectors
from humanrights_portal.dashboards.selectors import DashboardFilters
from impact.models import FacilityUse, SubjectType
from indicators import demo as indicator_demo
from indicators.models import IndicatorFramework
from plans import demo as plan_demo

pytestmark = pytest.mark.django_db

API = "/api/v1/statistics"
LEGISLATION = {SubjectType.ORDINANCE, SubjectType.REGULATION}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def office(demo, db):
    return User.objects.get(username="office")


def api(user=None, **params):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return lambda endpoint: client.get(f"{API}/{endpoint}/", params).json()


# ---------------------------------------------------------------- ombudsman: 346 sessions, 78 cases in 2018


@pytest.mark.parametrize("public", [False, True])
def test_ombudsman_2018(office, public):
    statistics = selectors.ombudsman_panel(user=office, filters=DashboardFilters(year=2018), public=public)
    assert statistics.counselling_sessions == 346
    assert statistics.cases_received == 78


@pytest.mark.parametrize("staff", [False, True])
def test_ombudsman_2018_through_the_api(office, staff):
    body = api(office if staff else None, year=2018)("ombudsman")
    assert body["audience"] == ("staff" if staff else "public")
    assert (body["counselling_sessions"], body["cases_received"]) == (346, 78)


# ---------------------------------------------------------------- impact: 49 of 107, 22 of 44


def legislation(totals):
    rows = [row for row in totals if row["subject_type"] in LEGISLATION]
    return sum(row["assessed"] for row in rows), sum(row["revised"] for row in rows)


def test_ordinances_and_regulations_2017_2018(office):
    totals = [
        {"subject_type": row.subject_type, "assessed": row.assessed, "revised": row.revised}
        for year in (2017, 2018)
        for row in selectors.impact_panel(user=office, filters=DashboardFilters(year=year)).totals
    ]
    assert legislation(totals) == (107, 49)


def test_ordinances_and_regulations_2017_2018_through_the_api(demo, db):
    totals = [row for year in (2017, 2018) for row in api(year=year)("impact")["totals"]]
    assert legislation(totals) == (107, 49)


def polling_stations(facilities):
    [row] = [row for row in facilities if row["facility_use"] == FacilityUse.POLLING_STATION]
    return row["assessed"], row["renovated"]


def test_polling_stations_2018(office):
    figures = selectors.impact_panel(user=office, filters=DashboardFilters(year=2018))
    facilities = [
        {"facility_use": row.facility_use, "assessed": row.assessed, "renovated": row.renovated}
        for row in figures.facilities
    ]
    assert polling_stations(facilities) == (44, 22)


def test_polling_stations_2018_through_the_api(demo, db):
    assert polling_stations(api(year=2018)("impact")["facilities"]) == (44, 22)


# ---------------------------------------------------------------- indicators: Gwangju's 100, 50 achieved


def gwangju(rows):
    framework = IndicatorFramework.objects.get(name=indicator_demo.GWANGJU_NAME)
    rows = [row for row in rows if row["framework_id"] == framework.pk]
    return len(rows), sum(row["total"] for row in rows), sum(row["achieved"] for row in rows)


@pytest.mark.parametrize("public", [False, True])
def test_gwangju_indicators(office, public):
    rows = selectors.indicators_panel(user=office, filters=DashboardFilters(year=2020), public=public)
    assert gwangju([vars(row) for row in rows]) == (5, 100, 50)


def test_gwangju_indicators_through_the_api(demo, db):
    assert gwangju(api(year=2020)("indicators")["rows"]) == (5, 100, 50)


# ---------------------------------------------------------------- plans: Gwangju's 2nd plan, 123 tasks in 6 areas


@pytest.mark.parametrize("public", [False, True])
def test_gwangju_second_plan(office, public):
    rows = selectors.plans_panel(user=office, filters=DashboardFilters(year=2020), public=public)
    [row] = [row for row in rows if row.plan.title == plan_demo.GWANGJU_2ND_TITLE]
    assert row.progress.total.tasks == 123
    assert len(row.progress.by_area) == 6
    assert sum(area.tasks for area in row.progress.by_area) == 123
    assert row.progress.total.records > 0


@pytest.mark.parametrize("staff", [False, True])
def test_gwangju_second_plan_through_the_api(office, staff):
    body = api(office if staff else None, year=2020)("plans")
    [plan] = [plan for plan in body["plans"] if plan["title"] == plan_demo.GWANGJU_2ND_TITLE]
    assert plan["total"]["tasks"] == 123
    assert len(plan["by_area"]) == 6
