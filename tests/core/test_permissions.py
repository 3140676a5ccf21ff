import pytest
from django.contrib.auth.models import AnonymousUser

from humanrights_portal.core import permissions

ROLE_NAMES = [
    "official",
    "other_official",
    "office_staff",
    "ombudsman",
    "committee_member",
    "administrator",
    "user_without_role",
]


def expect(predicate, users, allowed):
    result = {name: predicate(users[name]) for name in ROLE_NAMES}
    assert result == {name: name in allowed for name in ROLE_NAMES}
    assert predicate(AnonymousUser()) is False


def test_only_ombudsman_sees_complainant_identity(users):
    expect(permissions.can_view_complainant_identity, users, {"ombudsman"})


def test_only_ombudsman_handles_complaints(users):
    expect(permissions.can_handle_complaints, users, {"ombudsman"})


def test_dashboard_is_for_every_role_and_administrators(users):
    expect(
        permissions.can_view_dashboard,
        users,
        {"official", "other_official", "office_staff", "ombudsman", "committee_member", "administrator"},
    )


def test_citywide_work_is_for_the_office(users):
    expect(permissions.can_manage_citywide_work, users, {"office_staff"})


def test_review_opinions_by_committee_and_office(users):
    expect(permissions.can_write_review_opinions, users, {"committee_member", "office_staff"})


def test_logs_and_reference_data_for_administrators_only(users):
    expect(permissions.can_view_audit_log, users, {"administrator"})
    expect(permissions.can_view_personal_data_access_log, users, {"administrator"})
    expect(permissions.can_manage_reference_data, users, {"administrator"})


def test_officials_edit_only_their_own_department(users, department, other_department):
    assert permissions.can_edit_department_data(users["official"], department)
    assert not permissions.can_edit_department_data(users["official"], other_department)
    assert permissions.can_edit_department_data(users["other_official"], other_department)
    assert not permissions.can_edit_department_data(users["other_official"], department)
    assert permissions.can_edit_department_data(users["office_staff"], department)
    assert permissions.can_edit_department_data(users["office_staff"], other_department)
    for name in ("ombudsman", "committee_member", "user_without_role"):
        assert not permissions.can_edit_department_data(users[name], department)
    assert not permissions.can_edit_department_data(users["official"], None)
    assert not permissions.can_edit_department_data(AnonymousUser(), department)


def test_inactive_accounts_have_no_role(users):
    ombudsman = users["ombudsman"]
    ombudsman.is_active = False
    assert not permissions.can_view_complainant_identity(ombudsman)
    assert not permissions.can_view_dashboard(ombudsman)


@pytest.mark.django_db
def test_roles_are_read_once_per_user_instance(ombudsman, django_assert_num_queries):
    from humanrights_portal.core.models import User

    fresh = User.objects.get(pk=ombudsman.pk)
    with django_assert_num_queries(1):
        for _ in range(5):
            permissions.can_view_complainant_identity(fresh)
            permissions.can_view_dashboard(fresh)
