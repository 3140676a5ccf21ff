"""Reads of the SDG browse: the 17 goals and their targets with the plan tasks and indicators linked
to them (``PolicyTask.sdg_targets``, ``Indicator.sdg_targets``).

Public: tasks of draft plans are never counted or listed; a task's status is that of its latest
record the user may see (the public: confirmed records). Constant query counts: the goal list is one
aggregate query (plus the targets for the API), a goal's page four.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from humanrights_portal.core.models import SdgGoal, SdgTarget
from indicators.models import Indicator
from plans import selectors as plan_selectors
from plans.models import PlanStatus, PolicyTask

TaskTarget = PolicyTask.sdg_targets.through
IndicatorTarget = Indicator.sdg_targets.through


def _task_links() -> QuerySet:
    return TaskTarget.objects.exclude(policytask__area__plan__status=PlanStatus.DRAFT)


def _count(links: QuerySet, counted: str) -> Coalesce:
    rows = (
        links.filter(sdgtarget__goal=OuterRef("pk"))
        .order_by()
        .values("sdgtarget__goal")
        .annotate(count=Count(counted, distinct=True))
        .values("count")[:1]
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def sdg_goal_list(*, user, with_targets: bool = False) -> QuerySet[SdgGoal]:
    """The 17 goals with ``task_count`` and ``indicator_count`` (one query; the targets: one more)."""
    goals = SdgGoal.objects.annotate(
        task_count=_count(_task_links(), "policytask"),
        indicator_count=_count(IndicatorTarget.objects.all(), "indicator"),
    ).order_by("number")
    if with_targets:
        goals = goals.prefetch_related(Prefetch("targets", queryset=SdgTarget.objects.order_by("sort_order")))
    return goals


@dataclass
class TargetLinks:
    target: SdgTarget
    tasks: list = field(default_factory=list)
    indicators: list = field(default_factory=list)


@dataclass
class GoalDetail:
    goal: SdgGoal
    targets: list[TargetLinks]

    @property
    def task_count(self) -> int:
        return len({link.policytask_id for row in self.targets for link in row.tasks})

    @property
    def indicator_count(self) -> int:
        return len({link.indicator_id for row in self.targets for link in row.indicators})


def sdg_goal_detail(*, user, number: int) -> GoalDetail:
    """A goal, its targets, and for each target the tasks (with their latest status) and the
    indicators (with theirs) linked to it (4 queries). Raises ``SdgGoal.DoesNotExist``."""
    goal = SdgGoal.objects.get(number=number)
    targets = {target.pk: TargetLinks(target) for target in goal.targets.order_by("sort_order")}
    task_links = (
        _task_links()
        .filter(sdgtarget__goal=goal)
        .select_related("policytask__area__plan", "policytask__responsible_department")
        .annotate(**plan_selectors.latest_record_fields(user=user, task_ref="policytask_id"))
        .order_by("policytask__area__plan__title", "policytask__code", "policytask_id")
    )
    for link in task_links:
        targets[link.sdgtarget_id].tasks.append(link)
    indicator_links = (
        IndicatorTarget.objects.filter(sdgtarget__goal=goal)
        .select_related("indicator__framework")
        .order_by("indicator__framework__name", "indicator__code", "indicator_id")
    )
    for link in indicator_links:
        targets[link.sdgtarget_id].indicators.append(link)
    return GoalDetail(goal=goal, targets=list(targets.values()))
