"""core.inserts: rows of several models written in one round trip, as save() would write them."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_save, pre_save
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from humanrights_portal.core import inserts
from humanrights_portal.core.models import AuditEvent, OutgoingEmail
from ombudsman.models import CaseEvent, CaseStatus, Complaint

pytestmark = pytest.mark.django_db


def new_complaint(**overrides):
    fields = {
        "receipt_code": "HR-2026-90001",
        "secret_key_hash": "0" * 64,
        "title": "민원실 출입 제한",
        "description": "휠체어로 시청 민원실에 들어갈 수 없었습니다.",
        "respondent_agency": "시청",
        "received_at": timezone.now(),
    }
    return Complaint(**{**fields, **overrides})


def test_rows_referring_to_each_other_are_written_in_one_statement_after_one_key_query():
    complaint = new_complaint()
    event = CaseEvent(complaint=complaint, kind=CaseEvent.Kind.RECEIVED, to_status=CaseStatus.RECEIVED)
    email = OutgoingEmail(kind="test", dedupe_key="inserts-test", to="a@example.com", subject="s", body="b")
    inserts.pk_sequence(Complaint)  # the sequences are read once per process
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        inserts.insert_rows(complaint, event, email)
    assert len(queries) == 2  # the key of the complaint the event refers to, then the three INSERTs
    assert queries[0]["sql"] == "SELECT nextval('public.ombudsman_complaint_id_seq')"
    assert queries[1]["sql"].startswith("WITH ")
    assert queries[1]["sql"].count("INSERT INTO") == 3

    assert None not in (complaint.pk, event.pk, email.pk)
    assert event.complaint_id == complaint.pk  # the reserved key of its parent in the same batch
    assert not any(obj._state.adding for obj in (complaint, event, email))
    stored = Complaint.objects.get(pk=complaint.pk)
    assert (stored.receipt_code, stored.title, stored.status) == ("HR-2026-90001", "민원실 출입 제한", "received")
    assert stored.updated_at is not None  # auto_now, as save() fills it
    assert stored.search_vector  # the generated column is computed by PostgreSQL
    assert CaseEvent.objects.get(pk=event.pk).complaint == stored
    assert OutgoingEmail.objects.get(pk=email.pk).created_at is not None  # auto_now_add


def test_a_row_with_its_key_reserved_keeps_it_and_json_fields_are_stored_as_json():
    complaint = new_complaint()
    inserts.reserve_pks(complaint)
    reserved = complaint.pk
    audit = AuditEvent(
        action="test.insert",
        target_type=ContentType.objects.get_for_model(Complaint),
        target_id=str(reserved),
        changes={"channel": "online", "attachments": 2, "nested": {"list": [1, "둘"]}},
    )
    with transaction.atomic():
        inserts.insert_rows(complaint, audit)
    assert complaint.pk == reserved
    stored = AuditEvent.objects.get(pk=audit.pk)
    assert stored.changes == {"channel": "online", "attachments": 2, "nested": {"list": [1, "둘"]}}
    assert stored.occurred_at is not None
    assert AuditEvent.objects.filter(changes__nested__list__1="둘").exists()


def test_save_signals_are_sent_as_for_a_save():
    seen = []

    def record(signal_name):
        def receiver(sender, instance, **kwargs):
            seen.append((signal_name, sender, instance.pk is not None, kwargs.get("created"), kwargs["raw"]))

        return receiver

    before, after = record("pre"), record("post")
    pre_save.connect(before, sender=Complaint)
    post_save.connect(after, sender=Complaint)
    try:
        with transaction.atomic():
            inserts.insert_rows(new_complaint())
    finally:
        pre_save.disconnect(before, sender=Complaint)
        post_save.disconnect(after, sender=Complaint)
    assert seen == [("pre", Complaint, False, None, False), ("post", Complaint, True, True, False)]


def test_reserved_keys_are_distinct_and_not_reused():
    first, second = new_complaint(), new_complaint()
    inserts.reserve_pks(first, second)
    third = new_complaint()
    inserts.reserve_pks(third)
    assert len({first.pk, second.pk, third.pk}) == 3
    assert third.pk > max(first.pk, second.pk)


def test_rows_nothing_refers_to_need_no_key_query():
    audit = AuditEvent(action="test.insert")
    email = OutgoingEmail(kind="test", dedupe_key="inserts-test", to="a@example.com", subject="s", body="b")
    with CaptureQueriesContext(connection) as queries:
        inserts.insert_rows(audit, email)
    assert len(queries) == 1
    assert AuditEvent.objects.get(pk=audit.pk).action == "test.insert"
    assert OutgoingEmail.objects.get(pk=email.pk).dedupe_key == "inserts-test"


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_statement_is_one():
    complaint = new_complaint()
    event = CaseEvent(complaint=complaint, kind=CaseEvent.Kind.RECEIVED, to_status=CaseStatus.RECEIVED)
    inserts.insert_rows(complaint, event)
    assert CaseEvent.objects.get(pk=event.pk).complaint_id == complaint.pk

    failing = new_complaint(receipt_code="HR-2026-90002")
    orphan = CaseEvent(complaint=failing, kind=CaseEvent.Kind.RECEIVED, to_status=CaseStatus.RECEIVED)
    duplicate = new_complaint()  # the receipt code of the first: the last part fails
    with pytest.raises(IntegrityError, match="receipt_code"):
        inserts.insert_rows(failing, orphan, duplicate)
    assert list(Complaint.objects.values_list("receipt_code", flat=True)) == ["HR-2026-90001"]
    assert CaseEvent.objects.count() == 1


def test_a_failing_row_rolls_back_the_whole_batch():
    complaint = new_complaint()
    duplicate = new_complaint(received_at=timezone.now() - datetime.timedelta(days=1))  # same receipt code
    with pytest.raises(Exception, match="receipt_code"), transaction.atomic():
        inserts.insert_rows(complaint, duplicate)
    assert not Complaint.objects.exists()
