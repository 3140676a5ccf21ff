"""The indicators REST API: reads as generic views fed by selectors, writes as one view per action.

Everyone reads frameworks, indicators and values (the public: verified values only) and the status
summary that feeds the dashboards; officials enter values for their own department's indicators;
the office manages frameworks and indicators and verifies values. Every rule lives in
``indicators.services``: its ``ValidationError`` becomes a 400 with field errors
(``core/api/exceptions.py``), its ``PermissionDenied`` a 403.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from humanrights_portal.core import permissions
from humanrights_portal.core.api.schema import ERROR_403, ERROR_404, ERRORS_400, NOT_FOUND, OBJECT_ID
from indicators import selectors, services
from indicators.api import serializers
from indicators.api.permissions import (
    CanVerifyMeasurements,
    CanViewUnverifiedMeasurements,
    ReadAnyoneWriteEnterers,
    ReadAnyoneWriteOffice,
)
from indicators.filters import FrameworkFilter, IndicatorFilter, MeasurementFilter
from indicators.models import (
    DisaggregationCategory,
    Indicator,
    IndicatorFramework,
    IndicatorStatus,
    Measurement,
    MeasurementRevision,
)

UNKNOWN = _("There is no such item, or you may not see it.")


LIST_RESPONSES = {400: ERRORS_400, 403: ERROR_403, 404: ERROR_404}
PUBLIC_LIST_RESPONSES = {400: ERRORS_400}
ACTION_RESPONSES = {400: ERRORS_400, 403: ERROR_403, 404: ERROR_404}
CREATE_RESPONSES = {400: ERRORS_400, 403: ERROR_403}


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


def _plan_task_links(user, indicator: Indicator) -> list:
    """Ids and codes of the plan tasks the indicator measures (tasks of draft plans for staff only).

    Read through the reverse relation so the indicators app does not import the plans app, which
    depends on it.
    """
    tasks = indicator.plan_tasks.all()
    if not permissions.can_view_draft_plans(user):
        tasks = tasks.exclude(area__plan__status="draft")
    return list(tasks.order_by("code", "pk").values("id", "code"))


def _indicator_response(request, pk: int, *, status_code: int = status.HTTP_200_OK) -> Response:
    indicator = _get(selectors.indicator_get, request, pk)
    context = {"request": request, "plan_tasks": _plan_task_links(request.user, indicator)}
    return Response(serializers.IndicatorDetailSerializer(indicator, context=context).data, status=status_code)


# ---------------------------------------------------------------- frameworks


class FrameworkListView(generics.ListAPIView):
    """Indicator frameworks with their numbers of areas and of indicators per status; ``POST``
    creates one (the office)."""

    permission_classes = [ReadAnyoneWriteOffice]
    serializer_class = serializers.FrameworkListSerializer
    filterset_class = FrameworkFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return IndicatorFramework.objects.none()
        return selectors.framework_list(user=self.request.user).order_by("organisation", "name", "pk")

    @extend_schema(
        operation_id="indicators_framework_list",
        responses={200: serializers.FrameworkListSerializer(many=True), **PUBLIC_LIST_RESPONSES},
        tags=["indicators"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="indicators_framework_create",
        request=serializers.FrameworkSaveSerializer,
        responses={201: serializers.FrameworkDetailSerializer, **CREATE_RESPONSES},
        tags=["indicators"],
        filters=False,
    )
    def post(self, request):
        serializer = serializers.FrameworkSaveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        framework = services.framework_save(actor=request.user, request=request, **serializer.validated_data)
        framework = selectors.framework_get(user=request.user, pk=framework.pk)
        return Response(serializers.FrameworkDetailSerializer(framework).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        operation_id="indicators_framework_detail",
        parameters=[OBJECT_ID],
        responses={200: serializers.FrameworkDetailSerializer, 404: ERROR_404},
        tags=["indicators"],
    )
)
class FrameworkDetailView(generics.RetrieveAPIView):
    """A framework with its areas (indicators per status), phases, implementation tasks and
    disaggregation dimensions."""

    permission_classes = [AllowAny]
    serializer_class = serializers.FrameworkDetailSerializer

    def get_object(self):
        return _get(selectors.framework_get, self.request, self.kwargs["pk"])


# ---------------------------------------------------------------- indicators


class IndicatorListView(generics.ListAPIView):
    """Indicators, filterable by framework, area, status, type, direction, department and SDG goal;
    ``POST`` creates one (the office)."""

    permission_classes = [ReadAnyoneWriteOffice]
    serializer_class = serializers.IndicatorListSerializer
    filterset_class = IndicatorFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Indicator.objects.none()
        return selectors.indicator_list(user=self.request.user).order_by(*Indicator._meta.ordering, "pk")

    @extend_schema(
        operation_id="indicators_indicator_list",
        responses={200: serializers.IndicatorListSerializer(many=True), **PUBLIC_LIST_RESPONSES},
        tags=["indicators"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="indicators_indicator_create",
        request=serializers.IndicatorSaveSerializer,
        responses={201: serializers.IndicatorDetailSerializer, **CREATE_RESPONSES},
        tags=["indicators"],
        filters=False,
    )
    def post(self, request):
        serializer = serializers.IndicatorSaveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        framework = _lookup(selectors.framework_list(user=request.user), data.pop("framework"), "framework")
        data["area"] = _lookup(framework.areas.all(), data["area"], "area")
        data["implementation_task"] = _lookup(framework.tasks.all(), data["implementation_task"], "implementation_task")
        sdg_targets = list(data.pop("sdg_targets", []))
        indicator = services.indicator_save(
            framework=framework, actor=request.user, sdg_targets=sdg_targets, request=request, **data
        )
        return _indicator_response(request, indicator.pk, status_code=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        operation_id="indicators_indicator_detail",
        parameters=[OBJECT_ID],
        responses={200: serializers.IndicatorDetailSerializer, 404: ERROR_404},
        tags=["indicators"],
    )
)
class IndicatorDetailView(APIView):
    """An indicator with its definition, targets, SDG targets, linked plan tasks and its series of
    values with their disaggregations (the public: verified values only)."""

    permission_classes = [AllowAny]

    def get(self, request, pk: int):
        return _indicator_response(request, pk)


class StatusSummaryView(APIView):
    """Numbers of indicators by status, per framework and per area: the dashboards' figures."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="indicators_status_summary",
        parameters=[serializers.SummaryQuerySerializer],
        responses={200: serializers.IndicatorStatusSummarySerializer, 400: ERRORS_400},
        tags=["indicators"],
    )
    def get(self, request):
        query = serializers.SummaryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = selectors.status_summary(user=request.user, framework_id=query.validated_data["framework"])
        counts = ["total", *IndicatorStatus.values]
        frameworks: dict[int, dict] = {}
        for row in rows:
            total = frameworks.setdefault(
                row.framework_id,
                {"framework_id": row.framework_id, "framework": row.framework, **dict.fromkeys(counts, 0)},
            )
            for name in counts:
                total[name] += getattr(row, name)
        return Response(
            serializers.IndicatorStatusSummarySerializer({"frameworks": list(frameworks.values()), "areas": rows}).data
        )


# ---------------------------------------------------------------- measurements


class MeasurementListView(generics.ListAPIView):
    """Values of indicators (the public: verified only), filterable by framework, indicator, year,
    state and disaggregation; ``POST`` enters or corrects one (officials of the indicator's
    department, and the office): 201 when it is new, 200 when it corrected an existing value."""

    permission_classes = [ReadAnyoneWriteEnterers]
    serializer_class = serializers.MeasurementSerializer
    filterset_class = MeasurementFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Measurement.objects.none()
        return selectors.measurement_list(user=self.request.user).order_by(*Measurement._meta.ordering, "pk")

    @extend_schema(
        operation_id="indicators_measurement_list",
        responses={200: serializers.MeasurementSerializer(many=True), **PUBLIC_LIST_RESPONSES},
        tags=["measurements"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="indicators_measurement_save",
        request=serializers.MeasurementSaveSerializer,
        responses={
            201: serializers.MeasurementSerializer,
            200: serializers.MeasurementSerializer,
            **CREATE_RESPONSES,
        },
        tags=["measurements"],
        filters=False,
    )
    def post(self, request):
        user = request.user
        serializer = serializers.MeasurementSaveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        indicator = _lookup(selectors.indicator_list(user=user), data.pop("indicator"), "indicator")
        # Any category: one of another framework gets the service's own message.
        data["category"] = _lookup(
            DisaggregationCategory.objects.select_related("dimension"), data["category"], "category"
        )
        existed = (
            selectors.measurement_list(user=user)
            .filter(indicator=indicator, year=data["year"], period=data["period"], category=data["category"])
            .exists()
        )
        measurement = services.measurement_save(indicator=indicator, actor=user, request=request, **data)
        measurement = selectors.measurement_list(user=user).get(pk=measurement.pk)
        return Response(
            serializers.MeasurementSerializer(measurement).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )


class MeasurementVerifyView(APIView):
    """The office verifies draft values; verified totals count for the status and the public.
    Ids of values that are not drafts are left alone."""

    permission_classes = [CanVerifyMeasurements]

    @extend_schema(
        operation_id="indicators_measurement_verify",
        request=serializers.MeasurementVerifySerializer,
        responses={200: serializers.MeasurementVerifyResultSerializer, **CREATE_RESPONSES},
        tags=["measurements"],
    )
    def post(self, request):
        serializer = serializers.MeasurementVerifySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        drafts = list(selectors.drafts_to_verify(user=request.user).filter(pk__in=serializer.validated_data["ids"]))
        count = services.measurements_verify(measurements=drafts, actor=request.user, request=request)
        return Response(serializers.MeasurementVerifyResultSerializer({"verified": count}).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="indicators_measurement_revisions",
        parameters=[OBJECT_ID],
        responses={200: serializers.MeasurementRevisionSerializer(many=True), **LIST_RESPONSES},
        tags=["measurements"],
    )
)
class MeasurementRevisionListView(generics.ListAPIView):
    """Earlier values of a measurement, newest first, with who changed them (staff)."""

    permission_classes = [CanViewUnverifiedMeasurements]
    serializer_class = serializers.MeasurementRevisionSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return MeasurementRevision.objects.none()
        measurement = _get(
            lambda user, pk: selectors.measurement_list(user=user).get(pk=pk), self.request, self.kwargs["pk"]
        )
        return selectors.measurement_revisions(user=self.request.user, measurement=measurement).order_by(
            "-changed_at", "-pk"
        )
