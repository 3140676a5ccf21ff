"""Overdue reminders (one e-mail per recipient per day) and the other jobs celery beat schedules."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from humanrights_portal.core.models import OutgoingEmail, ReminderLog
from humanrights_portal.core.tasks import overdue_items_by_recipient, recipient_language, send_overdue_reminders
from impact.models import Assessment
from indicators.models import Periodicity
from indicators.tasks import last_due_period
from ombudsman import services as ombudsman_services
from ombudsman import tasks as ombudsman_tasks
from ombudsman.models import Complaint
from plans import services as plan_services
from plans.models import ReportingRound
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

TODAY = timezone.localdate


@pytest.fixture
def overdue_world(ombudsman, official, other_official, office_staff, department):
    """One overdue thing of each kind: a case (the ombudsperson's), and for the official's department an
    annual record, an indicator value and an impact assessment waiting for the department's response."""
    today = TODAY()
    case = ComplaintFactory(complainant_name="홍길동")
    ombudsman_services.case_assign(complaint=case, handler=ombudsman, actor=ombudsman)
    Complaint.objects.filter(pk=case.pk).update(stage_deadline=today - datetime.timedelta(days=3))
    on_time = ComplaintFactory()
    ombudsman_services.case_assign(complaint=on_time, handler=ombudsman, actor=ombudsman)

    plan = plan_adopted(actor=office_staff, start_year=today.year - 2, end_year=today.year + 2)
    task = task_of(area_of(plan, actor=office_staff), actor=office_staff, department=department, code="1-01")
    plan_services.reporting_round_open(
        plan=plan, year=today.year - 1, due_on=today + datetime.timedelta(days=10), actor=office_staff
    )
    ReportingRound.objects.update(due_on=today - datetime.timedelta(days=1))

    framework = indicator_framework(actor=office_staff)
    indicator = indicator_of(
        framework, actor=office_staff, code="1-01", target_year=today.year + 5, responsible_department=department
    )

    checklist_published(actor=office_staff)
    assessment = assessment_in_status("findings_issued", office=office_staff, department_official=official)
    Assessment.objects.filter(pk=assessment.pk).update(stage_deadline=today - datetime.timedelta(days=2))
    return {"case": case, "on_time": on_time, "task": task, "indicator": indicator, "assessment": assessment}


def run_reminders(capture):
    with capture(execute=True):
        return send_overdue_reminders.delay().get()


def test_one_email_per_recipient_listing_all_their_overdue_items(
    overdue_world, ombudsman, official, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    assert run_reminders(django_capture_on_commit_callbacks) == 2
    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert set(by_recipient) == {ombudsman.email, official.email}

    to_handler = by_recipient[ombudsman.email].body
    assert overdue_world["case"].receipt_code in to_handler
    assert overdue_world["on_time"].receipt_code not in to_handler
    assert "홍길동" not in to_handler  # no complainant data in a reminder
    assert f"/ombudsman/cases/{overdue_world['case'].receipt_code}/" in to_handler

    to_department = by_recipient[official.email]
    assert "3" in to_department.subject
    for expected in (
        f"1-01 ({TODAY().year - 1})",  # the annual record of last year's round
        overdue_world["task"].title,
        f"1-01 ({last_due_period(Periodicity.YEAR, TODAY(), 90)[0]})",  # the indicator value
        overdue_world["assessment"].code,
    ):
        assert expected in to_department.body
    assert ReminderLog.objects.count() == 2
    assert set(ReminderLog.objects.values_list("items", flat=True)) == {1, 3}


def test_running_twice_a_day_sends_once(overdue_world, mailoutbox, django_capture_on_commit_callbacks):
    mailoutbox.clear()
    run_reminders(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2
    assert run_reminders(django_capture_on_commit_callbacks) == 0
    assert len(mailoutbox) == 2
    assert ReminderLog.objects.count() == 2
    # The next day they are reminded again.
    tomorrow = TODAY() + datetime.timedelta(days=1)
    with mock.patch("humanrights_portal.core.tasks.timezone.localdate", return_value=tomorrow):
        run_reminders(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 4
    assert sorted(set(ReminderLog.objects.values_list("day", flat=True))) == [TODAY(), tomorrow]


def test_sent_reminders_keep_no_body(overdue_world, django_capture_on_commit_callbacks):
    run_reminders(django_capture_on_commit_callbacks)
    reminders = OutgoingEmail.objects.filter(kind="reminder:overdue")
    assert reminders.count() == 2
    assert all(email.status == "sent" and "/" not in email.body for email in reminders)


def test_nothing_is_sent_when_nothing_is_overdue(
    ombudsman, official, office_staff, department, mailoutbox, django_capture_on_commit_callbacks
):
    case = ComplaintFactory()
    ombudsman_services.case_assign(complaint=case, handler=ombudsman, actor=ombudsman)
    framework = indicator_framework(actor=office_staff)
    indicator = indicator_of(
        framework, actor=office_staff, target_year=TODAY().year + 5, responsible_department=department
    )
    year, _period, _due = last_due_period(Periodicity.YEAR, TODAY(), 90)
    measurement_of(indicator, actor=official, year=year, value=60)  # entered (a draft is enough)
    checklist_published(actor=office_staff)
    assessment_in_status("findings_issued", office=office_staff, department_official=official)  # not yet due
    mailoutbox.clear()
    assert run_reminders(django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []
    assert not ReminderLog.objects.exists()


def test_inactive_or_addressless_recipients_are_skipped(
    overdue_world, ombudsman, official, mailoutbox, django_capture_on_commit_callbacks
):
    type(ombudsman).objects.filter(pk=ombudsman.pk).update(is_active=False)
    type(official).objects.filter(pk=official.pk).update(email="")
    mailoutbox.clear()
    assert run_reminders(django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def test_reminders_are_in_korean_unless_the_account_says_otherwise(official):
    assert recipient_language(official) == "ko"
    official.language = "en"
    assert recipient_language(official) == "en"
    official.language = "fr"
    assert recipient_language(official) == "ko"


def test_items_of_each_app_reach_the_right_people(overdue_world, ombudsman, official, other_official, office_staff):
    items = overdue_items_by_recipient(TODAY())
    assert set(items) == {ombudsman, official}
    assert [item.reference for item in items[ombudsman]] == [overdue_world["case"].receipt_code]
    # An assessment waiting for the office goes to its assessor or, without one, to the office staff.
    Assessment.objects.filter(pk=overdue_world["assessment"].pk).update(status="in_assessment", assessor=None)
    items = overdue_items_by_recipient(TODAY())
    assert overdue_world["assessment"].code in [item.reference for item in items[office_staff]]
    assert overdue_world["assessment"].code not in [item.reference for item in items[official]]


@pytest.mark.parametrize(
    ("periodicity", "today", "expected"),
    [
        (Periodicity.YEAR, datetime.date(2026, 3, 31), (2024, 0, datetime.date(2025, 3, 31))),
        (Periodicity.YEAR, datetime.date(2026, 4, 1), (2025, 0, datetime.date(2026, 3, 31))),
        (Periodicity.QUARTER, datetime.date(2026, 7, 1), (2026, 1, datetime.date(2026, 6, 29))),
        (Periodicity.QUARTER, datetime.date(2026, 2, 1), (2025, 3, datetime.date(2025, 12, 29))),
        (Periodicity.MONTH, datetime.date(2026, 1, 15), (2025, 9, datetime.date(2025, 12, 29))),
    ],
)
def test_when_an_indicator_value_is_due(periodicity, today, expected):
    """The value of a period is due 90 days after the period ends; the latest overdue period is asked for."""
    assert last_due_period(periodicity, today, 90) == expected
    assert expected[2] < today


# ---------------------------------------------------------------- the other scheduled jobs


def test_anonymisation_job_anonymises_due_cases_once(ombudsman, settings):
    settings.PORTAL_COMPLAINT_RETENTION_DAYS = 30
    closed = complaint_in_status("closed", actor=ombudsman)
    recent = complaint_in_status("closed", actor=ombudsman)
    Complaint.objects.filter(pk=closed.pk).update(closed_at=timezone.now() - datetime.timedelta(days=31))
    assert ombudsman_tasks.anonymise_closed_complaints.delay().get() == 1
    assert ombudsman_tasks.anonymise_closed_complaints.delay().get() == 0
    closed.refresh_from_db()
    recent.refresh_from_db()
    assert closed.anonymised_at is not None
    assert closed.complainant_email == ""
    assert recent.anonymised_at is None


def test_statistics_job_refreshes_only_when_the_dashboards_read_the_summary(settings):
    settings.PORTAL_STATISTICS_MAX_AGE = 0
    with mock.patch("ombudsman.statistics.refresh") as refresh:
        assert ombudsman_tasks.refresh_statistics.delay().get() is False
        refresh.assert_not_called()
    settings.PORTAL_STATISTICS_MAX_AGE = 300
    assert ombudsman_tasks.refresh_statistics.delay().get() is True
