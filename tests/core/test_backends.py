"""The authentication backend: the user of a session comes with their roles, in one query."""

import pytest
from django.contrib.auth import get_user

from humanrights_portal.core import permissions
from humanrights_portal.core.backends import PortalModelBackend
from humanrights_portal.core.roles import Role

pytestmark = pytest.mark.django_db


def test_the_user_comes_with_their_roles_in_one_query(users, django_assert_num_queries):
    ombudsman = users["ombudsman"]
    with django_assert_num_queries(1):
        user = PortalModelBackend().get_user(ombudsman.pk)
        assert user == ombudsman
        assert user.role_names == frozenset({Role.OMBUDSMAN.value})
        assert permissions.can_handle_complaints(user)
        assert not permissions.is_office_staff(user)


def test_a_user_without_a_role_has_none(users, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = PortalModelBackend().get_user(users["user_without_role"].pk)
        assert user.role_names == frozenset()
        assert not permissions.is_staff_member(user)


def test_several_roles_are_all_read(users):
    from django.contrib.auth.models import Group

    official = users["official"]
    official.groups.add(Group.objects.get(name=Role.COMMITTEE_MEMBER.value))
    assert PortalModelBackend().get_user(official.pk).role_names == frozenset(
        {Role.DEPARTMENT_OFFICIAL.value, Role.COMMITTEE_MEMBER.value}
    )


def test_inactive_and_unknown_users_are_nobody(users):
    official = users["official"]
    official.is_active = False
    official.save(update_fields=["is_active"])
    assert PortalModelBackend().get_user(official.pk) is None
    assert PortalModelBackend().get_user(10**9) is None


def test_a_signed_in_request_reads_the_user_with_the_roles(client, users, rf, django_assert_num_queries):
    client.force_login(users["office_staff"])  # the default backend: this one
    request = rf.get("/")
    request.session = client.session
    with django_assert_num_queries(2):  # the session, the user with the roles
        user = get_user(request)
        assert permissions.is_office_staff(user)
