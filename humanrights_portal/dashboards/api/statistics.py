"""``/api/v1/statistics/…``: the figures of the dashboards, for their charts and for anyone else.

Six read-only endpoints, one per panel of the dashboards (plans, indicators, ombudsman, impact) plus
the trends over the years and who is left behind. Each reads the query string with the dashboards'
own ``DashboardFilterForm`` (``year``, ``department``, ``area``, ``group``) and calls the same
selector as the HTML pages, so a chart and the table beside it can never disagree.

Everyone may call them (``AllowAny``); the *audience* decides what is returned. Staff (any portal
role) get the staff figures unless they ask for ``audience=public``; everyone else gets the public
figures (confirmed records, verified values, small cells suppressed) whatever they ask for. Every
response starts with the filters applied and the audience served.
"""

from __future__ import annotations

from dataclasses import asdict

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from humanrights_portal.core import permissions
from humanrights_portal.core.api.schema import ERRORS_400
from humanrights_portal.dashboards import selectors
from humanrights_portal.dashboards.forms import DashboardFilterForm
from humanrights_portal.dashboards.selectors import DashboardFilters

PUBLIC = "public"
STAFF = "staff"
AUDIENCES = (PUBLIC, STAFF)

# ---------------------------------------------------------------- serializers: the envelope


class StatisticsFiltersSerializer(serializers.Serializer):
    """The filters applied (the year is the default one when none was asked for)."""

    year = serializers.IntegerField()
    department = serializers.CharField(allow_null=True, help_text=_("Department code."))
    area = serializers.IntegerField(allow_null=True, help_text=_("Plan area id."))
    group = serializers.CharField(allow_null=True, help_text=_("Vulnerable group code."))

    def to_representation(self, instance: DashboardFilters):
        return {
            "year": instance.year,
            "department": instance.department.code if instance.department is not None else None,
            "area": instance.area.pk if instance.area is not None else None,
            "group": instance.group.code if instance.group is not None else None,
        }


class StatisticsEnvelopeSerializer(serializers.Serializer):
    filters = StatisticsFiltersSerializer()
    audience = serializers.ChoiceField(
        choices=AUDIENCES,
        help_text=_("Whose figures these are: public (what anyone may see) or staff."),
    )


# ---------------------------------------------------------------- serializers: plans


class StatisticsRollUpSerializer(serializers.Serializer):
    """Progress of a group of tasks in the year: annual records per status, budgets (KRW), progress."""

    key = serializers.IntegerField(allow_null=True, help_text=_("Area or department id; null for a plan's total."))
    label = serializers.CharField(allow_null=True)
    tasks = serializers.IntegerField()
    records = serializers.IntegerField(help_text=_("Annual records of the year."))
    not_started = serializers.IntegerField()
    on_track = serializers.IntegerField()
    delayed = serializers.IntegerField()
    completed = serializers.IntegerField()
    confirmed = serializers.IntegerField(help_text=_("Records confirmed by the office."))
    budget_planned = serializers.IntegerField()
    budget_executed = serializers.IntegerField()
    average_progress = serializers.FloatField(allow_null=True)
    completed_percent = serializers.FloatField(allow_null=True, help_text=_("Completed, as a percentage of the tasks."))
    execution_percent = serializers.FloatField(
        allow_null=True, help_text=_("Executed, as a percentage of the planned budget.")
    )


class StatisticsPlanSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="plan.pk")
    title = serializers.CharField(source="plan.title")
    total = StatisticsRollUpSerializer(source="progress.total")
    by_area = StatisticsRollUpSerializer(source="progress.by_area", many=True)
    by_department = StatisticsRollUpSerializer(source="progress.by_department", many=True)


class StatisticsPlansSerializer(StatisticsEnvelopeSerializer):
    plans = StatisticsPlanSerializer(many=True)


# ---------------------------------------------------------------- serializers: indicators


class StatisticsIndicatorRowSerializer(serializers.Serializer):
    framework_id = serializers.IntegerField()
    framework = serializers.CharField()
    area_id = serializers.IntegerField(allow_null=True)
    area = serializers.CharField()
    total = serializers.IntegerField()
    achieved = serializers.IntegerField()
    on_track = serializers.IntegerField()
    off_track = serializers.IntegerField()
    no_data = serializers.IntegerField()


class StatisticsIndicatorsSerializer(StatisticsEnvelopeSerializer):
    rows = StatisticsIndicatorRowSerializer(many=True)


# ---------------------------------------------------------------- serializers: ombudsman


class StatisticsCountSerializer(serializers.Serializer):
    key = serializers.JSONField(allow_null=True, help_text=_("A code, an id or a year (a name for agencies)."))
    label = serializers.CharField()
    count = serializers.IntegerField(allow_null=True, help_text=_("Null when the cell is too small to publish."))


class StatisticsImplementationSerializer(serializers.Serializer):
    yes = serializers.IntegerField()
    no = serializers.IntegerField()
    unknown = serializers.IntegerField()


class StatisticsSatisfactionSerializer(serializers.Serializer):
    answers = serializers.IntegerField(allow_null=True)
    fairness = serializers.FloatField(allow_null=True)
    speed = serializers.FloatField(allow_null=True)
    clarity = serializers.FloatField(allow_null=True)


class StatisticsOmbudsmanSerializer(StatisticsEnvelopeSerializer):
    """The fields of ``ombudsman.selectors.CaseStatistics`` for the year."""

    counselling_sessions = serializers.IntegerField()
    cases_received = serializers.IntegerField()
    cases_closed = serializers.IntegerField()
    open_cases = serializers.IntegerField()
    overdue_cases = serializers.IntegerField()
    by_status = StatisticsCountSerializer(many=True)
    by_year = StatisticsCountSerializer(many=True, help_text=_("Cases received in every year."))
    by_right = StatisticsCountSerializer(many=True)
    by_group = StatisticsCountSerializer(many=True)
    by_channel = StatisticsCountSerializer(many=True)
    by_agency = StatisticsCountSerializer(many=True, help_text=_("Staff only: empty for the public."))
    handling_days_median = serializers.FloatField(allow_null=True)
    handling_days_p90 = serializers.FloatField(allow_null=True)
    recommendations_by_response = StatisticsCountSerializer(many=True)
    recommendations_implemented = StatisticsImplementationSerializer()
    satisfaction = StatisticsSatisfactionSerializer()
    min_cell = serializers.IntegerField(help_text=_("Smallest count published (0: nothing suppressed)."))
    suppressed = serializers.ListField(
        child=serializers.CharField(), help_text=_("The figures with cells too small to publish.")
    )


# ---------------------------------------------------------------- serializers: impact


class StatisticsFigureRowSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text=_("0 in the totals over the years."))
    subject_type = serializers.CharField()
    subject_type_label = serializers.CharField()
    requested = serializers.IntegerField(help_text=_("Requests, withdrawn ones excluded."))
    assessed = serializers.IntegerField(help_text=_("Assessments whose findings were issued."))
    revised = serializers.IntegerField()
    partially_revised = serializers.IntegerField()
    not_revised = serializers.IntegerField()
    awaiting_outcome = serializers.IntegerField()


class StatisticsFacilityRowSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    facility_use = serializers.CharField(allow_blank=True)
    facility_use_label = serializers.CharField(allow_blank=True)
    assessed = serializers.IntegerField()
    renovated = serializers.IntegerField()
    partially_renovated = serializers.IntegerField()
    not_renovated = serializers.IntegerField()


class StatisticsFailedCriterionSerializer(serializers.Serializer):
    criterion_id = serializers.IntegerField()
    number = serializers.IntegerField()
    section = serializers.CharField(allow_blank=True)
    text = serializers.CharField()
    subject_type = serializers.CharField()
    subject_type_label = serializers.CharField()
    failed = serializers.IntegerField(help_text=_("Answered “no”."))
    partly = serializers.IntegerField(help_text=_("Answered “partly”."))
    answered = serializers.IntegerField(help_text=_("Answered, “not applicable” excluded."))
    failure_share = serializers.FloatField(allow_null=True, help_text=_("Failed, as a percentage of the answers."))


class StatisticsImpactSerializer(StatisticsEnvelopeSerializer):
    rows = StatisticsFigureRowSerializer(many=True)
    totals = StatisticsFigureRowSerializer(many=True)
    facilities = StatisticsFacilityRowSerializer(many=True)
    failed_criteria = StatisticsFailedCriterionSerializer(many=True)


# ---------------------------------------------------------------- serializers: trends, groups


class StatisticsTrendRowSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    records = serializers.IntegerField()
    tasks_completed = serializers.IntegerField()
    completion_percent = serializers.FloatField(allow_null=True)
    budget_planned = serializers.IntegerField()
    budget_executed = serializers.IntegerField()
    execution_percent = serializers.FloatField(allow_null=True)
    indicators_measured = serializers.IntegerField()
    indicators_improved = serializers.IntegerField()
    indicators_worsened = serializers.IntegerField()
    cases_received = serializers.IntegerField(allow_null=True, help_text=_("Null when too small to publish."))
    cases_closed = serializers.IntegerField(allow_null=True, help_text=_("Null when too small to publish."))
    assessed = serializers.IntegerField()
    revised = serializers.IntegerField()


class StatisticsTrendsSerializer(StatisticsEnvelopeSerializer):
    rows = StatisticsTrendRowSerializer(many=True)


class StatisticsGroupGapSerializer(serializers.Serializer):
    indicator_id = serializers.IntegerField()
    indicator_code = serializers.CharField()
    indicator_name = serializers.CharField()
    unit = serializers.CharField(allow_blank=True)
    direction = serializers.CharField(help_text=_("higher or lower: which way is better."))
    year = serializers.IntegerField()
    dimension = serializers.CharField()
    category = serializers.CharField()
    group_code = serializers.CharField(allow_null=True)
    value = serializers.DecimalField(max_digits=None, decimal_places=None)
    total = serializers.DecimalField(max_digits=None, decimal_places=None)
    gap = serializers.DecimalField(max_digits=None, decimal_places=None, help_text=_("Value minus total."))
    is_behind = serializers.BooleanField(help_text=_("Worse than the total."))


class StatisticsGroupsSerializer(StatisticsEnvelopeSerializer):
    rows = StatisticsGroupGapSerializer(many=True)


# ---------------------------------------------------------------- views

YEAR = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": 1900, "maximum": 2100},
    description=_("A year with data (default: the latest finished year with data)."),
)
DEPARTMENT = OpenApiParameter("department", str, description=_("Department code."))
AREA = OpenApiParameter(
    "area", {"type": "integer", "minimum": 1, "maximum": 2147483647}, description=_("Plan area id.")
)
GROUP = OpenApiParameter("group", str, description=_("Vulnerable group code."))
AUDIENCE = OpenApiParameter(
    "audience",
    str,
    enum=list(AUDIENCES),
    description=_(
        "Whose figures: staff (default for staff accounts) or public (default for everyone else). "
        "Only staff accounts get staff figures; others asking for them get the public ones."
    ),
)


#: Every endpoint accepts (and validates) every filter; each says which ones narrow its figures.
FILTERS = [YEAR, DEPARTMENT, AREA, GROUP]


def _read_query(request) -> tuple[DashboardFilters, bool]:
    """The filters and whether to serve the public figures; invalid parameters → 400 per field."""
    form = DashboardFilterForm(data=request.query_params)
    errors = {}
    if not form.is_valid():
        errors.update({field: list(messages) for field, messages in form.errors.items()})
    asked = request.query_params.get("audience", "")
    if asked not in ("", *AUDIENCES):
        errors["audience"] = [_("Choose public or staff.")]
    if errors:
        raise exceptions.ValidationError(errors)
    public = asked == PUBLIC or not permissions.is_staff_member(request.user)
    return form.filters(), public


def _statistics_schema(operation_id: str, serializer, parameters, description: str):
    return extend_schema(
        operation_id=operation_id,
        description=description,
        parameters=[*parameters, AUDIENCE],
        responses={200: serializer, 400: ERRORS_400},
        tags=["statistics"],
    )


class StatisticsView(APIView):
    """A statistics endpoint: filters and audience read, the selector's figures returned."""

    permission_classes = [AllowAny]
    serializer_class: type[serializers.Serializer]

    def figures(self, *, user, filters: DashboardFilters, public: bool) -> dict:
        raise NotImplementedError

    def get(self, request):
        filters, public = _read_query(request)
        data = {
            "filters": filters,
            "audience": PUBLIC if public else STAFF,
            **self.figures(user=request.user, filters=filters, public=public),
        }
        return Response(self.serializer_class(data).data)


class PlanStatisticsView(StatisticsView):
    serializer_class = StatisticsPlansSerializer

    @_statistics_schema(
        "statistics_plans",
        StatisticsPlansSerializer,
        FILTERS,
        _(
            "Progress of each plan in force in the year: tasks by status, budget executed vs planned, in "
            "total, per area and per department. The public figures count confirmed records only."
        ),
    )
    def get(self, request):
        return super().get(request)

    def figures(self, *, user, filters, public):
        return {"plans": selectors.plans_panel(user=user, filters=filters, public=public)}


class IndicatorStatisticsView(StatisticsView):
    serializer_class = StatisticsIndicatorsSerializer

    @_statistics_schema(
        "statistics_indicators",
        StatisticsIndicatorsSerializer,
        FILTERS,
        _(
            "Indicators achieved, on track, off track and without data per framework and area (derived from "
            "verified values, so the same for staff and public). Only the department filter applies."
        ),
    )
    def get(self, request):
        return super().get(request)

    def figures(self, *, user, filters, public):
        return {"rows": selectors.indicators_panel(user=user, filters=filters, public=public)}


class OmbudsmanStatisticsView(StatisticsView):
    serializer_class = StatisticsOmbudsmanSerializer

    @_statistics_schema(
        "statistics_ombudsman",
        StatisticsOmbudsmanSerializer,
        FILTERS,
        _(
            "Counselling sessions, cases received and closed, by status, right, group and channel, handling "
            "time, recommendations by the agencies' responses. Public: no agencies, small cells null. "
            "Only the year filter applies."
        ),
    )
    def get(self, request):
        return super().get(request)

    def figures(self, *, user, filters, public):
        return asdict(selectors.ombudsman_panel(user=user, filters=filters, public=public))


class ImpactStatisticsView(StatisticsView):
    serializer_class = StatisticsImpactSerializer

    @_statistics_schema(
        "statistics_impact",
        StatisticsImpactSerializer,
        FILTERS,
        _(
            "Impact assessments of the year by subject type (assessed, revised, partially revised, not "
            "revised), buildings renovated by use and the criteria most often failed. The year and "
            "department filters apply."
        ),
    )
    def get(self, request):
        return super().get(request)

    def figures(self, *, user, filters, public):
        figures = selectors.impact_panel(user=user, filters=filters, public=public)
        return {
            "rows": figures.rows,
            "totals": figures.totals,
            "facilities": figures.facilities,
            "failed_criteria": figures.failed_criteria,
        }


class TrendStatisticsView(StatisticsView):
    serializer_class = StatisticsTrendsSerializer

    @_statistics_schema(
        "statistics_trends",
        StatisticsTrendsSerializer,
        FILTERS,
        _(
            "Per year: plan completion and budget execution, indicators improved or worsened, cases received "
            "and closed, assessments and revisions. A trend spans the years: the year filter does not apply."
        ),
    )
    def get(self, request):
        return super().get(request)

    def figures(self, *, user, filters, public):
        return {"rows": selectors.trends(user=user, filters=filters, public=public)}


class GroupStatisticsView(StatisticsView):
    serializer_class = StatisticsGroupsSerializer

    @_statistics_schema(
        "statistics_groups",
        StatisticsGroupsSerializer,
        FILTERS,
        _(
            "Who is left behind: verified disaggregated values of the year against the indicator's total. "
            "With a group, only the categories linked to it. The area filter does not apply."
        ),
    )
    def get(self, request):
        return super().get(request)

    def figures(self, *, user, filters, public):
        return {"rows": selectors.left_behind(user=user, filters=filters, public=public)}


urlpatterns = [
    path("statistics/plans/", PlanStatisticsView.as_view(), name="api-statistics-plans"),
    path("statistics/indicators/", IndicatorStatisticsView.as_view(), name="api-statistics-indicators"),
    path("statistics/ombudsman/", OmbudsmanStatisticsView.as_view(), name="api-statistics-ombudsman"),
    path("statistics/impact/", ImpactStatisticsView.as_view(), name="api-statistics-impact"),
    path("statistics/trends/", TrendStatisticsView.as_view(), name="api-statistics-trends"),
    path("statistics/groups/", GroupStatisticsView.as_view(), name="api-statistics-groups"),
]

root_routes = [
    ("statistics-plans", "api-statistics-plans"),
    ("statistics-indicators", "api-statistics-indicators"),
    ("statistics-ombudsman", "api-statistics-ombudsman"),
    ("statistics-impact", "api-statistics-impact"),
    ("statistics-trends", "api-statistics-trends"),
    ("statistics-groups", "api-statistics-groups"),
]
