"""A citizen files a complaint, keeps the receipt, tracks it and adds information, in a real browser.

Selectors use ids and form actions, not visible text, so the test holds in Korean and in English.
"""

import re

import pytest
from playwright.sync_api import expect

from ombudsman.models import Complaint
from tests.browser_support import BROWSER_DB, assert_no_axe_violations

pytestmark = [pytest.mark.browser, BROWSER_DB]

TITLE = "시립정신병원 화장실 앞 CCTV"
DESCRIPTION = "입원 병동 화장실 앞까지 CCTV가 설치되어 환자들의 사생활이 침해되고 있습니다."


@pytest.fixture(autouse=True)
def _evidence_in_tmp(private_media):
    return private_media


def submit_button(page, action):
    return page.locator(f'#main-content form[action="{action}"] button[type="submit"]')


def tick(page, input_id):
    """KRDS draws its own check boxes: people click the label, as here."""
    page.locator(f'label[for="{input_id}"]').click()


def test_citizen_files_tracks_and_adds_information(live_server, page):
    page.goto(live_server.url + "/complaints/new/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    honeypot = page.locator(".portal-honeypot input").bounding_box()
    assert honeypot["x"] + honeypot["width"] < 0  # off-screen for sighted users, aria-hidden for the others
    assert_no_axe_violations(page, "the complaint form")

    page.locator("#id_complainant_name").fill("김시민")
    page.locator("#id_complainant_email").fill("citizen@example.com")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_description").fill(DESCRIPTION)
    page.locator("#id_respondent_agency").fill("시립정신병원")
    tick(page, "id_rights_0")

    # First round: no consent given. The error summary takes focus; nothing typed is lost.
    with page.expect_navigation():
        submit_button(page, "/complaints/new/").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.locator('a[href="#id_consent_sensitive_data"]')).to_be_visible()
    consent = page.locator("#id_consent_sensitive_data")
    expect(consent).to_have_attribute("aria-invalid", "true")
    expect(consent).to_have_attribute("aria-describedby", re.compile(r"(^|\s)id_consent_sensitive_data-error(\s|$)"))
    expect(page.locator("#id_title")).to_have_value(TITLE)
    expect(page.locator("#id_description")).to_have_value(DESCRIPTION)
    expect(page.locator("#id_complainant_email")).to_have_value("citizen@example.com")
    expect(page.locator("#id_rights_0")).to_be_checked()
    assert_no_axe_violations(page, "the complaint form with errors")

    # The summary's link moves to the field.
    summary.locator('a[href="#id_consent_sensitive_data"]').click()
    tick(page, "id_consent_personal_data")
    tick(page, "id_consent_sensitive_data")
    expect(consent).to_be_checked()
    with page.expect_navigation():
        submit_button(page, "/complaints/new/").click()

    expect(page).to_have_url(live_server.url + "/complaints/receipt/")
    receipt_code = page.locator("#receipt-code").inner_text().strip()
    secret_key = page.locator("#secret-key").inner_text().strip()
    assert re.fullmatch(r"HR-\d{4}-\d{5}", receipt_code)
    assert len(secret_key.replace("-", "")) == 32
    assert Complaint.objects.get().receipt_code == receipt_code
    assert_no_axe_violations(page, "the receipt page")

    # Shown once only.
    page.reload()
    expect(page.locator("#secret-key")).to_have_count(0)

    page.goto(live_server.url + "/complaints/track/")
    page.locator("#id_receipt_code").fill(receipt_code)
    page.locator("#id_secret_key").fill(secret_key.lower())
    with page.expect_navigation():
        submit_button(page, "/complaints/track/").click()
    expect(page).to_have_url(live_server.url + "/complaints/track/status/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(receipt_code)
    expect(page.locator("#timeline li")).to_have_count(1)
    assert_no_axe_violations(page, "the status page")

    with page.expect_navigation():
        page.locator('#main-content a[href="/complaints/track/add/"]').click()
    assert_no_axe_violations(page, "the add-information page")
    page.locator("#id_add-text").fill("병원 측 담당자와 통화한 녹취가 있습니다.")
    with page.expect_navigation():
        submit_button(page, "/complaints/track/add/").click()
    expect(page).to_have_url(live_server.url + "/complaints/track/status/")
    expect(page.locator(".portal-messages")).to_be_visible()
    expect(page.locator("#timeline li")).to_have_count(2)
    expect(page.locator("#timeline")).to_contain_text("병원 측 담당자와 통화한 녹취가 있습니다.")
    assert_no_axe_violations(page, "the status page after adding information")


def test_complaint_form_on_a_phone_is_accessible(live_server, browser):
    context = browser.new_context(locale="ko-KR", viewport={"width": 375, "height": 740})
    try:
        page = context.new_page()
        page.goto(live_server.url + "/complaints/new/")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 375
        assert_no_axe_violations(page, "the complaint form on a phone")
    finally:
        context.close()
