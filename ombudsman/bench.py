"""Benchmark data of the ombudsman: ``size`` synthetic cases, written with PostgreSQL ``COPY``.

``manage.py seed_bench --size 100000`` makes 100,000 cases in well under a minute on two cores:
rows are generated in Python and streamed with ``COPY … FROM STDIN`` (no model instances, no
per-row queries), then the tables are ``ANALYZE``d so the planner knows their new size.

What a case gets (on average): about two timeline entries, a recommendation on ~5 %, an
internal note on ~30 %, attachment metadata on ~10 % (no files: ``file`` is empty), one or two
rights and often a group; ~10 % are open, received in the last months; the others are finished,
received over the last five years. ``search_vector`` is a generated column, filled by PostgreSQL.

Bench cases have **six-digit** receipt numbers, ``HR-<year>-<nnnnnn>``; real receipts have five
(``HR-2026-00042``), so the two can never collide. Running the command again first deletes every
case with a six-digit code (with its timeline, notes, attachments, recommendations and surveys)
and makes a fresh set; cases submitted during a benchmark keep their five-digit codes and stay.
The receipt sequence of each year is raised to the highest bench number, so new submissions
continue after them. seed_bench is meant for benchmark databases only.

Tracking: the first case of the current year, ``HR-<year>-000001``, is open and answers to the
secret key ``TRACKING_KEY``; the command prints both so the benchmark can load its status page.
"""

from __future__ import annotations

import csv
import datetime
import io
import random
import secrets

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from humanrights_portal.core.models import Department, User
from humanrights_portal.core.roles import Role
from humanrights_portal.core.services import staff_user_upsert
from ombudsman import demo, workflow
from ombudsman.models import (
    RECEIPT_PREFIX,
    Attachment,
    CaseEvent,
    CaseStatus,
    Channel,
    Complaint,
    CounsellingSession,
    InternalNote,
    Recommendation,
    SatisfactionSurvey,
)
from ombudsman.services import PRIVACY_NOTICE_VERSION, secret_key_hash

#: The secret key of the tracking case (32 base-32 characters, like a real one).
TRACKING_KEY = "BENC-HMAR-KTRA-CKIN-GKEY-ABCD-EFGH-2345"
HANDLER_USERNAMES = ["bench", "bench-ombudsman-1", "bench-ombudsman-2", "bench-ombudsman-3"]
#: Six digits: the mark of a bench case (real receipt codes have five).
BENCH_CODE_PATTERN = r"^HR-[0-9]{4}-[0-9]{6}$"
YEARS = 5
NULL = r"\N"

S = CaseStatus
FINISHED = [(S.CLOSED, 78), (S.DISMISSED, 10), (S.WITHDRAWN, 6), (S.REFERRED, 6)]
OPEN = [(S.RECEIVED, 2), (S.SCREENING, 3), (S.INVESTIGATING, 3), (S.RECOMMENDATION_ISSUED, 1), (S.FOLLOW_UP, 1)]
#: The status a case came from when it reached each status (for its one transition entry).
PREVIOUS = {
    S.SCREENING: S.RECEIVED,
    S.INVESTIGATING: S.SCREENING,
    S.RECOMMENDATION_ISSUED: S.INVESTIGATING,
    S.FOLLOW_UP: S.RECOMMENDATION_ISSUED,
    S.CLOSED: S.INVESTIGATING,
    S.DISMISSED: S.SCREENING,
    S.WITHDRAWN: S.SCREENING,
    S.REFERRED: S.RECEIVED,
}
CHANNELS = [Channel.ONLINE] * 12 + [Channel.PHONE] * 3 + [Channel.VISIT] * 2 + [Channel.LETTER, Channel.COUNSELLING]


def tracking_code(year: int | None = None) -> str:
    return f"{RECEIPT_PREFIX}-{year or timezone.localdate().year}-000001"


def _format(value) -> str:
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


def _columns(model) -> list[str]:
    return [
        field.column
        for field in model._meta.concrete_fields
        if not field.primary_key and not getattr(field, "generated", False)
    ]


def _copy(cursor, table: str, columns: list[str], rows) -> int:
    """Stream ``rows`` (tuples in ``columns`` order) into ``table`` with one COPY."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    count = 0
    for row in rows:
        writer.writerow([_format(value) for value in row])
        count += 1
    buffer.seek(0)
    column_list = ", ".join(connection.ops.quote_name(column) for column in columns)
    cursor.copy_expert(f"COPY {table} ({column_list}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buffer)
    return count


def _delete_previous(cursor) -> int:
    complaint = Complaint._meta.db_table
    # Table names come from the models, the pattern is a parameter.
    bench_ids = f"SELECT id FROM {complaint} WHERE receipt_code ~ %s"  # noqa: S608
    children = (CaseEvent, InternalNote, Attachment, Recommendation, SatisfactionSurvey)
    for model in (*children, Complaint.rights.through, Complaint.groups.through):
        table = model._meta.db_table
        cursor.execute(f"DELETE FROM {table} WHERE complaint_id IN ({bench_ids})", [BENCH_CODE_PATTERN])  # noqa: S608
    cursor.execute(
        f"UPDATE {CounsellingSession._meta.db_table} SET complaint_id = NULL WHERE complaint_id IN ({bench_ids})",  # noqa: S608
        [BENCH_CODE_PATTERN],
    )
    cursor.execute(f"DELETE FROM {complaint} WHERE receipt_code ~ %s", [BENCH_CODE_PATTERN])  # noqa: S608
    return cursor.rowcount


def _handlers() -> list[User]:
    for username in HANDLER_USERNAMES[1:]:
        staff_user_upsert(
            username=username,
            password=settings.PORTAL_DEMO_PASSWORD,
            roles=[Role.OMBUDSMAN],
            display_name=f"Benchmark ombudsperson {username[-1]}",
        )
    return list(User.objects.filter(username__in=HANDLER_USERNAMES).order_by("username"))


def _weighted(pairs) -> list:
    return [value for value, weight in pairs for _ in range(weight)]


def seed(*, size: int, seed: int, stdout=None) -> None:
    rng = random.Random(seed)  # noqa: S311 - repeatable synthetic data, not security
    with transaction.atomic(), connection.cursor() as cursor:
        deleted = _delete_previous(cursor)
        if size == 0:
            if stdout is not None:
                stdout.write(f"ombudsman: removed {deleted} bench cases, made none")
            return
        made = _make(cursor, size=size, rng=rng)
        tables = [
            model._meta.db_table
            for model in (Complaint, CaseEvent, InternalNote, Attachment, Recommendation, CounsellingSession)
        ]
        tables += [Complaint.rights.through._meta.db_table, Complaint.groups.through._meta.db_table]
        cursor.execute("ANALYZE " + ", ".join(tables))
    if stdout is not None:
        stdout.write(
            "ombudsman: {cases} cases ({open} open), {events} timeline entries, {recommendations} recommendations, "
            "{notes} notes, {attachments} attachment records, {rights} rights and {groups} groups links "
            "(replaced {deleted} earlier bench cases)".format(deleted=deleted, **made)
        )
        stdout.write(f"ombudsman: track case {made['tracking_code']} with secret key {TRACKING_KEY}")


def _make(cursor, *, size: int, rng: random.Random) -> dict:
    now = timezone.now()
    today = timezone.localdate()
    handlers = [user.pk for user in _handlers()]
    departments = list(Department.objects.values_list("pk", flat=True)) or [None]
    rights = list(Complaint.rights.field.related_model.objects.values_list("pk", flat=True))
    groups = list(Complaint.groups.field.related_model.objects.values_list("pk", flat=True))
    finished, still_open = _weighted(FINISHED), _weighted(OPEN)
    unknown_hash = secret_key_hash(secrets.token_hex(20))
    tracking_hash = secret_key_hash(TRACKING_KEY)
    earliest = now - datetime.timedelta(days=365 * YEARS)
    span = (now - earliest).total_seconds()
    templates = demo.TEMPLATES
    names = [name for name, _ in demo.COMPLAINANTS]

    # ---- complaints
    cases = []  # (received_at, status, handler, closed_at, stage entered)
    for index in range(size):
        is_open = index == 0 or rng.random() < 0.10
        if is_open:
            status = S.INVESTIGATING if index == 0 else rng.choice(still_open)
            received_at = now - datetime.timedelta(seconds=rng.uniform(3600, 150 * 86400))
        else:
            status = rng.choice(finished)
            received_at = earliest + datetime.timedelta(seconds=rng.uniform(0, span))
        cases.append((received_at, status))
    # The tracking case is open, received this year, and numbered first in its year.
    start_of_year = timezone.localtime(now).replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    cases[0] = (max(now - datetime.timedelta(days=30), start_of_year), S.INVESTIGATING)
    order = [0, *sorted(range(1, size), key=lambda index: cases[index][0])]
    counters: dict[int, int] = {}
    codes = [""] * size
    for index in order:
        year = timezone.localtime(cases[index][0]).year
        counters[year] = counters.get(year, 0) + 1
        codes[index] = f"{RECEIPT_PREFIX}-{year}-{counters[year]:06d}"
    tracking = codes[0]

    complaint_columns = _columns(Complaint)
    plans = []

    def complaint_rows():
        for index, (received_at, status) in enumerate(cases):
            template = templates[index % len(templates)]
            terminal = status in workflow.TERMINAL_STATUSES
            handler = None if status == S.RECEIVED else handlers[index % len(handlers)]
            if terminal:
                closed_at = min(received_at + datetime.timedelta(days=rng.uniform(5, 200)), now)
                entered = closed_at
                deadline = None
            else:
                closed_at = None
                entered = received_at + (now - received_at) * rng.random()
                deadline = workflow.stage_deadline(status, timezone.localdate(entered))
            channel = Channel.ONLINE if index == 0 else rng.choice(CHANNELS)
            anonymous = index != 0 and rng.random() < 0.3
            plans.append((received_at, status, handler, entered, channel))
            values = {
                "receipt_code": codes[index],
                "secret_key_hash": tracking_hash if index == 0 else unknown_hash,
                "status": status,
                "channel": channel,
                "received_at": received_at,
                "stage_deadline": deadline,
                "closed_at": closed_at,
                "is_anonymous": anonymous,
                "complainant_name": "" if anonymous else names[index % len(names)],
                "complainant_email": "" if anonymous else f"bench{index}@example.com",
                "complainant_phone": "" if anonymous else f"010-0000-{index % 10000:04d}",
                "on_behalf_of": template.on_behalf_of,
                "affected_party": template.affected_party,
                "title": template.title,
                "description": template.description,
                "incident_date": timezone.localdate(received_at) - datetime.timedelta(days=index % 60),
                "incident_place": template.place,
                "respondent_agency": template.agency,
                "respondent_department_id": departments[index % len(departments)],
                "consent_personal_data": not anonymous,
                "consent_sensitive_data": True,
                "consent_notice_version": PRIVACY_NOTICE_VERSION,
                "handler_id": handler,
                "registered_by_id": None if channel == Channel.ONLINE else handlers[0],
                "anonymised_at": None,
                "updated_at": now,
            }
            yield tuple(values[column] for column in complaint_columns)

    _copy(cursor, Complaint._meta.db_table, complaint_columns, complaint_rows())
    cursor.execute(
        f"SELECT receipt_code, id FROM {Complaint._meta.db_table} WHERE receipt_code ~ %s",  # noqa: S608
        [BENCH_CODE_PATTERN],
    )
    ids_by_code = dict(cursor.fetchall())
    ids = [ids_by_code[code] for code in codes]

    # ---- receipt sequences: new submissions continue after the bench numbers
    for year, last in counters.items():
        cursor.execute(
            """
            INSERT INTO ombudsman_receiptsequence (year, last_number) VALUES (%s, %s)
            ON CONFLICT (year) DO UPDATE
            SET last_number = GREATEST(ombudsman_receiptsequence.last_number, EXCLUDED.last_number)
            """,
            [year, last],
        )

    # ---- timeline: received, then the transition to the current status
    event_columns = _columns(CaseEvent)
    event_count = 0

    def event_rows():
        nonlocal event_count
        for complaint_id, (received_at, status, handler, entered, channel) in zip(ids, plans, strict=True):
            registered = None if channel == Channel.ONLINE else handlers[0]
            base = {"complaint_id": complaint_id, "reason": "", "public_message": ""}
            rows = [
                {**base, "occurred_at": received_at, "kind": CaseEvent.Kind.RECEIVED, "from_status": "",
                 "to_status": S.RECEIVED, "actor_id": registered, "is_public": True},
            ]  # fmt: skip
            if status != S.RECEIVED:
                reason = "벤치마크 사유" if status in workflow.REASON_REQUIRED else ""
                rows.append(
                    {**base, "occurred_at": entered, "kind": CaseEvent.Kind.TRANSITION, "from_status": PREVIOUS[status],
                     "to_status": status, "actor_id": handler if status != S.WITHDRAWN else None, "reason": reason,
                     "is_public": True}
                )  # fmt: skip
            for row in rows:
                event_count += 1
                yield tuple(row[column] for column in event_columns)

    _copy(cursor, CaseEvent._meta.db_table, event_columns, event_rows())

    # ---- recommendations (~5 %), notes (~30 %), attachment records (~10 %)
    recommendation_columns = _columns(Recommendation)
    recommendations = []
    for complaint_id, (received_at, status, handler, _entered, _) in zip(ids, plans, strict=True):
        wanted = status in (S.RECOMMENDATION_ISSUED, S.FOLLOW_UP) or (status == S.CLOSED and rng.random() < 0.05)
        if not wanted:
            continue
        template = demo.RECOMMENDATION_TEMPLATES[complaint_id % len(demo.RECOMMENDATION_TEMPLATES)].recommendation
        issued_on = min(timezone.localdate(received_at) + datetime.timedelta(days=rng.randint(20, 60)), today)
        if status == S.RECOMMENDATION_ISSUED:
            response, response_date, implemented = "pending", None, None
        else:
            response = rng.choice(["accepted", "accepted", "partially_accepted", "rejected"])
            response_date = min(issued_on + datetime.timedelta(days=rng.randint(10, 60)), today)
            implemented = None if status == S.FOLLOW_UP else response != "rejected"
        values = {
            "complaint_id": complaint_id,
            "agency": template["agency"],
            "text": template["text"],
            "public_summary": template["public_summary"],
            "issued_on": issued_on,
            "response_due": issued_on + datetime.timedelta(days=60),
            "response": response,
            "response_date": response_date,
            "response_text": "" if response == "pending" else "권고를 검토하여 회신합니다.",
            "implemented": implemented,
            "implemented_on": response_date if implemented else None,
            "implementation_evidence": "",
            "issued_by_id": handler or handlers[0],
            "created_at": now,
        }
        recommendations.append(tuple(values[column] for column in recommendation_columns))
    _copy(cursor, Recommendation._meta.db_table, recommendation_columns, recommendations)

    note_columns = _columns(InternalNote)
    notes = [
        tuple(
            {
                "complaint_id": complaint_id,
                "author_id": handler or handlers[0],
                "body": demo.NOTES[complaint_id % len(demo.NOTES)],
                "created_at": entered,
            }[column]
            for column in note_columns
        )
        for complaint_id, (_, _, handler, entered, _) in zip(ids, plans, strict=True)
        if rng.random() < 0.30
    ]
    _copy(cursor, InternalNote._meta.db_table, note_columns, notes)

    attachment_columns = _columns(Attachment)
    attachments = [
        tuple(
            {
                "complaint_id": complaint_id,
                "file": "",
                "original_name": "증거사진.jpg",
                "content_type": "image/jpeg",
                "extension": "jpg",
                "size": rng.randint(20_000, 4_000_000),
                "sha256": f"{rng.getrandbits(256):064x}",
                "source": Attachment.Source.COMPLAINANT,
                "uploaded_by_id": None,
                "created_at": received_at,
                "removed_at": None,
            }[column]
            for column in attachment_columns
        )
        for complaint_id, (received_at, *_) in zip(ids, plans, strict=True)
        if rng.random() < 0.10
    ]
    _copy(cursor, Attachment._meta.db_table, attachment_columns, attachments)

    # ---- rights and groups, through the M2M tables
    right_links = []
    group_links = []
    for complaint_id in ids:
        for right in rng.sample(rights, k=min(len(rights), rng.choice((1, 1, 2)))):
            right_links.append((complaint_id, right))
        if groups and rng.random() < 0.6:
            group_links.append((complaint_id, rng.choice(groups)))
    rights_through, groups_through = Complaint.rights.through, Complaint.groups.through
    _copy(cursor, rights_through._meta.db_table, _columns(rights_through), right_links)
    _copy(cursor, groups_through._meta.db_table, _columns(groups_through), group_links)

    return {
        "cases": size,
        "open": sum(1 for _, status in cases if status in workflow.OPEN_STATUSES),
        "events": event_count,
        "recommendations": len(recommendations),
        "notes": len(notes),
        "attachments": len(attachments),
        "rights": len(right_links),
        "groups": len(group_links),
        "tracking_code": tracking,
    }
