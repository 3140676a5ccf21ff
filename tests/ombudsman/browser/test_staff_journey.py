"""The ombudsman's journey in a real browser: list, filter, screen, investigate, recommend, response, close."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ombudsman.models import CaseStatus, Complaint
from tests.browser_support import BROWSER_DB, assert_no_axe_violations, login
from tests.factories import TEST_PASSWORD, ComplaintFactory

pytestmark = [pytest.mark.browser, BROWSER_DB]


def submit(page, form_selector: str) -> None:
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").click()


def test_ombudsman_handles_a_case_from_screening_to_closing(live_server, page, ombudsman):
    case = ComplaintFactory(
        title="시청 민원실 휠체어 출입 제한",
        description="민원실 출입구 경사로가 막혀 있었습니다.",
        complainant_name="홍길동",
    )
    ComplaintFactory(
        title="주민센터 수어통역 미제공",
        description="수어통역을 요청했으나 제공되지 않았습니다.",
        complainant_name="김철수",
    )
    today = timezone.localdate()

    login(page, live_server.url, ombudsman.username, TEST_PASSWORD)
    page.goto(live_server.url + "/ombudsman/")
    expect(page.get_by_role("link", name=case.receipt_code)).to_be_visible()
    expect(page.locator("#main-content")).not_to_contain_text("홍길동")
    assert_no_axe_violations(page, "the case list")

    # Filter by a word of the title: only that case remains.
    page.locator("#id_q").fill("휠체어")
    submit(page, "form[method=get]")
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("#id_q")).to_have_value("휠체어")

    with page.expect_navigation():
        page.get_by_role("link", name=case.receipt_code).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.receipt_code)
    expect(page.locator("[data-complainant-identity]")).to_contain_text("홍길동")
    assert_no_axe_violations(page, "the case detail")

    transition = "form[action$='/transition/']"
    page.locator("#id_to").select_option("screening")
    submit(page, transition)
    expect(page.locator(".portal-messages")).to_be_visible()
    case.refresh_from_db()
    assert case.status == CaseStatus.SCREENING

    # Dismissing without a reason: the page comes back with the error tied to the field, text kept.
    page.locator("#id_to").select_option("dismissed")
    page.locator("#id_public_message").fill("각하 안내")
    submit(page, transition)
    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.locator("#id_reason")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_reason-error")).to_be_visible()
    expect(page.locator("#id_public_message")).to_have_value("각하 안내")
    assert_no_axe_violations(page, "the case detail with a validation error")
    case.refresh_from_db()
    assert case.status == CaseStatus.SCREENING

    page.locator("#id_to").select_option("investigating")
    page.locator("#id_public_message").fill("")
    submit(page, transition)
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING

    with page.expect_navigation():
        page.locator("a[href$='/recommendations/new/']").click()
    page.locator("#id_text").fill("민원실 출입 경사로를 상시 개방할 것을 권고합니다.")
    page.locator("#id_public_summary").fill("경사로 개방 권고")
    page.locator("#id_response_due").fill((today + datetime.timedelta(days=60)).isoformat())
    assert_no_axe_violations(page, "the recommendation form")
    submit(page, "form[action$='/recommendations/new/']")
    case.refresh_from_db()
    assert case.status == CaseStatus.RECOMMENDATION_ISSUED
    recommendation = case.recommendations.get()

    prefix = f"rec{recommendation.pk}-response"
    page.locator(f"label[for=id_{prefix}-response_0]").click()  # KRDS draws the radio on the label
    page.locator(f"#id_{prefix}-response_date").fill(today.isoformat())
    page.locator(f"#id_{prefix}-response_text").fill("권고를 수용합니다.")
    submit(page, f"form[action$='/recommendations/{recommendation.pk}/response/']")
    recommendation.refresh_from_db()
    assert recommendation.response == "accepted"

    page.locator("#id_to").select_option("closed")
    page.locator("#id_reason").fill("기관이 권고를 수용하여 종결")
    submit(page, transition)
    case = Complaint.objects.get(pk=case.pk)
    assert case.status == CaseStatus.CLOSED
    assert case.events.get(to_status="closed").reason == "기관이 권고를 수용하여 종결"
    expect(page.locator("#main-content")).to_contain_text("기관이 권고를 수용하여 종결")
    expect(page.locator(transition)).to_have_count(0)
