"""The committee dashboard (``/dashboard/``) and the public dashboard (``/dashboard/public/``)."""

import datetime
import re
from html import unescape

import pytest
from django.utils import timezone, translation

from humanrights_portal.core.models import RightCategory, VulnerableGroup
from humanrights_portal.dashboards import selectors
from indicators import services as indicator_services
from ombudsman import services as ombudsman_services
from plans import services as plan_services
from plans.models import AnnualRecord
from tests.factories import (
    ComplaintFactory,
    area_of,
    assessment_in_status,
    checklist_published,
    complaint_in_status,
    indicator_framework,
    indicator_of,
    measurement_of,
    plan_adopted,
    task_of,
)

pytestmark = pytest.mark.django_db

YEAR = 2019
STAFF = ["official", "other_official", "office_staff", "ombudsman", "committee_member", "administrator"]
EVERYONE = [None, "user_without_role", *STAFF]
COMMITTEE_URL = "/dashboard/"
PUBLIC_URL = "/dashboard/public/"


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def received(day: int) -> datetime.datetime:
    return datetime.datetime(YEAR, 3, 1 + day % 27, 10, tzinfo=datetime.UTC)


@pytest.fixture
def make_data(users, department, other_department):
    """``make_data(n)``: n rows of each kind in ``YEAR`` — tasks with confirmed records (every other one
    completed) plus one task of another department and area, indicators with verified values and a
    lower value for women, complaints about an agency and counselling sessions, ordinance assessments
    with an outcome. ``unconfirmed=True`` leaves the first task's (completed) record submitted only."""
    office = users["office_staff"]
    ombudsperson = users["ombudsman"]
    official = users["official"]
    women = VulnerableGroup.objects.get(code="women")
    equality = RightCategory.objects.get(code="equality")

    def make(n: int, *, unconfirmed: bool = False) -> dict:
        made = {}
        plan = made["plan"] = plan_adopted(actor=office, title="제2차 인권증진 기본계획")
        made["area"] = area_of(plan, actor=office, number=1, title="사회적 소수자 인권 증진")
        made["other_area"] = area_of(plan, actor=office, number=2, title="인권 행정 체계")
        for index in range(1, n + 1):
            task_of(
                made["area"],
                actor=office,
                department=department,
                code=f"1-{index:02d}",
                budgets={YEAR: 1_000_000},
                target_groups=[women] if index % 2 == 1 else [],
            )
        task_of(made["other_area"], actor=office, department=other_department, code="2-01", budgets={YEAR: 500_000})
        plan_services.reporting_round_open(
            plan=plan, year=YEAR, due_on=timezone.localdate() + datetime.timedelta(days=14), actor=office
        )
        for record in AnnualRecord.objects.select_related("task").order_by("pk"):
            code = record.task.code
            completed = code.startswith("1-") and int(code[2:]) % 2 == 1
            record = plan_services.record_save(
                record=record,
                actor=office,
                narrative="추진함",
                progress=100 if completed else 50,
                progress_status="completed" if completed else "on_track",
                budget_executed=800_000 if completed else 200_000,
            )
            record = plan_services.record_submit(record=record, actor=office)
            if not (unconfirmed and code == "1-01"):
                plan_services.record_confirm(record=record, actor=office)

        framework = made["framework"] = indicator_framework(actor=office)
        indicator_services.dimension_save(
            framework=framework,
            actor=office,
            code="sex",
            name_ko="성별",
            name_en="Sex",
            categories=[("female", "여성", "Women", "women"), ("male", "남성", "Men")],
        )
        female = framework.dimensions.get(code="sex").categories.get(code="female")
        for _index in range(n):
            indicator = indicator_of(framework, actor=office, responsible_department=department)
            measurement_of(indicator, actor=office, year=YEAR - 1, value=50, verify_by=office)
            measurement_of(indicator, actor=office, year=YEAR, value=85, verify_by=office)
            measurement_of(indicator, actor=office, year=YEAR, value=40, category=female, verify_by=office)

        for index in range(n):
            ComplaintFactory(
                received_at=received(index), respondent_agency="비밀요양원", groups=[women], rights=[equality]
            )
            ombudsman_services.counselling_record(
                actor=ombudsperson, held_on=datetime.date(YEAR, 4, 1 + index % 27), channel="phone", topic="상담"
            )
        made["closed"] = complaint_in_status(
            "closed", actor=ombudsperson, received_at=received(n), respondent_agency="비밀요양원"
        )

        checklist_published(actor=office, subject_type="ordinance")
        for _index in range(n):
            assessment_in_status(
                "outcome_recorded", office=office, department_official=official, requested_on=datetime.date(YEAR, 5, 2)
            )
        return made

    return make


def page(client, url, **query):
    response = client.get(url, query)
    return response, response.content.decode()


def main(html: str) -> str:
    """The page's own content, without the menus."""
    return html[html.index('id="main-content"') : html.index("</main>")]


def figure(html: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}">([^<]*)<', html)
    assert match, name
    return match.group(1)


def cell(html: str, table_id: str, key: str, column: str) -> str:
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S).group(0)
    row = re.search(rf'<tr data-key="{key}">.*?</tr>', table, re.S).group(0)
    return unescape(re.search(rf'data-col="{column}">([^<]*)<', row).group(1))


# ---------------------------------------------------------------- permissions


def test_committee_dashboard_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(COMMITTEE_URL)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/dashboard/"


@pytest.mark.parametrize("name", STAFF)
def test_committee_dashboard_for_every_staff_role(client_for, name, users):
    response, html = page(client_for(name), COMMITTEE_URL)
    assert response.status_code == 200
    assert str(users[name]) in html
    assert 'id="dash-plans"' in html
    assert 'id="dash-left-behind"' in html


def test_committee_dashboard_forbidden_without_a_role(client_for):
    assert client_for("user_without_role").get(COMMITTEE_URL).status_code == 403


@pytest.mark.parametrize("name", EVERYONE)
def test_public_dashboard_for_everyone(client_for, name):
    response, html = page(client_for(name), PUBLIC_URL)
    assert response.status_code == 200
    assert 'id="dash-ombudsman"' in html


def test_home_links_the_public_dashboard(client):
    assert 'href="/dashboard/public/"' in client.get("/").content.decode()


def test_committee_dashboard_starts_with_the_roles_of_the_user(client_for):
    html = client_for("ombudsman").get(COMMITTEE_URL).content.decode()
    assert html.index('id="dash-roles"') < html.index('id="dash-filter-form"')
    assert "Ombudsman" in html
    assert "/admin/" not in html
    assert "/admin/" in client_for("administrator").get(COMMITTEE_URL).content.decode()


@pytest.mark.parametrize(
    ("name", "linked"),
    [("ombudsman", True), ("office_staff", True), ("committee_member", True), ("official", False)],
)
def test_case_list_linked_only_for_roles_that_may_open_it(client_for, make_data, name, linked):
    make_data(3)
    _response, html = page(client_for(name), COMMITTEE_URL, year=YEAR)
    assert (f'href="/ombudsman/?year={YEAR}&amp;status=' in html) is linked
    assert ('href="/ombudsman/?year=' in html) is linked


def test_public_dashboard_has_no_staff_links(client_for, make_data):
    make_data(3)
    _response, html = page(client_for("ombudsman"), PUBLIC_URL, year=YEAR)
    html = main(html)
    assert 'href="/ombudsman/' not in html
    assert "/ombudsman/statistics/" not in html
    assert "/complaints/statistics/" in html


# ---------------------------------------------------------------- the figures


def test_committee_figures_match_the_selectors(client_for, users, make_data):
    make_data(4)
    user = users["committee_member"]
    response, html = page(client_for("committee_member"), COMMITTEE_URL, year=YEAR)
    assert response.status_code == 200
    filters = selectors.DashboardFilters(year=YEAR)

    (plan,) = selectors.plans_panel(user=user, filters=filters)
    total = plan.progress.total
    assert total.tasks == 5
    assert total.completed == 2
    table = f"dash-plan-{plan.plan.pk}-areas"
    area = plan.progress.by_area[0]
    assert cell(html, table, area.key, "completed") == str(area.completed)
    assert cell(html, table, area.key, "budget_executed") == f"{area.budget_executed:,}"
    assert "2 of 5 tasks completed (40.0 %)" in unescape(html)

    stats = selectors.ombudsman_panel(user=user, filters=filters)
    assert figure(html, "received") == str(stats.cases_received) == "5"
    assert figure(html, "closed") == str(stats.cases_closed) == "1"
    assert figure(html, "counselling") == str(stats.counselling_sessions) == "4"
    assert "비밀요양원" in html  # staff see the agencies

    indicators = selectors.indicators_panel(user=user, filters=filters)
    assert sum(row.achieved for row in indicators) == 4
    assert "4 of 4 indicators achieved (100.0 %)" in unescape(html)

    impact = selectors.impact_panel(user=user, filters=filters)
    (ordinances,) = impact.totals
    assert cell(html, "dash-impact-types", "ordinance", "revised") == str(ordinances.revised) == "4"

    trends = {row.year: row for row in selectors.trends(user=user, filters=filters)}
    assert trends[YEAR].cases_received == 5
    gaps = selectors.left_behind(user=user, filters=filters)
    assert len(gaps) == 4
    assert all(gap.is_behind for gap in gaps)
    assert html.count("data-behind") == 4


def test_every_section_has_a_summary_a_table_and_a_chart(client_for, make_data):
    make_data(3)
    _response, html = page(client_for("office_staff"), COMMITTEE_URL, year=YEAR)
    for section in ("plans", "indicators", "ombudsman", "impact", "trends", "left-behind"):
        body = re.search(rf'<section[^>]*id="dash-{section}".*?</section>', html, re.S).group(0)
        assert 'class="dash-summary"' in body, section
        assert "<caption>" in body, section
        assert 'scope="col"' in body, section
        assert 'class="dash-chart"' in body, section
    charts = re.findall(r'data-chart="([a-z-]+)" data-endpoint="([^"]+)"', html)
    kinds = {kind for kind, _endpoint in charts}
    assert {"plans-by-area", "indicators-status", "ombudsman-status", "impact-types", "trends-cases"} <= kinds
    assert all(unescape(endpoint).startswith("/api/v1/statistics/") for _kind, endpoint in charts)
    assert all(unescape(endpoint).endswith(f"year={YEAR}&audience=staff") for _kind, endpoint in charts)
    assert "<script>" not in html  # no inline script: the CSP forbids it
    assert 'src="/static/chartjs/chart.umd.js' in html
    assert "js/dashboards" in html


def test_public_dashboard_hides_agencies_and_suppresses_small_cells(client_for, settings, make_data):
    settings.PORTAL_STATISTICS_MIN_CELL = 5
    make_data(3)
    response, html = page(client_for(None), PUBLIC_URL, year=YEAR)
    assert response.status_code == 200
    assert "비밀요양원" not in html
    assert 'id="dash-cases-agencies"' not in html
    assert "fewer than 5" in html
    assert "data-suppressed" in html
    assert "audience=public" in unescape(html)
    assert "audience=staff" not in unescape(html)

    settings.PORTAL_STATISTICS_MIN_CELL = 1
    _response, html = page(client_for(None), PUBLIC_URL, year=YEAR)
    assert "fewer than" not in html
    assert "data-suppressed" not in html


def test_public_dashboard_counts_confirmed_records_only(client_for, make_data):
    made = make_data(3, unconfirmed=True)
    table = f"dash-plan-{made['plan'].pk}-areas"
    area = made["area"].pk
    _response, staff_html = page(client_for("office_staff"), COMMITTEE_URL, year=YEAR)
    _response, public_html = page(client_for(None), PUBLIC_URL, year=YEAR)
    assert cell(staff_html, table, area, "completed") == "2"
    assert cell(public_html, table, area, "completed") == "1"


# ---------------------------------------------------------------- filters


def test_the_default_year_is_selected_and_shown(client_for, make_data):
    make_data(3)
    _response, html = page(client_for("office_staff"), COMMITTEE_URL)
    assert f'<option value="{YEAR}" selected>' in html
    assert f"Figures for {YEAR}" in html


def test_year_filter(client_for, make_data):
    make_data(3)
    client = client_for("office_staff")
    _response, html = page(client, COMMITTEE_URL, year=YEAR)
    assert figure(html, "received") == "4"
    _response, html = page(client, COMMITTEE_URL, year=YEAR - 1)
    assert figure(html, "received") == "0"
    assert "Figures for 2018" in html


def test_department_filter(client_for, make_data, other_department):
    made = make_data(3)
    client = client_for("office_staff")
    table = f"dash-plan-{made['plan'].pk}-areas"
    _response, html = page(client, COMMITTEE_URL, year=YEAR)
    assert cell(html, table, made["other_area"].pk, "tasks") == "1"
    _response, html = page(client, COMMITTEE_URL, year=YEAR, department="welfare")
    assert f'data-key="{made["other_area"].pk}"' not in html
    assert "plan=" in html
    assert "department=welfare" in html
    _response, html = page(client, COMMITTEE_URL, year=YEAR, department=other_department.code)
    assert "No indicator matches the filters." in html
    assert "No impact assessment in this year" in html


def test_area_filter(client_for, make_data):
    made = make_data(3)
    _response, html = page(client_for("office_staff"), COMMITTEE_URL, year=YEAR, area=made["other_area"].pk)
    table = f"dash-plan-{made['plan'].pk}-areas"
    assert cell(html, table, made["other_area"].pk, "tasks") == "1"
    assert f'data-key="{made["area"].pk}"' not in html


def test_group_filter(client_for, make_data):
    made = make_data(4)
    _response, html = page(client_for("office_staff"), COMMITTEE_URL, year=YEAR, group="women")
    table = f"dash-plan-{made['plan'].pk}-areas"
    assert cell(html, table, made["area"].pk, "tasks") == "2"
    assert html.count("data-behind") == 4
    _response, html = page(client_for("office_staff"), COMMITTEE_URL, year=YEAR, group="migrants")
    assert "data-behind" not in html


def test_filters_are_kept_in_the_chart_endpoints(client_for, make_data):
    made = make_data(3)
    _response, html = page(
        client_for("office_staff"), COMMITTEE_URL, year=YEAR, department="welfare", area=made["area"].pk, group="women"
    )
    expected = f"?year={YEAR}&department=welfare&area={made['area'].pk}&group=women&audience=staff"
    assert f"/api/v1/statistics/plans/{expected}" in unescape(html)


@pytest.mark.parametrize("url", [COMMITTEE_URL, PUBLIC_URL])
@pytest.mark.parametrize(
    ("field", "value"),
    [("year", "abc"), ("year", "1900"), ("department", "nope"), ("area", "999999"), ("area", "x"), ("group", "nope")],
)
def test_bad_filters_are_a_400_with_the_error(client_for, url, field, value):
    response, html = page(client_for("committee_member"), url, **{field: value})
    assert response.status_code == 400
    assert "data-error-summary" in html
    assert f'id="id_{field}"' in html
    assert 'aria-invalid="true"' in html
    assert 'id="dash-plans"' not in html


# ---------------------------------------------------------------- query counts


#: Pinned: session, user and groups (signed in only), the filter form (4 years; departments, areas
#: and groups for the selects), plans (1 + 4 per plan in force) and the departments named, indicators (1),
#: ombudsman (14), impact (4), trends (4), who is left behind (2) — whatever the number of rows.
EXPECTED_QUERIES = {COMMITTEE_URL: 40, PUBLIC_URL: 37}


@pytest.mark.parametrize("rows", [3, 10])
@pytest.mark.parametrize(("url", "name"), [(COMMITTEE_URL, "committee_member"), (PUBLIC_URL, None)])
def test_query_count_does_not_grow_with_rows(client_for, make_data, django_assert_num_queries, url, name, rows):
    make_data(rows)
    client = client_for(name)
    client.get(url, {"year": YEAR})
    with django_assert_num_queries(EXPECTED_QUERIES[url]):
        assert client.get(url, {"year": YEAR}).status_code == 200


@pytest.mark.parametrize(("name", "url"), [("committee_member", "/dashboard/"), (None, "/dashboard/public/")])
def test_sections_are_kept_as_long_as_the_statistics_may_lag(client_for, make_data, settings, name, url):
    """With PORTAL_STATISTICS_MAX_AGE > 0 the rendered figures are reused: same page, far fewer queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_data(3)
    settings.PORTAL_STATISTICS_MAX_AGE = 600
    client = client_for(name)
    with CaptureQueriesContext(connection) as first:
        first_html = page(client, url, year=YEAR)[1]
    with CaptureQueriesContext(connection) as second:
        second_html = page(client, url, year=YEAR)[1]
    assert main(second_html) == main(first_html)
    assert len(second.captured_queries) < len(first.captured_queries) - 20
    with CaptureQueriesContext(connection) as third:
        page(client, url, year=YEAR, group="women")
    assert len(third.captured_queries) > len(second.captured_queries) + 20


def test_sections_are_computed_each_time_without_a_statistics_age(client_for, make_data, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_data(3)
    settings.PORTAL_STATISTICS_MAX_AGE = 0
    client = client_for("committee_member")
    page(client, "/dashboard/", year=YEAR)
    with CaptureQueriesContext(connection) as again:
        page(client, "/dashboard/", year=YEAR)
    assert len(again.captured_queries) > 20
