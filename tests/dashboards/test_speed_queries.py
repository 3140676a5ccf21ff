"""Speed at a million cases (issue 8): with the statistics summary switched on
(``PORTAL_STATISTICS_MAX_AGE`` > 0, as in production), the six statistics endpoints and both dashboard
pages run a number of queries that does not grow with the data, and give exactly what the plain
aggregates give. The timing itself is ``bench/dashboards.sh`` (figures in ``bench/README.md``)."""

import pytest
from django.db import connection
from django.db.models import F, Window
from django.db.models.functions import Lag
from django.test.utils import CaptureQueriesContext

from humanrights_portal.dashboards import selectors
from indicators.models import Direction, IndicatorFramework, Measurement, MeasurementState
from ombudsman import statistics
from tests.dashboards.api.test_statistics import API, ENDPOINTS, YEAR, more_data, world  # noqa: F401 - fixture
from tests.factories import indicator_of, measurement_of

pytestmark = pytest.mark.django_db

MAX_AGE = 600


def count_queries(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def get_json(client, path, params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content[:500]
    return response.json()


@pytest.mark.parametrize("role", [None, "committee_member"])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_endpoints_on_the_summary_keep_their_query_count(
    api_client_for,
    world,  # noqa: F811
    users,
    department,
    other_department,
    settings,
    endpoint,
    role,
):
    settings.PORTAL_STATISTICS_MAX_AGE = MAX_AGE
    statistics.refresh()
    client = api_client_for(role)
    path = f"{API}/{endpoint}/"
    client.get(path, {"year": YEAR})  # the user's roles are read once and cached
    before = count_queries(lambda: get_json(client, path, {"year": YEAR}))
    more_data(world, users, department, other_department)
    statistics.refresh()
    assert count_queries(lambda: get_json(client, path, {"year": YEAR})) == before


@pytest.mark.parametrize("params", [{"year": YEAR}, {"year": YEAR + 1}, {"year": YEAR, "group": "women"}])
@pytest.mark.parametrize("role", [None, "committee_member", "ombudsman"])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_summary_and_plain_aggregates_answer_the_same(
    api_client_for,
    world,  # noqa: F811
    users,
    department,
    other_department,
    settings,
    endpoint,
    role,
    params,
):
    more_data(world, users, department, other_department)
    client = api_client_for(role)
    path = f"{API}/{endpoint}/"
    settings.PORTAL_STATISTICS_MAX_AGE = 0
    plain = get_json(client, path, params)
    statistics.refresh()
    settings.PORTAL_STATISTICS_MAX_AGE = MAX_AGE
    assert get_json(client, path, params) == plain


@pytest.mark.parametrize("max_age", [0, MAX_AGE])
@pytest.mark.parametrize(("role", "path"), [("committee_member", "/dashboard/"), (None, "/dashboard/public/")])
def test_dashboard_pages_keep_their_query_count(
    client_for,
    world,  # noqa: F811
    users,
    department,
    other_department,
    settings,
    max_age,
    role,
    path,
):
    settings.PORTAL_STATISTICS_MAX_AGE = max_age
    statistics.refresh()
    client = client_for(role)

    def page():
        assert client.get(path, {"year": YEAR}).status_code == 200

    page()
    before = count_queries(page)
    more_data(world, users, department, other_department)
    statistics.refresh()
    assert count_queries(page) == before


def python_changes():
    """The indicator changes per year as the trends counted them in Python before (the reference)."""
    totals = Measurement.objects.filter(state=MeasurementState.VERIFIED, category__isnull=True, period=0)
    changes = totals.annotate(
        previous=Window(Lag("value"), partition_by=[F("indicator_id")], order_by=F("year").asc())
    ).values("year", "value", "previous", "indicator__direction")
    measured = {}
    for change in changes:
        counts = measured.setdefault(change["year"], [0, 0, 0])
        counts[0] += 1
        if change["previous"] is None or change["value"] == change["previous"]:
            continue
        better = change["value"] > change["previous"]
        if change["indicator__direction"] == Direction.LOWER:
            better = not better
        counts[1 if better else 2] += 1
    return {year: tuple(counts) for year, counts in measured.items()}


def test_trends_count_indicator_changes_in_sql_as_python_did(world, users, department, other_department):  # noqa: F811
    office = users["office_staff"]
    framework = IndicatorFramework.objects.get()
    rising = indicator_of(framework, actor=office, code="9-01")
    falling = indicator_of(framework, actor=office, code="9-02", direction=Direction.LOWER)
    flat = indicator_of(framework, actor=office, code="9-03")
    for year, values in ((2017, (10, 10, 5)), (2018, (12, 8, 5)), (2019, (11, 9, 5))):
        for indicator, value in zip((rising, falling, flat), values, strict=True):
            measurement_of(indicator, actor=office, year=year, value=value, verify_by=office)
    rows = selectors.trends(user=users["office_staff"], filters=selectors.DashboardFilters(year=YEAR))
    counted = {
        row.year: (row.indicators_measured, row.indicators_improved, row.indicators_worsened)
        for row in rows
        if row.indicators_measured
    }
    assert counted == python_changes()
    assert counted[2018] == (3, 2, 0)  # rising up, falling down (better), flat
    assert counted[2019][1:] == (0, 2)
