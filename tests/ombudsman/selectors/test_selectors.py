import datetime
import zoneinfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from humanrights_portal.core.models import RightCategory, VulnerableGroup
from ombudsman import selectors, services, workflow
from ombudsman.models import Attachment, CaseEvent, CaseStatus, Channel, Complaint, CounsellingSession, Recommendation
from tests.factories import (
    ComplaintFactory,
    complaint_in_status,
    png_bytes,
)

pytestmark = pytest.mark.django_db

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
CASE_READERS = ["ombudsman", "office_staff", "committee_member"]
NOT_CASE_READERS = ["official", "other_official", "administrator", "user_without_role"]


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=SEOUL)


# ---------------------------------------------------------------- scoping per role


@pytest.mark.parametrize("name", CASE_READERS)
def test_case_readers_see_cases_and_recommendations(users, name):
    complaint = ComplaintFactory()
    user = users[name]
    assert list(selectors.case_list(user=user)) == [complaint]
    assert selectors.case_get(user=user, receipt_code=complaint.receipt_code) == complaint
    assert list(selectors.recommendation_list(user=user)) == []
    assert selectors.overdue_count(user=user) == 0


@pytest.mark.parametrize("name", [*NOT_CASE_READERS, None])
def test_others_see_no_case_at_all(users, name):
    complaint = complaint_in_status(CaseStatus.RECOMMENDATION_ISSUED, actor=users["ombudsman"])
    recommendation = complaint.recommendations.get()
    user = users[name] if name else AnonymousUser()
    calls = [
        lambda: selectors.case_list(user=user),
        lambda: selectors.case_get(user=user, receipt_code=complaint.receipt_code),
        lambda: selectors.recommendation_list(user=user),
        lambda: selectors.recommendation_get(user=user, pk=recommendation.pk),
        lambda: selectors.overdue_count(user=user),
        lambda: selectors.counselling_list(user=user),
        lambda: selectors.case_attachment(user=user, receipt_code=complaint.receipt_code, attachment_id=1),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()


@pytest.mark.parametrize("name", ["office_staff", "committee_member"])
def test_internals_are_for_the_ombudsman_only(users, name, private_media):
    ombudsman = users["ombudsman"]
    complaint = ComplaintFactory(attachments=[SimpleUploadedFile("증거.png", png_bytes())])
    services.note_add(complaint=complaint, author=ombudsman, body="내부 메모")
    session = services.counselling_record(
        actor=ombudsman, held_on=timezone.localdate(), channel="phone", topic="상담", complaint=complaint
    )
    attachment = complaint.attachments.get()

    full = selectors.case_get(user=ombudsman, receipt_code=complaint.receipt_code)
    assert {"notes", "attachments", "events", "recommendations"} <= set(full._prefetched_objects_cache)
    assert (
        selectors.case_attachment(user=ombudsman, receipt_code=complaint.receipt_code, attachment_id=attachment.pk)
        == attachment
    )
    assert selectors.counselling_get(user=ombudsman, pk=session.pk) == session
    assert list(selectors.counselling_list(user=ombudsman)) == [session]

    user = users[name]
    limited = selectors.case_get(user=user, receipt_code=complaint.receipt_code)
    assert "notes" not in limited._prefetched_objects_cache
    assert "attachments" not in limited._prefetched_objects_cache
    with pytest.raises(PermissionDenied):
        selectors.case_attachment(user=user, receipt_code=complaint.receipt_code, attachment_id=attachment.pk)
    with pytest.raises(PermissionDenied):
        selectors.counselling_list(user=user)
    with pytest.raises(PermissionDenied):
        selectors.counselling_get(user=user, pk=session.pk)


def test_removed_attachment_is_not_served(ombudsman, private_media):
    complaint = ComplaintFactory(attachments=[SimpleUploadedFile("증거.png", png_bytes())])
    attachment = complaint.attachments.get()
    Attachment.objects.filter(pk=attachment.pk).update(removed_at=timezone.now())
    with pytest.raises(Attachment.DoesNotExist):
        selectors.case_attachment(user=ombudsman, receipt_code=complaint.receipt_code, attachment_id=attachment.pk)


def test_case_list_is_one_query_whatever_the_number_of_rows(ombudsman, django_assert_num_queries):
    for _ in range(3):
        services.case_assign(complaint=ComplaintFactory(), handler=ombudsman, actor=ombudsman)
    ombudsman.role_names  # noqa: B018 - the roles are cached once per request
    with django_assert_num_queries(1):
        rows = [(case.receipt_code, case.handler.username) for case in selectors.case_list(user=ombudsman)]
    assert len(rows) == 3


def test_handler_list_has_the_active_ombudspeople(users):
    assert list(selectors.handler_list()) == [users["ombudsman"]]


# ---------------------------------------------------------------- the citizen's view


def test_complaint_for_citizen_needs_the_code_and_the_key():
    complaint = ComplaintFactory()
    key = complaint.secret_key
    assert selectors.complaint_for_citizen(receipt_code=complaint.receipt_code, secret_key=key) == complaint
    assert selectors.complaint_for_citizen(receipt_code=f" {complaint.receipt_code.lower()} ", secret_key=key.lower())
    assert selectors.complaint_for_citizen(receipt_code=complaint.receipt_code, secret_key="WRONG-KEY") is None
    assert selectors.complaint_for_citizen(receipt_code="HR-1999-00001", secret_key=key) is None
    assert selectors.complaint_for_citizen(receipt_code="", secret_key="") is None


def test_public_timeline_has_no_reasons_or_staff(ombudsman, private_media):
    complaint = complaint_in_status(CaseStatus.INVESTIGATING, actor=ombudsman)
    services.case_assign(complaint=complaint, handler=ombudsman, actor=ombudsman)
    services.note_add(complaint=complaint, author=ombudsman, body="비공개 메모")
    services.attachment_add_by_staff(
        complaint=complaint, files=[SimpleUploadedFile("현장.png", png_bytes())], actor=ombudsman
    )
    services.recommendation_issue(
        complaint=complaint,
        actor=ombudsman,
        agency="광주광역시 상수도사업본부",
        text="내부 권고 전문",
        public_summary="급수 신청 거부 처분을 재검토하도록 권고",
        response_due=timezone.localdate() + datetime.timedelta(days=30),
    )
    services.case_transition(
        complaint=complaint,
        to=CaseStatus.CLOSED,
        actor=ombudsman,
        reason="내부 사유: 담당자 징계 검토",
        public_message="권고가 받아들여져 사건을 종결합니다.",
    )
    timeline = selectors.public_timeline(complaint)
    labels = [entry.label for entry in timeline]
    expected = [CaseStatus.RECEIVED, CaseStatus.SCREENING, CaseStatus.INVESTIGATING]
    assert labels == [
        *(str(workflow.PUBLIC_EVENT_LABELS[status]) for status in expected),
        str(CaseEvent.Kind.RECOMMENDATION_ISSUED.label),
        str(workflow.PUBLIC_EVENT_LABELS[CaseStatus.CLOSED]),
    ]
    assert timeline[3].message == "급수 신청 거부 처분을 재검토하도록 권고"
    assert timeline[-1].message == "권고가 받아들여져 사건을 종결합니다."
    text = repr(timeline)
    for secret in (
        "내부 사유",
        "시험 사유",
        "비공개 메모",
        "내부 권고 전문",
        ombudsman.username,
        ombudsman.display_name,
    ):
        assert secret not in text
    assert set(vars(timeline[0])) == {"occurred_at", "label", "message", "kind"}
    [public] = selectors.public_recommendations(complaint)
    assert public.public_summary == "급수 신청 거부 처분을 재검토하도록 권고"
    assert "text" in public.get_deferred_fields()


# ---------------------------------------------------------------- statistics


@pytest.fixture
def known_cases(ombudsman):
    """Four cases received in 2025 and one in 2024, with known handling times (10, 20 and 124 days)."""
    privacy, health, equality = (RightCategory.objects.get(code=code) for code in ("privacy", "health", "equality"))
    psychiatric = VulnerableGroup.objects.get(code="psychiatric-patients")

    def case(received_at, **fields):
        return ComplaintFactory(received_at=received_at, **fields)

    cctv = case(at(2025, 1, 10), title="정신병원 CCTV", rights=[privacy], groups=[psychiatric])
    water = case(
        at(2025, 2, 1),
        title="급수 신청 거부",
        rights=[privacy, health],
        groups=[psychiatric],
        channel=Channel.PHONE,
        registered_by=ombudsman,
    )
    union = case(
        at(2025, 3, 1), title="공무원 노조 가입 제한", rights=[equality], respondent_agency="광주광역시 ○○구청"
    )
    hall = case(at(2025, 4, 1), title="시청 출입 제한")
    older = case(at(2024, 6, 1), title="2024년 사건")

    for complaint in (cctv, union, older):
        services.case_transition(complaint=complaint, to=CaseStatus.SCREENING, actor=ombudsman)
        services.case_transition(complaint=complaint, to=CaseStatus.INVESTIGATING, actor=ombudsman)
    recommendation = services.recommendation_issue(
        complaint=union,
        actor=ombudsman,
        agency="광주광역시 ○○구청",
        text="노동조합 가입 범위를 부당하게 제한하지 말 것",
        issued_on=datetime.date(2025, 4, 1),
        response_due=datetime.date(2025, 5, 31),
    )
    services.recommendation_record_response(
        recommendation=recommendation, actor=ombudsman, response="accepted", response_date=datetime.date(2025, 5, 1)
    )
    services.recommendation_record_implementation(
        recommendation=recommendation, actor=ombudsman, implemented=True, implemented_on=datetime.date(2025, 6, 1)
    )
    services.case_transition(complaint=union, to=CaseStatus.FOLLOW_UP, actor=ombudsman)
    for complaint in (cctv, union, older):
        services.case_transition(complaint=complaint, to=CaseStatus.CLOSED, actor=ombudsman, reason="종결")
    services.case_transition(complaint=water, to=CaseStatus.DISMISSED, actor=ombudsman, reason="각하")
    services.case_transition(complaint=hall, to=CaseStatus.SCREENING, actor=ombudsman)
    services.survey_submit(complaint=cctv, fairness=5, speed=3, clarity=4)

    # The services stamp "now" on transitions; put the closing dates where the test needs them.
    Complaint.objects.filter(pk=cctv.pk).update(closed_at=at(2025, 1, 20))
    Complaint.objects.filter(pk=water.pk).update(closed_at=at(2025, 2, 21))
    Complaint.objects.filter(pk=union.pk).update(closed_at=at(2025, 7, 3))
    Complaint.objects.filter(pk=older.pk).update(closed_at=at(2024, 6, 2))
    Complaint.objects.filter(pk=hall.pk).update(stage_deadline=datetime.date(2025, 4, 15))  # overdue

    for held_on in (datetime.date(2025, 1, 5), datetime.date(2025, 2, 1), datetime.date(2024, 3, 1)):
        services.counselling_record(actor=ombudsman, held_on=held_on, channel="visit", topic="상담")
    return {"cctv": cctv, "water": water, "union": union, "hall": hall, "older": older}


def counts(rows):
    return {row["key"]: row["count"] for row in rows}


def test_case_statistics_on_a_known_data_set(ombudsman, known_cases):
    statistics = selectors.case_statistics(user=ombudsman, year=2025)
    assert statistics.year == 2025
    assert statistics.counselling_sessions == 2
    assert (statistics.cases_received, statistics.cases_closed, statistics.open_cases) == (4, 3, 1)
    assert statistics.overdue_cases == 1
    assert counts(statistics.by_status) == {"closed": 2, "dismissed": 1, "screening": 1}
    assert counts(statistics.by_year) == {2024: 1, 2025: 4}
    right = {right.pk: right.code for right in RightCategory.objects.all()}
    assert {right[key]: count for key, count in counts(statistics.by_right).items()} == {
        "privacy": 2,
        "health": 1,
        "equality": 1,
    }
    assert statistics.by_right[0]["count"] == 2
    group = {group.pk: group.code for group in VulnerableGroup.objects.all()}
    assert {group[key]: count for key, count in counts(statistics.by_group).items()} == {"psychiatric-patients": 2}
    assert counts(statistics.by_channel) == {"online": 3, "phone": 1}
    assert counts(statistics.by_agency) == {"광주광역시청": 3, "광주광역시 ○○구청": 1}
    assert statistics.handling_days_median == 20.0
    assert statistics.handling_days_p90 == pytest.approx(103.2, abs=0.1)  # 20 + 0.8 * (124 - 20)
    assert counts(statistics.recommendations_by_response) == {"accepted": 1}
    assert statistics.recommendations_implemented == {"yes": 1, "no": 0, "unknown": 0}
    assert statistics.satisfaction == {"answers": 1, "fairness": 5.0, "speed": 3.0, "clarity": 4.0}
    assert statistics.suppressed == []


def test_case_statistics_of_every_year(ombudsman, known_cases):
    statistics = selectors.case_statistics(user=ombudsman)
    assert statistics.cases_received == 5
    assert statistics.counselling_sessions == 3
    assert counts(statistics.by_status)["closed"] == 3


@pytest.mark.parametrize("name", ["official", "office_staff", "committee_member", "ombudsman", "administrator"])
def test_every_staff_role_sees_the_statistics(users, name):
    assert selectors.case_statistics(user=users[name]).cases_received == 0


@pytest.mark.parametrize("name", ["user_without_role", None])
def test_statistics_need_a_staff_role_unless_public(users, name):
    user = users[name] if name else AnonymousUser()
    with pytest.raises(PermissionDenied):
        selectors.case_statistics(user=user)
    assert selectors.case_statistics(user=user, public=True).cases_received == 0


def test_public_statistics_suppress_small_cells(known_cases, settings):
    settings.PORTAL_STATISTICS_MIN_CELL = 2
    statistics = selectors.case_statistics(year=2025, public=True)
    assert statistics.min_cell == 2
    assert counts(statistics.by_status) == {"closed": 2, "dismissed": None, "screening": None}
    assert counts(statistics.by_channel) == {"online": 3, "phone": None}
    assert counts(statistics.by_year) == {2024: None, 2025: 4}
    assert statistics.by_agency == []
    assert statistics.satisfaction == {"answers": None, "fairness": None, "speed": None, "clarity": None}
    assert "satisfaction" in statistics.suppressed
    assert counts(statistics.recommendations_by_response) == {"accepted": None}


def test_public_statistics_use_the_default_minimum_cell(known_cases, settings):
    assert settings.PORTAL_STATISTICS_MIN_CELL == 5
    statistics = selectors.case_statistics(year=2025, public=True)
    assert all(row["count"] is None for row in statistics.by_status)
    assert statistics.cases_received == 4  # totals are not cells


# ---------------------------------------------------------------- filters


def search(user, **filters):
    return set(selectors.case_list(user=user, filters=filters).values_list("title", flat=True))


def test_korean_prefix_search(ombudsman):
    ComplaintFactory(title="개인정보 제공", description="구청이 경찰에 제 주소를 알려 주었습니다.")
    ComplaintFactory(title="경찰의 출석 요구", description="출석 요구서를 직장으로 보냈습니다.")
    ComplaintFactory(title="단수 조치", description="요금 체납으로 물 공급이 끊겼습니다.")
    assert search(ombudsman, q="경찰") == {"개인정보 제공", "경찰의 출석 요구"}
    assert search(ombudsman, q="경찰 주소") == {"개인정보 제공"}
    assert search(ombudsman, q="경찰 단수") == set()
    assert search(ombudsman, q="  ") == {"개인정보 제공", "경찰의 출석 요구", "단수 조치"}


def test_search_by_receipt_code(ombudsman):
    wanted = ComplaintFactory(title="찾는 사건")
    ComplaintFactory(title="다른 사건")
    assert search(ombudsman, q=wanted.receipt_code) == {"찾는 사건"}
    assert search(ombudsman, q=wanted.receipt_code.lower()) == {"찾는 사건"}


def test_overdue_filter(ombudsman):
    late = complaint_in_status(CaseStatus.SCREENING, actor=ombudsman, title="늦은 사건")
    complaint_in_status(CaseStatus.SCREENING, actor=ombudsman, title="기한 내 사건")
    closed = complaint_in_status(CaseStatus.CLOSED, actor=ombudsman, title="종결 사건")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Complaint.objects.filter(pk__in=[late.pk, closed.pk]).update(stage_deadline=yesterday)
    assert search(ombudsman, overdue="true") == {"늦은 사건"}
    assert search(ombudsman, overdue="false") == {"기한 내 사건", "종결 사건"}
    assert selectors.overdue_count(user=ombudsman) == 1
    assert Complaint.objects.get(pk=late.pk).is_overdue


def test_other_case_filters(ombudsman):
    privacy = RightCategory.objects.get(code="privacy")
    migrants = VulnerableGroup.objects.get(code="migrants")
    ComplaintFactory(title="이주민 차별", rights=[privacy], groups=[migrants], received_at=at(2024, 5, 5))
    complaint_in_status(CaseStatus.SCREENING, actor=ombudsman, title="심사 중", respondent_agency="광주광역시 북구청")
    assert search(ombudsman, status=["screening"]) == {"심사 중"}
    assert search(ombudsman, right="privacy") == {"이주민 차별"}
    assert search(ombudsman, group="migrants") == {"이주민 차별"}
    assert search(ombudsman, year="2024") == {"이주민 차별"}
    assert search(ombudsman, agency="북구") == {"심사 중"}
    assert search(ombudsman, received_before="2024-12-31") == {"이주민 차별"}
    with pytest.raises(selectors.InvalidFilters) as excinfo:
        selectors.case_list(user=ombudsman, filters={"status": ["lost"], "year": "abc"})
    assert set(excinfo.value.errors) == {"status", "year"}


def test_counselling_and_recommendation_filters(ombudsman):
    services.counselling_record(actor=ombudsman, held_on=datetime.date(2025, 3, 2), channel="phone", topic="CCTV 상담")
    services.counselling_record(actor=ombudsman, held_on=datetime.date(2024, 3, 2), channel="visit", topic="단수 상담")
    assert [s.topic for s in selectors.counselling_list(user=ombudsman, filters={"q": "cctv"})] == ["CCTV 상담"]
    assert [s.topic for s in selectors.counselling_list(user=ombudsman, filters={"year": "2024"})] == ["단수 상담"]
    assert selectors.counselling_list(user=ombudsman, filters={"channel": "phone"}).count() == 1
    assert CounsellingSession.objects.count() == 2

    complaint = complaint_in_status(CaseStatus.RECOMMENDATION_ISSUED, actor=ombudsman)
    recommendation = complaint.recommendations.get()
    assert list(selectors.recommendation_list(user=ombudsman, filters={"response": "pending"})) == [recommendation]
    assert not selectors.recommendation_list(user=ombudsman, filters={"response": "accepted"}).exists()
    assert selectors.recommendation_get(user=ombudsman, pk=recommendation.pk).complaint == complaint
    assert Recommendation.objects.count() == 1
