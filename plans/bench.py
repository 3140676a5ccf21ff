"""Benchmark data of the plans app: one synthetic adopted plan, written with ``bulk_create``.

``manage.py seed_bench --size N`` makes a plan of ``min(N // 100, 2000)`` policy tasks in six areas,
spread over the demo departments, each with target groups, an SDG target, a planned budget for
every year of the plan and an annual record for two years: the year before last (its round
closed, nearly every record confirmed) and last year (its round still open and past its due date,
records in every review state). That is enough rows for the plan pages, the roll-ups and the
department to-do list to be measured at the size of a large city's plan.

``seed_bench --dashboards`` calls ``seed_dashboards`` instead: a plan of ``DASHBOARD_TASKS``
(10,000) tasks whose five years all lie in the past, with an annual record of every task for
each of the five years (four closed rounds, the last one open): the plan panel and the trends
of the dashboards at a million cases.

Rows are inserted in bulk, without the services and therefore without audit events: they are
synthetic data for a benchmark database, not anything the office did.

The plan is recognised by its title (``BENCH_TITLE``); running the command again deletes it, with
everything that belongs to it, and makes a fresh one. ``--size`` below 100 only removes it.
"""

from __future__ import annotations

import datetime
import random

from django.db import connection, transaction
from django.utils import timezone

from humanrights_portal.core.bench import BENCH_USERNAME
from humanrights_portal.core.models import Department, SdgTarget, User, VulnerableGroup
from plans import demo
from plans.models import (
    AnnualRecord,
    BasePlan,
    PlanArea,
    PlanStatus,
    PolicyTask,
    ProgressStatus,
    ReportingRound,
    ReviewState,
    TaskBudget,
)

BENCH_TITLE = "벤치마크 인권증진 기본계획 (합성 데이터)"
MAX_TASKS = 2000
TASKS_PER_SIZE = 100
DASHBOARD_TASKS = 10_000
DASHBOARD_YEARS = 5
P = ProgressStatus
S = ReviewState
#: Review states of the records of the closed year and of the open year, with their weights.
CLOSED_YEAR_STATES = [(S.CONFIRMED, 90), (S.RETURNED, 5), (S.SUBMITTED, 5)]
OPEN_YEAR_STATES = [(S.DRAFT, 40), (S.SUBMITTED, 40), (S.CONFIRMED, 15), (S.RETURNED, 5)]
STATUSES = [(P.COMPLETED, 30), (P.ON_TRACK, 45), (P.DELAYED, 17), (P.NOT_STARTED, 8)]


def _pick(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def seed(*, size: int, seed: int, stdout=None) -> None:
    _seed(task_count=min(size // TASKS_PER_SIZE, MAX_TASKS), record_years=2, seed=seed, stdout=stdout)


def seed_dashboards(*, size: int, seed: int, stdout=None) -> None:
    """The dashboards' plan: 10,000 tasks with five years of records (whatever ``size``)."""
    _seed(task_count=DASHBOARD_TASKS, record_years=DASHBOARD_YEARS, seed=seed, stdout=stdout)


def _seed(*, task_count: int, record_years: int, seed: int, stdout=None) -> None:
    rng = random.Random(seed)  # noqa: S311 - repeatable synthetic data, not security
    with transaction.atomic():
        deleted, _ = BasePlan.objects.filter(title=BENCH_TITLE).delete()
        if task_count == 0:
            if stdout is not None:
                stdout.write("plans: removed the bench plan, made none" if deleted else "plans: no bench plan made")
            return
        made = _make(rng, task_count, record_years)
        tables = [
            model._meta.db_table for model in (BasePlan, PlanArea, PolicyTask, TaskBudget, AnnualRecord, ReportingRound)
        ]
        tables += [PolicyTask.target_groups.through._meta.db_table, PolicyTask.sdg_targets.through._meta.db_table]
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(tables))
    if stdout is not None:
        stdout.write(
            f"plans: bench plan with {made['tasks']} tasks in 6 areas, {made['budgets']} planned budgets, "
            f"{made['records']} annual records for {made['years'][0]}-{made['years'][-1]}"
        )


def _make(rng: random.Random, task_count: int, record_years: int) -> dict:
    """Records for ``record_years`` years ending last year: every round closed but the last."""
    today = timezone.localdate()
    first_year = today.year - record_years
    years = tuple(range(first_year, today.year))
    actor = User.objects.filter(username=BENCH_USERNAME).first() or User.objects.filter(is_superuser=True).first()
    departments = list(Department.objects.values_list("pk", flat=True))
    groups = list(VulnerableGroup.objects.values_list("pk", flat=True))
    targets = list(SdgTarget.objects.values_list("pk", flat=True))
    plan = BasePlan.objects.create(
        title=BENCH_TITLE,
        title_en="Benchmark basic plan (synthetic data)",
        organisation=demo.GWANGJU,
        start_year=first_year,
        end_year=first_year + 4,
        vision=demo.GWANGJU_VISION,
        status=PlanStatus.ADOPTED,
        adopted_on=datetime.date(first_year, 3, 1),
        drafting_process=demo.GWANGJU_DRAFTING,
    )
    areas = PlanArea.objects.bulk_create(
        [
            PlanArea(plan=plan, number=number, title=title, description=title_en)
            for number, (title, title_en, _count, _specs) in enumerate(demo.GWANGJU_2ND_AREAS, start=1)
        ]
    )
    titles = [
        [title for _spec, title, _groups in demo.expand(specs)] for _title, _en, _count, specs in demo.GWANGJU_2ND_AREAS
    ]
    tasks = []
    for index in range(task_count):
        area_index = index % len(areas)
        order = index // len(areas) + 1
        area_titles = titles[area_index]
        title = area_titles[(order - 1) % len(area_titles)]
        tasks.append(
            PolicyTask(
                area=areas[area_index],
                code=f"{area_index + 1}-{order:04d}",
                title=f"{title} ({order})",
                description="벤치마크용 합성 과제",
                responsible_department_id=departments[index % len(departments)],
                order=order,
            )
        )
    tasks = PolicyTask.objects.bulk_create(tasks, batch_size=1000)

    group_links = [
        PolicyTask.target_groups.through(policytask_id=task.pk, vulnerablegroup_id=rng.choice(groups))
        for task in tasks
        if groups and rng.random() < 0.7
    ]
    PolicyTask.target_groups.through.objects.bulk_create(group_links, batch_size=2000)
    PolicyTask.sdg_targets.through.objects.bulk_create(
        [PolicyTask.sdg_targets.through(policytask_id=task.pk, sdgtarget_id=rng.choice(targets)) for task in tasks],
        batch_size=2000,
    )

    planned: dict[tuple[int, int], int] = {}
    budgets = []
    for task in tasks:
        base = rng.randint(10, 3000)
        for offset, year in enumerate(plan.years):
            amount = min(3000, round(base * (1 + 0.05 * offset))) * 1_000_000
            planned[(task.pk, year)] = amount
            budgets.append(TaskBudget(task=task, year=year, planned_amount=amount))
    TaskBudget.objects.bulk_create(budgets, batch_size=2000)

    rounds = [
        ReportingRound(
            plan=plan,
            year=year,
            due_on=datetime.date(year + 1, 2, 28),
            opened_by=actor,
            opened_at=timezone.make_aware(datetime.datetime(year, 12, 2, 10)),
            closed_at=timezone.make_aware(datetime.datetime(year + 1, 4, 30, 10)),
        )
        for year in years[:-1]
    ]
    rounds.append(
        ReportingRound(
            plan=plan,
            year=years[-1],
            due_on=min(datetime.date(years[-1] + 1, 2, 28), today - datetime.timedelta(days=1)),
            opened_by=actor,
            opened_at=timezone.make_aware(datetime.datetime(years[-1], 12, 2, 10)),
        )
    )
    ReportingRound.objects.bulk_create(rounds)

    records = []
    year_states = [(year, CLOSED_YEAR_STATES) for year in years[:-1]] + [(years[-1], OPEN_YEAR_STATES)]
    for year, states in year_states:
        submitted_at = timezone.make_aware(datetime.datetime(year + 1, 1, 15, 10))
        reviewed_at = submitted_at + datetime.timedelta(days=30)
        for task in tasks:
            state = _pick(rng, states)
            blank = state == S.DRAFT and rng.random() < 0.5
            status = P.NOT_STARTED if blank else _pick(rng, STATUSES)
            fixed = {P.COMPLETED: 100, P.NOT_STARTED: 0}
            progress = fixed[status] if status in fixed else rng.randrange(10, 96, 5)
            budget = planned[(task.pk, year)]
            share = {P.COMPLETED: 0.95, P.ON_TRACK: 0.7, P.DELAYED: 0.3, P.NOT_STARTED: 0.0}[status]
            records.append(
                AnnualRecord(
                    task=task,
                    year=year,
                    planned_activities="" if blank else "상반기 세부계획 수립, 하반기 사업 추진",
                    budget_planned=budget,
                    budget_executed=round(budget * share * rng.uniform(0.8, 1.05) / 100_000) * 100_000
                    if status != P.NOT_STARTED
                    else 0,
                    progress=progress,
                    progress_status=status,
                    narrative="" if blank else rng.choice(demo.NARRATIVES[status]),
                    review_state=state,
                    office_comment=rng.choice(demo.RETURN_COMMENTS) if state == S.RETURNED else "",
                    submitted_at=None if state == S.DRAFT else submitted_at,
                    submitted_by=None if state == S.DRAFT else actor,
                    reviewed_at=reviewed_at if state in (S.CONFIRMED, S.RETURNED) else None,
                    reviewed_by=actor if state in (S.CONFIRMED, S.RETURNED) else None,
                )
            )
    AnnualRecord.objects.bulk_create(records, batch_size=2000)
    return {"tasks": len(tasks), "budgets": len(budgets), "records": len(records), "years": years}
