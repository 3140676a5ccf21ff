"""A visitor reads the indicators in a real browser: frameworks, a framework, an indicator with its chart and tables."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from indicators import services
from tests.browser_support import BROWSER_DB, assert_no_axe_violations
from tests.factories import indicator_area, indicator_framework, indicator_of, measurement_of

pytestmark = [pytest.mark.browser, BROWSER_DB]


@pytest.fixture
def indicator(office_staff, department):
    framework = indicator_framework(
        actor=office_staff,
        year_developed=2012,
        description="광주광역시 인권지표",
        development_process="전문가 자문, 시민 공청회, 국가인권위원회 협의",
    )
    services.phase_save(framework=framework, actor=office_staff, name="1단계", start_year=2018, end_year=2020)
    area = indicator_area(framework, actor=office_staff, number=1, title="사회적 약자의 권리")
    services.implementation_task_save(
        framework=framework, area=area, actor=office_staff, number=1, title="장애인 이동권 보장"
    )
    dimension = services.dimension_save(
        framework=framework,
        actor=office_staff,
        code="sex",
        name_ko="성별",
        name_en="Sex",
        categories=[("female", "여성", "Female"), ("male", "남성", "Male")],
    )
    indicator = indicator_of(
        framework,
        actor=office_staff,
        area=area,
        code="1-01",
        name_ko="장애인 고용률",
        baseline_value=Decimal("50"),
        baseline_year=2016,
        target_value=Decimal("70"),
        target_year=2022,
        responsible_department=department,
    )
    indicator_of(framework, actor=office_staff, area=area, code="1-02", name_ko="저상버스 보급률")
    for year, value in [(2017, "52.5"), (2018, "55"), (2019, "58.5"), (2020, "65.4")]:
        measurement_of(indicator, actor=office_staff, year=year, value=value, verify_by=office_staff)
        for category, offset in zip(dimension.categories.order_by("order"), ("-2.1", "2.3"), strict=True):
            measurement_of(
                indicator,
                actor=office_staff,
                year=year,
                value=Decimal(value) + Decimal(offset),
                category=category,
                verify_by=office_staff,
            )
    measurement_of(indicator, actor=office_staff, year=2021, value="77.7")  # a draft: never public
    return indicator


def test_visitor_reads_a_framework_and_an_indicator_with_its_chart(live_server, page, indicator):
    page.goto(live_server.url + "/indicators/")
    expect(page.locator("#framework-table tbody tr")).to_have_count(1)
    expect(page.locator("#framework-table [data-status-count='on_track']")).to_have_text("1")
    assert_no_axe_violations(page, "the framework list")

    with page.expect_navigation():
        page.locator(f"#framework-table a[href$='/indicators/frameworks/{indicator.framework_id}/']").click()
    expect(page.locator("#area-table tbody tr")).to_have_count(2)  # the area and the total
    expect(page.locator("#framework-phases li")).to_have_count(1)
    expect(page.locator("#import-template-link")).to_have_count(0)  # the public imports nothing
    assert_no_axe_violations(page, "the framework page")

    with page.expect_navigation():
        page.locator("#framework-indicators-link").click()
    expect(page.locator("#indicator-table tbody tr")).to_have_count(2)
    assert_no_axe_violations(page, "the indicator list")

    # From here on, the page's own errors (axe-core, run later, injects styles the CSP refuses).
    console_errors, page_errors, missing = [], [], []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.on("response", lambda response: response.status >= 400 and missing.append(response.url))
    with page.expect_navigation():
        page.locator(f"#indicator-table a[href$='/indicators/{indicator.pk}/']").click()
    # The server-rendered tables: the verified totals and the values by sex.
    expect(page.locator("#series-total-table tbody tr")).to_have_count(4)
    expect(page.locator("#series-total-table")).to_contain_text("65.4")
    expect(page.locator("#series-total-table")).not_to_contain_text("77.7")
    expect(page.locator("#series-sex-table tbody tr")).to_have_count(4)
    # The charts beside them: Chart.js loaded and drew on both canvases.
    expect(page.locator("[data-indicator-chart='total']")).to_be_visible()
    expect(page.locator("[data-indicator-chart='sex']")).to_be_visible()
    drawn = page.evaluate(
        """() => ["chart-total", "chart-sex"].map((id) => {
            const chart = window.Chart && window.Chart.getChart(document.getElementById(id));
            return chart ? chart.data.datasets.map((dataset) => dataset.data.length) : null;
        })"""
    )
    assert drawn == [[4, 4], [4, 4]]  # totals and the target line; female and male
    assert page.locator("#chart-total").get_attribute("aria-hidden") == "true"
    assert page.evaluate("() => document.getElementById('chart-total').width") > 0
    missing = [url for url in missing if not url.endswith("/favicon.ico")]
    assert missing == []  # Chart.js and the chart script are served
    # No CSP refusal and no script error (a missing favicon is not the page's fault).
    assert [error for error in console_errors if not error.startswith("Failed to load resource")] == []
    assert page_errors == []
    assert_no_axe_violations(page, "the indicator page")


def test_the_indicator_page_works_without_javascript(live_server, browser, indicator):
    context = browser.new_context(java_script_enabled=False, locale="ko-KR")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/indicators/{indicator.pk}/")
        expect(page.locator("#series-total-table tbody tr")).to_have_count(4)
        expect(page.locator("#series-sex-table")).to_be_visible()
        expect(page.locator("[data-indicator-chart='total']")).to_be_hidden()  # no empty box without the script
    finally:
        context.close()
