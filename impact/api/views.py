"""The impact REST API: reads fed by the selectors, writes as one view per action.

The public reads closed assessments (their summaries, findings, responses and outcome), the
checklists in use and the yearly figures; every staff role reads everything else. Departments
request assessments and respond to the findings on their own subjects, the office assesses and
manages the checklists, committee members review. Every rule lives in ``impact.services``: its
``ValidationError`` becomes a 400 with field errors (``core/api/exceptions.py``), its
``PermissionDenied`` a 403.

Transitions take an optional ``expected_status`` (the status the client last read). When the
assessment has moved on in the meantime the answer is **409 Conflict** with the status it has now,
and nothing changes.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from humanrights_portal.core import permissions
from humanrights_portal.core.api.exceptions import validation_error_detail
from humanrights_portal.core.api.schema import ERROR_403, ERROR_404, ERRORS_400, NOT_FOUND, OBJECT_ID
from impact import selectors, services
from impact.api import serializers
from impact.api.permissions import (
    CanAssessImpact,
    CanManageChecklists,
    IsStaffMember,
    ReadAnyoneWriteAssessors,
    ReadAnyoneWriteChecklists,
    ReadAnyoneWriteRequesters,
    ReadAnyoneWriteStaff,
    StaffReadReviewersWrite,
)
from impact.filters import AssessmentFilter, TemplateFilter
from impact.models import STATUS_LABELS, Assessment, ChecklistTemplate
from plans import selectors as plans_selectors

TAGS = ["impact"]

ERROR_409 = OpenApiResponse(
    serializers.ImpactConflictSerializer,
    description="The assessment is no longer in `expected_status` (someone else moved it): nothing changed.",
)
PUBLIC_LIST_RESPONSES = {400: ERRORS_400}
CREATE_RESPONSES = {400: ERRORS_400, 403: ERROR_403}
ACTION_RESPONSES = {400: ERRORS_400, 403: ERROR_403, 404: ERROR_404}
TRANSITION_RESPONSES = {**ACTION_RESPONSES, 409: ERROR_409}


class StatusConflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, current: str):
        message = _(
            "This assessment was changed by someone else in the meantime (it is now “%(status)s”). "
            "Reload and try again."
        ) % {"status": STATUS_LABELS.get(current, current)}
        super().__init__({"detail": message, "status": current})


def _is_staff(request) -> bool:
    return permissions.can_view_impact_assessments(request.user)


def _get(function, request, pk: int):
    try:
        return function(user=request.user, pk=pk)
    except ObjectDoesNotExist as error:
        raise exceptions.NotFound(NOT_FOUND) from error


def _assessment(request, pk: int) -> Assessment:
    """The assessment an action is about (1 query); 404 when the user may not see it."""
    return _get(lambda user, pk: selectors.assessment_list(user=user).get(pk=pk), request, pk)


def _detail_data(request, pk: int) -> dict:
    assessment = _get(selectors.assessment_get, request, pk)
    if not _is_staff(request):
        return serializers.ImpactPublicAssessmentDetailSerializer(assessment, context={"staff": False}).data
    context = {
        "staff": True,
        "sections": selectors.checklist_sections(assessment=assessment),
        "progress": selectors.checklist_progress(assessment=assessment),
    }
    return serializers.ImpactAssessmentDetailSerializer(assessment, context=context).data


def _detail_response(request, pk: int, code: int = status.HTTP_200_OK) -> Response:
    return Response(_detail_data(request, pk), status=code)


def _guarded(request, assessment: Assessment, expected_status: str | None, call):
    """Run a transition; a refusal because the assessment moved on since ``expected_status`` is a 409."""
    try:
        return call()
    except DjangoValidationError:
        if expected_status is not None:
            current = (
                selectors.assessment_list(user=request.user)
                .filter(pk=assessment.pk)
                .values_list("status", flat=True)
                .first()
            )
            if current is not None and current != expected_status:
                raise StatusConflict(current) from None
        raise


def _criterion(request, pk: int | None, field: str = "criterion"):
    if pk is None:
        return None
    try:
        return selectors.criterion_get(user=request.user, pk=pk)
    except ObjectDoesNotExist as error:
        raise exceptions.ValidationError({field: [_("There is no such criterion.")]}) from error


def _related_tasks(request, ids: list[int] | None):
    if ids is None:
        return None
    tasks = list(plans_selectors.task_list(user=request.user).filter(pk__in=ids))
    if len(tasks) != len(ids):
        raise exceptions.ValidationError({"related_tasks": [_("Some of these plan tasks do not exist.")]})
    return tasks


# ---------------------------------------------------------------- assessments


class AssessmentListView(generics.ListAPIView):
    """Impact assessments, newest request first, filtered (the public: closed ones only, without the
    staff-only fields); ``POST`` requests an assessment (officials for their department, the office
    for any)."""

    permission_classes = [ReadAnyoneWriteRequesters]
    filterset_class = AssessmentFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Assessment.objects.none()
        return selectors.assessment_list(user=self.request.user)

    def get_serializer_class(self):
        if getattr(self, "swagger_fake_view", False) or _is_staff(self.request):
            return serializers.ImpactAssessmentListSerializer
        return serializers.ImpactPublicAssessmentListSerializer

    @extend_schema(
        operation_id="impact_assessment_list",
        responses={200: serializers.ImpactAssessmentListSerializer(many=True), **PUBLIC_LIST_RESPONSES},
        tags=TAGS,
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="impact_assessment_request",
        request=serializers.ImpactAssessmentRequestSerializer,
        responses={201: serializers.ImpactAssessmentDetailSerializer, **CREATE_RESPONSES},
        tags=TAGS,
        filters=False,
    )
    def post(self, request):
        serializer = serializers.ImpactAssessmentRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        department = data.pop("department")
        related_tasks = _related_tasks(request, data.pop("related_tasks", None))
        assessment = services.assessment_request(
            actor=request.user, department=department, related_tasks=related_tasks, request=request, **data
        )
        return _detail_response(request, assessment.pk, status.HTTP_201_CREATED)


class AssessmentDetailView(APIView):
    """One assessment: for staff the checklist answers by section, findings with the department's
    responses, history, committee reviews and evidence; the public reads closed ones without the
    staff-only fields. ``PATCH`` corrects the subject until the findings are issued."""

    permission_classes = [ReadAnyoneWriteStaff]

    @extend_schema(
        operation_id="impact_assessment_detail",
        parameters=[OBJECT_ID],
        responses={200: serializers.ImpactAssessmentDetailSerializer, 404: ERROR_404},
        tags=TAGS,
    )
    def get(self, request, pk: int):
        return _detail_response(request, pk)

    @extend_schema(
        operation_id="impact_assessment_update",
        parameters=[OBJECT_ID],
        request=serializers.ImpactAssessmentUpdateSerializer,
        responses={200: serializers.ImpactAssessmentDetailSerializer, **ACTION_RESPONSES},
        tags=TAGS,
    )
    def patch(self, request, pk: int):
        assessment = _assessment(request, pk)
        serializer = serializers.ImpactAssessmentUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        related_tasks = _related_tasks(request, data.pop("related_tasks", None))
        services.assessment_update(
            assessment=assessment, actor=request.user, related_tasks=related_tasks, request=request, **data
        )
        return _detail_response(request, pk)


class AssessmentStartView(APIView):
    """The office takes the request: the checklist in use is attached and the assessor named."""

    permission_classes = [CanAssessImpact]

    @extend_schema(
        operation_id="impact_assessment_start",
        parameters=[OBJECT_ID],
        request=serializers.ImpactStartSerializer,
        responses={200: serializers.ImpactAssessmentDetailSerializer, **TRANSITION_RESPONSES},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        assessment = _assessment(request, pk)
        serializer = serializers.ImpactStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        _guarded(
            request,
            assessment,
            data["expected_status"],
            lambda: services.assessment_start(
                assessment=assessment,
                actor=request.user,
                assessor=data["assessor"],
                expected_status=data["expected_status"],
                request=request,
            ),
        )
        return _detail_response(request, pk)


class AssessmentAssignView(APIView):
    """Give an open assessment to another member of the office."""

    permission_classes = [CanAssessImpact]

    @extend_schema(
        operation_id="impact_assessment_assign",
        parameters=[OBJECT_ID],
        request=serializers.ImpactAssignSerializer,
        responses={200: serializers.ImpactAssessmentDetailSerializer, **ACTION_RESPONSES},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        assessment = _assessment(request, pk)
        serializer = serializers.ImpactAssignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.assessment_assign(
            assessment=assessment, assessor=serializer.validated_data["assessor"], actor=request.user, request=request
        )
        return _detail_response(request, pk)


class ChecklistSaveView(APIView):
    """Save checklist answers as a draft (unanswered criteria may stay blank). Errors are keyed
    ``answer-<criterion id>`` / ``note-<criterion id>``; criteria not in the checklist under ``answers``."""

    permission_classes = [CanAssessImpact]

    def _save(self, request, pk: int) -> Response:
        assessment = _assessment(request, pk)
        serializer = serializers.ImpactChecklistSaveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        answers = {
            row["criterion"]: {"answer": row["answer"], "note": row["note"]}
            for row in serializer.validated_data["answers"]
        }
        services.checklist_save(assessment=assessment, actor=request.user, answers=answers, request=request)
        return _detail_response(request, pk)

    @extend_schema(
        operation_id="impact_checklist_save",
        parameters=[OBJECT_ID],
        request=serializers.ImpactChecklistSaveSerializer,
        responses={200: serializers.ImpactAssessmentDetailSerializer, **ACTION_RESPONSES},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        return self._save(request, pk)

    @extend_schema(
        operation_id="impact_checklist_replace",
        parameters=[OBJECT_ID],
        request=serializers.ImpactChecklistSaveSerializer,
        responses={200: serializers.ImpactAssessmentDetailSerializer, **ACTION_RESPONSES},
        tags=TAGS,
        description="The same as `POST`: the answers sent are saved, the others stay as they are.",
    )
    def put(self, request, pk: int):
        return self._save(request, pk)


class AssessmentFindingsView(APIView):
    """The findings and recommendations of an assessment with the department's responses (the
    public: of closed assessments); ``POST`` adds one (the office, while assessing)."""

    permission_classes = [ReadAnyoneWriteAssessors]

    @extend_schema(
        operation_id="impact_finding_list",
        parameters=[OBJECT_ID],
        responses={200: serializers.ImpactFindingSerializer(many=True), 404: ERROR_404},
        tags=TAGS,
    )
    def get(self, request, pk: int):
        assessment = _get(selectors.assessment_get, request, pk)
        serializer = (
            serializers.ImpactFindingSerializer if _is_staff(request) else serializers.ImpactPublicFindingSerializer
        )
        return Response(serializer(assessment.findings.all(), many=True).data)

    @extend_schema(
        operation_id="impact_finding_create",
        parameters=[OBJECT_ID],
        request=serializers.ImpactFindingSaveSerializer,
        responses={201: serializers.ImpactFindingSerializer, **ACTION_RESPONSES},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        assessment = _assessment(request, pk)
        serializer = serializers.ImpactFindingSaveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        finding = services.finding_save(
            assessment=assessment,
            actor=request.user,
            criterion=_criterion(request, data.get("criterion")),
            finding=data["finding"],
            recommendation=data["recommendation"],
            request=request,
        )
        finding = _get(selectors.finding_get, request, finding.pk)
        return Response(serializers.ImpactFindingSerializer(finding).data, status=status.HTTP_201_CREATED)


class FindingDetailView(APIView):
    """Change a finding (only the fields sent) or delete it, while the assessment is in progress."""

    permission_classes = [CanAssessImpact]

    @extend_schema(
        operation_id="impact_finding_update",
        parameters=[OBJECT_ID],
        request=serializers.ImpactFindingSaveSerializer,
        responses={200: serializers.ImpactFindingSerializer, **ACTION_RESPONSES},
        tags=TAGS,
    )
    def patch(self, request, pk: int):
        finding = _get(selectors.finding_get, request, pk)
        serializer = serializers.ImpactFindingSaveSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.finding_save(
            assessment=finding.assessment,
            actor=request.user,
            instance=finding,
            criterion=_criterion(request, data["criterion"]) if "criterion" in data else finding.criterion,
            finding=data.get("finding", finding.finding),
            recommendation=data.get("recommendation", finding.recommendation),
            request=request,
        )
        return Response(serializers.ImpactFindingSerializer(_get(selectors.finding_get, request, pk)).data)

    @extend_schema(
        operation_id="impact_finding_delete",
        parameters=[OBJECT_ID],
        request=None,
        responses={204: None, **ACTION_RESPONSES},
        tags=TAGS,
    )
    def delete(self, request, pk: int):
        finding = _get(selectors.finding_get, request, pk)
        services.finding_delete(finding=finding, actor=request.user, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class FindingResponseView(APIView):
    """The department's response to one recommendation, saved as a draft until the responses are
    submitted (officials of the assessment's department)."""

    permission_classes = [IsStaffMember]

    @extend_schema(
        operation_id="impact_finding_respond",
        parameters=[OBJECT_ID],
        request=serializers.ImpactFindingResponseSerializer,
        responses={200: serializers.ImpactFindingSerializer, **ACTION_RESPONSES},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        finding = _get(selectors.finding_get, request, pk)
        serializer = serializers.ImpactFindingResponseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.responses_save(
                assessment=finding.assessment,
                actor=request.user,
                responses={finding.pk: dict(serializer.validated_data)},
                request=request,
            )
        except DjangoValidationError as error:
            detail = validation_error_detail(error)
            renamed = {f"response-{finding.pk}": "response", f"reason-{finding.pk}": "reason"}
            raise exceptions.ValidationError({renamed.get(key, key): value for key, value in detail.items()}) from None
        return Response(serializers.ImpactFindingSerializer(_get(selectors.finding_get, request, pk)).data)


def _transition_view(
    name: str, serializer_class, permission, service, arguments, doc: str, code: int = status.HTTP_200_OK
):
    """One POST endpoint per transition: parse, call the service under the 409 guard, answer the detail."""

    def post(self, request, pk: int):
        assessment = _assessment(request, pk)
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        _guarded(
            request,
            assessment,
            data["expected_status"],
            lambda: service(
                assessment=assessment,
                actor=request.user,
                expected_status=data["expected_status"],
                request=request,
                **arguments(data),
            ),
        )
        return _detail_response(request, pk, code)

    post = extend_schema(
        operation_id=f"impact_assessment_{name}",
        parameters=[OBJECT_ID],
        request=serializer_class,
        responses={code: serializers.ImpactAssessmentDetailSerializer, **TRANSITION_RESPONSES},
        tags=TAGS,
    )(post)
    return type(
        f"Assessment{name.title().replace('_', '')}View",
        (APIView,),
        {"permission_classes": [permission], "post": post, "__doc__": doc, "__module__": __name__},
    )


FindingsIssueView = _transition_view(
    "issue_findings",
    serializers.ImpactIssueFindingsSerializer,
    CanAssessImpact,
    services.findings_issue,
    lambda data: {"summary": data["summary"]},
    "Finish the checklist and send the findings to the department (every criterion answered; a "
    "criterion not met needs a recommendation).",
)
ResponsesSubmitView = _transition_view(
    "submit_responses",
    serializers.ImpactNoteSerializer,
    IsStaffMember,
    services.responses_submit,
    lambda data: {"note": data["note"]},
    "The department sends its responses to the office: every recommendation must be answered.",
)
OutcomeRecordView = _transition_view(
    "record_outcome",
    serializers.ImpactOutcomeSerializer,
    IsStaffMember,
    services.outcome_record,
    lambda data: {"outcome": data["outcome"], "outcome_on": data["outcome_on"], "summary": data["outcome_summary"]},
    "What became of the subject: revised, partially revised or not revised (its department or the office).",
)
CommitteeReviewRequestView = _transition_view(
    "send_to_committee",
    serializers.ImpactNoteSerializer,
    CanAssessImpact,
    services.committee_review_request,
    lambda data: {"note": data["note"]},
    "The office puts the assessment before the human rights committee.",
)
AssessmentCloseView = _transition_view(
    "close",
    serializers.ImpactCloseSerializer,
    CanAssessImpact,
    services.assessment_close,
    lambda data: {"public_summary": data["public_summary"], "note": data["note"]},
    "Close with the summary the public will read (after the committee's review, if it was asked).",
)
AssessmentWithdrawView = _transition_view(
    "withdraw",
    serializers.ImpactWithdrawSerializer,
    IsStaffMember,
    services.assessment_withdraw,
    lambda data: {"reason": data["reason"]},
    "Withdraw a request before the findings are issued (its department or the office; ``reason`` required).",
)


class AssessmentReviewsView(APIView):
    """The human rights committee's review opinions on an assessment (staff); ``POST`` records one
    while the assessment is under review (committee members, or the office for the committee)."""

    permission_classes = [StaffReadReviewersWrite]

    @extend_schema(
        operation_id="impact_review_list",
        parameters=[OBJECT_ID],
        responses={200: serializers.ImpactReviewSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
        tags=TAGS,
    )
    def get(self, request, pk: int):
        assessment = _get(selectors.assessment_get, request, pk)
        return Response(serializers.ImpactReviewSerializer(assessment.reviews.all(), many=True).data)

    @extend_schema(
        operation_id="impact_review_submit",
        parameters=[OBJECT_ID],
        request=serializers.ImpactReviewSubmitSerializer,
        responses={201: serializers.ImpactReviewSerializer, **ACTION_RESPONSES},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        assessment = _assessment(request, pk)
        serializer = serializers.ImpactReviewSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        committee = plans_selectors.committee_list(user=request.user).filter(pk=data["committee"]).first()
        if committee is None:
            raise exceptions.ValidationError({"committee": [_("There is no such committee.")]})
        meeting = None
        if data["meeting"] is not None:
            meeting = plans_selectors.meeting_list(user=request.user).filter(pk=data["meeting"]).first()
            if meeting is None:
                raise exceptions.ValidationError({"meeting": [_("There is no such meeting.")]})
        review = services.committee_review_submit(
            assessment=assessment,
            actor=request.user,
            committee=committee,
            meeting=meeting,
            conclusion=data["conclusion"],
            text=data["text"],
            request=request,
        )
        return Response(serializers.ImpactReviewSerializer(review).data, status=status.HTTP_201_CREATED)


class AttachmentsAddView(APIView):
    """Add evidence files (multipart ``attachments``), optionally for one criterion, while the
    assessment is open (the office, or the assessment's department)."""

    permission_classes = [IsStaffMember]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="impact_attachments_add",
        parameters=[OBJECT_ID],
        request={"multipart/form-data": serializers.ImpactAttachmentsAddSerializer},
        responses={201: serializers.ImpactAttachmentSerializer(many=True), **ACTION_RESPONSES},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        assessment = _assessment(request, pk)
        serializer = serializers.ImpactAttachmentsAddSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        stored = services.attachments_add(
            assessment=assessment,
            actor=request.user,
            uploads=data["attachments"],
            criterion=_criterion(request, data["criterion"]),
            request=request,
        )
        return Response(serializers.ImpactAttachmentSerializer(stored, many=True).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- checklist templates


def _template_response(request, pk: int, code: int = status.HTTP_200_OK) -> Response:
    template = _get(selectors.template_get, request, pk)
    serializer = (
        serializers.ImpactTemplateDetailSerializer
        if _is_staff(request)
        else serializers.ImpactPublicTemplateDetailSerializer
    )
    return Response(serializer(template).data, status=code)


class TemplateListView(generics.ListAPIView):
    """Checklist versions per subject type (the public: the versions in use); ``POST`` starts a new
    draft version, copying the criteria of ``copy_from`` or of the version in use (the office)."""

    permission_classes = [ReadAnyoneWriteChecklists]
    serializer_class = serializers.ImpactTemplateListSerializer
    filterset_class = TemplateFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return ChecklistTemplate.objects.none()
        return selectors.template_list(user=self.request.user)

    @extend_schema(
        operation_id="impact_template_list",
        responses={200: serializers.ImpactTemplateListSerializer(many=True), **PUBLIC_LIST_RESPONSES},
        tags=TAGS,
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="impact_template_create",
        request=serializers.ImpactTemplateCreateSerializer,
        responses={201: serializers.ImpactTemplateDetailSerializer, **CREATE_RESPONSES},
        tags=TAGS,
        filters=False,
    )
    def post(self, request):
        serializer = serializers.ImpactTemplateCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        copy_from = None
        if data["copy_from"] is not None:
            try:
                copy_from = selectors.template_get(user=request.user, pk=data["copy_from"])
            except ObjectDoesNotExist as error:
                raise exceptions.ValidationError({"copy_from": [_("There is no such checklist.")]}) from error
        template = services.template_create(
            actor=request.user,
            subject_type=data["subject_type"],
            title=data["title"],
            description=data["description"],
            copy_from=copy_from,
            request=request,
        )
        return _template_response(request, template.pk, status.HTTP_201_CREATED)


class TemplateDetailView(APIView):
    """A checklist version with its criteria; ``PATCH`` changes the title or description of a draft."""

    permission_classes = [ReadAnyoneWriteChecklists]

    @extend_schema(
        operation_id="impact_template_detail",
        parameters=[OBJECT_ID],
        responses={200: serializers.ImpactTemplateDetailSerializer, 404: ERROR_404},
        tags=TAGS,
    )
    def get(self, request, pk: int):
        return _template_response(request, pk)

    @extend_schema(
        operation_id="impact_template_update",
        parameters=[OBJECT_ID],
        request=serializers.ImpactTemplateUpdateSerializer,
        responses={200: serializers.ImpactTemplateDetailSerializer, **ACTION_RESPONSES},
        tags=TAGS,
    )
    def patch(self, request, pk: int):
        template = _get(selectors.template_get, request, pk)
        serializer = serializers.ImpactTemplateUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.template_update(
            template=template,
            actor=request.user,
            title=data.get("title", template.title),
            description=data.get("description", template.description),
            request=request,
        )
        return _template_response(request, pk)


class TemplateCriterionCreateView(APIView):
    """Add a criterion to a draft checklist (``number`` defaults to the next free one)."""

    permission_classes = [CanManageChecklists]

    @extend_schema(
        operation_id="impact_criterion_create",
        parameters=[OBJECT_ID],
        request=serializers.ImpactCriterionSaveSerializer,
        responses={201: serializers.ImpactCriterionSerializer, **ACTION_RESPONSES},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        template = _get(selectors.template_get, request, pk)
        serializer = serializers.ImpactCriterionSaveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        criterion = services.criterion_save(
            template=template, actor=request.user, request=request, **serializer.validated_data
        )
        criterion = _get(selectors.criterion_get, request, criterion.pk)
        return Response(serializers.ImpactCriterionSerializer(criterion).data, status=status.HTTP_201_CREATED)


class CriterionDetailView(APIView):
    """A criterion; ``PATCH`` changes it (only the fields sent) and ``DELETE`` removes it, in a draft
    checklist (the office)."""

    permission_classes = [ReadAnyoneWriteChecklists]

    @extend_schema(
        operation_id="impact_criterion_detail",
        parameters=[OBJECT_ID],
        responses={200: serializers.ImpactCriterionSerializer, 404: ERROR_404},
        tags=TAGS,
    )
    def get(self, request, pk: int):
        return Response(serializers.ImpactCriterionSerializer(_get(selectors.criterion_get, request, pk)).data)

    @extend_schema(
        operation_id="impact_criterion_update",
        parameters=[OBJECT_ID],
        request=serializers.ImpactCriterionSaveSerializer,
        responses={200: serializers.ImpactCriterionSerializer, **ACTION_RESPONSES},
        tags=TAGS,
    )
    def patch(self, request, pk: int):
        criterion = _get(selectors.criterion_get, request, pk)
        serializer = serializers.ImpactCriterionSaveSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.criterion_save(
            template=criterion.template,
            actor=request.user,
            instance=criterion,
            number=data.get("number") or criterion.number,
            section=data.get("section", criterion.section),
            text=data.get("text", criterion.text),
            guidance=data.get("guidance", criterion.guidance),
            right=data.get("right", criterion.right),
            group=data.get("group", criterion.group),
            request=request,
        )
        return Response(serializers.ImpactCriterionSerializer(_get(selectors.criterion_get, request, pk)).data)

    @extend_schema(
        operation_id="impact_criterion_delete",
        parameters=[OBJECT_ID],
        request=None,
        responses={204: None, **ACTION_RESPONSES},
        tags=TAGS,
    )
    def delete(self, request, pk: int):
        criterion = _get(selectors.criterion_get, request, pk)
        services.criterion_delete(criterion=criterion, actor=request.user, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TemplatePublishView(APIView):
    """Put a draft checklist in use; the version in use before is retired (assessments keep theirs)."""

    permission_classes = [CanManageChecklists]

    @extend_schema(
        operation_id="impact_template_publish",
        parameters=[OBJECT_ID],
        request=None,
        responses={200: serializers.ImpactTemplateDetailSerializer, **ACTION_RESPONSES},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        template = _get(selectors.template_get, request, pk)
        services.template_publish(template=template, actor=request.user, request=request)
        return _template_response(request, pk)


# ---------------------------------------------------------------- statistics


@extend_schema_view(
    get=extend_schema(
        operation_id="impact_statistics",
        parameters=[serializers.ImpactStatisticsQuerySerializer],
        responses={200: serializers.ImpactStatisticsSerializer, 400: ERRORS_400},
        tags=TAGS,
    )
)
class StatisticsView(APIView):
    """The public figures, by year and subject type: assessed, revised, partially revised, not revised
    (e.g. 49 of 107 ordinances revised), buildings renovated by use (e.g. 22 of 44 polling stations)
    and the criteria most often failed. Aggregates only; a fixed number of queries. Feeds the dashboards."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # public aggregates: the same answer for everyone

    def get(self, request):
        query = serializers.ImpactStatisticsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data["year"]
        subject_type = query.validated_data["subject_type"] or None
        figures = selectors.impact_figures(year=year, subject_type=subject_type)
        data = {
            "year": year,
            "subject_type": subject_type,
            "rows": figures.rows,
            "totals": figures.totals,
            "facilities": figures.facilities,
            "failed_criteria": figures.failed_criteria,
            "years": figures.years,
        }
        return Response(serializers.ImpactStatisticsSerializer(data).data)
