"""The ombudsman REST API: reads as generic views fed by selectors, writes as one view per action.

Citizens (no account) submit a complaint and follow it with its receipt code and secret key;
the office reads cases, recommendations, counselling sessions and statistics, and acts on cases
through one endpoint per action. Every rule lives in ``ombudsman.services``; a service's
``ValidationError`` becomes a 400 with field errors (``core/api/exceptions.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.core.paginator import Paginator as DjangoPaginator
from django.db import connection
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from humanrights_portal.core.api.pagination import PortalPageNumberPagination
from humanrights_portal.core.api.schema import (
    ERROR_403,
    ERROR_404,
    ERROR_429,
    ERRORS_400,
    NOT_FOUND,
    OBJECT_ID,
)
from humanrights_portal.core.ratelimit import RateLimitExceeded
from ombudsman import selectors, services, throttling
from ombudsman.api import serializers
from ombudsman.api.permissions import CanHandleComplaints, CanViewCases, CanViewCaseStatistics
from ombudsman.filters import CaseFilter, CounsellingFilter, RecommendationFilter
from ombudsman.models import Complaint, CounsellingSession, Recommendation

#: Shared with the HTML pages (``ombudsman.views.public``): one limit per client address for both.

#: The one answer to every failed look-up, whether the code or the key was wrong.
TRACK_FAILED = _("We could not find a complaint with this receipt code and secret key. Check both and try again.")
TOO_MANY = _("Too many attempts from your address. Please wait a while and try again.")
CASE_NOT_FOUND = _("No case has this receipt code.")


RECEIPT_CODE = OpenApiParameter(
    "receipt_code",
    {"type": "string", "pattern": r"^[A-Za-z]{1,5}-[0-9]{4}-[0-9]{1,10}$", "maxLength": 20},
    OpenApiParameter.PATH,
    description=_("The case's receipt code, e.g. HR-2026-00042."),
)


# ---------------------------------------------------------------- rate limits


class RateLimited(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = TOO_MANY
    default_code = "rate_limited"


def _check_submit_rate(request) -> None:
    """Count a submission attempt that stopped before its receipt number (as on the HTML form)."""
    if throttling.submission_refused(request):
        raise RateLimited


def _complaint_for_citizen(request, credentials: dict) -> Complaint:
    """The complaint the code and key open, or the same 404 for a wrong code and a wrong key.

    Only failures count towards the limit (as on the HTML tracking page), so a citizen who knows
    the key is not slowed down by their own look-ups; once the limit is reached, every look-up
    from that address is refused until the period ends.
    """
    if throttling.tracking_blocked(request):
        raise RateLimited
    complaint = selectors.complaint_for_citizen(
        receipt_code=credentials["receipt_code"], secret_key=credentials["secret_key"]
    )
    if complaint is None:
        throttling.tracking_failed(request)
        raise exceptions.NotFound(TRACK_FAILED)
    return complaint


def _public_status(complaint: Complaint) -> dict:
    timeline = selectors.public_timeline(complaint)
    return serializers.PublicStatusSerializer(
        {
            "complaint": complaint,
            "receipt_code": complaint.receipt_code,
            "status": complaint.status,
            "received_at": complaint.received_at,
            "timeline": timeline,
            "recommendations": selectors.public_recommendations(complaint, timeline),
        }
    ).data


def _receipt(submitted: services.SubmittedComplaint) -> dict:
    complaint = submitted.complaint
    return serializers.ComplaintReceiptSerializer(
        {
            "receipt_code": complaint.receipt_code,
            "secret_key": submitted.secret_key,
            "status": complaint.status,
            "received_at": complaint.received_at,
        }
    ).data


# ---------------------------------------------------------------- citizens (no account)

CITIZEN_PARSERS = [JSONParser, MultiPartParser, FormParser]


class ComplaintSubmitView(APIView):
    """File a human rights complaint (no account). The secret key is in this response only."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # anonymous by design: no session, so no CSRF token needed
    parser_classes = CITIZEN_PARSERS

    @extend_schema(
        operation_id="ombudsman_complaint_submit",
        request=serializers.ComplaintSubmitSerializer,
        responses={201: serializers.ComplaintReceiptSerializer, 400: ERRORS_400, 429: ERROR_429},
        tags=["complaints"],
    )
    def post(self, request):
        # Every attempt counts towards the rate limit (ombudsman.throttling): a valid one with its receipt number.
        try:
            serializer = serializers.ComplaintSubmitSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            submitted = services.complaint_submit(
                **serializer.service_arguments(),
                request=request,
                language=get_language() or settings.LANGUAGE_CODE,
                rate_limit=throttling.submission_hit(request),
            )
        except RateLimitExceeded:
            raise RateLimited from None
        except (exceptions.APIException, DjangoValidationError):
            _check_submit_rate(request)
            raise
        return Response(_receipt(submitted), status=status.HTTP_201_CREATED)


class ComplaintStatusView(APIView):
    """A complaint's public status, with its receipt code and secret key."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # anonymous by design: no session, so no CSRF token needed

    @extend_schema(
        operation_id="ombudsman_complaint_status",
        request=serializers.ComplaintCredentialsSerializer,
        responses={200: serializers.PublicStatusSerializer, 400: ERRORS_400, 404: ERROR_404, 429: ERROR_429},
        tags=["complaints"],
    )
    def post(self, request):
        serializer = serializers.ComplaintCredentialsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        complaint = _complaint_for_citizen(request, serializer.validated_data)
        return Response(_public_status(complaint))


CITIZEN_ACTION_RESPONSES = {
    200: serializers.PublicStatusSerializer,
    400: ERRORS_400,
    404: ERROR_404,
    429: ERROR_429,
}


class ComplaintAddInformationView(APIView):
    """The complainant adds information or evidence files to an open complaint."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # anonymous by design: no session, so no CSRF token needed
    parser_classes = CITIZEN_PARSERS

    @extend_schema(
        operation_id="ombudsman_complaint_add_information",
        request=serializers.ComplaintAddInformationSerializer,
        responses=CITIZEN_ACTION_RESPONSES,
        tags=["complaints"],
    )
    def post(self, request):
        serializer = serializers.ComplaintAddInformationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        complaint = _complaint_for_citizen(request, serializer.validated_data)
        services.complaint_add_information(
            complaint=complaint,
            text=serializer.validated_data["text"],
            attachments=serializer.validated_data["attachments"],
            request=request,
        )
        complaint.refresh_from_db()
        return Response(_public_status(complaint))


class ComplaintWithdrawView(APIView):
    """The complainant withdraws their complaint."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # anonymous by design: no session, so no CSRF token needed

    @extend_schema(
        operation_id="ombudsman_complaint_withdraw",
        request=serializers.ComplaintWithdrawSerializer,
        responses=CITIZEN_ACTION_RESPONSES,
        tags=["complaints"],
    )
    def post(self, request):
        serializer = serializers.ComplaintWithdrawSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        complaint = _complaint_for_citizen(request, serializer.validated_data)
        complaint = services.complaint_withdraw(
            complaint=complaint, reason=serializer.validated_data["reason"], request=request
        )
        return Response(_public_status(complaint))


class ComplaintSurveyView(APIView):
    """Once the case is closed, the complainant rates fairness, speed and clarity (1 to 5), once."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # anonymous by design: no session, so no CSRF token needed

    @extend_schema(
        operation_id="ombudsman_complaint_survey",
        request=serializers.SurveySubmitSerializer,
        responses=CITIZEN_ACTION_RESPONSES,
        tags=["complaints"],
    )
    def post(self, request):
        serializer = serializers.SurveySubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        complaint = _complaint_for_citizen(request, serializer.validated_data)
        data = serializer.validated_data
        services.survey_submit(
            complaint=complaint,
            fairness=data["fairness"],
            speed=data["speed"],
            clarity=data["clarity"],
            comment=data["comment"],
            request=request,
        )
        complaint.refresh_from_db()
        return Response(_public_status(complaint))


# ---------------------------------------------------------------- case list pagination


class EstimatedCountPaginator(DjangoPaginator):
    """A paginator that does not count a large table on every request.

    When the list is unfiltered and PostgreSQL's planner estimates the table at
    ``estimate_above`` rows or more, ``count`` is that estimate (``pg_class.reltuples`` scaled
    to the table's current size, as the planner does) instead of ``COUNT(*)``. Pages are then
    read with one row more than a page, so "next" is exact and every row stays reachable even
    when the estimate is off. Filtered lists and small tables are counted exactly.
    """

    estimate_above = 10_000
    ESTIMATE_SQL = """
        SELECT CASE WHEN c.reltuples < 0 OR c.relpages = 0 THEN -1
               ELSE (c.reltuples / c.relpages
                     * (pg_relation_size(c.oid) / current_setting('block_size')::integer))::bigint END
        FROM pg_class c WHERE c.oid = %s::regclass
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.estimated = False

    def _estimate(self) -> int | None:
        query = getattr(self.object_list, "query", None)
        if query is None or query.where or query.distinct or query.combinator or query.low_mark or query.high_mark:
            return None
        with connection.cursor() as cursor:
            cursor.execute(self.ESTIMATE_SQL, [query.model._meta.db_table])
            row = cursor.fetchone()
        estimate = row[0] if row else -1
        return estimate if estimate >= self.estimate_above else None

    @cached_property
    def count(self) -> int:
        estimate = self._estimate()
        if estimate is not None:
            self.estimated = True
            return estimate
        return self.object_list.count()

    def validate_number(self, number):
        if not self.count or not self.estimated:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from error
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number  # no upper bound: past the estimate, the rows themselves tell

    def page(self, number):
        if not self.count or not self.estimated:  # ``count`` settles whether it is an estimate
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        return EstimatedPage(rows[: self.per_page], number, self, has_next=len(rows) > self.per_page)


class EstimatedPage(Page):
    def __init__(self, object_list, number, paginator, *, has_next: bool):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self) -> bool:
        return self._has_next


class CasePagination(PortalPageNumberPagination):
    """Page numbers with an exact ``next``; ``count`` estimated for the whole of a large table."""

    django_paginator_class = EstimatedCountPaginator

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_is_estimate"] = self.page.paginator.estimated
        return response

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["count"]["description"] = (
            "Number of cases; for the unfiltered list of a large table, PostgreSQL's estimate."
        )
        paginated["properties"]["count_is_estimate"] = {"type": "boolean"}
        paginated["required"] = [*paginated["required"], "count_is_estimate"]
        return paginated


# ---------------------------------------------------------------- cases (staff)

LIST_RESPONSES = {400: ERRORS_400, 403: ERROR_403, 404: ERROR_404}
ACTION_RESPONSES = {400: ERRORS_400, 403: ERROR_403, 404: ERROR_404}


@extend_schema_view(
    get=extend_schema(
        operation_id="ombudsman_case_list",
        responses={200: serializers.CaseListSerializer(many=True), **LIST_RESPONSES},
        tags=["cases"],
    )
)
class CaseListView(generics.ListAPIView):
    """Cases, newest first, filtered like the office's case list. No identities here."""

    permission_classes = [CanViewCases]
    serializer_class = serializers.CaseListSerializer
    filterset_class = CaseFilter
    filter_backends = [DjangoFilterBackend]
    pagination_class = CasePagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Complaint.objects.none()
        return selectors.case_list(user=self.request.user)


def _case(request, receipt_code: str) -> Complaint:
    try:
        return selectors.case_get(user=request.user, receipt_code=receipt_code)
    except ObjectDoesNotExist as error:
        raise exceptions.NotFound(CASE_NOT_FOUND) from error


@extend_schema_view(
    get=extend_schema(
        operation_id="ombudsman_case_detail",
        parameters=[RECEIPT_CODE],
        responses={200: serializers.CaseDetailSerializer, 403: ERROR_403, 404: ERROR_404},
        tags=["cases"],
    )
)
class CaseDetailView(generics.RetrieveAPIView):
    """One case with its timeline and recommendations. The complainant's identity is shown to the
    ombudsman role only, and each time it is, the view is written to the personal-data access log."""

    permission_classes = [CanViewCases]
    serializer_class = serializers.CaseDetailSerializer

    def get_object(self):
        return _case(self.request, self.kwargs["receipt_code"])

    def retrieve(self, request, *args, **kwargs):
        complaint = self.get_object()
        data = self.get_serializer(complaint).data
        if data["complainant"] is not None:
            services.identity_view_record(actor=request.user, complaint=complaint, request=request)
        return Response(data)


class CaseTransitionView(APIView):
    """Move a case along the workflow (one transition per request, with the reason)."""

    permission_classes = [CanHandleComplaints]

    @extend_schema(
        operation_id="ombudsman_case_transition",
        parameters=[RECEIPT_CODE],
        request=serializers.CaseTransitionSerializer,
        responses={200: serializers.CaseStatusSerializer, **ACTION_RESPONSES},
        tags=["cases"],
    )
    def post(self, request, receipt_code: str):
        complaint = _case(request, receipt_code)
        serializer = serializers.CaseTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        complaint = services.case_transition(
            complaint=complaint, actor=request.user, request=request, **serializer.validated_data
        )
        return Response(serializers.CaseStatusSerializer(complaint).data)


class CaseAssignView(APIView):
    """Give a case to a member of the ombudsman role, or take it back (``handler: null``)."""

    permission_classes = [CanHandleComplaints]

    @extend_schema(
        operation_id="ombudsman_case_assign",
        parameters=[RECEIPT_CODE],
        request=serializers.CaseAssignSerializer,
        responses={200: serializers.CaseStatusSerializer, **ACTION_RESPONSES},
        tags=["cases"],
    )
    def post(self, request, receipt_code: str):
        complaint = _case(request, receipt_code)
        serializer = serializers.CaseAssignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        username = serializer.validated_data["handler"]
        handler = None
        if username is not None:
            handler = selectors.handler_list().filter(username=username).first()
            if handler is None:
                raise exceptions.ValidationError(
                    {"handler": [_("Cases can only be assigned to members of the ombudsman role.")]}
                )
        complaint = services.case_assign(complaint=complaint, handler=handler, actor=request.user, request=request)
        return Response(serializers.CaseStatusSerializer(complaint).data)


class CaseNoteAddView(APIView):
    """Add an internal note to a case (never shown to the complainant)."""

    permission_classes = [CanHandleComplaints]

    @extend_schema(
        operation_id="ombudsman_case_note_add",
        parameters=[RECEIPT_CODE],
        request=serializers.NoteAddSerializer,
        responses={201: serializers.InternalNoteSerializer, **ACTION_RESPONSES},
        tags=["cases"],
    )
    def post(self, request, receipt_code: str):
        complaint = _case(request, receipt_code)
        serializer = serializers.NoteAddSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        note = services.note_add(
            complaint=complaint, author=request.user, body=serializer.validated_data["body"], request=request
        )
        return Response(serializers.InternalNoteSerializer(note).data, status=status.HTTP_201_CREATED)


class CaseRecommendationIssueView(APIView):
    """Issue a recommendation to an agency; a case under investigation moves to "recommendation issued"."""

    permission_classes = [CanHandleComplaints]

    @extend_schema(
        operation_id="ombudsman_recommendation_issue",
        parameters=[RECEIPT_CODE],
        request=serializers.RecommendationIssueSerializer,
        responses={201: serializers.RecommendationSerializer, **ACTION_RESPONSES},
        tags=["recommendations"],
    )
    def post(self, request, receipt_code: str):
        complaint = _case(request, receipt_code)
        serializer = serializers.RecommendationIssueSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        recommendation = services.recommendation_issue(
            complaint=complaint, actor=request.user, request=request, **serializer.validated_data
        )
        return Response(serializers.RecommendationSerializer(recommendation).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- recommendations


@extend_schema_view(
    get=extend_schema(
        operation_id="ombudsman_recommendation_list",
        responses={200: serializers.RecommendationSerializer(many=True), **LIST_RESPONSES},
        tags=["recommendations"],
    )
)
class RecommendationListView(generics.ListAPIView):
    """Recommendations to agencies, with the agencies' responses and implementation."""

    permission_classes = [CanViewCases]
    serializer_class = serializers.RecommendationSerializer
    filterset_class = RecommendationFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Recommendation.objects.none()
        return selectors.recommendation_list(user=self.request.user)


def _recommendation(request, pk: int) -> Recommendation:
    try:
        return selectors.recommendation_get(user=request.user, pk=pk)
    except ObjectDoesNotExist as error:
        raise exceptions.NotFound(NOT_FOUND) from error


class RecommendationResponseView(APIView):
    """Record the agency's response: accepted, partially accepted or rejected."""

    permission_classes = [CanHandleComplaints]

    @extend_schema(
        operation_id="ombudsman_recommendation_response",
        parameters=[OBJECT_ID],
        request=serializers.RecommendationResponseSerializer,
        responses={200: serializers.RecommendationSerializer, **ACTION_RESPONSES},
        tags=["recommendations"],
    )
    def post(self, request, pk: int):
        recommendation = _recommendation(request, pk)
        serializer = serializers.RecommendationResponseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        recommendation = services.recommendation_record_response(
            recommendation=recommendation, actor=request.user, request=request, **serializer.validated_data
        )
        return Response(serializers.RecommendationSerializer(recommendation).data)


class RecommendationImplementationView(APIView):
    """Record whether (and when) the agency carried out the recommendation."""

    permission_classes = [CanHandleComplaints]

    @extend_schema(
        operation_id="ombudsman_recommendation_implementation",
        parameters=[OBJECT_ID],
        request=serializers.RecommendationImplementationSerializer,
        responses={200: serializers.RecommendationSerializer, **ACTION_RESPONSES},
        tags=["recommendations"],
    )
    def post(self, request, pk: int):
        recommendation = _recommendation(request, pk)
        serializer = serializers.RecommendationImplementationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        recommendation = services.recommendation_record_implementation(
            recommendation=recommendation, actor=request.user, request=request, **serializer.validated_data
        )
        return Response(serializers.RecommendationSerializer(recommendation).data)


# ---------------------------------------------------------------- counselling sessions


def _counselling(request, pk: int) -> CounsellingSession:
    try:
        return selectors.counselling_get(user=request.user, pk=pk)
    except ObjectDoesNotExist as error:
        raise exceptions.NotFound(NOT_FOUND) from error


class CounsellingSessionListView(generics.ListAPIView):
    """Counselling sessions, newest first; ``POST`` records one."""

    permission_classes = [CanHandleComplaints]
    serializer_class = serializers.CounsellingSessionSerializer
    filterset_class = CounsellingFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return CounsellingSession.objects.none()
        return selectors.counselling_list(user=self.request.user)

    @extend_schema(
        operation_id="ombudsman_counselling_list",
        responses={200: serializers.CounsellingSessionSerializer(many=True), **LIST_RESPONSES},
        tags=["counselling"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="ombudsman_counselling_record",
        request=serializers.CounsellingRecordSerializer,
        responses={201: serializers.CounsellingDetailSerializer, 400: ERRORS_400, 403: ERROR_403},
        tags=["counselling"],
        filters=False,
    )
    def post(self, request):
        serializer = serializers.CounsellingRecordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        code = data.pop("case")
        complaint = None
        if code:
            try:
                complaint = selectors.case_get(user=request.user, receipt_code=code)
            except ObjectDoesNotExist as error:
                raise exceptions.ValidationError({"case": [CASE_NOT_FOUND]}) from error
        session = services.counselling_record(
            actor=request.user,
            complaint=complaint,
            request=request,
            groups=list(data.pop("groups", [])),
            rights=list(data.pop("rights", [])),
            **data,
        )
        session = selectors.counselling_get(user=request.user, pk=session.pk)
        return Response(serializers.CounsellingDetailSerializer(session).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        operation_id="ombudsman_counselling_detail",
        parameters=[OBJECT_ID],
        responses={200: serializers.CounsellingDetailSerializer, 403: ERROR_403, 404: ERROR_404},
        tags=["counselling"],
    )
)
class CounsellingSessionDetailView(generics.RetrieveAPIView):
    """One counselling session."""

    permission_classes = [CanHandleComplaints]
    serializer_class = serializers.CounsellingDetailSerializer

    def get_object(self):
        return _counselling(self.request, self.kwargs["pk"])


class CounsellingRegisterCaseView(APIView):
    """Register a case from a counselling session. The secret key is in this response only."""

    permission_classes = [CanHandleComplaints]
    parser_classes = CITIZEN_PARSERS

    @extend_schema(
        operation_id="ombudsman_counselling_register_case",
        parameters=[OBJECT_ID],
        request=serializers.CaseRegisterFromCounsellingSerializer,
        responses={201: serializers.ComplaintReceiptSerializer, **ACTION_RESPONSES},
        tags=["counselling"],
    )
    def post(self, request, pk: int):
        session = _counselling(request, pk)
        serializer = serializers.CaseRegisterFromCounsellingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        submitted = services.counselling_register_case(
            session=session, actor=request.user, request=request, **serializer.service_arguments()
        )
        return Response(_receipt(submitted), status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- statistics


def _statistics_year(request) -> int | None:
    query = serializers.StatisticsQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data["year"]


class CaseStatisticsView(APIView):
    """Figures for the staff dashboards: counts, handling time, recommendations, satisfaction."""

    permission_classes = [CanViewCaseStatistics]

    @extend_schema(
        operation_id="ombudsman_statistics",
        parameters=[serializers.StatisticsQuerySerializer],
        responses={200: serializers.CaseStatisticsSerializer, 400: ERRORS_400, 403: ERROR_403},
        tags=["statistics"],
    )
    def get(self, request):
        statistics = selectors.case_statistics(user=request.user, year=_statistics_year(request))
        return Response(serializers.CaseStatisticsSerializer(statistics).data)


class PublicCaseStatisticsView(APIView):
    """The public version: no agency names, and counts too small to publish are ``null``."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # anonymous by design: no session, so no CSRF token needed

    @extend_schema(
        operation_id="ombudsman_statistics_public",
        parameters=[serializers.StatisticsQuerySerializer],
        responses={200: serializers.CaseStatisticsSerializer, 400: ERRORS_400},
        tags=["statistics"],
    )
    def get(self, request):
        statistics = selectors.case_statistics(public=True, year=_statistics_year(request))
        return Response(serializers.CaseStatisticsSerializer(statistics).data)
