"""Reads of the plans app: who sees what, and the roll-ups computed by PostgreSQL."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from humanrights_portal.core import permissions
from plans import selectors, services
from plans.models import AnnualRecord, BasePlan, PolicyTask, ProgressStatus, ReviewState
from tests.factories import area_of, plan_adopted, plan_draft, task_of

pytestmark = pytest.mark.django_db

DUE = datetime.date(2020, 2, 28)
P = ProgressStatus
M = 1_000_000


def fill(record, *, actor, office, state, progress, status, executed):
    """Fill a record with known figures and move it to ``state`` through the services."""
    record = services.record_save(
        record=record, actor=actor, narrative="추진 실적", progress=progress, progress_status=status,
        budget_executed=executed,
    )  # fmt: skip
    if state != ReviewState.DRAFT:
        record = services.record_submit(record=record, actor=actor)
    if state == ReviewState.CONFIRMED:
        record = services.record_confirm(record=record, actor=office)
    elif state == ReviewState.RETURNED:
        record = services.record_return(record=record, actor=office, comment="보완 바랍니다.")
    return record


@pytest.fixture
def data(office_staff, official, other_official, department, other_department):
    """A plan of 5 tasks in 2 areas and 2 departments, with its 2019 records in every review state.

    ====  ====  =======  =========  ===========  ========  =======  ========
    task  area  dept     review     status       progress  planned  executed
    ====  ====  =======  =========  ===========  ========  =======  ========
    A     1     welfare  confirmed  completed    100       100 M    90 M
    B     1     welfare  confirmed  on track     50        50 M     20 M
    C     1     urban    submitted  delayed      20        30 M     5 M
    D     2     urban    returned   on track     60        20 M     10 M
    E     2     welfare  draft      not started  0         10 M     0
    ====  ====  =======  =========  ===========  ========  =======  ========
    """
    plan = plan_adopted(actor=office_staff)
    first = area_of(plan, actor=office_staff, number=1, title="사회적 소수자 인권 증진")
    second = area_of(plan, actor=office_staff, number=2, title="인권제도 및 인권행정")
    rows = [
        ("A", first, department, ReviewState.CONFIRMED, P.COMPLETED, 100, 100, 90),
        ("B", first, department, ReviewState.CONFIRMED, P.ON_TRACK, 50, 50, 20),
        ("C", first, other_department, ReviewState.SUBMITTED, P.DELAYED, 20, 30, 5),
        ("D", second, other_department, ReviewState.RETURNED, P.ON_TRACK, 60, 20, 10),
        ("E", second, department, ReviewState.DRAFT, P.NOT_STARTED, 0, 10, 0),
    ]
    tasks = {
        code: task_of(area, actor=office_staff, department=dept, code=code, budgets={2019: planned * M})
        for code, area, dept, *_, planned, _executed in rows
    }
    reporting_round = services.reporting_round_open(plan=plan, year=2019, due_on=DUE, actor=office_staff)
    records = {}
    for code, _area, dept, state, status, progress, _planned, executed in rows:
        actor = official if dept == department else other_official
        records[code] = fill(
            AnnualRecord.objects.get(task=tasks[code], year=2019),
            actor=actor,
            office=office_staff,
            state=state,
            progress=progress,
            status=status,
            executed=executed * M,
        )
    return {"plan": plan, "areas": (first, second), "tasks": tasks, "records": records, "round": reporting_round}


# ---------------------------------------------------------------- plans


def test_draft_plans_are_for_staff_only(users, office_staff):
    draft = plan_draft(actor=office_staff, title="초안 계획")
    adopted = plan_adopted(actor=office_staff, title="채택 계획")
    completed = services.plan_complete(plan=plan_adopted(actor=office_staff, title="완료 계획"), actor=office_staff)
    public = {adopted.pk, completed.pk}
    for user in [AnonymousUser(), users["user_without_role"]]:
        assert not permissions.can_view_draft_plans(user)
        assert set(selectors.plan_list(user=user).values_list("pk", flat=True)) == public
        with pytest.raises(BasePlan.DoesNotExist):
            selectors.plan_get(user=user, pk=draft.pk)
    # every staff role sees drafts, officials included (``can_view_draft_plans`` is any staff role)
    for role in ["official", "other_official", "office_staff", "ombudsman", "committee_member", "administrator"]:
        assert permissions.can_view_draft_plans(users[role])
        assert set(selectors.plan_list(user=users[role]).values_list("pk", flat=True)) == public | {draft.pk}
        assert selectors.plan_get(user=users[role], pk=draft.pk) == draft


def test_plan_list_counts_areas_and_tasks_and_filters(data, office_staff):
    plan_draft(actor=office_staff, title="울산광역시 인권증진 기본계획", start_year=2016, end_year=2020)
    listed = {plan.title: plan for plan in selectors.plan_list(user=office_staff)}
    gwangju = listed[data["plan"].title]
    assert (gwangju.area_count, gwangju.task_count) == (2, 5)
    assert listed["울산광역시 인권증진 기본계획"].task_count == 0
    assert [p.title for p in selectors.plan_list(user=office_staff, filters={"status": "draft"})] == [
        "울산광역시 인권증진 기본계획"
    ]
    assert selectors.plan_list(user=office_staff, filters={"year": "2021"}).get() == gwangju
    with pytest.raises(selectors.InvalidFilters):
        list(selectors.plan_list(user=office_staff, filters={"status": "lost"}))


def test_plan_list_query_count_does_not_grow(office_staff, django_assert_num_queries):
    for number in range(5):
        plan_adopted(actor=office_staff, title=f"계획 {number}")
    with django_assert_num_queries(1):
        assert len(list(selectors.plan_list(user=AnonymousUser()))) == 5


def test_public_sees_confirmed_records_only(data, official):
    confirmed = {data["records"]["A"].pk, data["records"]["B"].pk}
    assert set(selectors.record_list(user=AnonymousUser()).values_list("pk", flat=True)) == confirmed
    assert selectors.record_list(user=official).count() == 5
    task = selectors.task_get(user=AnonymousUser(), pk=data["tasks"]["C"].pk)
    assert list(task.records.all()) == []
    task = selectors.task_get(user=official, pk=data["tasks"]["C"].pk)
    assert [record.year for record in task.records.all()] == [2019]


# ---------------------------------------------------------------- roll-ups


def test_plan_progress_for_staff(data, office_staff, department, other_department):
    progress = selectors.plan_progress(user=office_staff, plan=data["plan"], year=2019)
    first, second = progress.by_area
    assert first.label == "1. 사회적 소수자 인권 증진"
    assert (first.tasks, first.records, first.not_started, first.on_track, first.delayed, first.completed) == (
        3, 3, 0, 1, 1, 1,
    )  # fmt: skip
    assert (first.confirmed, first.budget_planned, first.budget_executed) == (2, 180 * M, 115 * M)
    assert first.average_progress == 56.7
    assert first.completed_percent == 33.3
    assert first.execution_percent == 63.9
    assert (second.tasks, second.records, second.not_started, second.on_track, second.completed) == (2, 2, 1, 1, 0)
    assert (second.confirmed, second.budget_planned, second.budget_executed) == (0, 30 * M, 10 * M)
    assert second.average_progress == 30.0
    assert second.completed_percent == 0.0

    departments = {row.key: row for row in progress.by_department}
    welfare, urban = departments[department.pk], departments[other_department.pk]
    assert welfare.label == "복지건강국"
    assert (welfare.tasks, welfare.not_started, welfare.on_track, welfare.completed) == (3, 1, 1, 1)
    assert (welfare.budget_planned, welfare.budget_executed, welfare.average_progress) == (160 * M, 110 * M, 50.0)
    assert (urban.tasks, urban.delayed, urban.on_track, urban.completed) == (2, 1, 1, 0)
    assert (urban.budget_planned, urban.budget_executed, urban.average_progress) == (50 * M, 15 * M, 40.0)

    total = progress.total
    assert (total.tasks, total.records, total.completed, total.confirmed) == (5, 5, 1, 2)
    assert (total.budget_planned, total.budget_executed) == (210 * M, 125 * M)
    assert total.completed_percent == 20.0
    assert total.execution_percent == 59.5
    assert total.average_progress == 46.0


def test_plan_progress_for_the_public_counts_confirmed_records_only(data):
    progress = selectors.plan_progress(user=AnonymousUser(), plan=data["plan"], year=2019)
    first, second = progress.by_area
    assert (first.tasks, first.records, first.completed, first.on_track, first.delayed) == (3, 2, 1, 1, 0)
    assert (first.budget_planned, first.budget_executed, first.average_progress) == (150 * M, 110 * M, 75.0)
    assert (second.tasks, second.records, second.budget_planned, second.average_progress) == (2, 0, 0, None)
    assert second.execution_percent is None
    total = progress.total
    assert (total.tasks, total.records, total.confirmed) == (5, 2, 2)
    assert (total.completed_percent, total.execution_percent, total.average_progress) == (20.0, 73.3, 75.0)


def test_plan_progress_of_a_year_without_records(data, office_staff):
    progress = selectors.plan_progress(user=office_staff, plan=data["plan"], year=2020)
    assert [row.tasks for row in progress.by_area] == [3, 2]
    assert progress.total.records == 0
    assert progress.total.average_progress is None
    assert progress.total.completed_percent == 0.0


@pytest.mark.parametrize("task_count", [3, 30])
def test_plan_progress_query_count_is_fixed(
    task_count, office_staff, department, other_department, django_assert_num_queries
):
    plan = plan_adopted(actor=office_staff)
    areas = [area_of(plan, actor=office_staff, number=number) for number in (1, 2, 3)]
    for index in range(task_count):
        task_of(
            areas[index % 3],
            actor=office_staff,
            department=department if index % 2 else other_department,
            code=f"T-{index:02d}",
            budgets={2019: (index + 1) * M},
        )
    services.reporting_round_open(plan=plan, year=2019, due_on=DUE, actor=office_staff)
    assert permissions.is_staff_member(office_staff)  # the roles are read once per request, before this
    with django_assert_num_queries(4):
        progress = selectors.plan_progress(user=office_staff, plan=plan, year=2019)
    assert progress.total.tasks == task_count
    assert len(progress.by_area) == 3
    with django_assert_num_queries(4):
        selectors.plan_progress(user=AnonymousUser(), plan=plan, year=2019)


# ---------------------------------------------------------------- the reporting round


def test_round_completion_per_department(data, office_staff, department, other_department):
    rows = {
        row.department_id: row for row in selectors.round_completion(user=office_staff, reporting_round=data["round"])
    }
    welfare, urban = rows[department.pk], rows[other_department.pk]
    assert (welfare.department, welfare.records, welfare.draft, welfare.submitted, welfare.confirmed) == (
        "복지건강국", 3, 1, 0, 2,
    )  # fmt: skip
    assert (welfare.returned, welfare.to_do, welfare.done_percent) == (0, 1, 66.7)
    assert (urban.records, urban.draft, urban.submitted, urban.confirmed, urban.returned) == (2, 0, 1, 0, 1)
    assert (urban.to_do, urban.done_percent) == (1, 50.0)


def test_department_labels_follow_the_language(data, office_staff, department, other_department):
    from django.utils.translation import override

    with override("en"):
        completion = selectors.round_completion(user=office_staff, reporting_round=data["round"])
        progress = selectors.plan_progress(user=office_staff, plan=data["round"].plan, year=data["round"].year)
    assert {row.department for row in completion} == {"Welfare and Health Bureau", "Urban Space Bureau"}
    assert {row.label for row in progress.by_department} == {"Welfare and Health Bureau", "Urban Space Bureau"}
    other_department.name_en = ""
    other_department.save()
    with override("en"):
        completion = selectors.round_completion(user=office_staff, reporting_round=data["round"])
    assert {row.department for row in completion} == {"Welfare and Health Bureau", "도시공간국"}  # no English name


def test_round_completion_query_count_and_permission(data, users, django_assert_num_queries):
    office = users["office_staff"]
    assert permissions.is_staff_member(office)
    with django_assert_num_queries(1):
        selectors.round_completion(user=office, reporting_round=data["round"])
    for user in [AnonymousUser(), users["user_without_role"]]:
        with pytest.raises(PermissionDenied):
            selectors.round_completion(user=user, reporting_round=data["round"])


def test_department_to_do_lists_missing_and_returned_records_of_the_own_department(
    data, official, other_official, users
):
    assert list(selectors.department_to_do(user=official)) == [data["records"]["E"]]  # draft, own department
    assert list(selectors.department_to_do(user=other_official)) == [data["records"]["D"]]  # returned
    assert not selectors.department_to_do(user=users["committee_member"]).exists()
    assert not selectors.department_to_do(user=users["office_staff"]).exists()  # the office has no tasks here
    assert not selectors.department_to_do(user=AnonymousUser()).exists()


def test_department_to_do_ignores_closed_rounds(data, official, office_staff, department):
    services.reporting_round_close(reporting_round=data["round"], actor=office_staff)
    assert not selectors.department_to_do(user=official).exists()
    # This plan's 2019 round stays closed even when this plan has another open year and another plan
    # has an open 2019 round: the record's own plan and year must have an open round.
    services.reporting_round_open(plan=data["plan"], year=2020, due_on=DUE, actor=office_staff)
    other = plan_adopted(actor=office_staff, title="울산광역시 인권증진 기본계획", start_year=2016, end_year=2020)
    task = task_of(area_of(other, actor=office_staff), actor=office_staff, department=department, code="U-01")
    services.reporting_round_open(plan=other, year=2019, due_on=DUE, actor=office_staff)
    to_do = {(record.task_id, record.year) for record in selectors.department_to_do(user=official)}
    tasks = data["tasks"]
    assert to_do == {(tasks["A"].pk, 2020), (tasks["B"].pk, 2020), (tasks["E"].pk, 2020), (task.pk, 2019)}


def test_department_to_do_query_count(data, official, django_assert_num_queries):
    assert permissions.is_staff_member(official)
    with django_assert_num_queries(1):
        records = list(selectors.department_to_do(user=official))
        assert [record.task.area.plan.title for record in records] == [data["plan"].title]


def test_reporting_records_are_scoped_to_the_officials_department(
    data, official, office_staff, department, other_department, users
):
    own = {data["records"][code].pk for code in "ABE"}
    theirs = {data["records"][code].pk for code in "CD"}

    def pks(user, dept=None):
        records = selectors.reporting_records(user=user, reporting_round=data["round"], department=dept)
        return {record.pk for record in records}

    assert pks(official) == own
    assert pks(official, other_department) == own  # asking for another department gives their own
    assert pks(users["other_official"], department) == theirs
    assert pks(office_staff, other_department) == theirs
    assert pks(office_staff) == own | theirs
    records = selectors.reporting_records(user=official, reporting_round=data["round"])
    assert [r.task.code for r in records] == ["A", "B", "E"]
    for role in ["committee_member", "ombudsman", "administrator", "user_without_role"]:
        with pytest.raises(PermissionDenied):
            selectors.reporting_records(user=users[role], reporting_round=data["round"])
    with pytest.raises(PermissionDenied):
        selectors.reporting_records(user=AnonymousUser(), reporting_round=data["round"])


def test_task_list_filters_by_department_and_hides_draft_plans(data, office_staff, other_department):
    draft = plan_draft(actor=office_staff, title="초안")
    task_of(area_of(draft, actor=office_staff), actor=office_staff, department=other_department, code="X-1")
    assert selectors.task_list(user=AnonymousUser()).count() == 5
    assert selectors.task_list(user=office_staff).count() == 6
    urban = selectors.task_list(user=AnonymousUser(), filters={"department": other_department.code})
    assert sorted(urban.values_list("code", flat=True)) == ["C", "D"]
    assert PolicyTask.objects.count() == 6
