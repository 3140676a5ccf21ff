"""DRF permission classes built on the predicates of ``core.permissions``."""

from rest_framework.permissions import BasePermission

from humanrights_portal.core import permissions


class PredicatePermission(BasePermission):
    """Allow a request when ``predicate(request.user)`` holds."""

    predicate = staticmethod(lambda user: False)

    def has_permission(self, request, view) -> bool:
        return bool(request.user and self.predicate(request.user))


def predicate_permission(predicate, name: str | None = None) -> type[PredicatePermission]:
    return type(name or f"Allow_{predicate.__name__}", (PredicatePermission,), {"predicate": staticmethod(predicate)})


IsStaffMember = predicate_permission(permissions.is_staff_member, "IsStaffMember")
CanViewAuditLog = predicate_permission(permissions.can_view_audit_log, "CanViewAuditLog")
CanViewPersonalDataAccessLog = predicate_permission(
    permissions.can_view_personal_data_access_log, "CanViewPersonalDataAccessLog"
)
