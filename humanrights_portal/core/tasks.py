"""Background jobs of the shared kernel: the e-mail outbox and the daily overdue reminders.

Every task is idempotent (running it twice, or two copies at once, has the effect of running it once)
and retried with exponential back-off on errors that pass (mail server, database, network). The
common options are in ``portal_task``; acknowledgement after the task and re-delivery when a worker
is lost come from the settings (``CELERY_TASK_ACKS_LATE``, ``CELERY_TASK_REJECT_ON_WORKER_LOST``).

Overdue reminders: each domain app may offer ``overdue_reminder_items(today)`` in its ``tasks.py``,
yielding ``(user, ReminderItem)`` pairs; ``send_overdue_reminders`` merges them into one e-mail per
recipient per day (``ReminderLog``), in Korean.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from humanrights_portal.core import mail
from humanrights_portal.core.models import User

logger = logging.getLogger(__name__)

#: Errors worth another try later: the mail server, the network, the database restarting.
TRANSIENT_ERRORS = (smtplib.SMTPException, OSError, OperationalError, InterfaceError)

TASK_DEFAULTS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 15,  # 15 s, 30 s, 60 s … (with jitter)
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
    "ignore_result": True,
}


def portal_task(**options):
    """``shared_task`` with the portal's defaults (retries with back-off, late acknowledgement)."""
    return shared_task(**{**TASK_DEFAULTS, **options})


# ---------------------------------------------------------------- e-mail outbox


@portal_task(time_limit=120, soft_time_limit=90, bind=True)
def send_outgoing_email(self, email_id: int) -> str:
    """Send one queued e-mail (``core.mail.deliver``): at most once, however often the task runs."""
    return mail.deliver(email_id, worker=self.request.hostname or "")


@portal_task(time_limit=300, soft_time_limit=240, bind=True)
def send_pending_emails(self) -> int:
    """Send the pending e-mails (``core.mail.relay``), a batch at a time; queued when e-mails commit."""
    sent, more = mail.relay(worker=self.request.hostname or "")
    if more:
        send_pending_emails.apply_async()
    return sent


@portal_task(time_limit=120, soft_time_limit=90)
def requeue_stale_emails() -> int:
    """Queue again the e-mails whose task was lost (a killed worker, a broker that lost its messages),
    and drop sent rows past their retention. Runs every minute from celery beat."""
    ids = mail.requeue_stale()
    for email_id in ids:
        send_outgoing_email.delay(email_id)
    purged = mail.purge_old()
    if ids or purged:
        logger.info("outbox: %s e-mail(s) queued again, %s old row(s) removed", len(ids), purged)
    return len(ids)


# ---------------------------------------------------------------- overdue reminders


@dataclass(frozen=True)
class ReminderItem:
    """One overdue thing in a reminder: what it is, its reference, its deadline and where to act."""

    section: str  # a gettext_lazy heading, e.g. "Cases past their stage deadline", rendered in the recipient's language
    reference: str
    title: str
    deadline: datetime.date | None
    path: str  # the page, without the site address

    @property
    def url(self) -> str:
        return f"{settings.PORTAL_SITE_URL}{self.path}"


REMINDER_KIND = "overdue"


def _collectors() -> Iterator:
    for app in settings.PORTAL_DOMAIN_APPS:
        try:
            module = import_module(f"{app}.tasks")
        except ModuleNotFoundError:
            continue
        collector = getattr(module, "overdue_reminder_items", None)
        if collector is not None:
            yield collector


def overdue_items_by_recipient(today: datetime.date) -> dict[User, list[ReminderItem]]:
    """Every active recipient with an e-mail address and the overdue items they should act on."""
    by_recipient: dict[User, list[ReminderItem]] = defaultdict(list)
    for collector in _collectors():
        for user, item in collector(today):
            if user.is_active and user.email and item not in by_recipient[user]:
                by_recipient[user].append(item)
    return dict(by_recipient)


def recipient_language(user: User) -> str:
    """The recipient's language when the account records one, else Korean."""
    language = getattr(user, "language", "") or "ko"
    return language if language in dict(settings.LANGUAGES) else "ko"


def reminder_message(user: User, items: Iterable[ReminderItem], today: datetime.date) -> tuple[str, str]:
    """Subject and plain-text body of a recipient's reminder, in their language."""
    items = list(items)
    with override(recipient_language(user)):
        subject = ngettext(
            "[Human rights portal] %(count)d overdue item needs your action",
            "[Human rights portal] %(count)d overdue items need your action",
            len(items),
        ) % {"count": len(items)}
        lines = [
            _("Dear %(name)s,") % {"name": user.display_name or user.get_full_name() or user.username},
            "",
            _("As of %(date)s the following work has passed its deadline:") % {"date": today.isoformat()},
        ]
        sections: dict[str, list[ReminderItem]] = defaultdict(list)
        for item in items:
            sections[str(item.section)].append(item)
        for section, section_items in sections.items():
            lines += ["", f"■ {section}"]
            for item in sorted(section_items, key=lambda i: (i.deadline or today, i.reference)):
                deadline = item.deadline.isoformat() if item.deadline else "-"
                title = f" {item.title}" if item.title else ""
                lines.append(f"- {item.reference}{title} ({_('deadline')} {deadline})")
                lines.append(f"  {item.url}")
        lines += [
            "",
            _("You receive at most one such reminder a day. Sign in to the portal to act on these items."),
            settings.PORTAL_SITE_URL,
        ]
    return subject, "\n".join(lines) + "\n"


@portal_task(time_limit=900, soft_time_limit=840)
def send_overdue_reminders() -> int:
    """One e-mail per recipient per day listing all their overdue items; run as often as you like."""
    today = timezone.localdate()
    queued = 0
    for user, items in overdue_items_by_recipient(today).items():
        subject, body = reminder_message(user, items, today)
        if mail.reminder_queue(
            recipient=user, kind=REMINDER_KIND, day=today, subject=subject, body=body, items=len(items)
        ):
            queued += 1
    if queued:
        logger.info("overdue reminders: %s e-mail(s) queued for %s", queued, today)
    return queued
