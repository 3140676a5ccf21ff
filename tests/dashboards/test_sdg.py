"""The SDG browse pages: the 17 goals with their linked tasks and indicators, a goal's targets."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from humanrights_portal.core.models import SdgTarget
from plans import services
from plans.models import AnnualRecord
from tests.factories import (
    area_of,
    indicator_framework,
    indicator_of,
    plan_adopted,
    plan_draft,
    record_in_state,
    task_of,
)

pytestmark = pytest.mark.django_db

ROLES = [None, "official", "other_official", "office_staff", "ombudsman", "committee_member", "administrator"]


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def targets(*codes):
    return list(SdgTarget.objects.filter(code__in=codes))


@pytest.fixture
def sdg_world(users, department):
    """Goal 5: a task of an adopted plan (5.1 and 5.2, a confirmed 2019 record), a draft plan's task
    (5.2), an indicator (5.1 and 16.1)."""
    office = users["office_staff"]
    plan = plan_adopted(actor=office)
    area = area_of(plan, actor=office)
    task = task_of(area, actor=office, department=department, code="1-01", title="성평등 교육",
                   sdg_targets=targets("5.1", "5.2"))  # fmt: skip
    task_of(area, actor=office, department=department, code="1-02", title="다른 과제")
    services.reporting_round_open(plan=plan, year=2019, due_on=datetime.date(2020, 2, 28), actor=office)
    record_in_state(AnnualRecord.objects.get(task=task, year=2019), "confirmed", office=office)
    draft_area = area_of(plan_draft(actor=office, title="초안", start_year=2023, end_year=2027), actor=office)
    draft_task = task_of(draft_area, actor=office, department=department, code="9-01", title="초안 과제",
                         sdg_targets=targets("5.2"))  # fmt: skip
    indicator = indicator_of(indicator_framework(actor=office), actor=office, code="1-01", name_en="Women in office",
                             sdg_targets=targets("5.1", "16.1"))  # fmt: skip
    return {"task": task, "draft_task": draft_task, "indicator": indicator}


@pytest.mark.parametrize("role", [*ROLES, "user_without_role"])
def test_goal_list_counts_the_linked_tasks_and_indicators(client_for, sdg_world, role):
    response = client_for(role).get(reverse("dashboards:sdg-list"))
    assert response.status_code == 200
    goals = {goal.number: goal for goal in response.context["goals"]}
    assert len(goals) == 17
    assert (goals[5].task_count, goals[5].indicator_count) == (1, 1)  # the draft plan's task never counts
    assert (goals[16].task_count, goals[16].indicator_count) == (0, 1)
    assert (goals[1].task_count, goals[1].indicator_count) == (0, 0)
    html = response.content.decode()
    assert reverse("dashboards:sdg-detail", args=[5]) in html
    assert "<caption>" in html


def test_goal_list_is_one_query(client, sdg_world, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert client.get(reverse("dashboards:sdg-list")).status_code == 200


@pytest.mark.parametrize("role", [*ROLES, "user_without_role"])
def test_goal_page_lists_targets_with_their_tasks_and_indicators(client_for, sdg_world, role):
    response = client_for(role).get(reverse("dashboards:sdg-detail", args=[5]))
    assert response.status_code == 200
    detail = response.context["detail"]
    assert len(detail.targets) == 9
    assert (detail.task_count, detail.indicator_count) == (1, 1)
    by_code = {row.target.code: row for row in detail.targets}
    assert [link.policytask for link in by_code["5.2"].tasks] == [sdg_world["task"]]
    assert [link.indicator for link in by_code["5.1"].indicators] == [sdg_world["indicator"]]
    html = response.content.decode()
    assert sdg_world["task"].get_absolute_url() in html
    assert "2019: On track" in html
    assert sdg_world["draft_task"].get_absolute_url() not in html
    assert reverse("indicators:indicator-detail", args=[sdg_world["indicator"].pk]) in html
    assert "Women in office" in html
    assert "No data" in html


def test_goal_page_status_is_the_latest_record_the_user_may_see(client_for, users, department):
    office = users["office_staff"]
    plan = plan_adopted(actor=office)
    task = task_of(area_of(plan, actor=office), actor=office, department=department, sdg_targets=targets("4.7"))
    services.reporting_round_open(plan=plan, year=2019, due_on=datetime.date(2020, 2, 28), actor=office)
    record_in_state(AnnualRecord.objects.get(task=task, year=2019), "submitted", office=office)
    url = reverse("dashboards:sdg-detail", args=[4])
    assert "2019: On track" in client_for("committee_member").get(url).content.decode()
    assert "No annual record yet" in client_for(None).get(url).content.decode()


@pytest.mark.parametrize("number", [0, 18, 99999])
def test_unknown_goals_are_404(client, number):
    assert client.get(f"/sdgs/{number}/").status_code == 404


def test_goal_page_query_count_does_not_grow(client, users, department, sdg_world, django_assert_num_queries):
    url = reverse("dashboards:sdg-detail", args=[5])
    with django_assert_num_queries(4):  # goal, targets, task links, indicator links
        client.get(url)
    office = users["office_staff"]
    area = sdg_world["task"].area
    for number in range(3, 8):
        task_of(area, actor=office, department=department, code=f"1-{number:02d}", sdg_targets=targets("5.3", "5.5"))
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200
