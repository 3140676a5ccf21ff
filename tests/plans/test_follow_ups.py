"""The closed loop: recommendations and findings followed up by plan tasks — services, pages, links."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from humanrights_portal.core.models import AuditEvent
from plans import services
from plans.models import AnnualRecord, FollowUp, PolicyTask
from tests.factories import (
    area_of,
    assessment_in_status,
    checklist_published,
    complaint_in_status,
    plan_adopted,
    plan_draft,
    record_in_state,
    task_of,
)

pytestmark = pytest.mark.django_db

ROLES = ["official", "other_official", "office_staff", "ombudsman", "committee_member", "administrator"]
NOT_OFFICE = ["official", "other_official", "ombudsman", "committee_member", "administrator", "user_without_role"]
CASE_VIEWERS = {"office_staff", "ombudsman", "committee_member"}


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def world(users, department):
    """An adopted plan with two tasks (a confirmed 2019 record on the first), a draft plan's task,
    a case with a recommendation and an impact assessment with a finding."""
    office = users["office_staff"]
    plan = plan_adopted(actor=office)
    area = area_of(plan, actor=office, number=1, title="사회적 약자의 인권 증진")
    task = task_of(area, actor=office, department=department, code="1-01", title="요양시설 면회 제도 개선")
    other_task = task_of(area, actor=office, department=department, code="1-02", title="장애인 일자리 확대")
    services.reporting_round_open(plan=plan, year=2019, due_on=datetime.date(2020, 2, 28), actor=office)
    record_in_state(AnnualRecord.objects.get(task=task, year=2019), "confirmed", office=office)
    draft_area = area_of(plan_draft(actor=office, title="초안 계획", start_year=2023, end_year=2027), actor=office)
    draft_task = task_of(draft_area, actor=office, department=department, code="9-01")
    case = complaint_in_status("recommendation_issued", actor=users["ombudsman"])
    checklist_published(actor=office)
    assessment = assessment_in_status("findings_issued", office=office, department_official=users["official"])
    return {
        "office": office,
        "plan": plan,
        "area": area,
        "task": task,
        "other_task": other_task,
        "draft_task": draft_task,
        "case": case,
        "recommendation": case.recommendations.get(),
        "assessment": assessment,
        "finding": assessment.findings.get(),
    }


# ---------------------------------------------------------------- services


def test_office_links_a_task_to_a_recommendation_with_an_audit_record(world):
    follow_up = services.follow_up_link(
        task=world["task"], actor=world["office"], recommendation=world["recommendation"], note="면회 제도 개선"
    )
    assert follow_up.recommendation == world["recommendation"]
    assert follow_up.finding is None
    assert follow_up.note == "면회 제도 개선"
    assert follow_up.created_by == world["office"]
    event = AuditEvent.objects.get(action="plan.follow_up.link")
    assert event.actor == world["office"]
    assert event.target_id == str(follow_up.pk)
    assert event.changes["task"] == "1-01"
    assert event.changes["recommendation"] == world["recommendation"].pk


def test_a_finding_followed_up_makes_the_task_related_to_its_assessment(world):
    services.follow_up_link(task=world["task"], actor=world["office"], finding=world["finding"])
    assert list(world["assessment"].related_tasks.all()) == [world["task"]]


@pytest.mark.parametrize("sources", [{}, "both"])
def test_exactly_one_source(world, sources):
    if sources == "both":
        sources = {"recommendation": world["recommendation"], "finding": world["finding"]}
    with pytest.raises(ValidationError):
        services.follow_up_link(task=world["task"], actor=world["office"], **sources)
    with pytest.raises(ValidationError):
        services.follow_up_create_task(
            area=world["area"], actor=world["office"], code="1-09", title="새 과제",
            responsible_department=world["task"].responsible_department, **sources,
        )  # fmt: skip
    assert not FollowUp.objects.exists()
    assert not PolicyTask.objects.filter(code="1-09").exists()


def test_the_same_source_twice_on_a_task_is_refused(world):
    services.follow_up_link(task=world["task"], actor=world["office"], recommendation=world["recommendation"])
    with pytest.raises(ValidationError) as error:
        services.follow_up_link(task=world["task"], actor=world["office"], recommendation=world["recommendation"])
    assert "task" in error.value.message_dict
    # Another task may follow the same recommendation up.
    services.follow_up_link(task=world["other_task"], actor=world["office"], recommendation=world["recommendation"])
    assert FollowUp.objects.count() == 2


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_manages_follow_ups(world, users, role):
    with pytest.raises(PermissionDenied):
        services.follow_up_link(task=world["task"], actor=users[role], recommendation=world["recommendation"])
    with pytest.raises(PermissionDenied):
        services.follow_up_create_task(
            area=world["area"], actor=users[role], finding=world["finding"], code="1-09", title="새 과제",
            responsible_department=world["task"].responsible_department,
        )  # fmt: skip
    follow_up = services.follow_up_link(task=world["task"], actor=world["office"], finding=world["finding"])
    with pytest.raises(PermissionDenied):
        services.follow_up_unlink(follow_up=follow_up, actor=users[role])
    assert FollowUp.objects.count() == 1
    assert not PolicyTask.objects.filter(code="1-09").exists()


def test_a_completed_plan_takes_no_follow_up(world):
    plan = world["plan"]
    services.plan_complete(plan=plan, actor=world["office"])
    with pytest.raises(ValidationError) as error:
        services.follow_up_link(task=world["task"], actor=world["office"], recommendation=world["recommendation"])
    assert "task" in error.value.message_dict


def test_create_task_makes_the_task_and_the_link_in_one_transaction(world):
    follow_up = services.follow_up_create_task(
        area=world["area"], actor=world["office"], finding=world["finding"], note="조례 개정 지원",
        code="1-09", title="외국인 주민 지원 조례 개정", responsible_department=world["task"].responsible_department,
        description="권고 이행",
    )  # fmt: skip
    task = follow_up.task
    assert task.code == "1-09"
    assert task.area == world["area"]
    assert task.description == "권고 이행"
    assert follow_up.finding == world["finding"]
    assert follow_up.note == "조례 개정 지원"
    assert task in world["assessment"].related_tasks.all()
    assert {"plan.task.create", "plan.follow_up.link"} <= set(AuditEvent.objects.values_list("action", flat=True))
    # A task that cannot be saved (its code is taken) leaves nothing behind.
    with pytest.raises(ValidationError) as error:
        services.follow_up_create_task(
            area=world["area"], actor=world["office"], recommendation=world["recommendation"],
            code="1-09", title="중복", responsible_department=world["task"].responsible_department,
        )  # fmt: skip
    assert "code" in error.value.message_dict
    assert FollowUp.objects.count() == 1
    assert PolicyTask.objects.filter(code="1-09").count() == 1


def test_unlink_keeps_the_task_and_is_audited(world):
    follow_up = services.follow_up_link(
        task=world["task"], actor=world["office"], recommendation=world["recommendation"]
    )
    services.follow_up_unlink(follow_up=follow_up, actor=world["office"])
    assert not FollowUp.objects.exists()
    assert PolicyTask.objects.filter(pk=world["task"].pk).exists()
    event = AuditEvent.objects.get(action="plan.follow_up.unlink")
    assert event.changes["follow_up"] == follow_up.pk


# ---------------------------------------------------------------- the follow-up page


def _new_url(**query):
    return reverse("plans:follow-up-create") + "?" + "&".join(f"{key}={value}" for key, value in query.items())


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(_new_url(recommendation=world["recommendation"].pk))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_follow_up_page_is_the_office_s(client_for, world, role):
    client = client_for(role)
    assert client.get(_new_url(recommendation=world["recommendation"].pk)).status_code == 403
    assert client.post(_new_url(finding=world["finding"].pk), {"action": "link"}).status_code == 403
    follow_up = services.follow_up_link(task=world["task"], actor=world["office"], finding=world["finding"])
    assert client.post(reverse("plans:follow-up-delete", args=[follow_up.pk])).status_code == 403
    assert FollowUp.objects.count() == 1


def test_the_page_shows_the_source_its_tasks_and_the_search(client_for, world):
    services.follow_up_link(task=world["task"], actor=world["office"], recommendation=world["recommendation"])
    client = client_for("office_staff")
    response = client.get(_new_url(recommendation=world["recommendation"].pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert world["recommendation"].text in html
    assert world["case"].receipt_code in html
    assert "Tasks already following this up" in html
    assert "2019: On track" in html
    assert "장애인 일자리 확대" in html  # the search lists tasks of adopted plans
    assert world["draft_task"].title not in html.split("Link an existing task")[1]
    searched = client.get(_new_url(recommendation=world["recommendation"].pk, q="일자리")).content.decode()
    assert f'name="link-task" value="{world["other_task"].pk}"' in searched
    assert f'name="link-task" value="{world["task"].pk}"' not in searched
    finding_page = client.get(_new_url(finding=world["finding"].pk)).content.decode()
    assert world["finding"].recommendation in finding_page
    assert world["assessment"].code in finding_page


@pytest.mark.parametrize(
    "query",
    ["", "?recommendation=abc", "?finding=0", "?recommendation=1&finding=1", "?recommendation=99999", "?finding=99999"],
)
def test_bad_sources_are_400(client_for, world, query):
    client = client_for("office_staff")
    response = client.get(reverse("plans:follow-up-create") + query)
    assert response.status_code == 400
    assert "data-error-summary" in response.content.decode()
    assert client.post(reverse("plans:follow-up-create") + query, {"action": "link"}).status_code == 400


def test_link_an_existing_task(client_for, world):
    client = client_for("office_staff")
    response = client.post(
        _new_url(recommendation=world["recommendation"].pk),
        {"action": "link", "link-task": world["other_task"].pk, "link-note": "일자리 지원"},
    )
    assert response.status_code == 303
    assert response["Location"].endswith(world["other_task"].get_absolute_url() + "#why-title")
    follow_up = FollowUp.objects.get()
    assert follow_up.task == world["other_task"]
    assert follow_up.note == "일자리 지원"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"action": "link", "link-note": "메모 유지"}, "link-task"),
        ({"action": "link", "link-task": "999999", "link-note": "메모 유지"}, "link-task"),
        ({"action": "link", "link-task": "abc", "link-note": "메모 유지"}, "link-task"),
        ({"action": "unknown", "link-note": "메모 유지"}, None),
    ],
)
def test_bad_link_input_is_400_and_keeps_the_note(client_for, world, data, field):
    response = client_for("office_staff").post(_new_url(recommendation=world["recommendation"].pk), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "메모 유지" in html
    assert "data-error-summary" in html
    if field:
        assert f'id="id_{field}-error"' in html
    assert not FollowUp.objects.exists()


def test_a_draft_plan_task_cannot_be_linked_from_the_page(client_for, world):
    response = client_for("office_staff").post(
        _new_url(finding=world["finding"].pk), {"action": "link", "link-task": world["draft_task"].pk}
    )
    assert response.status_code == 400
    assert "Choose a task of an adopted plan." in response.content.decode()


def test_linking_twice_shows_the_service_error(client_for, world):
    services.follow_up_link(task=world["task"], actor=world["office"], finding=world["finding"])
    response = client_for("office_staff").post(
        _new_url(finding=world["finding"].pk), {"action": "link", "link-task": world["task"].pk}
    )
    assert response.status_code == 400
    assert "already follows up this finding" in response.content.decode()


def test_create_a_new_task(client_for, world):
    department = world["task"].responsible_department
    response = client_for("office_staff").post(
        _new_url(finding=world["finding"].pk),
        {
            "action": "create",
            "new-area": world["area"].pk,
            "new-code": "1-10",
            "new-title": "외국인 주민 지원 확대",
            "new-responsible_department": department.pk,
            "new-description": "",
            "new-note": "권고 이행",
        },
    )
    assert response.status_code == 303
    task = PolicyTask.objects.get(code="1-10")
    assert FollowUp.objects.get().task == task
    assert task in world["assessment"].related_tasks.all()


def test_bad_new_task_input_is_400_and_keeps_the_input(client_for, world):
    response = client_for("office_staff").post(
        _new_url(finding=world["finding"].pk),
        {"action": "create", "new-area": world["area"].pk, "new-code": "1-01", "new-title": "중복 코드 과제",
         "new-responsible_department": world["task"].responsible_department.pk},
    )  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert "중복 코드 과제" in html
    assert "Another task of this plan already has this code." in html
    missing = client_for("office_staff").post(
        _new_url(finding=world["finding"].pk), {"action": "create", "new-code": "1-11", "new-area": "x"}
    )
    assert missing.status_code == 400
    assert 'value="1-11"' in missing.content.decode()
    assert not FollowUp.objects.exists()


def test_office_removes_a_link_from_the_task_page(client_for, world):
    follow_up = services.follow_up_link(task=world["task"], actor=world["office"], finding=world["finding"])
    client = client_for("office_staff")
    assert (
        reverse("plans:follow-up-delete", args=[follow_up.pk])
        in client.get(world["task"].get_absolute_url()).content.decode()
    )
    response = client.post(reverse("plans:follow-up-delete", args=[follow_up.pk]))
    assert response.status_code == 303
    assert not FollowUp.objects.exists()
    assert client.post(reverse("plans:follow-up-delete", args=[follow_up.pk])).status_code == 404


# ---------------------------------------------------------------- the links on the task, case and assessment pages


@pytest.fixture
def linked(world):
    services.follow_up_link(task=world["task"], actor=world["office"], recommendation=world["recommendation"])
    services.follow_up_link(task=world["task"], actor=world["office"], finding=world["finding"])
    return world


@pytest.mark.parametrize("role", [None, *ROLES, "user_without_role"])
def test_task_page_says_why_the_task_exists(client_for, linked, role):
    html = client_for(role).get(linked["task"].get_absolute_url()).content.decode()
    assert "Why this task exists" in html
    assert linked["recommendation"].text in html
    case_url = reverse("ombudsman:case-detail", args=[linked["case"].receipt_code])
    assert (case_url in html) == (role in CASE_VIEWERS)
    assert (linked["case"].receipt_code in html) == (role in CASE_VIEWERS)
    # The finding's assessment is not closed: staff only.
    staff = role is not None and role != "user_without_role"
    assert (linked["finding"].finding in html) == staff
    assert (linked["assessment"].get_absolute_url() in html) == staff
    assert ("Remove this link" in html) == (role == "office_staff")


def test_task_page_lists_the_indicators_that_measure_it_with_their_status(client_for, world, users):
    from tests.factories import indicator_framework, indicator_of

    office = world["office"]
    indicator = indicator_of(indicator_framework(actor=office), actor=office, code="1-01", name_en="Visits allowed")
    services.task_save(
        task=world["task"], area=world["area"], actor=office, code="1-01", title=world["task"].title,
        responsible_department=world["task"].responsible_department, indicators=[indicator],
    )  # fmt: skip
    html = client_for(None).get(world["task"].get_absolute_url()).content.decode()
    assert reverse("indicators:indicator-detail", args=[indicator.pk]) in html
    assert "Visits allowed" in html
    assert "No data" in html


def test_task_page_query_count_does_not_grow_with_links(client_for, world, users):
    def count(role):
        client = client_for(role)
        client.get(world["task"].get_absolute_url())  # sessions and per-worker caches settle
        with CaptureQueriesContext(connection) as queries:
            assert client.get(world["task"].get_absolute_url()).status_code == 200
        return len(queries)

    before = {role: count(role) for role in (None, "office_staff")}
    services.follow_up_link(task=world["task"], actor=world["office"], recommendation=world["recommendation"])
    services.follow_up_link(task=world["task"], actor=world["office"], finding=world["finding"])
    other_case = complaint_in_status("recommendation_issued", actor=users["ombudsman"])
    services.follow_up_link(task=world["task"], actor=world["office"], recommendation=other_case.recommendations.get())
    assert {role: count(role) for role in (None, "office_staff")} == before


@pytest.mark.parametrize("role", ["office_staff", "ombudsman", "committee_member"])
def test_case_page_shows_the_follow_up_tasks_and_the_link_for_the_office(client_for, linked, role):
    html = client_for(role).get(linked["case"].get_absolute_url()).content.decode()
    assert "Followed up by plan tasks" in html
    assert linked["task"].get_absolute_url() in html
    assert "2019: On track" in html
    link = reverse("plans:follow-up-create") + f"?recommendation={linked['recommendation'].pk}"
    assert (link in html) == (role == "office_staff")


@pytest.mark.parametrize("role", ROLES)
def test_assessment_page_shows_the_follow_up_tasks_and_the_link_for_the_office(client_for, linked, role):
    html = client_for(role).get(linked["assessment"].get_absolute_url()).content.decode()
    assert linked["task"].get_absolute_url() in html
    link = reverse("plans:follow-up-create") + f"?finding={linked['finding'].pk}"
    assert (link in html) == (role == "office_staff")


def test_draft_plan_tasks_are_not_shown_to_the_public_on_a_closed_assessment(client, world, users):
    office = world["office"]
    closed = assessment_in_status(
        "closed", office=office, department_official=users["official"], committee_member=users["committee_member"]
    )
    finding = closed.findings.get()
    services.follow_up_link(task=world["draft_task"], actor=office, finding=finding)
    services.follow_up_link(task=world["task"], actor=office, finding=finding)
    html = client.get(closed.get_absolute_url()).content.decode()
    assert world["task"].get_absolute_url() in html
    assert world["draft_task"].get_absolute_url() not in html
    assert reverse("plans:follow-up-create") not in html
