"""The portal's foundation in a real browser: layout, language, sign-in and the API docs, checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from humanrights_portal.core.roles import Role
from tests.browser_support import BROWSER_DB, assert_no_axe_violations, login
from tests.factories import TEST_PASSWORD, DepartmentFactory, UserFactory

pytestmark = [pytest.mark.browser, BROWSER_DB]


def test_home_page_is_korean_keyboard_friendly_and_accessible(live_server, page):
    page.goto(live_server.url + "/")

    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.keyboard.press("Tab")
    focused_href = page.evaluate("() => document.activeElement && document.activeElement.getAttribute('href')")
    assert focused_href is not None
    assert focused_href.endswith("#main-content")

    assert_no_axe_violations(page, "the home page (Korean)")


def test_language_switcher_changes_language_and_back(live_server, page):
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")

    with page.expect_navigation():
        page.get_by_role("button", name="English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Skip to main content")).to_have_count(1)
    expect(page.get_by_role("button", name="English", exact=True)).to_have_attribute("aria-current", "true")
    assert_no_axe_violations(page, "the home page (English)")

    with page.expect_navigation():
        page.get_by_role("button", name="한국어", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("link", name="본문 바로가기")).to_have_count(1)


def test_staff_login_journey(live_server, page):
    office = DepartmentFactory(
        code="hr-office", name_ko="인권평화협력관", name_en="Human Rights Office", is_human_rights_office=True
    )
    staff = UserFactory(username="office", display_name="김인권", roles=[Role.OFFICE_STAFF], department=office)

    page.goto(live_server.url + "/accounts/login/")
    expect(page.get_by_role("heading", level=1, name="직원 로그인")).to_be_visible()
    assert_no_axe_violations(page, "the login page")

    # An empty submission: the error summary takes focus and each error is tied to its field.
    sign_in = page.locator("#main-content").get_by_role("button", name="로그인", exact=True)
    with page.expect_navigation():
        sign_in.click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-error-summary')")
    username = page.locator("input#id_username")
    expect(username).to_have_attribute("aria-invalid", "true")
    expect(username).to_have_attribute("aria-describedby", re.compile(r"(^|\s)id_username-error(\s|$)"))
    expect(page.locator("#id_username-error")).to_be_visible()
    expect(page.locator("input#id_password")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page, "the login page with errors")

    login(page, live_server.url, staff.username, TEST_PASSWORD)
    expect(page).to_have_url(live_server.url + "/dashboard/")
    expect(page.locator("#krds-header")).to_contain_text("김인권")
    expect(page.locator("#main-content")).to_contain_text("김인권")
    assert_no_axe_violations(page, "the dashboard of office staff")

    with page.expect_navigation():
        page.locator("#krds-header").get_by_role("button", name="로그아웃", exact=True).click()
    expect(page).to_have_url(live_server.url + "/")
    expect(page.locator("#krds-header").get_by_role("link", name="직원 로그인")).to_be_visible()


def test_anonymous_dashboard_visit_goes_to_login(live_server, page):
    page.goto(live_server.url + "/dashboard/")

    expect(page).to_have_url(re.compile(re.escape(live_server.url) + r"/accounts/login/\?next=/dashboard/$"))
    expect(page.locator("input#id_username")).to_be_visible()


def test_api_docs_render_swagger_ui_from_local_files(live_server, page):
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    external_requests = []
    page.on(
        "request",
        lambda request: (
            not request.url.startswith(live_server.url)
            and not request.url.startswith(("data:", "blob:"))
            and external_requests.append(request.url)
        ),
    )

    page.goto(live_server.url + "/api/docs/")

    expect(page.locator(".swagger-ui").first).to_be_visible()
    expect(page.get_by_text("Human Rights Office Portal API").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    csp_errors = [text for text in console_errors if "Content Security Policy" in text]
    assert csp_errors == []
    assert external_requests == []
