"""Serializers of the plans API.

Input serializers only parse and type-check what a client sends; every rule (periods, the review
workflow, who may edit which record) is checked by the service the view calls. Output serializers
read only what the selector prepared (no per-row queries) and hide the office's comments and
staff names from the public.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from humanrights_portal.core import permissions
from humanrights_portal.core import selectors as core_selectors
from humanrights_portal.core.api.serializers import SdgTargetBriefSerializer
from plans import workflow
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
    ProgressStatus,
    ReportingRound,
    ReviewOpinion,
    ReviewState,
    TaskBudget,
)

MAX_ID = 2_147_483_647
MAX_AMOUNT = 10**15  # KRW; far above any municipal budget, well inside a bigint


@extend_schema_field(OpenApiTypes.STR)
class ChoiceLabelField(serializers.Field):
    """The label of a choice, in the request's language."""

    def __init__(self, choices, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)
        self.labels = dict(choices)

    def to_representation(self, value):
        return str(self.labels.get(value, value))


def _id_field(**kwargs):
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _year_field(**kwargs):
    return serializers.IntegerField(min_value=1990, max_value=2100, **kwargs)


def _is_staff(serializer) -> bool:
    request = serializer.context.get("request")
    return bool(request and permissions.is_staff_member(request.user))


# ---------------------------------------------------------------- errors (for the schema)


# ---------------------------------------------------------------- shared pieces


class ResponsibleDepartmentSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_ko = serializers.CharField()
    name_en = serializers.CharField()


class TargetGroupSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_ko = serializers.CharField()
    name_en = serializers.CharField()


class StaffMemberSerializer(serializers.Serializer):
    username = serializers.CharField()
    display_name = serializers.CharField()


class PlanBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = BasePlan
        fields = ["id", "title", "start_year", "end_year"]
        read_only_fields = fields


class AreaBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanArea
        fields = ["id", "number", "title"]
        read_only_fields = fields


class TaskBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = PolicyTask
        fields = ["id", "code", "title"]
        read_only_fields = fields


# ---------------------------------------------------------------- plans and areas


class PlanListSerializer(serializers.ModelSerializer):
    status_label = ChoiceLabelField(PlanStatus.choices, source="status")
    area_count = serializers.IntegerField(read_only=True)
    task_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = BasePlan
        fields = [
            "id",
            "title",
            "title_en",
            "organisation",
            "start_year",
            "end_year",
            "status",
            "status_label",
            "adopted_on",
            "area_kind",
            "area_count",
            "task_count",
        ]
        read_only_fields = fields


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanArea
        fields = ["id", "plan", "number", "title", "description"]
        read_only_fields = fields


class AreaListSerializer(AreaSerializer):
    task_count = serializers.IntegerField(read_only=True)

    class Meta(AreaSerializer.Meta):
        fields = [*AreaSerializer.Meta.fields, "task_count"]
        read_only_fields = fields


class PlanAreaInPlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanArea
        fields = ["id", "number", "title", "description"]
        read_only_fields = fields


class PlanDetailSerializer(serializers.ModelSerializer):
    status_label = ChoiceLabelField(PlanStatus.choices, source="status")
    areas = PlanAreaInPlanSerializer(many=True, read_only=True)

    class Meta:
        model = BasePlan
        fields = [
            "id",
            "title",
            "title_en",
            "organisation",
            "start_year",
            "end_year",
            "vision",
            "status",
            "status_label",
            "adopted_on",
            "area_kind",
            "drafting_process",
            "areas",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PlanCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    title_en = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    organisation = serializers.CharField(max_length=100)
    start_year = _year_field()
    end_year = _year_field()
    vision = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    area_kind = serializers.ChoiceField(choices=AreaKind.choices, default=AreaKind.AREA)
    drafting_process = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")


class PlanAdoptSerializer(serializers.Serializer):
    adopted_on = serializers.DateField()


class AreaSaveSerializer(serializers.Serializer):
    plan = _id_field()
    number = serializers.IntegerField(min_value=1, max_value=999)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")


# ---------------------------------------------------------------- progress roll-ups


class RollUpSerializer(serializers.Serializer):
    key = serializers.IntegerField(allow_null=True, help_text=_("Id of the area or department; null for the plan."))
    label = serializers.CharField()
    tasks = serializers.IntegerField()
    records = serializers.IntegerField()
    not_started = serializers.IntegerField()
    on_track = serializers.IntegerField()
    delayed = serializers.IntegerField()
    completed = serializers.IntegerField()
    confirmed = serializers.IntegerField()
    budget_planned = serializers.IntegerField()
    budget_executed = serializers.IntegerField()
    average_progress = serializers.FloatField(allow_null=True)
    completed_percent = serializers.FloatField(allow_null=True)
    execution_percent = serializers.FloatField(allow_null=True)


class PlanProgressSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    total = RollUpSerializer()
    by_area = RollUpSerializer(many=True)
    by_department = RollUpSerializer(many=True)


class ProgressQuerySerializer(serializers.Serializer):
    year = _year_field(help_text=_("A year within the plan's period."))


# ---------------------------------------------------------------- tasks


class TaskListSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="area.plan_id", read_only=True)
    area = AreaBriefSerializer(read_only=True)
    responsible_department = ResponsibleDepartmentSerializer(read_only=True)

    class Meta:
        model = PolicyTask
        fields = ["id", "code", "title", "plan", "area", "responsible_department", "order"]
        read_only_fields = fields


class BudgetSerializer(serializers.ModelSerializer):
    class Meta:
        model = TaskBudget
        fields = ["year", "planned_amount"]
        read_only_fields = fields


class RecordInTaskSerializer(serializers.ModelSerializer):
    """A record inside its task: the office's comment for staff only."""

    progress_status_label = ChoiceLabelField(ProgressStatus.choices, source="progress_status")
    review_state_label = ChoiceLabelField(ReviewState.choices, source="review_state")
    office_comment = serializers.SerializerMethodField()

    class Meta:
        model = AnnualRecord
        fields = [
            "id",
            "year",
            "planned_activities",
            "budget_planned",
            "budget_executed",
            "progress",
            "progress_status",
            "progress_status_label",
            "narrative",
            "review_state",
            "review_state_label",
            "office_comment",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_office_comment(self, record) -> str | None:
        return record.office_comment if _is_staff(self) else None


class TaskFollowUpRowSerializer(serializers.Serializer):
    """A follow-up inside the task's detail (``loop_follow_ups`` computed by the selector)."""

    id = serializers.IntegerField()
    note = serializers.CharField()
    recommendation = serializers.IntegerField(allow_null=True)
    agency = serializers.CharField(allow_null=True)
    recommendation_text = serializers.CharField(allow_null=True)
    issued_on = serializers.CharField(allow_null=True)
    receipt_code = serializers.CharField(allow_null=True, required=False)
    finding = serializers.IntegerField(allow_null=True)
    finding_number = serializers.IntegerField(allow_null=True)
    finding_text = serializers.CharField(allow_null=True)
    finding_recommendation = serializers.CharField(allow_null=True)
    assessment = serializers.IntegerField(allow_null=True)
    assessment_code = serializers.CharField(allow_null=True)
    assessment_title = serializers.CharField(allow_null=True)


class TaskDetailSerializer(TaskListSerializer):
    plan = PlanBriefSerializer(source="area.plan", read_only=True)
    cooperating_departments = ResponsibleDepartmentSerializer(many=True, read_only=True)
    target_groups = TargetGroupSerializer(many=True, read_only=True)
    sdg_targets = SdgTargetBriefSerializer(many=True, read_only=True)
    budgets = BudgetSerializer(many=True, read_only=True)
    records = RecordInTaskSerializer(many=True, read_only=True)
    follow_ups = serializers.SerializerMethodField()

    class Meta(TaskListSerializer.Meta):
        fields = [
            *TaskListSerializer.Meta.fields,
            "description",
            "cooperating_departments",
            "target_groups",
            "sdg_targets",
            "budgets",
            "records",
            "follow_ups",
        ]
        read_only_fields = fields

    @extend_schema_field(TaskFollowUpRowSerializer(many=True))
    def get_follow_ups(self, task) -> list:
        """The recommendations and findings the task follows up (computed by ``plans.selectors.task_get``)."""
        return [{"receipt_code": None, **row} for row in getattr(task, "loop_follow_ups", None) or []]


def _codes(queryset_function, **kwargs):
    return serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=queryset_function(), required=False, **kwargs
    )


class TaskSaveSerializer(serializers.Serializer):
    area = _id_field(help_text=_("Id of the plan area."))
    code = serializers.CharField(max_length=20)
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    responsible_department = serializers.SlugRelatedField(
        slug_field="code", queryset=core_selectors.department_list(), help_text=_("Code of the department.")
    )
    cooperating_departments = _codes(core_selectors.department_list, help_text=_("Codes of departments."))
    target_groups = _codes(core_selectors.vulnerable_group_list, help_text=_("Codes of vulnerable groups."))
    sdg_targets = _codes(core_selectors.sdg_target_list, help_text=_("Codes of SDG targets, e.g. 10.2."))
    budgets = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=MAX_AMOUNT),
        required=False,
        help_text=_('Planned budget (KRW) per year, e.g. {"2019": 150000000}.'),
    )
    order = serializers.IntegerField(min_value=0, max_value=MAX_ID, default=0)

    def validate_budgets(self, value: dict) -> dict[int, int]:
        budgets = {}
        for year, amount in value.items():
            if not str(year).isdigit() or not 1990 <= int(year) <= 2100:
                raise serializers.ValidationError(_("Years are written as four digits, e.g. 2019."))
            budgets[int(year)] = amount
        return budgets


# ---------------------------------------------------------------- annual records


class RecordListSerializer(serializers.ModelSerializer):
    task = TaskBriefSerializer(read_only=True)
    plan = serializers.IntegerField(source="task.area.plan_id", read_only=True)
    area = serializers.IntegerField(source="task.area_id", read_only=True)
    department = ResponsibleDepartmentSerializer(source="task.responsible_department", read_only=True)
    progress_status_label = ChoiceLabelField(ProgressStatus.choices, source="progress_status")
    review_state_label = ChoiceLabelField(ReviewState.choices, source="review_state")
    office_comment = serializers.SerializerMethodField()

    class Meta:
        model = AnnualRecord
        fields = [
            "id",
            "task",
            "plan",
            "area",
            "department",
            "year",
            "planned_activities",
            "budget_planned",
            "budget_executed",
            "progress",
            "progress_status",
            "progress_status_label",
            "narrative",
            "review_state",
            "review_state_label",
            "office_comment",
            "submitted_at",
            "reviewed_at",
            "updated_at",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_office_comment(self, record) -> str | None:
        return record.office_comment if _is_staff(self) else None


class RecordDetailSerializer(RecordListSerializer):
    allowed_transitions = serializers.SerializerMethodField()

    class Meta(RecordListSerializer.Meta):
        fields = [*RecordListSerializer.Meta.fields, "allowed_transitions"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=ReviewState.choices)))
    def get_allowed_transitions(self, record) -> list[str]:
        return list(workflow.TRANSITIONS.get(record.review_state, ()))


class RecordSaveSerializer(serializers.Serializer):
    """Only the fields sent are changed; ``version`` is the one the client last read."""

    version = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    planned_activities = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    budget_planned = serializers.IntegerField(min_value=0, max_value=MAX_AMOUNT, required=False)
    budget_executed = serializers.IntegerField(min_value=0, max_value=MAX_AMOUNT, required=False)
    progress = serializers.IntegerField(min_value=0, max_value=100, required=False)
    progress_status = serializers.ChoiceField(choices=ProgressStatus.choices, required=False)
    narrative = serializers.CharField(max_length=20000, required=False, allow_blank=True)


class RecordSubmitSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("The version the client last read; a record changed in the meantime gives 400."),
    )


class RecordReviewSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")


# ---------------------------------------------------------------- reporting rounds


class RoundSerializer(serializers.ModelSerializer):
    plan = PlanBriefSerializer(read_only=True)
    is_open = serializers.BooleanField(read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = ReportingRound
        fields = ["id", "plan", "year", "due_on", "opened_at", "closed_at", "is_open", "is_overdue"]
        read_only_fields = fields


class RoundOpenSerializer(serializers.Serializer):
    year = _year_field()
    due_on = serializers.DateField()


class DepartmentCompletionSerializer(serializers.Serializer):
    department_id = serializers.IntegerField()
    department = serializers.CharField()
    records = serializers.IntegerField()
    draft = serializers.IntegerField()
    submitted = serializers.IntegerField()
    confirmed = serializers.IntegerField()
    returned = serializers.IntegerField()
    to_do = serializers.IntegerField()
    done_percent = serializers.FloatField()


# ---------------------------------------------------------------- the committee


class CommitteeSerializer(serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True)
    meeting_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Committee
        fields = [
            "id",
            "name",
            "name_en",
            "organisation",
            "description",
            "established_year",
            "term_years",
            "regular_meetings_per_year",
            "member_count",
            "meeting_count",
        ]
        read_only_fields = fields


class MemberSerializer(serializers.ModelSerializer):
    role_label = ChoiceLabelField(CommitteeMember.Role.choices, source="role")
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = CommitteeMember
        fields = ["id", "name", "role", "role_label", "affiliation", "term_start", "term_end", "is_current"]
        read_only_fields = fields


class CommitteeDetailSerializer(serializers.ModelSerializer):
    members = MemberSerializer(many=True, read_only=True)

    class Meta:
        model = Committee
        fields = [
            "id",
            "name",
            "name_en",
            "organisation",
            "description",
            "established_year",
            "term_years",
            "regular_meetings_per_year",
            "members",
        ]
        read_only_fields = fields


class CommitteeBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Committee
        fields = ["id", "name"]
        read_only_fields = fields


class MeetingListSerializer(serializers.ModelSerializer):
    committee = CommitteeBriefSerializer(read_only=True)
    kind_label = ChoiceLabelField(Meeting.Kind.choices, source="kind")
    attendance = serializers.IntegerField(read_only=True)
    items = serializers.IntegerField(read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "committee", "held_on", "kind", "kind_label", "title", "attendance", "items"]
        read_only_fields = fields


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["number", "title", "decision"]
        read_only_fields = fields


class AttendeeSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommitteeMember
        fields = ["id", "name", "role", "affiliation"]
        read_only_fields = fields


class OpinionInMeetingSerializer(serializers.ModelSerializer):
    plan = PlanBriefSerializer(read_only=True)
    task = TaskBriefSerializer(read_only=True, allow_null=True)
    reflection_label = ChoiceLabelField(ReviewOpinion.Reflection.choices, source="reflection")

    class Meta:
        model = ReviewOpinion
        fields = ["id", "plan", "task", "record", "text", "reflection", "reflection_label", "office_reply"]
        read_only_fields = fields


class MeetingDetailSerializer(serializers.ModelSerializer):
    committee = CommitteeBriefSerializer(read_only=True)
    kind_label = ChoiceLabelField(Meeting.Kind.choices, source="kind")
    agenda = AgendaItemSerializer(many=True, read_only=True)
    attendees = AttendeeSerializer(many=True, read_only=True)
    opinions = OpinionInMeetingSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "committee",
            "held_on",
            "kind",
            "kind_label",
            "title",
            "minutes",
            "agenda",
            "attendees",
            "opinions",
        ]
        read_only_fields = fields


class AgendaInputSerializer(serializers.Serializer):
    item = serializers.CharField(max_length=300)
    decision = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")


class MeetingRecordSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    kind = serializers.ChoiceField(choices=Meeting.Kind.choices, default=Meeting.Kind.REGULAR)
    title = serializers.CharField(max_length=200)
    minutes = serializers.CharField(max_length=100000, required=False, allow_blank=True, default="")
    agenda = AgendaInputSerializer(many=True, required=False, default=list, max_length=50)
    attendees = serializers.ListField(
        child=_id_field(),
        required=False,
        default=list,
        max_length=500,
        help_text=_("Ids of the committee's members who attended."),
    )


# ---------------------------------------------------------------- review opinions


class RecordBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnnualRecord
        fields = ["id", "year"]
        read_only_fields = fields


class MeetingBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["id", "held_on", "title"]
        read_only_fields = fields


class OpinionSerializer(serializers.ModelSerializer):
    committee = CommitteeBriefSerializer(read_only=True)
    meeting = MeetingBriefSerializer(read_only=True, allow_null=True)
    plan = PlanBriefSerializer(read_only=True)
    task = TaskBriefSerializer(read_only=True, allow_null=True)
    record = RecordBriefSerializer(read_only=True, allow_null=True)
    author = StaffMemberSerializer(read_only=True)
    replied_by = StaffMemberSerializer(read_only=True, allow_null=True)
    reflection_label = ChoiceLabelField(ReviewOpinion.Reflection.choices, source="reflection")

    class Meta:
        model = ReviewOpinion
        fields = [
            "id",
            "committee",
            "meeting",
            "plan",
            "task",
            "record",
            "text",
            "author",
            "submitted_at",
            "reflection",
            "reflection_label",
            "office_reply",
            "replied_at",
            "replied_by",
        ]
        read_only_fields = fields


class OpinionSubmitSerializer(serializers.Serializer):
    committee = _id_field()
    meeting = _id_field(required=False, allow_null=True, default=None)
    plan = _id_field()
    task = _id_field(required=False, allow_null=True, default=None)
    record = _id_field(required=False, allow_null=True, default=None)
    text = serializers.CharField(max_length=20000)


class OpinionReplySerializer(serializers.Serializer):
    reflection = serializers.ChoiceField(
        choices=ReviewOpinion.Reflection.choices, help_text=_("How the opinion was reflected (not ``pending``).")
    )
    reply = serializers.CharField(max_length=20000)


# ---------------------------------------------------------------- the closed loop: follow-ups


class FollowUpRecommendationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    agency = serializers.CharField()
    text = serializers.CharField()
    issued_on = serializers.DateField()
    receipt_code = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_receipt_code(self, recommendation) -> str | None:
        """The case, for those who may see cases (ombudsman, office, committee); null for others."""
        request = self.context.get("request")
        if request is not None and permissions.can_view_cases(request.user):
            return recommendation.complaint.receipt_code
        return None


class FollowUpFindingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    finding = serializers.CharField()
    recommendation = serializers.CharField()
    assessment = serializers.IntegerField(source="assessment_id")
    assessment_code = serializers.CharField(source="assessment.code")
    assessment_title = serializers.CharField(source="assessment.title")


class FollowUpSerializer(serializers.ModelSerializer):
    """A task following up a recommendation or a finding (exactly one of the two is set)."""

    task = TaskBriefSerializer(read_only=True)
    recommendation = FollowUpRecommendationSerializer(read_only=True, allow_null=True)
    finding = FollowUpFindingSerializer(read_only=True, allow_null=True)

    class Meta:
        from plans.models import FollowUp

        model = FollowUp
        fields = ["id", "task", "recommendation", "finding", "note", "created_at"]
        read_only_fields = fields


class FollowUpLinkSerializer(serializers.Serializer):
    """Link the task of the URL to one recommendation or one finding (ids)."""

    recommendation = _id_field(required=False, allow_null=True, help_text=_("Id of an ombudsman recommendation."))
    finding = _id_field(required=False, allow_null=True, help_text=_("Id of an impact-assessment finding."))
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")

    def validate(self, attrs):
        if (attrs.get("recommendation") is None) == (attrs.get("finding") is None):
            raise serializers.ValidationError(
                {"non_field_errors": [_("Give exactly one of recommendation and finding.")]}
            )
        return attrs
