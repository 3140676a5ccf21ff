"""The committee and public dashboards in a real browser: a filter change (URL and figures), a chart drawn
from the statistics API beside its table, and axe-core with zero violations."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser_support import BROWSER_DB, assert_no_axe_violations, login
from tests.dashboards.test_pages import YEAR, make_data  # noqa: F401 (the data fixture)
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, BROWSER_DB]


def submit_filters(page) -> None:
    with page.expect_navigation():
        page.locator("#dash-filter-form button[type=submit]").click()


def expect_chart(page, chart: str) -> None:
    """The figure is shown once its data came back from the API, with an accessible canvas."""
    figure = page.locator(f"figure.dash-chart[data-chart='{chart}']").first
    expect(figure).to_have_attribute("data-chart-drawn", "true")
    expect(figure).to_be_visible()
    canvas = figure.locator("canvas[role='img']")
    expect(canvas).to_have_count(1)
    expect(canvas).to_have_attribute("aria-label", re.compile(r"\S"))


def test_committee_dashboard_filters_charts_and_tables(live_server, page, users, make_data):  # noqa: F811
    made = make_data(3)
    member = users["committee_member"]
    login(page, live_server.url, member.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/dashboard/?year={YEAR}")
    expect(page.locator("#dash-roles")).to_be_visible()

    totals = page.locator(f"#dash-plan-{made['plan'].pk}-areas tfoot [data-col='tasks']")
    expect(totals).to_have_text("4")
    expect(page.locator("#dash-ombudsman [data-figure='received']")).to_have_text("4")
    expect_chart(page, "plans-by-area")
    expect_chart(page, "ombudsman-status")
    expect(page.locator("#dash-cases-status")).to_be_visible()
    expect(page.locator("#dash-cases-status a[href*='/ombudsman/?year=']").first).to_be_visible()
    assert_no_axe_violations(page, "the committee dashboard")

    page.locator("#id_department").select_option("welfare")
    submit_filters(page)
    expect(page).to_have_url(re.compile(r"[?&]department=welfare(&|$)"))
    expect(page).to_have_url(re.compile(rf"[?&]year={YEAR}(&|$)"))
    expect(totals).to_have_text("3")
    expect(page.locator("#id_department")).to_have_value("welfare")
    expect_chart(page, "plans-by-department")
    endpoint = page.locator("figure[data-chart='plans-by-area']").get_attribute("data-endpoint")
    assert "department=welfare" in endpoint
    assert_no_axe_violations(page, "the committee dashboard filtered by department")


def test_public_dashboard_filters_charts_and_tables(live_server, page, make_data):  # noqa: F811
    make_data(3)
    page.goto(f"{live_server.url}/")
    with page.expect_navigation():
        page.locator("#home-public-dashboard").click()
    expect(page).to_have_url(f"{live_server.url}/dashboard/public/")
    expect(page.locator("#id_year")).to_have_value(str(YEAR))
    received = page.locator("#dash-ombudsman [data-figure='received']")
    expect(received).to_have_text("4")
    expect_chart(page, "indicators-status")
    expect_chart(page, "trends-cases")
    expect(page.locator("#dash-indicators-table")).to_be_visible()
    expect(page.locator("#dash-cases-agencies")).to_have_count(0)
    expect(page.locator("#main-content a[href^='/ombudsman/']")).to_have_count(0)
    assert_no_axe_violations(page, "the public dashboard")

    page.locator("#id_year").select_option(str(YEAR - 1))
    submit_filters(page)
    expect(page).to_have_url(re.compile(rf"[?&]year={YEAR - 1}(&|$)"))
    expect(received).to_have_text("0")
    expect_chart(page, "trends-cases")
    assert_no_axe_violations(page, "the public dashboard for another year")
