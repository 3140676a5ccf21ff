"""Serializers of the ombudsman API.

Input serializers only parse and type-check what a client sends; every rule of the workflow
is checked by the service the view calls. Output serializers never reach outside the rows the
selector prepared (no per-row queries) and show identity and internals only where the
permission predicates allow it.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from humanrights_portal.core import permissions
from humanrights_portal.core import selectors as core_selectors
from ombudsman import workflow
from ombudsman.models import (
    Attachment,
    CaseEvent,
    CaseStatus,
    Channel,
    Complaint,
    CounsellingSession,
    InternalNote,
    OnBehalfOf,
    Recommendation,
)


@extend_schema_field(OpenApiTypes.STR)
class ChoiceLabelField(serializers.Field):
    """The label of a choice, in the request's language.

    Faster than ``source="get_<field>_display"``: Django's display method rebuilds a dict of every
    (lazily translated) choice on each call, and DRF inspects the method's signature per row.
    """

    def __init__(self, choices, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)
        self.labels = dict(choices)

    def to_representation(self, value):
        return str(self.labels.get(value, value))


# ---------------------------------------------------------------- errors (for the schema)


# ---------------------------------------------------------------- shared pieces


def _reference_codes(queryset_function, **kwargs):
    return serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=queryset_function(), required=False, **kwargs
    )


class ReferenceSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_ko = serializers.CharField()
    name_en = serializers.CharField()


class PersonSerializer(serializers.Serializer):
    """A member of staff, as shown to other staff."""

    username = serializers.CharField()
    display_name = serializers.CharField()


class DepartmentBriefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_ko = serializers.CharField()
    name_en = serializers.CharField()


# ---------------------------------------------------------------- the citizen


class ComplaintSubmitSerializer(serializers.Serializer):
    """The public complaint form, as JSON or multipart (with ``attachments`` files)."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=20000)
    respondent_agency = serializers.CharField(max_length=200)
    is_anonymous = serializers.BooleanField(default=False)
    complainant_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    complainant_email = serializers.EmailField(max_length=254, required=False, allow_blank=True, default="")
    complainant_phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    on_behalf_of = serializers.ChoiceField(choices=OnBehalfOf.choices, default=OnBehalfOf.SELF)
    affected_party = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    incident_date = serializers.DateField(required=False, allow_null=True, default=None)
    incident_place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    respondent_department = serializers.SlugRelatedField(
        slug_field="code",
        queryset=core_selectors.department_list(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Code of the city department responsible, when known."),
    )
    rights = _reference_codes(core_selectors.right_category_list, help_text=_("Codes of the rights affected."))
    groups = _reference_codes(core_selectors.vulnerable_group_list, help_text=_("Codes of the groups concerned."))
    consent_personal_data = serializers.BooleanField(default=False)
    consent_sensitive_data = serializers.BooleanField(default=False)
    attachments = serializers.ListField(
        child=serializers.FileField(allow_empty_file=False), required=False, default=list, max_length=20
    )
    website = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        write_only=True,
        help_text=_("Leave empty (a field for robots)."),
    )

    def validate_website(self, value: str) -> str:
        if value:
            raise serializers.ValidationError(_("This field must be left empty."))
        return value

    def service_arguments(self) -> dict:
        """The validated data as ``services.complaint_submit`` takes it."""
        data = dict(self.validated_data)
        data.pop("website", None)
        data["rights"] = list(data.get("rights", []))
        data["groups"] = list(data.get("groups", []))
        return data


class CaseRegisterFromCounsellingSerializer(ComplaintSubmitSerializer):
    """A case registered by staff from a counselling session: title and description default to the session's."""

    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(max_length=20000, required=False)
    website = None

    def service_arguments(self) -> dict:
        data = super().service_arguments()
        for name in ("rights", "groups"):  # unset: the session's own
            if name not in self.initial_data:
                data.pop(name)
        return data


class ComplaintReceiptSerializer(serializers.Serializer):
    """The receipt: the only response that ever contains the secret key."""

    receipt_code = serializers.CharField()
    secret_key = serializers.CharField(help_text=_("Shown once; keep it to follow the complaint."))
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    received_at = serializers.DateTimeField()


class ComplaintCredentialsSerializer(serializers.Serializer):
    receipt_code = serializers.CharField(max_length=40)
    secret_key = serializers.CharField(max_length=100, trim_whitespace=True)


class ComplaintAddInformationSerializer(ComplaintCredentialsSerializer):
    text = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    attachments = serializers.ListField(
        child=serializers.FileField(allow_empty_file=False), required=False, default=list, max_length=20
    )


class ComplaintWithdrawSerializer(ComplaintCredentialsSerializer):
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class SurveySubmitSerializer(ComplaintCredentialsSerializer):
    fairness = serializers.IntegerField(min_value=1, max_value=5)
    speed = serializers.IntegerField(min_value=1, max_value=5)
    clarity = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class PublicTimelineEntrySerializer(serializers.Serializer):
    occurred_at = serializers.DateTimeField()
    label = serializers.CharField()
    message = serializers.CharField()


class PublicRecommendationSerializer(serializers.Serializer):
    agency = serializers.CharField()
    public_summary = serializers.CharField()
    issued_on = serializers.DateField()
    response = serializers.ChoiceField(choices=Recommendation.Response.choices)
    response_label = ChoiceLabelField(Recommendation.Response.choices, source="response")
    response_date = serializers.DateField(allow_null=True)
    implemented = serializers.BooleanField(allow_null=True)
    implemented_on = serializers.DateField(allow_null=True)


class PublicStatusSerializer(serializers.Serializer):
    """What the complainant sees: no notes, reasons, handler or staff names."""

    receipt_code = serializers.CharField()
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    status_label = serializers.SerializerMethodField()
    received_at = serializers.DateTimeField()
    timeline = PublicTimelineEntrySerializer(many=True)
    recommendations = PublicRecommendationSerializer(many=True)
    can_add_information = serializers.SerializerMethodField()
    can_withdraw = serializers.SerializerMethodField()
    can_answer_survey = serializers.SerializerMethodField()

    def get_status_label(self, status) -> str:
        return str(workflow.PUBLIC_STATUS_LABELS.get(status["complaint"].status, ""))

    def get_can_add_information(self, status) -> bool:
        return status["complaint"].is_open

    def get_can_withdraw(self, status) -> bool:
        return status["complaint"].status in workflow.WITHDRAWABLE_STATUSES

    def get_can_answer_survey(self, status) -> bool:
        complaint = status["complaint"]
        return complaint.status == CaseStatus.CLOSED and not hasattr(complaint, "satisfaction")


# ---------------------------------------------------------------- cases (staff)


class CaseListSerializer(serializers.ModelSerializer):
    """One row of the case list: no identity, no description (the selector defers it)."""

    status_label = ChoiceLabelField(CaseStatus.choices, source="status")
    channel_label = ChoiceLabelField(Channel.choices, source="channel")
    is_overdue = serializers.BooleanField(read_only=True)
    respondent_department = DepartmentBriefSerializer(read_only=True, allow_null=True)
    handler = PersonSerializer(read_only=True, allow_null=True)
    url = serializers.HyperlinkedIdentityField(
        view_name="api-case-detail", lookup_field="receipt_code", lookup_url_kwarg="receipt_code"
    )

    class Meta:
        model = Complaint
        fields = [
            "receipt_code",
            "url",
            "title",
            "status",
            "status_label",
            "channel",
            "channel_label",
            "received_at",
            "stage_deadline",
            "is_overdue",
            "closed_at",
            "respondent_agency",
            "respondent_department",
            "handler",
            "is_anonymous",
        ]
        read_only_fields = fields


class CaseEventSerializer(serializers.ModelSerializer):
    kind_label = ChoiceLabelField(CaseEvent.Kind.choices, source="kind")
    actor = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = CaseEvent
        fields = [
            "occurred_at",
            "kind",
            "kind_label",
            "from_status",
            "to_status",
            "actor",
            "reason",
            "public_message",
            "is_public",
        ]
        read_only_fields = fields


class RecommendationSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="complaint.receipt_code", read_only=True)
    response_label = ChoiceLabelField(Recommendation.Response.choices, source="response")
    issued_by = PersonSerializer(read_only=True)
    is_response_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "case",
            "agency",
            "text",
            "public_summary",
            "issued_on",
            "response_due",
            "is_response_overdue",
            "response",
            "response_label",
            "response_date",
            "response_text",
            "implemented",
            "implemented_on",
            "implementation_evidence",
            "issued_by",
        ]
        read_only_fields = fields


class CaseRecommendationSerializer(RecommendationSerializer):
    """A recommendation inside its case (the case code is the case's own)."""

    class Meta(RecommendationSerializer.Meta):
        fields = [name for name in RecommendationSerializer.Meta.fields if name != "case"]
        read_only_fields = fields


class InternalNoteSerializer(serializers.ModelSerializer):
    author = PersonSerializer(read_only=True)

    class Meta:
        model = InternalNote
        fields = ["id", "body", "author", "created_at"]
        read_only_fields = fields


class AttachmentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "original_name",
            "content_type",
            "extension",
            "size",
            "sha256",
            "source",
            "created_at",
            "removed_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, attachment) -> str | None:
        return None if attachment.removed_at else attachment.get_absolute_url()


class CaseCounsellingSerializer(serializers.ModelSerializer):
    counsellor = PersonSerializer(read_only=True)

    class Meta:
        model = CounsellingSession
        fields = ["id", "held_on", "channel", "topic", "outcome", "counsellor"]
        read_only_fields = fields


class ComplainantSerializer(serializers.ModelSerializer):
    """Who complained: the ombudsman role only, and every view is logged."""

    name = serializers.CharField(source="complainant_name")
    email = serializers.CharField(source="complainant_email")
    phone = serializers.CharField(source="complainant_phone")

    class Meta:
        model = Complaint
        fields = ["name", "email", "phone", "affected_party"]
        read_only_fields = fields


class SatisfactionSerializer(serializers.Serializer):
    fairness = serializers.IntegerField()
    speed = serializers.IntegerField()
    clarity = serializers.IntegerField()
    comment = serializers.CharField()
    submitted_at = serializers.DateTimeField()


class CaseDetailSerializer(CaseListSerializer):
    """One case. ``complainant`` is ``null`` outside the ombudsman role; ``notes`` and
    ``attachments`` are ``null`` for those who may not see a case's internals."""

    description = serializers.CharField(read_only=True)
    on_behalf_of_label = ChoiceLabelField(OnBehalfOf.choices, source="on_behalf_of")
    allowed_transitions = serializers.SerializerMethodField()
    rights = ReferenceSerializer(many=True, read_only=True)
    groups = ReferenceSerializer(many=True, read_only=True)
    registered_by = PersonSerializer(read_only=True, allow_null=True)
    complainant = serializers.SerializerMethodField()
    events = CaseEventSerializer(many=True, read_only=True)
    recommendations = CaseRecommendationSerializer(many=True, read_only=True)
    counselling_sessions = CaseCounsellingSerializer(many=True, read_only=True)
    notes = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    satisfaction = serializers.SerializerMethodField()

    class Meta(CaseListSerializer.Meta):
        fields = [
            *CaseListSerializer.Meta.fields,
            "description",
            "allowed_transitions",
            "on_behalf_of",
            "on_behalf_of_label",
            "incident_date",
            "incident_place",
            "rights",
            "groups",
            "consent_personal_data",
            "consent_sensitive_data",
            "consent_notice_version",
            "registered_by",
            "anonymised_at",
            "updated_at",
            "complainant",
            "events",
            "recommendations",
            "counselling_sessions",
            "notes",
            "attachments",
            "satisfaction",
        ]
        read_only_fields = fields

    def _user(self):
        return self.context["request"].user

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=CaseStatus.choices)))
    def get_allowed_transitions(self, complaint) -> list[str]:
        if not permissions.can_handle_complaints(self._user()):
            return []
        return list(workflow.allowed_transitions(complaint.status))

    @extend_schema_field(ComplainantSerializer(allow_null=True))
    def get_complainant(self, complaint):
        if not permissions.can_view_complainant_identity(self._user()):
            return None
        return ComplainantSerializer(complaint).data

    @extend_schema_field(InternalNoteSerializer(many=True, allow_null=True))
    def get_notes(self, complaint):
        if not permissions.can_view_case_internals(self._user()):
            return None
        return InternalNoteSerializer(complaint.notes.all(), many=True).data

    @extend_schema_field(AttachmentSerializer(many=True, allow_null=True))
    def get_attachments(self, complaint):
        if not permissions.can_view_case_internals(self._user()):
            return None
        return AttachmentSerializer(complaint.attachments.all(), many=True).data

    @extend_schema_field(SatisfactionSerializer(allow_null=True))
    def get_satisfaction(self, complaint):
        survey = getattr(complaint, "satisfaction", None)
        if survey is None:
            return None
        data = SatisfactionSerializer(survey).data
        if not permissions.can_view_case_internals(self._user()):
            data["comment"] = ""  # free text may name people
        return data


# ---------------------------------------------------------------- staff actions


class CaseTransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=CaseStatus.choices)
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    public_message = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    expected_status = serializers.ChoiceField(
        choices=CaseStatus.choices,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("The status the client last saw; a case changed in the meantime gives 400."),
    )


class CaseStatusSerializer(serializers.ModelSerializer):
    """A case's state after an action."""

    status_label = ChoiceLabelField(CaseStatus.choices, source="status")
    allowed_transitions = serializers.SerializerMethodField()
    handler = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Complaint
        fields = ["receipt_code", "status", "status_label", "stage_deadline", "allowed_transitions", "handler"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=CaseStatus.choices)))
    def get_allowed_transitions(self, complaint) -> list[str]:
        return list(workflow.allowed_transitions(complaint.status))


class CaseAssignSerializer(serializers.Serializer):
    handler = serializers.CharField(
        max_length=150, allow_null=True, help_text=_("Username of a member of the ombudsman role, or null.")
    )


class NoteAddSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=20000)


class RecommendationIssueSerializer(serializers.Serializer):
    agency = serializers.CharField(max_length=200)
    text = serializers.CharField(max_length=20000)
    public_summary = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    issued_on = serializers.DateField(required=False, allow_null=True, default=None)
    response_due = serializers.DateField()


class RecommendationResponseSerializer(serializers.Serializer):
    response = serializers.ChoiceField(
        choices=Recommendation.Response.choices, help_text=_("The agency's answer (not ``pending``).")
    )
    response_date = serializers.DateField()
    response_text = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")


class RecommendationImplementationSerializer(serializers.Serializer):
    implemented = serializers.BooleanField()
    implemented_on = serializers.DateField(required=False, allow_null=True, default=None)
    evidence = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")


# ---------------------------------------------------------------- counselling


class CounsellingSessionSerializer(serializers.ModelSerializer):
    channel_label = ChoiceLabelField(CounsellingSession.SessionChannel.choices, source="channel")
    outcome_label = ChoiceLabelField(CounsellingSession.Outcome.choices, source="outcome")
    counsellor = PersonSerializer(read_only=True)
    case = serializers.CharField(source="complaint.receipt_code", read_only=True, allow_null=True, default=None)
    groups = ReferenceSerializer(many=True, read_only=True)

    class Meta:
        model = CounsellingSession
        fields = [
            "id",
            "held_on",
            "channel",
            "channel_label",
            "topic",
            "summary",
            "outcome",
            "outcome_label",
            "groups",
            "counsellor",
            "case",
            "created_at",
        ]
        read_only_fields = fields


class CounsellingDetailSerializer(CounsellingSessionSerializer):
    rights = ReferenceSerializer(many=True, read_only=True)

    class Meta(CounsellingSessionSerializer.Meta):
        fields = [*CounsellingSessionSerializer.Meta.fields, "rights"]
        read_only_fields = fields


class CounsellingRecordSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=CounsellingSession.SessionChannel.choices)
    topic = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    outcome = serializers.ChoiceField(
        choices=CounsellingSession.Outcome.choices, default=CounsellingSession.Outcome.ADVICE_GIVEN
    )
    groups = _reference_codes(core_selectors.vulnerable_group_list)
    rights = _reference_codes(core_selectors.right_category_list)
    case = serializers.CharField(
        max_length=40, required=False, allow_null=True, default=None, help_text=_("Receipt code of a related case.")
    )


# ---------------------------------------------------------------- statistics


class StatisticsQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1900, max_value=2100, required=False, allow_null=True, default=None)


class StatisticsRowSerializer(serializers.Serializer):
    key = serializers.CharField(allow_null=True)
    label = serializers.CharField()
    count = serializers.IntegerField(
        allow_null=True, help_text=_("Null when the cell is too small to publish (public statistics).")
    )


class ImplementationCountsSerializer(serializers.Serializer):
    yes = serializers.IntegerField()
    no = serializers.IntegerField()
    unknown = serializers.IntegerField()


class SatisfactionSummarySerializer(serializers.Serializer):
    answers = serializers.IntegerField(allow_null=True)
    fairness = serializers.FloatField(allow_null=True)
    speed = serializers.FloatField(allow_null=True)
    clarity = serializers.FloatField(allow_null=True)


class CaseStatisticsSerializer(serializers.Serializer):
    """The fields of ``selectors.CaseStatistics``."""

    year = serializers.IntegerField(allow_null=True)
    counselling_sessions = serializers.IntegerField()
    cases_received = serializers.IntegerField()
    cases_closed = serializers.IntegerField()
    open_cases = serializers.IntegerField()
    overdue_cases = serializers.IntegerField()
    by_status = StatisticsRowSerializer(many=True)
    by_year = StatisticsRowSerializer(many=True)
    by_right = StatisticsRowSerializer(many=True)
    by_group = StatisticsRowSerializer(many=True)
    by_agency = StatisticsRowSerializer(many=True)
    by_channel = StatisticsRowSerializer(many=True)
    handling_days_median = serializers.FloatField(allow_null=True)
    handling_days_p90 = serializers.FloatField(allow_null=True)
    recommendations_by_response = StatisticsRowSerializer(many=True)
    recommendations_implemented = ImplementationCountsSerializer()
    satisfaction = SatisfactionSummarySerializer()
    min_cell = serializers.IntegerField()
    suppressed = serializers.ListField(child=serializers.CharField())
