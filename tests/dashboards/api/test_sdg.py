"""``/api/v1/sdg-goals/``: goals with their linked task and indicator counts; a goal with its targets' links."""

import pytest
from django.urls import include, path

from humanrights_portal.dashboards.api import sdg
from plans import services
from tests.dashboards.test_sdg import english, sdg_world, targets  # noqa: F401
from tests.factories import task_of

pytestmark = pytest.mark.django_db

ROLES = [None, "official", "other_official", "office_staff", "ombudsman", "committee_member", "administrator"]
API = "/api/v1"

# The goal list as this module serves it (the core app's reference list at the same path comes first
# in the portal's URLs until the lead retires it; this list is a superset of it).
urlpatterns = [path("api/v1/", include(sdg.urlpatterns))]


@pytest.mark.urls("tests.dashboards.api.test_sdg")
@pytest.mark.parametrize("role", [*ROLES, "user_without_role"])
def test_goal_list_with_counts(api_client_for, sdg_world, role):  # noqa: F811
    response = api_client_for(role).get(f"{API}/sdg-goals/")
    assert response.status_code == 200
    goals = {goal["number"]: goal for goal in response.json()}
    assert len(goals) == 17
    assert len(goals[5]["targets"]) == 9
    assert (goals[5]["task_count"], goals[5]["indicator_count"]) == (1, 1)
    assert (goals[16]["task_count"], goals[16]["indicator_count"]) == (0, 1)
    assert goals[5]["title"] == goals[5]["title_en"]


@pytest.mark.urls("tests.dashboards.api.test_sdg")
def test_goal_list_query_count_is_constant(api_client_for, sdg_world, users, department, django_assert_num_queries):  # noqa: F811
    api = api_client_for(None)
    with django_assert_num_queries(2):  # goals with counts, targets
        api.get(f"{API}/sdg-goals/")
    area = sdg_world["task"].area
    for number in range(3, 6):
        task_of(area, actor=users["office_staff"], department=department, code=f"1-{number:02d}",
                sdg_targets=targets("1.1", "16.1"))  # fmt: skip
    with django_assert_num_queries(2):
        body = api.get(f"{API}/sdg-goals/").json()
    assert body[0]["task_count"] == 3
    assert body[15]["task_count"] == 3


@pytest.mark.parametrize("role", [*ROLES, "user_without_role"])
def test_goal_detail(api_client_for, sdg_world, role):  # noqa: F811
    response = api_client_for(role).get(f"{API}/sdg-goals/5/")
    assert response.status_code == 200
    body = response.json()
    assert body["number"] == 5
    assert (body["task_count"], body["indicator_count"]) == (1, 1)
    by_code = {target["code"]: target for target in body["targets"]}
    assert len(by_code) == 9
    [task] = by_code["5.2"]["tasks"]
    assert task["id"] == sdg_world["task"].pk
    assert task["code"] == "1-01"
    assert (task["latest_year"], task["latest_status"], task["latest_status_label"]) == (2019, "on_track", "On track")
    [indicator] = by_code["5.1"]["indicators"]
    assert indicator["id"] == sdg_world["indicator"].pk
    assert indicator["status"] == "no_data"
    assert by_code["5.3"]["tasks"] == []
    assert by_code["5.3"]["indicators"] == []


def test_draft_plan_tasks_never_appear(api_client_for, sdg_world):  # noqa: F811
    body = api_client_for("office_staff").get(f"{API}/sdg-goals/5/").json()
    ids = {task["id"] for target in body["targets"] for task in target["tasks"]}
    assert sdg_world["draft_task"].pk not in ids


@pytest.mark.parametrize("number", ["0", "18", "abc", "-1"])
def test_unknown_goal_is_404(api_client_for, number):
    response = api_client_for(None).get(f"{API}/sdg-goals/{number}/")
    assert response.status_code == 404


def test_goal_detail_query_count_is_constant(api_client_for, sdg_world, users, department, django_assert_num_queries):  # noqa: F811
    api = api_client_for(None)
    with django_assert_num_queries(4):
        api.get(f"{API}/sdg-goals/5/")
    task = task_of(sdg_world["task"].area, actor=users["office_staff"], department=department, code="1-09",
                   sdg_targets=targets("5.4", "5.5", "5.6"))  # fmt: skip
    services.task_save(task=task, area=task.area, actor=users["office_staff"], code="1-09", title=task.title,
                       responsible_department=department, sdg_targets=targets("5.4", "5.5", "5.6", "5.c"))  # fmt: skip
    with django_assert_num_queries(4):
        body = api.get(f"{API}/sdg-goals/5/").json()
    assert body["task_count"] == 2
