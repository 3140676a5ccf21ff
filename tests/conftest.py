from importlib import import_module

import pytest
from pytest_django.plugin import blocking_manager_key

from humanrights_portal.core.roles import Role
from tests.browser_support import browser, page  # noqa: F401
from tests.factories import TEST_PASSWORD, DepartmentFactory, UserFactory


@pytest.fixture
def department(db):
    return DepartmentFactory(code="welfare", name_ko="복지건강국", name_en="Welfare and Health Bureau")


@pytest.fixture
def other_department(db):
    return DepartmentFactory(code="urban", name_ko="도시공간국", name_en="Urban Space Bureau")


@pytest.fixture
def office_department(db):
    return DepartmentFactory(
        code="hr-office", name_ko="인권평화협력관", name_en="Human Rights Office", is_human_rights_office=True
    )


@pytest.fixture
def official(department):
    return UserFactory(username="official", roles=[Role.DEPARTMENT_OFFICIAL], department=department)


@pytest.fixture
def other_official(other_department):
    return UserFactory(username="other-official", roles=[Role.DEPARTMENT_OFFICIAL], department=other_department)


@pytest.fixture
def office_staff(office_department):
    return UserFactory(username="office", roles=[Role.OFFICE_STAFF], department=office_department)


@pytest.fixture
def ombudsman(office_department):
    return UserFactory(username="ombudsman", roles=[Role.OMBUDSMAN], department=office_department)


@pytest.fixture
def committee_member(db):
    return UserFactory(username="committee", roles=[Role.COMMITTEE_MEMBER])


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", roles=[Role.ADMINISTRATOR], is_superuser=True)


@pytest.fixture
def user_without_role(db):
    return UserFactory(username="norole", roles=[])


@pytest.fixture
def users(official, other_official, office_staff, ombudsman, committee_member, administrator, user_without_role):
    """Every kind of account, by name, for permission tables."""
    return {
        "official": official,
        "other_official": other_official,
        "office_staff": office_staff,
        "ombudsman": ombudsman,
        "committee_member": committee_member,
        "administrator": administrator,
        "user_without_role": user_without_role,
    }


@pytest.fixture
def client_for(client, users):
    """``client_for("ombudsman")`` is a test client signed in as that account; ``None`` is anonymous."""

    def make(name):
        if name is None:
            client.logout()
            return client
        client.force_login(users[name], backend="humanrights_portal.core.backends.PortalModelBackend")
        return client

    return make


@pytest.fixture
def api_client_for(users):
    from rest_framework.test import APIClient

    def make(name):
        api = APIClient()
        if name is not None:
            api.force_authenticate(users[name])
        return api

    return make


@pytest.fixture
def private_media(settings, tmp_path):
    """Evidence files of this test go to its own ``tmp_path`` (the private storage follows the setting)."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the test settings use local memory, shared by the tests of
    a worker): nothing one test rendered or counted is seen by the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password():
    return TEST_PASSWORD


# Data that migrations create and every test may rely on: (app, migration, function).
MIGRATION_DATA = [
    ("humanrights_portal.core", "0002_roles", "create_role_groups"),
    ("humanrights_portal.core", "0003_reference_data", "load_reference_data"),
]


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by emptying every table; put the migrations' data back.

    This runs after every fixture of the test is torn down (the flush included), so the next test on
    this pytest-xdist worker finds the role groups and reference data the migrations created.
    """
    result = yield
    if nextitem is not None and _is_transactional(item):  # after the last test the database is gone
        from django.apps import apps

        with item.config.stash[blocking_manager_key].unblock():
            for package, migration, function in MIGRATION_DATA:
                getattr(import_module(f"{package}.migrations.{migration}"), function)(apps, None)
    return result
