import pytest
from django.contrib.auth.models import Group
from django.db import transaction

from humanrights_portal.core import services
from humanrights_portal.core.models import AuditEvent, PersonalDataAccess
from humanrights_portal.core.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_audit_record_stores_actor_target_and_changes(ombudsman, department):
    with transaction.atomic():
        event = services.audit_record(
            actor=ombudsman,
            action="department.rename",
            target=department,
            changes={"name_ko": ["복지국", "복지건강국"], "when": department.created_at},
            reason="조직 개편",
        )
    event.refresh_from_db()
    assert event.actor == ombudsman
    assert event.actor_label == "ombudsman"
    assert event.target_type.model == "department"
    assert event.target_id == str(department.pk)
    assert event.changes["name_ko"] == ["복지국", "복지건강국"]
    assert isinstance(event.changes["when"], str)
    assert event.reason == "조직 개편"


def test_audit_record_for_anonymous_citizen_has_no_actor(department):
    from django.contrib.auth.models import AnonymousUser

    with transaction.atomic():
        event = services.audit_record(actor=AnonymousUser(), action="complaint.submit", target=department)
    assert event.actor is None
    assert event.actor_label == "anonymous"


def test_audit_record_refuses_to_run_outside_a_transaction(transactional_db):
    with pytest.raises(RuntimeError, match="inside the transaction"):
        services.audit_record(actor=None, action="x.y")


def test_audit_rolls_back_with_the_change(department):
    before = AuditEvent.objects.count()

    def change_that_fails():
        with transaction.atomic():
            services.audit_record(actor=None, action="department.update", target=department)
            raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        change_that_fails()
    assert AuditEvent.objects.count() == before


def test_personal_data_access_is_logged(ombudsman, department, rf):
    request = rf.get("/", REMOTE_ADDR="10.1.2.3")
    access = services.personal_data_access_record(
        actor=ombudsman, subject=department, fields=["phone", "name"], purpose="case detail", request=request
    )
    assert PersonalDataAccess.objects.get() == access
    assert access.fields == ["name", "phone"]
    assert access.ip_address == "10.1.2.3"
    assert access.subject_id == str(department.pk)


def test_user_change_password_audits_without_the_secret(official):
    services.user_change_password(user=official, new_password="a-new-long-password-2026")
    official.refresh_from_db()
    assert official.check_password("a-new-long-password-2026")
    event = AuditEvent.objects.filter(action="user.change_password").get()
    assert event.actor == official
    assert "a-new-long-password-2026" not in str(event.changes)


def test_staff_user_upsert_is_idempotent(department):
    user = UserFactory(username="kim", roles=[Role.DEPARTMENT_OFFICIAL], department=department)
    events = AuditEvent.objects.filter(target_id=str(user.pk), action__startswith="user.").count()
    again = services.staff_user_upsert(
        username="kim",
        password="correct-horse-battery-staple",
        roles=[Role.DEPARTMENT_OFFICIAL],
        display_name=user.display_name,
        email=user.email,
        department=department,
    )
    assert again.pk == user.pk
    assert AuditEvent.objects.filter(target_id=str(user.pk), action__startswith="user.").count() == events


def test_staff_user_upsert_changes_roles_and_audits(department):
    user = UserFactory(username="lee", roles=[Role.DEPARTMENT_OFFICIAL], department=department)
    services.staff_user_upsert(
        username="lee", password="correct-horse-battery-staple", roles=[Role.OFFICE_STAFF], department=department
    )
    assert list(user.groups.values_list("name", flat=True)) == ["office_staff"]
    event = AuditEvent.objects.filter(action="user.update", target_id=str(user.pk)).latest("id")
    assert event.changes["roles"] == ["office_staff"]


def test_department_upsert_updates_by_code_and_audits_only_changes():
    first = services.department_upsert(code="welfare", name_ko="복지국")
    same = services.department_upsert(code="welfare", name_ko="복지국")
    assert same.pk == first.pk
    assert AuditEvent.objects.filter(target_id=str(first.pk)).count() == 1
    services.department_upsert(code="welfare", name_ko="복지건강국")
    first.refresh_from_db()
    assert first.name_ko == "복지건강국"
    update = AuditEvent.objects.get(action="department.update")
    assert update.changes == {"name_ko": ["복지국", "복지건강국"]}


def test_role_groups_and_reference_data_come_from_migrations():
    from humanrights_portal.core.models import RightCategory, SdgGoal, SdgTarget, VulnerableGroup

    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    assert set(SdgTarget.objects.filter(goal__number=17).values_list("code", flat=True)) == {
        f"17.{n}" for n in range(1, 20)
    }
    codes = set(VulnerableGroup.objects.values_list("code", flat=True))
    assert {"persons-with-disabilities", "migrants", "women", "workers", "older-persons", "children-youth"} <= codes
    assert RightCategory.objects.filter(code="privacy").exists()
