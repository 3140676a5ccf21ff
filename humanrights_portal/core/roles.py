"""The portal's roles. Each is a Django group created by a data migration.

Citizens have no account. Administrators are superusers; the ``administrator``
group exists so that an administrator can also be recognised without
``is_superuser`` (e.g. a delegated user manager).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DEPARTMENT_OFFICIAL = "department_official", _("Department official")
    OFFICE_STAFF = "office_staff", _("Human rights office staff")
    OMBUDSMAN = "ombudsman", _("Ombudsman / case handler")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    ADMINISTRATOR = "administrator", _("Administrator")


ROLE_DESCRIPTIONS = {
    Role.DEPARTMENT_OFFICIAL: _(
        "Enters and updates action-plan tasks, annual reports, impact-assessment requests "
        "and indicator measurements for their own department."
    ),
    Role.OFFICE_STAFF: _(
        "Runs the city-wide work: plans and their annual reporting rounds, indicator "
        "frameworks, impact assessments, committee meetings and the annual report."
    ),
    Role.OMBUDSMAN: _(
        "Screens complaints, records counselling sessions, investigates cases, issues "
        "recommendations and follows up on agency responses."
    ),
    Role.COMMITTEE_MEMBER: _("Reviews the dashboards of all four areas and records the committee's review opinions."),
    Role.ADMINISTRATOR: _("Manages users, roles, departments and reference data."),
}
