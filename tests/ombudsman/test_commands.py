import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from humanrights_portal.core.models import AuditEvent, User
from ombudsman import bench, demo, selectors, services, workflow
from ombudsman.models import (
    Attachment,
    CaseEvent,
    CaseStatus,
    Complaint,
    CounsellingSession,
    InternalNote,
    ReceiptSequence,
    Recommendation,
    SatisfactionSurvey,
)
from tests.factories import complaint_in_status

pytestmark = pytest.mark.django_db

# ---------------------------------------------------------------- seed_demo


def demo_counts():
    return (
        Complaint.objects.count(),
        CounsellingSession.objects.count(),
        CaseEvent.objects.count(),
        Recommendation.objects.count(),
        InternalNote.objects.count(),
        SatisfactionSurvey.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def demo_data(capsys, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    output = capsys.readouterr().out
    assert mailoutbox == []  # no receipt e-mail to the fictitious complainants
    return output


def test_seed_demo_makes_the_gwangju_year_2018(demo_data):
    """One load, several checks: loading the demo takes seconds, so it is done once here."""
    check_cases_of_2018(demo_data)
    check_recommendations_on_the_real_topics()
    check_statistics_of_2018()
    check_live_work_of_this_year()


def check_cases_of_2018(demo_data):
    assert "ombudsman: 346 counselling sessions and 78 cases in 2018" in demo_data
    cases = Complaint.objects.filter(received_at__year=2018)
    assert cases.count() == 78
    assert CounsellingSession.objects.filter(held_on__year=2018).count() == 346
    assert set(cases.values_list("status", flat=True)) == set(CaseStatus)
    assert cases.filter(status=CaseStatus.CLOSED).count() > 39
    assert cases.filter(status=CaseStatus.REFERRED).exists()
    assert cases.filter(is_anonymous=True).exists()
    assert cases.filter(is_anonymous=False, complainant_email__endswith="@example.com").exists()
    assert not cases.filter(complainant_email__gt="").exclude(complainant_email__endswith="@example.com").exists()
    assert cases.filter(rights__code="privacy").exists()
    assert cases.filter(groups__code="psychiatric-patients").exists()
    assert cases.filter(counselling_sessions__isnull=False).count() == demo.CASES_FROM_COUNSELLING
    assert cases.values("description").distinct().count() >= 25
    # the timeline is 2018's (or early 2019's for the last cases of the year), not the day the demo was loaded
    first_year = CaseEvent.objects.filter(complaint__in=cases).order_by("occurred_at").first().occurred_at.year
    last_year = CaseEvent.objects.filter(complaint__in=cases).order_by("occurred_at").last().occurred_at.year
    assert (first_year, last_year) in ((2018, 2018), (2018, 2019))
    for case in cases.filter(status__in=workflow.TERMINAL_STATUSES):
        assert case.closed_at.year in (2018, 2019)
        assert case.closed_at >= case.received_at


def check_recommendations_on_the_real_topics():
    recommendations = Recommendation.objects.filter(complaint__received_at__year=2018)
    texts = " ".join(recommendations.values_list("text", flat=True))
    for topic in ("CCTV", "급수", "노동조합", "폭행", "출입", "수사기관"):
        assert topic in texts
    responses = set(recommendations.values_list("response", flat=True))
    assert {"accepted", "partially_accepted", "rejected", "pending"} <= responses
    assert recommendations.filter(implemented=True).exists()
    assert recommendations.filter(implemented=False).exists()
    assert all(r.issued_on.year in (2018, 2019) for r in recommendations)


def check_statistics_of_2018():
    ombudsman = User.objects.get(username="ombudsman")
    statistics = selectors.case_statistics(user=ombudsman, year=2018)
    assert statistics.counselling_sessions == 346
    assert statistics.cases_received == 78
    assert sum(row["count"] for row in statistics.by_status) == 78
    assert statistics.handling_days_median > 10
    assert statistics.satisfaction["answers"] > 5
    assert statistics.by_right
    assert statistics.by_group
    public = selectors.case_statistics(year=2018, public=True)
    assert public.cases_received == 78


def check_live_work_of_this_year():
    this_year = Complaint.objects.filter(received_at__year=timezone.localdate().year)
    assert this_year.count() >= 10
    assert this_year.open().count() == this_year.count()
    codes = list(this_year.order_by("received_at").values_list("receipt_code", flat=True))
    assert codes == sorted(codes)
    assert this_year.overdue().exists()
    assert this_year.exclude(pk__in=Complaint.objects.overdue().values("pk")).exists()
    assert Complaint.objects.filter(receipt_code__startswith=f"HR-{timezone.localdate().year}-").exists()


def test_seed_demo_is_idempotent(demo_data, capsys):
    counts = demo_counts()
    call_command("seed_demo")
    assert demo_counts() == counts
    assert "already present" in capsys.readouterr().out


# ---------------------------------------------------------------- seed_bench


def test_seed_bench_makes_synthetic_cases(capsys):
    call_command("seed_bench", size=200)
    output = capsys.readouterr().out
    cases = Complaint.objects.all()
    assert cases.count() == 200
    assert len(set(cases.values_list("receipt_code", flat=True))) == 200
    assert all(re.fullmatch(r"HR-\d{4}-\d{6}", code) for code in cases.values_list("receipt_code", flat=True))
    open_share = cases.filter(status__in=workflow.OPEN_STATUSES).count() / 200
    assert 0.03 < open_share < 0.25
    assert cases.filter(handler__isnull=False).count() > 150
    assert CaseEvent.objects.count() >= 300
    assert 0 < Recommendation.objects.count() < 40
    assert 20 < InternalNote.objects.count() < 110
    assert 0 < Attachment.objects.filter(file="").count() < 50
    through = Complaint.rights.through.objects.count(), Complaint.groups.through.objects.count()
    assert through[0] >= 200
    assert through[1] > 0
    years = {received.year for received in cases.values_list("received_at", flat=True)}
    assert len(years) >= 5

    # the tracking case answers to the key the command printed
    match = re.search(r"(HR-\d{4}-\d{6}) .*key (\S+)", output)
    assert match, output
    code, key = match.groups()
    assert selectors.complaint_for_citizen(receipt_code=code, secret_key=key) is not None
    assert code == bench.tracking_code()
    assert key == bench.TRACKING_KEY
    tracked = Complaint.objects.get(receipt_code=code)
    assert tracked.is_open
    assert tracked.received_at.year == timezone.localdate().year


def test_seed_bench_search_finds_the_synthetic_cases(ombudsman):
    call_command("seed_bench", size=50)
    assert selectors.case_list(user=ombudsman, filters={"q": "정신병원"}).exists()
    assert selectors.case_list(user=ombudsman, filters={"q": bench.tracking_code()}).count() == 1


def test_seed_bench_again_replaces_its_rows():
    call_command("seed_bench", size=120)
    call_command("seed_bench", size=80)
    assert Complaint.objects.count() == 80
    assert len(set(Complaint.objects.values_list("receipt_code", flat=True))) == 80


def test_new_complaints_continue_after_the_bench_codes():
    call_command("seed_bench", size=200)
    year = timezone.localdate().year
    bench_codes = set(Complaint.objects.values_list("receipt_code", flat=True))
    submitted = services.complaint_submit(
        title="벤치마크 이후 접수",
        description="새 진정",
        respondent_agency="광주광역시청",
        is_anonymous=True,
        consent_sensitive_data=True,
    )
    code = submitted.complaint.receipt_code
    assert code.startswith(f"HR-{year}-")
    assert code not in bench_codes
    number = int(code.rsplit("-", 1)[1])
    assert number > max(int(c.rsplit("-", 1)[1]) for c in bench_codes if c.startswith(f"HR-{year}-"))
    assert ReceiptSequence.objects.get(year=year).last_number == number


def test_seed_bench_zero_size_makes_no_case():
    call_command("seed_bench", size=0)
    assert not Complaint.objects.exists()


# ---------------------------------------------------------------- anonymise_closed_complaints


@pytest.fixture
def retention_cases(ombudsman, settings):
    settings.PORTAL_COMPLAINT_RETENTION_DAYS = 365
    now = timezone.now()
    cases = {
        "old_closed": complaint_in_status(CaseStatus.CLOSED, actor=ombudsman),
        "old_dismissed": complaint_in_status(CaseStatus.DISMISSED, actor=ombudsman),
        "recent_closed": complaint_in_status(CaseStatus.CLOSED, actor=ombudsman),
        "open": complaint_in_status(CaseStatus.INVESTIGATING, actor=ombudsman),
    }
    Complaint.objects.filter(pk__in=[cases["old_closed"].pk, cases["old_dismissed"].pk]).update(
        closed_at=now - datetime.timedelta(days=400)
    )
    Complaint.objects.filter(pk=cases["recent_closed"].pk).update(closed_at=now - datetime.timedelta(days=300))
    return cases


def test_anonymise_dry_run_changes_nothing(retention_cases, capsys):
    before = list(Complaint.objects.order_by("pk").values())
    call_command("anonymise_closed_complaints", "--dry-run")
    output = capsys.readouterr().out
    assert list(Complaint.objects.order_by("pk").values()) == before
    assert "2" in output
    assert retention_cases["old_closed"].receipt_code in output
    assert retention_cases["old_dismissed"].receipt_code in output
    assert retention_cases["recent_closed"].receipt_code not in output
    assert not AuditEvent.objects.filter(action="complaint.anonymise").exists()


def test_anonymise_only_cases_closed_before_the_cutoff(retention_cases, ombudsman, capsys):
    statistics_before = selectors.case_statistics(user=ombudsman)
    call_command("anonymise_closed_complaints")
    assert "Anonymised 2" in capsys.readouterr().out
    anonymised = set(Complaint.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True))
    assert anonymised == {retention_cases["old_closed"].pk, retention_cases["old_dismissed"].pk}
    for case in Complaint.objects.filter(pk__in=anonymised):
        assert not case.has_identity
    for name in ("recent_closed", "open"):
        assert Complaint.objects.get(pk=retention_cases[name].pk).complainant_name
    statistics_after = selectors.case_statistics(user=ombudsman)
    assert statistics_after.by_status == statistics_before.by_status
    assert statistics_after.cases_received == statistics_before.cases_received
    assert statistics_after.handling_days_median == statistics_before.handling_days_median

    call_command("anonymise_closed_complaints")
    assert "Anonymised 0" in capsys.readouterr().out
    assert AuditEvent.objects.filter(action="complaint.anonymise").count() == 2


def test_anonymise_with_nothing_due(db, capsys):
    call_command("anonymise_closed_complaints", "--dry-run")
    assert "0" in capsys.readouterr().out
    call_command("anonymise_closed_complaints")
    assert "Anonymised 0" in capsys.readouterr().out
