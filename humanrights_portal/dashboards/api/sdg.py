"""``/api/v1/sdg-goals/``: the SDG browse — goals with the number of plan tasks and indicators linked
to them, and a goal's targets with those tasks and indicators and their status (public)."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from humanrights_portal.core.api.schema import ERROR_404, NOT_FOUND
from humanrights_portal.core.api.serializers import SdgTargetBriefSerializer
from humanrights_portal.core.models import SdgGoal
from humanrights_portal.dashboards import sdg


class SdgGoalSummarySerializer(serializers.ModelSerializer):
    """A goal with its targets (as ``/sdg-targets/``) and the number of tasks and indicators linked."""

    title = serializers.CharField(read_only=True)
    targets = SdgTargetBriefSerializer(many=True, read_only=True)
    task_count = serializers.IntegerField(read_only=True)
    indicator_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = SdgGoal
        fields = [
            "id",
            "number",
            "title",
            "title_ko",
            "title_en",
            "description_ko",
            "description_en",
            "targets",
            "task_count",
            "indicator_count",
        ]
        read_only_fields = fields


class SdgTaskSerializer(serializers.Serializer):
    """A plan task linked to a target, with the status of its latest record the caller may see."""

    id = serializers.IntegerField(source="policytask_id")
    code = serializers.CharField(source="policytask.code")
    title = serializers.CharField(source="policytask.title")
    plan = serializers.IntegerField(source="policytask.area.plan_id")
    plan_title = serializers.CharField(source="policytask.area.plan.title")
    department = serializers.CharField(source="policytask.responsible_department.code")
    latest_year = serializers.IntegerField(source="year", allow_null=True)
    latest_status = serializers.CharField(source="status", allow_null=True)
    latest_status_label = serializers.CharField(source="status_label", allow_null=True)


class SdgIndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="indicator_id")
    code = serializers.CharField(source="indicator.code")
    name = serializers.CharField(source="indicator.name")
    framework = serializers.IntegerField(source="indicator.framework_id")
    framework_name = serializers.CharField(source="indicator.framework.display_name")
    status = serializers.CharField(source="indicator.status")
    status_label = serializers.CharField(source="indicator.get_status_display")


class SdgTargetLinksSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="target.pk")
    code = serializers.CharField(source="target.code")
    title = serializers.CharField(source="target.title")
    title_ko = serializers.CharField(source="target.title_ko")
    title_en = serializers.CharField(source="target.title_en")
    tasks = SdgTaskSerializer(many=True)
    indicators = SdgIndicatorSerializer(many=True)


class SdgGoalDetailSerializer(serializers.Serializer):
    number = serializers.IntegerField(source="goal.number")
    title = serializers.CharField(source="goal.title")
    title_ko = serializers.CharField(source="goal.title_ko")
    title_en = serializers.CharField(source="goal.title_en")
    description_ko = serializers.CharField(source="goal.description_ko")
    description_en = serializers.CharField(source="goal.description_en")
    task_count = serializers.IntegerField()
    indicator_count = serializers.IntegerField()
    targets = SdgTargetLinksSerializer(many=True)


class SdgGoalListView(APIView):
    """The 17 goals with their targets and the number of plan tasks (not of draft plans) and
    indicators linked to each (2 queries)."""

    permission_classes = [AllowAny]

    @extend_schema(operation_id="sdg_goal_list", responses={200: SdgGoalSummarySerializer(many=True)}, tags=["sdgs"])
    def get(self, request):
        goals = sdg.sdg_goal_list(user=request.user, with_targets=True)
        return Response(SdgGoalSummarySerializer(goals, many=True).data)


class SdgGoalDetailView(APIView):
    """A goal's targets, each with the plan tasks (with their latest status) and indicators (with
    their status) linked to it (4 queries)."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="sdg_goal_detail",
        responses={200: SdgGoalDetailSerializer, 404: ERROR_404},
        tags=["sdgs"],
    )
    def get(self, request, number: int):
        try:
            detail = sdg.sdg_goal_detail(user=request.user, number=number)
        except SdgGoal.DoesNotExist:
            raise exceptions.NotFound(NOT_FOUND) from None
        return Response(SdgGoalDetailSerializer(detail).data)


urlpatterns = [
    path("sdg-goals/", SdgGoalListView.as_view(), name="api-sdg-goal-list"),
    path("sdg-goals/<int:number>/", SdgGoalDetailView.as_view(), name="api-sdg-goal-detail"),
]

# ``sdg-goals`` is already listed at the API root by the core app.
root_routes: list = []
