"""DRF permission classes of the plans API, built on the predicates of ``core.permissions``.

Object-level rules (an official saving another department's record) are the services' own:
their ``PermissionDenied`` becomes a 403.
"""

from rest_framework.permissions import SAFE_METHODS

from humanrights_portal.core import permissions
from humanrights_portal.core.api.permissions import predicate_permission

#: Every staff role: committees, meetings, opinions, reporting rounds.
IsStaffMember = predicate_permission(permissions.is_staff_member, "IsStaffMember")
#: Plans, areas, tasks, reporting rounds, record review, meetings, replies: the human rights office.
CanManagePlans = predicate_permission(permissions.can_manage_plans, "CanManagePlans")
#: Fill and submit annual records (officials of the responsible department, and the office).
CanReportOnTasks = predicate_permission(permissions.can_report_on_tasks, "CanReportOnTasks")
#: Committee members and the office.
CanWriteReviewOpinions = predicate_permission(permissions.can_write_review_opinions, "CanWriteReviewOpinions")
#: The office answers how each opinion was reflected.
CanReplyToReviewOpinions = predicate_permission(permissions.can_reply_to_review_opinions, "CanReplyToReviewOpinions")


class ReadAnyoneWriteOffice(CanManagePlans):
    """Reads are public (scoped by the selector); writes are the office's."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or super().has_permission(request, view)


class StaffReadsWritersWrite(CanWriteReviewOpinions):
    """Every staff role reads opinions; committee members and the office write them."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return bool(request.user and permissions.is_staff_member(request.user))
        return super().has_permission(request, view)
