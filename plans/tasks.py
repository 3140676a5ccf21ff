"""Background jobs of the plans app: reminders of annual records overdue in an open reporting round."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import OuterRef
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.models import User
from humanrights_portal.core.roles import Role
from humanrights_portal.core.tasks import ReminderItem
from plans import workflow
from plans.models import AnnualRecord, ReportingRound

RECORDS_SECTION = _("Annual records of the plan not yet submitted")


def overdue_records(today: datetime.date):
    """Records still to do (draft or returned, as ``selectors.department_to_do``) in an open round whose
    due date has passed."""
    return (
        AnnualRecord.objects.filter(review_state__in=workflow.TO_DO_STATES)
        .annotate(
            due_on=ReportingRound.objects.filter(
                closed_at__isnull=True,
                due_on__lt=today,
                plan_id=OuterRef("task__area__plan_id"),
                year=OuterRef("year"),
            ).values("due_on")[:1]
        )
        .filter(due_on__isnull=False)
        .select_related("task")
        .order_by("task__responsible_department_id", "year", "task__code")
    )


def overdue_reminder_items(today: datetime.date) -> Iterator[tuple[User, ReminderItem]]:
    """Every official of the responsible department, for each of its overdue records."""
    records = list(overdue_records(today))
    if not records:
        return
    officials: dict[int, list[User]] = defaultdict(list)
    for user in User.objects.filter(
        groups__name=Role.DEPARTMENT_OFFICIAL,
        is_active=True,
        department_id__in={record.task.responsible_department_id for record in records},
    ).distinct():
        officials[user.department_id].append(user)
    for record in records:
        item = ReminderItem(
            section=RECORDS_SECTION,
            reference=f"{record.task.code} ({record.year})",
            title=record.task.title,
            deadline=record.due_on,
            path=record.get_absolute_url(),
        )
        for user in officials[record.task.responsible_department_id]:
            yield user, item
