"""Writes of the ombudsman app. Each runs in one transaction and records its audit event.

The HTML views and the REST API call these functions; no rule of the workflow lives elsewhere.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import override

from humanrights_portal.core import permissions
from humanrights_portal.core.inserts import insert_rows, pk_sequence
from humanrights_portal.core.mail import outbox_email, send_on_commit
from humanrights_portal.core.models import Department, OutgoingEmail, RightCategory, User, VulnerableGroup
from humanrights_portal.core.ratelimit import Hit, RateLimitExceeded, purge_sometimes
from humanrights_portal.core.services import audit_event, audit_record, personal_data_access_record
from humanrights_portal.core.uploads import CheckedFile, check_uploads
from ombudsman import workflow
from ombudsman.models import (
    RECEIPT_PREFIX,
    Attachment,
    CaseEvent,
    CaseStatus,
    Channel,
    Complaint,
    CounsellingSession,
    InternalNote,
    OnBehalfOf,
    Recommendation,
    SatisfactionSurvey,
)

SECRET_KEY_SALT = "ombudsman.complaint.secret-key"  # noqa: S105 - an HMAC salt, not a secret
#: 20 random bytes = 160 bits, written as 32 base-32 characters in groups of four.
SECRET_KEY_BYTES = 20
PRIVACY_NOTICE_VERSION = "2026-01"
IDENTITY_FIELDS = ("complainant_name", "complainant_email", "complainant_phone")


# ---------------------------------------------------------------- receipt codes and secret keys


_RECEIPT_NUMBER_RETURNING = """
    ON CONFLICT (year) DO UPDATE SET last_number = ombudsman_receiptsequence.last_number + 1
    RETURNING last_number, CASE WHEN %s THEN nextval(%s) END
"""
# Constants only: every value is a parameter.
_RECEIPT_NUMBER_SQL = f"""
    INSERT INTO ombudsman_receiptsequence (year, last_number) VALUES (%s, 1) {_RECEIPT_NUMBER_RETURNING}
"""  # noqa: S608
# The submission's rate-limit event counted first; the number is taken only within the limit.
_RECEIPT_NUMBER_WITHIN_LIMIT_SQL = f"""
    WITH hit AS ({Hit.COUNT_SQL})
    INSERT INTO ombudsman_receiptsequence (year, last_number) SELECT %s, 1 FROM hit WHERE hit.count <= %s
    {_RECEIPT_NUMBER_RETURNING}
"""  # noqa: S608
_WITHOUT_WAITING_FOR_THE_DISK = "SET LOCAL synchronous_commit TO OFF;"


def receipt_code_allocate(*, year: int, complaint: Complaint | None = None, rate_limit: Hit | None = None) -> str:
    """The next receipt code of ``year``, e.g. ``HR-2026-00042``; with ``complaint``, also its primary key.

    One ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` statement: PostgreSQL takes a row lock,
    so two concurrent submissions can never receive the same number, and a rolled-back
    submission leaves a gap rather than a duplicate. The new complaint's key comes in the same
    round trip, so that the rows referring to it can be written with it (``core.inserts``).
    With ``rate_limit`` the same statement counts that event and takes a number only within its
    limit (``RateLimitExceeded`` otherwise; the event stays counted).

    Outside a transaction the statement commits on its own, without waiting for the disk
    (``synchronous_commit`` off for it alone): the complaint's commit, which waits, writes the
    log up to itself and so this number's too. A crash in between loses only a number that no
    complaint was given, so it can never be handed out twice.
    """
    sql, params = _RECEIPT_NUMBER_SQL, [year]
    if rate_limit is not None:
        sql, params = _RECEIPT_NUMBER_WITHIN_LIMIT_SQL, [*rate_limit.params, year, rate_limit.limit]
    if not connection.in_atomic_block:
        sql = _WITHOUT_WAITING_FOR_THE_DISK + sql
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, complaint is not None, pk_sequence(Complaint)])
        allocated = cursor.fetchone()
        if rate_limit is not None:
            purge_sometimes(cursor)
    if allocated is None:
        raise RateLimitExceeded
    number, pk = allocated
    if complaint is not None:
        complaint.pk = pk
    return f"{RECEIPT_PREFIX}-{year}-{number:05d}"


def secret_key_generate() -> str:
    import base64

    raw = base64.b32encode(secrets.token_bytes(SECRET_KEY_BYTES)).decode("ascii")
    return "-".join(raw[index : index + 4] for index in range(0, len(raw), 4))


def secret_key_normalise(key: str) -> str:
    """Citizens may type the key in lower case, with or without dashes and spaces."""
    return "".join(character for character in key.upper() if character.isalnum())


def secret_key_hash(key: str) -> str:
    """HMAC-SHA256 keyed with the site's secret: right for a high-entropy random key (no slow hasher needed)."""
    return salted_hmac(SECRET_KEY_SALT, secret_key_normalise(key), algorithm="sha256").hexdigest()


def secret_key_matches(complaint: Complaint | None, key: str) -> bool:
    """Constant-time comparison; a missing complaint costs the same as a wrong key."""
    expected = complaint.secret_key_hash if complaint is not None else "0" * 64
    return constant_time_compare(expected, secret_key_hash(key)) and complaint is not None


# ---------------------------------------------------------------- intake


@dataclass(frozen=True)
class SubmittedComplaint:
    complaint: Complaint
    secret_key: str


def complaint_intake_validate(
    *,
    is_anonymous: bool,
    complainant_name: str,
    complainant_email: str,
    complainant_phone: str,
    on_behalf_of: str,
    affected_party: str,
    consent_personal_data: bool,
    consent_sensitive_data: bool,
) -> None:
    """The intake rules on who complains and their consent; the public form asks them early too."""
    errors: dict[str, list[str]] = {}
    if is_anonymous:
        if complainant_email or complainant_phone:
            errors["complainant_email"] = [_("An anonymous complaint has no contact details; leave them empty.")]
    else:
        if not complainant_name.strip():
            errors["complainant_name"] = [_("Enter your name, or choose to complain anonymously.")]
        if not (complainant_email.strip() or complainant_phone.strip()):
            errors["complainant_email"] = [_("Enter an e-mail address or a phone number so that we can reach you.")]
        if not consent_personal_data:
            errors["consent_personal_data"] = [
                _("We need your consent to use your personal data to handle a complaint that is not anonymous.")
            ]
    if not consent_sensitive_data:
        errors["consent_sensitive_data"] = [
            _("We need your consent to use the sensitive information a complaint may contain.")
        ]
    if on_behalf_of in (OnBehalfOf.OTHER_PERSON, OnBehalfOf.GROUP) and not affected_party.strip():
        errors["affected_party"] = [_("Say who was affected when you complain for someone else or for a group.")]
    if errors:
        raise ValidationError(errors)


def _receipt_email(complaint: Complaint, secret_key: str, language: str) -> OutgoingEmail | None:
    """The receipt for the outbox (``core.mail``), written in the submission's transaction: it is sent once
    the submission commits, never for a code that was rolled back, and an acknowledged complaint always has
    its e-mail row whatever happens to the workers. The body (with the secret key) is wiped once sent."""
    if not complaint.complainant_email:
        return None
    with override(language):
        context = {"complaint": complaint, "secret_key": secret_key, "portal_site_url": settings.PORTAL_SITE_URL}
        subject = _("Your human rights complaint %(code)s has been received") % {"code": complaint.receipt_code}
        body = render_to_string("emails/ombudsman/complaint_receipt.txt", context)
    return outbox_email(
        complaint.complainant_email,
        subject,
        body,
        kind="complaint_receipt",
        dedupe_key=f"complaint-receipt:{complaint.pk}",
    )


class _WrittenFiles(list):
    """Files written to storage inside a transaction; removed again if the service fails.

    A file cannot take part in the database transaction, so a failed submission would otherwise
    leave an orphan on disk with no row pointing to it.
    """

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        if exc_type is not None:
            for field_file in self:
                field_file.storage.delete(field_file.name)
        return False


def _store_attachments(
    *, complaint: Complaint, files: list[CheckedFile], source: str, uploaded_by: User | None, written: _WrittenFiles
) -> list[Attachment]:
    stored = []
    for checked in files:
        attachment = Attachment(
            complaint=complaint,
            original_name=(checked.upload.name or "file")[:255],
            content_type=checked.content_type,
            extension=checked.extension,
            size=checked.size,
            sha256=checked.sha256,
            source=source,
            uploaded_by=uploaded_by,
        )
        attachment.file.save(checked.upload.name or "file", checked.upload, save=False)
        written.append(attachment.file)
        attachment.save()
        stored.append(attachment)
    return stored


def complaint_submit(
    *,
    title: str,
    description: str,
    respondent_agency: str,
    is_anonymous: bool = False,
    complainant_name: str = "",
    complainant_email: str = "",
    complainant_phone: str = "",
    on_behalf_of: str = OnBehalfOf.SELF,
    affected_party: str = "",
    incident_date: datetime.date | None = None,
    incident_place: str = "",
    respondent_department: Department | None = None,
    rights: list[RightCategory] | None = None,
    groups: list[VulnerableGroup] | None = None,
    consent_personal_data: bool = False,
    consent_sensitive_data: bool = False,
    attachments: list[UploadedFile] | None = None,
    channel: str = Channel.ONLINE,
    registered_by: User | None = None,
    received_at: datetime.datetime | None = None,
    language: str = "ko",
    request: HttpRequest | None = None,
    rate_limit: Hit | None = None,
) -> SubmittedComplaint:
    """Receive a complaint from a citizen (or registered by staff); return it with its one-time secret key.

    The receipt number is taken first, in a statement of its own (a failure afterwards leaves a gap, never
    a duplicate, and the number's row lock is held only that long); everything else is one statement, or
    one transaction with the files when there are attachments. ``rate_limit``: the submission's event of the
    public rate limit, counted with the number (``RateLimitExceeded`` over the limit, nothing written).
    """
    if channel != Channel.ONLINE and not permissions.can_handle_complaints(registered_by):
        raise PermissionDenied(_("Only the ombudsman can register complaints received by phone, visit or letter."))
    if is_anonymous:
        complainant_name = complainant_email = complainant_phone = ""
    complaint_intake_validate(
        is_anonymous=is_anonymous,
        complainant_name=complainant_name,
        complainant_email=complainant_email,
        complainant_phone=complainant_phone,
        on_behalf_of=on_behalf_of,
        affected_party=affected_party,
        consent_personal_data=consent_personal_data,
        consent_sensitive_data=consent_sensitive_data,
    )
    checked_files = check_uploads(attachments or [])
    received_at = received_at or timezone.now()
    received_on = timezone.localdate(received_at)
    secret_key = secret_key_generate()
    complaint = Complaint(
        receipt_code="pending",
        secret_key_hash=secret_key_hash(secret_key),
        status=CaseStatus.RECEIVED,
        channel=channel,
        received_at=received_at,
        stage_deadline=workflow.stage_deadline(CaseStatus.RECEIVED, received_on),
        is_anonymous=is_anonymous,
        complainant_name=complainant_name.strip(),
        complainant_email=complainant_email.strip(),
        complainant_phone=complainant_phone.strip(),
        on_behalf_of=on_behalf_of,
        affected_party=affected_party.strip(),
        title=title.strip(),
        description=description.strip(),
        incident_date=incident_date,
        incident_place=incident_place.strip(),
        respondent_agency=respondent_agency.strip(),
        respondent_department=respondent_department,
        consent_personal_data=consent_personal_data and not is_anonymous,
        consent_sensitive_data=consent_sensitive_data,
        consent_notice_version=PRIVACY_NOTICE_VERSION,
        registered_by=registered_by if channel != Channel.ONLINE else None,
    )
    if incident_date and incident_date > received_on:
        raise ValidationError({"incident_date": [_("The date of the incident cannot be in the future.")]})
    # The check constraint (anonymous ⇒ no contact) is enforced above and by PostgreSQL; asking
    # full_clean to validate it would cost one more query on every submission.
    complaint.full_clean(exclude=["receipt_code", "search_vector"], validate_constraints=False)
    complaint.receipt_code = receipt_code_allocate(year=received_on.year, complaint=complaint, rate_limit=rate_limit)
    staff = registered_by if channel != Channel.ONLINE else None
    event = CaseEvent(
        complaint=complaint,
        occurred_at=received_at,
        kind=CaseEvent.Kind.RECEIVED,
        to_status=CaseStatus.RECEIVED,
        actor=staff,
        is_public=True,
    )
    audit = audit_event(
        actor=registered_by,
        action="complaint.submit",
        target=complaint,
        changes={"channel": channel, "anonymous": is_anonymous, "attachments": len(checked_files)},
        request=request,
    )
    receipt = _receipt_email(complaint, secret_key, language)
    links = [Complaint.rights.through(complaint=complaint, rightcategory=right) for right in rights or []]
    links += [Complaint.groups.through(complaint=complaint, vulnerablegroup=group) for group in groups or []]
    rows = [complaint, event, audit, *links, *([receipt] if receipt else [])]
    if checked_files:
        # Files cannot join a statement: rows and files in one transaction, files removed again on failure.
        with transaction.atomic(), _WrittenFiles() as written:
            insert_rows(*rows)
            _store_attachments(
                complaint=complaint,
                files=checked_files,
                source=Attachment.Source.COMPLAINANT if channel == Channel.ONLINE else Attachment.Source.STAFF,
                uploaded_by=staff,
                written=written,
            )
    else:
        # The complaint, its rights and groups, its first timeline entry, its audit record and its receipt
        # e-mail: one statement, so one transaction and one round trip (core.inserts).
        insert_rows(*rows)
    if receipt:
        send_on_commit(receipt)
    return SubmittedComplaint(complaint=complaint, secret_key=secret_key)


# ---------------------------------------------------------------- the citizen, from the status page


@transaction.atomic
def complaint_add_information(
    *,
    complaint: Complaint,
    text: str,
    attachments: list[UploadedFile] | None = None,
    request: HttpRequest | None = None,
) -> CaseEvent:
    """The complainant adds to an open complaint: more facts and/or more evidence."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if not complaint.is_open:
        raise ValidationError(_("This complaint is no longer open; information can no longer be added."))
    text = text.strip()
    if not text and not attachments:
        raise ValidationError({"text": [_("Write the information you want to add, or attach a file.")]})
    checked_files = check_uploads(attachments or [], already_attached=complaint.attachments.count())
    with _WrittenFiles() as written:
        stored = _store_attachments(
            complaint=complaint,
            files=checked_files,
            source=Attachment.Source.COMPLAINANT,
            uploaded_by=None,
            written=written,
        )
        event = CaseEvent.objects.create(
            complaint=complaint,
            kind=CaseEvent.Kind.INFORMATION_ADDED,
            public_message=text,
            is_public=True,
        )
        audit_record(
            actor=None,
            action="complaint.add_information",
            target=complaint,
            changes={"characters": len(text), "attachments": len(stored)},
            request=request,
        )
    return event


@transaction.atomic
def complaint_withdraw(*, complaint: Complaint, reason: str = "", request: HttpRequest | None = None) -> Complaint:
    """The complainant withdraws their own complaint from the status page."""
    if complaint.status not in workflow.WITHDRAWABLE_STATUSES:
        raise ValidationError(_("This complaint can no longer be withdrawn."))
    return case_transition(
        complaint=complaint,
        to=CaseStatus.WITHDRAWN,
        actor=None,
        reason=reason.strip() or _("Withdrawn by the complainant."),
        public_message=reason.strip(),
        request=request,
    )


@transaction.atomic
def survey_submit(
    *,
    complaint: Complaint,
    fairness: int,
    speed: int,
    clarity: int,
    comment: str = "",
    request: HttpRequest | None = None,
) -> SatisfactionSurvey:
    """Once a case is closed, the complainant rates its handling, once."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.status != CaseStatus.CLOSED:
        raise ValidationError(_("The satisfaction survey opens when the case is closed."))
    if SatisfactionSurvey.objects.filter(complaint=complaint).exists():
        raise ValidationError(_("You have already answered the satisfaction survey. Thank you."))
    survey = SatisfactionSurvey(
        complaint=complaint, fairness=fairness, speed=speed, clarity=clarity, comment=comment.strip()
    )
    survey.full_clean()
    survey.save()
    CaseEvent.objects.create(complaint=complaint, kind=CaseEvent.Kind.SURVEY_ANSWERED, is_public=False)
    audit_record(
        actor=None,
        action="complaint.survey",
        target=complaint,
        changes={"fairness": fairness, "speed": speed, "clarity": clarity},
        request=request,
    )
    return survey


# ---------------------------------------------------------------- the office


def _require_handler(actor: User | None) -> None:
    if not permissions.can_handle_complaints(actor):
        raise PermissionDenied(_("Only the ombudsman can do this."))


@transaction.atomic
def case_transition(
    *,
    complaint: Complaint,
    to: str,
    actor: User | None,
    reason: str = "",
    public_message: str = "",
    expected_status: str | None = None,
    request: HttpRequest | None = None,
) -> Complaint:
    """Move a case along the workflow map, recording who, when and why.

    ``actor`` is ``None`` only for the complainant's own withdrawal. The row is locked for the
    transition; ``expected_status`` (the status the user saw) turns a concurrent change into a
    clear error instead of a silent overwrite.
    """
    if actor is not None or to != CaseStatus.WITHDRAWN:
        _require_handler(actor)
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    from_status = complaint.status
    if expected_status is not None and expected_status != from_status:
        raise ValidationError(
            _("This case was changed by someone else in the meantime (it is now “%(status)s”). Reload and try again.")
            % {"status": complaint.get_status_display()}
        )
    if not workflow.can_transition(from_status, to):
        raise ValidationError(
            {
                "to": [
                    _("A case cannot go from “%(from)s” to “%(to)s”.")
                    % {"from": CaseStatus(from_status).label, "to": CaseStatus(to).label if to in CaseStatus else to}
                ]
            }
        )
    reason = reason.strip()
    if to in workflow.REASON_REQUIRED and not reason:
        raise ValidationError({"reason": [_("Give the reason for this decision.")]})
    if to == CaseStatus.RECOMMENDATION_ISSUED and not complaint.recommendations.exists():
        raise ValidationError({"to": [_("Record the recommendation first; issuing it moves the case on.")]})
    now = timezone.now()
    complaint.status = to
    complaint.stage_deadline = workflow.stage_deadline(to, timezone.localdate(now))
    if to in workflow.TERMINAL_STATUSES:
        complaint.closed_at = now
    complaint.save(update_fields=["status", "stage_deadline", "closed_at", "updated_at"])
    CaseEvent.objects.create(
        complaint=complaint,
        occurred_at=now,
        kind=CaseEvent.Kind.TRANSITION,
        from_status=from_status,
        to_status=to,
        actor=actor,
        reason=reason,
        public_message=public_message.strip(),
        is_public=True,
    )
    audit_record(
        actor=actor,
        action="case.transition",
        target=complaint,
        changes={"status": [from_status, to]},
        reason=reason,
        request=request,
    )
    return complaint


@transaction.atomic
def case_assign(
    *, complaint: Complaint, handler: User | None, actor: User, request: HttpRequest | None = None
) -> Complaint:
    """Give a case to an ombudsperson (or take it back with ``handler=None``)."""
    _require_handler(actor)
    if handler is not None and not permissions.can_handle_complaints(handler):
        raise ValidationError({"handler": [_("Cases can only be assigned to members of the ombudsman role.")]})
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    previous = complaint.handler
    if previous == handler:
        return complaint
    complaint.handler = handler
    complaint.save(update_fields=["handler", "updated_at"])
    CaseEvent.objects.create(complaint=complaint, kind=CaseEvent.Kind.ASSIGNED, actor=actor, is_public=False)
    audit_record(
        actor=actor,
        action="case.assign",
        target=complaint,
        changes={"handler": [previous.pk if previous else None, handler.pk if handler else None]},
        request=request,
    )
    return complaint


@transaction.atomic
def note_add(*, complaint: Complaint, author: User, body: str, request: HttpRequest | None = None) -> InternalNote:
    _require_handler(author)
    note = InternalNote(complaint=complaint, author=author, body=body.strip())
    note.full_clean()
    note.save()
    audit_record(actor=author, action="case.note", target=complaint, changes={"note": note.pk}, request=request)
    return note


@transaction.atomic
def attachment_add_by_staff(
    *, complaint: Complaint, files: list[UploadedFile], actor: User, request: HttpRequest | None = None
) -> list[Attachment]:
    _require_handler(actor)
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.anonymised_at:
        raise ValidationError(_("The personal data of this case has been removed; no files can be added."))
    checked = check_uploads(files, already_attached=0)
    with _WrittenFiles() as written:
        stored = _store_attachments(
            complaint=complaint, files=checked, source=Attachment.Source.STAFF, uploaded_by=actor, written=written
        )
        CaseEvent.objects.create(
            complaint=complaint, kind=CaseEvent.Kind.ATTACHMENT_ADDED, actor=actor, is_public=False
        )
        audit_record(
            actor=actor, action="case.attach", target=complaint, changes={"attachments": len(stored)}, request=request
        )
    return stored


def identity_view_record(*, actor: User, complaint: Complaint, request: HttpRequest | None = None) -> None:
    """Log that ``actor`` was shown the complainant's identity (PIPA access log)."""
    if not permissions.can_view_complainant_identity(actor):
        raise PermissionDenied
    fields = [field for field in IDENTITY_FIELDS if getattr(complaint, field)]
    if not fields:
        return
    personal_data_access_record(actor=actor, subject=complaint, fields=fields, purpose="case handling", request=request)


# ---------------------------------------------------------------- counselling


@transaction.atomic
def counselling_record(
    *,
    actor: User,
    held_on: datetime.date,
    channel: str,
    topic: str,
    summary: str = "",
    outcome: str = CounsellingSession.Outcome.ADVICE_GIVEN,
    groups: list[VulnerableGroup] | None = None,
    rights: list[RightCategory] | None = None,
    complaint: Complaint | None = None,
    request: HttpRequest | None = None,
) -> CounsellingSession:
    _require_handler(actor)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": [_("A counselling session cannot be recorded for a future date.")]})
    session = CounsellingSession(
        held_on=held_on,
        channel=channel,
        topic=topic.strip(),
        summary=summary.strip(),
        outcome=outcome,
        counsellor=actor,
        complaint=complaint,
    )
    session.full_clean()
    session.save()
    if groups:
        session.groups.set(groups)
    if rights:
        session.rights.set(rights)
    audit_record(actor=actor, action="counselling.record", target=session, request=request)
    return session


@transaction.atomic
def counselling_register_case(
    *, session: CounsellingSession, actor: User, request: HttpRequest | None = None, **complaint_fields
) -> SubmittedComplaint:
    """Register a case from a counselling session; the session is linked to it."""
    _require_handler(actor)
    session = CounsellingSession.objects.select_for_update().get(pk=session.pk)
    if session.complaint_id:
        raise ValidationError(_("A case has already been registered from this counselling session."))
    complaint_fields.setdefault("title", session.topic)
    complaint_fields.setdefault("description", session.summary or session.topic)
    complaint_fields.setdefault("rights", list(session.rights.all()))
    complaint_fields.setdefault("groups", list(session.groups.all()))
    submitted = complaint_submit(channel=Channel.COUNSELLING, registered_by=actor, request=request, **complaint_fields)
    session.complaint = submitted.complaint
    session.outcome = CounsellingSession.Outcome.CASE_REGISTERED
    session.save(update_fields=["complaint", "outcome"])
    audit_record(
        actor=actor,
        action="counselling.register_case",
        target=session,
        changes={"complaint": submitted.complaint.receipt_code},
        request=request,
    )
    return submitted


# ---------------------------------------------------------------- recommendations


@transaction.atomic
def recommendation_issue(
    *,
    complaint: Complaint,
    actor: User,
    agency: str,
    text: str,
    response_due: datetime.date,
    public_summary: str = "",
    issued_on: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> Recommendation:
    """Issue a recommendation to an agency. An investigating case moves to "recommendation issued"."""
    _require_handler(actor)
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    allowed = {CaseStatus.INVESTIGATING, CaseStatus.RECOMMENDATION_ISSUED, CaseStatus.FOLLOW_UP}
    if complaint.status not in allowed:
        raise ValidationError(_("Recommendations are issued on cases under investigation or in follow-up."))
    recommendation = Recommendation(
        complaint=complaint,
        agency=agency.strip(),
        text=text.strip(),
        public_summary=public_summary.strip(),
        issued_on=issued_on or timezone.localdate(),
        response_due=response_due,
        issued_by=actor,
    )
    if response_due < recommendation.issued_on:
        raise ValidationError({"response_due": [_("The response cannot be due before the recommendation is issued.")]})
    recommendation.full_clean()
    recommendation.save()
    CaseEvent.objects.create(
        complaint=complaint,
        kind=CaseEvent.Kind.RECOMMENDATION_ISSUED,
        actor=actor,
        public_message=recommendation.public_summary,
        is_public=True,
    )
    audit_record(
        actor=actor,
        action="recommendation.issue",
        target=complaint,
        changes={"recommendation": recommendation.pk, "agency": recommendation.agency},
        request=request,
    )
    if complaint.status == CaseStatus.INVESTIGATING:
        case_transition(
            complaint=complaint,
            to=CaseStatus.RECOMMENDATION_ISSUED,
            actor=actor,
            reason=_("Recommendation issued to %(agency)s.") % {"agency": recommendation.agency},
            request=request,
        )
    return recommendation


@transaction.atomic
def recommendation_record_response(
    *,
    recommendation: Recommendation,
    actor: User,
    response: str,
    response_date: datetime.date,
    response_text: str = "",
    request: HttpRequest | None = None,
) -> Recommendation:
    """Record the agency's answer: accepted, partially accepted or rejected."""
    _require_handler(actor)
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if response == Recommendation.Response.PENDING or response not in Recommendation.Response.values:
        raise ValidationError({"response": [_("Choose the agency's response.")]})
    if response_date < recommendation.issued_on:
        raise ValidationError({"response_date": [_("The response cannot come before the recommendation.")]})
    if response_date > timezone.localdate():
        raise ValidationError({"response_date": [_("The response date cannot be in the future.")]})
    before = recommendation.response
    recommendation.response = response
    recommendation.response_date = response_date
    recommendation.response_text = response_text.strip()
    recommendation.full_clean()
    recommendation.save()
    CaseEvent.objects.create(
        complaint_id=recommendation.complaint_id,
        kind=CaseEvent.Kind.AGENCY_RESPONDED,
        actor=actor,
        public_message=recommendation.get_response_display(),
        is_public=True,
    )
    audit_record(
        actor=actor,
        action="recommendation.response",
        target=recommendation.complaint,
        changes={"recommendation": recommendation.pk, "response": [before, response]},
        request=request,
    )
    return recommendation


@transaction.atomic
def recommendation_record_implementation(
    *,
    recommendation: Recommendation,
    actor: User,
    implemented: bool,
    implemented_on: datetime.date | None = None,
    evidence: str = "",
    request: HttpRequest | None = None,
) -> Recommendation:
    """Record whether the agency carried the recommendation out, when, and on what evidence."""
    _require_handler(actor)
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.response == Recommendation.Response.PENDING:
        raise ValidationError(_("Record the agency's response before its implementation."))
    if implemented and implemented_on is None:
        raise ValidationError({"implemented_on": [_("Give the date the recommendation was implemented.")]})
    if implemented_on and implemented_on > timezone.localdate():
        raise ValidationError({"implemented_on": [_("The date cannot be in the future.")]})
    recommendation.implemented = implemented
    recommendation.implemented_on = implemented_on if implemented else None
    recommendation.implementation_evidence = evidence.strip()
    recommendation.full_clean()
    recommendation.save()
    CaseEvent.objects.create(
        complaint_id=recommendation.complaint_id,
        kind=CaseEvent.Kind.IMPLEMENTATION_RECORDED,
        actor=actor,
        is_public=True,
    )
    audit_record(
        actor=actor,
        action="recommendation.implementation",
        target=recommendation.complaint,
        changes={"recommendation": recommendation.pk, "implemented": implemented},
        request=request,
    )
    return recommendation


# ---------------------------------------------------------------- retention


def retention_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=settings.PORTAL_COMPLAINT_RETENTION_DAYS)


@transaction.atomic
def complaint_anonymise(*, complaint: Complaint, actor: User | None = None) -> Complaint:
    """Remove the complainant's identity, the free texts that may name people, and the evidence files.

    What the statistics need stays: dates, status, channel, agency, rights, groups,
    recommendations and their responses, the satisfaction scores.
    """
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.anonymised_at:
        return complaint
    if complaint.is_open:
        raise ValidationError(_("Only closed cases are anonymised."))
    files = [attachment.file for attachment in complaint.attachments.all() if attachment.file]
    now = timezone.now()
    removed_text = _("[removed after the retention period]")
    complaint.complainant_name = ""
    complaint.complainant_email = ""
    complaint.complainant_phone = ""
    complaint.affected_party = ""
    complaint.description = removed_text
    complaint.incident_place = ""
    complaint.secret_key_hash = ""
    complaint.anonymised_at = now
    complaint.save()
    complaint.attachments.update(file="", original_name=removed_text, removed_at=now)
    complaint.notes.update(body=removed_text)
    complaint.events.filter(kind=CaseEvent.Kind.INFORMATION_ADDED).update(public_message=removed_text)
    SatisfactionSurvey.objects.filter(complaint=complaint).update(comment="")
    CaseEvent.objects.create(complaint=complaint, kind=CaseEvent.Kind.ANONYMISED, actor=actor, is_public=False)
    audit_record(actor=actor, action="complaint.anonymise", target=complaint, changes={"files": len(files)})
    transaction.on_commit(lambda: [field_file.storage.delete(field_file.name) for field_file in files])
    return complaint
