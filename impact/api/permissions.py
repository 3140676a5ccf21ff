"""DRF permission classes of the impact API, built on the predicates of ``core.permissions``.

They answer "may this kind of user call this endpoint at all"; the rules on one assessment (an
official responding for another department, a transition out of order) are the services' own: their
``PermissionDenied`` becomes a 403 and their ``ValidationError`` a 400.
"""

from rest_framework.permissions import SAFE_METHODS

from humanrights_portal.core import permissions
from humanrights_portal.core.api.permissions import PredicatePermission, predicate_permission

#: Every staff role (the service decides whose assessment it is).
IsStaffMember = predicate_permission(permissions.is_staff_member, "IsStaffMember")
#: Start, answer checklists, write findings, issue, send to the committee, close: the office.
CanAssessImpact = predicate_permission(permissions.can_assess_impact, "CanAssessImpact")
#: Versioned checklist templates: the office.
CanManageChecklists = predicate_permission(permissions.can_manage_checklists, "CanManageChecklists")
#: Assessments in progress, findings, reviews: every staff role.
CanViewImpactAssessments = predicate_permission(permissions.can_view_impact_assessments, "CanViewImpactAssessments")


def _can_request(user) -> bool:
    return permissions.can_request_impact_assessment(user)


class ReadAnyoneWrite(PredicatePermission):
    """Reads are open (the selectors show the public closed assessments only); writes need the predicate."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or super().has_permission(request, view)


def read_anyone_write(predicate, name: str) -> type[ReadAnyoneWrite]:
    return type(name, (ReadAnyoneWrite,), {"predicate": staticmethod(predicate)})


#: Officials (for their department) and the office request assessments.
ReadAnyoneWriteRequesters = read_anyone_write(_can_request, "ReadAnyoneWriteRequesters")
#: The subject of a request is corrected by its department or the office (the service checks which).
ReadAnyoneWriteStaff = read_anyone_write(permissions.is_staff_member, "ReadAnyoneWriteStaff")
#: Findings are written by the office.
ReadAnyoneWriteAssessors = read_anyone_write(permissions.can_assess_impact, "ReadAnyoneWriteAssessors")
#: Checklist templates are managed by the office.
ReadAnyoneWriteChecklists = read_anyone_write(permissions.can_manage_checklists, "ReadAnyoneWriteChecklists")


class StaffReadReviewersWrite(PredicatePermission):
    """Every staff role reads committee reviews; committee members and the office write them."""

    predicate = staticmethod(permissions.can_review_impact_assessments)

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return bool(request.user and permissions.can_view_impact_assessments(request.user))
        return super().has_permission(request, view)
