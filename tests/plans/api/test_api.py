"""The plans REST API: permissions per endpoint and role, the reporting flow, bad input, roll-ups, queries."""

import datetime

import pytest

from humanrights_portal.core.models import AuditEvent
from plans import services
from plans.models import AnnualRecord, BasePlan, Meeting, PlanStatus, PolicyTask, ReviewOpinion, ReviewState
from tests.factories import area_of, plan_adopted, plan_draft, record_in_state, task_of

pytestmark = pytest.mark.django_db

ROLES = [None, "official", "other_official", "office_staff", "committee_member", "ombudsman", "administrator"]
STAFF = {"official", "other_official", "office_staff", "committee_member", "ombudsman", "administrator"}
API = "/api/v1"


@pytest.fixture
def world(users, department, other_department):
    """An adopted plan (2018-2022) with a 2019 reporting round, a draft plan, and a committee at work."""
    office = users["office_staff"]
    plan = plan_adopted(actor=office)
    area = area_of(plan, actor=office, number=1, title="사회적 약자의 인권 증진")
    other_area = area_of(plan, actor=office, number=2, title="인권 행정 체계")
    task = task_of(area, actor=office, department=department, code="1-01", budgets={2019: 1_000_000})
    other_task = task_of(other_area, actor=office, department=other_department, code="2-01", budgets={2019: 500_000})
    reporting_round = services.reporting_round_open(
        plan=plan, year=2019, due_on=datetime.date(2020, 2, 28), actor=office
    )
    record = AnnualRecord.objects.get(task=task, year=2019)
    other_record = record_in_state(
        AnnualRecord.objects.get(task=other_task, year=2019),
        "confirmed",
        office=office,
        reporter=users["other_official"],
    )
    draft_plan = plan_draft(actor=office, title="초안 계획", start_year=2023, end_year=2027)
    committee = services.committee_save(actor=office, name="인권증진시민위원회", organisation="광주광역시")
    member = services.member_save(
        committee=committee,
        actor=office,
        name="김위원",
        role="member",
        term_start=datetime.date(2024, 1, 1),
        term_end=datetime.date(2099, 12, 31),
    )
    meeting = services.meeting_record(
        committee=committee,
        actor=office,
        held_on=datetime.date(2025, 3, 10),
        kind="regular",
        title="2025년 제1차 정기회의",
        agenda=[("기본계획 점검", "원안 의결")],
        attendees=[member],
    )
    opinion = services.opinion_submit(
        committee=committee, actor=users["committee_member"], plan=plan, task=task, meeting=meeting, text="보완 필요"
    )
    return {
        "plan": plan,
        "area": area,
        "task": task,
        "other_task": other_task,
        "round": reporting_round,
        "record": record,
        "other_record": other_record,
        "draft_plan": draft_plan,
        "committee": committee,
        "member": member,
        "meeting": meeting,
        "opinion": opinion,
    }


# ---------------------------------------------------------------- reads


def _public_reads(world):
    return {
        "plan-list": f"{API}/plans/",
        "plan-detail": f"{API}/plans/{world['plan'].pk}/",
        "plan-progress": f"{API}/plans/{world['plan'].pk}/progress/?year=2019",
        "area-list": f"{API}/plan-areas/?plan={world['plan'].pk}",
        "task-list": f"{API}/tasks/",
        "task-detail": f"{API}/tasks/{world['task'].pk}/",
        "record-list": f"{API}/annual-records/",
        "record-detail": f"{API}/annual-records/{world['other_record'].pk}/",
    }


def _staff_reads(world):
    return {
        "round-list": f"{API}/reporting-rounds/",
        "round-completion": f"{API}/reporting-rounds/{world['round'].pk}/completion/",
        "committee-list": f"{API}/committees/",
        "committee-detail": f"{API}/committees/{world['committee'].pk}/",
        "meeting-list": f"{API}/meetings/",
        "meeting-detail": f"{API}/meetings/{world['meeting'].pk}/",
        "opinion-list": f"{API}/review-opinions/",
    }


STAFF_READS = [
    "round-list",
    "round-completion",
    "committee-list",
    "committee-detail",
    "meeting-list",
    "meeting-detail",
    "opinion-list",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "endpoint",
    [
        "plan-list",
        "plan-detail",
        "plan-progress",
        "area-list",
        "task-list",
        "task-detail",
        "record-list",
        "record-detail",
    ],
)
def test_public_reads_are_open_to_everyone(api_client_for, world, role, endpoint):
    response = api_client_for(role).get(_public_reads(world)[endpoint])
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("role", [*ROLES, "user_without_role"])
@pytest.mark.parametrize("endpoint", STAFF_READS)
def test_staff_reads_need_a_staff_role(api_client_for, world, role, endpoint):
    response = api_client_for(role).get(_staff_reads(world)[endpoint])
    assert response.status_code == (200 if role in STAFF else 403)


def test_public_sees_no_drafts_and_no_office_comment(api_client_for, world, users):
    office = users["office_staff"]
    record = services.record_return(record=world["other_record"], actor=office, comment="내부 의견")
    record = services.record_submit(record=record, actor=office)
    services.record_confirm(record=record, actor=office, comment="내부 확인 의견")
    anonymous = api_client_for(None)
    titles = [plan["title"] for plan in anonymous.get(f"{API}/plans/").json()["results"]]
    assert world["draft_plan"].title not in titles
    assert world["plan"].title in titles
    assert anonymous.get(f"{API}/plans/{world['draft_plan'].pk}/").status_code == 404
    records = anonymous.get(f"{API}/annual-records/").json()["results"]
    assert [record["id"] for record in records] == [world["other_record"].pk]
    assert records[0]["office_comment"] is None
    assert anonymous.get(f"{API}/annual-records/{world['record'].pk}/").status_code == 404
    task = anonymous.get(f"{API}/tasks/{world['task'].pk}/").json()
    assert task["records"] == []
    staff = api_client_for("committee_member")
    assert world["draft_plan"].title in [plan["title"] for plan in staff.get(f"{API}/plans/").json()["results"]]
    assert staff.get(f"{API}/annual-records/").json()["count"] == 2
    assert staff.get(f"{API}/tasks/{world['task'].pk}/").json()["records"][0]["review_state"] == "draft"


def test_unknown_objects_give_404(api_client_for, world):
    api = api_client_for("office_staff")
    for url in (
        f"{API}/plans/999999/",
        f"{API}/plans/999999/progress/?year=2019",
        f"{API}/tasks/999999/",
        f"{API}/annual-records/999999/",
        f"{API}/committees/999999/",
        f"{API}/meetings/999999/",
        f"{API}/reporting-rounds/999999/completion/",
    ):
        assert api.get(url).status_code == 404, url
    assert api.post(f"{API}/annual-records/999999/submit/", {}).status_code == 404
    assert api.post(f"{API}/review-opinions/999999/reply/", {}).status_code == 404


def test_filters_narrow_the_lists_and_bad_filters_give_400(api_client_for, world):
    api = api_client_for("office_staff")
    tasks = api.get(f"{API}/tasks/", {"department": "welfare"}).json()
    assert [task["code"] for task in tasks["results"]] == ["1-01"]
    records = api.get(f"{API}/annual-records/", {"review_state": "confirmed", "year": 2019}).json()
    assert [record["id"] for record in records["results"]] == [world["other_record"].pk]
    areas = api.get(f"{API}/plan-areas/", {"plan": world["plan"].pk}).json()
    assert [(area["number"], area["task_count"]) for area in areas["results"]] == [(1, 1), (2, 1)]
    assert api.get(f"{API}/meetings/", {"year": 2025}).json()["count"] == 1
    assert api.get(f"{API}/review-opinions/", {"reflection": "pending"}).json()["count"] == 1
    for url, params in (
        ("tasks/", {"department": "no-such-department"}),
        ("annual-records/", {"review_state": "lost"}),
        ("plans/", {"status": "lost"}),
        ("meetings/", {"year": "soon"}),
        ("review-opinions/", {"committee": "999999"}),
    ):
        response = api.get(f"{API}/{url}", params)
        assert response.status_code == 400, url
        assert set(params) <= set(response.json())


# ---------------------------------------------------------------- writes: who may


def _writes(world):
    plan, record = world["plan"], world["record"]
    return {
        "plan-create": (
            f"{API}/plans/",
            {"title": "새 계획", "organisation": "울산광역시", "start_year": 2016, "end_year": 2020},
        ),
        "plan-adopt": (f"{API}/plans/{world['draft_plan'].pk}/adopt/", {"adopted_on": "2024-01-02"}),
        "plan-complete": (f"{API}/plans/{plan.pk}/complete/", {}),
        "round-open": (f"{API}/plans/{plan.pk}/rounds/", {"year": 2020, "due_on": "2021-02-28"}),
        "area-save": (f"{API}/plan-areas/", {"plan": plan.pk, "number": 3, "title": "인권 공동체 문화"}),
        "task-create": (
            f"{API}/tasks/",
            {"area": world["area"].pk, "code": "1-02", "title": "장애인 이동권", "responsible_department": "welfare"},
        ),
        "record-confirm": (f"{API}/annual-records/{world['other_record'].pk}/confirm/", {}),
        "record-return": (f"{API}/annual-records/{world['other_record'].pk}/return/", {"comment": "보완"}),
        "meeting-record": (
            f"{API}/committees/{world['committee'].pk}/meetings/",
            {"held_on": "2025-06-01", "kind": "regular", "title": "제2차 정기회의"},
        ),
        "opinion-reply": (
            f"{API}/review-opinions/{world['opinion'].pk}/reply/",
            {"reflection": "reflected", "reply": "반영함"},
        ),
        "record-save": (f"{API}/annual-records/{record.pk}/", {"version": record.version, "narrative": "추진"}),
        "record-submit": (f"{API}/annual-records/{record.pk}/submit/", {}),
        "opinion-submit": (
            f"{API}/review-opinions/",
            {"committee": world["committee"].pk, "plan": plan.pk, "text": "의견"},
        ),
    }


OFFICE_WRITES = [
    "plan-create",
    "plan-adopt",
    "plan-complete",
    "round-open",
    "area-save",
    "task-create",
    "record-confirm",
    "record-return",
    "meeting-record",
    "opinion-reply",
]


def _audit_count():
    return AuditEvent.objects.count()


@pytest.mark.parametrize("role", [None, "official", "other_official", "committee_member", "ombudsman", "administrator"])
@pytest.mark.parametrize("endpoint", OFFICE_WRITES)
def test_office_writes_are_refused_to_everyone_else(api_client_for, world, role, endpoint):
    url, data = _writes(world)[endpoint]
    before = _audit_count()
    response = api_client_for(role).post(url, data, format="json")
    assert response.status_code == 403
    assert _audit_count() == before


@pytest.mark.parametrize("endpoint", OFFICE_WRITES)
def test_office_writes_succeed_for_the_office(api_client_for, world, users, endpoint):
    if endpoint == "record-confirm":  # only a submitted record can be confirmed
        office = users["office_staff"]
        services.record_return(record=world["other_record"], actor=office, comment="보완")
        services.record_submit(record=world["other_record"], actor=office)
    url, data = _writes(world)[endpoint]
    before = _audit_count()
    response = api_client_for("office_staff").post(url, data, format="json")
    assert response.status_code in (200, 201), response.json()
    assert _audit_count() > before


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 403),
        ("official", 200),
        ("other_official", 403),
        ("office_staff", 200),
        ("committee_member", 403),
        ("ombudsman", 403),
        ("administrator", 403),
    ],
)
@pytest.mark.parametrize("endpoint", ["record-save", "record-submit"])
def test_records_are_saved_by_their_department_and_the_office(api_client_for, world, users, role, status, endpoint):
    services.record_save(
        record=world["record"],
        actor=users["office_staff"],
        narrative="사업 추진",
        progress=10,
        progress_status="on_track",
    )
    world["record"].refresh_from_db()
    url, data = _writes(world)[endpoint]
    before = AnnualRecord.objects.get(pk=world["record"].pk)
    response = api_client_for(role).post(url, data, format="json")
    assert response.status_code == status, response.content
    after = AnnualRecord.objects.get(pk=world["record"].pk)
    if status == 403:
        assert (after.version, after.narrative, after.review_state) == (
            before.version,
            before.narrative,
            before.review_state,
        )
    else:
        assert after.version == before.version + 1


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 403),
        ("official", 403),
        ("other_official", 403),
        ("office_staff", 201),
        ("committee_member", 201),
        ("ombudsman", 403),
        ("administrator", 403),
    ],
)
def test_opinions_are_written_by_the_committee_and_the_office(api_client_for, world, role, status):
    url, data = _writes(world)["opinion-submit"]
    before = ReviewOpinion.objects.count()
    response = api_client_for(role).post(url, data, format="json")
    assert response.status_code == status
    assert ReviewOpinion.objects.count() == before + (status == 201)


def test_other_department_cannot_save_or_submit_a_record(api_client_for, world):
    record = world["record"]
    api = api_client_for("other_official")
    response = api.post(
        f"{API}/annual-records/{record.pk}/", {"version": record.version, "narrative": "남의 기록"}, format="json"
    )
    assert response.status_code == 403
    assert "detail" in response.json()
    assert api.post(f"{API}/annual-records/{record.pk}/submit/", {}, format="json").status_code == 403
    record.refresh_from_db()
    assert (record.narrative, record.review_state, record.version) == ("", ReviewState.DRAFT, 1)


# ---------------------------------------------------------------- bad input


def test_bad_input_gives_field_errors(api_client_for, world):
    api = api_client_for("office_staff")
    response = api.post(f"{API}/plans/", {"title": "", "start_year": 1800, "end_year": "soon"}, format="json")
    assert response.status_code == 400
    assert {"title", "organisation", "start_year", "end_year"} <= set(response.json())
    period = api.post(
        f"{API}/plans/", {"title": "x", "organisation": "y", "start_year": 2022, "end_year": 2018}, format="json"
    )
    assert period.status_code == 400
    assert {"end_year"} <= set(period.json()) or "non_field_errors" in period.json()
    task = api.post(
        f"{API}/tasks/",
        {
            "area": 999999,
            "code": "9",
            "title": "x",
            "responsible_department": "nowhere",
            "target_groups": ["martians"],
            "budgets": {"soon": 5},
        },
        format="json",
    )
    assert task.status_code == 400
    assert {"responsible_department", "target_groups", "budgets"} <= set(task.json())
    unknown_area = api.post(
        f"{API}/tasks/", {"area": 999999, "code": "9", "title": "x", "responsible_department": "welfare"}, format="json"
    )
    assert unknown_area.status_code == 400
    assert "area" in unknown_area.json()
    outside = api.post(
        f"{API}/tasks/",
        {
            "area": world["area"].pk,
            "code": "1-09",
            "title": "x",
            "responsible_department": "welfare",
            "budgets": {"2030": 1},
        },
        format="json",
    )
    assert outside.status_code == 400
    assert "budgets" in outside.json()
    duplicate = api.post(
        f"{API}/tasks/",
        {"area": world["area"].pk, "code": "2-01", "title": "x", "responsible_department": "welfare"},
        format="json",
    )
    assert duplicate.status_code == 400
    assert "code" in duplicate.json()
    future = api.post(f"{API}/plans/{world['draft_plan'].pk}/adopt/", {"adopted_on": "2999-01-01"}, format="json")
    assert future.status_code == 400
    assert "adopted_on" in future.json()
    twice = api.post(f"{API}/plans/{world['plan'].pk}/adopt/", {"adopted_on": "2019-01-01"}, format="json")
    assert twice.status_code == 400
    assert "non_field_errors" in twice.json()
    again = api.post(f"{API}/plans/{world['plan'].pk}/rounds/", {"year": 2019, "due_on": "2020-01-01"}, format="json")
    assert again.status_code == 400
    assert "year" in again.json()
    no_comment = api.post(f"{API}/annual-records/{world['other_record'].pk}/return/", {}, format="json")
    assert no_comment.status_code == 400
    assert "comment" in no_comment.json()
    reply = api.post(
        f"{API}/review-opinions/{world['opinion'].pk}/reply/", {"reflection": "pending", "reply": ""}, format="json"
    )
    assert reply.status_code == 400
    assert "reply" in reply.json()
    meeting = api.post(
        f"{API}/committees/{world['committee'].pk}/meetings/",
        {"held_on": "someday", "kind": "party", "title": "", "attendees": [999999]},
        format="json",
    )
    assert meeting.status_code == 400
    assert {"held_on", "kind", "title"} <= set(meeting.json())
    stranger = api.post(
        f"{API}/committees/{world['committee'].pk}/meetings/",
        {"held_on": "2025-01-01", "title": "회의", "attendees": [999999]},
        format="json",
    )
    assert stranger.status_code == 400
    assert "attendees" in stranger.json()
    assert Meeting.objects.count() == 1
    assert BasePlan.objects.count() == 2
    assert PolicyTask.objects.count() == 2


def test_record_bad_values_and_stale_version(api_client_for, world):
    record = world["record"]
    api = api_client_for("official")
    url = f"{API}/annual-records/{record.pk}/"
    bad = api.post(url, {"version": record.version, "progress": 140, "progress_status": "sleeping"}, format="json")
    assert bad.status_code == 400
    assert {"progress", "progress_status"} <= set(bad.json())
    rule = api.post(url, {"version": record.version, "progress": 40, "progress_status": "completed"}, format="json")
    assert rule.status_code == 400
    assert "progress" in rule.json()
    assert "version" in api.post(url, {"narrative": "x"}, format="json").json()
    saved = api.post(url, {"version": 1, "narrative": "첫 저장"}, format="json")
    assert saved.status_code == 200
    assert saved.json()["version"] == 2
    stale = api.post(url, {"version": 1, "narrative": "덮어쓰기"}, format="json")
    assert stale.status_code == 400
    assert "non_field_errors" in stale.json()
    stale_submit = api.post(f"{url}submit/", {"version": 1}, format="json")
    assert stale_submit.status_code == 400
    record.refresh_from_db()
    assert (record.narrative, record.version, record.review_state) == ("첫 저장", 2, ReviewState.DRAFT)


def test_submit_without_narrative_gives_a_field_error(api_client_for, world):
    response = api_client_for("official").post(f"{API}/annual-records/{world['record'].pk}/submit/", {}, format="json")
    assert response.status_code == 400
    assert "narrative" in response.json()


def test_opinion_bad_input(api_client_for, world, users):
    api = api_client_for("committee_member")
    other_plan = plan_adopted(actor=users["office_staff"], title="다른 계획")
    response = api.post(
        f"{API}/review-opinions/",
        {"committee": 999999, "plan": world["plan"].pk, "text": ""},
        format="json",
    )
    assert response.status_code == 400
    assert "text" in response.json()
    mismatch = api.post(
        f"{API}/review-opinions/",
        {"committee": world["committee"].pk, "plan": other_plan.pk, "task": world["task"].pk, "text": "의견"},
        format="json",
    )
    assert mismatch.status_code == 400
    assert "task" in mismatch.json()
    unknown = api.post(
        f"{API}/review-opinions/", {"committee": 999999, "plan": world["plan"].pk, "text": "의견"}, format="json"
    )
    assert unknown.status_code == 400
    assert "committee" in unknown.json()
    assert ReviewOpinion.objects.count() == 1


# ---------------------------------------------------------------- progress


def test_progress_numbers(api_client_for, world, users):
    services.record_save(
        record=world["record"],
        actor=users["official"],
        narrative="추진",
        progress=100,
        progress_status="completed",
        budget_executed=800_000,
    )
    staff = api_client_for("office_staff").get(f"{API}/plans/{world['plan'].pk}/progress/", {"year": 2019}).json()
    assert staff["year"] == 2019
    total = staff["total"]
    assert (total["tasks"], total["records"], total["completed"], total["on_track"], total["confirmed"]) == (
        2,
        2,
        1,
        1,
        1,
    )
    assert total["budget_planned"] == 1_500_000
    assert total["budget_executed"] == 800_000
    assert total["completed_percent"] == 50.0
    assert total["average_progress"] == 75.0
    assert [(row["label"], row["tasks"]) for row in staff["by_area"]] == [
        ("1. 사회적 약자의 인권 증진", 1),
        ("2. 인권 행정 체계", 1),
    ]
    assert {row["label"]: row["completed"] for row in staff["by_department"]} == {"복지건강국": 1, "도시공간국": 0}
    public = api_client_for(None).get(f"{API}/plans/{world['plan'].pk}/progress/", {"year": 2019}).json()
    assert (public["total"]["tasks"], public["total"]["records"], public["total"]["completed"]) == (2, 1, 0)
    assert public["total"]["budget_executed"] == 0


@pytest.mark.parametrize("params", [{}, {"year": "soon"}, {"year": 2017}, {"year": 2023}])
def test_progress_needs_a_year_within_the_plan(api_client_for, world, params):
    response = api_client_for(None).get(f"{API}/plans/{world['plan'].pk}/progress/", params)
    assert response.status_code == 400
    assert "year" in response.json()


def test_progress_of_a_draft_is_hidden_from_the_public(api_client_for, world):
    url = f"{API}/plans/{world['draft_plan'].pk}/progress/"
    assert api_client_for(None).get(url, {"year": 2024}).status_code == 404
    assert api_client_for("committee_member").get(url, {"year": 2024}).status_code == 200


def test_round_completion_per_department(api_client_for, world):
    rows = api_client_for("committee_member").get(f"{API}/reporting-rounds/{world['round'].pk}/completion/").json()
    assert {row["department"]: (row["draft"], row["confirmed"], row["to_do"]) for row in rows} == {
        "복지건강국": (1, 0, 1),
        "도시공간국": (0, 1, 0),
    }


# ---------------------------------------------------------------- the whole flow


def test_the_whole_flow(api_client_for, users, department):
    office = api_client_for("office_staff")
    official = api_client_for("official")
    committee_member = api_client_for("committee_member")

    plan = office.post(
        f"{API}/plans/",
        {
            "title": "울산광역시 인권증진 기본계획",
            "organisation": "울산광역시",
            "start_year": 2016,
            "end_year": 2020,
            "area_kind": "category",
        },
        format="json",
    )
    assert plan.status_code == 201, plan.json()
    plan_id = plan.json()["id"]
    assert plan.json()["status"] == PlanStatus.DRAFT
    area = office.post(f"{API}/plan-areas/", {"plan": plan_id, "number": 1, "title": "사회권"}, format="json")
    assert area.status_code == 201, area.json()
    task = office.post(
        f"{API}/tasks/",
        {
            "area": area.json()["id"],
            "code": "1-1",
            "title": "노인 일자리 확대",
            "responsible_department": "welfare",
            "target_groups": ["older-persons"],
            "budgets": {"2017": 300_000_000, "2018": 350_000_000},
        },
        format="json",
    )
    assert task.status_code == 201, task.json()
    assert task.json()["budgets"] == [
        {"year": 2017, "planned_amount": 300_000_000},
        {"year": 2018, "planned_amount": 350_000_000},
    ]
    assert [group["code"] for group in task.json()["target_groups"]] == ["older-persons"]
    adopted = office.post(f"{API}/plans/{plan_id}/adopt/", {"adopted_on": "2016-03-01"}, format="json")
    assert adopted.json()["status"] == PlanStatus.ADOPTED
    opened = office.post(f"{API}/plans/{plan_id}/rounds/", {"year": 2017, "due_on": "2018-01-31"}, format="json")
    assert opened.status_code == 201, opened.json()

    records = official.get(f"{API}/annual-records/", {"plan": plan_id, "department": "welfare"}).json()["results"]
    assert len(records) == 1
    record = records[0]
    assert (record["budget_planned"], record["review_state"]) == (300_000_000, "draft")
    url = f"{API}/annual-records/{record['id']}/"
    saved = official.post(
        url,
        {
            "version": record["version"],
            "narrative": "어르신 일자리 1,200개 제공",
            "progress": 60,
            "progress_status": "on_track",
            "budget_executed": 180_000_000,
        },
        format="json",
    )
    assert saved.status_code == 200, saved.json()
    submitted = official.post(f"{url}submit/", {"version": saved.json()["version"]}, format="json")
    assert submitted.json()["review_state"] == "submitted"
    returned = office.post(f"{url}return/", {"comment": "집행 실적 근거를 첨부하세요."}, format="json")
    assert returned.json()["review_state"] == "returned"
    assert official.get(url).json()["office_comment"] == "집행 실적 근거를 첨부하세요."
    fixed = official.post(url, {"version": returned.json()["version"], "narrative": "근거 보완"}, format="json")
    assert fixed.status_code == 200, fixed.json()
    assert official.post(f"{url}submit/", {"version": fixed.json()["version"]}, format="json").status_code == 200
    confirmed = office.post(f"{url}confirm/", {"comment": "확인"}, format="json")
    assert confirmed.json()["review_state"] == "confirmed"
    assert confirmed.json()["allowed_transitions"] == ["returned"]

    public = api_client_for(None).get(f"{API}/plans/{plan_id}/progress/", {"year": 2017}).json()
    assert (public["total"]["records"], public["total"]["budget_executed"]) == (1, 180_000_000)

    committee = services.committee_save(actor=users["office_staff"], name="울산 인권위원회", organisation="울산광역시")
    opinion = committee_member.post(
        f"{API}/review-opinions/",
        {"committee": committee.pk, "plan": plan_id, "record": record["id"], "text": "예산 집행률 제고 필요"},
        format="json",
    )
    assert opinion.status_code == 201, opinion.json()
    assert opinion.json()["task"]["code"] == "1-1"
    assert opinion.json()["reflection"] == "pending"
    reply = office.post(
        f"{API}/review-opinions/{opinion.json()['id']}/reply/",
        {"reflection": "partially_reflected", "reply": "2018년 계획에 반영"},
        format="json",
    )
    assert reply.status_code == 200, reply.json()
    assert reply.json()["reflection"] == "partially_reflected"
    assert reply.json()["replied_by"]["username"] == "office"
    completed = office.post(f"{API}/plans/{plan_id}/complete/", {}, format="json")
    assert completed.json()["status"] == PlanStatus.COMPLETED


def test_meeting_is_recorded_with_agenda_and_attendance(api_client_for, world):
    response = api_client_for("office_staff").post(
        f"{API}/committees/{world['committee'].pk}/meetings/",
        {
            "held_on": "2025-06-01",
            "kind": "extraordinary",
            "title": "임시회의",
            "minutes": "회의록",
            "agenda": [{"item": "연차보고 심의", "decision": "수정 의결"}, {"item": "기타"}],
            "attendees": [world["member"].pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [(item["number"], item["title"], item["decision"]) for item in body["agenda"]] == [
        (1, "연차보고 심의", "수정 의결"),
        (2, "기타", ""),
    ]
    assert [attendee["name"] for attendee in body["attendees"]] == ["김위원"]
    detail = api_client_for("committee_member").get(f"{API}/committees/{world['committee'].pk}/").json()
    assert [member["name"] for member in detail["members"]] == ["김위원"]
    assert detail["members"][0]["is_current"] is True


# ---------------------------------------------------------------- query counts


def _grow(world, users, department, count):
    office = users["office_staff"]
    plan = world["plan"]
    for number in range(count):
        area = area_of(plan, actor=office, number=10 + number)
        task = task_of(area, actor=office, department=department, code=f"X-{number}", target_groups=[])
        services.committee_save(actor=office, name=f"분과위원회 {number}", organisation="광주광역시")
        services.opinion_submit(committee=world["committee"], actor=office, plan=plan, task=task, text=f"의견 {number}")
        services.meeting_record(
            committee=world["committee"],
            actor=office,
            held_on=datetime.date(2025, 4, 1),
            kind="regular",
            title=f"회의 {number}",
        )
        services.reporting_round_open(
            plan=plan_adopted(actor=office, title=f"계획 {number}"),
            year=2018,
            due_on=datetime.date(2019, 1, 1),
            actor=office,
        )
    services.reporting_round_open(plan=plan, year=2020, due_on=datetime.date(2021, 1, 1), actor=office)


#: Every list: one COUNT and one page of rows, however many rows there are (staff roles are cached on the user).
LIST_QUERIES = {
    "plans/": None,
    "plan-areas/": None,
    "tasks/": None,
    "annual-records/": "committee_member",
    "reporting-rounds/": "committee_member",
    "committees/": "committee_member",
    "meetings/": "committee_member",
    "review-opinions/": "committee_member",
}


@pytest.mark.parametrize("rows", [1, 6])
@pytest.mark.parametrize("endpoint", list(LIST_QUERIES))
def test_list_queries_do_not_grow(api_client_for, world, users, department, django_assert_num_queries, rows, endpoint):
    _grow(world, users, department, rows)
    api = api_client_for(LIST_QUERIES[endpoint])
    api.get(f"{API}/{endpoint}")  # warm caches (the user's roles)
    with django_assert_num_queries(2):
        response = api.get(f"{API}/{endpoint}")
    assert response.status_code == 200
    assert response.json()["count"] >= rows


def test_staff_see_every_plan_with_the_same_queries(
    api_client_for, world, users, department, django_assert_num_queries
):
    _grow(world, users, department, 4)
    api = api_client_for("office_staff")
    api.get(f"{API}/plans/")
    with django_assert_num_queries(2):
        assert api.get(f"{API}/plans/", {"status": "draft"}).json()["count"] == 1
