import datetime
import re
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from humanrights_portal.core.models import AuditEvent, EmailStatus, OutgoingEmail, RightCategory, VulnerableGroup
from ombudsman import services
from ombudsman.models import Attachment, CaseEvent, CaseStatus, Channel, Complaint, OnBehalfOf, ReceiptSequence
from tests.factories import ComplaintFactory, docx_bytes, png_bytes

pytestmark = pytest.mark.django_db


def submit(**overrides):
    data = {
        "title": "경찰 요청에 의한 개인정보 제공",
        "description": "구청이 경찰의 요청을 받고 제 주소와 연락처를 본인 동의 없이 넘겼습니다.",
        "respondent_agency": "광주광역시 서구청",
        "complainant_name": "김시민",
        "complainant_email": "citizen@example.com",
        "consent_personal_data": True,
        "consent_sensitive_data": True,
    }
    data.update(overrides)
    return services.complaint_submit(**data)


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


# ---------------------------------------------------------------- receipt codes


def test_receipt_codes_are_sequential_per_year_and_restart_each_year():
    assert services.receipt_code_allocate(year=2025) == "HR-2025-00001"
    assert services.receipt_code_allocate(year=2025) == "HR-2025-00002"
    assert services.receipt_code_allocate(year=2026) == "HR-2026-00001"
    assert services.receipt_code_allocate(year=2025) == "HR-2025-00003"
    assert ReceiptSequence.objects.get(year=2025).last_number == 3


def test_submitted_complaint_gets_the_code_of_the_year_it_was_received():
    first = submit(received_at=datetime.datetime(2024, 12, 31, 10, tzinfo=datetime.UTC)).complaint
    second = submit(received_at=datetime.datetime(2025, 1, 2, 10, tzinfo=datetime.UTC)).complaint
    third = submit(received_at=datetime.datetime(2025, 1, 3, 10, tzinfo=datetime.UTC)).complaint
    assert first.receipt_code == "HR-2024-00001"
    assert second.receipt_code == "HR-2025-00001"
    assert third.receipt_code == "HR-2025-00002"
    assert re.fullmatch(r"HR-\d{4}-\d{5}", submit().complaint.receipt_code)


@pytest.mark.django_db(transaction=True)
def test_receipt_codes_are_unique_under_concurrency():
    from django.db import connection

    codes: list[str] = []
    failures: list[BaseException] = []
    start = threading.Barrier(2)

    def allocate():
        try:
            start.wait()
            for _ in range(20):
                codes.append(services.receipt_code_allocate(year=2030))
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=allocate) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert len(codes) == 40
    assert len(set(codes)) == 40
    assert ReceiptSequence.objects.get(year=2030).last_number == 40


def _synchronous_commit() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_receipt_number_on_its_own_commits_without_waiting_for_the_disk_and_changes_nothing_else():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        code = services.receipt_code_allocate(year=2031)
    assert code == "HR-2031-00001"
    assert captured.captured_queries[0]["sql"].startswith("SET LOCAL synchronous_commit TO OFF;")
    assert _synchronous_commit() == "on"  # the setting ended with the number's own transaction
    assert ReceiptSequence.objects.get(year=2031).last_number == 1


def test_inside_a_transaction_the_number_keeps_the_transactions_durability():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        services.receipt_code_allocate(year=2032)
    assert "synchronous_commit" not in captured.captured_queries[0]["sql"]
    assert _synchronous_commit() == "on"


def test_a_rate_limited_submission_is_counted_with_its_number_and_refused_over_the_limit():
    from humanrights_portal.core import ratelimit
    from humanrights_portal.core.models import RateLimitCounter

    def event():
        return ratelimit.hit(group="ombudsman.submit", key="198.51.100.7", rate="2/h")

    first = submit(rate_limit=event()).complaint
    second = submit(rate_limit=event()).complaint
    assert (first.receipt_code, second.receipt_code) == ("HR-2026-00001", "HR-2026-00002")
    with pytest.raises(ratelimit.RateLimitExceeded):
        submit(rate_limit=event())
    assert Complaint.objects.count() == 2
    assert OutgoingEmail.objects.count() == 2
    assert ReceiptSequence.objects.get().last_number == 2  # no number was taken for the refused one
    assert RateLimitCounter.objects.get().count == 3  # the refused attempt counts too
    assert ratelimit.usage(group="ombudsman.submit", key="198.51.100.7", rate="2/h", increment=False).exhausted
    assert submit(rate_limit=ratelimit.hit(group="ombudsman.submit", key="203.0.113.9", rate="2/h")).complaint


def test_the_rate_limit_costs_the_submission_no_statement_of_its_own(django_assert_num_queries):
    from humanrights_portal.core import ratelimit

    with django_assert_num_queries(2):
        submit(rate_limit=ratelimit.hit(group="ombudsman.submit", key="198.51.100.7", rate="5/h"))


# ---------------------------------------------------------------- secret keys


def test_secret_key_has_at_least_128_bits_and_only_its_hmac_is_stored():
    submitted = submit()
    key = submitted.secret_key
    assert len(services.secret_key_normalise(key)) * 5 >= 128  # base-32: 5 bits a character
    complaint = Complaint.objects.get(pk=submitted.complaint.pk)
    assert complaint.secret_key_hash == services.secret_key_hash(key)
    assert re.fullmatch(r"[0-9a-f]{64}", complaint.secret_key_hash)
    normalised = services.secret_key_normalise(key)
    for value in Complaint.objects.filter(pk=complaint.pk).values().get().values():
        assert key not in str(value)
        assert normalised not in str(value)
    assert services.secret_key_generate() != key


def test_secret_key_matches_ignores_case_dashes_and_spaces():
    submitted = submit()
    key = submitted.secret_key
    complaint = submitted.complaint
    assert services.secret_key_matches(complaint, key)
    assert services.secret_key_matches(complaint, key.lower())
    assert services.secret_key_matches(complaint, key.replace("-", ""))
    assert services.secret_key_matches(complaint, " " + key.replace("-", " ").lower() + " ")


def test_wrong_or_missing_secret_key_never_matches():
    submitted = submit()
    other = submit()
    assert not services.secret_key_matches(submitted.complaint, other.secret_key)
    assert not services.secret_key_matches(submitted.complaint, "")
    assert not services.secret_key_matches(None, submitted.secret_key)


# ---------------------------------------------------------------- validation


def test_anonymous_complaint_with_contact_details_keeps_none_of_them():
    complaint = submit(is_anonymous=True, complainant_name="", complainant_email="a@example.com").complaint
    assert complaint.is_anonymous
    assert (complaint.complainant_name, complaint.complainant_email, complaint.complainant_phone) == ("", "", "")
    assert not complaint.consent_personal_data


def test_anonymous_complaint_with_contacts_is_refused_by_the_validation():
    with pytest.raises(ValidationError) as excinfo:
        services.complaint_intake_validate(
            is_anonymous=True,
            complainant_name="",
            complainant_email="a@example.com",
            complainant_phone="010-0000-0000",
            on_behalf_of=OnBehalfOf.SELF,
            affected_party="",
            consent_personal_data=False,
            consent_sensitive_data=True,
        )
    assert "complainant_email" in errors_of(excinfo)


def test_anonymous_complaint_needs_no_personal_data_consent():
    complaint = submit(
        is_anonymous=True, complainant_name="", complainant_email="", consent_personal_data=False
    ).complaint
    assert complaint.is_anonymous
    assert not complaint.has_identity


def test_identified_complaint_needs_a_name_and_a_contact():
    with pytest.raises(ValidationError) as excinfo:
        submit(complainant_name="  ", complainant_email="", complainant_phone="")
    assert set(errors_of(excinfo)) >= {"complainant_name", "complainant_email"}
    assert submit(complainant_email="", complainant_phone="010-1234-5678").complaint.complainant_phone


def test_consents_are_required():
    with pytest.raises(ValidationError) as excinfo:
        submit(consent_personal_data=False, consent_sensitive_data=False)
    assert set(errors_of(excinfo)) == {"consent_personal_data", "consent_sensitive_data"}
    assert not Complaint.objects.exists()


def test_consent_is_recorded_with_the_notice_version():
    complaint = submit().complaint
    assert complaint.consent_personal_data
    assert complaint.consent_sensitive_data
    assert complaint.consent_notice_version == services.PRIVACY_NOTICE_VERSION


@pytest.mark.parametrize("on_behalf_of", [OnBehalfOf.OTHER_PERSON, OnBehalfOf.GROUP])
def test_complaint_for_someone_else_names_who_was_affected(on_behalf_of):
    with pytest.raises(ValidationError) as excinfo:
        submit(on_behalf_of=on_behalf_of, affected_party=" ")
    assert "affected_party" in errors_of(excinfo)
    complaint = submit(on_behalf_of=on_behalf_of, affected_party="정신병원 입원 환자들").complaint
    assert complaint.affected_party == "정신병원 입원 환자들"


def test_incident_date_cannot_be_in_the_future():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        submit(incident_date=tomorrow)
    assert "incident_date" in errors_of(excinfo)
    assert submit(incident_date=timezone.localdate()).complaint.incident_date == timezone.localdate()


def test_required_texts_are_validated():
    with pytest.raises(ValidationError) as excinfo:
        submit(title=" ", description="", respondent_agency="")
    assert set(errors_of(excinfo)) >= {"title", "description", "respondent_agency"}


def test_complaint_keeps_rights_groups_and_first_timeline_entry():
    rights = list(RightCategory.objects.filter(code__in=["privacy", "due-process"]))
    groups = list(VulnerableGroup.objects.filter(code="low-income"))
    complaint = submit(rights=rights, groups=groups, incident_place="서구청 민원실").complaint
    assert complaint.status == CaseStatus.RECEIVED
    assert complaint.channel == Channel.ONLINE
    assert set(complaint.rights.values_list("code", flat=True)) == {"privacy", "due-process"}
    assert list(complaint.groups.values_list("code", flat=True)) == ["low-income"]
    assert complaint.stage_deadline == timezone.localdate() + datetime.timedelta(days=3)
    event = complaint.events.get()
    assert (event.kind, event.to_status, event.is_public, event.actor) == (
        CaseEvent.Kind.RECEIVED,
        CaseStatus.RECEIVED,
        True,
        None,
    )


def test_submission_is_audited():
    complaint = submit().complaint
    event = AuditEvent.objects.get(action="complaint.submit")
    assert event.target_id == str(complaint.pk)
    assert event.actor is None
    assert event.changes == {"channel": "online", "anonymous": False, "attachments": 0}


def test_staff_registration_needs_the_ombudsman_role(ombudsman, office_staff):
    with pytest.raises(PermissionDenied):
        submit(channel=Channel.PHONE, registered_by=office_staff)
    with pytest.raises(PermissionDenied):
        submit(channel=Channel.LETTER)
    complaint = submit(channel=Channel.PHONE, registered_by=ombudsman).complaint
    assert complaint.registered_by == ombudsman
    assert complaint.events.get().actor == ombudsman
    assert AuditEvent.objects.get(action="complaint.submit").actor == ombudsman


def test_online_complaint_ignores_registered_by(ombudsman):
    assert submit(registered_by=ombudsman).complaint.registered_by is None


# ---------------------------------------------------------------- attachments


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_png_is_accepted_and_stored_under_a_random_name(private_media):
    complaint = submit(attachments=[upload("사진.png", png_bytes(), "image/png")]).complaint
    attachment = complaint.attachments.get()
    assert attachment.original_name == "사진.png"
    assert (attachment.content_type, attachment.extension) == ("image/png", "png")
    assert attachment.size == len(png_bytes())
    assert attachment.source == Attachment.Source.COMPLAINANT
    assert "사진" not in attachment.file.name
    assert attachment.file.name.endswith(".png")
    assert (private_media / attachment.file.name).read_bytes() == png_bytes()
    assert AuditEvent.objects.get(action="complaint.submit").changes["attachments"] == 1


def test_text_renamed_to_pdf_is_refused(private_media):
    with pytest.raises(ValidationError) as excinfo:
        submit(attachments=[upload("evidence.pdf", b"just some text, not a PDF at all", "application/pdf")])
    assert "evidence.pdf" in errors_of(excinfo)["attachments"][0]
    assert not Complaint.objects.exists()
    assert not any(private_media.rglob("*.*"))


def test_word_document_is_recognised_by_its_content(private_media):
    complaint = submit(attachments=[upload("진술서.docx", docx_bytes())]).complaint
    assert complaint.attachments.get().extension == "docx"


def test_hangul_document_in_an_ole_container_is_accepted(private_media):
    content = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504
    complaint = submit(attachments=[upload("진정서.hwp", content)]).complaint
    attachment = complaint.attachments.get()
    assert (attachment.content_type, attachment.extension) == ("application/x-hwp", "hwp")


def test_ole_container_with_an_unknown_name_is_refused(private_media):
    with pytest.raises(ValidationError):
        submit(attachments=[upload("file.exe", bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 64)])


def test_too_many_attachments_are_refused(private_media, settings):
    settings.PORTAL_ATTACHMENT_MAX_COUNT = 2
    files = [upload(f"{index}.png", png_bytes()) for index in range(3)]
    with pytest.raises(ValidationError) as excinfo:
        submit(attachments=files)
    assert "attachments" in errors_of(excinfo)
    assert not Attachment.objects.exists()


def test_too_large_or_empty_attachments_are_refused(private_media, settings):
    settings.PORTAL_ATTACHMENT_MAX_BYTES = 50
    with pytest.raises(ValidationError) as excinfo:
        submit(attachments=[upload("big.png", png_bytes() + b"\x00" * 100), upload("empty.png", b"")])
    messages = errors_of(excinfo)["attachments"]
    assert len(messages) == 2
    assert "big.png" in messages[0]
    assert "empty.png" in messages[1]


# ---------------------------------------------------------------- receipt e-mail


def test_receipt_email_is_sent_once_on_commit(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submitted = submit(complainant_email="citizen@example.com")
        assert mailoutbox == []
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["citizen@example.com"]
    assert submitted.complaint.receipt_code in message.subject
    assert submitted.secret_key in message.body


def test_no_email_without_an_address(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submit(complainant_email="", complainant_phone="010-1111-2222")
        submit(is_anonymous=True, complainant_name="", complainant_email="")
    assert callbacks == []
    assert mailoutbox == []


def test_no_email_when_the_submission_fails(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        submit(consent_sensitive_data=False)
    assert mailoutbox == []


def test_complaint_factory_returns_the_secret_key():
    complaint = ComplaintFactory(is_anonymous=True)
    assert services.secret_key_matches(complaint, complaint.secret_key)
    assert not complaint.has_identity


def test_submission_writes_its_rows_in_one_round_trip(django_assert_num_queries):
    submit()  # what a process reads once: the key sequences, the content type
    # the receipt code with the complaint's key, then complaint, timeline entry, audit record and receipt
    # e-mail in one statement (no transaction of its own: one statement is one)
    with django_assert_num_queries(2) as queries:
        submitted = submit(complainant_email="citizen@example.com")
    assert queries.captured_queries[1]["sql"].count("INSERT INTO") == 4
    complaint = submitted.complaint
    assert OutgoingEmail.objects.get(dedupe_key=f"complaint-receipt:{complaint.pk}").status == EmailStatus.PENDING
    assert complaint.events.get().kind == CaseEvent.Kind.RECEIVED
    assert (
        AuditEvent.objects.get(action="complaint.submit", target_id=str(complaint.pk)).target_repr
        == complaint.receipt_code
    )
