"""Plan and task pages: who sees what, the roll-ups, the office's forms, bad input, query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from humanrights_portal.core.models import SdgTarget, VulnerableGroup
from plans import services
from plans.models import AnnualRecord, BasePlan, PlanArea, PlanStatus, PolicyTask, TaskBudget

pytestmark = pytest.mark.django_db

ROLES = ["official", "other_official", "office_staff", "committee_member", "ombudsman", "administrator"]
NOT_OFFICE = ["official", "other_official", "committee_member", "ombudsman", "administrator", "user_without_role"]
TODAY = timezone.localdate()


@pytest.fixture
def client_for(client_for, settings):
    """The conftest's ``client_for``, reading the pages in English (the strings these tests look for)."""

    def make(name):
        client = client_for(name)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


def _plan(office, *, title="제2차 광주광역시 인권증진 기본계획", start=2018, end=2022):
    return services.plan_create(
        actor=office,
        title=title,
        organisation="광주광역시",
        start_year=start,
        end_year=end,
        vision="함께 누리는 인권도시 광주",
        drafting_process="시민 설문조사와 전문가 간담회",
    )


def _task(area, office, department, code, **extra):
    return services.task_save(
        area=area,
        actor=office,
        code=code,
        title=f"과제 {code}",
        responsible_department=department,
        budgets={area.plan.start_year + 1: 10_000_000},
        **extra,
    )


def _fill(record, office, *, status, progress, executed=0, submit=True, confirm=False):
    record = services.record_save(
        record=record,
        actor=office,
        progress_status=status,
        progress=progress,
        budget_executed=executed,
        narrative=f"{record.task.code} 추진 실적",
    )
    if submit:
        record = services.record_submit(record=record, actor=office)
    if confirm:
        record = services.record_confirm(record=record, actor=office, comment="사무국 확인 의견")
    return record


@pytest.fixture
def world(users, department, other_department):
    """An adopted plan: 3 tasks, 2019 round: 1 completed and confirmed, 1 delayed and submitted, 1 without record."""
    office = users["office_staff"]
    plan = _plan(office)
    area1 = services.area_save(plan=plan, actor=office, number=1, title="사회적 소수자 인권 증진")
    area2 = services.area_save(plan=plan, actor=office, number=2, title="인권 행정 체계")
    done = _task(area1, office, department, "1-1")
    late = _task(area1, office, other_department, "1-2")
    plan = services.plan_adopt(plan=plan, actor=office, adopted_on=datetime.date(2018, 3, 2))
    services.reporting_round_open(plan=plan, year=2019, due_on=datetime.date(2020, 1, 31), actor=office)
    _fill(done.records.get(), office, status="completed", progress=100, executed=9_500_000, confirm=True)
    _fill(late.records.get(), office, status="delayed", progress=40, executed=2_000_000)
    missing = _task(area2, office, department, "2-1")  # added after the round: no record
    draft = _plan(office, title="제3차 인권증진 기본계획(안)", start=2023, end=2027)
    draft_area = services.area_save(plan=draft, actor=office, number=1, title="초안 분야")
    draft_task = _task(draft_area, office, department, "D-1")
    return {
        "plan": plan,
        "area": area1,
        "done": done,
        "late": late,
        "missing": missing,
        "draft": draft,
        "draft_task": draft_task,
    }


def _urls(world):
    plan, task = world["plan"], world["done"]
    return {
        "plan-list": reverse("plans:plan-list"),
        "plan-detail": reverse("plans:plan-detail", args=[plan.pk]),
        "task-list": reverse("plans:task-list"),
        "task-detail": reverse("plans:task-detail", args=[task.pk]),
        "plan-create": reverse("plans:plan-create"),
        "plan-edit": reverse("plans:plan-edit", args=[plan.pk]),
        "area-create": reverse("plans:area-create", args=[plan.pk]),
        "area-edit": reverse("plans:area-edit", args=[world["area"].pk]),
        "task-create": reverse("plans:task-create", args=[plan.pk]),
        "task-edit": reverse("plans:task-edit", args=[task.pk]),
        "plan-adopt": reverse("plans:plan-adopt", args=[world["draft"].pk]),
        "plan-complete": reverse("plans:plan-complete", args=[plan.pk]),
    }


PUBLIC_PAGES = ["plan-list", "plan-detail", "task-list", "task-detail"]
OFFICE_FORMS = ["plan-create", "plan-edit", "area-create", "area-edit", "task-create", "task-edit"]
ACTIONS = ["plan-adopt", "plan-complete"]


# ---------------------------------------------------------------- permissions


@pytest.mark.parametrize("role", [None, *ROLES, "user_without_role"])
@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_pages_for_everyone(client_for, world, role, page):
    assert client_for(role).get(_urls(world)[page]).status_code == 200


@pytest.mark.parametrize("page", OFFICE_FORMS + ACTIONS)
def test_anonymous_is_sent_to_login(client, world, page):
    url = _urls(world)[page]
    response = client.post(url) if page in ACTIONS else client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", NOT_OFFICE)
@pytest.mark.parametrize("page", OFFICE_FORMS)
def test_only_the_office_opens_the_forms(client_for, world, role, page):
    client = client_for(role)
    assert client.get(_urls(world)[page]).status_code == 403
    assert client.post(_urls(world)[page], {"title": "x", "code": "x"}).status_code == 403


@pytest.mark.parametrize("role", NOT_OFFICE)
@pytest.mark.parametrize("page", ACTIONS)
def test_only_the_office_adopts_and_completes(client_for, world, role, page):
    response = client_for(role).post(_urls(world)[page], {"adopt-adopted_on": "2023-01-05"})
    assert response.status_code == 403
    assert BasePlan.objects.get(pk=world["draft"].pk).status == PlanStatus.DRAFT
    assert BasePlan.objects.get(pk=world["plan"].pk).status == PlanStatus.ADOPTED


@pytest.mark.parametrize("page", OFFICE_FORMS)
def test_office_opens_every_form(client_for, world, page):
    assert client_for("office_staff").get(_urls(world)[page]).status_code == 200


@pytest.mark.parametrize("page", ACTIONS)
def test_actions_are_post_only(client_for, world, page):
    assert client_for("office_staff").get(_urls(world)[page]).status_code == 405


def test_unknown_objects_give_404(client_for, world):
    client = client_for("office_staff")
    assert client.get(reverse("plans:plan-detail", args=[999999])).status_code == 404
    assert client.get(reverse("plans:task-detail", args=[999999])).status_code == 404
    assert client.get(reverse("plans:area-edit", args=[999999])).status_code == 404
    assert client.get(reverse("plans:task-edit", args=[999999])).status_code == 404
    assert client.post(reverse("plans:plan-adopt", args=[999999])).status_code == 404


# ---------------------------------------------------------------- drafts and what the public sees


def test_public_sees_adopted_plans_only(client_for, world):
    client = client_for(None)
    html = client.get(reverse("plans:plan-list")).content.decode()
    assert world["plan"].title in html
    assert world["draft"].title not in html
    assert client.get(reverse("plans:plan-detail", args=[world["draft"].pk])).status_code == 404
    assert client.get(reverse("plans:task-detail", args=[world["draft_task"].pk])).status_code == 404
    assert "D-1" not in client.get(reverse("plans:task-list")).content.decode()
    assert "New plan" not in html


@pytest.mark.parametrize("role", ROLES)
def test_staff_see_drafts_marked_as_such(client_for, world, role):
    client = client_for(role)
    html = client.get(reverse("plans:plan-list")).content.decode()
    assert world["draft"].title in html
    assert 'data-plan-status="draft"' in html
    assert client.get(reverse("plans:plan-detail", args=[world["draft"].pk])).status_code == 200
    assert client.get(reverse("plans:task-detail", args=[world["draft_task"].pk])).status_code == 200
    assert ("New plan" in html) == (role == "office_staff")


def test_plan_list_shows_the_counts(client_for, world):
    html = client_for(None).get(reverse("plans:plan-list")).content.decode()
    row = html.split(f'data-plan="{world["plan"].pk}"', 1)[1].split("</tr>", 1)[0]
    assert "광주광역시" in row
    assert "2018\u20132022" in row  # en dash
    assert "2018-03-02" in row
    assert "<td>2</td>" in row  # areas
    assert "<td>3</td>" in row  # tasks


def test_plan_list_bad_filter_gives_400(client_for, world):
    response = client_for(None).get(reverse("plans:plan-list"), {"year": "abc", "status": "nonsense"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_year-error"' in html
    assert 'id="id_status-error"' in html


# ---------------------------------------------------------------- roll-ups


def _cell(html, table_id, key, column):
    table = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    row = table.split(f'data-key="{key}"', 1)[1].split("</tr>", 1)[0]
    return row.split(f'data-col="{column}">', 1)[1].split("<", 1)[0]


def test_public_roll_up_counts_confirmed_records_only(client_for, world):
    html = client_for(None).get(reverse("plans:plan-detail", args=[world["plan"].pk])).content.decode()
    assert "Progress in 2019" in html  # the latest year with records
    assert _cell(html, "progress-total", "total", "tasks") == "3"
    assert _cell(html, "progress-total", "total", "completed") == "1"
    assert _cell(html, "progress-total", "total", "delayed") == "0"
    assert _cell(html, "progress-total", "total", "completed_percent") == "33.3%"
    assert _cell(html, "progress-total", "total", "budget_planned") == "10,000,000"
    assert _cell(html, "progress-total", "total", "budget_executed") == "9,500,000"
    assert _cell(html, "progress-total", "total", "execution_percent") == "95.0%"
    area = world["area"].pk
    assert _cell(html, "progress-by-area", area, "tasks") == "2"
    assert _cell(html, "progress-by-area", area, "completed") == "1"
    department = world["late"].responsible_department_id
    assert _cell(html, "progress-by-department", department, "tasks") == "1"
    assert _cell(html, "progress-by-department", department, "delayed") == "0"
    assert "<caption>" in html
    assert 'scope="col"' in html
    assert 'scope="row"' in html
    assert "Edit the plan" not in html
    assert "Write a review opinion" not in html


def test_staff_roll_up_counts_submitted_records_too(client_for, world):
    html = client_for("committee_member").get(reverse("plans:plan-detail", args=[world["plan"].pk])).content.decode()
    assert _cell(html, "progress-total", "total", "tasks") == "3"
    assert _cell(html, "progress-total", "total", "completed") == "1"
    assert _cell(html, "progress-total", "total", "delayed") == "1"
    assert _cell(html, "progress-total", "total", "budget_planned") == "20,000,000"
    assert _cell(html, "progress-total", "total", "budget_executed") == "11,500,000"
    assert _cell(html, "progress-total", "total", "average_progress") == "70.0%"
    department = world["late"].responsible_department_id
    assert _cell(html, "progress-by-department", department, "delayed") == "1"
    assert f"{reverse('plans:opinion-create')}?plan={world['plan'].pk}" in html
    assert "Edit the plan" not in html


def test_office_gets_the_actions(client_for, world):
    plan = world["plan"]
    html = client_for("office_staff").get(reverse("plans:plan-detail", args=[plan.pk]), {"year": 2019}).content.decode()
    for url in [
        reverse("plans:plan-edit", args=[plan.pk]),
        reverse("plans:plan-complete", args=[plan.pk]),
        reverse("plans:area-create", args=[plan.pk]),
        reverse("plans:task-create", args=[plan.pk]),
        reverse("plans:task-import", args=[plan.pk]),
        reverse("plans:round-open", args=[plan.pk]),
        reverse("plans:annual-report-export", args=[plan.pk, 2019]),
        f"{reverse('plans:opinion-create')}?plan={plan.pk}",
    ]:
        assert url in html
    assert reverse("plans:plan-adopt", args=[plan.pk]) not in html  # adopted already
    draft_html = client_for("office_staff").get(reverse("plans:plan-detail", args=[world["draft"].pk])).content.decode()
    assert reverse("plans:plan-adopt", args=[world["draft"].pk]) in draft_html
    assert reverse("plans:plan-complete", args=[world["draft"].pk]) not in draft_html


def test_other_year_and_year_out_of_range(client_for, world):
    client = client_for(None)
    url = reverse("plans:plan-detail", args=[world["plan"].pk])
    html = client.get(url, {"year": 2020}).content.decode()
    assert "Progress in 2020" in html
    assert _cell(html, "progress-total", "total", "completed") == "0"
    for bad in ("2030", "abc", "2017"):
        response = client.get(url, {"year": bad})
        assert response.status_code == 400
        html = response.content.decode()
        assert 'id="id_year-error"' in html
        assert "progress-total" not in html


def test_plan_detail_lists_areas_and_tasks(client_for, world):
    html = client_for(None).get(reverse("plans:plan-detail", args=[world["plan"].pk])).content.decode()
    assert "사회적 소수자 인권 증진" in html
    assert "인권 행정 체계" in html
    assert world["done"].get_absolute_url() in html
    assert world["missing"].get_absolute_url() in html
    assert "Welfare and Health Bureau" in html


def test_plan_without_records_defaults_to_its_first_year(client_for, world):
    html = client_for("office_staff").get(reverse("plans:plan-detail", args=[world["draft"].pk])).content.decode()
    assert "Progress in 2023" in html


# ---------------------------------------------------------------- task pages


def test_task_detail_public_sees_confirmed_records_without_comments(client_for, world, users):
    office = users["office_staff"]
    services.reporting_round_open(plan=world["plan"], year=2020, due_on=datetime.date(2021, 1, 31), actor=office)
    url = reverse("plans:task-detail", args=[world["done"].pk])
    html = client_for(None).get(url).content.decode()
    assert 'id="record-2019"' in html
    assert 'id="record-2020"' not in html  # a draft
    assert "사무국 확인 의견" not in html
    assert "data-office-comment" not in html
    assert "10,000,000" in html
    assert "9,500,000" in html
    staff_html = client_for("official").get(url).content.decode()
    assert 'id="record-2020"' in staff_html
    assert "사무국 확인 의견" in staff_html
    assert "Confirmed" in staff_html
    assert reverse("plans:task-edit", args=[world["done"].pk]) not in staff_html
    office_html = client_for("office_staff").get(url).content.decode()
    assert reverse("plans:task-edit", args=[world["done"].pk]) in office_html
    assert "task=" in office_html


def test_task_detail_shows_links(client_for, world, users):
    group = VulnerableGroup.objects.active().first()
    target = SdgTarget.objects.get(code="5.2")
    services.task_save(
        task=world["late"],
        area=world["area"],
        actor=users["office_staff"],
        code="1-2",
        title="과제 1-2",
        responsible_department=world["late"].responsible_department,
        cooperating_departments=[world["done"].responsible_department],
        target_groups=[group],
        sdg_targets=[target],
    )
    html = client_for(None).get(reverse("plans:task-detail", args=[world["late"].pk])).content.decode()
    assert group.name in html
    assert "5.2" in html
    assert "Welfare and Health Bureau" in html  # co-operating department


def test_task_list_filters(client_for, world, department):
    client = client_for(None)
    html = client.get(reverse("plans:task-list"), {"department": "urban"}).content.decode()
    assert f'data-task="{world["late"].pk}"' in html
    assert f'data-task="{world["done"].pk}"' not in html
    html = client.get(reverse("plans:task-list"), {"plan": world["plan"].pk, "q": "2-1"}).content.decode()
    assert f'data-task="{world["missing"].pk}"' in html
    assert f'data-task="{world["done"].pk}"' not in html
    assert 'name="area"' in html
    response = client.get(reverse("plans:task-list"), {"department": "nowhere", "plan": "x"})
    assert response.status_code == 400
    assert 'id="id_department-error"' in response.content.decode()


def test_task_list_is_paginated(client_for, world, users, department):
    for number in range(30):
        _task(world["area"], users["office_staff"], department, f"9-{number:02d}")
    client = client_for(None)
    html = client.get(reverse("plans:task-list"), {"plan": world["plan"].pk}).content.decode()
    assert html.count("data-task=") == 25
    html = client.get(reverse("plans:task-list"), {"plan": world["plan"].pk, "page": 2}).content.decode()
    assert html.count("data-task=") == 8


# ---------------------------------------------------------------- the office's forms: success


def test_office_creates_and_edits_a_plan(client_for, world):
    client = client_for("office_staff")
    data = {
        "title": "울산광역시 인권증진 기본계획",
        "organisation": "울산광역시",
        "start_year": "2016",
        "end_year": "2020",
        "area_kind": "category",
        "vision": "",
        "drafting_process": "",
    }
    response = client.post(reverse("plans:plan-create"), data)
    assert response.status_code == 303
    plan = BasePlan.objects.get(title="울산광역시 인권증진 기본계획")
    assert response["Location"] == plan.get_absolute_url()
    assert plan.status == PlanStatus.DRAFT
    response = client.post(reverse("plans:plan-edit", args=[plan.pk]), {**data, "vision": "인권도시 울산"})
    assert response.status_code == 303
    plan.refresh_from_db()
    assert plan.vision == "인권도시 울산"
    assert "The plan has been saved." in client.get(response["Location"]).content.decode()


def test_office_adopts_and_completes(client_for, world):
    client = client_for("office_staff")
    draft = world["draft"]
    response = client.post(reverse("plans:plan-adopt", args=[draft.pk]), {"adopt-adopted_on": str(TODAY)})
    assert response.status_code == 303
    draft.refresh_from_db()
    assert draft.status == PlanStatus.ADOPTED
    assert draft.adopted_on == TODAY
    assert client.post(reverse("plans:plan-complete", args=[draft.pk])).status_code == 303
    draft.refresh_from_db()
    assert draft.status == PlanStatus.COMPLETED
    response = client.post(reverse("plans:plan-complete", args=[draft.pk]))
    assert response.status_code == 400
    assert "Only an adopted plan can be completed." in response.content.decode()
    response = client.post(reverse("plans:plan-adopt", args=[draft.pk]), {"adopt-adopted_on": str(TODAY)})
    assert response.status_code == 400
    assert "Only a draft plan can be adopted." in response.content.decode()


def test_office_adds_and_edits_an_area(client_for, world):
    client = client_for("office_staff")
    plan = world["plan"]
    response = client.post(reverse("plans:area-create", args=[plan.pk]), {"number": "3", "title": "인권 공동체 문화"})
    assert response.status_code == 303
    area = plan.areas.get(number=3)
    response = client.post(reverse("plans:area-edit", args=[area.pk]), {"number": "4", "title": "인권 공동체"})
    assert response.status_code == 303
    area.refresh_from_db()
    assert (area.number, area.title) == (4, "인권 공동체")
    assert plan.areas.count() == 3


def test_office_adds_and_edits_a_task(client_for, world, department, other_department):
    client = client_for("office_staff")
    plan = world["plan"]
    group = VulnerableGroup.objects.active().first()
    targets = list(SdgTarget.objects.filter(code__in=["5.2", "16.b"]))
    page = client.get(reverse("plans:task-create", args=[plan.pk]), {"area": world["area"].pk}).content.decode()
    for year in plan.years:
        assert f'name="budget_{year}"' in page
    assert 'size="8"' in page
    data = {
        "area": world["area"].pk,
        "code": "1-3",
        "title": "장애인 이동권 보장",
        "description": "",
        "responsible_department": department.pk,
        "cooperating_departments": [other_department.pk],
        "target_groups": [group.pk],
        "sdg_targets": [target.pk for target in targets],
        "order": "3",
        "budget_2019": "5000000",
        "budget_2020": "6000000",
    }
    response = client.post(reverse("plans:task-create", args=[plan.pk]), data)
    assert response.status_code == 303
    task = PolicyTask.objects.get(code="1-3")
    assert response["Location"] == task.get_absolute_url()
    assert {b.year: b.planned_amount for b in task.budgets.all()} == {2019: 5_000_000, 2020: 6_000_000}
    assert list(task.cooperating_departments.all()) == [other_department]
    assert task.sdg_targets.count() == 2
    edit_page = client.get(reverse("plans:task-edit", args=[task.pk])).content.decode()
    assert 'value="5000000"' in edit_page
    response = client.post(
        reverse("plans:task-edit", args=[task.pk]), {**data, "title": "장애인 이동권", "budget_2020": ""}
    )
    assert response.status_code == 303
    task.refresh_from_db()
    assert task.title == "장애인 이동권"
    assert list(TaskBudget.objects.filter(task=task).values_list("year", flat=True)) == [2019]


# ---------------------------------------------------------------- the office's forms: bad input


def test_plan_end_before_start(client_for, world):
    client = client_for("office_staff")
    data = {"title": "잘못된 계획", "organisation": "광주광역시", "start_year": "2022", "end_year": "2018"}
    data["area_kind"] = "area"
    response = client.post(reverse("plans:plan-create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_end_year-error"' in html
    assert 'value="잘못된 계획"' in html
    assert 'value="2018"' in html
    assert not BasePlan.objects.filter(title="잘못된 계획").exists()
    response = client.post(reverse("plans:plan-edit", args=[world["plan"].pk]), {**data, "title": "수정"})
    assert response.status_code == 400
    assert 'id="id_end_year-error"' in response.content.decode()
    assert BasePlan.objects.get(pk=world["plan"].pk).end_year == 2022


def test_plan_form_missing_and_bad_values(client_for, world):
    response = client_for("office_staff").post(reverse("plans:plan-create"), {"start_year": "abc", "area_kind": "x"})
    assert response.status_code == 400
    html = response.content.decode()
    for field in ("title", "organisation", "start_year", "end_year", "area_kind"):
        assert f'id="id_{field}-error"' in html
    assert 'value="abc"' in html


def test_adoption_date_in_the_future(client_for, world):
    draft = world["draft"]
    future = TODAY + datetime.timedelta(days=3)
    response = client_for("office_staff").post(
        reverse("plans:plan-adopt", args=[draft.pk]), {"adopt-adopted_on": str(future)}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_adopt-adopted_on-error"' in html
    assert "The adoption date cannot be in the future." in html
    assert f'value="{future:%Y-%m-%d}"' in html
    assert BasePlan.objects.get(pk=draft.pk).status == PlanStatus.DRAFT
    response = client_for("office_staff").post(reverse("plans:plan-adopt", args=[draft.pk]), {"adopt-adopted_on": "x"})
    assert response.status_code == 400
    assert 'id="id_adopt-adopted_on-error"' in response.content.decode()


def test_duplicate_area_number(client_for, world):
    client = client_for("office_staff")
    plan = world["plan"]
    response = client.post(reverse("plans:area-create", args=[plan.pk]), {"number": "1", "title": "중복 분야"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_number-error"' in html
    assert 'value="중복 분야"' in html
    assert PlanArea.objects.get(plan=plan, number=1).title == "사회적 소수자 인권 증진"
    response = client.post(reverse("plans:area-edit", args=[world["area"].pk]), {"number": "2", "title": "바뀐 분야"})
    assert response.status_code == 400
    assert 'id="id_number-error"' in response.content.decode()
    assert PlanArea.objects.get(pk=world["area"].pk).title == "사회적 소수자 인권 증진"


def _task_data(world, department, **overrides):
    data = {
        "area": world["area"].pk,
        "code": "1-9",
        "title": "새 과제 제목",
        "responsible_department": department.pk,
        "order": "0",
        "budget_2019": "1000",
    }
    data.update(overrides)
    return data


def test_duplicate_task_code(client_for, world, department):
    response = client_for("office_staff").post(
        reverse("plans:task-create", args=[world["plan"].pk]), _task_data(world, department, code="2-1")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_code-error"' in html
    assert "Another task of this plan already has this code." in html
    assert 'value="새 과제 제목"' in html
    assert 'value="1000"' in html
    assert PolicyTask.objects.filter(code="2-1").count() == 1


def test_duplicate_task_code_on_edit(client_for, world, department):
    task = world["done"]
    response = client_for("office_staff").post(
        reverse("plans:task-edit", args=[task.pk]), _task_data(world, department, code="1-2")
    )
    assert response.status_code == 400
    assert 'id="id_code-error"' in response.content.decode()
    assert PolicyTask.objects.get(pk=task.pk).code == "1-1"


def test_negative_budget(client_for, world, department):
    response = client_for("office_staff").post(
        reverse("plans:task-create", args=[world["plan"].pk]), _task_data(world, department, budget_2020="-5")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_budget_2020-error"' in html
    assert 'value="-5"' in html
    assert not PolicyTask.objects.filter(code="1-9").exists()


def test_budget_year_outside_the_period(client_for, world, department):
    response = client_for("office_staff").post(
        reverse("plans:task-create", args=[world["plan"].pk]), _task_data(world, department, budget_2030="700")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_budget_2030-error"' in html
    assert "2030 is outside the plan&#x27;s period." in html
    assert 'value="700"' in html
    assert not PolicyTask.objects.filter(code="1-9").exists()


def test_task_in_an_area_of_another_plan(client_for, world, department):
    other_area = world["draft"].areas.get()
    response = client_for("office_staff").post(
        reverse("plans:task-create", args=[world["plan"].pk]), _task_data(world, department, area=other_area.pk)
    )
    assert response.status_code == 400
    assert 'id="id_area-error"' in response.content.decode()


# ---------------------------------------------------------------- query counts


def _queries(client, django_assert_num_queries, url, count, params=None):
    client.get(url, params or {})  # warm caches (content types, sessions)
    with django_assert_num_queries(count):
        assert client.get(url, params or {}).status_code == 200


@pytest.mark.parametrize("plans", [2, 12])
def test_plan_list_query_count(client_for, users, django_assert_num_queries, department, plans):
    office = users["office_staff"]
    for number in range(plans):
        plan = _plan(office, title=f"계획 {number}")
        area = services.area_save(plan=plan, actor=office, number=1, title="분야")
        _task(area, office, department, "1-1")
        plan = services.plan_adopt(plan=plan, actor=office, adopted_on=datetime.date(2018, 3, 2))
    # count, page
    _queries(client_for(None), django_assert_num_queries, reverse("plans:plan-list"), 2)
    # session, user with roles, count, page
    _queries(
        client_for("office_staff"), django_assert_num_queries, reverse("plans:plan-list"), 4, {"status": "adopted"}
    )


@pytest.mark.parametrize("tasks", [3, 30])
def test_plan_detail_query_count(client_for, users, django_assert_num_queries, department, other_department, tasks):
    office = users["office_staff"]
    plan = _plan(office)
    areas = [services.area_save(plan=plan, actor=office, number=n, title=f"분야 {n}") for n in (1, 2, 3)]
    for number in range(tasks):
        _task(areas[number % 3], office, (department, other_department)[number % 2], f"{number % 3}-{number}")
    plan = services.plan_adopt(plan=plan, actor=office, adopted_on=datetime.date(2018, 3, 2))
    services.reporting_round_open(plan=plan, year=2019, due_on=datetime.date(2020, 1, 31), actor=office)
    url = reverse("plans:plan-detail", args=[plan.pk])
    # plan, areas, latest year, 4 roll-up queries, tasks
    _queries(client_for(None), django_assert_num_queries, url, 8)
    # + session, user with roles; the year given: no look-up of the latest year
    _queries(client_for("office_staff"), django_assert_num_queries, url, 9, {"year": 2019})


@pytest.mark.parametrize("tasks", [3, 30])
def test_task_list_query_count(client_for, world, users, department, django_assert_num_queries, tasks):
    for number in range(tasks):
        _task(world["area"], users["office_staff"], department, f"8-{number:02d}")
    url = reverse("plans:task-list")
    # plans, departments, groups, count, page
    _queries(client_for(None), django_assert_num_queries, url, 5)
    # + areas of the chosen plan, the department looked up by the form and by the selector's filter
    _queries(client_for(None), django_assert_num_queries, url, 8, {"plan": world["plan"].pk, "department": "welfare"})


@pytest.mark.parametrize("years", [1, 5])
def test_task_detail_query_count(client_for, users, department, django_assert_num_queries, years):
    office = users["office_staff"]
    plan = _plan(office)
    area = services.area_save(plan=plan, actor=office, number=1, title="분야")
    task = _task(area, office, department, "1-1")
    plan = services.plan_adopt(plan=plan, actor=office, adopted_on=datetime.date(2018, 3, 2))
    for year in range(2018, 2018 + years):
        services.reporting_round_open(plan=plan, year=year, due_on=datetime.date(year + 1, 1, 31), actor=office)
        _fill(task.records.get(year=year), office, status="on_track", progress=50, confirm=True)
    assert AnnualRecord.objects.filter(task=task).count() == years
    url = reverse("plans:task-detail", args=[task.pk])
    # task, co-operating departments, groups, SDG targets, budgets, records
    _queries(client_for(None), django_assert_num_queries, url, 7)  # task, links, budgets, records and their evidence
    _queries(client_for("official"), django_assert_num_queries, url, 9)
