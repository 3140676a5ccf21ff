"""The follow-ups API: a task's follow-ups (read by anyone who sees the task), linking (the office),
undoing a link, bad input, the task detail's ``follow_ups``, query counts."""

import pytest

from humanrights_portal.core.models import AuditEvent
from plans import services
from plans.models import FollowUp
from tests.factories import complaint_in_status
from tests.plans.test_follow_ups import world  # noqa: F401

pytestmark = pytest.mark.django_db

API = "/api/v1"
NOT_OFFICE = ["official", "other_official", "ombudsman", "committee_member", "administrator", "user_without_role"]
CASE_VIEWERS = {"office_staff", "ombudsman", "committee_member"}


def _url(task):
    return f"{API}/tasks/{task.pk}/follow-ups/"


@pytest.fixture
def linked(world):  # noqa: F811
    world["by_recommendation"] = services.follow_up_link(
        task=world["task"], actor=world["office"], recommendation=world["recommendation"], note="면회 개선"
    )
    world["by_finding"] = services.follow_up_link(task=world["task"], actor=world["office"], finding=world["finding"])
    return world


@pytest.mark.parametrize("role", [None, "office_staff", *NOT_OFFICE])
def test_anyone_reads_a_task_s_follow_ups_scoped_to_what_they_may_see(api_client_for, linked, role):
    response = api_client_for(role).get(_url(linked["task"]))
    assert response.status_code == 200
    rows = response.json()
    staff = role not in (None, "user_without_role")
    assert [row["id"] for row in rows] == (
        [linked["by_recommendation"].pk, linked["by_finding"].pk] if staff else [linked["by_recommendation"].pk]
    )
    recommendation = rows[0]["recommendation"]
    assert recommendation["text"] == linked["recommendation"].text
    assert rows[0]["finding"] is None
    assert recommendation["receipt_code"] == (linked["case"].receipt_code if role in CASE_VIEWERS else None)
    assert rows[0]["task"] == {"id": linked["task"].pk, "code": "1-01", "title": linked["task"].title}
    if staff:
        assert rows[1]["finding"]["assessment_code"] == linked["assessment"].code


def test_follow_ups_of_an_unknown_or_draft_task_are_404_for_the_public(api_client_for, world):  # noqa: F811
    assert api_client_for(None).get(f"{API}/tasks/999999/follow-ups/").status_code == 404
    assert api_client_for(None).get(_url(world["draft_task"])).status_code == 404
    assert api_client_for("official").get(_url(world["draft_task"])).status_code == 200


def test_the_task_detail_carries_its_follow_ups(api_client_for, linked):
    body = api_client_for(None).get(f"{API}/tasks/{linked['task'].pk}/").json()
    assert [row["id"] for row in body["follow_ups"]] == [linked["by_recommendation"].pk]
    assert body["follow_ups"][0]["receipt_code"] is None
    assert body["follow_ups"][0]["note"] == "면회 개선"
    staff = api_client_for("committee_member").get(f"{API}/tasks/{linked['task'].pk}/").json()
    assert [row["id"] for row in staff["follow_ups"]] == [linked["by_recommendation"].pk, linked["by_finding"].pk]
    assert staff["follow_ups"][0]["receipt_code"] == linked["case"].receipt_code


def test_office_links_a_recommendation_and_a_finding(api_client_for, world):  # noqa: F811
    api = api_client_for("office_staff")
    response = api.post(
        _url(world["task"]), {"recommendation": world["recommendation"].pk, "note": "메모"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["recommendation"]["id"] == world["recommendation"].pk
    assert response.json()["note"] == "메모"
    response = api.post(_url(world["other_task"]), {"finding": world["finding"].pk}, format="json")
    assert response.status_code == 201
    assert response.json()["finding"]["number"] == 1
    assert world["other_task"] in world["assessment"].related_tasks.all()
    assert AuditEvent.objects.filter(action="plan.follow_up.link").count() == 2


@pytest.mark.parametrize("role", [None, *NOT_OFFICE])
def test_only_the_office_links_and_unlinks(api_client_for, linked, role):
    api = api_client_for(role)
    response = api.post(_url(linked["other_task"]), {"finding": linked["finding"].pk}, format="json")
    assert response.status_code in (401, 403)
    response = api.delete(f"{API}/follow-ups/{linked['by_finding'].pk}/")
    assert response.status_code in (401, 403)
    assert FollowUp.objects.count() == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "non_field_errors"),
        ({"recommendation": 1, "finding": 1}, "non_field_errors"),
        ({"recommendation": "abc"}, "recommendation"),
        ({"finding": 0}, "finding"),
        ({"recommendation": 999999}, "recommendation"),
        ({"finding": 999999}, "finding"),
        ({"finding": 1, "note": "x" * 2001}, "note"),
    ],
)
def test_bad_input_is_400_with_field_errors(api_client_for, world, body, field):  # noqa: F811
    response = api_client_for("office_staff").post(_url(world["task"]), body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not FollowUp.objects.exists()


def test_a_duplicate_link_is_400_on_the_task(api_client_for, linked):
    response = api_client_for("office_staff").post(
        _url(linked["task"]), {"recommendation": linked["recommendation"].pk}, format="json"
    )
    assert response.status_code == 400
    assert "task" in response.json()


def test_linking_a_task_of_a_completed_plan_is_400(api_client_for, world):  # noqa: F811
    services.plan_complete(plan=world["plan"], actor=world["office"])
    response = api_client_for("office_staff").post(_url(world["task"]), {"finding": world["finding"].pk}, format="json")
    assert response.status_code == 400
    assert "task" in response.json()


def test_office_unlinks(api_client_for, linked):
    api = api_client_for("office_staff")
    assert api.delete(f"{API}/follow-ups/{linked['by_finding'].pk}/").status_code == 204
    assert list(FollowUp.objects.all()) == [linked["by_recommendation"]]
    assert api.delete(f"{API}/follow-ups/{linked['by_finding'].pk}/").status_code == 404
    assert api.delete(f"{API}/follow-ups/abc/").status_code == 404


def test_query_count_does_not_grow_with_follow_ups(api_client_for, world, users, django_assert_num_queries):  # noqa: F811
    api = api_client_for("committee_member")
    api.get(_url(world["task"]))  # the user's roles are read once
    with django_assert_num_queries(2):  # the task, its follow-ups
        api.get(_url(world["task"]))
    for _ in range(3):
        case = complaint_in_status("recommendation_issued", actor=users["ombudsman"])
        services.follow_up_link(task=world["task"], actor=world["office"], recommendation=case.recommendations.get())
    services.follow_up_link(task=world["task"], actor=world["office"], finding=world["finding"])
    with django_assert_num_queries(2):
        assert len(api.get(_url(world["task"])).json()) == 4
