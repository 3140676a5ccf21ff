"""The ombudsman REST API: citizens' submission and tracking, the office's case work, permissions."""

import datetime
import json

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from humanrights_portal.core.models import PersonalDataAccess, RightCategory, VulnerableGroup
from ombudsman import selectors, services
from ombudsman.api.views import EstimatedCountPaginator
from ombudsman.models import CaseStatus, Complaint, CounsellingSession
from tests.factories import ComplaintFactory, complaint_in_status, png_bytes

pytestmark = pytest.mark.django_db

ROLES = [None, "official", "other_official", "office_staff", "committee_member", "ombudsman", "administrator"]
CASE_READERS = {"office_staff", "committee_member", "ombudsman"}
STATISTICS_READERS = {"official", "other_official", "office_staff", "committee_member", "ombudsman", "administrator"}

SUBMIT = "/api/v1/complaints/"
STATUS = "/api/v1/complaints/status/"


def payload(**overrides):
    data = {
        "title": "경찰에 개인정보 제공",
        "description": "구청이 경찰의 요청을 받고 제 주소와 전화번호를 영장 없이 넘겼습니다.",
        "respondent_agency": "광주광역시 서구청",
        "is_anonymous": False,
        "complainant_name": "김민원",
        "complainant_email": "minwon@example.com",
        "consent_personal_data": True,
        "consent_sensitive_data": True,
    }
    data.update(overrides)
    return data


def body_text(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


# ---------------------------------------------------------------- submission


def test_anonymous_submission_returns_receipt_and_key_once(api_client_for):
    api = api_client_for(None)
    response = api.post(
        SUBMIT,
        payload(rights=["privacy", "due-process"], groups=["older-persons"], incident_date="2026-01-05"),
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert set(body) == {"receipt_code", "secret_key", "status", "received_at"}
    assert body["status"] == "received"
    complaint = Complaint.objects.get(receipt_code=body["receipt_code"])
    assert complaint.complainant_name == "김민원"
    assert {right.code for right in complaint.rights.all()} == {"privacy", "due-process"}
    assert (
        selectors.complaint_for_citizen(receipt_code=body["receipt_code"], secret_key=body["secret_key"]) == complaint
    )
    assert body["secret_key"] not in complaint.secret_key_hash


def test_anonymous_complaint_needs_no_contact(api_client_for):
    data = {key: value for key, value in payload(is_anonymous=True).items() if not key.startswith("complainant")}
    response = api_client_for(None).post(SUBMIT, {**data, "consent_personal_data": False}, format="json")
    assert response.status_code == 201
    assert Complaint.objects.get(receipt_code=response.json()["receipt_code"]).is_anonymous


def test_submission_with_attachment_as_multipart(api_client_for, private_media):
    data = payload(rights=["privacy", "dignity"], on_behalf_of="other_person", affected_party="어머니")
    data["attachments"] = [SimpleUploadedFile("사진.png", png_bytes(), content_type="image/png")]
    response = api_client_for(None).post(SUBMIT, data, format="multipart")
    assert response.status_code == 201, response.json()
    complaint = Complaint.objects.get(receipt_code=response.json()["receipt_code"])
    assert {right.code for right in complaint.rights.all()} == {"privacy", "dignity"}
    assert complaint.affected_party == "어머니"
    assert complaint.consent_personal_data
    attachment = complaint.attachments.get()
    assert attachment.original_name == "사진.png"
    assert attachment.content_type == "image/png"


def test_attachment_type_is_checked_by_content(api_client_for, private_media):
    data = payload()
    data["attachments"] = [SimpleUploadedFile("evil.png", b"#!/bin/sh\nrm -rf /\n", content_type="image/png")]
    response = api_client_for(None).post(SUBMIT, data, format="multipart")
    assert response.status_code == 400
    assert "attachments" in response.json()
    assert not Complaint.objects.exists()


def test_invalid_submission_gives_field_errors(api_client_for):
    api = api_client_for(None)
    response = api.post(
        SUBMIT, {"description": "", "rights": ["no-such-right"], "incident_date": "어제"}, format="json"
    )
    assert response.status_code == 400
    assert {"title", "description", "respondent_agency", "rights", "incident_date"} <= set(response.json())
    rules = api.post(
        SUBMIT,
        payload(complainant_name="", complainant_email="", consent_sensitive_data=False, on_behalf_of="group"),
        format="json",
    )
    assert rules.status_code == 400
    assert {"complainant_name", "complainant_email", "consent_sensitive_data", "affected_party"} <= set(rules.json())
    future = api.post(SUBMIT, payload(incident_date="2999-01-01"), format="json")
    assert future.status_code == 400
    assert "incident_date" in future.json()
    assert not Complaint.objects.exists()


def test_honeypot_is_refused(api_client_for):
    response = api_client_for(None).post(SUBMIT, payload(website="http://spam.example"), format="json")
    assert response.status_code == 400
    assert "website" in response.json()
    assert not Complaint.objects.exists()


def test_malformed_json_is_400(api_client_for):
    response = api_client_for(None).post(SUBMIT, data='{"title": ', content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_submission_is_rate_limited_per_address_shared_with_the_form(api_client_for, client, settings):
    settings.PORTAL_COMPLAINT_SUBMIT_RATE = "2/m"
    api = api_client_for(None)
    assert api.post(SUBMIT, payload(), format="json").status_code == 201
    assert api.post(SUBMIT, {}, format="json").status_code == 400  # every attempt counts
    limited = api.post(SUBMIT, payload(), format="json")
    assert limited.status_code == 429
    assert "detail" in limited.json()
    assert Complaint.objects.count() == 1
    assert client.post("/complaints/new/", {}).status_code == 429  # the HTML form shares the limit


# ---------------------------------------------------------------- the citizen's status


@pytest.fixture
def tracked(users):
    """A complaint under review, with a handler, an internal note and an internal reason."""
    ombudsman = users["ombudsman"]
    complaint = ComplaintFactory(
        title="시청 출입 제한", complainant_name="박비밀", complainant_email="secret@example.com"
    )
    services.case_assign(complaint=complaint, handler=ombudsman, actor=ombudsman)
    services.case_transition(
        complaint=complaint,
        to=CaseStatus.SCREENING,
        actor=ombudsman,
        reason="내부 검토 사유",
        public_message="검토를 시작했습니다.",
    )
    services.note_add(complaint=complaint, author=ombudsman, body="담당자만 보는 메모")
    return complaint


def test_status_lookup_shows_public_information_only(api_client_for, tracked, users):
    api = api_client_for(None)
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = api.post(STATUS, {"receipt_code": tracked.receipt_code, "secret_key": tracked.secret_key}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["receipt_code"] == tracked.receipt_code
    assert body["status"] == "screening"
    assert body["status_label"].startswith("Under review")
    assert [entry["label"] for entry in body["timeline"]] == ["Complaint received", "Review started"]
    assert body["timeline"][1]["message"] == "검토를 시작했습니다."
    assert body["can_add_information"]
    assert body["can_withdraw"]
    assert not body["can_answer_survey"]
    text = body_text(response)
    ombudsman = users["ombudsman"]
    for secret in (
        "내부 검토 사유",
        "담당자만 보는 메모",
        "handler",
        ombudsman.display_name,
        "박비밀",
        "secret@",
    ):
        assert secret not in text
    assert "secret_key" not in body


def test_key_is_accepted_in_lower_case_without_dashes(api_client_for, tracked):
    key = tracked.secret_key.replace("-", "").lower()
    response = api_client_for(None).post(
        STATUS, {"receipt_code": tracked.receipt_code.lower(), "secret_key": key}, format="json"
    )
    assert response.status_code == 200


def test_wrong_code_and_wrong_key_look_the_same(api_client_for, tracked):
    api = api_client_for(None)
    wrong_key = api.post(STATUS, {"receipt_code": tracked.receipt_code, "secret_key": "AAAA-BBBB"}, format="json")
    wrong_code = api.post(STATUS, {"receipt_code": "HR-1999-99999", "secret_key": tracked.secret_key}, format="json")
    assert wrong_key.status_code == wrong_code.status_code == 404
    assert wrong_key.content == wrong_code.content
    assert set(wrong_key.json()) == {"detail"}


def test_status_lookup_needs_both_fields(api_client_for):
    response = api_client_for(None).post(STATUS, {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"receipt_code", "secret_key"}


def test_failed_lookups_are_rate_limited(api_client_for, tracked, settings):
    settings.PORTAL_COMPLAINT_TRACK_RATE = "2/m"
    api = api_client_for(None)
    good = {"receipt_code": tracked.receipt_code, "secret_key": tracked.secret_key}
    assert api.post(STATUS, good, format="json").status_code == 200  # successes do not count
    for _ in range(2):
        assert api.post(STATUS, {**good, "secret_key": "WRONG"}, format="json").status_code == 404
    limited = api.post(STATUS, good, format="json")
    assert limited.status_code == 429
    assert "detail" in limited.json()
    withdraw = api.post("/api/v1/complaints/status/withdraw/", good, format="json")
    assert withdraw.status_code == 429
    tracked.refresh_from_db()
    assert tracked.status == CaseStatus.SCREENING


def test_citizen_adds_information(api_client_for, tracked, private_media):
    data = {
        "receipt_code": tracked.receipt_code,
        "secret_key": tracked.secret_key,
        "text": "당시 녹음 파일도 있습니다.",
        "attachments": [SimpleUploadedFile("증거.png", png_bytes(), content_type="image/png")],
    }
    response = api_client_for(None).post("/api/v1/complaints/status/information/", data, format="multipart")
    assert response.status_code == 200, response.json()
    assert response.json()["timeline"][-1]["message"] == "당시 녹음 파일도 있습니다."
    assert tracked.attachments.count() == 1
    empty = api_client_for(None).post(
        "/api/v1/complaints/status/information/",
        {"receipt_code": tracked.receipt_code, "secret_key": tracked.secret_key},
        format="json",
    )
    assert empty.status_code == 400
    assert "text" in empty.json()


def test_citizen_withdraws_once(api_client_for, tracked):
    api = api_client_for(None)
    data = {"receipt_code": tracked.receipt_code, "secret_key": tracked.secret_key, "reason": "해결되었습니다."}
    response = api.post("/api/v1/complaints/status/withdraw/", data, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    assert not response.json()["can_withdraw"]
    again = api.post("/api/v1/complaints/status/withdraw/", data, format="json")
    assert again.status_code == 400
    assert "non_field_errors" in again.json()
    closed_info = api.post("/api/v1/complaints/status/information/", {**data, "text": "추가"}, format="json")
    assert closed_info.status_code == 400


def test_citizen_answers_survey_once_closed(api_client_for, users):
    complaint = complaint_in_status("closed", actor=users["ombudsman"])
    api = api_client_for(None)
    credentials = {"receipt_code": complaint.receipt_code, "secret_key": complaint.secret_key}
    assert api.post(STATUS, credentials, format="json").json()["can_answer_survey"]
    bad = api.post("/api/v1/complaints/status/survey/", {**credentials, "fairness": 6}, format="json")
    assert bad.status_code == 400
    assert {"fairness", "speed", "clarity"} <= set(bad.json())
    answer = {**credentials, "fairness": 4, "speed": 3, "clarity": 5, "comment": "친절했습니다."}
    response = api.post("/api/v1/complaints/status/survey/", answer, format="json")
    assert response.status_code == 200, response.json()
    assert not response.json()["can_answer_survey"]
    assert complaint.satisfaction.fairness == 4
    assert api.post("/api/v1/complaints/status/survey/", answer, format="json").status_code == 400


def test_survey_before_closing_is_400(api_client_for, tracked):
    data = {"receipt_code": tracked.receipt_code, "secret_key": tracked.secret_key, "fairness": 1, "speed": 1}
    response = api_client_for(None).post("/api/v1/complaints/status/survey/", {**data, "clarity": 1}, format="json")
    assert response.status_code == 400


@pytest.mark.parametrize("action", ["information", "withdraw", "survey"])
def test_citizen_actions_with_a_wrong_key_are_neutral_404(api_client_for, tracked, action):
    data = {"receipt_code": tracked.receipt_code, "secret_key": "WRONG", "text": "x", "fairness": 1, "speed": 1}
    response = api_client_for(None).post(f"/api/v1/complaints/status/{action}/", {**data, "clarity": 1}, format="json")
    assert response.status_code == 404
    lookup = api_client_for(None).post(STATUS, {"receipt_code": "HR-1999-00001", "secret_key": "X"}, format="json")
    assert response.content == lookup.content


# ---------------------------------------------------------------- permissions


@pytest.fixture
def case_data(users):
    """An investigated case with a recommendation, and a counselling session."""
    ombudsman = users["ombudsman"]
    complaint = complaint_in_status("recommendation_issued", actor=ombudsman, complainant_name="이신원")
    recommendation = complaint.recommendations.get()
    session = services.counselling_record(
        actor=ombudsman, held_on=timezone.localdate(), channel="phone", topic="요양병원 면회 제한 상담"
    )
    return {"case": complaint, "recommendation": recommendation, "session": session}


def _read_urls(data):
    return {
        "/api/v1/cases/": CASE_READERS,
        f"/api/v1/cases/{data['case'].receipt_code}/": CASE_READERS,
        "/api/v1/recommendations/": CASE_READERS,
        "/api/v1/counselling-sessions/": {"ombudsman"},
        f"/api/v1/counselling-sessions/{data['session'].pk}/": {"ombudsman"},
        "/api/v1/ombudsman/statistics/": STATISTICS_READERS,
        "/api/v1/ombudsman/statistics/public/": set(ROLES),
    }


@pytest.mark.parametrize("name", ROLES)
def test_read_permissions(api_client_for, case_data, name):
    api = api_client_for(name)
    for url, allowed in _read_urls(case_data).items():
        response = api.get(url)
        if name in allowed:
            assert response.status_code == 200, (url, response.status_code)
        else:
            assert response.status_code == 403, (url, response.status_code)  # session + token auth: 403, not 401
            assert set(response.json()) == {"detail"}
            assert case_data["case"].receipt_code not in response.content.decode()


def _write_requests(data):
    code = data["case"].receipt_code
    today = timezone.localdate().isoformat()
    return [
        (f"/api/v1/cases/{code}/transition/", {"to": "follow_up", "reason": "이행 점검"}, 200),
        (f"/api/v1/cases/{code}/assign/", {"handler": "ombudsman"}, 200),
        (f"/api/v1/cases/{code}/notes/", {"body": "메모"}, 201),
        (
            f"/api/v1/cases/{code}/recommendations/",
            {"agency": "북구청", "text": "권고", "response_due": today},
            201,
        ),
        (
            f"/api/v1/recommendations/{data['recommendation'].pk}/response/",
            {"response": "accepted", "response_date": today},
            200,
        ),
        (
            f"/api/v1/recommendations/{data['recommendation'].pk}/implementation/",
            {"implemented": False},
            200,  # after the response above: the order of this list matters
        ),
        ("/api/v1/counselling-sessions/", {"held_on": today, "channel": "visit", "topic": "상담"}, 201),
        (
            f"/api/v1/counselling-sessions/{data['session'].pk}/register-case/",
            {"respondent_agency": "요양병원", "is_anonymous": True, "consent_sensitive_data": True},
            201,
        ),
    ]


@pytest.mark.parametrize("name", [role for role in ROLES if role != "ombudsman"])
def test_writes_are_refused_outside_the_ombudsman_role(api_client_for, case_data, name):
    api = api_client_for(name)
    for url, body, _ in _write_requests(case_data):
        response = api.post(url, body, format="json")
        assert response.status_code == 403, (url, response.status_code)
    case_data["case"].refresh_from_db()
    assert case_data["case"].status == CaseStatus.RECOMMENDATION_ISSUED
    assert not case_data["case"].notes.exists()


def test_every_write_works_for_the_ombudsman(api_client_for, case_data):
    api = api_client_for("ombudsman")
    for url, body, expected in _write_requests(case_data):
        response = api.post(url, body, format="json")
        assert response.status_code == expected, (url, response.json())


def test_citizen_endpoints_ignore_a_staff_session(users, tracked):
    """A signed-in browser needs no CSRF token for the anonymous endpoints (they use no session)."""
    from rest_framework.test import APIClient

    api = APIClient(enforce_csrf_checks=True)
    api.force_login(users["ombudsman"])
    credentials = {"receipt_code": tracked.receipt_code, "secret_key": tracked.secret_key}
    assert api.post(STATUS, credentials, format="json").status_code == 200
    transition = api.post(f"/api/v1/cases/{tracked.receipt_code}/transition/", {"to": "investigating"}, format="json")
    assert transition.status_code == 403  # staff endpoints keep the CSRF check of session authentication


def test_api_root_lists_the_ombudsman_collections(api_client_for):
    body = api_client_for(None).get("/api/v1/").json()
    assert body["cases"].endswith("/api/v1/cases/")
    assert body["complaints"].endswith("/api/v1/complaints/")
    assert body["counselling-sessions"].endswith("/api/v1/counselling-sessions/")
    assert body["ombudsman-statistics-public"].endswith("/api/v1/ombudsman/statistics/public/")


# ---------------------------------------------------------------- identity and internals


def test_identity_only_for_the_ombudsman_and_every_view_logged(api_client_for, tracked, private_media):
    services.complaint_add_information(
        complaint=tracked,
        text="",
        attachments=[SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")],
    )
    url = f"/api/v1/cases/{tracked.receipt_code}/"
    api = api_client_for("ombudsman")
    for number in (1, 2):
        body = api.get(url).json()
        assert body["complainant"] == {
            "name": "박비밀",
            "email": "secret@example.com",
            "phone": "",
            "affected_party": "",
        }
        assert PersonalDataAccess.objects.filter(subject_id=str(tracked.pk)).count() == number
    assert [note["body"] for note in body["notes"]] == ["담당자만 보는 메모"]
    attachment = tracked.attachments.get()
    assert body["attachments"][0]["download_url"] == attachment.get_absolute_url()
    assert any(event["reason"] == "내부 검토 사유" for event in body["events"])
    assert body["handler"]["username"] == "ombudsman"
    assert "screening" not in body["allowed_transitions"]
    assert "investigating" in body["allowed_transitions"]
    access = PersonalDataAccess.objects.first()
    assert access.actor.username == "ombudsman"
    assert set(access.fields) == {"complainant_name", "complainant_email"}


@pytest.mark.parametrize("name", ["office_staff", "committee_member"])
def test_other_readers_see_an_anonymised_case(api_client_for, tracked, name):
    response = api_client_for(name).get(f"/api/v1/cases/{tracked.receipt_code}/")
    assert response.status_code == 200
    body = response.json()
    assert body["complainant"] is None
    assert body["notes"] is None
    assert body["attachments"] is None
    assert body["allowed_transitions"] == []
    text = body_text(response)
    assert "박비밀" not in text
    assert "secret@example.com" not in text
    assert "담당자만 보는 메모" not in text
    assert not PersonalDataAccess.objects.exists()


def test_case_list_has_no_identity(api_client_for, tracked):
    response = api_client_for("ombudsman").get("/api/v1/cases/")
    row = response.json()["results"][0]
    assert row["receipt_code"] == tracked.receipt_code
    assert row["url"].endswith(f"/api/v1/cases/{tracked.receipt_code}/")
    assert "박비밀" not in body_text(response)
    assert "secret@" not in body_text(response)
    assert "complainant" not in row
    assert "description" not in row
    assert not PersonalDataAccess.objects.exists()


# ---------------------------------------------------------------- the staff journey


def test_staff_journey_through_the_api(api_client_for, users):
    complaint = ComplaintFactory()
    code = complaint.receipt_code
    api = api_client_for("ombudsman")

    def transition(to, **extra):
        return api.post(f"/api/v1/cases/{code}/transition/", {"to": to, **extra}, format="json")

    assert api.post(f"/api/v1/cases/{code}/assign/", {"handler": "ombudsman"}, format="json").status_code == 200
    assert transition("screening", expected_status="received").json()["status"] == "screening"
    investigating = transition("investigating", reason="조사 개시", public_message="조사를 시작합니다.")
    assert investigating.json()["allowed_transitions"][0] == "recommendation_issued"
    today = timezone.localdate()
    issued = api.post(
        f"/api/v1/cases/{code}/recommendations/",
        {
            "agency": "광주광역시 서구청",
            "text": "수사기관 요청 시 개인정보 제공 절차를 마련할 것",
            "public_summary": "개인정보 제공 절차 마련 권고",
            "response_due": (today + datetime.timedelta(days=60)).isoformat(),
        },
        format="json",
    )
    assert issued.status_code == 201, issued.json()
    recommendation = issued.json()
    assert recommendation["case"] == code
    assert recommendation["response"] == "pending"
    assert api.get(f"/api/v1/cases/{code}/").json()["status"] == "recommendation_issued"
    response = api.post(
        f"/api/v1/recommendations/{recommendation['id']}/response/",
        {"response": "accepted", "response_date": today.isoformat(), "response_text": "수용합니다."},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["response"] == "accepted"
    assert transition("follow_up").status_code == 200
    implemented = api.post(
        f"/api/v1/recommendations/{recommendation['id']}/implementation/",
        {"implemented": True, "implemented_on": today.isoformat(), "evidence": "지침 개정"},
        format="json",
    )
    assert implemented.status_code == 200
    assert implemented.json()["implemented"] is True
    closed = transition("closed", reason="권고 이행 확인", expected_status="follow_up")
    assert closed.status_code == 200
    assert closed.json()["allowed_transitions"] == []
    public = (
        api_client_for(None)
        .post(STATUS, {"receipt_code": code, "secret_key": complaint.secret_key}, format="json")
        .json()
    )
    assert public["status"] == "closed"
    assert public["recommendations"][0]["public_summary"] == "개인정보 제공 절차 마련 권고"
    assert public["recommendations"][0]["implemented"] is True
    assert "수사기관 요청 시" not in json.dumps(public, ensure_ascii=False)  # the full text stays internal
    assert "권고 이행 확인" not in json.dumps(public, ensure_ascii=False)


def test_bad_transitions_are_400(api_client_for):
    complaint = ComplaintFactory()
    url = f"/api/v1/cases/{complaint.receipt_code}/transition/"
    api = api_client_for("ombudsman")
    not_allowed = api.post(url, {"to": "closed", "reason": "x"}, format="json")
    assert not_allowed.status_code == 400
    assert "to" in not_allowed.json()
    no_reason = api.post(url, {"to": "dismissed"}, format="json")
    assert no_reason.status_code == 400
    assert "reason" in no_reason.json()
    unknown = api.post(url, {"to": "teleported"}, format="json")
    assert unknown.status_code == 400
    assert "to" in unknown.json()
    stale = api.post(url, {"to": "screening", "expected_status": "investigating"}, format="json")
    assert stale.status_code == 400
    assert "non_field_errors" in stale.json()
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.RECEIVED


def test_other_bad_staff_input_is_400(api_client_for, case_data, users):
    api = api_client_for("ombudsman")
    code = case_data["case"].receipt_code
    assert "handler" in api.post(f"/api/v1/cases/{code}/assign/", {"handler": "office"}, format="json").json()
    assert api.post(f"/api/v1/cases/{code}/assign/", {"handler": None}, format="json").json()["handler"] is None
    assert "body" in api.post(f"/api/v1/cases/{code}/notes/", {"body": ""}, format="json").json()
    early = api.post(
        f"/api/v1/cases/{code}/recommendations/",
        {"agency": "시청", "text": "권고", "issued_on": "2026-02-01", "response_due": "2026-01-01"},
        format="json",
    )
    assert early.status_code == 400
    assert "response_due" in early.json()
    pending = api.post(
        f"/api/v1/recommendations/{case_data['recommendation'].pk}/response/",
        {"response": "pending", "response_date": timezone.localdate().isoformat()},
        format="json",
    )
    assert pending.status_code == 400
    assert "response" in pending.json()
    future = api.post(
        "/api/v1/counselling-sessions/", {"held_on": "2999-01-01", "channel": "visit", "topic": "상담"}, format="json"
    )
    assert future.status_code == 400
    assert "held_on" in future.json()


def test_unknown_objects_are_404(api_client_for):
    api = api_client_for("ombudsman")
    assert api.get("/api/v1/cases/HR-1999-00001/").status_code == 404
    response = api.post("/api/v1/cases/HR-1999-00001/transition/", {"to": "screening"}, format="json")
    assert response.status_code == 404
    assert set(response.json()) == {"detail"}
    assert api.post("/api/v1/recommendations/999999/response/", {}, format="json").status_code == 404
    assert api.get("/api/v1/counselling-sessions/999999/").status_code == 404
    assert api.post("/api/v1/counselling-sessions/2147483647/register-case/", {}, format="json").status_code == 404
    assert api.get("/api/v1/cases/?page=99").status_code == 404


# ---------------------------------------------------------------- counselling


def test_counselling_record_and_register_a_case(api_client_for):
    api = api_client_for("ombudsman")
    recorded = api.post(
        "/api/v1/counselling-sessions/",
        {
            "held_on": timezone.localdate().isoformat(),
            "channel": "visit",
            "topic": "정신의료기관 CCTV 설치",
            "summary": "병실 CCTV로 사생활이 침해된다는 상담",
            "groups": ["psychiatric-patients"],
            "rights": ["privacy"],
        },
        format="json",
    )
    assert recorded.status_code == 201, recorded.json()
    session = recorded.json()
    assert session["groups"][0]["code"] == "psychiatric-patients"
    assert session["counsellor"]["username"] == "ombudsman"
    assert api.get(f"/api/v1/counselling-sessions/{session['id']}/").json()["rights"][0]["code"] == "privacy"
    url = f"/api/v1/counselling-sessions/{session['id']}/register-case/"
    registered = api.post(
        url, {"respondent_agency": "○○정신병원", "is_anonymous": True, "consent_sensitive_data": True}
    )
    assert registered.status_code == 201, registered.json()
    receipt = registered.json()
    assert receipt["secret_key"]
    complaint = Complaint.objects.get(receipt_code=receipt["receipt_code"])
    assert complaint.channel == "counselling"
    assert complaint.title == "정신의료기관 CCTV 설치"
    assert [right.code for right in complaint.rights.all()] == ["privacy"]
    assert CounsellingSession.objects.get(pk=session["id"]).complaint == complaint
    assert api.get(f"/api/v1/counselling-sessions/{session['id']}/").json()["case"] == complaint.receipt_code
    assert api.post(url, {"respondent_agency": "병원"}, format="json").status_code == 400
    linked = api.post(
        "/api/v1/counselling-sessions/",
        {"held_on": "2026-01-02", "channel": "phone", "topic": "후속 상담", "case": complaint.receipt_code},
        format="json",
    )
    assert linked.status_code == 201
    assert linked.json()["case"] == complaint.receipt_code
    unknown = api.post(
        "/api/v1/counselling-sessions/",
        {"held_on": "2026-01-02", "channel": "phone", "topic": "상담", "case": "HR-1999-00001"},
        format="json",
    )
    assert unknown.status_code == 400
    assert "case" in unknown.json()


# ---------------------------------------------------------------- list filters


def test_case_list_filters(api_client_for, users):
    ombudsman = users["ombudsman"]
    police = ComplaintFactory(title="경찰에 개인정보를 넘긴 구청", respondent_agency="서구청")
    old = ComplaintFactory(
        title="상수도 급수 신청 거부", received_at=timezone.make_aware(datetime.datetime(2018, 5, 2, 10, 0))
    )
    screening = complaint_in_status("screening", actor=ombudsman, title="요양병원 환자 폭행")
    api = api_client_for("office_staff")

    def codes(query):
        response = api.get(f"/api/v1/cases/?{query}")
        assert response.status_code == 200, response.json()
        return {row["receipt_code"] for row in response.json()["results"]}

    assert codes("") == {police.receipt_code, old.receipt_code, screening.receipt_code}
    assert codes("status=screening") == {screening.receipt_code}
    assert codes("q=경찰") == {police.receipt_code}
    assert codes(f"q={police.receipt_code}") == {police.receipt_code}
    assert codes("overdue=true") == {old.receipt_code}
    assert codes("year=2018") == {old.receipt_code}
    assert codes("agency=서구") == {police.receipt_code}
    oldest_first = api.get("/api/v1/cases/?ordering=received").json()["results"]
    assert oldest_first[0]["receipt_code"] == old.receipt_code
    row = api.get("/api/v1/cases/?year=2018").json()["results"][0]
    assert row["is_overdue"] is True
    bad = api.get("/api/v1/cases/?status=nope&year=abc&overdue=maybe")
    assert bad.status_code == 400
    assert {"status", "year"} <= set(bad.json())


def test_recommendation_and_counselling_filters(api_client_for, case_data):
    api = api_client_for("ombudsman")
    assert api.get("/api/v1/recommendations/?response=pending").json()["count"] == 1
    assert api.get("/api/v1/recommendations/?response=accepted").json()["count"] == 0
    assert api.get("/api/v1/recommendations/?response=bogus").status_code == 400
    assert api.get("/api/v1/counselling-sessions/?channel=phone").json()["count"] == 1
    assert api.get("/api/v1/counselling-sessions/?q=면회").json()["count"] == 1
    assert api.get("/api/v1/counselling-sessions/?channel=fax").status_code == 400


# ---------------------------------------------------------------- statistics


def test_statistics_staff_and_public(api_client_for, case_data, settings):
    settings.PORTAL_STATISTICS_MIN_CELL = 5
    staff = api_client_for("official").get("/api/v1/ombudsman/statistics/").json()
    assert staff["cases_received"] == 1
    assert staff["counselling_sessions"] == 1
    assert staff["by_agency"][0]["count"] == 1
    year = timezone.localdate().year
    assert api_client_for("official").get(f"/api/v1/ombudsman/statistics/?year={year}").json()["year"] == year
    public = api_client_for(None).get("/api/v1/ombudsman/statistics/public/").json()
    assert public["by_agency"] == []
    assert public["by_status"][0]["count"] is None  # a single case is too small to publish
    assert public["satisfaction"]["answers"] is None
    assert api_client_for(None).get("/api/v1/ombudsman/statistics/public/?year=19").status_code == 400


# ---------------------------------------------------------------- query counts and pagination


def _complaints(number, **fields):
    for _ in range(number):
        ComplaintFactory(**fields)


def _count_queries(api, url, django_assert_num_queries, expected):
    api.get(url)  # warm-up: the user's roles are read once per user object
    with django_assert_num_queries(expected):
        response = api.get(url)
    assert response.status_code == 200
    return response


def test_case_list_query_count_does_not_grow(api_client_for, users, django_assert_num_queries):
    api = api_client_for("ombudsman")
    _complaints(3)
    services.case_assign(complaint=Complaint.objects.first(), handler=users["ombudsman"], actor=users["ombudsman"])
    # pg_class estimate (small table → exact), COUNT, the page
    _count_queries(api, "/api/v1/cases/", django_assert_num_queries, 3)
    _complaints(27)
    for complaint in Complaint.objects.all():
        services.case_assign(complaint=complaint, handler=users["ombudsman"], actor=users["ombudsman"])
    response = _count_queries(api, "/api/v1/cases/?page_size=30", django_assert_num_queries, 3)
    assert len(response.json()["results"]) == 30
    # a filtered list is counted exactly, without asking for the estimate
    _count_queries(api, "/api/v1/cases/?status=received&q=시청", django_assert_num_queries, 2)


def test_large_unfiltered_case_list_uses_the_estimate(api_client_for, monkeypatch, django_assert_num_queries):
    _complaints(7)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE ombudsman_complaint")
    monkeypatch.setattr(EstimatedCountPaginator, "estimate_above", 5)
    api = api_client_for("office_staff")
    first = _count_queries(api, "/api/v1/cases/?page_size=3", django_assert_num_queries, 2)  # estimate, page
    body = first.json()
    assert body["count_is_estimate"] is True
    assert body["count"] >= 5
    seen = [row["receipt_code"] for row in body["results"]]
    url = body["next"]
    while url:
        page = api.get(url).json()
        seen += [row["receipt_code"] for row in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(Complaint.objects.values_list("receipt_code", flat=True))
    assert api.get("/api/v1/cases/?page_size=3&page=4").status_code == 404
    filtered = api.get("/api/v1/cases/?page_size=3&status=received").json()
    assert filtered["count"] == 7
    assert filtered["count_is_estimate"] is False


def test_recommendation_list_query_count_does_not_grow(api_client_for, users, django_assert_num_queries):
    api = api_client_for("ombudsman")
    complaint_in_status("recommendation_issued", actor=users["ombudsman"])
    _count_queries(api, "/api/v1/recommendations/", django_assert_num_queries, 2)
    for _ in range(4):
        complaint_in_status("recommendation_issued", actor=users["ombudsman"])
    response = _count_queries(api, "/api/v1/recommendations/", django_assert_num_queries, 2)
    assert response.json()["count"] == 5


def test_counselling_list_query_count_does_not_grow(api_client_for, users, django_assert_num_queries):
    api = api_client_for("ombudsman")
    groups = list(VulnerableGroup.objects.all()[:2])

    def record(number):
        for index in range(number):
            services.counselling_record(
                actor=users["ombudsman"],
                held_on=timezone.localdate(),
                channel="phone",
                topic=f"상담 {index}",
                groups=groups,
            )

    record(2)
    _count_queries(api, "/api/v1/counselling-sessions/", django_assert_num_queries, 3)
    record(20)
    response = _count_queries(api, "/api/v1/counselling-sessions/", django_assert_num_queries, 3)
    assert response.json()["count"] == 22


def test_statistics_query_count_does_not_grow(api_client_for, users, django_assert_num_queries):
    api = api_client_for("ombudsman")
    complaint_in_status("closed", actor=users["ombudsman"], rights=list(RightCategory.objects.all()[:1]))
    _count_queries(api, "/api/v1/ombudsman/statistics/", django_assert_num_queries, 14)
    for _ in range(3):
        complaint_in_status("closed", actor=users["ombudsman"], groups=list(VulnerableGroup.objects.all()[:2]))
    response = _count_queries(api, "/api/v1/ombudsman/statistics/", django_assert_num_queries, 14)
    assert response.json()["cases_closed"] == 4
    _count_queries(api, "/api/v1/ombudsman/statistics/public/", django_assert_num_queries, 13)  # no agencies
