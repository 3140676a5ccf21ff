"""Background jobs of the impact app: reminders of assessments past their stage deadline.

Who is reminded follows ``workflow.NEXT_ACTOR``: the department's officials when the department must
act (respond to the findings, record the outcome), otherwise the assessor, or the office staff when
no assessor is assigned (the office also prepares the committee's review).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.models import User
from humanrights_portal.core.roles import Role
from humanrights_portal.core.tasks import ReminderItem
from impact import workflow
from impact.models import Assessment

ASSESSMENTS_SECTION = _("Human rights impact assessments past their stage deadline")


def overdue_reminder_items(today: datetime.date) -> Iterator[tuple[User, ReminderItem]]:
    assessments = list(
        Assessment.objects.overdue(today)
        .select_related("assessor")
        .only("code", "title", "status", "stage_deadline", "department_id", "assessor")
        .order_by("stage_deadline", "id")
    )
    if not assessments:
        return
    departments = {a.department_id for a in assessments if workflow.NEXT_ACTOR.get(a.status) == "department"}
    officials: dict[int, list[User]] = defaultdict(list)
    for user in User.objects.filter(
        groups__name=Role.DEPARTMENT_OFFICIAL, is_active=True, department_id__in=departments
    ).distinct():
        officials[user.department_id].append(user)
    office_staff = list(User.objects.filter(groups__name=Role.OFFICE_STAFF, is_active=True).distinct())
    for assessment in assessments:
        item = ReminderItem(
            section=ASSESSMENTS_SECTION,
            reference=assessment.code,
            title=assessment.title,
            deadline=assessment.stage_deadline,
            path=assessment.get_absolute_url(),
        )
        if workflow.NEXT_ACTOR.get(assessment.status) == "department":
            recipients = officials[assessment.department_id]
        elif assessment.assessor is not None:
            recipients = [assessment.assessor]
        else:
            recipients = office_staff
        for user in recipients:
            yield user, item
