"""A department fills its annual records in a real browser: bad input, the error summary, the fix, submission."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from plans import services
from plans.models import AnnualRecord, ReviewState
from tests.browser_support import BROWSER_DB, assert_no_axe_violations, login
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, BROWSER_DB]


def submit(page, action: str) -> None:
    """Press "Save all" (``save``) or "Save and submit all" (``submit``); the labels get translated."""
    with page.expect_navigation():
        page.locator(f"button[name=action][value={action}]").click()


@pytest.fixture
def reporting_round(office_staff, department, other_department):
    plan = services.plan_create(
        actor=office_staff,
        title="제2차 광주광역시 인권증진 기본계획",
        organisation="광주광역시",
        start_year=2018,
        end_year=2022,
    )
    area = services.area_save(plan=plan, actor=office_staff, number=1, title="사회적 소수자 인권 증진")
    for number, title in enumerate(["저상버스 도입 확대", "장애인 활동지원 강화", "이주민 통번역 지원"], start=1):
        services.task_save(
            area=area,
            actor=office_staff,
            code=f"1-{number}",
            title=title,
            responsible_department=department,
            budgets={2019: 10_000_000 * number},
            order=number,
        )
    services.task_save(
        area=area, actor=office_staff, code="1-9", title="도시 접근성 개선", responsible_department=other_department
    )
    plan = services.plan_adopt(plan=plan, actor=office_staff, adopted_on=datetime.date(2018, 3, 2))
    return services.reporting_round_open(
        plan=plan, year=2019, due_on=timezone.localdate() + datetime.timedelta(days=14), actor=office_staff
    )


def test_department_fills_its_records_fixes_bad_input_and_submits(live_server, page, official, reporting_round):
    login(page, live_server.url, official.username, TEST_PASSWORD)
    page.goto(live_server.url + "/plans/reporting/")
    expect(page.locator("[data-to-do] tbody tr")).to_have_count(3)
    expect(page.locator("#main-content")).not_to_contain_text("도시 접근성 개선")
    assert_no_axe_violations(page, "the reporting page")

    with page.expect_navigation():
        page.locator(f"a[href$='/plans/rounds/{reporting_round.pk}/departments/welfare/']").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2019")
    expect(page.locator("tr[data-record]")).to_have_count(3)
    assert_no_axe_violations(page, "the department's records page")

    # A bad value in the first row, a good narrative in the second: nothing is saved, everything is kept.
    page.locator("#id_form-0-progress_status").select_option("on_track")
    page.locator("#id_form-0-progress").fill("150")
    page.locator("#id_form-0-narrative").fill("저상버스 12대 도입")
    page.locator("#id_form-1-narrative").fill("활동지원 시간 확대 완료")
    submit(page, "save")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("1-1")
    expect(page.locator("#id_form-0-progress")).to_have_value("150")
    expect(page.locator("#id_form-0-progress")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_form-0-progress_error")).to_be_visible()
    expect(page.locator("#id_form-0-narrative")).to_have_value("저상버스 12대 도입")
    expect(page.locator("#id_form-1-narrative")).to_have_value("활동지원 시간 확대 완료")
    assert_no_axe_violations(page, "the department's records page with errors")
    assert not AnnualRecord.objects.exclude(narrative="").exists()

    # The summary's link leads to the field.
    summary.locator("a").first.click()
    expect(page.locator("#id_form-0-progress")).to_be_focused()

    # Fixed, every record described, saved and submitted at once.
    page.locator("#id_form-0-progress").fill("60")
    page.locator("#id_form-0-budget_executed").fill("8,500,000")
    page.locator("#id_form-2-narrative").fill("통번역 지원 1,200건")
    submit(page, "submit")
    expect(page.locator(".portal-messages")).to_be_visible()
    expect(page.locator("tr[data-state='submitted']")).to_have_count(3)
    expect(page.locator("#id_form-0-progress")).to_have_count(0)
    records = AnnualRecord.objects.filter(task__responsible_department=official.department).order_by("task__order")
    assert [record.review_state for record in records] == [ReviewState.SUBMITTED] * 3
    assert records[0].progress == 60
    assert records[0].budget_executed == 8_500_000

    page.goto(live_server.url + "/plans/reporting/")
    expect(page.locator("[data-to-do]")).to_have_count(0)


def test_office_follows_the_round_and_returns_a_record(live_server, page, office_staff, reporting_round):
    record = AnnualRecord.objects.get(task__code="1-1")
    record = services.record_save(record=record, actor=office_staff, narrative="저상버스 12대 도입")
    services.record_submit(record=record, actor=office_staff)

    login(page, live_server.url, office_staff.username, TEST_PASSWORD)
    page.goto(live_server.url + "/plans/reporting/")
    expect(page.locator(f"[data-round='{reporting_round.pk}'] tr[data-department='welfare']")).to_be_visible()
    assert_no_axe_violations(page, "the office's reporting page")

    with page.expect_navigation():
        page.locator(f"a[href$='/plans/rounds/{reporting_round.pk}/']").first.click()
    assert_no_axe_violations(page, "the round page")

    with page.expect_navigation():
        page.locator("tr[data-department='welfare'] a").click()
    expect(page.locator(f"#review-{record.pk}")).to_be_visible()
    assert_no_axe_violations(page, "the department's records page seen by the office")

    # Returning without a comment: an error page that keeps the decision possible.
    with page.expect_navigation():
        page.locator(f"#review-{record.pk} button[value=return]").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_no_axe_violations(page, "the review page with an error")
    page.locator("#id_comment").fill("집행 증빙을 첨부해 주세요.")
    with page.expect_navigation():
        page.locator("button[value=return]").click()
    expect(page.locator(".portal-records__comment")).to_contain_text("집행 증빙을 첨부해 주세요.")
    record.refresh_from_db()
    assert record.review_state == ReviewState.RETURNED
