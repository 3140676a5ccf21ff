"""The assessment workflow: one declared map of allowed transitions (docs/adr/0011-impact-assessments.md).

requested → in assessment → findings issued → department responded → outcome recorded →
committee review → closed. The office may close an assessment straight after the outcome when
the committee does not need to review it, and a request may be withdrawn before findings are
issued. Only ``services`` change an assessment's status, one service per transition.
"""

import datetime

from django.conf import settings

from impact.models import AssessmentStatus

S = AssessmentStatus

TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.REQUESTED: (S.IN_ASSESSMENT, S.WITHDRAWN),
    S.IN_ASSESSMENT: (S.FINDINGS_ISSUED, S.WITHDRAWN),
    S.FINDINGS_ISSUED: (S.RESPONDED,),
    S.RESPONDED: (S.OUTCOME_RECORDED,),
    S.OUTCOME_RECORDED: (S.COMMITTEE_REVIEW, S.CLOSED),
    S.COMMITTEE_REVIEW: (S.CLOSED,),
    S.CLOSED: (),
    S.WITHDRAWN: (),
}

TERMINAL_STATUSES = frozenset(status for status, targets in TRANSITIONS.items() if not targets)
OPEN_STATUSES = frozenset(TRANSITIONS) - TERMINAL_STATUSES

#: The order of the main path, for progress steps on the pages.
MAIN_PATH = (
    S.REQUESTED,
    S.IN_ASSESSMENT,
    S.FINDINGS_ISSUED,
    S.RESPONDED,
    S.OUTCOME_RECORDED,
    S.COMMITTEE_REVIEW,
    S.CLOSED,
)

#: Statuses whose assessment has been carried out (the checklist answered and findings issued):
#: these count as "assessed" in the figures.
ASSESSED_STATUSES = frozenset({S.FINDINGS_ISSUED, S.RESPONDED, S.OUTCOME_RECORDED, S.COMMITTEE_REVIEW, S.CLOSED})

#: Who acts next in each open status: the office's assessment team, the department or the committee.
NEXT_ACTOR = {
    S.REQUESTED: "office",
    S.IN_ASSESSMENT: "office",
    S.FINDINGS_ISSUED: "department",
    S.RESPONDED: "department",
    S.OUTCOME_RECORDED: "office",
    S.COMMITTEE_REVIEW: "committee",
}

DEFAULT_STAGE_DAYS = {
    S.REQUESTED: 7,
    S.IN_ASSESSMENT: 30,
    S.FINDINGS_ISSUED: 30,
    S.RESPONDED: 90,
    S.OUTCOME_RECORDED: 14,
    S.COMMITTEE_REVIEW: 60,
}


def allowed_transitions(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def can_transition(from_status: str, to_status: str) -> bool:
    return to_status in allowed_transitions(from_status)


def stage_days(status: str) -> int | None:
    """Days an assessment may stay in ``status`` (``PORTAL_IMPACT_STAGE_DAYS`` overrides the defaults)."""
    days = {**DEFAULT_STAGE_DAYS, **getattr(settings, "PORTAL_IMPACT_STAGE_DAYS", {})}
    return days.get(status)


def stage_deadline(status: str, entered_on: datetime.date) -> datetime.date | None:
    days = stage_days(status)
    return entered_on + datetime.timedelta(days=days) if days is not None else None
