"""The office's pages: permissions per role, the identity rule, the staff journey, bad input, exports, queries."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from humanrights_portal.core.models import AuditEvent, PersonalDataAccess
from ombudsman import services
from ombudsman.models import CaseEvent, CaseStatus, Complaint, CounsellingSession, InternalNote
from tests.factories import ComplaintFactory, complaint_in_status

pytestmark = pytest.mark.django_db

ROLES = ["official", "other_official", "office_staff", "ombudsman", "committee_member", "administrator"]
ROLES_WITHOUT_CASES = ["official", "other_official", "administrator", "user_without_role"]
READ_ONLY_STAFF = ["office_staff", "committee_member"]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
TODAY = timezone.localdate()


def png(name="evidence.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


@pytest.fixture
def world(users, private_media):
    """A case with a recommendation, an attachment and a counselling session, made through the services."""
    ombudsman = users["ombudsman"]
    case = complaint_in_status("recommendation_issued", actor=ombudsman, complainant_name="홍길동")
    attachment = services.attachment_add_by_staff(complaint=case, files=[png()], actor=ombudsman)[0]
    session = services.counselling_record(
        actor=ombudsman, held_on=TODAY, channel="phone", topic="요양병원 면회 제한 상담", summary="면회 제한"
    )
    return {
        "case": case,
        "recommendation": case.recommendations.get(),
        "attachment": attachment,
        "session": session,
    }


def _urls(world):
    code = world["case"].receipt_code
    return {
        "case-list": reverse("ombudsman:case-list"),
        "export-csv": reverse("ombudsman:case-export", args=["csv"]),
        "export-xlsx": reverse("ombudsman:case-export", args=["xlsx"]),
        "case-detail": reverse("ombudsman:case-detail", args=[code]),
        "statistics": reverse("ombudsman:statistics"),
        "case-register": reverse("ombudsman:case-register"),
        "recommendation-new": reverse("ombudsman:recommendation-new", args=[code]),
        "counselling-list": reverse("ombudsman:counselling-list"),
        "counselling-new": reverse("ombudsman:counselling-new"),
        "counselling-detail": reverse("ombudsman:counselling-detail", args=[world["session"].pk]),
        "counselling-register-case": reverse("ombudsman:counselling-register-case", args=[world["session"].pk]),
        "attachment-download": reverse("ombudsman:attachment-download", args=[code, world["attachment"].pk]),
        "case-transition": reverse("ombudsman:case-transition", args=[code]),
        "case-assign": reverse("ombudsman:case-assign", args=[code]),
        "case-note-add": reverse("ombudsman:case-note-add", args=[code]),
        "case-attachment-add": reverse("ombudsman:case-attachment-add", args=[code]),
        "recommendation-response": reverse("ombudsman:recommendation-response", args=[world["recommendation"].pk]),
        "recommendation-implementation": reverse(
            "ombudsman:recommendation-implementation", args=[world["recommendation"].pk]
        ),
    }


#: Pages every case viewer reads (office staff and committee members included).
CASE_READ_PAGES = ["case-list", "export-csv", "export-xlsx", "case-detail"]
#: Pages of the ombudsman role only (GET).
OMBUDSMAN_PAGES = [
    "case-register",
    "recommendation-new",
    "counselling-list",
    "counselling-new",
    "counselling-detail",
    "counselling-register-case",
    "attachment-download",
]
#: POST-only actions of the ombudsman role.
ACTIONS = [
    "case-transition",
    "case-assign",
    "case-note-add",
    "case-attachment-add",
    "recommendation-response",
    "recommendation-implementation",
]
EVERY_PAGE = [*CASE_READ_PAGES, "statistics", *OMBUDSMAN_PAGES, *ACTIONS]


# ---------------------------------------------------------------- permissions


@pytest.mark.parametrize("page", EVERY_PAGE)
def test_anonymous_is_sent_to_login(client, world, page):
    url = _urls(world)[page]
    response = client.post(url) if page in ACTIONS else client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLES_WITHOUT_CASES)
@pytest.mark.parametrize("page", CASE_READ_PAGES + OMBUDSMAN_PAGES)
def test_roles_without_cases_get_403_on_pages(client_for, world, role, page):
    assert client_for(role).get(_urls(world)[page]).status_code == 403


@pytest.mark.parametrize("role", ROLES_WITHOUT_CASES + READ_ONLY_STAFF)
@pytest.mark.parametrize("page", [*ACTIONS, "recommendation-new"])
def test_only_the_ombudsman_may_act(client_for, world, role, page):
    before = CaseEvent.objects.count()
    assert client_for(role).post(_urls(world)[page], {"to": "closed", "reason": "x"}).status_code == 403
    assert CaseEvent.objects.count() == before


@pytest.mark.parametrize("role", [*READ_ONLY_STAFF, "ombudsman"])
@pytest.mark.parametrize("page", [*CASE_READ_PAGES, "statistics"])
def test_case_viewers_read_the_read_pages(client_for, world, role, page):
    assert client_for(role).get(_urls(world)[page]).status_code == 200


@pytest.mark.parametrize("role", READ_ONLY_STAFF)
@pytest.mark.parametrize("page", OMBUDSMAN_PAGES)
def test_read_only_staff_get_403_on_ombudsman_pages(client_for, world, role, page):
    assert client_for(role).get(_urls(world)[page]).status_code == 403


@pytest.mark.parametrize("page", OMBUDSMAN_PAGES)
def test_ombudsman_opens_every_ombudsman_page(client_for, world, page):
    assert client_for("ombudsman").get(_urls(world)[page]).status_code == 200


@pytest.mark.parametrize("page", ACTIONS)
def test_actions_are_post_only(client_for, world, page):
    assert client_for("ombudsman").get(_urls(world)[page]).status_code == 405


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("official", 200),
        ("other_official", 200),
        ("administrator", 200),
        ("office_staff", 200),
        ("committee_member", 200),
        ("ombudsman", 200),
        ("user_without_role", 403),
    ],
)
def test_statistics_for_every_staff_role(client_for, world, role, status):
    assert client_for(role).get(reverse("ombudsman:statistics")).status_code == status


def test_unknown_case_attachment_and_format_give_404(client_for, world):
    client = client_for("ombudsman")
    code = world["case"].receipt_code
    assert client.get(reverse("ombudsman:case-detail", args=["HR-1999-99999"])).status_code == 404
    assert client.get(reverse("ombudsman:attachment-download", args=[code, 999999])).status_code == 404
    assert client.get(reverse("ombudsman:case-export", args=["pdf"])).status_code == 404
    assert client.get(reverse("ombudsman:counselling-detail", args=[999999])).status_code == 404
    assert client.post(reverse("ombudsman:recommendation-response", args=[999999])).status_code == 404


# ---------------------------------------------------------------- the identity rule


def test_ombudsman_sees_the_identity_and_each_view_is_logged(client_for, world, users):
    client = client_for("ombudsman")
    url = reverse("ombudsman:case-detail", args=[world["case"].receipt_code])
    for expected in (1, 2):
        html = client.get(url).content.decode()
        assert "홍길동" in html
        assert world["case"].complainant_email in html
        accesses = PersonalDataAccess.objects.filter(subject_id=str(world["case"].pk))
        assert accesses.count() == expected
    access = accesses.first()
    assert access.actor == users["ombudsman"]
    assert access.fields == ["complainant_email", "complainant_name"]


@pytest.mark.parametrize("role", READ_ONLY_STAFF)
def test_office_and_committee_never_see_the_identity(client_for, world, role):
    client = client_for(role)
    html = client.get(reverse("ombudsman:case-detail", args=[world["case"].receipt_code])).content.decode()
    assert "홍길동" not in html
    assert world["case"].complainant_email not in html
    assert "data-complainant-identity" not in html
    # Internals stay with the ombudsman too: notes, attachments, forms.
    assert "evidence.png" not in html
    assert 'name="csrfmiddlewaretoken"' not in html.split("<main", 1)[1]
    assert not PersonalDataAccess.objects.exists()
    list_html = client.get(reverse("ombudsman:case-list")).content.decode()
    assert "홍길동" not in list_html
    assert world["case"].receipt_code in list_html


def test_case_list_never_shows_names_even_to_the_ombudsman(client_for, world):
    html = client_for("ombudsman").get(reverse("ombudsman:case-list")).content.decode()
    assert world["case"].receipt_code in html
    assert "홍길동" not in html
    assert not PersonalDataAccess.objects.exists()


# ---------------------------------------------------------------- the staff journey


def _post(client, name, *args, data=None, **kwargs):
    return client.post(reverse(f"ombudsman:{name}", args=args), data or {}, **kwargs)


def test_staff_journey_screen_investigate_recommend_respond_follow_up_close(client_for, users):
    client = client_for("ombudsman")
    case = ComplaintFactory(complainant_name="김민원")
    code = case.receipt_code
    detail = reverse("ombudsman:case-detail", args=[code])

    response = _post(client, "case-transition", code, data={"to": "screening", "expected_status": "received"})
    assert response.status_code == 303
    assert response["Location"] == detail
    case.refresh_from_db()
    assert case.status == CaseStatus.SCREENING

    response = _post(client, "case-assign", code, data={"handler": users["ombudsman"].pk})
    assert response.status_code == 303
    case.refresh_from_db()
    assert case.handler == users["ombudsman"]

    response = _post(client, "case-note-add", code, data={"body": "기관에 자료 요청 예정"})
    assert response.status_code == 303
    assert InternalNote.objects.get(complaint=case).body == "기관에 자료 요청 예정"

    response = _post(
        client,
        "case-transition",
        code,
        data={"to": "investigating", "expected_status": "screening", "public_message": "조사를 시작합니다."},
    )
    assert response.status_code == 303
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING
    assert case.events.filter(to_status="investigating", public_message="조사를 시작합니다.").exists()

    response = _post(
        client,
        "recommendation-new",
        code,
        data={
            "agency": "광주광역시청",
            "text": "민원실 출입 경사로를 상시 개방할 것을 권고합니다.",
            "public_summary": "경사로 개방 권고",
            "response_due": (TODAY + datetime.timedelta(days=60)).isoformat(),
        },
    )
    assert response.status_code == 303
    case.refresh_from_db()
    assert case.status == CaseStatus.RECOMMENDATION_ISSUED
    recommendation = case.recommendations.get()
    assert recommendation.agency == "광주광역시청"

    response = _post(
        client,
        "recommendation-response",
        recommendation.pk,
        data={
            f"rec{recommendation.pk}-response-response": "accepted",
            f"rec{recommendation.pk}-response-response_date": TODAY.isoformat(),
            f"rec{recommendation.pk}-response-response_text": "수용합니다.",
        },
    )
    assert response.status_code == 303
    recommendation.refresh_from_db()
    assert recommendation.response == "accepted"
    assert recommendation.response_text == "수용합니다."

    response = _post(
        client, "case-transition", code, data={"to": "follow_up", "expected_status": "recommendation_issued"}
    )
    assert response.status_code == 303
    case.refresh_from_db()
    assert case.status == CaseStatus.FOLLOW_UP

    prefix = f"rec{recommendation.pk}-implementation"
    response = _post(
        client,
        "recommendation-implementation",
        recommendation.pk,
        data={
            f"{prefix}-implemented": "yes",
            f"{prefix}-implemented_on": TODAY.isoformat(),
            f"{prefix}-evidence": "사진",
        },
    )
    assert response.status_code == 303
    recommendation.refresh_from_db()
    assert recommendation.implemented is True
    assert recommendation.implemented_on == TODAY

    response = _post(
        client,
        "case-transition",
        code,
        data={"to": "closed", "expected_status": "follow_up", "reason": "권고 이행 확인"},
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain == [(detail, 303)]
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closed_at is not None
    assert case.events.get(to_status="closed").reason == "권고 이행 확인"
    html = response.content.decode()
    assert "권고 이행 확인" in html  # the staff timeline shows reasons
    assert reverse("ombudsman:case-transition", args=[code]) not in html  # a closed case offers no transition


def test_attachments_upload_and_download_with_access_log(client_for, users, private_media):
    case = complaint_in_status("investigating", actor=users["ombudsman"])
    client = client_for("ombudsman")
    response = _post(
        client, "case-attachment-add", case.receipt_code, data={"attachments": [png("a.png"), png("사진.png")]}
    )
    assert response.status_code == 303
    attachments = list(case.attachments.order_by("id"))
    assert [attachment.original_name for attachment in attachments] == ["a.png", "사진.png"]

    url = reverse("ombudsman:attachment-download", args=[case.receipt_code, attachments[1].pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    access = PersonalDataAccess.objects.get()
    assert access.fields == [f"attachment:{attachments[1].pk}"]
    assert access.purpose == "evidence download"

    assert client_for("office_staff").get(url).status_code == 403
    assert client_for("committee_member").get(url).status_code == 403
    assert PersonalDataAccess.objects.count() == 1


def test_attachment_of_the_wrong_type_is_refused_at_the_field(client_for, users, private_media):
    case = complaint_in_status("investigating", actor=users["ombudsman"])
    bad = SimpleUploadedFile("virus.png", b"MZ\x90\x00 not an image", content_type="image/png")
    response = _post(client_for("ombudsman"), "case-attachment-add", case.receipt_code, data={"attachments": [bad]})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_attachments-error"' in html
    assert "virus.png" in html
    assert not case.attachments.exists()


def test_staff_registers_a_phone_complaint_and_sees_the_key_once(client_for, users, private_media):
    response = _post(
        client_for("ombudsman"),
        "case-register",
        data={
            "channel": "phone",
            "complainant_name": "이전화",
            "complainant_phone": "010-1234-5678",
            "on_behalf_of": "self",
            "title": "주민센터 수어통역 미제공",
            "description": "주민센터에서 수어통역을 요청했으나 제공되지 않았습니다.",
            "respondent_agency": "북구 주민센터",
            "rights": ["equality"],
            "consent_personal_data": "on",
            "consent_sensitive_data": "on",
            "attachments": [png()],
        },
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    complaint = Complaint.objects.get(title="주민센터 수어통역 미제공")
    assert complaint.channel == "phone"
    assert complaint.registered_by == users["ombudsman"]
    assert complaint.attachments.count() == 1
    html = response.content.decode()
    assert complaint.receipt_code in html
    key = html.split("data-secret-key>")[1].split("<")[0]
    assert services.secret_key_matches(complaint, key)


def test_register_form_errors_keep_what_was_typed(client_for):
    response = _post(
        client_for("ombudsman"),
        "case-register",
        data={
            "channel": "online",
            "complainant_name": "박방문",
            "title": "",
            "description": "설명은 남아 있어야 합니다",
            "respondent_agency": "시청",
            "on_behalf_of": "self",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_channel-error"' in html  # online is not a staff channel
    assert 'id="id_title-error"' in html
    assert "설명은 남아 있어야 합니다" in html
    assert "박방문" in html
    assert not Complaint.objects.exists()

    response = _post(
        client_for("ombudsman"),
        "case-register",
        data={
            "channel": "visit",
            "complainant_name": "박방문",
            "title": "제목",
            "description": "설명",
            "respondent_agency": "시청",
            "on_behalf_of": "self",
            "incident_date": "2026-13-45",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_incident_date-error"' in html

    response = _post(
        client_for("ombudsman"),
        "case-register",
        data={"channel": "visit", "complainant_name": "박방문", "title": "제목", "description": "설명"}
        | {"respondent_agency": "시청", "on_behalf_of": "self"},
    )
    assert response.status_code == 400  # the service: contact and consent needed
    html = response.content.decode()
    assert 'id="id_complainant_email-error"' in html
    assert 'id="id_consent_sensitive_data-error"' in html
    assert not Complaint.objects.exists()


def test_counselling_record_and_register_a_case(client_for, users):
    client = client_for("ombudsman")
    response = _post(
        client,
        "counselling-new",
        data={
            "held_on": TODAY.isoformat(),
            "channel": "visit",
            "topic": "정신요양시설 CCTV 설치",
            "summary": "입원 환자 사생활 침해 우려",
            "outcome": "advice_given",
            "groups": ["persons-with-disabilities"],
        },
    )
    assert response.status_code == 303
    session = CounsellingSession.objects.get()
    assert response["Location"] == session.get_absolute_url()
    assert session.counsellor == users["ombudsman"]

    register_url = reverse("ombudsman:counselling-register-case", args=[session.pk])
    html = client.get(register_url).content.decode()
    assert "정신요양시설 CCTV 설치" in html  # prefilled from the session

    response = client.post(
        register_url,
        {
            "is_anonymous": "on",
            "on_behalf_of": "group",
            "affected_party": "입원 환자들",
            "title": "정신요양시설 CCTV 설치",
            "description": "입원 환자 사생활 침해 우려",
            "respondent_agency": "○○정신요양원",
            "consent_sensitive_data": "on",
        },
    )
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.complaint is not None
    assert session.complaint.channel == "counselling"
    assert session.outcome == "case_registered"
    assert session.complaint.receipt_code in response.content.decode()

    # A second registration from the same session is refused with a message, not a 500.
    response = client.post(
        register_url,
        {
            "is_anonymous": "on",
            "on_behalf_of": "self",
            "title": "t",
            "description": "d",
            "respondent_agency": "a",
            "consent_sensitive_data": "on",
        },
    )
    assert response.status_code == 400
    assert Complaint.objects.count() == 1


def test_counselling_bad_input(client_for):
    client = client_for("ombudsman")
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    response = _post(
        client, "counselling-new", data={"held_on": tomorrow, "channel": "phone", "topic": "주제", "outcome": "x"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_outcome-error"' in html
    response = _post(
        client,
        "counselling-new",
        data={"held_on": tomorrow, "channel": "phone", "topic": "주제", "outcome": "advice_given"}
        | {"receipt_code": "HR-1999-00001"},
    )
    assert response.status_code == 400
    assert 'id="id_receipt_code-error"' in response.content.decode()
    response = _post(
        client,
        "counselling-new",
        data={"held_on": tomorrow, "channel": "phone", "topic": "주제"} | {"outcome": "referred"},
    )
    assert response.status_code == 400
    assert 'id="id_held_on-error"' in response.content.decode()
    assert not CounsellingSession.objects.exists()
    response = client.get(reverse("ombudsman:counselling-list"), {"year": "abc", "held_after": "2026-13-45"})
    assert response.status_code == 400
    assert 'id="id_year-error"' in response.content.decode()


# ---------------------------------------------------------------- bad input on the case page


@pytest.fixture
def received(db):
    return ComplaintFactory()


def test_transition_not_allowed_is_a_field_error(client_for, received):
    response = _post(
        client_for("ombudsman"),
        "case-transition",
        received.receipt_code,
        data={"to": "follow_up", "expected_status": "received", "reason": "적어 둔 사유"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_to-error"' in html
    assert "적어 둔 사유" in html
    assert "data-error-summary" in html
    received.refresh_from_db()
    assert received.status == CaseStatus.RECEIVED

    response = _post(
        client_for("ombudsman"), "case-transition", received.receipt_code, data={"to": "nope", "expected_status": "x"}
    )
    assert response.status_code == 400
    assert 'id="id_to-error"' in response.content.decode()


def test_missing_reason_is_asked_for_and_the_message_kept(client_for, received):
    response = _post(
        client_for("ombudsman"),
        "case-transition",
        received.receipt_code,
        data={"to": "dismissed", "expected_status": "received", "public_message": "각하 안내문"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_reason-error"' in html
    assert "각하 안내문" in html
    received.refresh_from_db()
    assert received.status == CaseStatus.RECEIVED


def test_stale_expected_status_is_refused(client_for, received, users):
    services.case_transition(complaint=received, to="screening", actor=users["ombudsman"])
    response = _post(
        client_for("ombudsman"),
        "case-transition",
        received.receipt_code,
        data={"to": "dismissed", "expected_status": "received", "reason": "중복"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "data-error-summary" in html
    assert 'name="expected_status" value="screening"' in html  # a resubmission applies to what is shown now
    received.refresh_from_db()
    assert received.status == CaseStatus.SCREENING


def test_recommendation_bad_dates(client_for, users):
    case = complaint_in_status("investigating", actor=users["ombudsman"])
    client = client_for("ombudsman")
    data = {"agency": "시청", "text": "권고 본문은 남는다", "response_due": "2026-13-45"}
    response = _post(client, "recommendation-new", case.receipt_code, data=data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_response_due-error"' in html
    assert "권고 본문은 남는다" in html
    data["response_due"] = (TODAY - datetime.timedelta(days=1)).isoformat()
    response = _post(client, "recommendation-new", case.receipt_code, data=data)
    assert response.status_code == 400
    assert 'id="id_response_due-error"' in response.content.decode()
    assert not case.recommendations.exists()

    # On a received case, recommendations are refused with a message at the top.
    received = ComplaintFactory()
    data["response_due"] = TODAY.isoformat()
    response = _post(client, "recommendation-new", received.receipt_code, data=data)
    assert response.status_code == 400
    assert "data-error-summary" in response.content.decode()


def test_response_and_implementation_bad_input(client_for, users):
    case = complaint_in_status("recommendation_issued", actor=users["ombudsman"])
    recommendation = case.recommendations.get()
    client = client_for("ombudsman")
    prefix = f"rec{recommendation.pk}-response"
    response = _post(
        client,
        "recommendation-response",
        recommendation.pk,
        data={f"{prefix}-response": "accepted", f"{prefix}-response_date": (TODAY + datetime.timedelta(days=3))},
    )
    assert response.status_code == 400
    assert f'id="id_{prefix}-response_date-error"' in response.content.decode()
    response = _post(client, "recommendation-response", recommendation.pk, data={f"{prefix}-response": "pending"})
    assert response.status_code == 400
    assert f'id="id_{prefix}-response-error"' in response.content.decode()

    implementation = f"rec{recommendation.pk}-implementation"
    response = _post(
        client, "recommendation-implementation", recommendation.pk, data={f"{implementation}-implemented": "yes"}
    )
    assert response.status_code == 400  # the response must be recorded first
    assert "data-error-summary" in response.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.response == "pending"
    assert recommendation.implemented is None


def test_note_and_assign_bad_input(client_for, received):
    client = client_for("ombudsman")
    response = _post(client, "case-note-add", received.receipt_code, data={"body": ""})
    assert response.status_code == 400
    assert 'id="id_body-error"' in response.content.decode()
    response = _post(client, "case-assign", received.receipt_code, data={"handler": "999999"})
    assert response.status_code == 400
    assert 'id="id_handler-error"' in response.content.decode()


# ---------------------------------------------------------------- list filters and exports


def test_invalid_filters_give_400_with_field_errors(client_for, world):
    client = client_for("ombudsman")
    response = client.get(
        reverse("ombudsman:case-list"),
        {"year": "abc", "status": "nope", "received_after": "2026-13-45", "handler": "x", "page": "zz"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    for field in ("year", "status", "received_after", "handler"):
        assert f'id="id_{field}-error"' in html or f'id="id_{field}_0' in html
    assert "data-error-summary" in html
    assert client.get(reverse("ombudsman:case-export", args=["csv"]), {"year": "abc"}).status_code == 400
    assert client.get(reverse("ombudsman:statistics"), {"year": "abc"}).status_code == 400
    assert client.get(reverse("ombudsman:statistics"), {"year": "99999"}).status_code == 400


def test_filters_and_pagination(client_for, users):
    ombudsman = users["ombudsman"]
    for number in range(27):
        ComplaintFactory(title=f"경찰 요청 개인정보 제공 {number}" if number < 2 else f"기타 민원 {number}")
    complaint_in_status("screening", actor=ombudsman, title="요양병원 폭행")
    client = client_for("ombudsman")
    html = client.get(reverse("ombudsman:case-list"), {"q": "경찰"}).content.decode()
    assert html.count("경찰 요청 개인정보 제공") == 2
    html = client.get(reverse("ombudsman:case-list"), {"status": "screening"}).content.decode()
    assert "요양병원 폭행" in html
    assert "기타 민원" not in html
    first = client.get(reverse("ombudsman:case-list")).content.decode()
    assert first.count('<th scope="row">') == 25
    assert "page=2" in first
    second = client.get(reverse("ombudsman:case-list"), {"page": "2"}).content.decode()
    assert second.count('<th scope="row">') == 3
    assert 'aria-current="page"' in second


def test_csv_export_has_bom_header_rows_and_no_names(client_for, users):
    ombudsman = users["ombudsman"]
    ComplaintFactory(title="첫 번째 민원", complainant_name="홍길동")
    complaint_in_status("screening", actor=ombudsman, title="두 번째 민원", complainant_name="김철수")
    response = client_for("ombudsman").get(reverse("ombudsman:case-export", args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(rows) == 3
    assert len(rows[0]) == len(rows[1])
    assert {row[1] for row in rows[1:]} == {"첫 번째 민원", "두 번째 민원"}
    assert "홍길동" not in body
    assert "김철수" not in body
    audit = AuditEvent.objects.get(action="case.export")
    assert audit.changes["rows"] == 2
    assert audit.actor == ombudsman

    filtered = client_for("committee_member").get(
        reverse("ombudsman:case-export", args=["csv"]), {"status": "screening"}
    )
    body = b"".join(filtered.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert [row[1] for row in rows[1:]] == ["두 번째 민원"]
    assert AuditEvent.objects.get(action="case.export", actor=users["committee_member"]).changes["filters"] == {
        "status": ["screening"]
    }


def test_xlsx_export_loads_and_has_no_names(client_for, users):
    from openpyxl import load_workbook

    ComplaintFactory(title='=HYPERLINK("x")', complainant_name="홍길동")
    ComplaintFactory(title="두 번째", complainant_name="김철수")
    response = client_for("office_staff").get(reverse("ombudsman:case-export", args=["xlsx"]), {"q": "두"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][1] == "두 번째"
    flat = " ".join(str(cell) for row in rows for cell in row)
    assert "홍길동" not in flat
    assert "김철수" not in flat

    all_rows = client_for("office_staff").get(reverse("ombudsman:case-export", args=["xlsx"]))
    rows = list(load_workbook(io.BytesIO(all_rows.content), read_only=True).active.iter_rows(values_only=True))
    assert '\'=HYPERLINK("x")' in [row[1] for row in rows]  # a formula is defused


# ---------------------------------------------------------------- query counts


def _list_queries(client, django_assert_num_queries, url, count, params=None):
    client.get(url, params or {})  # warm caches (content types, sessions)
    with django_assert_num_queries(count):
        assert client.get(url, params or {}).status_code == 200


@pytest.mark.parametrize("cases", [3, 30])
def test_case_list_query_count_does_not_grow(client_for, users, django_assert_num_queries, cases):
    for number in range(cases):
        ComplaintFactory(title=f"민원 {number}")
    services.case_assign(complaint=Complaint.objects.first(), handler=users["ombudsman"], actor=users["ombudsman"])
    client = client_for("ombudsman")
    # session, user with roles, one page of rows; the filter form (with the handler, right and group choices) and
    # the overdue count were made by the warm-up request and are kept in memory (ombudsman.fragments)
    _list_queries(client, django_assert_num_queries, reverse("ombudsman:case-list"), 3)
    _list_queries(client, django_assert_num_queries, reverse("ombudsman:case-list"), 3, {"status": "received"})


def test_the_unfiltered_list_runs_its_kept_sql_afresh_and_filtered_ones_compile_as_usual(client_for, users):
    from unittest import mock

    from django.db.models.sql.compiler import SQLCompiler

    ComplaintFactory(title="처음 민원")
    client = client_for("ombudsman")
    url = reverse("ombudsman:case-list")
    assert "처음 민원" in client.get(url).content.decode()
    newest = ComplaintFactory(title="나중 민원")
    with mock.patch.object(SQLCompiler, "pre_sql_setup", autospec=True, side_effect=SQLCompiler.pre_sql_setup) as setup:
        html = client.get(url).content.decode()
    queries = [call.args[0].query for call in setup.call_args_list]
    assert not [
        query for query in queries if query.model is Complaint and query.values_select
    ]  # the rows: the kept SQL, run afresh (session, user, overdue count compile as usual)
    assert html.index(newest.receipt_code) < html.index("처음 민원")
    searched = client.get(url, {"q": "나중"}).content.decode()
    assert "나중 민원" in searched
    assert "처음 민원" not in searched


def test_case_list_first_render_queries_the_choices(client_for, users, django_assert_num_queries):
    ComplaintFactory()
    client = client_for("ombudsman")
    url = reverse("ombudsman:case-list")
    # the first view of a filter combination also reads the handler, right and group choices (and the first
    # view of all counts the overdue cases)
    with django_assert_num_queries(7):
        assert client.get(url, {"status": "screening"}).status_code == 200
    with django_assert_num_queries(3):
        assert client.get(url, {"status": "screening"}).status_code == 200


def test_kept_filter_form_follows_the_query_string_and_the_language(client_for, users):
    from django.conf import settings

    ComplaintFactory()
    client = client_for("ombudsman")
    url = reverse("ombudsman:case-list")
    checked = 'value="screening" id="id_status_1" checked'
    handler_selected = f'<option value="{users["ombudsman"].pk}" selected>'
    assert checked not in client.get(url).content.decode()
    assert checked in client.get(url, {"status": "screening"}).content.decode()
    html = client.get(url, {"handler": users["ombudsman"].pk}).content.decode()
    assert handler_selected in html
    assert checked not in html
    html = client.get(url).content.decode()
    assert checked not in html
    assert handler_selected not in html
    assert "침해된 권리" in html  # the kept fields are per language
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(url).content.decode()
    assert "Right affected" in html
    assert "침해된 권리" not in html


def test_kept_forms_show_a_new_handler_and_a_renamed_right(client_for, users, world):
    from humanrights_portal.core.models import RightCategory
    from humanrights_portal.core.roles import Role
    from tests.factories import UserFactory

    client = client_for("ombudsman")
    list_url = reverse("ombudsman:case-list")
    detail_url = reverse("ombudsman:case-detail", args=[world["case"].receipt_code])
    client.get(list_url)
    client.get(detail_url)
    newcomer = UserFactory(username="newcomer", display_name="새 조사관", roles=[Role.OMBUDSMAN])
    assert "새 조사관" in client.get(list_url).content.decode()
    assert "새 조사관" in client.get(detail_url).content.decode()
    newcomer.groups.clear()
    assert "새 조사관" not in client.get(list_url).content.decode()
    right = RightCategory.objects.active().first()
    right.name_ko = "바뀐 권리 이름"
    right.save()
    assert "바뀐 권리 이름" in client.get(list_url).content.decode()


def test_invalid_filters_are_rendered_with_their_errors_each_time(client_for, users):
    client = client_for("ombudsman")
    url = reverse("ombudsman:case-list")
    for _attempt in range(2):
        html = client.get(url, {"year": "abc"}).content.decode()
        assert 'id="id_year-error"' in html
        assert 'value="abc"' in html
    assert 'id="id_year-error"' not in client.get(url, {"year": "2026"}).content.decode()


@pytest.mark.parametrize("cases", [3, 30])
def test_export_query_count_does_not_grow(client_for, django_assert_num_queries, cases):
    for number in range(cases):
        ComplaintFactory(title=f"민원 {number}")
    _list_queries(
        client_for("ombudsman"), django_assert_num_queries, reverse("ombudsman:case-export", args=["xlsx"]), 6
    )


def test_case_detail_query_count(client_for, world, django_assert_num_queries):
    client = client_for("ombudsman")
    url = reverse("ombudsman:case-detail", args=[world["case"].receipt_code])
    # the blank action forms (and the handler choices) were rendered by the warm-up request
    _list_queries(client, django_assert_num_queries, url, 11)
    _list_queries(client_for("committee_member"), django_assert_num_queries, url, 8)


def test_case_detail_first_render_queries_the_handlers(client_for, world, django_assert_num_queries):
    client = client_for("ombudsman")
    url = reverse("ombudsman:case-detail", args=[world["case"].receipt_code])
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("sessions", [3, 30])
def test_counselling_list_query_count(client_for, users, django_assert_num_queries, sessions):
    for number in range(sessions):
        session = services.counselling_record(
            actor=users["ombudsman"], held_on=TODAY, channel="phone", topic=f"상담 {number}", groups=[]
        )
    services.counselling_register_case(
        session=session,
        actor=users["ombudsman"],
        respondent_agency="시청",
        is_anonymous=True,
        consent_sensitive_data=True,
    )
    _list_queries(client_for("ombudsman"), django_assert_num_queries, reverse("ombudsman:counselling-list"), 5)


@pytest.mark.parametrize("cases", [3, 30])
def test_statistics_query_count(client_for, users, django_assert_num_queries, cases):
    for number in range(cases):
        ComplaintFactory(title=f"민원 {number}")
    complaint_in_status("closed", actor=users["ombudsman"])
    _list_queries(client_for("committee_member"), django_assert_num_queries, reverse("ombudsman:statistics"), 16)
    _list_queries(
        client_for("committee_member"), django_assert_num_queries, reverse("ombudsman:statistics"), 16, {"year": "2026"}
    )


def test_statistics_page_shows_the_figures(client_for, users):
    complaint_in_status("closed", actor=users["ombudsman"], respondent_agency="광주광역시 북구청")
    ComplaintFactory()
    html = client_for("office_staff").get(reverse("ombudsman:statistics")).content.decode()
    assert 'data-figure="received">2<' in html
    assert 'data-figure="closed">1<' in html
    assert "광주광역시 북구청" in html
    assert "<caption>" in html
    assert 'scope="row"' in html


def test_admin_lists_cases_read_only_without_identities(client_for, world):
    client = client_for("administrator")
    case = world["case"]
    response = client.get(reverse("admin:ombudsman_complaint_changelist"))
    assert response.status_code == 200
    assert case.receipt_code in response.content.decode()
    response = client.get(reverse("admin:ombudsman_complaint_change", args=[case.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert case.title in html
    assert "홍길동" not in html
    assert case.complainant_email not in html
    assert case.secret_key_hash not in html
    assert client.get(reverse("admin:ombudsman_complaint_add")).status_code == 403
    for name in ("counsellingsession", "recommendation", "satisfactionsurvey"):
        assert client.get(reverse(f"admin:ombudsman_{name}_changelist")).status_code == 200
