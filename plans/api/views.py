"""The plans REST API: reads as generic views fed by selectors, writes as one view per action.

The public reads adopted plans, their tasks, confirmed records and progress; every staff role
reads everything, drafts and the committee included; officials save and submit their own
department's records; the office manages plans, reviews records, records meetings and replies to
the committee's opinions. Every rule lives in ``plans.services``: its ``ValidationError`` becomes a
400 with field errors (``core/api/exceptions.py``), its ``PermissionDenied`` a 403.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from humanrights_portal.core import permissions
from humanrights_portal.core.api.permissions import predicate_permission
from humanrights_portal.core.api.schema import ERROR_403, ERROR_404, ERRORS_400, NOT_FOUND, OBJECT_ID
from plans import selectors, services
from plans.api import serializers
from plans.api.permissions import (
    CanManagePlans,
    CanReplyToReviewOpinions,
    CanReportOnTasks,
    IsStaffMember,
    ReadAnyoneWriteOffice,
    StaffReadsWritersWrite,
)
from plans.filters import AreaFilter, MeetingFilter, OpinionFilter, PlanFilter, RecordFilter, TaskFilter
from plans.models import (
    AnnualRecord,
    BasePlan,
    Committee,
    Meeting,
    PlanArea,
    PolicyTask,
    ReportingRound,
    ReviewOpinion,
)

UNKNOWN = _("There is no such item, or you may not see it.")

#: Follow-ups: the office links recommendations and findings to tasks and undoes such links.
CanManageFollowUps = predicate_permission(permissions.can_manage_follow_ups, "CanManageFollowUps")


class ReadAnyoneWriteFollowUps(CanManageFollowUps):
    """Anyone reads a task's follow-ups (scoped by the selector); the office links them."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or super().has_permission(request, view)


LIST_RESPONSES = {400: ERRORS_400, 403: ERROR_403}
PUBLIC_LIST_RESPONSES = {400: ERRORS_400}
ACTION_RESPONSES = {400: ERRORS_400, 403: ERROR_403, 404: ERROR_404}
CREATE_RESPONSES = {400: ERRORS_400, 403: ERROR_403}


class ReadAnyoneWriteReporters(BasePermission):
    """Anyone reads a record (the selector shows the public confirmed ones only); officials and the
    office save it, and the service decides whose department it is."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or permissions.can_report_on_tasks(request.user)


def _get(function, request, pk: int):
    try:
        return function(user=request.user, pk=pk)
    except ObjectDoesNotExist as error:
        raise exceptions.NotFound(NOT_FOUND) from error


def _lookup(queryset, pk, field: str):
    """An object named in a request body, or a 400 on that field."""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise exceptions.ValidationError({field: [UNKNOWN]})
    return found


# ---------------------------------------------------------------- plans


class PlanListView(generics.ListAPIView):
    """Basic plans, newest first (the public sees adopted and completed ones); ``POST`` creates a draft."""

    permission_classes = [ReadAnyoneWriteOffice]
    serializer_class = serializers.PlanListSerializer
    filterset_class = PlanFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return BasePlan.objects.none()
        return selectors.plan_list(user=self.request.user).order_by("-start_year", "title", "pk")

    @extend_schema(
        operation_id="plans_plan_list",
        responses={200: serializers.PlanListSerializer(many=True), **PUBLIC_LIST_RESPONSES},
        tags=["plans"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="plans_plan_create",
        request=serializers.PlanCreateSerializer,
        responses={201: serializers.PlanDetailSerializer, **CREATE_RESPONSES},
        tags=["plans"],
        filters=False,
    )
    def post(self, request):
        serializer = serializers.PlanCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = services.plan_create(actor=request.user, request=request, **serializer.validated_data)
        plan = selectors.plan_get(user=request.user, pk=plan.pk)
        return Response(serializers.PlanDetailSerializer(plan).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        operation_id="plans_plan_detail",
        parameters=[OBJECT_ID],
        responses={200: serializers.PlanDetailSerializer, 404: ERROR_404},
        tags=["plans"],
    )
)
class PlanDetailView(generics.RetrieveAPIView):
    """A plan with its areas (drafts for staff only)."""

    permission_classes = [AllowAny]
    serializer_class = serializers.PlanDetailSerializer

    def get_object(self):
        return _get(selectors.plan_get, self.request, self.kwargs["pk"])


class PlanProgressView(APIView):
    """Progress of a plan in a year: tasks per status, budget executed vs planned, per area and per
    department. The public sees confirmed records only. Feeds the dashboards."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="plans_plan_progress",
        parameters=[OBJECT_ID, serializers.ProgressQuerySerializer],
        responses={200: serializers.PlanProgressSerializer, 400: ERRORS_400, 404: ERROR_404},
        tags=["plans"],
    )
    def get(self, request, pk: int):
        plan = _get(selectors.plan_get, request, pk)
        query = serializers.ProgressQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data["year"]
        if year not in plan.years:
            raise exceptions.ValidationError(
                {
                    "year": [
                        _("The plan runs from %(start)s to %(end)s.") % {"start": plan.start_year, "end": plan.end_year}
                    ]
                }
            )
        progress = selectors.plan_progress(user=request.user, plan=plan, year=year)
        return Response(serializers.PlanProgressSerializer(progress).data)


class PlanAdoptView(APIView):
    """A draft plan becomes the city's adopted plan (public from then on)."""

    permission_classes = [CanManagePlans]

    @extend_schema(
        operation_id="plans_plan_adopt",
        parameters=[OBJECT_ID],
        request=serializers.PlanAdoptSerializer,
        responses={200: serializers.PlanDetailSerializer, **ACTION_RESPONSES},
        tags=["plans"],
    )
    def post(self, request, pk: int):
        plan = _get(selectors.plan_get, request, pk)
        serializer = serializers.PlanAdoptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.plan_adopt(plan=plan, actor=request.user, request=request, **serializer.validated_data)
        return Response(serializers.PlanDetailSerializer(selectors.plan_get(user=request.user, pk=pk)).data)


class PlanCompleteView(APIView):
    """An adopted plan whose period is over is marked completed."""

    permission_classes = [CanManagePlans]

    @extend_schema(
        operation_id="plans_plan_complete",
        parameters=[OBJECT_ID],
        request=None,
        responses={200: serializers.PlanDetailSerializer, **ACTION_RESPONSES},
        tags=["plans"],
    )
    def post(self, request, pk: int):
        plan = _get(selectors.plan_get, request, pk)
        services.plan_complete(plan=plan, actor=request.user, request=request)
        return Response(serializers.PlanDetailSerializer(selectors.plan_get(user=request.user, pk=pk)).data)


class PlanRoundOpenView(APIView):
    """Open a reporting year of an adopted plan: every task gets a draft record for its department."""

    permission_classes = [CanManagePlans]

    @extend_schema(
        operation_id="plans_round_open",
        parameters=[OBJECT_ID],
        request=serializers.RoundOpenSerializer,
        responses={201: serializers.RoundSerializer, **ACTION_RESPONSES},
        tags=["reporting"],
    )
    def post(self, request, pk: int):
        plan = _get(selectors.plan_get, request, pk)
        serializer = serializers.RoundOpenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reporting_round = services.reporting_round_open(
            plan=plan, actor=request.user, request=request, **serializer.validated_data
        )
        reporting_round = selectors.round_get(user=request.user, pk=reporting_round.pk)
        return Response(serializers.RoundSerializer(reporting_round).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- areas


class AreaListView(generics.ListAPIView):
    """Areas (goals, categories) of the plans the user may see; ``POST`` creates or updates the area
    with that number."""

    permission_classes = [ReadAnyoneWriteOffice]
    serializer_class = serializers.AreaListSerializer
    filterset_class = AreaFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return PlanArea.objects.none()
        return selectors.area_list(user=self.request.user)

    @extend_schema(
        operation_id="plans_area_list",
        responses={200: serializers.AreaListSerializer(many=True), **PUBLIC_LIST_RESPONSES},
        tags=["plans"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="plans_area_save",
        request=serializers.AreaSaveSerializer,
        responses={201: serializers.AreaSerializer, **CREATE_RESPONSES},
        tags=["plans"],
        filters=False,
    )
    def post(self, request):
        serializer = serializers.AreaSaveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        plan = _lookup(selectors.plan_list(user=request.user), data.pop("plan"), "plan")
        area = services.area_save(plan=plan, actor=request.user, request=request, **data)
        return Response(serializers.AreaSerializer(area).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- tasks


class TaskListView(generics.ListAPIView):
    """Policy tasks, filterable by plan, area, department, target group and SDG target;
    ``POST`` creates one (the office)."""

    permission_classes = [ReadAnyoneWriteOffice]
    serializer_class = serializers.TaskListSerializer
    filterset_class = TaskFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return PolicyTask.objects.none()
        return selectors.task_list(user=self.request.user)

    @extend_schema(
        operation_id="plans_task_list",
        responses={200: serializers.TaskListSerializer(many=True), **PUBLIC_LIST_RESPONSES},
        tags=["tasks"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="plans_task_create",
        request=serializers.TaskSaveSerializer,
        responses={201: serializers.TaskDetailSerializer, **CREATE_RESPONSES},
        tags=["tasks"],
        filters=False,
    )
    def post(self, request):
        serializer = serializers.TaskSaveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        area = _lookup(selectors.area_list(user=request.user), data.pop("area"), "area")
        for name in ("cooperating_departments", "target_groups", "sdg_targets"):
            if name in data:
                data[name] = list(data[name])
        task = services.task_save(area=area, actor=request.user, request=request, **data)
        task = selectors.task_get(user=request.user, pk=task.pk)
        return Response(
            serializers.TaskDetailSerializer(task, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="plans_task_detail",
        parameters=[OBJECT_ID],
        responses={200: serializers.TaskDetailSerializer, 404: ERROR_404},
        tags=["tasks"],
    )
)
class TaskDetailView(generics.RetrieveAPIView):
    """A task with its links, planned budgets and its records across the years (the public: confirmed)."""

    permission_classes = [AllowAny]
    serializer_class = serializers.TaskDetailSerializer

    def get_object(self):
        return _get(selectors.task_get, self.request, self.kwargs["pk"])


# ---------------------------------------------------------------- annual records


@extend_schema_view(
    get=extend_schema(
        operation_id="plans_record_list",
        responses={200: serializers.RecordListSerializer(many=True), **PUBLIC_LIST_RESPONSES},
        tags=["annual records"],
    )
)
class RecordListView(generics.ListAPIView):
    """Annual implementation records (staff: every review state; the public: confirmed only)."""

    permission_classes = [AllowAny]
    serializer_class = serializers.RecordListSerializer
    filterset_class = RecordFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return AnnualRecord.objects.none()
        return selectors.record_list(user=self.request.user)


def _record_response(request, pk: int) -> Response:
    record = _get(selectors.record_get, request, pk)
    return Response(serializers.RecordDetailSerializer(record, context={"request": request}).data)


class RecordDetailView(generics.RetrieveAPIView):
    """One annual record; ``POST`` saves what the department reports (its draft or returned record)."""

    permission_classes = [ReadAnyoneWriteReporters]
    serializer_class = serializers.RecordDetailSerializer

    def get_object(self):
        return _get(selectors.record_get, self.request, self.kwargs["pk"])

    @extend_schema(
        operation_id="plans_record_detail",
        parameters=[OBJECT_ID],
        responses={200: serializers.RecordDetailSerializer, 404: ERROR_404},
        tags=["annual records"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="plans_record_save",
        parameters=[OBJECT_ID],
        request=serializers.RecordSaveSerializer,
        responses={200: serializers.RecordDetailSerializer, **ACTION_RESPONSES},
        tags=["annual records"],
    )
    def post(self, request, pk: int):
        record = self.get_object()
        serializer = serializers.RecordSaveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.record_save(record=record, actor=request.user, request=request, **serializer.validated_data)
        return _record_response(request, pk)


class RecordSubmitView(APIView):
    """The department sends its record to the human rights office."""

    permission_classes = [CanReportOnTasks]

    @extend_schema(
        operation_id="plans_record_submit",
        parameters=[OBJECT_ID],
        request=serializers.RecordSubmitSerializer,
        responses={200: serializers.RecordDetailSerializer, **ACTION_RESPONSES},
        tags=["annual records"],
    )
    def post(self, request, pk: int):
        record = _get(selectors.record_get, request, pk)
        serializer = serializers.RecordSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.record_submit(record=record, actor=request.user, request=request, **serializer.validated_data)
        return _record_response(request, pk)


class RecordConfirmView(APIView):
    """The office accepts a submitted record (with an optional comment)."""

    permission_classes = [CanManagePlans]

    @extend_schema(
        operation_id="plans_record_confirm",
        parameters=[OBJECT_ID],
        request=serializers.RecordReviewSerializer,
        responses={200: serializers.RecordDetailSerializer, **ACTION_RESPONSES},
        tags=["annual records"],
    )
    def post(self, request, pk: int):
        record = _get(selectors.record_get, request, pk)
        serializer = serializers.RecordReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.record_confirm(record=record, actor=request.user, request=request, **serializer.validated_data)
        return _record_response(request, pk)


class RecordReturnView(APIView):
    """The office sends a record back to the department, saying what to change (``comment`` required)."""

    permission_classes = [CanManagePlans]

    @extend_schema(
        operation_id="plans_record_return",
        parameters=[OBJECT_ID],
        request=serializers.RecordReviewSerializer,
        responses={200: serializers.RecordDetailSerializer, **ACTION_RESPONSES},
        tags=["annual records"],
    )
    def post(self, request, pk: int):
        record = _get(selectors.record_get, request, pk)
        serializer = serializers.RecordReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.record_return(record=record, actor=request.user, request=request, **serializer.validated_data)
        return _record_response(request, pk)


# ---------------------------------------------------------------- reporting rounds


@extend_schema_view(
    get=extend_schema(
        operation_id="plans_round_list",
        responses={200: serializers.RoundSerializer(many=True), **LIST_RESPONSES},
        tags=["reporting"],
    )
)
class RoundListView(generics.ListAPIView):
    """Reporting rounds, open and closed (staff)."""

    permission_classes = [IsStaffMember]
    serializer_class = serializers.RoundSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return ReportingRound.objects.none()
        return selectors.round_list(user=self.request.user)


class RoundCompletionView(APIView):
    """Per department: records still draft or returned, submitted and confirmed in a reporting round."""

    permission_classes = [IsStaffMember]

    @extend_schema(
        operation_id="plans_round_completion",
        parameters=[OBJECT_ID],
        responses={200: serializers.DepartmentCompletionSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
        tags=["reporting"],
    )
    def get(self, request, pk: int):
        reporting_round = _get(selectors.round_get, request, pk)
        rows = selectors.round_completion(user=request.user, reporting_round=reporting_round)
        return Response(serializers.DepartmentCompletionSerializer(rows, many=True).data)


# ---------------------------------------------------------------- the committee


@extend_schema_view(
    get=extend_schema(
        operation_id="plans_committee_list",
        responses={200: serializers.CommitteeSerializer(many=True), **LIST_RESPONSES},
        tags=["committee"],
    )
)
class CommitteeListView(generics.ListAPIView):
    """Human rights committees with their numbers of members and meetings (staff)."""

    permission_classes = [IsStaffMember]
    serializer_class = serializers.CommitteeSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Committee.objects.none()
        return selectors.committee_list(user=self.request.user).order_by("name", "pk")


@extend_schema_view(
    get=extend_schema(
        operation_id="plans_committee_detail",
        parameters=[OBJECT_ID],
        responses={200: serializers.CommitteeDetailSerializer, 403: ERROR_403, 404: ERROR_404},
        tags=["committee"],
    )
)
class CommitteeDetailView(generics.RetrieveAPIView):
    """A committee with its members, past and current (staff)."""

    permission_classes = [IsStaffMember]
    serializer_class = serializers.CommitteeDetailSerializer

    def get_object(self):
        return _get(selectors.committee_get, self.request, self.kwargs["pk"])


class CommitteeMeetingRecordView(APIView):
    """Record a meeting of the committee with its agenda items, decisions and attendance (the office)."""

    permission_classes = [CanManagePlans]

    @extend_schema(
        operation_id="plans_meeting_record",
        parameters=[OBJECT_ID],
        request=serializers.MeetingRecordSerializer,
        responses={201: serializers.MeetingDetailSerializer, **ACTION_RESPONSES},
        tags=["committee"],
    )
    def post(self, request, pk: int):
        committee = _get(selectors.committee_get, request, pk)
        serializer = serializers.MeetingRecordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        members = {member.pk: member for member in committee.members.all()}
        unknown = [pk for pk in data["attendees"] if pk not in members]
        if unknown:
            raise exceptions.ValidationError(
                {"attendees": [_("Only members of this committee can attend its meetings.")]}
            )
        meeting = services.meeting_record(
            committee=committee,
            actor=request.user,
            held_on=data["held_on"],
            kind=data["kind"],
            title=data["title"],
            minutes=data["minutes"],
            agenda=[(row["item"], row["decision"]) for row in data["agenda"]],
            attendees=[members[pk] for pk in dict.fromkeys(data["attendees"])],
            request=request,
        )
        meeting = selectors.meeting_get(user=request.user, pk=meeting.pk)
        return Response(serializers.MeetingDetailSerializer(meeting).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        operation_id="plans_meeting_list",
        responses={200: serializers.MeetingListSerializer(many=True), **LIST_RESPONSES},
        tags=["committee"],
    )
)
class MeetingListView(generics.ListAPIView):
    """Committee meetings, newest first, filterable by committee, kind and year (staff)."""

    permission_classes = [IsStaffMember]
    serializer_class = serializers.MeetingListSerializer
    filterset_class = MeetingFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Meeting.objects.none()
        return selectors.meeting_list(user=self.request.user).order_by("-held_on", "-pk")


@extend_schema_view(
    get=extend_schema(
        operation_id="plans_meeting_detail",
        parameters=[OBJECT_ID],
        responses={200: serializers.MeetingDetailSerializer, 403: ERROR_403, 404: ERROR_404},
        tags=["committee"],
    )
)
class MeetingDetailView(generics.RetrieveAPIView):
    """A meeting with its agenda, decisions, attendance, minutes and the opinions adopted there (staff)."""

    permission_classes = [IsStaffMember]
    serializer_class = serializers.MeetingDetailSerializer

    def get_object(self):
        return _get(selectors.meeting_get, self.request, self.kwargs["pk"])


# ---------------------------------------------------------------- review opinions


class OpinionListView(generics.ListAPIView):
    """The committee's review opinions and the office's replies (staff); ``POST`` records one
    (committee members and the office)."""

    permission_classes = [StaffReadsWritersWrite]
    serializer_class = serializers.OpinionSerializer
    filterset_class = OpinionFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return ReviewOpinion.objects.none()
        return selectors.opinion_list(user=self.request.user)

    @extend_schema(
        operation_id="plans_opinion_list",
        responses={200: serializers.OpinionSerializer(many=True), **LIST_RESPONSES},
        tags=["committee"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="plans_opinion_submit",
        request=serializers.OpinionSubmitSerializer,
        responses={201: serializers.OpinionSerializer, **CREATE_RESPONSES},
        tags=["committee"],
        filters=False,
    )
    def post(self, request):
        user = request.user
        serializer = serializers.OpinionSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        opinion = services.opinion_submit(
            actor=user,
            committee=_lookup(selectors.committee_list(user=user), data["committee"], "committee"),
            meeting=_lookup(selectors.meeting_list(user=user), data["meeting"], "meeting"),
            plan=_lookup(selectors.plan_list(user=user), data["plan"], "plan"),
            task=_lookup(selectors.task_list(user=user), data["task"], "task"),
            record=_lookup(selectors.record_list(user=user), data["record"], "record"),
            text=data["text"],
            request=request,
        )
        opinion = selectors.opinion_list(user=user).get(pk=opinion.pk)
        return Response(serializers.OpinionSerializer(opinion).data, status=status.HTTP_201_CREATED)


class OpinionReplyView(APIView):
    """The office answers how it reflected an opinion."""

    permission_classes = [CanReplyToReviewOpinions]

    @extend_schema(
        operation_id="plans_opinion_reply",
        parameters=[OBJECT_ID],
        request=serializers.OpinionReplySerializer,
        responses={200: serializers.OpinionSerializer, **ACTION_RESPONSES},
        tags=["committee"],
    )
    def post(self, request, pk: int):
        opinions = selectors.opinion_list(user=request.user)
        opinion = _get(lambda user, pk: opinions.get(pk=pk), request, pk)
        serializer = serializers.OpinionReplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.opinion_reply(opinion=opinion, actor=request.user, request=request, **serializer.validated_data)
        return Response(serializers.OpinionSerializer(opinions.get(pk=pk)).data)


# ---------------------------------------------------------------- the closed loop: follow-ups


def _visible_task(*, user, pk: int) -> PolicyTask:
    return selectors.task_list(user=user).get(pk=pk)


class TaskFollowUpListView(APIView):
    """The recommendations and findings a task follows up; ``POST`` links one more (the office)."""

    permission_classes = [ReadAnyoneWriteFollowUps]

    @extend_schema(
        operation_id="plans_task_follow_up_list",
        parameters=[OBJECT_ID],
        responses={200: serializers.FollowUpSerializer(many=True), 404: ERROR_404},
        tags=["tasks"],
    )
    def get(self, request, pk: int):
        task = _get(_visible_task, request, pk)
        follow_ups = selectors.follow_up_list(user=request.user, task=task)
        return Response(serializers.FollowUpSerializer(follow_ups, many=True, context={"request": request}).data)

    @extend_schema(
        operation_id="plans_task_follow_up_link",
        parameters=[OBJECT_ID],
        request=serializers.FollowUpLinkSerializer,
        responses={201: serializers.FollowUpSerializer, **ACTION_RESPONSES},
        tags=["tasks"],
    )
    def post(self, request, pk: int):
        task = _get(_visible_task, request, pk)
        serializer = serializers.FollowUpLinkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        field = "recommendation" if data.get("recommendation") is not None else "finding"
        try:
            source = selectors.follow_up_source_get(user=request.user, **{field: data[field]})
        except ObjectDoesNotExist:
            raise exceptions.ValidationError({field: [UNKNOWN]}) from None
        follow_up = services.follow_up_link(
            task=task, actor=request.user, note=data.get("note", ""), request=request, **{field: source}
        )
        follow_up = selectors.follow_up_list(user=request.user, task=task).get(pk=follow_up.pk)
        return Response(
            serializers.FollowUpSerializer(follow_up, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class FollowUpDetailView(APIView):
    """Undo a follow-up link (the office); the task and its records stay."""

    permission_classes = [CanManageFollowUps]

    @extend_schema(
        operation_id="plans_follow_up_unlink",
        parameters=[OBJECT_ID],
        request=None,
        responses={204: None, 403: ERROR_403, 404: ERROR_404},
        tags=["tasks"],
    )
    def delete(self, request, pk: int):
        follow_up = _get(selectors.follow_up_get, request, pk)
        services.follow_up_unlink(follow_up=follow_up, actor=request.user, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)
