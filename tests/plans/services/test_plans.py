"""Plans, areas and policy tasks: the office's writes and their rules."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from humanrights_portal.core.models import AuditEvent, SdgTarget, VulnerableGroup
from plans import services
from plans.models import AreaKind, BasePlan, PlanArea, PlanStatus, PolicyTask, TaskBudget
from tests.factories import DepartmentFactory, area_of, plan_adopted, plan_draft, task_of

pytestmark = pytest.mark.django_db

NOT_OFFICE = ["official", "other_official", "ombudsman", "committee_member", "administrator", "user_without_role"]


def plan_fields(**overrides):
    data = {
        "title": "울산광역시 인권증진 기본계획",
        "title_en": "Ulsan's Basic Plan for Promotion of Human Rights",
        "organisation": "울산광역시",
        "start_year": 2016,
        "end_year": 2020,
        "vision": "인권이 존중되는 행복도시 울산",
        "area_kind": AreaKind.CATEGORY,
        "drafting_process": "인권위원회 심의",
    }
    data.update(overrides)
    return data


# ---------------------------------------------------------------- plans


def test_office_creates_a_draft_plan_and_the_creation_is_audited(office_staff):
    plan = services.plan_create(actor=office_staff, **plan_fields())
    assert plan.status == PlanStatus.DRAFT
    assert plan.adopted_on is None
    assert plan.area_kind == AreaKind.CATEGORY
    assert list(plan.years) == [2016, 2017, 2018, 2019, 2020]
    event = AuditEvent.objects.get(action="plan.create")
    assert event.actor == office_staff
    assert event.target_id == str(plan.pk)


def test_plan_create_ignores_fields_that_are_not_plan_fields(office_staff):
    plan = services.plan_create(actor=office_staff, status=PlanStatus.COMPLETED, **plan_fields())
    assert plan.status == PlanStatus.DRAFT


def test_plan_period_cannot_end_before_it_starts(office_staff):
    with pytest.raises(ValidationError):
        services.plan_create(actor=office_staff, **plan_fields(start_year=2020, end_year=2016))
    assert not BasePlan.objects.exists()


@pytest.mark.parametrize(("field", "value"), [("title", ""), ("organisation", ""), ("start_year", 1800)])
def test_plan_create_validates_its_fields(office_staff, field, value):
    with pytest.raises(ValidationError) as excinfo:
        services.plan_create(actor=office_staff, **plan_fields(**{field: value}))
    assert field in excinfo.value.message_dict


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_creates_plans(users, role):
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=users[role], **plan_fields())
    assert not BasePlan.objects.exists()


def test_office_updates_a_plan_and_only_changes_are_audited(office_staff):
    plan = plan_draft(actor=office_staff)
    services.plan_update(plan=plan, actor=office_staff, vision="모두의 인권도시", end_year=2023)
    plan.refresh_from_db()
    assert (plan.vision, plan.end_year) == ("모두의 인권도시", 2023)
    event = AuditEvent.objects.get(action="plan.update")
    assert set(event.changes) == {"vision", "end_year"}
    services.plan_update(plan=plan, actor=office_staff, vision="모두의 인권도시")
    assert AuditEvent.objects.filter(action="plan.update").count() == 1


def test_plan_update_checks_the_period(office_staff):
    plan = plan_draft(actor=office_staff)
    with pytest.raises(ValidationError):
        services.plan_update(plan=plan, actor=office_staff, end_year=2010)
    plan.refresh_from_db()
    assert plan.end_year == 2022


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_updates_plans(users, office_staff, role):
    plan = plan_draft(actor=office_staff)
    with pytest.raises(PermissionDenied):
        services.plan_update(plan=plan, actor=users[role], vision="바뀐 비전")
    plan.refresh_from_db()
    assert plan.vision == "인권이 일상이 되는 도시"


def test_office_adopts_a_draft_plan(office_staff):
    plan = plan_draft(actor=office_staff)
    adopted = services.plan_adopt(plan=plan, actor=office_staff, adopted_on=datetime.date(2018, 6, 29))
    assert adopted.status == PlanStatus.ADOPTED
    assert adopted.adopted_on == datetime.date(2018, 6, 29)
    assert adopted.is_public
    assert AuditEvent.objects.filter(action="plan.adopt", target_id=str(plan.pk)).exists()


def test_plan_can_be_adopted_today_but_not_in_the_future(office_staff):
    plan = plan_draft(actor=office_staff)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        services.plan_adopt(plan=plan, actor=office_staff, adopted_on=tomorrow)
    assert "adopted_on" in excinfo.value.message_dict
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert services.plan_adopt(plan=plan, actor=office_staff, adopted_on=timezone.localdate()).status == "adopted"


@pytest.mark.parametrize("status", [PlanStatus.ADOPTED, PlanStatus.COMPLETED])
def test_only_a_draft_plan_can_be_adopted(office_staff, status):
    plan = plan_adopted(actor=office_staff)
    if status == PlanStatus.COMPLETED:
        services.plan_complete(plan=plan, actor=office_staff)
    with pytest.raises(ValidationError):
        services.plan_adopt(plan=plan, actor=office_staff, adopted_on=datetime.date(2019, 1, 1))
    plan.refresh_from_db()
    assert plan.status == status
    assert plan.adopted_on == datetime.date(2018, 3, 1)


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_adopts_plans(users, office_staff, role):
    plan = plan_draft(actor=office_staff)
    with pytest.raises(PermissionDenied):
        services.plan_adopt(plan=plan, actor=users[role], adopted_on=datetime.date(2018, 3, 1))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_office_completes_an_adopted_plan(office_staff):
    plan = plan_adopted(actor=office_staff)
    completed = services.plan_complete(plan=plan, actor=office_staff)
    assert completed.status == PlanStatus.COMPLETED
    assert completed.adopted_on == datetime.date(2018, 3, 1)
    assert AuditEvent.objects.filter(action="plan.complete").exists()


def test_only_an_adopted_plan_can_be_completed(office_staff):
    draft = plan_draft(actor=office_staff)
    with pytest.raises(ValidationError):
        services.plan_complete(plan=draft, actor=office_staff)
    completed = services.plan_complete(plan=plan_adopted(actor=office_staff, title="두 번째"), actor=office_staff)
    with pytest.raises(ValidationError):
        services.plan_complete(plan=completed, actor=office_staff)
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_completes_plans(users, office_staff, role):
    plan = plan_adopted(actor=office_staff)
    with pytest.raises(PermissionDenied):
        services.plan_complete(plan=plan, actor=users[role])
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED


# ---------------------------------------------------------------- areas


def test_area_save_creates_then_updates_the_area_with_that_number(office_staff):
    plan = plan_draft(actor=office_staff)
    area = services.area_save(plan=plan, actor=office_staff, number=1, title=" 사회적 소수자 인권 증진 ")
    assert area.title == "사회적 소수자 인권 증진"
    same = services.area_save(
        plan=plan, actor=office_staff, number=1, title="사회적 약자 인권 증진", description="장애인·이주민"
    )
    assert same.pk == area.pk
    area.refresh_from_db()
    assert (area.title, area.description) == ("사회적 약자 인권 증진", "장애인·이주민")
    assert PlanArea.objects.count() == 1
    actions = list(AuditEvent.objects.filter(action__startswith="plan.area").values_list("action", flat=True))
    assert sorted(actions) == ["plan.area.create", "plan.area.update"]


def test_area_needs_a_title(office_staff):
    plan = plan_draft(actor=office_staff)
    with pytest.raises(ValidationError) as excinfo:
        services.area_save(plan=plan, actor=office_staff, number=2, title="  ")
    assert "title" in excinfo.value.message_dict
    assert not PlanArea.objects.exists()


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_saves_areas(users, office_staff, role):
    plan = plan_draft(actor=office_staff)
    with pytest.raises(PermissionDenied):
        services.area_save(plan=plan, actor=users[role], number=1, title="인권 행정")
    assert not PlanArea.objects.exists()


# ---------------------------------------------------------------- tasks


@pytest.fixture
def plan(office_staff):
    return plan_draft(actor=office_staff)


@pytest.fixture
def area(plan, office_staff):
    return area_of(plan, actor=office_staff, number=1, title="사회적 소수자 인권 증진")


def test_task_save_creates_a_task_with_its_links_and_budgets(area, office_staff, department, other_department):
    third = DepartmentFactory(code="women", name_ko="여성가족국")
    groups = list(VulnerableGroup.objects.filter(code__in=["persons-with-disabilities", "older-persons"]))
    targets = list(SdgTarget.objects.filter(code__in=["10.2", "11.2"]))
    task = services.task_save(
        area=area,
        actor=office_staff,
        code=" 1-01 ",
        title=" 장애인 이동권 보장을 위한 저상버스 확대 ",
        description="시내버스 저상버스 도입률 확대",
        responsible_department=department,
        cooperating_departments=[other_department, department, third],
        target_groups=groups,
        sdg_targets=targets,
        budgets={2018: 1_200_000_000, 2019: 1_500_000_000},
        order=3,
    )
    task = PolicyTask.objects.get(pk=task.pk)
    assert (task.code, task.title, task.order) == ("1-01", "장애인 이동권 보장을 위한 저상버스 확대", 3)
    assert task.responsible_department == department
    assert set(task.cooperating_departments.all()) == {other_department, third}
    assert set(task.target_groups.all()) == set(groups)
    assert set(task.sdg_targets.values_list("code", flat=True)) == {"10.2", "11.2"}
    assert dict(task.budgets.values_list("year", "planned_amount")) == {2018: 1_200_000_000, 2019: 1_500_000_000}
    event = AuditEvent.objects.get(action="plan.task.create")
    assert event.changes == {"code": "1-01", "department": "welfare"}


def test_task_save_updates_a_task_and_replaces_only_the_links_it_is_given(
    area, office_staff, department, other_department
):
    groups = list(VulnerableGroup.objects.filter(code="migrants"))
    task = task_of(
        area,
        actor=office_staff,
        department=department,
        code="1-02",
        budgets={2018: 100_000_000, 2019: 200_000_000},
        target_groups=groups,
    )
    services.task_save(
        area=area,
        actor=office_staff,
        task=task,
        code="1-02",
        title="이주노동자 인권상담 지원",
        responsible_department=other_department,
        budgets={2019: 250_000_000, 2020: 300_000_000},
    )
    task.refresh_from_db()
    assert task.title == "이주노동자 인권상담 지원"
    assert task.responsible_department == other_department
    assert list(task.target_groups.all()) == groups  # not given: unchanged
    assert dict(task.budgets.values_list("year", "planned_amount")) == {2019: 250_000_000, 2020: 300_000_000}
    assert PolicyTask.objects.count() == 1
    assert AuditEvent.objects.filter(action="plan.task.update").count() == 1


def test_a_task_code_is_unique_within_a_plan(plan, area, office_staff, department):
    task_of(area, actor=office_staff, department=department, code="1-01")
    other_area = area_of(plan, actor=office_staff, number=2)
    with pytest.raises(ValidationError) as excinfo:
        task_of(other_area, actor=office_staff, department=department, code="1-01")
    assert "code" in excinfo.value.message_dict
    assert PolicyTask.objects.count() == 1
    # another plan may use the same code
    other_plan = plan_draft(actor=office_staff, title="울산광역시 인권증진 기본계획")
    task_of(area_of(other_plan, actor=office_staff), actor=office_staff, department=department, code="1-01")
    assert PolicyTask.objects.filter(code="1-01").count() == 2


def test_a_task_keeps_its_own_code_on_update(area, office_staff, department):
    task = task_of(area, actor=office_staff, department=department, code="1-01")
    services.task_save(
        area=area, actor=office_staff, task=task, code="1-01", title="새 제목", responsible_department=department
    )
    task.refresh_from_db()
    assert task.title == "새 제목"


@pytest.mark.parametrize(
    "budgets",
    [{2017: 1_000_000}, {2023: 1_000_000}, {2019: -1}, {2019: None}],
    ids=["before-the-period", "after-the-period", "negative", "missing"],
)
def test_budgets_outside_the_period_or_negative_are_refused(area, office_staff, department, budgets):
    with pytest.raises(ValidationError) as excinfo:
        task_of(area, actor=office_staff, department=department, code="1-01", budgets=budgets)
    assert "budgets" in excinfo.value.message_dict
    assert not PolicyTask.objects.exists()
    assert not TaskBudget.objects.exists()


def test_task_needs_a_code_and_a_title(area, office_staff, department):
    with pytest.raises(ValidationError) as excinfo:
        services.task_save(area=area, actor=office_staff, code=" ", title="", responsible_department=department)
    assert {"code", "title"} <= set(excinfo.value.message_dict)


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_saves_tasks(users, area, department, role):
    with pytest.raises(PermissionDenied):
        services.task_save(
            area=area, actor=users[role], code="1-01", title="공무원 인권교육 의무화", responsible_department=department
        )
    assert not PolicyTask.objects.exists()
