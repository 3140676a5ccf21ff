"""The e-mail outbox and its tasks: queued in the caller's transaction, sent exactly once, retried."""

import datetime
import smtplib
import threading
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.core import mail as django_mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection, connections, transaction
from django.utils import timezone

from humanrights_portal.celery import app
from humanrights_portal.core import mail
from humanrights_portal.core.models import EmailStatus, OutgoingEmail
from humanrights_portal.core.tasks import (
    TASK_DEFAULTS,
    requeue_stale_emails,
    send_outgoing_email,
    send_pending_emails,
)
from ombudsman import tasks as ombudsman_tasks
from ombudsman.models import Complaint
from tests.ombudsman.views.test_public import form_data

pytestmark = pytest.mark.django_db

LOCMEM_SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"


class Boom(Exception):
    pass


def queue(key="k1", body="본문: 비밀 열쇠 ABCD-EFGH"):
    return mail.queue_email("citizen@example.com", "접수 안내", body, kind="test", dedupe_key=key)


def _age(email, **delta):
    OutgoingEmail.objects.filter(pk=email.pk).update(created_at=timezone.now() - datetime.timedelta(**delta))


# ---------------------------------------------------------------- the app and its settings


def test_without_a_broker_tasks_run_in_process_and_errors_propagate(settings):
    assert app.conf.task_always_eager
    assert app.conf.task_eager_propagates
    assert app.conf.task_acks_late
    assert app.conf.task_reject_on_worker_lost
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_time_limit > app.conf.task_soft_time_limit > 0
    assert set(settings.CELERY_BEAT_SCHEDULE) >= {
        "requeue-stale-emails",
        "overdue-reminders",
        "anonymise-closed-complaints",
        "refresh-statistics",
    }
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks  # every scheduled task is registered


def test_tasks_are_retried_with_back_off():
    assert send_outgoing_email.acks_late
    assert send_outgoing_email.reject_on_worker_lost
    assert smtplib.SMTPException in send_outgoing_email.autoretry_for
    assert send_outgoing_email.retry_backoff
    assert send_outgoing_email.max_retries == TASK_DEFAULTS["max_retries"]
    assert ombudsman_tasks.anonymise_closed_complaints.autoretry_for == TASK_DEFAULTS["autoretry_for"]


# ---------------------------------------------------------------- queue_email


def test_nothing_is_sent_or_kept_when_the_transaction_rolls_back(mailoutbox, django_capture_on_commit_callbacks):
    def queue_then_fail():
        with transaction.atomic():
            queue()
            raise Boom

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Boom):
        queue_then_fail()
    assert callbacks == []
    assert mailoutbox == []
    assert not OutgoingEmail.objects.exists()


def test_the_row_is_written_at_once_and_sent_on_commit(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email = queue()
        assert OutgoingEmail.objects.get().status == EmailStatus.PENDING
        assert mailoutbox == []
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["citizen@example.com"]
    assert "ABCD-EFGH" in mailoutbox[0].body
    assert mailoutbox[0].extra_headers["Message-ID"] == f"<portal-outbox-{email.pk}@humanrights.example.go.kr>"
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.sent_at is not None
    assert email.attempts == 1
    assert email.claim_token == ""


def test_the_body_is_wiped_once_sent(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
    email.refresh_from_db()
    assert email.body == mail.SENT_BODY_PLACEHOLDER
    assert "ABCD-EFGH" not in email.body
    assert email.subject == "접수 안내"


def test_the_same_key_is_queued_once(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = queue("same")
        second = queue("same")
    assert first.pk == second.pk
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1


def test_running_the_task_twice_sends_once(mailoutbox):
    email = queue()  # not committed: no task has run yet
    assert send_outgoing_email.delay(email.pk).get() == "sent"
    assert send_outgoing_email.delay(email.pk).get() == "skipped: sent"
    assert send_outgoing_email.delay(email.pk + 1000).get() == "skipped: missing"
    assert len(mailoutbox) == 1


def test_a_row_being_sent_by_another_worker_is_left_alone(mailoutbox):
    email = queue()
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.SENDING, claimed_at=timezone.now())
    assert send_outgoing_email.delay(email.pk).get() == "skipped: sending"
    assert mailoutbox == []


# ---------------------------------------------------------------- with a broker: one relay task for many e-mails


@pytest.fixture
def with_a_broker(settings, monkeypatch):
    """What ``_dispatch`` does when a broker is configured; the relay task itself is not run."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(mail, "_relay_covers_until", 0.0)
    with mock.patch.object(send_pending_emails, "apply_async") as relay_queued:
        yield relay_queued


def test_with_a_broker_e_mails_committed_together_share_one_relay_task(
    with_a_broker, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    clock = [1000.0]
    monkeypatch.setattr(mail.time, "monotonic", lambda: clock[0])
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            queue(f"k{number}")
    clock[0] += mail.RELAY_GATHER_SECONDS / 4
    with django_capture_on_commit_callbacks(execute=True):
        queue("k3")
    # the first e-mail queued a relay that starts a moment later; it covers the e-mails after it
    with_a_broker.assert_called_once_with(countdown=mail.RELAY_GATHER_SECONDS)
    assert mailoutbox == []
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.PENDING}

    # The relay task sends them all, oldest first.
    assert send_pending_emails.run() == 4
    assert [message.to for message in mailoutbox] == [["citizen@example.com"]] * 4
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}

    # Once that task may have started, the next e-mail queues another.
    clock[0] += mail.RELAY_GATHER_SECONDS / 2
    with django_capture_on_commit_callbacks(execute=True):
        queue("k4")
    assert with_a_broker.call_count == 2


def test_a_relay_sends_nothing_twice_and_queues_the_next_batch(with_a_broker, mailoutbox, monkeypatch):
    for number in range(5):
        queue(f"k{number}")  # not committed: no relay queued
    monkeypatch.setattr(mail, "RELAY_BATCH", 2)
    assert mail.relay(limit=2) == (2, True)
    assert send_pending_emails.run() == 2
    with_a_broker.assert_called_once_with()  # more are waiting: the task queued the next batch
    assert mail.relay() == (1, False)
    assert mail.relay() == (0, False)
    assert len(mailoutbox) == 5


def test_a_relay_stops_at_a_mail_server_error_and_the_row_is_retried_alone(with_a_broker, mailoutbox):
    first, second = queue("k1"), queue("k2")
    with (
        mock.patch(LOCMEM_SEND, side_effect=smtplib.SMTPServerDisconnected("gone")),
        mock.patch.object(send_outgoing_email, "apply_async") as retry_alone,
        pytest.raises(smtplib.SMTPServerDisconnected),
    ):
        mail.relay()
    retry_alone.assert_called_once_with((first.pk,), countdown=mail.RELAY_RETRY_SECONDS)
    first.refresh_from_db()
    assert first.status == EmailStatus.PENDING
    assert first.claimed_at is not None  # waits for its own retry, not the next relay
    assert mail.relay() == (1, False)  # the second one
    assert [message.to for message in mailoutbox] == [["citizen@example.com"]]
    assert OutgoingEmail.objects.get(pk=second.pk).status == EmailStatus.SENT


def test_a_relay_error_midway_keeps_what_was_sent_and_puts_the_rest_back(with_a_broker, mailoutbox):
    first, second, third = queue("k1"), queue("k2"), queue("k3")
    real_send = LocmemBackend.send_messages
    calls = []

    def second_fails(backend, messages):
        calls.append(messages[0].to)
        if len(calls) == 2:
            raise smtplib.SMTPServerDisconnected("gone")
        return real_send(backend, messages)

    with (
        mock.patch(LOCMEM_SEND, autospec=True, side_effect=second_fails),
        mock.patch.object(send_outgoing_email, "apply_async") as retry_alone,
        pytest.raises(smtplib.SMTPServerDisconnected),
    ):
        mail.relay()
    retry_alone.assert_called_once_with((second.pk,), countdown=mail.RELAY_RETRY_SECONDS)
    rows = {email.pk: email for email in OutgoingEmail.objects.all()}
    assert (rows[first.pk].status, rows[first.pk].body) == (EmailStatus.SENT, mail.SENT_BODY_PLACEHOLDER)
    assert (rows[second.pk].status, rows[second.pk].attempts) == (EmailStatus.PENDING, 1)
    assert rows[second.pk].claimed_at is not None  # its own retry, not the next relay
    assert (rows[third.pk].status, rows[third.pk].attempts, rows[third.pk].claimed_at) == (EmailStatus.PENDING, 0, None)
    assert rows[third.pk].claim_token == rows[third.pk].claimed_by == ""
    assert mail.relay() == (1, False)  # the third, untried, goes with the next relay
    assert len(mailoutbox) == 2


def test_a_relay_sends_its_batch_over_one_mail_server_connection(with_a_broker, mailoutbox):
    for number in range(3):
        queue(f"k{number}")
    with mock.patch.object(mail, "get_connection", wraps=mail.get_connection) as connections_opened:
        assert mail.relay() == (3, False)
    connections_opened.assert_called_once_with(fail_silently=False)
    assert len(mailoutbox) == 3
    assert len({message.extra_headers["Message-ID"] for message in mailoutbox}) == 3


@pytest.mark.django_db(transaction=True)
def test_a_relay_skips_the_rows_another_relay_holds(mailoutbox):
    with mock.patch.object(mail, "_dispatch"):
        held, free = queue("k1"), queue("k2")
    other = connections.create_connection("default")
    try:
        other.set_autocommit(False)
        with other.cursor() as cursor:
            cursor.execute("SELECT id FROM core_outgoingemail WHERE id = %s FOR UPDATE", [held.pk])
        assert mail.relay() == (1, False)  # does not wait for the other relay's batch
        assert [message.to for message in mailoutbox] == [["citizen@example.com"]]
        assert OutgoingEmail.objects.get(pk=free.pk).status == EmailStatus.SENT
        assert OutgoingEmail.objects.get(pk=held.pk).status == EmailStatus.PENDING
    finally:
        other.rollback()
        other.close()


def test_a_broker_that_is_down_loses_no_e_mail(with_a_broker, django_capture_on_commit_callbacks):
    with_a_broker.side_effect = ConnectionError("redis down")
    with django_capture_on_commit_callbacks(execute=True):
        queue("k1")
    with django_capture_on_commit_callbacks(execute=True):
        queue("k2")

    assert with_a_broker.call_count == 2  # the next e-mail tries again
    # the rows stay pending, and requeue_stale_emails covers them
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.PENDING}


@pytest.mark.django_db(transaction=True)
def test_concurrent_tasks_send_once():
    """Two workers take the same message at the same moment, on two connections: one sends."""
    with mock.patch.object(mail, "_dispatch"):  # as if the message were waiting in the broker
        email = queue()
    django_mail.outbox = []
    start = threading.Barrier(4)
    results: list[str] = []
    failures: list[BaseException] = []

    def work():
        try:
            start.wait()
            results.append(send_outgoing_email.apply(args=[email.pk]).get())
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert results.count("sent") == 1
    assert len(django_mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.attempts == 1


# ---------------------------------------------------------------- failures and retries


def test_a_mail_server_error_keeps_the_row_pending_and_the_task_retries(mailoutbox):
    email = queue()
    with (
        mock.patch(LOCMEM_SEND, side_effect=smtplib.SMTPServerDisconnected("connection lost")) as send,
        pytest.raises(Retry) as retry,
    ):
        send_outgoing_email.delay(email.pk)
    # The task asks to run again later (exponential back-off with jitter); in a worker it is re-queued.
    assert isinstance(retry.value.exc, smtplib.SMTPServerDisconnected)
    assert 0 <= retry.value.when <= send_outgoing_email.retry_backoff
    assert send.call_count == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.PENDING
    assert email.attempts == 1
    assert "SMTPServerDisconnected" in email.last_error
    assert "ABCD-EFGH" in email.body  # not sent: the body is still needed
    assert mailoutbox == []
    # The retry runs once the mail server is back: sent, once.
    assert send_outgoing_email.delay(email.pk).get() == "sent"
    assert send_outgoing_email.delay(email.pk).get() == "skipped: sent"
    assert len(mailoutbox) == 1


def test_retries_until_the_mail_server_answers(mailoutbox):
    """As a worker runs it: the failed attempt is retried, and the retry sends the e-mail once."""
    email = queue()
    real_send = LocmemBackend.send_messages
    calls = []

    def flaky(backend, messages):
        calls.append(1)
        if len(calls) < 3:
            raise ConnectionRefusedError("smtp down")
        return real_send(backend, messages)

    message = send_outgoing_email.s(email.pk)
    with mock.patch(LOCMEM_SEND, autospec=True, side_effect=flaky):
        for _ in range(send_outgoing_email.max_retries):
            try:
                assert message.apply().get() == "sent"
                break
            except Retry as retry:  # the worker re-runs the retry message after its countdown
                message = retry.sig
                assert message.options["retries"] == len(calls)
    assert len(calls) == 3
    assert len(mailoutbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.SENT, 3)


def test_a_row_is_given_up_after_max_attempts(mailoutbox):
    email = queue()
    OutgoingEmail.objects.filter(pk=email.pk).update(attempts=mail.MAX_ATTEMPTS - 1)
    with mock.patch(LOCMEM_SEND, side_effect=smtplib.SMTPRecipientsRefused({})), pytest.raises(Retry):
        send_outgoing_email.delay(email.pk)
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert send_outgoing_email.delay(email.pk).get() == "skipped: failed"
    assert mailoutbox == []


# ---------------------------------------------------------------- lost tasks: re-queue


def test_stale_pending_rows_are_queued_again(mailoutbox):
    lost = queue("lost")  # its task never ran (worker killed, broker message lost)
    fresh = queue("fresh")  # its task may still be on its way
    _age(lost, minutes=2)
    assert requeue_stale_emails.delay().get() == 1
    assert [m.subject for m in mailoutbox] == ["접수 안내"]
    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert lost.status == EmailStatus.SENT
    assert fresh.status == EmailStatus.PENDING
    assert requeue_stale_emails.delay().get() == 0  # nothing sent twice
    assert len(mailoutbox) == 1


def test_rows_waiting_for_their_retry_are_not_queued_early(mailoutbox):
    email = queue()
    _age(email, minutes=5)
    OutgoingEmail.objects.filter(pk=email.pk).update(
        attempts=1, claimed_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    assert requeue_stale_emails.delay().get() == 0
    OutgoingEmail.objects.filter(pk=email.pk).update(claimed_at=timezone.now() - mail.STALE_RETRY)
    assert requeue_stale_emails.delay().get() == 1
    assert len(mailoutbox) == 1


def test_a_claim_of_a_dead_worker_is_released_and_sent(mailoutbox):
    """The documented double-send window: the worker died while ``sending``; after the claim expires the
    e-mail is sent again (with the same Message-ID)."""
    email = queue()
    _age(email, hours=1)
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENDING, claim_token="dead", claimed_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    assert requeue_stale_emails.delay().get() == 0  # the claim may still be alive
    OutgoingEmail.objects.filter(pk=email.pk).update(claimed_at=timezone.now() - mail.STALE_CLAIM)
    assert requeue_stale_emails.delay().get() == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(mailoutbox) == 1


def test_old_sent_rows_are_purged(settings, mailoutbox):
    settings.PORTAL_OUTBOX_RETENTION_DAYS = 30
    old, recent, waiting = queue("old"), queue("recent"), queue("waiting")
    for email in (old, recent):
        send_outgoing_email.delay(email.pk)
    _age(old, days=31)
    _age(waiting, days=31)
    OutgoingEmail.objects.filter(pk=waiting.pk).update(claimed_at=timezone.now())  # retrying: kept
    requeue_stale_emails.delay()
    assert set(OutgoingEmail.objects.values_list("dedupe_key", flat=True)) == {"recent", "waiting"}


# ---------------------------------------------------------------- the complaint form


def test_the_complaint_form_still_emails_the_receipt_once(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/complaints/new/", form_data())
    assert response.status_code == 303
    complaint = Complaint.objects.get()
    assert len(mailoutbox) == 1
    assert complaint.receipt_code in mailoutbox[0].subject
    email = OutgoingEmail.objects.get()
    assert (email.kind, email.dedupe_key) == ("complaint_receipt", f"complaint-receipt:{complaint.pk}")
    assert email.status == EmailStatus.SENT
    assert email.body == mail.SENT_BODY_PLACEHOLDER  # the secret key is not kept in the database
    # A duplicated task (broker redelivery) sends nothing more.
    send_outgoing_email.delay(email.pk)
    assert len(mailoutbox) == 1


def test_a_submission_keeps_its_email_row_when_the_broker_is_down(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    """The citizen still gets the receipt page; the pending row is sent by the next re-queue."""
    with (
        mock.patch.object(send_outgoing_email, "delay", side_effect=ConnectionError("redis down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post("/complaints/new/", form_data())
    assert response.status_code == 303
    email = OutgoingEmail.objects.get()
    assert email.status == EmailStatus.PENDING
    assert mailoutbox == []
    _age(email, minutes=2)
    requeue_stale_emails.delay()
    assert len(mailoutbox) == 1


# ---------------------------------------------------------------- a worker killed while sending


def test_a_claim_records_the_worker_and_its_restart_releases_it(mailoutbox):
    first, second = queue("k1"), queue("k2")
    OutgoingEmail.objects.filter(pk=first.pk).update(
        status=EmailStatus.SENDING, claimed_by="celery@app-1", claimed_at=timezone.now()
    )
    OutgoingEmail.objects.filter(pk=second.pk).update(
        status=EmailStatus.SENDING, claimed_by="celery@app-2", claimed_at=timezone.now()
    )

    assert mail.release_claims("celery@app-1") == 1
    assert mail.release_claims("") == 0

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.claimed_by, first.claimed_at) == (EmailStatus.PENDING, "", None)
    assert second.status == EmailStatus.SENDING  # another node's claim may be live: untouched
    assert mail.relay(worker="celery@app-1") == (1, False)
    first.refresh_from_db()
    assert (first.status, first.claimed_by) == (EmailStatus.SENT, "celery@app-1")
    assert [message.to for message in mailoutbox] == [["citizen@example.com"]]


def test_a_starting_worker_releases_its_predecessors_claims_and_sends_them():
    from humanrights_portal.celery import _release_claims_of_previous_run

    email = queue()
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.SENDING, claimed_by="celery@app-1")
    consumer = mock.Mock(hostname="celery@app-1")
    with (
        mock.patch.object(send_pending_emails, "delay") as relay_queued,
        mock.patch.object(connections["default"], "close") as closed,  # it runs in the worker's main process
    ):
        _release_claims_of_previous_run(sender=consumer)

    relay_queued.assert_called_once_with()
    closed.assert_called_once_with()  # before the pool forks from it
    assert OutgoingEmail.objects.get(pk=email.pk).status == EmailStatus.PENDING
