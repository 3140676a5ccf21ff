"""DRF permission classes of the indicators API, built on the predicates of ``core.permissions``.

Object-level rules (an official entering a value for another department's indicator) are the
services' own: their ``PermissionDenied`` becomes a 403.
"""

from rest_framework.permissions import SAFE_METHODS

from humanrights_portal.core import permissions
from humanrights_portal.core.api.permissions import predicate_permission

#: Frameworks, areas and indicators: the human rights office.
CanManageIndicatorFrameworks = predicate_permission(
    permissions.can_manage_indicator_frameworks, "CanManageIndicatorFrameworks"
)
#: Officials (their department's indicators, checked by the service) and the office.
CanEnterMeasurements = predicate_permission(permissions.can_import_measurements, "CanEnterMeasurements")
#: The office verifies draft values.
CanVerifyMeasurements = predicate_permission(permissions.can_verify_measurements, "CanVerifyMeasurements")
#: Drafts and the history of values: every staff role.
CanViewUnverifiedMeasurements = predicate_permission(
    permissions.can_view_unverified_measurements, "CanViewUnverifiedMeasurements"
)


class ReadAnyoneWriteOffice(CanManageIndicatorFrameworks):
    """Reads are public (scoped by the selector); writes are the office's."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or super().has_permission(request, view)


class ReadAnyoneWriteEnterers(CanEnterMeasurements):
    """Anyone reads values (the public: verified only); officials and the office enter them."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or super().has_permission(request, view)
