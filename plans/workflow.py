"""The review of annual records: one declared map of allowed moves (docs/adr/0007-case-workflow.md).

draft → submitted → confirmed, or → returned (with the office's comment) → submitted again.
Only the record services in ``services.py`` change ``AnnualRecord.review_state``, along this map.
"""

from plans.models import ReviewState

R = ReviewState

TRANSITIONS: dict[str, tuple[str, ...]] = {
    R.DRAFT: (R.SUBMITTED,),
    R.SUBMITTED: (R.CONFIRMED, R.RETURNED),
    R.RETURNED: (R.SUBMITTED,),
    R.CONFIRMED: (R.RETURNED,),
}

#: States in which the department may still change the record.
EDITABLE_STATES = frozenset({R.DRAFT, R.RETURNED})
#: States in which a department still owes the office something for the year.
TO_DO_STATES = frozenset({R.DRAFT, R.RETURNED})


def can_move(from_state: str, to_state: str) -> bool:
    return to_state in TRANSITIONS.get(from_state, ())
