import datetime
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from humanrights_portal.core.models import AuditEvent, PersonalDataAccess, RightCategory, VulnerableGroup
from humanrights_portal.core.roles import Role
from ombudsman import services, workflow
from ombudsman.models import (
    Attachment,
    CaseEvent,
    CaseStatus,
    Channel,
    Complaint,
    CounsellingSession,
    SatisfactionSurvey,
)
from tests.factories import (
    ComplaintFactory,
    UserFactory,
    complaint_in_status,
    png_bytes,
)

pytestmark = pytest.mark.django_db

STATUSES = list(CaseStatus)
ALLOWED = [(source, target) for source, targets in workflow.TRANSITIONS.items() for target in targets]
DISALLOWED = [pair for pair in itertools.product(STATUSES, STATUSES) if pair not in ALLOWED]
NOT_OMBUDSMAN = ["official", "other_official", "office_staff", "committee_member", "administrator", "user_without_role"]


def today():
    return timezone.localdate()


# ---------------------------------------------------------------- the transition map


def test_the_map_covers_every_status_and_its_exits():
    assert set(workflow.TRANSITIONS) == set(CaseStatus)
    terminal = {CaseStatus.CLOSED, CaseStatus.DISMISSED, CaseStatus.WITHDRAWN, CaseStatus.REFERRED}
    assert terminal == workflow.TERMINAL_STATUSES
    assert len(ALLOWED) + len(DISALLOWED) == len(STATUSES) ** 2


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_every_allowed_transition_works(ombudsman, source, target):
    complaint = complaint_in_status(source, actor=ombudsman)
    events_before = complaint.events.count()
    if target == CaseStatus.RECOMMENDATION_ISSUED:
        # Issuing the recommendation is what moves the case on; the transition needs one recorded.
        services.recommendation_issue(
            complaint=complaint,
            actor=ombudsman,
            agency="광주광역시청",
            text="시민의 청사 출입 제한을 완화할 것",
            response_due=today() + datetime.timedelta(days=60),
        )
    else:
        services.case_transition(complaint=complaint, to=target, actor=ombudsman, reason="검토 결과에 따른 결정")
    complaint.refresh_from_db()
    assert complaint.status == target
    assert complaint.stage_deadline == workflow.stage_deadline(target, today())
    if target in workflow.TERMINAL_STATUSES:
        assert complaint.stage_deadline is None
        assert complaint.closed_at is not None
        assert not complaint.is_open
    else:
        assert complaint.stage_deadline > today()
        assert complaint.closed_at is None
    event = complaint.events.filter(kind=CaseEvent.Kind.TRANSITION).last()
    assert (event.from_status, event.to_status, event.actor) == (source, target, ombudsman)
    assert event.reason
    assert complaint.events.count() > events_before
    audit = AuditEvent.objects.filter(action="case.transition", target_id=str(complaint.pk)).order_by("id").last()
    assert audit.changes == {"status": [source, target]}
    assert audit.actor == ombudsman


@pytest.mark.parametrize(("source", "target"), DISALLOWED)
def test_every_disallowed_transition_is_refused(ombudsman, source, target):
    complaint = complaint_in_status(source, actor=ombudsman)
    events_before = complaint.events.count()
    with pytest.raises(ValidationError) as excinfo:
        services.case_transition(complaint=complaint, to=target, actor=ombudsman, reason="사유")
    assert "to" in excinfo.value.message_dict
    complaint.refresh_from_db()
    assert complaint.status == source
    assert complaint.events.count() == events_before


def test_unknown_status_is_refused(ombudsman):
    complaint = ComplaintFactory()
    with pytest.raises(ValidationError):
        services.case_transition(complaint=complaint, to="lost", actor=ombudsman, reason="사유")


@pytest.mark.parametrize(("source", "target"), [pair for pair in ALLOWED if pair[1] in workflow.REASON_REQUIRED])
def test_reason_is_required_for_decisions(ombudsman, source, target):
    complaint = complaint_in_status(source, actor=ombudsman)
    with pytest.raises(ValidationError) as excinfo:
        services.case_transition(complaint=complaint, to=target, actor=ombudsman, reason="   ")
    assert "reason" in excinfo.value.message_dict
    complaint.refresh_from_db()
    assert complaint.status == source


def test_reason_is_optional_for_ordinary_steps(ombudsman):
    complaint = ComplaintFactory()
    services.case_transition(complaint=complaint, to=CaseStatus.SCREENING, actor=ombudsman)
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.SCREENING


def test_recommendation_issued_needs_a_recommendation(ombudsman):
    complaint = complaint_in_status(CaseStatus.INVESTIGATING, actor=ombudsman)
    with pytest.raises(ValidationError) as excinfo:
        services.case_transition(complaint=complaint, to=CaseStatus.RECOMMENDATION_ISSUED, actor=ombudsman)
    assert "to" in excinfo.value.message_dict


def test_stage_deadlines_follow_the_settings(ombudsman, settings):
    settings.PORTAL_OMBUDSMAN_STAGE_DAYS = {"screening": 7}
    complaint = ComplaintFactory()
    services.case_transition(complaint=complaint, to=CaseStatus.SCREENING, actor=ombudsman)
    complaint.refresh_from_db()
    assert complaint.stage_deadline == today() + datetime.timedelta(days=7)
    services.case_transition(complaint=complaint, to=CaseStatus.INVESTIGATING, actor=ombudsman)
    complaint.refresh_from_db()
    assert complaint.stage_deadline == today() + datetime.timedelta(days=60)


def test_transition_records_the_public_message_and_reason(ombudsman):
    complaint = ComplaintFactory()
    services.case_transition(
        complaint=complaint,
        to=CaseStatus.REFERRED,
        actor=ombudsman,
        reason="국가인권위원회 관할 사안",
        public_message="국가인권위원회로 이송하였습니다.",
    )
    event = complaint.events.get(kind=CaseEvent.Kind.TRANSITION)
    assert event.reason == "국가인권위원회 관할 사안"
    assert event.public_message == "국가인권위원회로 이송하였습니다."
    assert AuditEvent.objects.get(action="case.transition").reason == "국가인권위원회 관할 사안"


@pytest.mark.parametrize("name", NOT_OMBUDSMAN)
def test_only_the_ombudsman_moves_cases(users, name):
    complaint = ComplaintFactory()
    for target in (CaseStatus.SCREENING, CaseStatus.WITHDRAWN, CaseStatus.DISMISSED):
        with pytest.raises(PermissionDenied):
            services.case_transition(complaint=complaint, to=target, actor=users[name], reason="사유")
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.RECEIVED


def test_without_an_actor_only_withdrawal_is_possible():
    complaint = ComplaintFactory()
    with pytest.raises(PermissionDenied):
        services.case_transition(complaint=complaint, to=CaseStatus.SCREENING, actor=None)


def test_stale_expected_status_is_refused(ombudsman):
    complaint = ComplaintFactory()
    services.case_transition(
        complaint=complaint, to=CaseStatus.SCREENING, actor=ombudsman, expected_status=CaseStatus.RECEIVED
    )
    with pytest.raises(ValidationError, match="changed by someone else"):
        # the user's page still showed "received"
        services.case_transition(
            complaint=complaint,
            to=CaseStatus.DISMISSED,
            actor=ombudsman,
            reason="사유",
            expected_status=CaseStatus.RECEIVED,
        )
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.SCREENING


# ---------------------------------------------------------------- recommendations


def issue(complaint, actor, **overrides):
    data = {
        "complaint": complaint,
        "actor": actor,
        "agency": "광주광역시 정신건강복지센터",
        "text": "정신의료기관 병실 내 CCTV 설치를 중단하고 환자의 사생활을 보호할 것",
        "public_summary": "CCTV 운영 개선 권고",
        "response_due": today() + datetime.timedelta(days=60),
    }
    data.update(overrides)
    return services.recommendation_issue(**data)


def test_issuing_a_recommendation_moves_an_investigating_case_on(ombudsman):
    complaint = complaint_in_status(CaseStatus.INVESTIGATING, actor=ombudsman)
    recommendation = issue(complaint, ombudsman)
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.RECOMMENDATION_ISSUED
    assert recommendation.issued_on == today()
    assert recommendation.response == recommendation.Response.PENDING
    assert recommendation.issued_by == ombudsman
    kinds = list(complaint.events.values_list("kind", flat=True))
    assert kinds[-2:] == [CaseEvent.Kind.RECOMMENDATION_ISSUED, CaseEvent.Kind.TRANSITION]
    assert AuditEvent.objects.filter(action="recommendation.issue").count() == 1


def test_a_second_recommendation_keeps_the_status(ombudsman):
    complaint = complaint_in_status(CaseStatus.FOLLOW_UP, actor=ombudsman)
    issue(complaint, ombudsman, agency="광주광역시 상수도사업본부")
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.FOLLOW_UP
    assert complaint.recommendations.count() == 2


@pytest.mark.parametrize("status", [CaseStatus.RECEIVED, CaseStatus.SCREENING, CaseStatus.CLOSED])
def test_recommendations_only_on_investigated_cases(ombudsman, status):
    complaint = complaint_in_status(status, actor=ombudsman)
    with pytest.raises(ValidationError):
        issue(complaint, ombudsman)


def test_recommendation_validation(ombudsman, office_staff):
    complaint = complaint_in_status(CaseStatus.INVESTIGATING, actor=ombudsman)
    with pytest.raises(ValidationError) as excinfo:
        issue(complaint, ombudsman, response_due=today() - datetime.timedelta(days=1))
    assert "response_due" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        issue(complaint, ombudsman, agency=" ", text="")
    assert set(excinfo.value.message_dict) >= {"agency", "text"}
    with pytest.raises(PermissionDenied):
        issue(complaint, office_staff)
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.INVESTIGATING


def test_response_and_implementation_rules(ombudsman, committee_member):
    complaint = complaint_in_status(CaseStatus.INVESTIGATING, actor=ombudsman)
    issued_on = today() - datetime.timedelta(days=30)
    recommendation = issue(complaint, ombudsman, issued_on=issued_on, response_due=today())
    record = services.recommendation_record_response
    implement = services.recommendation_record_implementation

    with pytest.raises(ValidationError, match="response before its implementation"):
        implement(recommendation=recommendation, actor=ombudsman, implemented=True, implemented_on=today())
    with pytest.raises(ValidationError) as excinfo:
        record(recommendation=recommendation, actor=ombudsman, response="pending", response_date=today())
    assert "response" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        record(recommendation=recommendation, actor=ombudsman, response="maybe", response_date=today())
    assert "response" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        record(
            recommendation=recommendation,
            actor=ombudsman,
            response="accepted",
            response_date=issued_on - datetime.timedelta(days=1),
        )
    assert "response_date" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        record(
            recommendation=recommendation,
            actor=ombudsman,
            response="accepted",
            response_date=today() + datetime.timedelta(days=1),
        )
    assert "response_date" in excinfo.value.message_dict
    with pytest.raises(PermissionDenied):
        record(recommendation=recommendation, actor=committee_member, response="accepted", response_date=today())

    recommendation = record(
        recommendation=recommendation,
        actor=ombudsman,
        response="partially_accepted",
        response_date=today() - datetime.timedelta(days=10),
        response_text=" 일부 병동부터 CCTV를 철거하겠습니다. ",
    )
    assert recommendation.response == "partially_accepted"
    assert recommendation.response_text == "일부 병동부터 CCTV를 철거하겠습니다."
    assert complaint.events.filter(kind=CaseEvent.Kind.AGENCY_RESPONDED).count() == 1

    with pytest.raises(ValidationError) as excinfo:
        implement(recommendation=recommendation, actor=ombudsman, implemented=True)
    assert "implemented_on" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        implement(
            recommendation=recommendation,
            actor=ombudsman,
            implemented=True,
            implemented_on=today() + datetime.timedelta(days=1),
        )
    assert "implemented_on" in excinfo.value.message_dict

    recommendation = implement(
        recommendation=recommendation, actor=ombudsman, implemented=True, implemented_on=today(), evidence="철거 사진"
    )
    assert (recommendation.implemented, recommendation.implemented_on) == (True, today())
    recommendation = implement(
        recommendation=recommendation, actor=ombudsman, implemented=False, implemented_on=today()
    )
    assert (recommendation.implemented, recommendation.implemented_on) == (False, None)
    assert complaint.events.filter(kind=CaseEvent.Kind.IMPLEMENTATION_RECORDED).count() == 2
    assert AuditEvent.objects.filter(action="recommendation.implementation").count() == 2
    assert AuditEvent.objects.get(action="recommendation.response").changes["response"] == [
        "pending",
        "partially_accepted",
    ]


# ---------------------------------------------------------------- the citizen


@pytest.mark.parametrize("status", sorted(workflow.WITHDRAWABLE_STATUSES))
def test_citizen_withdraws_an_open_complaint(ombudsman, status):
    complaint = complaint_in_status(status, actor=ombudsman)
    services.complaint_withdraw(complaint=complaint, reason=" 기관과 원만히 해결되었습니다. ")
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.WITHDRAWN
    assert complaint.closed_at is not None
    event = complaint.events.filter(kind=CaseEvent.Kind.TRANSITION).last()
    assert event.actor is None
    assert event.public_message == "기관과 원만히 해결되었습니다."
    assert AuditEvent.objects.filter(action="case.transition").order_by("id").last().actor is None


def test_withdrawal_without_a_reason_gets_a_default_one():
    complaint = ComplaintFactory()
    services.complaint_withdraw(complaint=complaint)
    event = complaint.events.get(kind=CaseEvent.Kind.TRANSITION)
    assert event.reason
    assert event.public_message == ""


@pytest.mark.parametrize("status", [CaseStatus.FOLLOW_UP, CaseStatus.CLOSED, CaseStatus.WITHDRAWN])
def test_withdrawal_refused_late_in_the_case(ombudsman, status):
    complaint = complaint_in_status(status, actor=ombudsman)
    with pytest.raises(ValidationError):
        services.complaint_withdraw(complaint=complaint)
    complaint.refresh_from_db()
    assert complaint.status == status


def test_citizen_adds_information_to_an_open_complaint(private_media):
    complaint = ComplaintFactory()
    event = services.complaint_add_information(
        complaint=complaint,
        text=" 당시 녹음 파일이 있습니다. ",
        attachments=[SimpleUploadedFile("capture.png", png_bytes())],
    )
    assert event.kind == CaseEvent.Kind.INFORMATION_ADDED
    assert event.public_message == "당시 녹음 파일이 있습니다."
    assert event.is_public
    assert complaint.attachments.count() == 1
    assert AuditEvent.objects.get(action="complaint.add_information").changes == {"characters": 15, "attachments": 1}


def test_adding_information_needs_text_or_a_file_and_an_open_case(ombudsman, private_media, settings):
    complaint = ComplaintFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.complaint_add_information(complaint=complaint, text="  ")
    assert "text" in excinfo.value.message_dict
    settings.PORTAL_ATTACHMENT_MAX_COUNT = 1
    services.complaint_add_information(
        complaint=complaint, text="", attachments=[SimpleUploadedFile("a.png", png_bytes())]
    )
    with pytest.raises(ValidationError):
        services.complaint_add_information(
            complaint=complaint, text="사진 추가", attachments=[SimpleUploadedFile("b.png", png_bytes())]
        )
    closed = complaint_in_status(CaseStatus.CLOSED, actor=ombudsman)
    with pytest.raises(ValidationError, match="no longer open"):
        services.complaint_add_information(complaint=closed, text="추가 자료")
    assert not closed.events.filter(kind=CaseEvent.Kind.INFORMATION_ADDED).exists()


def test_survey_only_once_and_only_when_closed(ombudsman):
    open_case = complaint_in_status(CaseStatus.INVESTIGATING, actor=ombudsman)
    with pytest.raises(ValidationError, match="when the case is closed"):
        services.survey_submit(complaint=open_case, fairness=5, speed=5, clarity=5)
    dismissed = complaint_in_status(CaseStatus.DISMISSED, actor=ombudsman)
    with pytest.raises(ValidationError):
        services.survey_submit(complaint=dismissed, fairness=5, speed=5, clarity=5)

    closed = complaint_in_status(CaseStatus.CLOSED, actor=ombudsman)
    with pytest.raises(ValidationError) as excinfo:
        services.survey_submit(complaint=closed, fairness=0, speed=6, clarity=3)
    assert set(excinfo.value.message_dict) >= {"fairness", "speed"}
    survey = services.survey_submit(complaint=closed, fairness=4, speed=2, clarity=5, comment=" 친절했습니다 ")
    assert (survey.fairness, survey.speed, survey.clarity, survey.comment) == (4, 2, 5, "친절했습니다")
    with pytest.raises(ValidationError, match="already answered"):
        services.survey_submit(complaint=closed, fairness=1, speed=1, clarity=1)
    assert SatisfactionSurvey.objects.count() == 1
    assert closed.events.filter(kind=CaseEvent.Kind.SURVEY_ANSWERED, is_public=False).count() == 1
    assert AuditEvent.objects.filter(action="complaint.survey").count() == 1


# ---------------------------------------------------------------- the office


def test_assign_only_to_members_of_the_ombudsman_role(users, ombudsman):
    complaint = ComplaintFactory()
    colleague = UserFactory(username="ombudsman2", roles=[Role.OMBUDSMAN])
    for name in NOT_OMBUDSMAN:
        with pytest.raises(ValidationError) as excinfo:
            services.case_assign(complaint=complaint, handler=users[name], actor=ombudsman)
        assert "handler" in excinfo.value.message_dict
    services.case_assign(complaint=complaint, handler=colleague, actor=ombudsman)
    complaint.refresh_from_db()
    assert complaint.handler == colleague
    services.case_assign(complaint=complaint, handler=colleague, actor=ombudsman)  # no change, no event
    assert complaint.events.filter(kind=CaseEvent.Kind.ASSIGNED).count() == 1
    services.case_assign(complaint=complaint, handler=None, actor=ombudsman)
    complaint.refresh_from_db()
    assert complaint.handler is None
    assert [event.changes for event in AuditEvent.objects.filter(action="case.assign").order_by("id")] == [
        {"handler": [None, colleague.pk]},
        {"handler": [colleague.pk, None]},
    ]
    with pytest.raises(PermissionDenied):
        services.case_assign(complaint=complaint, handler=ombudsman, actor=users["office_staff"])


def test_notes_are_written_by_the_ombudsman_only(ombudsman, office_staff):
    complaint = ComplaintFactory()
    note = services.note_add(complaint=complaint, author=ombudsman, body=" 기관 담당자와 통화함 ")
    assert note.body == "기관 담당자와 통화함"
    with pytest.raises(ValidationError):
        services.note_add(complaint=complaint, author=ombudsman, body="  ")
    with pytest.raises(PermissionDenied):
        services.note_add(complaint=complaint, author=office_staff, body="메모")
    assert AuditEvent.objects.filter(action="case.note").count() == 1


def test_staff_attach_files(ombudsman, office_staff, private_media):
    complaint = ComplaintFactory()
    stored = services.attachment_add_by_staff(
        complaint=complaint, files=[SimpleUploadedFile("현장.png", png_bytes())], actor=ombudsman
    )
    assert stored[0].source == Attachment.Source.STAFF
    assert stored[0].uploaded_by == ombudsman
    with pytest.raises(PermissionDenied):
        services.attachment_add_by_staff(
            complaint=complaint, files=[SimpleUploadedFile("x.png", png_bytes())], actor=office_staff
        )


def test_identity_view_is_logged_with_the_fields_shown(users, ombudsman):
    complaint = ComplaintFactory(complainant_name="이영희", complainant_email="yh@example.com", complainant_phone="")
    services.identity_view_record(actor=ombudsman, complaint=complaint)
    access = PersonalDataAccess.objects.get()
    assert access.actor == ombudsman
    assert access.subject_id == str(complaint.pk)
    assert access.fields == ["complainant_email", "complainant_name"]
    for name in NOT_OMBUDSMAN:
        with pytest.raises(PermissionDenied):
            services.identity_view_record(actor=users[name], complaint=complaint)
    anonymous = ComplaintFactory(is_anonymous=True)
    services.identity_view_record(actor=ombudsman, complaint=anonymous)
    assert PersonalDataAccess.objects.count() == 1


# ---------------------------------------------------------------- counselling


def test_counselling_session_is_recorded(ombudsman, office_staff):
    groups = list(VulnerableGroup.objects.filter(code="psychiatric-patients"))
    rights = list(RightCategory.objects.filter(code__in=["privacy", "health"]))
    session = services.counselling_record(
        actor=ombudsman,
        held_on=today(),
        channel=CounsellingSession.SessionChannel.PHONE,
        topic="정신병원 CCTV",
        summary="병실에 CCTV가 있다는 보호자 상담",
        groups=groups,
        rights=rights,
    )
    assert session.counsellor == ombudsman
    assert session.outcome == CounsellingSession.Outcome.ADVICE_GIVEN
    assert set(session.rights.values_list("code", flat=True)) == {"privacy", "health"}
    assert AuditEvent.objects.filter(action="counselling.record").count() == 1
    with pytest.raises(ValidationError) as excinfo:
        services.counselling_record(
            actor=ombudsman, held_on=today() + datetime.timedelta(days=1), channel="phone", topic="미래"
        )
    assert "held_on" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.counselling_record(actor=ombudsman, held_on=today(), channel="fax", topic="")
    assert set(excinfo.value.message_dict) >= {"channel", "topic"}
    with pytest.raises(PermissionDenied):
        services.counselling_record(actor=office_staff, held_on=today(), channel="phone", topic="상담")


def test_case_registered_from_a_counselling_session(ombudsman, office_staff):
    session = services.counselling_record(
        actor=ombudsman,
        held_on=today(),
        channel=CounsellingSession.SessionChannel.VISIT,
        topic="입원 환자 폭행",
        summary="요양병원에서 보호사가 입원 환자를 때렸다는 가족의 상담",
        groups=list(VulnerableGroup.objects.filter(code="older-persons")),
        rights=list(RightCategory.objects.filter(code="life-security")),
    )
    with pytest.raises(PermissionDenied):
        services.counselling_register_case(session=session, actor=office_staff, respondent_agency="○○요양병원")
    submitted = services.counselling_register_case(
        session=session,
        actor=ombudsman,
        respondent_agency="○○요양병원",
        is_anonymous=True,
        consent_sensitive_data=True,
    )
    complaint = submitted.complaint
    session.refresh_from_db()
    assert session.complaint == complaint
    assert session.outcome == CounsellingSession.Outcome.CASE_REGISTERED
    assert complaint.channel == Channel.COUNSELLING
    assert complaint.registered_by == ombudsman
    assert complaint.title == "입원 환자 폭행"
    assert complaint.description.startswith("요양병원에서")
    assert list(complaint.rights.values_list("code", flat=True)) == ["life-security"]
    assert list(complaint.groups.values_list("code", flat=True)) == ["older-persons"]
    assert AuditEvent.objects.get(action="counselling.register_case").changes == {"complaint": complaint.receipt_code}
    with pytest.raises(ValidationError, match="already been registered"):
        services.counselling_register_case(
            session=session, actor=ombudsman, respondent_agency="○○요양병원", is_anonymous=True
        )
    assert Complaint.objects.count() == 1
