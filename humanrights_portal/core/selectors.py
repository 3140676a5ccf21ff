"""Reads of the shared kernel, scoped to the user and with their joins prepared."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet

from humanrights_portal.core import permissions
from humanrights_portal.core.filters import (
    AuditEventFilter,
    DepartmentFilter,
    PersonalDataAccessFilter,
    SdgTargetFilter,
)
from humanrights_portal.core.models import (
    AuditEvent,
    Department,
    PersonalDataAccess,
    RightCategory,
    SdgGoal,
    SdgTarget,
    VulnerableGroup,
)


def _filtered(filterset_class, queryset: QuerySet, filters) -> QuerySet:
    if not filters:
        return queryset
    filterset = filterset_class(filters, queryset=queryset)
    if not filterset.is_valid():
        return queryset.none()
    return filterset.qs


def department_list(*, filters=None) -> QuerySet[Department]:
    """Departments are public reference data."""
    return _filtered(DepartmentFilter, Department.objects.all(), filters)


def vulnerable_group_list() -> QuerySet[VulnerableGroup]:
    return VulnerableGroup.objects.active()


def right_category_list() -> QuerySet[RightCategory]:
    return RightCategory.objects.active()


def sdg_goal_list() -> QuerySet[SdgGoal]:
    return SdgGoal.objects.prefetch_related(Prefetch("targets", queryset=SdgTarget.objects.order_by("sort_order")))


def sdg_target_list(*, filters=None) -> QuerySet[SdgTarget]:
    return _filtered(SdgTargetFilter, SdgTarget.objects.select_related("goal"), filters)


def audit_event_list(*, user, filters=None) -> QuerySet[AuditEvent]:
    if not permissions.can_view_audit_log(user):
        raise PermissionDenied
    return _filtered(AuditEventFilter, AuditEvent.objects.select_related("actor", "target_type"), filters)


def personal_data_access_list(*, user, filters=None) -> QuerySet[PersonalDataAccess]:
    if not permissions.can_view_personal_data_access_log(user):
        raise PermissionDenied
    return _filtered(
        PersonalDataAccessFilter,
        PersonalDataAccess.objects.select_related("actor", "subject_type"),
        filters,
    )
