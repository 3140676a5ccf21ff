"""Background jobs of the indicators app: reminders of measurements that are due.

The indicators have no due date of their own, so "due" follows each indicator's periodicity: the value
of a period (a year, a quarter or a month) is due ``PORTAL_MEASUREMENT_DUE_DAYS`` days after the period
ends (default 90: last year's value by the end of March). An indicator is due when the latest period
whose due date has passed has no total value yet (draft or verified; the office verifies drafts), it
has a responsible department, and that period lies within its baseline and target years (when set),
so indicators of a finished framework do not ask for new values.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.models import User
from humanrights_portal.core.roles import Role
from humanrights_portal.core.tasks import ReminderItem
from indicators.models import Indicator, Measurement, Periodicity

MEASUREMENTS_SECTION = _("Indicator values that are due")


def _period_end(periodicity: str, year: int, period: int) -> datetime.date:
    if periodicity == Periodicity.QUARTER:
        month = period * 3
    elif periodicity == Periodicity.MONTH:
        month = period
    else:
        month = 12
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    return next_month - datetime.timedelta(days=1)


def last_due_period(periodicity: str, today: datetime.date, due_days: int) -> tuple[int, int, datetime.date]:
    """The latest (year, period) whose value was due before ``today``, and its due date."""
    cutoff = today - datetime.timedelta(days=due_days)
    if periodicity == Periodicity.QUARTER:
        quarter = (cutoff.month - 1) // 3 + 1
        year, period = (cutoff.year, quarter - 1) if quarter > 1 else (cutoff.year - 1, 4)
    elif periodicity == Periodicity.MONTH:
        year, period = (cutoff.year, cutoff.month - 1) if cutoff.month > 1 else (cutoff.year - 1, 12)
    else:
        year, period = cutoff.year - 1, 0
    return year, period, _period_end(periodicity, year, period) + datetime.timedelta(days=due_days)


def due_indicators(today: datetime.date) -> list[tuple[Indicator, int, int, datetime.date]]:
    """(indicator, year, period, due date) of every indicator whose latest due value is missing."""
    due = []
    for periodicity in Periodicity.values:
        year, period, due_on = last_due_period(periodicity, today, settings.PORTAL_MEASUREMENT_DUE_DAYS)
        indicators = (
            Indicator.objects.filter(periodicity=periodicity, responsible_department__isnull=False)
            .filter(Q(baseline_year__isnull=True) | Q(baseline_year__lte=year))
            .filter(Q(target_year__isnull=True) | Q(target_year__gte=year))
            .exclude(
                Exists(
                    Measurement.objects.filter(
                        indicator=OuterRef("pk"), year=year, period=period, category__isnull=True
                    )
                )
            )
            .only("code", "name_ko", "name_en", "periodicity", "responsible_department_id")
            .order_by("framework_id", "code")
        )
        due += [(indicator, year, period, due_on) for indicator in indicators]
    return due


def _period_label(periodicity: str, year: int, period: int) -> str:
    if periodicity == Periodicity.QUARTER:
        return f"{year} Q{period}"
    if periodicity == Periodicity.MONTH:
        return f"{year}-{period:02d}"
    return str(year)


def overdue_reminder_items(today: datetime.date) -> Iterator[tuple[User, ReminderItem]]:
    """Every official of the responsible department, for each of its indicators whose value is due."""
    due = due_indicators(today)
    if not due:
        return
    officials: dict[int, list[User]] = defaultdict(list)
    for user in User.objects.filter(
        groups__name=Role.DEPARTMENT_OFFICIAL,
        is_active=True,
        department_id__in={indicator.responsible_department_id for indicator, *_rest in due},
    ).distinct():
        officials[user.department_id].append(user)
    for indicator, year, period, due_on in due:
        item = ReminderItem(
            section=MEASUREMENTS_SECTION,
            reference=f"{indicator.code} ({_period_label(indicator.periodicity, year, period)})",
            title=indicator.name_ko,
            deadline=due_on,
            path=indicator.get_absolute_url(),
        )
        for user in officials[indicator.responsible_department_id]:
            yield user, item
