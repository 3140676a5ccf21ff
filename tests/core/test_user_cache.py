"""The signed-in user kept in the cache between requests (core/backends.py, PORTAL_USER_CACHE_SECONDS):
read without a query, and forgotten at once whenever the user, their groups or a group change."""

import pytest
from django.contrib.auth.models import Group

from humanrights_portal.core.backends import PortalModelBackend
from humanrights_portal.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def user_cache(settings):
    settings.PORTAL_USER_CACHE_SECONDS = 60


def signed_in(user):
    """The user as the next request sees it."""
    return PortalModelBackend().get_user(user.pk)


def test_the_next_request_reads_the_user_and_roles_without_a_query(official, django_assert_num_queries):
    with django_assert_num_queries(1):
        first = signed_in(official)
    with django_assert_num_queries(0):
        again = signed_in(official)
        assert again.role_names == first.role_names == {Role.DEPARTMENT_OFFICIAL}


def test_the_cache_is_off_with_zero_seconds(settings, official, django_assert_num_queries):
    settings.PORTAL_USER_CACHE_SECONDS = 0
    signed_in(official)
    with django_assert_num_queries(1):
        signed_in(official)


def test_a_role_given_or_taken_counts_at_once(official):
    signed_in(official)
    official.groups.add(Group.objects.get(name=Role.OMBUDSMAN))
    assert signed_in(official).role_names == {Role.DEPARTMENT_OFFICIAL, Role.OMBUDSMAN}

    official.groups.remove(Group.objects.get(name=Role.DEPARTMENT_OFFICIAL))
    assert signed_in(official).role_names == {Role.OMBUDSMAN}

    official.groups.clear()
    assert signed_in(official).role_names == frozenset()


def test_members_added_or_removed_from_the_group_side_count_at_once(official, other_official):
    ombudsman_group = Group.objects.get(name=Role.OMBUDSMAN)
    signed_in(official), signed_in(other_official)

    ombudsman_group.user_set.add(official, other_official)
    assert Role.OMBUDSMAN in signed_in(official).role_names
    assert Role.OMBUDSMAN in signed_in(other_official).role_names

    ombudsman_group.user_set.remove(official)
    assert Role.OMBUDSMAN not in signed_in(official).role_names

    ombudsman_group.user_set.clear()
    assert Role.OMBUDSMAN not in signed_in(other_official).role_names


def test_a_renamed_or_deleted_group_counts_at_once(official):
    group = Group.objects.create(name="temporary")
    official.groups.add(group)
    assert "temporary" in signed_in(official).role_names

    group.name = "renamed"
    group.save()
    assert signed_in(official).role_names == {Role.DEPARTMENT_OFFICIAL, "renamed"}

    group.delete()
    assert signed_in(official).role_names == {Role.DEPARTMENT_OFFICIAL}


def test_a_deactivated_or_deleted_user_is_signed_out_at_once(official, other_official):
    signed_in(official), signed_in(other_official)

    official.is_active = False
    official.save()
    assert signed_in(official) is None

    other_pk = other_official.pk
    other_official.delete()
    assert PortalModelBackend().get_user(other_pk) is None


def test_a_changed_password_ends_the_other_sessions_at_once(client, ombudsman):
    client.force_login(ombudsman, backend="humanrights_portal.core.backends.PortalModelBackend")
    assert client.get("/ombudsman/").status_code == 200  # the user is now in the cache

    ombudsman.set_password("another-password-2026!")
    ombudsman.save()

    response = client.get("/ombudsman/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_role_taken_away_closes_the_pages_at_once(client, official):
    official.groups.add(Group.objects.get(name=Role.OMBUDSMAN))
    client.force_login(official, backend="humanrights_portal.core.backends.PortalModelBackend")
    assert client.get("/ombudsman/").status_code == 200

    official.groups.remove(Group.objects.get(name=Role.OMBUDSMAN))

    assert client.get("/ombudsman/").status_code == 403
