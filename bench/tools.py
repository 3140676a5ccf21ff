"""Small database chores of ``bench/run.sh`` on the benchmark database (never the demo one).

usage: tools.py status N      -> prints "ok" when the bench seed of size N is in place, else "seed"
       tools.py fix-tracking  -> re-keys the tracking case for this run's DJANGO_SECRET_KEY
       tools.py trim          -> deletes cases the submission phase made (five-digit codes) and all sessions,
                                 then VACUUM ANALYZE of the tables they were in and a CHECKPOINT
       tools.py pick-detail   -> receipt code of an open case with a recommendation, events and a note
       tools.py outbox        -> the receipt e-mails of the submission phase, by status (sent by the worker?),
                                 after waiting up to 15 s for the pending ones
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.bench_settings")

import django

django.setup()

from django.contrib.sessions.models import Session  # noqa: E402
from django.db import DatabaseError, connection  # noqa: E402
from django.db.models import Count  # noqa: E402

from humanrights_portal.core.models import OutgoingEmail  # noqa: E402
from ombudsman import workflow  # noqa: E402
from ombudsman.bench import BENCH_CODE_PATTERN, TRACKING_KEY, tracking_code  # noqa: E402
from ombudsman.models import Complaint  # noqa: E402
from ombudsman.services import secret_key_hash  # noqa: E402

OUTBOX_WAIT_SECONDS = 15
TRIMMED_TABLES = (
    "ombudsman_complaint",
    "ombudsman_caseevent",
    "core_auditevent",
    "core_outgoingemail",
    "django_session",
)


def main(argv):
    action = argv[0]
    if action == "status":
        size = int(argv[1])
        bench = Complaint.objects.filter(receipt_code__regex=BENCH_CODE_PATTERN)
        ok = bench.count() == size and bench.filter(receipt_code=tracking_code()).exists()
        print("ok" if ok or (size == 0 and not bench.exists()) else "seed")
    elif action == "fix-tracking":
        # The key hash is an HMAC with SECRET_KEY, which is random per run.
        changed = Complaint.objects.filter(receipt_code=tracking_code()).update(
            secret_key_hash=secret_key_hash(TRACKING_KEY)
        )
        if changed != 1:
            raise SystemExit(f"tracking case {tracking_code()} not found")
        print(tracking_code())
    elif action == "trim":
        extra = Complaint.objects.exclude(receipt_code__regex=BENCH_CODE_PATTERN)
        deleted = extra.count()
        extra.delete()
        sessions = Session.objects.all().delete()[0]
        OutgoingEmail.objects.filter(to__startswith="bench-citizen").delete()
        # Receipt numbers restart after the seeded ones: submitted codes keep their five digits (past 99,999
        # they would look like bench codes, which trim keeps).
        with connection.cursor() as cursor:
            cursor.execute(
                """
                UPDATE ombudsman_receiptsequence AS sequence SET last_number = coalesce((
                    SELECT max(split_part(receipt_code, '-', 3)::int) FROM ombudsman_complaint
                    WHERE receipt_code LIKE 'HR-' || sequence.year || '-%%'
                ), 0)
                """
            )
        # The submitted cases were the newest: their dead entries sit at the head of the indexes the list
        # walks first, and autovacuum waits for 20 % of the table. Back to the seeded state, as after seeding.
        with connection.cursor() as cursor:
            for table in TRIMMED_TABLES:
                cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(table)}")
        # The deletes and vacuums above leave dirty pages: written now rather than by a timed checkpoint
        # in the middle of the load (which then also logs a full image of every page first touched after it).
        checkpointed = ""
        with connection.cursor() as cursor:
            try:
                cursor.execute("CHECKPOINT")
                checkpointed = ", checkpoint"
            except DatabaseError:  # not a superuser (or pg_checkpoint): the load may meet a checkpoint
                checkpointed = ", no checkpoint (needs superuser or pg_checkpoint)"
        print(f"trim: deleted {deleted} submitted cases, {sessions} sessions{checkpointed}")
    elif action == "pick-detail":
        case = (
            Complaint.objects.filter(
                receipt_code__regex=BENCH_CODE_PATTERN,
                status__in=workflow.OPEN_STATUSES,
                recommendations__isnull=False,
                notes__isnull=False,
            )
            .annotate(event_count=Count("events", distinct=True))
            .filter(event_count__gte=2)
            .order_by("receipt_code")
            .values_list("receipt_code", flat=True)
            .first()
        )
        if case is None:
            raise SystemExit("no open case with a recommendation, a note and events")
        print(case)
    elif action == "outbox":
        # The worker gathers a second's e-mails per relay task: give the last batch a few seconds.
        receipts = OutgoingEmail.objects.filter(kind="complaint_receipt", to__startswith="bench-citizen")
        started = time.monotonic()
        while receipts.filter(status="pending").exists() and time.monotonic() - started < OUTBOX_WAIT_SECONDS:
            time.sleep(0.5)
        waited = time.monotonic() - started
        counts = dict(receipts.values_list("status").annotate(n=Count("id")).order_by())
        summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "none"
        print(f"receipt e-mails: {summary} ({waited:.1f} s after the load)")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
