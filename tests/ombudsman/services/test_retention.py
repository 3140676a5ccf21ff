import dataclasses
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from humanrights_portal.core.models import AuditEvent, RightCategory, VulnerableGroup
from ombudsman import selectors, services
from ombudsman.models import CaseEvent, CaseStatus, Complaint
from tests.factories import complaint_in_status, png_bytes

pytestmark = pytest.mark.django_db


def closed_case_with_everything(ombudsman):
    complaint = complaint_in_status(
        CaseStatus.INVESTIGATING,
        actor=ombudsman,
        complainant_name="박민수",
        complainant_email="minsu@example.com",
        complainant_phone="010-0000-1234",
        on_behalf_of="other_person",
        affected_party="어머니 김○○ (요양병원 입원 중)",
        incident_place="○○요양병원 3층 병실",
        rights=list(RightCategory.objects.filter(code="life-security")),
        groups=list(VulnerableGroup.objects.filter(code="older-persons")),
        attachments=[SimpleUploadedFile("멍자국.png", png_bytes())],
    )
    services.complaint_add_information(complaint=complaint, text="간병인 이름은 최○○입니다.")
    services.note_add(complaint=complaint, author=ombudsman, body="보호자 박민수 씨와 통화, 병원장 면담 예정")
    services.recommendation_issue(
        complaint=complaint,
        actor=ombudsman,
        agency="○○요양병원",
        text="환자 폭행 재발 방지 교육을 실시할 것",
        response_due=timezone.localdate() + datetime.timedelta(days=30),
    )
    services.case_transition(complaint=complaint, to=CaseStatus.CLOSED, actor=ombudsman, reason="권고 수용")
    services.survey_submit(complaint=complaint, fairness=5, speed=4, clarity=4, comment="박민수: 감사합니다")
    complaint.refresh_from_db()
    return complaint


def test_anonymisation_removes_identity_texts_and_files(ombudsman, private_media, django_capture_on_commit_callbacks):
    complaint = closed_case_with_everything(ombudsman)
    attachment = complaint.attachments.get()
    stored_file = private_media / attachment.file.name
    assert stored_file.exists()
    statistics_before = dataclasses.asdict(selectors.case_statistics(user=ombudsman))

    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_anonymise(complaint=complaint, actor=ombudsman)
        assert stored_file.exists()  # deleted only once the transaction has committed
    assert not stored_file.exists()

    complaint.refresh_from_db()
    assert complaint.anonymised_at is not None
    assert (complaint.complainant_name, complaint.complainant_email, complaint.complainant_phone) == ("", "", "")
    assert complaint.affected_party == ""
    assert complaint.incident_place == ""
    assert complaint.secret_key_hash == ""
    assert "박민수" not in complaint.description
    assert not complaint.has_identity
    # what the statistics need stays
    assert complaint.title
    assert complaint.status == CaseStatus.CLOSED
    assert complaint.respondent_agency
    assert list(complaint.rights.values_list("code", flat=True)) == ["life-security"]
    assert complaint.recommendations.count() == 1
    attachment.refresh_from_db()
    assert attachment.file.name == ""
    assert attachment.removed_at is not None
    assert attachment.original_name != "멍자국.png"
    assert "박민수" not in complaint.notes.get().body
    information = complaint.events.get(kind=CaseEvent.Kind.INFORMATION_ADDED)
    assert "최○○" not in information.public_message
    assert complaint.satisfaction.comment == ""
    assert complaint.satisfaction.fairness == 5
    assert complaint.events.filter(kind=CaseEvent.Kind.ANONYMISED, is_public=False).count() == 1
    assert AuditEvent.objects.get(action="complaint.anonymise").changes == {"files": 1}
    assert dataclasses.asdict(selectors.case_statistics(user=ombudsman)) == statistics_before
    assert selectors.complaint_for_citizen(receipt_code=complaint.receipt_code, secret_key="anything") is None


def test_anonymisation_is_idempotent(ombudsman):
    complaint = complaint_in_status(CaseStatus.DISMISSED, actor=ombudsman)
    first = services.complaint_anonymise(complaint=complaint)
    second = services.complaint_anonymise(complaint=complaint)
    assert second.anonymised_at == first.anonymised_at
    assert complaint.events.filter(kind=CaseEvent.Kind.ANONYMISED).count() == 1
    assert AuditEvent.objects.filter(action="complaint.anonymise").count() == 1


@pytest.mark.parametrize("status", [CaseStatus.RECEIVED, CaseStatus.INVESTIGATING, CaseStatus.FOLLOW_UP])
def test_open_cases_are_not_anonymised(ombudsman, status):
    complaint = complaint_in_status(status, actor=ombudsman)
    with pytest.raises(ValidationError):
        services.complaint_anonymise(complaint=complaint)
    complaint.refresh_from_db()
    assert complaint.anonymised_at is None
    assert complaint.complainant_name


def test_cases_due_for_anonymisation(ombudsman, settings):
    settings.PORTAL_COMPLAINT_RETENTION_DAYS = 30
    now = timezone.now()
    old = complaint_in_status(CaseStatus.CLOSED, actor=ombudsman)
    recent = complaint_in_status(CaseStatus.WITHDRAWN, actor=ombudsman)
    still_open = complaint_in_status(CaseStatus.SCREENING, actor=ombudsman)
    done = complaint_in_status(CaseStatus.REFERRED, actor=ombudsman)
    Complaint.objects.filter(pk__in=[old.pk, done.pk]).update(closed_at=now - datetime.timedelta(days=31))
    Complaint.objects.filter(pk=recent.pk).update(closed_at=now - datetime.timedelta(days=29))
    services.complaint_anonymise(complaint=done)
    assert list(selectors.complaints_due_for_anonymisation()) == [old]
    assert still_open not in selectors.complaints_due_for_anonymisation(now + datetime.timedelta(days=365))
    assert services.retention_cutoff(now) == now - datetime.timedelta(days=30)
