"""The case workflow: one declared map of allowed transitions (docs/adr/0007-case-workflow.md).

received → screening → investigating → recommendation issued → follow-up → closed, with the
side exits dismissed, withdrawn and referred (e.g. to the National Human Rights Commission).
Only ``services.case_transition`` changes a case's status, and only along this map.
"""

import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ombudsman.models import CaseStatus

S = CaseStatus

TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.RECEIVED: (S.SCREENING, S.DISMISSED, S.WITHDRAWN, S.REFERRED),
    S.SCREENING: (S.INVESTIGATING, S.DISMISSED, S.WITHDRAWN, S.REFERRED),
    S.INVESTIGATING: (S.RECOMMENDATION_ISSUED, S.CLOSED, S.DISMISSED, S.WITHDRAWN, S.REFERRED),
    S.RECOMMENDATION_ISSUED: (S.FOLLOW_UP, S.CLOSED, S.WITHDRAWN),
    S.FOLLOW_UP: (S.CLOSED,),
    S.CLOSED: (),
    S.DISMISSED: (),
    S.WITHDRAWN: (),
    S.REFERRED: (),
}

TERMINAL_STATUSES = frozenset(status for status, targets in TRANSITIONS.items() if not targets)
OPEN_STATUSES = frozenset(TRANSITIONS) - TERMINAL_STATUSES

#: Statuses a citizen may withdraw from (their own complaint, from the status page).
WITHDRAWABLE_STATUSES = frozenset({S.RECEIVED, S.SCREENING, S.INVESTIGATING, S.RECOMMENDATION_ISSUED})

#: What the citizen reads for each status, in plain language.
PUBLIC_STATUS_LABELS = {
    S.RECEIVED: _("Received: your complaint has arrived and will be reviewed soon."),
    S.SCREENING: _("Under review: the ombudsman is checking whether the complaint can be investigated."),
    S.INVESTIGATING: _("Under investigation: the ombudsman is investigating what happened."),
    S.RECOMMENDATION_ISSUED: _("Recommendation issued: the ombudsman has recommended a remedy to the agency."),
    S.FOLLOW_UP: _("Follow-up: the ombudsman is checking that the agency carries out the recommendation."),
    S.CLOSED: _("Closed: the ombudsman has finished handling your complaint."),
    S.DISMISSED: _("Dismissed: the complaint could not be investigated. The reason is given in the timeline."),
    S.WITHDRAWN: _("Withdrawn: the complaint was withdrawn."),
    S.REFERRED: _("Referred: the complaint was passed to the body that can handle it."),
}

#: Timeline wording for the citizen when a case enters each status.
PUBLIC_EVENT_LABELS = {
    S.RECEIVED: _("Complaint received"),
    S.SCREENING: _("Review started"),
    S.INVESTIGATING: _("Investigation started"),
    S.RECOMMENDATION_ISSUED: _("Recommendation issued"),
    S.FOLLOW_UP: _("Follow-up of the recommendation started"),
    S.CLOSED: _("Case closed"),
    S.DISMISSED: _("Complaint dismissed"),
    S.WITHDRAWN: _("Complaint withdrawn"),
    S.REFERRED: _("Complaint referred"),
}

#: Transitions whose reason must be given (the citizen and the audit trail need to know why).
REASON_REQUIRED = frozenset({S.DISMISSED, S.REFERRED, S.CLOSED, S.WITHDRAWN})

DEFAULT_STAGE_DAYS = {
    S.RECEIVED: 3,
    S.SCREENING: 14,
    S.INVESTIGATING: 60,
    S.RECOMMENDATION_ISSUED: 60,
    S.FOLLOW_UP: 90,
}


def allowed_transitions(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def can_transition(from_status: str, to_status: str) -> bool:
    return to_status in allowed_transitions(from_status)


def stage_days(status: str) -> int | None:
    """Days a case may stay in ``status`` (``PORTAL_OMBUDSMAN_STAGE_DAYS`` overrides the defaults)."""
    days = {**DEFAULT_STAGE_DAYS, **getattr(settings, "PORTAL_OMBUDSMAN_STAGE_DAYS", {})}
    return days.get(status)


def stage_deadline(status: str, entered_on: datetime.date) -> datetime.date | None:
    days = stage_days(status)
    return entered_on + datetime.timedelta(days=days) if days is not None else None
