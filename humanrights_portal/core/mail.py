"""The e-mail outbox: every e-mail the portal sends is a row first, then a background task sends it.

``queue_email`` writes an ``OutgoingEmail`` row in the caller's transaction and, once that transaction
commits, sends it in-process (no broker) or has a worker's relay task (``core.tasks.send_pending_emails``)
send it with the others pending (``_dispatch``). A rolled-back action therefore
sends nothing, and an acknowledged one always has its e-mail row, whatever happens to the workers
or the broker afterwards (``core.tasks.requeue_stale_emails`` picks up rows whose task was lost).

``deliver`` (one row) and ``relay`` (a batch of rows) send each row at most once per claim:

1. in one statement, only rows still ``pending`` become ``sending`` with a fresh claim token (a relay
   skips the rows another relay holds);
2. they hand the messages to the mail server (a relay, over one connection);
3. they mark the rows ``sent`` (only those still holding the claim) and replace the bodies by a placeholder.

A second or concurrent task finds the row ``sending`` or ``sent`` and does nothing. The one window for a
double send is a crash between step 2 and step 3 (the worker dies after the server took the messages, before
the commit; for a relay, the part of the batch sent so far): the rows stay ``sending`` and go again when that
worker's node starts again (``release_claims``) or, if it never does, once the claim is older than
``STALE_CLAIM`` (``requeue_stale``). Every copy carries the same ``Message-ID`` (derived from the row), so
mail clients show such a duplicate once. A failed send puts the row back to ``pending`` and the task
retries with exponential back-off; after ``MAX_ATTEMPTS`` the row is ``failed``.
"""

from __future__ import annotations

import datetime
import logging
import time
import uuid
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from humanrights_portal.core.models import EmailStatus, OutgoingEmail, ReminderLog, User

logger = logging.getLogger(__name__)

#: What a sent row keeps instead of its body (which may hold a citizen's one-time secret key).
SENT_BODY_PLACEHOLDER = "[sent; the content is not kept]"
#: A ``pending`` row this old whose task has not run is queued again.
STALE_PENDING = datetime.timedelta(minutes=1)
#: A row tried and failed waits for its task's own retries (back-off up to ``RETRY_BACKOFF_MAX``) this long
#: before ``requeue_stale`` queues it again, in case the retry message was lost.
STALE_RETRY = datetime.timedelta(minutes=30)
#: A ``sending`` claim this old belongs to a worker that died (longer than the task's hard time limit).
STALE_CLAIM = datetime.timedelta(seconds=getattr(settings, "CELERY_TASK_TIME_LIMIT", 600) + 300)
#: Attempts before a row is given up as ``failed`` (kept for the office to look into).
MAX_ATTEMPTS = 12
#: With a broker, the relay task starts this long after it was queued, gathering the e-mails committed
#: meanwhile; a process queues at most one relay per half of it (``_dispatch``).
RELAY_GATHER_SECONDS = 1.0
#: Rows one relay task sends before it queues the next one.
RELAY_BATCH = 200
#: A row whose sending failed in a relay is tried again on its own after this many seconds.
RELAY_RETRY_SECONDS = 15


def outbox_email(to: str, subject: str, body: str, *, kind: str, dedupe_key: str) -> OutgoingEmail:
    """The outbox row of one e-mail, not saved yet. :func:`queue_email` writes it; a service that writes its
    rows in one batch (``core.inserts.insert_rows``, where the key is new by construction) passes it with
    them and then calls :func:`send_on_commit`."""
    return OutgoingEmail(
        kind=kind,
        dedupe_key=dedupe_key,
        to=to,
        subject=subject[:300],
        body=body,
        status=EmailStatus.PENDING,
        created_at=timezone.now(),
    )


def send_on_commit(email: OutgoingEmail) -> None:
    """Have the written row sent once the caller's transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: _dispatch(email.pk), robust=True)


def queue_email(to: str, subject: str, body: str, *, kind: str, dedupe_key: str) -> OutgoingEmail:
    """Write the e-mail in the caller's transaction; it is sent after the commit, never if rolled back.

    Queuing the same ``dedupe_key`` again returns the existing row and sends nothing more. One statement
    (``INSERT … ON CONFLICT DO NOTHING``): a look-up first would cost every submission a query, and two
    transactions queuing the same key at once simply wait for each other instead of failing.
    """
    email = outbox_email(to, subject, body, kind=kind, dedupe_key=dedupe_key)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO core_outgoingemail
                (kind, dedupe_key, "to", subject, body, status,
                 claim_token, claimed_by, attempts, last_error, created_at)
            VALUES (%s, %s, %s, %s, %s, %s, '', '', 0, '', %s)
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING id
            """,
            [kind, dedupe_key, to, email.subject, body, EmailStatus.PENDING, email.created_at],
        )
        row = cursor.fetchone()
    if row is None:
        return OutgoingEmail.objects.get(dedupe_key=dedupe_key)
    email.pk = row[0]
    email._state.adding = False
    email._state.db = connection.alias
    send_on_commit(email)
    return email


#: Per process (``time.monotonic``): until then a relay task this process queued has not started, so it
#: will send what this process commits meanwhile.
_relay_covers_until = 0.0


def _dispatch(email_id: int) -> None:
    """Hand the row to a worker (or, without a broker, send it now). A failure here loses nothing: the
    row stays pending and ``requeue_stale_emails`` queues it again.

    With a broker, e-mails are not one task each: a process queues one ``send_pending_emails`` task to
    start ``RELAY_GATHER_SECONDS`` later, which sends every pending row, and queues none for the e-mails it
    commits in the next half of that time (the task, not started yet, will find them). On a busy day a
    task sends a second's e-mails and most submissions never talk to the broker; a task costs the worker
    several times what sending one e-mail does."""
    global _relay_covers_until
    from humanrights_portal.core.tasks import send_outgoing_email, send_pending_emails

    if settings.CELERY_TASK_ALWAYS_EAGER:
        send_outgoing_email.delay(email_id)
        return
    now = time.monotonic()
    if now < _relay_covers_until:
        return
    send_pending_emails.apply_async(countdown=RELAY_GATHER_SECONDS)
    # Half, not all of the delay: a worker whose clock runs a little ahead starts the task early.
    _relay_covers_until = now + RELAY_GATHER_SECONDS / 2


def relay(*, limit: int | None = None, worker: str = "") -> tuple[int, bool]:
    """Send the pending e-mails never tried yet, oldest first, at most ``limit`` (``RELAY_BATCH``); return
    how many were sent and whether more are waiting. Rows that failed once wait for their own retry
    (``send_outgoing_email``).

    A batch is claimed in one statement (rows another relay holds are skipped), handed to the mail server
    over one connection, and marked sent in one statement: four statements for the batch rather than two
    per e-mail. A mail server error stops the relay: the rows sent before it are marked sent, the failing
    one is put back and retried on its own in ``RELAY_RETRY_SECONDS``, the rest are put back untried, and
    the error propagates so that the task is retried with back-off. A worker killed between handing the
    batch over and marking it leaves the batch ``sending``; it goes out again, with the same Message-IDs,
    when the node starts again (``release_claims``)."""
    from humanrights_portal.core.tasks import send_outgoing_email

    limit = limit or RELAY_BATCH
    token = uuid.uuid4().hex
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH batch AS MATERIALIZED (
                SELECT id FROM core_outgoingemail
                WHERE status = %s AND claimed_at IS NULL
                ORDER BY created_at, id
                LIMIT %s
                FOR UPDATE SKIP LOCKED
            )
            UPDATE core_outgoingemail
            SET status = %s, claim_token = %s, claimed_by = %s, claimed_at = %s, attempts = attempts + 1
            FROM batch
            WHERE core_outgoingemail.id = batch.id
            RETURNING core_outgoingemail.id, kind, "to", subject, body, attempts, created_at
            """,
            [EmailStatus.PENDING, limit, EmailStatus.SENDING, token, worker[:200], timezone.now()],
        )
        rows = sorted(cursor.fetchall(), key=lambda row: (row[6], row[0]))
    if not rows:
        return 0, False
    emails = [
        OutgoingEmail(pk=row[0], kind=row[1], to=row[2], subject=row[3], body=row[4], attempts=row[5]) for row in rows
    ]
    claimed = OutgoingEmail.objects.filter(claim_token=token, status=EmailStatus.SENDING)
    sent: list[int] = []
    failure = None
    try:
        with get_connection(fail_silently=False) as server:
            for email in emails:
                _message(email, server).send(fail_silently=False)
                sent.append(email.pk)
    except Exception as error:
        failure = error
    _claim_sent(claimed.filter(pk__in=sent), len(sent))
    if failure is not None and len(sent) == len(emails):
        logger.warning("mail server connection not closed cleanly after a batch was sent: %s", failure)
    elif failure is not None:
        failed = emails[len(sent)]
        _claim_failed(claimed.filter(pk=failed.pk), failed, failure)
        claimed.update(  # the rest of the batch, untried: back to the queue as they were
            status=EmailStatus.PENDING, claim_token="", claimed_by="", claimed_at=None, attempts=F("attempts") - 1
        )
        send_outgoing_email.apply_async((failed.pk,), countdown=RELAY_RETRY_SECONDS)
        raise failure
    return len(sent), len(rows) == limit


def _message(email: OutgoingEmail, server=None) -> EmailMessage:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return EmailMessage(
        email.subject,
        email.body,
        settings.DEFAULT_FROM_EMAIL,
        [email.to],
        connection=server,
        headers={"Message-ID": f"<portal-outbox-{email.pk}@{domain}>"},
    )


def _claim_failed(claimed, email: OutgoingEmail, error: Exception) -> None:
    """Put a row whose sending failed back to ``pending`` for its retry, or give it up after ``MAX_ATTEMPTS``."""
    gave_up = email.attempts >= MAX_ATTEMPTS
    claimed.update(
        status=EmailStatus.FAILED if gave_up else EmailStatus.PENDING,
        claim_token="",
        claimed_by="",
        last_error=f"{type(error).__name__}: {error}"[:500],
    )
    logger.warning("e-mail %s (%s) not sent, attempt %s: %s", email.pk, email.kind, email.attempts, error)


def _claim_sent(claimed, expected: int) -> None:
    """Mark the claimed rows sent and wipe their bodies. The only double-send window is a crash before this
    update commits (module docstring)."""
    if not expected:
        return
    marked = claimed.update(
        status=EmailStatus.SENT, sent_at=timezone.now(), body=SENT_BODY_PLACEHOLDER, claim_token="", last_error=""
    )
    if marked != expected:
        logger.error(
            "%s e-mail(s) were sent but their claim had been taken over (stale claim reset)", expected - marked
        )


def deliver(email_id: int, *, worker: str = "") -> str:
    """Send one queued e-mail unless it is sent, being sent or missing; return what happened.

    ``worker`` (the Celery node name) is kept with the claim, so that the node's next start releases a
    claim its killed predecessor left (``release_claims``). Raises the mail server's error after putting
    the row back to ``pending`` (the task retries).
    """
    token = uuid.uuid4().hex
    # The claim is one statement: only a ``pending`` row becomes ``sending`` with this token. A concurrent
    # claim waits for this one's commit, then no longer finds the row pending.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE core_outgoingemail
            SET status = %s, claim_token = %s, claimed_by = %s, claimed_at = %s, attempts = attempts + 1
            WHERE id = %s AND status = %s
            RETURNING id, kind, "to", subject, body, attempts
            """,
            [EmailStatus.SENDING, token, worker[:200], timezone.now(), email_id, EmailStatus.PENDING],
        )
        row = cursor.fetchone()
    if row is None:
        status = OutgoingEmail.objects.filter(pk=email_id).values_list("status", flat=True).first()
        return f"skipped: {status or 'missing'}"
    email = OutgoingEmail(pk=row[0], kind=row[1], to=row[2], subject=row[3], body=row[4], attempts=row[5])
    claimed = OutgoingEmail.objects.filter(pk=email.pk, claim_token=token, status=EmailStatus.SENDING)
    try:
        _message(email).send(fail_silently=False)
    except Exception as error:
        _claim_failed(claimed, email, error)
        raise
    _claim_sent(claimed, 1)
    return "sent"


def release_claims(worker: str) -> int:
    """Put back to ``pending`` the rows a previous run of this Celery node left ``sending`` (it was killed
    between the claim and the end of the send); called when the node starts, so they go out now rather than
    after ``STALE_CLAIM``. Node names are unique among running workers, so no live claim is touched. If
    the killed worker had handed the message over already, it is sent twice, with the same Message-ID."""
    if not worker:
        return 0
    return OutgoingEmail.objects.filter(status=EmailStatus.SENDING, claimed_by=worker).update(
        status=EmailStatus.PENDING,
        claim_token="",
        claimed_by="",
        claimed_at=None,
        last_error="claim released: the worker that held it was restarted",
    )


def requeue_stale(now: datetime.datetime | None = None, *, limit: int = 500) -> list[int]:
    """Rows whose task was lost: pending and never tried for a minute, tried but not retried for
    ``STALE_RETRY``, or claimed by a worker that died. Claims are reset; the ids are returned for queuing."""
    now = now or timezone.now()
    with transaction.atomic():
        OutgoingEmail.objects.filter(status=EmailStatus.SENDING, claimed_at__lt=now - STALE_CLAIM).update(
            status=EmailStatus.PENDING,
            claim_token="",
            claimed_by="",
            claimed_at=None,
            last_error="claim expired: the worker stopped while sending",
        )
        return list(
            OutgoingEmail.objects.filter(status=EmailStatus.PENDING, created_at__lt=now - STALE_PENDING)
            .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - STALE_RETRY))
            .order_by("created_at")
            .values_list("pk", flat=True)[:limit]
        )


def purge_old(now: datetime.datetime | None = None) -> int:
    """Sent and failed rows keep an address and a subject; they go after ``PORTAL_OUTBOX_RETENTION_DAYS``."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.PORTAL_OUTBOX_RETENTION_DAYS)
    deleted, _ = OutgoingEmail.objects.filter(
        status__in=[EmailStatus.SENT, EmailStatus.FAILED], created_at__lt=cutoff
    ).delete()
    return deleted


@transaction.atomic
def reminder_queue(
    *, recipient: User, kind: str, day: datetime.date, subject: str, body: str, items: int
) -> OutgoingEmail | None:
    """Queue a recipient's reminder of ``kind`` for ``day`` unless they already have it (``ReminderLog``).

    The log row and the e-mail row commit together; a concurrent run waits on the unique log row and
    then finds it, so nobody gets two reminders of a kind on one day.
    """
    log, created = ReminderLog.objects.get_or_create(recipient=recipient, kind=kind, day=day, defaults={"items": items})
    if not created:
        return None
    email = queue_email(
        recipient.email, subject, body, kind=f"reminder:{kind}", dedupe_key=f"reminder:{kind}:{recipient.pk}:{day}"
    )
    log.email = email
    log.save(update_fields=["email"])
    return email
