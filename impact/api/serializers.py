"""Serializers of the impact API.

Input serializers only parse and type-check what a client sends; every rule (the workflow, who may
act on which assessment, what a checklist answer or a response needs) is checked by the service the
view calls, and its errors keep the service's keys (``answer-<criterion id>``, ``outcome_on``, …).

Output serializers read only what the selectors prepared (no per-row queries). The public sees
closed assessments through the ``Public…`` serializers; the staff serializers extend them with the
fields only staff see (``staff_only_fields``). The schema documents the staff serializer once, with
those fields not required (``StaffOnlyFieldsExtension``), so one schema describes both answers.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerExtension, OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from humanrights_portal.core import selectors as core_selectors
from humanrights_portal.core.models import User
from impact import workflow
from impact.models import (
    Answer,
    Assessment,
    AssessmentAttachment,
    AssessmentEvent,
    AssessmentStatus,
    ChecklistCriterion,
    ChecklistTemplate,
    CommitteeReview,
    CriterionAnswer,
    FacilityUse,
    Finding,
    Outcome,
    ResponseKind,
    RevisionKind,
    SubjectType,
)

MAX_ID = 2_147_483_647
MAX_TEXT = 20_000


@extend_schema_field(OpenApiTypes.STR)
class ChoiceLabelField(serializers.Field):
    """The label of a choice, in the request's language."""

    def __init__(self, choices, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)
        self.labels = dict(choices)

    def to_representation(self, value):
        return str(self.labels.get(value, "")) if value else ""


class EnumField(serializers.ChoiceField):
    """A choice documented as one named enum component (``enum_name``), shared by every field that
    uses the same choices, so the impact enums never collide with other apps' fields of the same name."""

    def __init__(self, choices, *, enum_name: str, **kwargs):
        super().__init__(choices=choices, **kwargs)
        self.enum_name = enum_name


class EnumFieldExtension(OpenApiSerializerFieldExtension):
    target_class = EnumField
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        values = [value for value in field.choices if value not in ("", None)]
        description = "\n".join(f"* `{value}` - {label}" for value, label in field.choices.items() if value)
        component = ResolvedComponent(
            name=field.enum_name,
            type=ResolvedComponent.SCHEMA,
            object=field.enum_name,
            schema={"type": "string", "enum": values, "description": description},
        )
        auto_schema.registry.register_on_missing(component)
        if field.allow_blank:
            return {"oneOf": [component.ref, {"type": "string", "enum": [""]}]}
        return component.ref


def _enum(choices, enum_name: str, **kwargs) -> EnumField:
    return EnumField(choices, enum_name=enum_name, **kwargs)


def _status_field(**kwargs) -> EnumField:
    return _enum(AssessmentStatus.choices, "ImpactAssessmentStatusEnum", **kwargs)


def _subject_type_field(**kwargs) -> EnumField:
    return _enum(SubjectType.choices, "ImpactSubjectTypeEnum", **kwargs)


def _outcome_field(**kwargs) -> EnumField:
    return _enum(Outcome.choices, "ImpactOutcomeEnum", **kwargs)


def _id_field(**kwargs):
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _text(max_length: int = MAX_TEXT, **kwargs):
    kwargs.setdefault("required", False)
    kwargs.setdefault("allow_blank", True)
    if not kwargs["required"]:
        kwargs.setdefault("default", "")
    return serializers.CharField(max_length=max_length, **kwargs)


class StaffOnlyFields:
    """Marks an output serializer whose ``staff_only_fields`` are left out for the public."""

    staff_only_fields: tuple[str, ...] = ()


class StaffOnlyFieldsExtension(OpenApiSerializerExtension):
    """In the schema, the staff-only fields of a serializer are documented but not required."""

    target_class = StaffOnlyFields
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        staff_only = set(self.target.staff_only_fields)
        if "required" in schema:
            schema["required"] = [name for name in schema["required"] if name not in staff_only]
            if not schema["required"]:
                del schema["required"]
        return schema


# ---------------------------------------------------------------- shared pieces


class ImpactDepartmentBriefSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name_ko = serializers.CharField(read_only=True)
    name_en = serializers.CharField(read_only=True)


class ImpactStaffMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    name = serializers.CharField(source="__str__", read_only=True)


class ImpactReferenceBriefSerializer(serializers.Serializer):
    """A right or a group of people (reference data)."""

    code = serializers.CharField(read_only=True)
    name_ko = serializers.CharField(read_only=True)
    name_en = serializers.CharField(read_only=True)


class ImpactTaskBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)


# ---------------------------------------------------------------- assessments: lists

PUBLIC_ASSESSMENT_FIELDS = [
    "id",
    "code",
    "year",
    "subject_type",
    "subject_type_label",
    "title",
    "department",
    "status",
    "status_label",
    "outcome",
    "outcome_label",
    "outcome_on",
    "closed_on",
    "public_summary",
]


class ImpactPublicAssessmentListSerializer(serializers.ModelSerializer):
    """A closed assessment in the public list."""

    subject_type = _subject_type_field(read_only=True)
    subject_type_label = ChoiceLabelField(SubjectType.choices, source="subject_type")
    department = ImpactDepartmentBriefSerializer(read_only=True)
    status = _status_field(read_only=True)
    status_label = ChoiceLabelField(AssessmentStatus.choices, source="status")
    outcome = _outcome_field(read_only=True, allow_blank=True, help_text=_("Empty until the outcome is recorded."))
    outcome_label = ChoiceLabelField(Outcome.choices, source="outcome")

    class Meta:
        model = Assessment
        fields = PUBLIC_ASSESSMENT_FIELDS
        read_only_fields = fields


class ImpactAssessmentListSerializer(StaffOnlyFields, ImpactPublicAssessmentListSerializer):
    """An assessment in the list; the public gets closed ones without the staff-only fields."""

    assessor = ImpactStaffMemberSerializer(read_only=True, allow_null=True)
    is_overdue = serializers.BooleanField(read_only=True)
    next_actor = serializers.SerializerMethodField()

    staff_only_fields = (
        "requested_on",
        "stage_deadline",
        "is_overdue",
        "next_actor",
        "findings_issued_on",
        "assessor",
    )

    class Meta(ImpactPublicAssessmentListSerializer.Meta):
        fields = [
            *PUBLIC_ASSESSMENT_FIELDS,
            "requested_on",
            "stage_deadline",
            "is_overdue",
            "next_actor",
            "findings_issued_on",
            "assessor",
        ]
        read_only_fields = fields

    @extend_schema_field(
        serializers.CharField(
            allow_null=True, help_text=_("Who acts next: office, department or committee; null when finished.")
        )
    )
    def get_next_actor(self, assessment) -> str | None:
        return workflow.NEXT_ACTOR.get(assessment.status)


# ---------------------------------------------------------------- assessments: one


class ImpactPublicFindingSerializer(serializers.ModelSerializer):
    """A finding, its recommendation and the department's response."""

    criterion = serializers.IntegerField(source="criterion_id", read_only=True, allow_null=True)
    criterion_number = serializers.SerializerMethodField()
    response = _enum(
        ResponseKind.choices,
        "ImpactResponseEnum",
        read_only=True,
        allow_blank=True,
        help_text=_("Empty until the department responds."),
    )
    response_label = ChoiceLabelField(ResponseKind.choices, source="response")

    class Meta:
        model = Finding
        fields = [
            "id",
            "number",
            "criterion",
            "criterion_number",
            "finding",
            "recommendation",
            "response",
            "response_label",
            "response_reason",
            "responded_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_criterion_number(self, finding) -> int | None:
        return finding.criterion.number if finding.criterion_id else None


class ImpactFindingSerializer(StaffOnlyFields, ImpactPublicFindingSerializer):
    """A finding, its recommendation and the department's response (who responded: staff only)."""

    assessment = serializers.IntegerField(source="assessment_id", read_only=True)
    responded_by = ImpactStaffMemberSerializer(read_only=True, allow_null=True)

    staff_only_fields = ("assessment", "created_at", "responded_by")

    class Meta(ImpactPublicFindingSerializer.Meta):
        fields = [*ImpactPublicFindingSerializer.Meta.fields, "assessment", "created_at", "responded_by"]
        read_only_fields = fields


class ImpactCriterionSerializer(serializers.ModelSerializer):
    right = ImpactReferenceBriefSerializer(read_only=True, allow_null=True)
    group = ImpactReferenceBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ChecklistCriterion
        fields = ["id", "template", "number", "section", "text", "guidance", "right", "group"]
        read_only_fields = fields


class ImpactAnswerSerializer(serializers.ModelSerializer):
    criterion = ImpactCriterionSerializer(read_only=True)
    answer = _enum(
        Answer.choices, "ImpactAnswerEnum", read_only=True, allow_blank=True, help_text=_("Empty: not answered yet.")
    )
    answer_label = ChoiceLabelField(Answer.choices, source="answer")

    class Meta:
        model = CriterionAnswer
        fields = ["criterion", "answer", "answer_label", "note", "updated_at"]
        read_only_fields = fields


class ImpactChecklistSectionSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    rows = ImpactAnswerSerializer(many=True, read_only=True)


class ImpactChecklistProgressSerializer(serializers.Serializer):
    total = serializers.IntegerField(read_only=True)
    answered = serializers.IntegerField(read_only=True)
    yes = serializers.IntegerField(read_only=True)
    no = serializers.IntegerField(read_only=True)
    partly = serializers.IntegerField(read_only=True)
    not_applicable = serializers.IntegerField(read_only=True)


class ImpactTemplateBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChecklistTemplate
        fields = ["id", "title", "version"]
        read_only_fields = fields


class ImpactEventSerializer(serializers.ModelSerializer):
    actor = ImpactStaffMemberSerializer(read_only=True)
    from_status = _status_field(read_only=True, allow_blank=True, help_text=_("Empty for the request itself."))
    to_status = _status_field(read_only=True)
    to_status_label = ChoiceLabelField(AssessmentStatus.choices, source="to_status")

    class Meta:
        model = AssessmentEvent
        fields = ["occurred_at", "from_status", "to_status", "to_status_label", "actor", "reason"]
        read_only_fields = fields


class ImpactCommitteeBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class ImpactMeetingBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    held_on = serializers.DateField(read_only=True)
    title = serializers.CharField(read_only=True)


class ImpactReviewSerializer(serializers.ModelSerializer):
    assessment = serializers.IntegerField(source="assessment_id", read_only=True)
    committee = ImpactCommitteeBriefSerializer(read_only=True)
    meeting = ImpactMeetingBriefSerializer(read_only=True, allow_null=True)
    conclusion = _enum(CommitteeReview.Conclusion.choices, "ImpactReviewConclusionEnum", read_only=True)
    conclusion_label = ChoiceLabelField(CommitteeReview.Conclusion.choices, source="conclusion")
    author = ImpactStaffMemberSerializer(read_only=True)

    class Meta:
        model = CommitteeReview
        fields = [
            "id",
            "assessment",
            "committee",
            "meeting",
            "conclusion",
            "conclusion_label",
            "text",
            "author",
            "submitted_at",
        ]
        read_only_fields = fields


class ImpactAttachmentSerializer(serializers.ModelSerializer):
    criterion = serializers.IntegerField(source="criterion_id", read_only=True, allow_null=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = AssessmentAttachment
        fields = ["id", "original_name", "content_type", "size", "criterion", "created_at", "download_url"]
        read_only_fields = fields

    def get_download_url(self, attachment) -> str:
        """The staff page that serves the file (signed-in staff only)."""
        return reverse("impact:attachment-download", args=[attachment.assessment_id, attachment.pk])


SUBJECT_OUTPUT_FIELDS = [
    "description",
    "revision_kind",
    "revision_kind_label",
    "article_numbers",
    "legislative_notice_start",
    "legislative_notice_end",
    "address",
    "facility_use",
    "facility_use_label",
    "step_free_entrance",
    "accessible_toilet",
    "lift_or_ramp",
    "tactile_guidance",
    "accessible_parking",
    "event_start",
    "event_end",
    "venue",
    "expected_attendance",
]

PUBLIC_DETAIL_FIELDS = [
    *PUBLIC_ASSESSMENT_FIELDS,
    *SUBJECT_OUTPUT_FIELDS,
    "findings_summary",
    "findings_issued_on",
    "outcome_summary",
    "findings",
]

STAFF_DETAIL_FIELDS = (
    "requested_by",
    "requested_on",
    "assessor",
    "stage_deadline",
    "is_overdue",
    "next_actor",
    "allowed_transitions",
    "checklist",
    "progress",
    "answers",
    "events",
    "reviews",
    "attachments",
    "related_tasks",
    "created_at",
    "updated_at",
)


class ImpactPublicAssessmentDetailSerializer(ImpactPublicAssessmentListSerializer):
    """A closed assessment as the public reads it: the subject, the findings with the department's
    responses and the outcome, never the checklist notes, the assessor or the history."""

    revision_kind = _enum(RevisionKind.choices, "ImpactRevisionKindEnum", read_only=True, allow_blank=True)
    revision_kind_label = ChoiceLabelField(RevisionKind.choices, source="revision_kind")
    facility_use = _enum(FacilityUse.choices, "ImpactFacilityUseEnum", read_only=True, allow_blank=True)
    facility_use_label = ChoiceLabelField(FacilityUse.choices, source="facility_use")
    findings = serializers.SerializerMethodField()

    class Meta(ImpactPublicAssessmentListSerializer.Meta):
        fields = PUBLIC_DETAIL_FIELDS
        read_only_fields = fields

    @extend_schema_field(ImpactFindingSerializer(many=True))
    def get_findings(self, assessment):
        serializer = ImpactFindingSerializer if self.context.get("staff") else ImpactPublicFindingSerializer
        return serializer(assessment.findings.all(), many=True).data


class ImpactAssessmentDetailSerializer(StaffOnlyFields, ImpactPublicAssessmentDetailSerializer):
    """One assessment; the public reads closed ones without the staff-only fields.

    ``answers`` is the checklist grouped by section, in criterion order (context ``sections``) and
    ``progress`` counts the answers (context ``progress``): the view reads both with the selectors.
    """

    requested_by = ImpactStaffMemberSerializer(read_only=True)
    assessor = ImpactStaffMemberSerializer(read_only=True, allow_null=True)
    is_overdue = serializers.BooleanField(read_only=True)
    next_actor = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()
    checklist = ImpactTemplateBriefSerializer(read_only=True, allow_null=True)
    progress = serializers.SerializerMethodField()
    answers = serializers.SerializerMethodField()
    events = ImpactEventSerializer(many=True, read_only=True)
    reviews = ImpactReviewSerializer(many=True, read_only=True)
    attachments = ImpactAttachmentSerializer(many=True, read_only=True)
    related_tasks = ImpactTaskBriefSerializer(many=True, read_only=True)

    staff_only_fields = STAFF_DETAIL_FIELDS

    class Meta(ImpactPublicAssessmentDetailSerializer.Meta):
        fields = [*PUBLIC_DETAIL_FIELDS, *STAFF_DETAIL_FIELDS]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_next_actor(self, assessment) -> str | None:
        return workflow.NEXT_ACTOR.get(assessment.status)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_transitions(self, assessment) -> list[str]:
        return [str(status) for status in workflow.allowed_transitions(assessment.status)]

    @extend_schema_field(ImpactChecklistProgressSerializer)
    def get_progress(self, assessment):
        return ImpactChecklistProgressSerializer(self.context.get("progress") or {}).data

    @extend_schema_field(ImpactChecklistSectionSerializer(many=True))
    def get_answers(self, assessment):
        return ImpactChecklistSectionSerializer(self.context.get("sections") or [], many=True).data


# ---------------------------------------------------------------- assessments: input


class ImpactSubjectSerializer(serializers.Serializer):
    """What is to be assessed. Fields of other subject types are cleared by the service."""

    subject_type = _subject_type_field()
    title = serializers.CharField(max_length=300)
    description = _text()
    revision_kind = _enum(
        RevisionKind.choices,
        "ImpactRevisionKindEnum",
        required=False,
        allow_blank=True,
        help_text=_("Ordinances and regulations."),
    )
    article_numbers = _text(200)
    legislative_notice_start = serializers.DateField(required=False, allow_null=True)
    legislative_notice_end = serializers.DateField(required=False, allow_null=True)
    address = _text(300, help_text=_("Buildings and facilities."))
    facility_use = _enum(FacilityUse.choices, "ImpactFacilityUseEnum", required=False, allow_blank=True)
    step_free_entrance = serializers.BooleanField(required=False, allow_null=True)
    accessible_toilet = serializers.BooleanField(required=False, allow_null=True)
    lift_or_ramp = serializers.BooleanField(required=False, allow_null=True)
    tactile_guidance = serializers.BooleanField(required=False, allow_null=True)
    accessible_parking = serializers.BooleanField(required=False, allow_null=True)
    event_start = serializers.DateField(required=False, allow_null=True, help_text=_("Public events."))
    event_end = serializers.DateField(required=False, allow_null=True)
    venue = _text(200)
    expected_attendance = serializers.IntegerField(min_value=0, max_value=MAX_ID, required=False, allow_null=True)
    related_tasks = serializers.ListField(
        child=_id_field(), required=False, max_length=200, help_text=_("Ids of related plan tasks.")
    )

    def validate_related_tasks(self, value: list[int]) -> list[int]:
        return list(dict.fromkeys(value))


class ImpactAssessmentRequestSerializer(ImpactSubjectSerializer):
    department = serializers.SlugRelatedField(
        slug_field="code",
        queryset=core_selectors.department_list(),
        help_text=_("Code of the department whose ordinance, policy, building or event it is."),
    )


class ImpactAssessmentUpdateSerializer(ImpactSubjectSerializer):
    """Only the fields sent are changed."""


class ImpactExpectedStatusSerializer(serializers.Serializer):
    expected_status = _status_field(
        required=False,
        allow_null=True,
        default=None,
        help_text=_(
            "The status the client last read. If the assessment has moved on in the meantime the "
            "answer is 409 Conflict and nothing changes."
        ),
    )


def _user_field(**kwargs):
    """A staff account by id (whether it may assess is the service's rule)."""
    return serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        pk_field=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        error_messages={"does_not_exist": _("There is no such account.")},
        **kwargs,
    )


class ImpactStartSerializer(ImpactExpectedStatusSerializer):
    assessor = _user_field(
        required=False, allow_null=True, default=None, help_text=_("Id of the assessor; default: you.")
    )


class ImpactAssignSerializer(serializers.Serializer):
    assessor = _user_field(help_text=_("Id of a member of the human rights office."))


class ImpactAnswerInputSerializer(serializers.Serializer):
    criterion = _id_field(help_text=_("Id of a criterion of the assessment's checklist."))
    answer = serializers.CharField(
        max_length=30,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("yes, no, partly, not_applicable, or empty for not answered yet."),
    )
    note = _text()


class ImpactChecklistSaveSerializer(serializers.Serializer):
    answers = ImpactAnswerInputSerializer(many=True, max_length=1000)

    def validate_answers(self, value: list[dict]) -> list[dict]:
        seen = set()
        for row in value:
            if row["criterion"] in seen:
                raise serializers.ValidationError(
                    _("Criterion %(id)s is given more than once.") % {"id": row["criterion"]}
                )
            seen.add(row["criterion"])
        return value


class ImpactFindingSaveSerializer(serializers.Serializer):
    criterion = _id_field(
        required=False,
        allow_null=True,
        help_text=_("Id of the criterion it concerns; null for a recommendation on the subject overall."),
    )
    finding = serializers.CharField(max_length=MAX_TEXT, allow_blank=True)
    recommendation = serializers.CharField(max_length=MAX_TEXT, allow_blank=True)


class ImpactFindingResponseSerializer(serializers.Serializer):
    response = _enum(
        ResponseKind.choices, "ImpactResponseEnum", allow_blank=True, help_text=_("Empty to clear the draft response.")
    )
    reason = _text(help_text=_("Required when the recommendation is not fully accepted."))


class ImpactIssueFindingsSerializer(ImpactExpectedStatusSerializer):
    summary = _text(help_text=_("The summary of the findings for the department."))


class ImpactNoteSerializer(ImpactExpectedStatusSerializer):
    note = _text(5000)


class ImpactOutcomeSerializer(ImpactExpectedStatusSerializer):
    outcome = _outcome_field()
    outcome_on = serializers.DateField()
    outcome_summary = _text(help_text=_("What changed (required unless not revised)."))


class ImpactReviewSubmitSerializer(serializers.Serializer):
    committee = _id_field()
    meeting = _id_field(required=False, allow_null=True, default=None)
    conclusion = _enum(CommitteeReview.Conclusion.choices, "ImpactReviewConclusionEnum")
    text = serializers.CharField(max_length=MAX_TEXT, allow_blank=True)


class ImpactCloseSerializer(ImpactExpectedStatusSerializer):
    public_summary = _text(help_text=_("The summary the public will read."))
    note = _text(5000)


class ImpactWithdrawSerializer(ImpactExpectedStatusSerializer):
    reason = _text(5000)


class ImpactAttachmentsAddSerializer(serializers.Serializer):
    attachments = serializers.ListField(child=serializers.FileField(allow_empty_file=False), max_length=20)
    criterion = _id_field(required=False, allow_null=True, default=None)


class ImpactConflictSerializer(serializers.Serializer):
    """A 409 response: the assessment moved on since the client read it."""

    detail = serializers.CharField()
    status = _status_field(read_only=True, help_text=_("The status it has now."))


# ---------------------------------------------------------------- checklist templates


class ImpactTemplateListSerializer(serializers.ModelSerializer):
    subject_type = _subject_type_field(read_only=True)
    subject_type_label = ChoiceLabelField(SubjectType.choices, source="subject_type")
    state = _enum(ChecklistTemplate.State.choices, "ImpactChecklistStateEnum", read_only=True)
    state_label = ChoiceLabelField(ChecklistTemplate.State.choices, source="state")
    criterion_count = serializers.IntegerField(read_only=True)
    assessment_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = ChecklistTemplate
        fields = [
            "id",
            "subject_type",
            "subject_type_label",
            "version",
            "title",
            "description",
            "state",
            "state_label",
            "published_at",
            "created_at",
            "criterion_count",
            "assessment_count",
        ]
        read_only_fields = fields


class ImpactPublicTemplateDetailSerializer(serializers.ModelSerializer):
    subject_type = _subject_type_field(read_only=True)
    subject_type_label = ChoiceLabelField(SubjectType.choices, source="subject_type")
    state = _enum(ChecklistTemplate.State.choices, "ImpactChecklistStateEnum", read_only=True)
    state_label = ChoiceLabelField(ChecklistTemplate.State.choices, source="state")
    criteria = ImpactCriterionSerializer(many=True, read_only=True)

    class Meta:
        model = ChecklistTemplate
        fields = [
            "id",
            "subject_type",
            "subject_type_label",
            "version",
            "title",
            "description",
            "state",
            "state_label",
            "published_at",
            "created_at",
            "criteria",
        ]
        read_only_fields = fields


class ImpactTemplateDetailSerializer(StaffOnlyFields, ImpactPublicTemplateDetailSerializer):
    """A checklist version with its criteria; ``created_by`` for staff only."""

    created_by = ImpactStaffMemberSerializer(read_only=True)

    staff_only_fields = ("created_by",)

    class Meta(ImpactPublicTemplateDetailSerializer.Meta):
        fields = [*ImpactPublicTemplateDetailSerializer.Meta.fields, "created_by"]
        read_only_fields = fields


class ImpactTemplateCreateSerializer(serializers.Serializer):
    subject_type = _subject_type_field()
    title = serializers.CharField(max_length=200, allow_blank=True)
    description = _text()
    copy_from = _id_field(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Id of the version to copy the criteria from; default: the version in use."),
    )


class ImpactTemplateUpdateSerializer(serializers.Serializer):
    """Only the fields sent are changed."""

    title = serializers.CharField(max_length=200, allow_blank=True, required=False)
    description = serializers.CharField(max_length=MAX_TEXT, allow_blank=True, required=False)


class ImpactCriterionSaveSerializer(serializers.Serializer):
    number = serializers.IntegerField(
        min_value=1, max_value=32767, required=False, allow_null=True, help_text=_("Default: the next number.")
    )
    section = serializers.CharField(max_length=100, allow_blank=True)
    text = serializers.CharField(max_length=MAX_TEXT, allow_blank=True)
    guidance = _text()
    right = serializers.SlugRelatedField(
        slug_field="code",
        queryset=core_selectors.right_category_list(),
        required=False,
        allow_null=True,
        help_text=_("Code of the right concerned."),
    )
    group = serializers.SlugRelatedField(
        slug_field="code",
        queryset=core_selectors.vulnerable_group_list(),
        required=False,
        allow_null=True,
        help_text=_("Code of the group of people concerned."),
    )


# ---------------------------------------------------------------- statistics


class ImpactStatisticsQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1990, max_value=2100, required=False, allow_null=True, default=None)
    subject_type = _subject_type_field(required=False, allow_null=True, allow_blank=True, default=None)


class ImpactFigureTotalSerializer(serializers.Serializer):
    """Assessments of one subject type and what became of them."""

    subject_type = _subject_type_field(read_only=True)
    subject_type_label = serializers.CharField(read_only=True)
    requested = serializers.IntegerField(read_only=True, help_text=_("Requests, withdrawn ones excluded."))
    assessed = serializers.IntegerField(read_only=True, help_text=_("Assessments whose findings were issued."))
    revised = serializers.IntegerField(read_only=True)
    partially_revised = serializers.IntegerField(read_only=True)
    not_revised = serializers.IntegerField(read_only=True)
    awaiting_outcome = serializers.IntegerField(read_only=True)
    with_outcome = serializers.IntegerField(read_only=True)
    revised_share = serializers.FloatField(
        read_only=True, allow_null=True, help_text=_("Revised, as a percentage of the assessments with an outcome.")
    )


class ImpactFigureRowSerializer(ImpactFigureTotalSerializer):
    """The same for one year."""

    year = serializers.IntegerField(read_only=True)


class ImpactFacilityRowSerializer(serializers.Serializer):
    year = serializers.IntegerField(read_only=True)
    facility_use = _enum(FacilityUse.choices, "ImpactFacilityUseEnum", read_only=True, allow_blank=True)
    facility_use_label = serializers.CharField(read_only=True)
    assessed = serializers.IntegerField(read_only=True)
    renovated = serializers.IntegerField(read_only=True)
    partially_renovated = serializers.IntegerField(read_only=True)
    not_renovated = serializers.IntegerField(read_only=True)


class ImpactFailedCriterionSerializer(serializers.Serializer):
    criterion_id = serializers.IntegerField(read_only=True)
    number = serializers.IntegerField(read_only=True)
    section = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)
    subject_type = _subject_type_field(read_only=True)
    subject_type_label = serializers.CharField(read_only=True)
    failed = serializers.IntegerField(read_only=True, help_text=_("Answered “no”."))
    partly = serializers.IntegerField(read_only=True, help_text=_("Answered “partly”."))
    answered = serializers.IntegerField(read_only=True, help_text=_("Answered, “not applicable” excluded."))
    failure_share = serializers.FloatField(read_only=True, allow_null=True)


class ImpactStatisticsSerializer(serializers.Serializer):
    """The yearly figures (e.g. 49 of 107 ordinances revised), buildings renovated by use (e.g. 22 of
    44 polling stations) and the criteria most often failed."""

    year = serializers.IntegerField(read_only=True, allow_null=True)
    subject_type = _subject_type_field(read_only=True, allow_null=True)
    rows = ImpactFigureRowSerializer(many=True, read_only=True)
    totals = ImpactFigureTotalSerializer(many=True, read_only=True)
    facilities = ImpactFacilityRowSerializer(many=True, read_only=True)
    failed_criteria = ImpactFailedCriterionSerializer(many=True, read_only=True)
    years = serializers.ListField(child=serializers.IntegerField(), read_only=True)
