"""Who may do what: the portal's permission predicates, in one place.

Views, API permission classes and selectors all call these functions, so a rule is
written once. Each predicate takes the user (possibly anonymous) first and returns a
bool; none of them queries the database more than once per request, because
``User.role_names`` caches the user's groups.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from humanrights_portal.core.roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from humanrights_portal.core.models import Department, User

    AnyUser = User | AnonymousUser


def _roles(user: AnyUser) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    return user.role_names


def has_role(user: AnyUser, role: Role) -> bool:
    return role.value in _roles(user)


def is_administrator(user: AnyUser) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser) or has_role(
        user, Role.ADMINISTRATOR
    )


def is_office_staff(user: AnyUser) -> bool:
    return has_role(user, Role.OFFICE_STAFF)


def is_ombudsman(user: AnyUser) -> bool:
    return has_role(user, Role.OMBUDSMAN)


def is_committee_member(user: AnyUser) -> bool:
    return has_role(user, Role.COMMITTEE_MEMBER)


def is_department_official(user: AnyUser) -> bool:
    return has_role(user, Role.DEPARTMENT_OFFICIAL)


def is_staff_member(user: AnyUser) -> bool:
    """Any portal role at all: the people who may enter the staff area."""
    return bool(_roles(user)) or is_administrator(user)


def can_view_dashboard(user: AnyUser) -> bool:
    return is_staff_member(user)


def can_view_complainant_identity(user: AnyUser) -> bool:
    """Only the ombudsman role sees who complained (PIPA; SPEC "Privacy")."""
    return is_ombudsman(user)


def can_handle_complaints(user: AnyUser) -> bool:
    """Screen, investigate, recommend, record counselling: the ombudsman role only."""
    return is_ombudsman(user)


def can_view_cases(user: AnyUser) -> bool:
    """The case list and case pages. Only the ombudsman sees identities, notes and attachments there;
    office staff and committee members see anonymised cases (SPEC "Privacy")."""
    return is_ombudsman(user) or is_office_staff(user) or is_committee_member(user)


def can_view_case_internals(user: AnyUser) -> bool:
    """Internal notes, attachments and handler workload: never outside the ombudsman role."""
    return is_ombudsman(user)


def can_view_case_statistics(user: AnyUser) -> bool:
    """Aggregated, anonymous figures: every staff role."""
    return is_staff_member(user)


def can_manage_citywide_work(user: AnyUser) -> bool:
    """Plans, indicator frameworks, impact assessments and committee records for the whole city."""
    return is_office_staff(user)


def can_edit_department_data(user: AnyUser, department: Department | None) -> bool:
    """Officials edit their own department's records; the office edits every department's."""
    if is_office_staff(user):
        return True
    if department is None or not is_department_official(user):
        return False
    return user.department_id == department.pk


def can_manage_plans(user: AnyUser) -> bool:
    """Create plans, areas and tasks, open reporting rounds, confirm or return records: the office."""
    return is_office_staff(user)


def can_report_on_tasks(user: AnyUser) -> bool:
    """Fill annual records: officials (for their department's tasks) and the office (for all)."""
    return is_office_staff(user) or (is_department_official(user) and getattr(user, "department_id", None) is not None)


def can_edit_task_record(user: AnyUser, task) -> bool:
    """An official edits the records of their own department's tasks only; the office edits all."""
    if is_office_staff(user):
        return True
    department_id = getattr(user, "department_id", None)
    return (
        is_department_official(user) and department_id is not None and department_id == task.responsible_department_id
    )


def can_reply_to_review_opinions(user: AnyUser) -> bool:
    return is_office_staff(user)


def can_view_draft_plans(user: AnyUser) -> bool:
    """Drafts and internal comments are for staff; the public sees adopted and completed plans."""
    return is_staff_member(user)


def can_manage_indicator_frameworks(user: AnyUser) -> bool:
    """Frameworks, areas, indicators and their targets: the office."""
    return is_office_staff(user)


def can_enter_measurements(user: AnyUser, indicator) -> bool:
    """Officials enter values for their own department's indicators; the office for all."""
    if is_office_staff(user):
        return True
    department_id = getattr(user, "department_id", None)
    return (
        is_department_official(user)
        and department_id is not None
        and department_id == indicator.responsible_department_id
    )


def can_verify_measurements(user: AnyUser) -> bool:
    return is_office_staff(user)


def can_import_measurements(user: AnyUser) -> bool:
    """Upload a file of values: officials (rows of their department's indicators only) and the office."""
    return is_office_staff(user) or (is_department_official(user) and getattr(user, "department_id", None) is not None)


def can_handle_measurement_import(user: AnyUser, measurement_import) -> bool:
    """An uploaded file of values is seen and confirmed by its uploader or the office, nobody else."""
    if not can_import_measurements(user):
        return False
    return is_office_staff(user) or measurement_import.uploaded_by_id == user.pk


def can_view_unverified_measurements(user: AnyUser) -> bool:
    """The public sees verified values only."""
    return is_staff_member(user)


def can_write_review_opinions(user: AnyUser) -> bool:
    return is_committee_member(user) or is_office_staff(user)


def _is_own_department_official(user: AnyUser, department_id: int | None) -> bool:
    own = getattr(user, "department_id", None)
    return is_department_official(user) and own is not None and own == department_id


def can_assess_impact(user: AnyUser) -> bool:
    """Start assessments, answer checklists, issue findings, send to the committee, close: the
    office's assessment team."""
    return is_office_staff(user)


def can_manage_checklists(user: AnyUser) -> bool:
    """Versioned checklist templates per subject type: the office."""
    return is_office_staff(user)


def can_view_impact_assessments(user: AnyUser) -> bool:
    """Assessments in progress, findings and responses: every staff role (the public sees closed
    assessments' summaries and the figures)."""
    return is_staff_member(user)


def can_request_impact_assessment(user: AnyUser, department: Department | None = None) -> bool:
    """Departments request assessments of their own subjects; the office requests for any.
    With ``department`` None: may this user request for some department at all."""
    if is_office_staff(user):
        return True
    if department is None:
        return is_department_official(user) and getattr(user, "department_id", None) is not None
    return _is_own_department_official(user, department.pk)


def can_respond_to_impact_findings(user: AnyUser, assessment) -> bool:
    """The department whose subject was assessed answers each recommendation."""
    return _is_own_department_official(user, assessment.department_id)


def can_record_impact_outcome(user: AnyUser, assessment) -> bool:
    """What became of the subject (revised or not): its department or the office."""
    return is_office_staff(user) or _is_own_department_official(user, assessment.department_id)


def can_withdraw_impact_request(user: AnyUser, assessment) -> bool:
    return is_office_staff(user) or _is_own_department_official(user, assessment.department_id)


def can_review_impact_assessments(user: AnyUser) -> bool:
    """Committee review opinions: committee members, or the office recording them for the committee."""
    return can_write_review_opinions(user)


def can_view_audit_log(user: AnyUser) -> bool:
    return is_administrator(user)


def can_view_personal_data_access_log(user: AnyUser) -> bool:
    return is_administrator(user)


def can_manage_reference_data(user: AnyUser) -> bool:
    return is_administrator(user)


def can_manage_follow_ups(user: AnyUser) -> bool:
    """Turn an ombudsman recommendation or an impact-assessment finding into a follow-up (a new or
    existing plan task), or undo that link: the human rights office, which runs the plans."""
    return is_office_staff(user)
