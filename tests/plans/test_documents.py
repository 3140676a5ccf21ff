"""Plan documents and the evidence of annual records: upload through the services, served by permission."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import services
from plans.models import AnnualRecord, ReviewState
from tests.factories import area_of, docx_bytes, plan_adopted, plan_draft, png_bytes, record_in_state, task_of

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="plan.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def world(users, department, private_media):
    office = users["office_staff"]
    plan = plan_adopted(actor=office)
    task = task_of(area_of(plan, actor=office), actor=office, department=department, code="1-01")
    services.reporting_round_open(plan=plan, year=2019, due_on=datetime.date(2020, 1, 31), actor=office)
    record = AnnualRecord.objects.get(task=task, year=2019)
    return {"office": office, "plan": plan, "task": task, "record": record}


def test_office_attaches_and_replaces_the_plan_document(world, private_media):
    plan = services.plan_document_attach(plan=world["plan"], actor=world["office"], upload=pdf())
    first = plan.document.name
    assert first.endswith(".pdf")
    assert (private_media / first).exists()
    docx = SimpleUploadedFile("plan.docx", docx_bytes())
    plan = services.plan_document_attach(plan=plan, actor=world["office"], upload=docx)
    assert plan.document.name.endswith(".docx")


@pytest.mark.parametrize("role", ["official", "other_official", "committee_member", "ombudsman", "administrator"])
def test_only_the_office_attaches_plan_documents(world, users, role):
    with pytest.raises(PermissionDenied):
        services.plan_document_attach(plan=world["plan"], actor=users[role], upload=pdf())


def test_a_plan_document_is_checked_by_content(world):
    fake = SimpleUploadedFile("plan.pdf", b"just text", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.plan_document_attach(plan=world["plan"], actor=world["office"], upload=fake)
    assert "document" in error.value.message_dict


def test_public_downloads_an_adopted_plans_document_but_not_a_drafts(client, world, users):
    services.plan_document_attach(plan=world["plan"], actor=world["office"], upload=pdf())
    response = client.get(reverse("plans:plan-document", args=[world["plan"].pk]))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    draft = plan_draft(actor=world["office"], title="초안 계획")
    services.plan_document_attach(plan=draft, actor=world["office"], upload=pdf())
    assert client.get(reverse("plans:plan-document", args=[draft.pk])).status_code == 404
    without = plan_adopted(actor=world["office"], title="문서 없는 계획")
    assert client.get(reverse("plans:plan-document", args=[without.pk])).status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [(None, 302), ("official", 403), ("committee_member", 403), ("office_staff", 303)],
)
def test_document_upload_page_permissions(client_for, world, role, expected):
    response = client_for(role).post(reverse("plans:plan-document", args=[world["plan"].pk]), {"document": pdf()})
    assert response.status_code == expected


def test_document_upload_with_a_bad_file_shows_the_error(client_for, world):
    fake = SimpleUploadedFile("plan.pdf", b"nope", content_type="application/pdf")
    response = client_for("office_staff").post(
        reverse("plans:plan-document", args=[world["plan"].pk]), {"document": fake}
    )
    assert response.status_code == 400
    assert "data-error-summary" in response.content.decode()


def test_department_adds_evidence_to_its_draft_record(world, users):
    image = SimpleUploadedFile("photo.png", png_bytes())
    [attachment] = services.record_attachments_add(record=world["record"], actor=users["official"], uploads=[image])
    assert attachment.content_type == "image/png"
    with pytest.raises(PermissionDenied):
        services.record_attachments_add(
            record=world["record"], actor=users["other_official"], uploads=[SimpleUploadedFile("a.png", png_bytes())]
        )


def test_evidence_only_while_the_record_can_change(world, users):
    record = record_in_state(world["record"], ReviewState.CONFIRMED, office=world["office"])
    with pytest.raises(ValidationError):
        services.record_attachments_add(
            record=record, actor=world["office"], uploads=[SimpleUploadedFile("a.png", png_bytes())]
        )


def test_evidence_upload_view_and_download(client_for, world):
    url = reverse("plans:record-attachments-add", args=[world["record"].pk])
    other = client_for("other_official").post(url, {"attachments": [SimpleUploadedFile("a.png", png_bytes())]})
    assert other.status_code == 403
    client = client_for("official")
    response = client.post(url, {"attachments": [SimpleUploadedFile("a.png", png_bytes())]})
    assert response.status_code == 303
    attachment = world["record"].attachments.get()
    page = client.get(world["task"].get_absolute_url()).content.decode()
    assert reverse("plans:record-attachment", args=[world["record"].pk, attachment.pk]) in page
    download = client.get(reverse("plans:record-attachment", args=[world["record"].pk, attachment.pk]))
    assert download.status_code == 200
    bad = client.post(url, {"attachments": [SimpleUploadedFile("a.pdf", b"text")]}, follow=True)
    assert bad.status_code == 200
    assert world["record"].attachments.count() == 1
