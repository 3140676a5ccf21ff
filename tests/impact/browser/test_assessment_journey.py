"""An assessment in a real browser: the office starts it, fills the checklist (with a validation error
and its fix), writes a finding and issues the findings; the department responds and sends."""

import pytest
from playwright.sync_api import expect

from impact.models import AssessmentStatus, CriterionAnswer
from tests.browser_support import BROWSER_DB, assert_no_axe_violations, login
from tests.factories import TEST_PASSWORD, assessment_requested, checklist_published

pytestmark = [pytest.mark.browser, BROWSER_DB]


def go(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def choose(page, name: str, value: str) -> None:
    """Pick a radio button by its label, as a person would (KRDS draws the button on the label)."""
    radio = page.locator(f"input[name='{name}'][value='{value}']")
    page.locator(f"label[for='{radio.get_attribute('id')}']").click()
    expect(radio).to_be_checked()


@pytest.fixture
def assessment(office_staff, official):
    checklist_published(actor=office_staff)
    return assessment_requested(actor=official, department=official.department)


def test_office_assesses_and_the_department_responds(live_server, page, office_staff, official, assessment):
    base = live_server.url
    detail = f"/impact/{assessment.pk}/"

    # The office opens the request and starts the assessment.
    login(page, base, office_staff.username, TEST_PASSWORD)
    page.goto(base + detail)
    expect(page.locator("[data-steps] [aria-current='step']")).to_have_count(1)
    go(page, page.locator(f"[data-actions] a[href$='{detail}start/']"))
    go(page, page.locator("[data-submit]"))
    expect(page).to_have_url(base + f"{detail}checklist/")

    rows = list(
        CriterionAnswer.objects.filter(assessment=assessment).select_related("criterion").order_by("criterion__number")
    )
    first, second, third = (row.criterion_id for row in rows)
    expect(page.locator("fieldset")).to_have_count(3)

    # A "no" without a note: the error summary takes the focus and the field says what is wrong.
    choose(page, f"answer-{first}", "no")
    choose(page, f"answer-{second}", "yes")
    page.locator(f"#id_note-{second}").fill("경사로 설치 규정 있음")
    choose(page, f"answer-{third}", "not_applicable")
    go(page, page.locator("button[name=action][value=save]"))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page.locator(f"#id_note-{first}-error")).to_be_visible()
    expect(page.locator(f"#id_note-{first}")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"input[name='answer-{first}'][value='no']")).to_be_checked()
    expect(page.locator(f"#id_note-{second}")).to_have_value("경사로 설치 규정 있음")
    assert_no_axe_violations(page, "the checklist with an error")
    summary.locator("a").first.click()
    expect(page.locator(f"#id_note-{first}")).to_be_focused()

    # Fixed and saved.
    page.locator(f"#id_note-{first}").fill("외국인 주민이 지원 대상에서 제외됨")
    go(page, page.locator("button[name=action][value=save]"))
    expect(page.locator(".portal-messages")).to_be_visible()
    expect(page.locator("[data-error-summary]")).to_have_count(0)
    assert [
        row.answer for row in CriterionAnswer.objects.filter(assessment=assessment).order_by("criterion__number")
    ] == [
        "no",
        "yes",
        "not_applicable",
    ]

    # A finding on the failed criterion, then the findings are issued.
    go(page, page.locator(f"a[href$='{detail}findings/new/']").last)
    page.locator("#id_criterion").select_option(str(first))
    page.locator("#id_finding").fill("제3조의 지원 대상에서 외국인 주민이 제외되어 있음")
    page.locator("#id_recommendation").fill("지원 대상에 외국인 주민을 포함하도록 제3조를 개정할 것")
    go(page, page.locator("[data-submit]"))
    expect(page.locator("[data-finding]")).to_have_count(1)
    go(page, page.locator(f"a[href$='{detail}issue/']").first)
    page.locator("#id_summary").fill("차별 소지 조항 1건: 외국인 주민 제외")
    go(page, page.locator("[data-submit]"))
    expect(page).to_have_url(base + detail)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.FINDINGS_ISSUED

    # The department responds.
    page.context.clear_cookies()
    login(page, base, official.username, TEST_PASSWORD)
    page.goto(base + detail)
    go(page, page.locator(f"[data-actions] a[href$='{detail}respond/']"))
    finding = assessment.findings.get()
    expect(page.locator(f"#id_response-{finding.pk}_0")).to_be_visible()
    assert_no_axe_violations(page, "the response page")
    choose(page, f"response-{finding.pk}", "accepted")
    page.locator(f"#id_reason-{finding.pk}").fill("개정안에 반영")
    go(page, page.locator("button[name=action][value=submit]"))
    expect(page).to_have_url(base + detail)
    expect(page.locator(".portal-messages")).to_be_visible()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.RESPONDED
    finding.refresh_from_db()
    assert finding.response == "accepted"
