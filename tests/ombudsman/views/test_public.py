"""The citizens' pages: file, receipt, track, status (add information, withdraw, survey), statistics."""

import datetime
import re

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from humanrights_portal.core.models import RightCategory, VulnerableGroup
from ombudsman import services
from ombudsman.citizen_cookies import RECEIPT_COOKIE, RECEIPT_SECONDS, TRACKING_COOKIE
from ombudsman.models import Attachment, CaseStatus, Complaint, SatisfactionSurvey
from tests.factories import ComplaintFactory, complaint_in_status, png_bytes

pytestmark = pytest.mark.django_db


def cookie_value(client, name, max_age=RECEIPT_SECONDS):
    """What a signed citizen cookie the portal set carries, or ``None`` when absent or deleted."""
    morsel = client.cookies.get(name)
    if morsel is None or not morsel.value:
        return None
    return signing.loads(morsel.value, salt=f"ombudsman.{name}", max_age=max_age)


NEW = "/complaints/new/"
RECEIPT = "/complaints/receipt/"
TRACK = "/complaints/track/"
STATUS = "/complaints/track/status/"
ADD = "/complaints/track/add/"
WITHDRAW = "/complaints/track/withdraw/"
SURVEY = "/complaints/track/survey/"
END = "/complaints/track/end/"
STATISTICS = "/complaints/statistics/"

ROLES = [None, "official", "other_official", "office_staff", "committee_member", "ombudsman", "administrator"]
NEUTRAL = "We could not find a complaint with this receipt code and secret key."


@pytest.fixture(autouse=True)
def english(client):
    """Assert on the English source strings whatever the state of the translations."""
    client.cookies["portal_language"] = "en"
    return client


def form_data(**overrides):
    data = {
        "complainant_name": "김시민",
        "complainant_email": "citizen@example.com",
        "complainant_phone": "",
        "on_behalf_of": "self",
        "affected_party": "",
        "title": "정신병원 CCTV 설치로 인한 사생활 침해",
        "description": "입원 병동 화장실 앞까지 CCTV가 설치되어 환자들의 사생활이 침해되고 있습니다.",
        "incident_date": "2026-01-05",
        "incident_place": "광주 북구",
        "respondent_agency": "시립정신병원",
        "respondent_department": "",
        "consent_personal_data": "on",
        "consent_sensitive_data": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def html_of(response) -> str:
    return response.content.decode()


def track(client, complaint, key=None):
    return client.post(TRACK, {"receipt_code": complaint.receipt_code, "secret_key": key or complaint.secret_key})


@pytest.fixture
def tracked(client):
    """A received complaint, opened on the status page by the test client."""
    complaint = ComplaintFactory()
    assert track(client, complaint).status_code == 303
    return complaint


# ---------------------------------------------------------------- the form


@pytest.mark.parametrize("role", ROLES)
def test_complaint_form_is_public_and_the_same_for_every_role(client_for, role):
    client = client_for(role)
    client.cookies["portal_language"] = "en"
    response = client.get(NEW)
    assert response.status_code == 200
    html = html_of(response)
    assert 'enctype="multipart/form-data"' in html
    assert 'name="consent_personal_data"' in html
    assert 'name="consent_sensitive_data"' in html
    assert 'type="file" name="attachments"' in html
    assert "multiple" in html


def test_complaint_form_is_korean_by_default_and_accessible_markup(client):
    del client.cookies["portal_language"]
    html = html_of(client.get(NEW))
    assert '<html lang="ko">' in html
    assert html.count("<fieldset") >= 7
    assert '<div class="portal-honeypot" aria-hidden="true">' in html
    honeypot = re.search(r'<input[^>]*name="website"[^>]*>', html).group(0)
    assert 'tabindex="-1"' in honeypot
    assert 'autocomplete="off"' in honeypot
    assert 'autocomplete="email"' in html
    # No resident registration number, anywhere.
    for forbidden in ("resident", "rrn", "jumin", "registration_number"):
        assert f'name="{forbidden}' not in html.lower()


def test_complaint_form_shows_pipa_notice_with_retention_years(client, settings):
    settings.PORTAL_COMPLAINT_RETENTION_DAYS = 5 * 365
    html = html_of(client.get(NEW))
    assert "Purpose" in html
    assert "Items collected" in html
    assert "Your right to refuse" in html
    assert "Kept for 5 years after the case is closed" in html


def test_complaint_form_offers_only_active_reference_data(client):
    hidden_right = RightCategory.objects.order_by("pk").first()
    hidden_right.is_active = False
    hidden_right.save()
    shown_right = RightCategory.objects.active().first()
    group = VulnerableGroup.objects.active().first()
    html = html_of(client.get(NEW))
    assert f'value="{shown_right.pk}"' in html
    assert hidden_right.name_en not in html
    assert group.name_en in html


def test_anonymous_submission_goes_to_the_receipt_without_email(client, mailoutbox, django_capture_on_commit_callbacks):
    right = RightCategory.objects.active().first()
    data = form_data(
        is_anonymous="on",
        complainant_name="",
        complainant_email="",
        consent_personal_data=None,
        rights=[str(right.pk)],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, data)
    assert response.status_code == 303
    assert response["Location"] == RECEIPT
    complaint = Complaint.objects.get()
    assert complaint.is_anonymous
    assert not complaint.has_identity
    assert list(complaint.rights.all()) == [right]
    assert mailoutbox == []
    receipt = cookie_value(client, RECEIPT_COOKIE)
    assert receipt["receipt_code"] == complaint.receipt_code
    assert services.secret_key_matches(complaint, receipt["secret_key"])


def test_identified_submission_sends_exactly_one_email_with_code_and_key(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, form_data())
    assert response.status_code == 303
    complaint = Complaint.objects.get()
    assert complaint.complainant_name == "김시민"
    assert complaint.incident_date == datetime.date(2026, 1, 5)
    receipt = cookie_value(client, RECEIPT_COOKIE)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["citizen@example.com"]
    assert complaint.receipt_code in mail.subject
    assert complaint.receipt_code in mail.body
    assert receipt["secret_key"] in mail.body
    assert "/complaints/track/" in mail.body


def assert_typed_values_kept(html, *, title=True):
    assert not title or 'value="정신병원 CCTV 설치로 인한 사생활 침해"' in html
    assert "입원 병동 화장실 앞까지 CCTV가 설치되어" in html
    assert 'value="시립정신병원"' in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"consent_sensitive_data": None},
            "consent_sensitive_data",
            "We need your consent to use the sensitive information",
        ),
        (
            {"consent_personal_data": None},
            "consent_personal_data",
            "We need your consent to use your personal data",
        ),
        (
            {"complainant_email": "", "complainant_phone": ""},
            "complainant_email",
            "Enter an e-mail address or a phone number",
        ),
        ({"complainant_name": ""}, "complainant_name", "Enter your name, or choose to complain anonymously."),
        ({"on_behalf_of": "group"}, "affected_party", "Say who was affected"),
        ({"title": ""}, "title", "This field is required."),
        ({"complainant_email": "not-an-address"}, "complainant_email", "Enter a valid email address."),
        ({"incident_date": "2026-02-31"}, "incident_date", "Enter a valid date."),
    ],
)
def test_bad_input_rerenders_with_field_errors_and_keeps_what_was_typed(client, overrides, field, message):
    response = client.post(NEW, form_data(**overrides))
    assert response.status_code == 200
    html = html_of(response)
    assert "data-error-summary" in html
    assert f'href="#id_{field}"' in html
    assert f'id="id_{field}-error"' in html
    assert message in html
    assert_typed_values_kept(html, title=field != "title")
    assert 'value="citizen@example.com"' in html or field == "complainant_email"
    assert Complaint.objects.count() == 0


def test_future_incident_date_is_refused_by_the_service(client):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(NEW, form_data(incident_date=tomorrow.isoformat()))
    assert response.status_code == 200
    html = html_of(response)
    assert "The date of the incident cannot be in the future." in html
    assert 'id="id_incident_date-error"' in html
    assert f'value="{tomorrow.isoformat()}"' in html
    assert_typed_values_kept(html)
    assert Complaint.objects.count() == 0


def test_honeypot_filled_gives_a_generic_error(client):
    response = client.post(NEW, form_data(website="http://spam.example"))
    assert response.status_code == 200
    html = html_of(response)
    assert "Your complaint could not be sent." in html
    assert "honeypot" not in html.lower().replace("portal-honeypot", "")
    assert_typed_values_kept(html)
    assert Complaint.objects.count() == 0


def test_oversize_file_is_refused_and_the_citizen_asked_to_choose_files_again(client, settings, private_media):
    settings.PORTAL_ATTACHMENT_MAX_BYTES = 20
    upload = SimpleUploadedFile("evidence.png", png_bytes(), content_type="image/png")
    response = client.post(NEW, {**form_data(), "attachments": [upload]})
    assert response.status_code == 200
    html = html_of(response)
    assert "“evidence.png” is larger than" in html
    assert 'id="id_attachments-error"' in html
    assert 'id="attachments-lost"' in html
    assert_typed_values_kept(html)
    assert Complaint.objects.count() == 0
    assert not any(private_media.rglob("*.*"))


def test_file_named_pdf_that_is_really_text_is_refused(client, private_media):
    fake = SimpleUploadedFile("report.pdf", b"just some text, not a PDF", content_type="application/pdf")
    response = client.post(NEW, {**form_data(), "attachments": [fake]})
    assert response.status_code == 200
    html = html_of(response)
    assert "“report.pdf” is not an image, PDF or office document" in html
    assert_typed_values_kept(html)
    assert Complaint.objects.count() == 0


def test_real_png_is_accepted_and_stored_privately(client, private_media):
    image = SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")
    response = client.post(NEW, {**form_data(), "attachments": [image]})
    assert response.status_code == 303
    attachment = Attachment.objects.get()
    assert attachment.original_name == "photo.png"
    assert attachment.content_type == "image/png"
    assert attachment.file.path.startswith(str(private_media))


def test_submission_is_rate_limited_per_address_and_keeps_the_form(client, settings):
    settings.PORTAL_COMPLAINT_SUBMIT_RATE = "2/m"
    assert client.post(NEW, form_data(title="")).status_code == 200  # invalid POSTs count too
    assert client.post(NEW, form_data()).status_code == 303
    response = client.post(NEW, form_data(title="세 번째 민원"))
    assert response.status_code == 429
    html = html_of(response)
    assert "Too many complaints were sent from this connection" in html
    assert 'value="세 번째 민원"' in html
    assert 'value="시립정신병원"' in html
    assert Complaint.objects.count() == 1
    # Another address is not affected; GET is never limited.
    assert client.get(NEW).status_code == 200
    assert client.post(NEW, form_data(), REMOTE_ADDR="10.0.0.9").status_code == 303


def test_an_attempt_the_service_refuses_counts_towards_the_limit_too(client, settings):
    settings.PORTAL_COMPLAINT_SUBMIT_RATE = "1/m"
    fake = SimpleUploadedFile("evidence.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    refused = client.post(NEW, {**form_data(), "attachments": [fake]})
    assert refused.status_code == 200
    assert "attachments" in refused.context["form"].errors
    limited = client.post(NEW, form_data(title="두 번째"))
    assert limited.status_code == 429
    assert 'value="두 번째"' in html_of(limited)
    assert not Complaint.objects.exists()


def test_a_valid_submission_costs_two_statements_rate_limit_included(client, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert client.post(NEW, form_data()).status_code == 303


# ---------------------------------------------------------------- the receipt


def test_receipt_is_shown_once_and_not_cached(client):
    client.post(NEW, form_data())
    complaint = Complaint.objects.get()
    response = client.get(RECEIPT)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = html_of(response)
    assert complaint.receipt_code in html
    secret_key = re.search(r'id="secret-key">([^<]+)<', html).group(1)
    assert services.secret_key_matches(complaint, secret_key)
    assert "sent the receipt code and the secret key to the e-mail address" in html

    again = html_of(client.get(RECEIPT))
    assert secret_key not in again
    assert complaint.receipt_code not in again
    assert "The receipt has already been shown" in again
    assert f'href="{TRACK}"' in again


@pytest.mark.parametrize("role", ROLES)
def test_receipt_without_submission_reveals_nothing(client_for, role):
    response = client_for(role).get(RECEIPT)
    assert response.status_code == 200
    assert 'id="secret-key"' not in html_of(response)


# ---------------------------------------------------------------- tracking


@pytest.mark.parametrize("role", ROLES)
def test_track_form_is_public(client_for, role):
    response = client_for(role).get(TRACK)
    assert response.status_code == 200
    html = html_of(response)
    assert re.search(r'<input[^>]*name="secret_key"[^>]*autocomplete="off"', html)


def test_tracking_with_code_and_key_opens_the_status_page(client):
    complaint = ComplaintFactory()
    response = client.post(
        TRACK,
        {"receipt_code": complaint.receipt_code.lower(), "secret_key": complaint.secret_key.lower().replace("-", " ")},
    )
    assert response.status_code == 303
    assert response["Location"] == STATUS
    assert cookie_value(client, TRACKING_COOKIE) == complaint.pk
    assert client.cookies[TRACKING_COOKIE]["httponly"]
    assert client.cookies[TRACKING_COOKIE]["path"] == TRACK
    status = client.get(STATUS)
    assert status.status_code == 200
    assert complaint.receipt_code in html_of(status)


def test_tracking_failures_give_the_same_neutral_message(client):
    complaint = ComplaintFactory()
    wrong_key = client.post(TRACK, {"receipt_code": complaint.receipt_code, "secret_key": "AAAA-BBBB-CCCC"})
    unknown_code = client.post(TRACK, {"receipt_code": "HR-1999-99999", "secret_key": complaint.secret_key})
    assert wrong_key.status_code == unknown_code.status_code == 200

    def message_part(response):
        html = html_of(response)
        start = html.index("data-error-summary")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html[start : html.index("</form>", start)])

    first, second = message_part(wrong_key), message_part(unknown_code)
    assert NEUTRAL in first
    assert NEUTRAL in second
    assert first.replace(complaint.receipt_code, "CODE") == second.replace("HR-1999-99999", "CODE")
    # The code is kept; the key is never sent back.
    assert f'value="{complaint.receipt_code}"' in html_of(wrong_key)
    assert complaint.secret_key not in html_of(unknown_code)
    assert cookie_value(client, TRACKING_COOKIE) is None


def test_tracking_empty_form_gives_field_errors(client):
    response = client.post(TRACK, {"receipt_code": "", "secret_key": ""})
    assert response.status_code == 200
    html = html_of(response)
    assert 'id="id_receipt_code-error"' in html
    assert 'id="id_secret_key-error"' in html


def test_only_failed_lookups_count_towards_the_track_rate_limit(client, settings):
    settings.PORTAL_COMPLAINT_TRACK_RATE = "2/m"
    complaint = ComplaintFactory()
    for _ in range(3):
        assert track(client, complaint).status_code == 303  # successes do not count
    assert track(client, complaint, key="WRONG").status_code == 200
    assert track(client, complaint, key="WRONG").status_code == 200
    limited = track(client, complaint)  # even the right key, once limited
    assert limited.status_code == 429
    html = html_of(limited)
    assert "Too many attempts" in html
    assert f'value="{complaint.receipt_code}"' in html
    assert complaint.secret_key not in html


@pytest.mark.parametrize("path", [STATUS])
@pytest.mark.parametrize("role", ROLES)
def test_status_page_without_a_tracked_complaint_goes_to_the_track_form(client_for, role, path):
    response = client_for(role).get(path)
    assert response.status_code == 303
    assert response["Location"] == TRACK


@pytest.mark.parametrize("path", [ADD, WITHDRAW, SURVEY])
def test_actions_without_a_tracked_complaint_go_to_the_track_form(client, path):
    ComplaintFactory()
    response = client.post(path, {})
    assert response.status_code == 303
    assert response["Location"] == TRACK


def test_status_page_never_shows_internals(client, ombudsman):
    complaint = complaint_in_status("investigating", actor=ombudsman)
    services.case_assign(complaint=complaint, handler=ombudsman, actor=ombudsman)
    services.note_add(complaint=complaint, author=ombudsman, body="내부 메모: 병원장 면담 예정")
    services.recommendation_issue(
        complaint=complaint,
        actor=ombudsman,
        agency="시립정신병원",
        text="비공개 권고 본문: 화장실 앞 CCTV 철거",
        public_summary="CCTV 설치 위치 조정 권고",
        response_due=timezone.localdate() + datetime.timedelta(days=30),
    )
    other = ComplaintFactory(complainant_name="이웃사람", title="다른 사람의 민원")
    track(client, complaint)
    response = client.get(STATUS)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = html_of(response)
    assert "Recommendation issued" in html
    assert "CCTV 설치 위치 조정 권고" in html
    assert "Awaiting response" in html
    for secret in (
        "내부 메모",
        "비공개 권고 본문",
        "시험 사유",  # transition reasons
        "Recommendation issued to",  # the automatic reason of the transition
        ombudsman.display_name,
        complaint.complainant_name,
        complaint.complainant_email,
        other.receipt_code,
        "이웃사람",
        "다른 사람의 민원",
    ):
        assert secret not in html, secret


@pytest.mark.parametrize("role", ROLES)
def test_staff_get_the_same_public_status_page(client_for, role, ombudsman):
    complaint = complaint_in_status("screening", actor=ombudsman)
    services.note_add(complaint=complaint, author=ombudsman, body="내부 메모")
    client = client_for(role)
    client.cookies["portal_language"] = "en"
    assert track(client, complaint).status_code == 303
    html = html_of(client.get(STATUS))
    assert "Under review" in html
    assert "내부 메모" not in html
    assert complaint.complainant_name not in html
    assert track(client, complaint, key="WRONG").status_code == 200  # no special powers


def test_anonymised_complaint_is_not_reachable(client, ombudsman):
    complaint = complaint_in_status("closed", actor=ombudsman)
    track(client, complaint)
    services.complaint_anonymise(complaint=complaint, actor=None)
    response = client.get(STATUS)
    assert response.status_code == 303
    assert cookie_value(client, TRACKING_COOKIE) is None
    response = track(client, complaint)
    assert response.status_code == 200
    assert NEUTRAL in html_of(response)


def test_status_page_query_count_does_not_grow(client, ombudsman, django_assert_num_queries):
    def count_for(complaint):
        track(client, complaint)
        client.get(STATUS)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(STATUS).status_code == 200
        return len(queries)

    small = complaint_in_status("recommendation_issued", actor=ombudsman)  # one recommendation
    big = complaint_in_status("recommendation_issued", actor=ombudsman)
    for index in range(4):
        services.complaint_add_information(complaint=big, text=f"추가 정보 {index}")
        services.recommendation_issue(
            complaint=big,
            actor=ombudsman,
            agency=f"기관 {index}",
            text="권고",
            response_due=timezone.localdate() + datetime.timedelta(days=30),
        )
    assert count_for(small) == count_for(big)
    track(client, big)
    client.get(STATUS)
    with django_assert_num_queries(3):  # complaint (+ survey), timeline, recommendations; no session
        assert client.get(STATUS).status_code == 200
    # A case that never had a recommendation issued does not even ask for them.
    track(client, complaint_in_status("investigating", actor=ombudsman))
    with django_assert_num_queries(2):
        assert client.get(STATUS).status_code == 200


# ---------------------------------------------------------------- acting on the complaint


def test_add_information_appears_in_the_timeline(client, tracked, private_media):
    image = SimpleUploadedFile("more.png", png_bytes(), content_type="image/png")
    response = client.post(ADD, {"add-text": "담당자 이름은 박OO입니다.", "add-attachments": [image]})
    assert response.status_code == 303
    assert response["Location"] == STATUS
    html = html_of(client.get(STATUS))
    assert "Your information has been added" in html
    assert "담당자 이름은 박OO입니다." in html
    assert "Information added by the complainant" in html
    assert tracked.attachments.count() == 1


def test_action_pages_are_linked_from_the_status_page(client, tracked):
    html = html_of(client.get(STATUS))
    assert 'href="/complaints/track/add/"' in html
    assert 'href="/complaints/track/withdraw/"' in html
    add = client.get(ADD)
    assert add.status_code == 200
    assert 'name="add-text"' in html_of(add)
    assert "no-store" in add["Cache-Control"]
    withdraw = client.get(WITHDRAW)
    assert withdraw.status_code == 200
    assert 'name="withdraw-confirm"' in html_of(withdraw)


def test_add_information_errors_rerender_the_form(client, tracked, private_media):
    empty = client.post(ADD, {"add-text": "   "})
    assert empty.status_code == 200
    html = html_of(empty)
    assert "data-error-summary" in html
    assert "Write the information you want to add, or attach a file." in html
    assert 'id="id_add-text-error"' in html

    fake = SimpleUploadedFile("scan.pdf", b"plain text", content_type="application/pdf")
    bad_file = client.post(ADD, {"add-text": "첨부합니다", "add-attachments": [fake]})
    assert bad_file.status_code == 200
    html = html_of(bad_file)
    assert "“scan.pdf” is not an image" in html
    assert "첨부합니다" in html
    assert "please choose your attachments again" in html
    assert tracked.events.filter(kind="information_added").count() == 0


def test_withdraw_needs_confirmation_then_withdraws(client, tracked):
    unconfirmed = client.post(WITHDRAW, {"withdraw-reason": "해결되었습니다"})
    assert unconfirmed.status_code == 200
    html = html_of(unconfirmed)
    assert "Tick the box to confirm" in html
    assert "해결되었습니다" in html
    tracked.refresh_from_db()
    assert tracked.status == CaseStatus.RECEIVED

    response = client.post(WITHDRAW, {"withdraw-reason": "해결되었습니다", "withdraw-confirm": "on"})
    assert response.status_code == 303
    tracked.refresh_from_db()
    assert tracked.status == CaseStatus.WITHDRAWN
    html = html_of(client.get(STATUS))
    assert "Your complaint has been withdrawn." in html
    assert "Withdrawn: the complaint was withdrawn." in html
    assert 'href="/complaints/track/withdraw/"' not in html
    assert 'href="/complaints/track/add/"' not in html
    # The action pages themselves send a finished case back to its status.
    assert client.get(WITHDRAW)["Location"] == STATUS
    assert client.get(ADD)["Location"] == STATUS
    # A second attempt is refused by the service, without a 500.
    again = client.post(WITHDRAW, {"withdraw-confirm": "on"})
    assert again.status_code == 200
    assert "This complaint can no longer be withdrawn." in html_of(again)


def test_survey_only_when_closed_and_only_once(client, ombudsman):
    complaint = complaint_in_status("investigating", actor=ombudsman)
    track(client, complaint)
    html = html_of(client.get(STATUS))
    assert 'action="/complaints/track/survey/"' not in html
    early = client.post(SURVEY, {"survey-fairness": "5", "survey-speed": "4", "survey-clarity": "3"})
    assert early.status_code == 200
    assert "The satisfaction survey opens when the case is closed." in html_of(early)

    services.case_transition(complaint=complaint, to=CaseStatus.CLOSED, actor=ombudsman, reason="조사 종결")
    html = html_of(client.get(STATUS))
    assert 'action="/complaints/track/survey/"' in html
    assert "1 (very poor)" in html
    assert "5 (very good)" in html

    missing = client.post(SURVEY, {"survey-fairness": "5", "survey-comment": "친절했습니다"})
    assert missing.status_code == 200
    assert "Choose a score from 1 to 5." in html_of(missing)
    assert "친절했습니다" in html_of(missing)
    out_of_range = client.post(SURVEY, {"survey-fairness": "9", "survey-speed": "4", "survey-clarity": "3"})
    assert out_of_range.status_code == 200

    response = client.post(
        SURVEY, {"survey-fairness": "5", "survey-speed": "4", "survey-clarity": "3", "survey-comment": "감사합니다"}
    )
    assert response.status_code == 303
    survey = SatisfactionSurvey.objects.get(complaint=complaint)
    assert (survey.fairness, survey.speed, survey.clarity, survey.comment) == (5, 4, 3, "감사합니다")
    html = html_of(client.get(STATUS))
    assert 'action="/complaints/track/survey/"' not in html
    assert "Thank you for answering the satisfaction survey." in html
    twice = client.post(SURVEY, {"survey-fairness": "1", "survey-speed": "1", "survey-clarity": "1"})
    assert twice.status_code == 200
    assert SatisfactionSurvey.objects.get(complaint=complaint).fairness == 5


def test_track_end_forgets_the_complaint(client, tracked):
    response = client.post(END)
    assert response.status_code == 303
    assert response["Location"] == reverse("home")
    assert cookie_value(client, TRACKING_COOKIE) is None
    assert client.get(STATUS)["Location"] == TRACK
    assert client.get(END).status_code == 405


# ---------------------------------------------------------------- statistics


def make_cases(count, *, year=None):
    received_at = timezone.make_aware(datetime.datetime(year, 3, 1, 10)) if year else None
    right = RightCategory.objects.active().first()
    for _ in range(count):
        ComplaintFactory(received_at=received_at, rights=[right])


@pytest.mark.parametrize("role", ROLES)
def test_statistics_page_is_public(client_for, role):
    response = client_for(role).get(STATISTICS)
    assert response.status_code == 200


def test_statistics_suppress_small_cells(client, settings):
    settings.PORTAL_STATISTICS_MIN_CELL = 5
    make_cases(2)
    html = html_of(client.get(STATISTICS))
    assert re.search(r'id="stat-received">2<', html)
    assert "fewer than 5" in html
    assert '<th scope="col">' in html
    assert '<th scope="row">' in html
    assert "<caption" in html
    assert "are not published" in html  # no survey answers: suppressed


def test_statistics_show_cells_at_or_above_the_threshold(client, settings):
    settings.PORTAL_STATISTICS_MIN_CELL = 2
    make_cases(3)
    html = html_of(client.get(STATISTICS))
    by_status = html[html.index('id="by-status"') :]
    assert re.search(r"Received</th>\s*<td>3</td>", by_status)


def test_statistics_filter_by_year(client):
    make_cases(1, year=2018)
    make_cases(2, year=2025)
    html = html_of(client.get(STATISTICS, {"year": "2018"}))
    assert re.search(r'id="stat-received">1<', html)
    assert "In 2018" in html


@pytest.mark.parametrize("bad", ["abc", "1800", "2018; drop table", "99999999999999999999"])
def test_statistics_bad_year_shows_the_error(client, bad):
    make_cases(1)
    response = client.get(STATISTICS, {"year": bad})
    assert response.status_code == 200
    html = html_of(response)
    assert "Choose a year from the list." in html
    assert 'id="id_year-error"' in html
    assert re.search(r'id="stat-received">1<', html)


def test_statistics_query_count_does_not_grow(client, django_assert_num_queries):
    make_cases(1)
    with django_assert_num_queries(13) as captured:
        client.get(STATISTICS)
    make_cases(4)
    with django_assert_num_queries(len(captured.captured_queries)):
        assert client.get(STATISTICS).status_code == 200


def test_a_full_file_store_keeps_the_complaint_text_and_says_what_to_do(client, private_media, monkeypatch):
    """The attachment store's disk is full (ENOSPC): no 500, nothing saved, everything typed kept."""
    import errno

    from django.core.files.storage import FileSystemStorage

    def disk_full(self, name, content, max_length=None):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "save", disk_full)
    upload = SimpleUploadedFile("evidence.png", png_bytes(), content_type="image/png")
    response = client.post(NEW, {**form_data(), "attachments": [upload]})
    assert response.status_code == 503
    html = html_of(response)
    assert "Your files could not be stored just now" in html
    assert 'id="id_attachments-error"' in html
    assert 'id="attachments-lost"' in html
    assert_typed_values_kept(html)
    assert Complaint.objects.count() == 0
