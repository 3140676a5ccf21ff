"""Serializers of the indicators API.

Input serializers only parse and type-check what a client sends; every rule (plausible ranges,
periods, future years, stale versions, who may enter which indicator's values) is checked by the
service the view calls. Output serializers read only what the selector prepared (no per-row
queries) and never name staff members to the public.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from humanrights_portal.core import selectors as core_selectors
from humanrights_portal.core.api.serializers import SdgTargetBriefSerializer
from indicators.models import (
    Direction,
    DisaggregationCategory,
    DisaggregationDimension,
    FrameworkArea,
    FrameworkPhase,
    ImplementationTask,
    Indicator,
    IndicatorFramework,
    IndicatorStatus,
    IndicatorType,
    Measurement,
    MeasurementRevision,
    MeasurementState,
    Periodicity,
    PhaseTarget,
)

MAX_ID = 2_147_483_647
VALUE_DIGITS = {"max_digits": 18, "decimal_places": 4}
AREA_LABELS = IndicatorFramework._meta.get_field("area_label").choices


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


def _value_field(**kwargs):
    return serializers.DecimalField(**VALUE_DIGITS, **kwargs)


# ---------------------------------------------------------------- errors (for the schema)


# ---------------------------------------------------------------- shared pieces


class IndicatorDepartmentBriefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_ko = serializers.CharField()
    name_en = serializers.CharField()


class FrameworkBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorFramework
        fields = ["id", "name", "name_en", "organisation"]
        read_only_fields = fields


class IndicatorAreaBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = FrameworkArea
        fields = ["id", "number", "title", "title_en"]
        read_only_fields = fields


class ImplementationTaskBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImplementationTask
        fields = ["id", "number", "title"]
        read_only_fields = fields


class StatusCountsMixin(serializers.Serializer):
    indicator_count = serializers.IntegerField(read_only=True)
    achieved_count = serializers.IntegerField(read_only=True)
    on_track_count = serializers.IntegerField(read_only=True)
    off_track_count = serializers.IntegerField(read_only=True)
    no_data_count = serializers.IntegerField(read_only=True)


STATUS_COUNT_FIELDS = ["indicator_count", "achieved_count", "on_track_count", "off_track_count", "no_data_count"]


# ---------------------------------------------------------------- frameworks


class FrameworkListSerializer(StatusCountsMixin, serializers.ModelSerializer):
    area_count = serializers.IntegerField(read_only=True)
    area_label_display = ChoiceLabelField(AREA_LABELS, source="area_label")

    class Meta:
        model = IndicatorFramework
        fields = [
            "id",
            "name",
            "name_en",
            "organisation",
            "year_developed",
            "area_label",
            "area_label_display",
            "area_count",
            *STATUS_COUNT_FIELDS,
        ]
        read_only_fields = fields


class FrameworkAreaSerializer(StatusCountsMixin, serializers.ModelSerializer):
    sdg_goal = serializers.IntegerField(
        source="sdg_goal.number", read_only=True, allow_null=True, help_text=_("Number of the UN SDG goal.")
    )

    class Meta:
        model = FrameworkArea
        fields = ["id", "number", "title", "title_en", "sdg_goal", *STATUS_COUNT_FIELDS]
        read_only_fields = fields


class FrameworkPhaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = FrameworkPhase
        fields = ["id", "name", "start_year", "end_year"]
        read_only_fields = fields


class ImplementationTaskSerializer(serializers.ModelSerializer):
    area = serializers.IntegerField(source="area_id", read_only=True)

    class Meta:
        model = ImplementationTask
        fields = ["id", "number", "title", "area"]
        read_only_fields = fields


class DisaggregationCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = DisaggregationCategory
        fields = ["id", "code", "name_ko", "name_en", "order"]
        read_only_fields = fields


class DisaggregationDimensionSerializer(serializers.ModelSerializer):
    categories = DisaggregationCategorySerializer(many=True, read_only=True)

    class Meta:
        model = DisaggregationDimension
        fields = ["id", "code", "name_ko", "name_en", "categories"]
        read_only_fields = fields


class FrameworkDetailSerializer(serializers.ModelSerializer):
    area_label_display = ChoiceLabelField(AREA_LABELS, source="area_label")
    areas = FrameworkAreaSerializer(many=True, read_only=True)
    phases = FrameworkPhaseSerializer(many=True, read_only=True)
    implementation_tasks = ImplementationTaskSerializer(source="tasks", many=True, read_only=True)
    dimensions = DisaggregationDimensionSerializer(many=True, read_only=True)

    class Meta:
        model = IndicatorFramework
        fields = [
            "id",
            "name",
            "name_en",
            "organisation",
            "year_developed",
            "description",
            "development_process",
            "area_label",
            "area_label_display",
            "areas",
            "phases",
            "implementation_tasks",
            "dimensions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class FrameworkSaveSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    organisation = serializers.CharField(max_length=100)
    year_developed = _year_field(required=False, allow_null=True, default=None)
    description = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    development_process = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    area_label = serializers.ChoiceField(choices=AREA_LABELS, default="area")


# ---------------------------------------------------------------- indicators


class IndicatorListSerializer(serializers.ModelSerializer):
    framework = serializers.IntegerField(source="framework_id", read_only=True)
    area = IndicatorAreaBriefSerializer(read_only=True)
    responsible_department = IndicatorDepartmentBriefSerializer(read_only=True, allow_null=True)
    kind_label = ChoiceLabelField(IndicatorType.choices, source="kind")
    direction_label = ChoiceLabelField(Direction.choices, source="direction")
    periodicity_label = ChoiceLabelField(Periodicity.choices, source="periodicity")
    status_label = ChoiceLabelField(IndicatorStatus.choices, source="status")

    class Meta:
        model = Indicator
        fields = [
            "id",
            "framework",
            "area",
            "code",
            "name_ko",
            "name_en",
            "kind",
            "kind_label",
            "unit",
            "direction",
            "direction_label",
            "periodicity",
            "periodicity_label",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "responsible_department",
            "status",
            "status_label",
            "latest_value",
            "latest_year",
        ]
        read_only_fields = fields


class PhaseTargetSerializer(serializers.ModelSerializer):
    phase = FrameworkPhaseSerializer(read_only=True)

    class Meta:
        model = PhaseTarget
        fields = ["phase", "target_value"]
        read_only_fields = fields


class PlanTaskLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()


class SeriesPointSerializer(serializers.ModelSerializer):
    """A measurement inside its indicator (the public: verified ones only)."""

    period_label = serializers.CharField(read_only=True)
    category = serializers.IntegerField(source="category_id", read_only=True, allow_null=True)
    category_code = serializers.CharField(source="category.code", read_only=True, allow_null=True)
    dimension = serializers.CharField(source="category.dimension.code", read_only=True, allow_null=True)
    state_label = ChoiceLabelField(MeasurementState.choices, source="state")

    class Meta:
        model = Measurement
        fields = [
            "id",
            "year",
            "period",
            "period_label",
            "category",
            "category_code",
            "dimension",
            "value",
            "source_note",
            "state",
            "state_label",
            "version",
        ]
        read_only_fields = fields


class IndicatorDetailSerializer(IndicatorListSerializer):
    framework = FrameworkBriefSerializer(read_only=True)
    implementation_task = ImplementationTaskBriefSerializer(read_only=True, allow_null=True)
    sdg_targets = SdgTargetBriefSerializer(many=True, read_only=True)
    phase_targets = PhaseTargetSerializer(many=True, read_only=True)
    plan_tasks = serializers.SerializerMethodField(help_text=_("The plan tasks this indicator measures."))
    series = SeriesPointSerializer(source="measurements", many=True, read_only=True)

    class Meta(IndicatorListSerializer.Meta):
        fields = [
            *IndicatorListSerializer.Meta.fields,
            "implementation_task",
            "definition",
            "calculation",
            "plausible_min",
            "plausible_max",
            "data_source",
            "sdg_targets",
            "phase_targets",
            "plan_tasks",
            "series",
        ]
        read_only_fields = fields

    @extend_schema_field(PlanTaskLinkSerializer(many=True))
    def get_plan_tasks(self, indicator) -> list[dict]:
        tasks = self.context.get("plan_tasks", [])
        return PlanTaskLinkSerializer(tasks, many=True).data


def _codes(queryset_function, **kwargs):
    return serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=queryset_function(), required=False, **kwargs
    )


class IndicatorSaveSerializer(serializers.Serializer):
    framework = _id_field(help_text=_("Id of the framework."))
    area = _id_field(help_text=_("Id of an area (or goal) of the framework."))
    implementation_task = _id_field(
        required=False, allow_null=True, default=None, help_text=_("Id of an implementation task of the framework.")
    )
    code = serializers.CharField(max_length=20)
    name_ko = serializers.CharField(max_length=300)
    name_en = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    definition = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    calculation = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=IndicatorType.choices, default=IndicatorType.OUTCOME)
    unit = serializers.CharField(max_length=40)
    direction = serializers.ChoiceField(choices=Direction.choices, default=Direction.HIGHER)
    periodicity = serializers.ChoiceField(choices=Periodicity.choices, default=Periodicity.YEAR)
    baseline_value = _value_field(required=False, allow_null=True, default=None)
    baseline_year = _year_field(required=False, allow_null=True, default=None)
    target_value = _value_field(required=False, allow_null=True, default=None)
    target_year = _year_field(required=False, allow_null=True, default=None)
    plausible_min = _value_field(required=False, allow_null=True, default=None)
    plausible_max = _value_field(required=False, allow_null=True, default=None)
    data_source = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    responsible_department = serializers.SlugRelatedField(
        slug_field="code",
        queryset=core_selectors.department_list(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Code of the department."),
    )
    sdg_targets = _codes(core_selectors.sdg_target_list, help_text=_("Codes of SDG targets, e.g. 10.2."))


# ---------------------------------------------------------------- measurements


class MeasurementSerializer(SeriesPointSerializer):
    indicator = serializers.IntegerField(source="indicator_id", read_only=True)
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    framework = serializers.IntegerField(source="indicator.framework_id", read_only=True)

    class Meta(SeriesPointSerializer.Meta):
        fields = ["id", "indicator", "indicator_code", "framework", *SeriesPointSerializer.Meta.fields[1:]]
        read_only_fields = fields


class MeasurementSaveSerializer(serializers.Serializer):
    indicator = _id_field(help_text=_("Id of the indicator."))
    year = _year_field()
    period = serializers.IntegerField(
        min_value=0, max_value=12, default=0, help_text=_("0 for a yearly value; 1-4 for a quarter; 1-12 for a month.")
    )
    category = _id_field(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Id of a disaggregation category of the indicator's framework; null for the total."),
    )
    value = _value_field()
    source_note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("The version the client last read; a value changed in the meantime gives 400."),
    )


class MeasurementVerifySerializer(serializers.Serializer):
    ids = serializers.ListField(child=_id_field(), min_length=1, max_length=1000, help_text=_("Ids of draft values."))


class MeasurementVerifyResultSerializer(serializers.Serializer):
    verified = serializers.IntegerField(help_text=_("How many draft values were verified."))


class MeasurementRevisionSerializer(serializers.ModelSerializer):
    state_label = ChoiceLabelField(MeasurementState.choices, source="state")
    changed_by = serializers.StringRelatedField()

    class Meta:
        model = MeasurementRevision
        fields = ["id", "value", "source_note", "state", "state_label", "changed_by", "changed_at"]
        read_only_fields = fields


# ---------------------------------------------------------------- the dashboards' summary


class SummaryQuerySerializer(serializers.Serializer):
    framework = _id_field(required=False, allow_null=True, default=None, help_text=_("Id of one framework."))


class IndicatorStatusCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    achieved = serializers.IntegerField()
    on_track = serializers.IntegerField()
    off_track = serializers.IntegerField()
    no_data = serializers.IntegerField()


class IndicatorFrameworkSummarySerializer(IndicatorStatusCountsSerializer):
    framework_id = serializers.IntegerField()
    framework = serializers.CharField()


class IndicatorAreaSummarySerializer(IndicatorFrameworkSummarySerializer):
    area_id = serializers.IntegerField(allow_null=True)
    area = serializers.CharField()


class IndicatorStatusSummarySerializer(serializers.Serializer):
    frameworks = IndicatorFrameworkSummarySerializer(many=True)
    areas = IndicatorAreaSummarySerializer(many=True)
