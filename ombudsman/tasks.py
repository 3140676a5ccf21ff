"""Background jobs of the ombudsman: retention, the statistics summary, overdue-case reminders.

Scheduled by celery beat (``CELERY_BEAT_SCHEDULE`` in settings); each is idempotent.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.models import User
from humanrights_portal.core.tasks import ReminderItem, portal_task
from ombudsman import selectors, services, statistics
from ombudsman.models import Complaint

logger = logging.getLogger(__name__)


@portal_task(time_limit=3600, soft_time_limit=3500)
def anonymise_closed_complaints() -> int:
    """What ``manage.py anonymise_closed_complaints`` does: each due case in its own transaction, so a
    failure leaves the others done and the next run picks up what is still due."""
    done = 0
    for complaint in list(selectors.complaints_due_for_anonymisation().only("pk", "receipt_code")):
        try:
            services.complaint_anonymise(complaint=complaint)
        except ValidationError as error:  # e.g. reopened in the meantime
            logger.warning("not anonymised %s: %s", complaint.receipt_code, " ".join(error.messages))
            continue
        done += 1
    if done:
        logger.info("anonymised %s closed complaint(s) past the retention period", done)
    return done


@portal_task(time_limit=600, soft_time_limit=540)
def refresh_statistics() -> bool:
    """Rebuild the statistics summary when the dashboards read it (``PORTAL_STATISTICS_MAX_AGE`` > 0).

    Skips when another process is refreshing right now (the advisory lock); the next run catches up.
    """
    if statistics.max_age() <= 0:
        return False
    return statistics.refresh(wait=False)


CASES_SECTION = _("Cases past their stage deadline")


def overdue_reminder_items(today: datetime.date) -> Iterator[tuple[User, ReminderItem]]:
    """Each handler's open cases past their stage deadline (unassigned cases have nobody to remind).

    No complainant data and no case title in the e-mail: the receipt code, the stage and the link.
    """
    cases = (
        Complaint.objects.overdue(today)
        .filter(handler__isnull=False)
        .select_related("handler")
        .only("receipt_code", "status", "stage_deadline", "handler")
        .order_by("stage_deadline", "id")
    )
    for case in cases:
        yield (
            case.handler,
            ReminderItem(
                section=CASES_SECTION,
                reference=case.receipt_code,
                title=case.status_label,
                deadline=case.stage_deadline,
                path=case.get_absolute_url(),
            ),
        )
