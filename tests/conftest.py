import pytest

from humanrights_portal.core.roles import Role
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
        client.force_login(users[name], backend="django.contrib.auth.backends.ModelBackend")
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
def password():
    return TEST_PASSWORD
