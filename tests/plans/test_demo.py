"""The plans demo data (``seed_demo``) and benchmark data (``seed_bench``)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.utils import timezone

from humanrights_portal.core.models import User
from plans import bench, demo, selectors
from plans.models import (
    AgendaItem,
    AnnualRecord,
    AreaKind,
    BasePlan,
    Committee,
    CommitteeMember,
    Meeting,
    PlanArea,
    PlanStatus,
    PolicyTask,
    ReportingRound,
    ReviewOpinion,
    ReviewState,
    TaskBudget,
)

pytestmark = pytest.mark.django_db

MODELS = (
    BasePlan, PlanArea, PolicyTask, TaskBudget, ReportingRound, AnnualRecord, Committee, CommitteeMember, Meeting,
    AgendaItem, ReviewOpinion,
)  # fmt: skip


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def demo_data(capsys):
    call_command("seed_demo")
    return capsys.readouterr().out


def test_seed_demo_builds_the_plans_of_the_seed_documents(demo_data, capsys):
    """One load, several checks (loading the demo takes seconds); then a second load adds nothing."""
    assert "plans: 5 plans (123 tasks in Gwangju's 2nd plan)" in demo_data
    check_gwangju_second_plan()
    check_other_plans()
    check_annual_records()
    check_latest_round()
    check_committees()
    check_progress()

    first = counts()
    call_command("seed_demo")
    assert "plans: demo data already present, nothing added" in capsys.readouterr().out
    assert counts() == first


def check_gwangju_second_plan():
    plan = BasePlan.objects.get(title=demo.GWANGJU_2ND_TITLE)
    assert (plan.start_year, plan.end_year, plan.status) == (2018, 2022, PlanStatus.ADOPTED)
    assert plan.adopted_on.year == 2018
    assert plan.vision
    for step in ("실태", "전문가", "협의", "인권증진시민위원회"):
        assert step in plan.drafting_process
    areas = list(plan.areas.order_by("number"))
    assert [area.description for area in areas] == [
        "Promotion of human rights for social minorities",
        "Human rights system and human rights administration",
        "Formation of a human rights community culture",
        "Establishment of a human rights cooperation system",
        "Strengthening the status of Gwangju as a human rights city",
        "Implementation of the Gwangju Human Rights Charter",
    ]
    tasks = PolicyTask.objects.filter(area__plan=plan)
    assert tasks.count() == 123
    assert tasks.values("title").distinct().count() == 123
    assert tasks.filter(code="1-01").get().title == "장애인 이동권 보장을 위한 저상버스 확대"
    assert tasks.values("responsible_department").distinct().count() >= 12
    assert tasks.filter(responsible_department__code="welfare-health").count() >= 10
    assert tasks.filter(target_groups__isnull=False).distinct().count() > 50
    assert tasks.filter(sdg_targets__isnull=True).count() == 0
    assert tasks.filter(cooperating_departments__isnull=False).distinct().count() > 30
    budgets = TaskBudget.objects.filter(task__area__plan=plan)
    assert budgets.count() == 123 * 5
    amounts = list(budgets.values_list("planned_amount", flat=True))
    assert min(amounts) >= 10_000_000
    assert max(amounts) <= 3_000_000_000


def check_other_plans():
    first = BasePlan.objects.get(title="광주광역시 제1차 인권도시 기본계획")
    assert (first.start_year, first.end_year, first.status) == (2012, 2016, PlanStatus.COMPLETED)
    assert PolicyTask.objects.filter(area__plan=first).exists()

    ulsan = BasePlan.objects.get(organisation="울산광역시")
    assert (ulsan.start_year, ulsan.end_year, ulsan.area_kind) == (2016, 2020, AreaKind.CATEGORY)
    tasks = PolicyTask.objects.filter(area__plan=ulsan)
    assert ulsan.areas.count() == 6
    assert tasks.count() == 75
    assert tasks.values("responsible_department").distinct().count() == 15

    for organisation in ("서울특별시", "충청남도"):
        plan = BasePlan.objects.get(organisation=organisation)
        assert plan.area_kind == AreaKind.GOAL
        assert plan.areas.count() == 4
        assert PolicyTask.objects.filter(area__plan=plan).count() >= 4


def check_annual_records():
    plan = BasePlan.objects.get(title=demo.GWANGJU_2ND_TITLE)
    for year in (2019, 2020):
        records = AnnualRecord.objects.filter(task__area__plan=plan, year=year)
        assert records.count() == 123
        assert records.filter(review_state=ReviewState.CONFIRMED).count() >= 110
        returned = records.filter(review_state=ReviewState.RETURNED)
        assert returned.exists()
        assert all(record.office_comment for record in returned)
        assert not records.filter(review_state=ReviewState.DRAFT).exists()
        assert set(records.values_list("progress_status", flat=True)) == {
            "not_started", "on_track", "delayed", "completed",
        }  # fmt: skip
        # re-dated to the reporting year, not the day the demo was loaded
        assert {when.year for when in records.values_list("submitted_at", flat=True)} == {year + 1}
        assert {when.year for when in records.values_list("reviewed_at", flat=True)} == {year + 1}
        assert not ReportingRound.objects.get(plan=plan, year=year).is_open
        assert records.filter(submitted_by__username="official").exists()
    assert ReportingRound.objects.get(plan=plan, year=2019).opened_at.date() == datetime.date(2019, 12, 2)


def check_latest_round():
    plan = BasePlan.objects.get(title=demo.GWANGJU_2ND_TITLE)
    latest = ReportingRound.objects.get(plan=plan, year=2021)
    assert latest.is_open
    assert latest.is_overdue
    records = AnnualRecord.objects.filter(task__area__plan=plan, year=2021)
    assert {"draft", "submitted", "returned"} <= set(records.values_list("review_state", flat=True))
    official = User.objects.get(username="official")
    to_do = selectors.department_to_do(user=official)
    assert to_do.filter(review_state=ReviewState.DRAFT).exists()
    assert to_do.filter(review_state=ReviewState.RETURNED).exists()
    assert {record.task.responsible_department.code for record in to_do} == {"welfare-health"}
    assert selectors.department_to_do(user=User.objects.get(username="official2")).exists()
    completion = selectors.round_completion(user=User.objects.get(username="office"), reporting_round=latest)
    assert all(row.to_do > 0 for row in completion)


def check_committees():
    gwangju = Committee.objects.get(name="광주광역시 인권증진시민위원회")
    assert (gwangju.established_year, gwangju.term_years, gwangju.regular_meetings_per_year) == (2009, 2, 4)
    members = gwangju.members.all()
    assert members.count() == 20
    assert members.filter(role=CommitteeMember.Role.CO_CHAIR).count() == 2
    assert all((m.term_end - m.term_start).days > 700 for m in members)
    assert members.get(user__username="committee").name == demo.DEMO_MEMBER
    meetings = gwangju.meetings.filter(held_on__year__in=[2019, 2020])
    assert meetings.count() >= 8
    for year in (2019, 2020):
        assert meetings.filter(held_on__year=year, kind=Meeting.Kind.REGULAR).count() == 4
    assert meetings.filter(kind=Meeting.Kind.SUB_COMMITTEE).exists()
    assert AgendaItem.objects.filter(meeting__committee=gwangju).exclude(decision="").count() >= 15
    assert all(meeting.attendees.count() >= 7 for meeting in meetings)

    opinions = ReviewOpinion.objects.filter(committee=gwangju)
    assert opinions.filter(task__isnull=True).exists()  # on the plan
    assert opinions.filter(task__isnull=False, record__isnull=True).exists()
    assert opinions.filter(record__isnull=False).exists()
    reflections = set(opinions.values_list("reflection", flat=True))
    assert {"reflected", "partially_reflected", "not_reflected", "pending"} <= reflections
    assert opinions.exclude(reflection="pending").count() > opinions.filter(reflection="pending").count()
    assert all(opinion.submitted_at.year in (2019, 2020, 2021) for opinion in opinions)
    for opinion in opinions.exclude(reflection="pending"):
        assert opinion.replied_at > opinion.submitted_at
        assert opinion.office_reply

    ulsan = Committee.objects.get(organisation="울산광역시")
    assert ulsan.meetings.filter(held_on__year__gte=2014, held_on__year__lte=2018).count() == 13


def check_progress():
    plan = BasePlan.objects.get(title=demo.GWANGJU_2ND_TITLE)
    progress = selectors.plan_progress(user=AnonymousUser(), plan=plan, year=2020)
    assert len(progress.by_area) == 6
    assert all(row.records > 0 for row in progress.by_area)
    assert progress.total.tasks == 123
    assert 0 < progress.total.execution_percent < 100
    assert 0 < progress.total.completed_percent < 60
    assert len(progress.by_department) >= 12


# ---------------------------------------------------------------- seed_bench


def test_seed_bench_makes_a_synthetic_plan_and_replaces_it(capsys):
    call_command("seed_bench", size=2000)
    assert "plans: bench plan with 20 tasks" in capsys.readouterr().out
    plan = BasePlan.objects.get(title=bench.BENCH_TITLE)
    assert plan.status == PlanStatus.ADOPTED
    tasks = PolicyTask.objects.filter(area__plan=plan)
    assert tasks.count() == 20
    assert plan.areas.count() == 6
    records = AnnualRecord.objects.filter(task__area__plan=plan)
    assert records.count() == 40
    assert {record.year for record in records} == {timezone.localdate().year - 2, timezone.localdate().year - 1}
    assert records.filter(progress_status="completed").exclude(progress=100).count() == 0
    assert records.filter(progress_status="not_started").exclude(progress=0).count() == 0
    open_round = ReportingRound.objects.get(plan=plan, closed_at__isnull=True)
    assert open_round.is_overdue
    progress = selectors.plan_progress(user=AnonymousUser(), plan=plan, year=open_round.year - 1)
    assert progress.total.tasks == 20

    call_command("seed_bench", size=3000)
    assert BasePlan.objects.filter(title=bench.BENCH_TITLE).count() == 1
    assert PolicyTask.objects.filter(area__plan__title=bench.BENCH_TITLE).count() == 30
    call_command("seed_bench", size=50)
    assert not BasePlan.objects.filter(title=bench.BENCH_TITLE).exists()
