"""The annual reporting round and the review of annual records."""

import datetime
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from humanrights_portal.core.models import AuditEvent
from plans import services, workflow
from plans.models import AnnualRecord, ProgressStatus, ReportingRound, ReviewState
from tests.factories import area_of, plan_adopted, plan_draft, record_in_state, task_of

pytestmark = pytest.mark.django_db

DUE = datetime.date(2020, 2, 28)
NOT_OFFICE = ["official", "other_official", "ombudsman", "committee_member", "administrator", "user_without_role"]


@pytest.fixture
def plan(office_staff):
    return plan_adopted(actor=office_staff)


@pytest.fixture
def tasks(plan, office_staff, department, other_department):
    area = area_of(plan, actor=office_staff, number=1)
    return [
        task_of(area, actor=office_staff, department=department, code="1-01", budgets={2019: 50_000_000}),
        task_of(area, actor=office_staff, department=department, code="1-02", budgets={2020: 70_000_000}),
        task_of(area, actor=office_staff, department=other_department, code="1-03"),
    ]


@pytest.fixture
def record(plan, tasks, office_staff):
    """The 2019 draft record of task 1-01 (of ``department``, the official's)."""
    services.reporting_round_open(plan=plan, year=2019, due_on=DUE, actor=office_staff)
    return AnnualRecord.objects.get(task=tasks[0], year=2019)


def fresh(record):
    return AnnualRecord.objects.get(pk=record.pk)


# ---------------------------------------------------------------- rounds


def test_opening_a_round_makes_one_draft_record_per_task_with_the_planned_budget(plan, tasks, office_staff):
    reporting_round = services.reporting_round_open(plan=plan, year=2019, due_on=DUE, actor=office_staff)
    assert reporting_round.is_open
    assert reporting_round.opened_by == office_staff
    records = AnnualRecord.objects.filter(year=2019).order_by("task__code")
    assert [(r.task.code, r.review_state, r.budget_planned) for r in records] == [
        ("1-01", ReviewState.DRAFT, 50_000_000),
        ("1-02", ReviewState.DRAFT, 0),
        ("1-03", ReviewState.DRAFT, 0),
    ]
    event = AuditEvent.objects.get(action="plan.round.open")
    assert event.changes["records"] == 3
    services.reporting_round_open(plan=plan, year=2020, due_on=DUE, actor=office_staff)
    assert AnnualRecord.objects.get(task=tasks[1], year=2020).budget_planned == 70_000_000


def test_rounds_are_opened_for_adopted_plans_only(office_staff, department):
    draft = plan_draft(actor=office_staff, title="초안")
    task_of(area_of(draft, actor=office_staff), actor=office_staff, department=department)
    with pytest.raises(ValidationError):
        services.reporting_round_open(plan=draft, year=2019, due_on=DUE, actor=office_staff)
    completed = services.plan_complete(plan=plan_adopted(actor=office_staff, title="완료"), actor=office_staff)
    with pytest.raises(ValidationError):
        services.reporting_round_open(plan=completed, year=2019, due_on=DUE, actor=office_staff)
    assert not ReportingRound.objects.exists()
    assert not AnnualRecord.objects.exists()


@pytest.mark.parametrize("year", [2017, 2023])
def test_the_year_of_a_round_lies_within_the_plan_period(plan, tasks, office_staff, year):
    with pytest.raises(ValidationError) as excinfo:
        services.reporting_round_open(plan=plan, year=year, due_on=DUE, actor=office_staff)
    assert "year" in excinfo.value.message_dict
    assert not AnnualRecord.objects.exists()


def test_one_round_per_plan_and_year(plan, tasks, office_staff):
    services.reporting_round_open(plan=plan, year=2019, due_on=DUE, actor=office_staff)
    with pytest.raises(ValidationError) as excinfo:
        services.reporting_round_open(plan=plan, year=2019, due_on=DUE, actor=office_staff)
    assert "year" in excinfo.value.message_dict
    assert ReportingRound.objects.count() == 1
    assert AnnualRecord.objects.count() == 3


def test_opening_a_round_keeps_records_that_already_exist(plan, tasks, record, office_staff, department):
    record = services.record_save(record=record, actor=office_staff, narrative="상반기 추진", progress=40,
                                  progress_status=ProgressStatus.ON_TRACK)  # fmt: skip
    # The round is gone (e.g. removed by an administrator) but its records stay; a new task was added since.
    ReportingRound.objects.filter(plan=plan, year=2019).delete()
    new_task = task_of(tasks[0].area, actor=office_staff, department=department, code="1-04")
    services.reporting_round_open(plan=plan, year=2019, due_on=DUE, actor=office_staff)
    assert AnnualRecord.objects.filter(year=2019).count() == 4
    assert AnnualRecord.objects.filter(task=new_task, year=2019).exists()
    assert fresh(record).narrative == "상반기 추진"
    assert AuditEvent.objects.filter(action="plan.round.open").first().changes["records"] == 1


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_opens_rounds(users, plan, tasks, role):
    with pytest.raises(PermissionDenied):
        services.reporting_round_open(plan=plan, year=2019, due_on=DUE, actor=users[role])
    assert not AnnualRecord.objects.exists()


def test_office_closes_a_round_once(plan, tasks, office_staff):
    reporting_round = services.reporting_round_open(plan=plan, year=2019, due_on=DUE, actor=office_staff)
    closed = services.reporting_round_close(reporting_round=reporting_round, actor=office_staff)
    assert closed.closed_at is not None
    assert not closed.is_open
    assert not closed.is_overdue
    with pytest.raises(ValidationError):
        services.reporting_round_close(reporting_round=reporting_round, actor=office_staff)
    assert AuditEvent.objects.filter(action="plan.round.close").count() == 1


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_closes_rounds(users, plan, tasks, office_staff, role):
    reporting_round = services.reporting_round_open(plan=plan, year=2019, due_on=DUE, actor=office_staff)
    with pytest.raises(PermissionDenied):
        services.reporting_round_close(reporting_round=reporting_round, actor=users[role])
    reporting_round.refresh_from_db()
    assert reporting_round.is_open


# ---------------------------------------------------------------- record_save


def test_official_of_the_responsible_department_saves_the_record(record, official):
    saved = services.record_save(
        record=record,
        actor=official,
        version=record.version,
        planned_activities=" 저상버스 40대 도입 ",
        budget_executed=45_000_000,
        progress=80,
        progress_status=ProgressStatus.ON_TRACK,
        narrative="저상버스 32대 도입 완료",
        review_state=ReviewState.CONFIRMED,  # not a record field: ignored
    )
    record = fresh(record)
    assert record.planned_activities == "저상버스 40대 도입"
    assert (record.budget_executed, record.progress, record.progress_status) == (45_000_000, 80, "on_track")
    assert record.review_state == ReviewState.DRAFT
    assert record.version == saved.version == 2
    event = AuditEvent.objects.get(action="plan.record.save")
    assert event.actor == official
    assert set(event.changes) == {"planned_activities", "budget_executed", "progress", "progress_status", "narrative"}


def test_saving_without_changes_writes_nothing(record, official):
    services.record_save(record=record, actor=official, narrative="")
    assert fresh(record).version == 1
    assert not AuditEvent.objects.filter(action="plan.record.save").exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("official", True),
        ("office_staff", True),
        ("other_official", False),
        ("committee_member", False),
        ("ombudsman", False),
        ("administrator", False),
        ("user_without_role", False),
    ],
)
def test_who_may_save_a_record(users, record, role, allowed):
    if allowed:
        services.record_save(record=record, actor=users[role], narrative="추진 중")
        assert fresh(record).narrative == "추진 중"
    else:
        with pytest.raises(PermissionDenied):
            services.record_save(record=record, actor=users[role], narrative="추진 중")
        assert fresh(record).narrative == ""


@pytest.mark.parametrize(
    ("progress", "status"),
    [(90, ProgressStatus.COMPLETED), (10, ProgressStatus.NOT_STARTED)],
)
def test_progress_and_status_must_agree(record, official, progress, status):
    with pytest.raises(ValidationError) as excinfo:
        services.record_save(record=record, actor=official, progress=progress, progress_status=status)
    assert "progress" in excinfo.value.message_dict
    assert fresh(record).version == 1


def test_progress_is_a_percentage_and_budgets_are_not_negative(record, official):
    with pytest.raises(ValidationError) as excinfo:
        services.record_save(record=record, actor=official, progress=120, progress_status=ProgressStatus.ON_TRACK)
    assert "progress" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.record_save(record=record, actor=official, budget_executed=-5)
    assert "budget_executed" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.record_save(record=record, actor=official, progress_status="finished")
    assert "progress_status" in excinfo.value.message_dict


def test_a_stale_version_is_refused(record, official, office_staff):
    services.record_save(record=record, actor=office_staff, version=1, narrative="사무국이 먼저 저장")
    with pytest.raises(ValidationError):
        services.record_save(record=record, actor=official, version=1, narrative="부서가 나중에 저장")
    assert fresh(record).narrative == "사무국이 먼저 저장"
    with pytest.raises(ValidationError):
        services.record_submit(record=record, actor=official, version=1)
    assert fresh(record).review_state == ReviewState.DRAFT
    services.record_save(record=record, actor=official, version=2, narrative="최신 판으로 저장")
    assert fresh(record).version == 3


@pytest.mark.parametrize("state", [ReviewState.SUBMITTED, ReviewState.CONFIRMED])
def test_submitted_and_confirmed_records_cannot_be_changed(record, official, office_staff, state):
    record = record_in_state(record, state, office=office_staff, reporter=official)
    with pytest.raises(ValidationError):
        services.record_save(record=record, actor=official, narrative="고침")
    with pytest.raises(ValidationError):
        services.record_save(record=record, actor=office_staff, narrative="고침")
    assert fresh(record).narrative == "계획대로 추진함"


def test_a_returned_record_can_be_changed_and_submitted_again(record, official, office_staff):
    record = record_in_state(record, ReviewState.RETURNED, office=office_staff, reporter=official)
    assert record.is_editable
    services.record_save(record=record, actor=official, budget_executed=48_000_000, narrative="집행 내역 보완")
    services.record_submit(record=record, actor=official)
    assert fresh(record).review_state == ReviewState.SUBMITTED


# ---------------------------------------------------------------- the review state machine


def reach(record, state, *, official, office):
    return record_in_state(record, state, office=office, reporter=official)


def move(record, to, *, official, office):
    if to == ReviewState.SUBMITTED:
        return services.record_submit(record=record, actor=official)
    if to == ReviewState.CONFIRMED:
        return services.record_confirm(record=record, actor=office, comment="확인")
    return services.record_return(record=record, actor=office, comment="성과 지표를 보완하세요.")


def test_no_move_leads_back_to_draft():
    assert all(ReviewState.DRAFT not in targets for targets in workflow.TRANSITIONS.values())
    assert set(workflow.TRANSITIONS) == set(ReviewState)


MOVES = [
    (origin, to)
    for origin, to in itertools.product(
        ReviewState, [ReviewState.SUBMITTED, ReviewState.CONFIRMED, ReviewState.RETURNED]
    )
]


@pytest.mark.parametrize(("origin", "to"), MOVES, ids=[f"{a}-{b}" for a, b in MOVES])
def test_review_state_machine(record, official, office_staff, origin, to):
    record = reach(record, origin, official=official, office=office_staff)
    assert record.review_state == origin
    if workflow.can_move(origin, to):
        moved = move(record, to, official=official, office=office_staff)
        assert moved.review_state == to
        assert fresh(record).review_state == to
    else:
        version = fresh(record).version
        with pytest.raises(ValidationError):
            move(record, to, official=official, office=office_staff)
        assert fresh(record).review_state == origin
        assert fresh(record).version == version


def test_submit_records_who_and_when_and_is_audited(record, official):
    services.record_save(record=record, actor=official, narrative="추진 완료", progress=100,
                         progress_status=ProgressStatus.COMPLETED)  # fmt: skip
    submitted = services.record_submit(record=record, actor=official, version=2)
    assert submitted.submitted_by == official
    assert submitted.submitted_at is not None
    assert submitted.version == 3
    event = AuditEvent.objects.get(action="plan.record.submit")
    assert event.changes == {"review_state": ["draft", "submitted"]}
    assert event.target_id == str(record.pk)


def test_submit_needs_a_narrative(record, official):
    with pytest.raises(ValidationError) as excinfo:
        services.record_submit(record=record, actor=official)
    assert "narrative" in excinfo.value.message_dict
    assert fresh(record).review_state == ReviewState.DRAFT
    assert not AuditEvent.objects.filter(action="plan.record.submit").exists()


@pytest.mark.parametrize("role", ["other_official", "committee_member", "ombudsman", "administrator"])
def test_only_the_department_or_the_office_submits(users, record, office_staff, role):
    services.record_save(record=record, actor=office_staff, narrative="추진 중")
    with pytest.raises(PermissionDenied):
        services.record_submit(record=record, actor=users[role])
    assert fresh(record).review_state == ReviewState.DRAFT


def test_office_may_submit_for_a_department(record, office_staff):
    services.record_save(record=record, actor=office_staff, narrative="사무국 대리 작성")
    assert services.record_submit(record=record, actor=office_staff).review_state == ReviewState.SUBMITTED


def test_confirm_is_audited_and_keeps_the_comment(record, official, office_staff):
    record = reach(record, ReviewState.SUBMITTED, official=official, office=office_staff)
    confirmed = services.record_confirm(record=record, actor=office_staff, comment=" 잘 추진됨 ")
    assert (confirmed.office_comment, confirmed.reviewed_by) == ("잘 추진됨", office_staff)
    assert confirmed.reviewed_at is not None
    assert AuditEvent.objects.filter(action="plan.record.confirm", target_id=str(record.pk)).exists()


def test_return_needs_a_comment_and_is_audited_with_it(record, official, office_staff):
    record = reach(record, ReviewState.SUBMITTED, official=official, office=office_staff)
    with pytest.raises(ValidationError) as excinfo:
        services.record_return(record=record, actor=office_staff, comment="   ")
    assert "comment" in excinfo.value.message_dict
    assert fresh(record).review_state == ReviewState.SUBMITTED
    services.record_return(record=record, actor=office_staff, comment="예산 집행률을 확인하세요.")
    record = fresh(record)
    assert (record.review_state, record.office_comment) == (ReviewState.RETURNED, "예산 집행률을 확인하세요.")
    event = AuditEvent.objects.get(action="plan.record.return")
    assert event.reason == "예산 집행률을 확인하세요."
    assert event.changes == {"review_state": ["submitted", "returned"]}


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_confirms_or_returns(users, record, official, office_staff, role):
    record = reach(record, ReviewState.SUBMITTED, official=official, office=office_staff)
    with pytest.raises(PermissionDenied):
        services.record_confirm(record=record, actor=users[role])
    with pytest.raises(PermissionDenied):
        services.record_return(record=record, actor=users[role], comment="보완")
    assert fresh(record).review_state == ReviewState.SUBMITTED


def test_a_closed_round_is_final_for_every_client(users, department):
    """The rule lives in the service, so the API cannot bypass what the page enforces."""
    import datetime

    from plans import services as plan_services
    from plans.models import AnnualRecord, ReportingRound
    from tests.factories import area_of, plan_adopted, task_of

    office = users["office_staff"]
    plan = plan_adopted(actor=office)
    task = task_of(area_of(plan, actor=office), actor=office, department=department, code="9-01")
    reporting_round = plan_services.reporting_round_open(
        plan=plan, year=2019, due_on=datetime.date(2020, 1, 31), actor=office
    )
    record = AnnualRecord.objects.get(task=task, year=2019)
    plan_services.reporting_round_close(reporting_round=ReportingRound.objects.get(pk=reporting_round.pk), actor=office)
    from django.utils import translation

    with translation.override("en"):
        with pytest.raises(ValidationError, match="closed"):
            plan_services.record_save(record=record, actor=users["official"], narrative="늦은 보고")
        with pytest.raises(ValidationError, match="closed"):
            plan_services.record_submit(record=record, actor=users["official"])
