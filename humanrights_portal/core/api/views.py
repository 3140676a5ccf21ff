"""Read-only API of the shared kernel: reference data, the current user, audit logs."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework import serializers as drf_serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from humanrights_portal.core import selectors
from humanrights_portal.core.api import serializers
from humanrights_portal.core.api.permissions import CanViewAuditLog, CanViewPersonalDataAccessLog
from humanrights_portal.core.filters import (
    AuditEventFilter,
    DepartmentFilter,
    PersonalDataAccessFilter,
    SdgTargetFilter,
)
from humanrights_portal.core.models import AuditEvent, PersonalDataAccess


class ApiRootView(APIView):
    """Entry point of the portal's REST API: one link per collection."""

    permission_classes = [AllowAny]
    #: route names listed at the root, in order; apps append theirs in their api/urls.py
    root_routes: list[tuple[str, str]] = []

    @extend_schema(exclude=True)
    def get(self, request, format=None):
        return Response(
            {key: reverse(route_name, request=request, format=format) for key, route_name in self.root_routes}
        )


class DepartmentListView(generics.ListAPIView):
    """The city's departments (public reference data)."""

    permission_classes = [AllowAny]
    serializer_class = serializers.DepartmentSerializer
    filterset_class = DepartmentFilter
    ordering_fields = ["sort_order", "name_ko", "code"]

    def get_queryset(self):
        return selectors.department_list()


class VulnerableGroupListView(generics.ListAPIView):
    """Vulnerable groups used to classify complaints, tasks and assessments."""

    permission_classes = [AllowAny]
    serializer_class = serializers.VulnerableGroupSerializer
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self):
        return selectors.vulnerable_group_list()


class RightCategoryListView(generics.ListAPIView):
    """Categories of rights."""

    permission_classes = [AllowAny]
    serializer_class = serializers.RightCategorySerializer
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self):
        return selectors.right_category_list()


class SdgTargetListView(generics.ListAPIView):
    """The 169 SDG targets, filterable by goal number."""

    permission_classes = [AllowAny]
    serializer_class = serializers.SdgTargetSerializer
    filterset_class = SdgTargetFilter
    ordering_fields = ["code"]

    def get_queryset(self):
        return selectors.sdg_target_list()


class CurrentUserView(generics.RetrieveAPIView):
    """The signed-in staff member, with department and roles."""

    permission_classes = [IsAuthenticated]
    serializer_class = serializers.CurrentUserSerializer

    def get_object(self):
        return self.request.user


class AuditEventListView(generics.ListAPIView):
    """The audit trail of every write (administrators only)."""

    permission_classes = [CanViewAuditLog]
    serializer_class = serializers.AuditEventSerializer
    filterset_class = AuditEventFilter
    ordering_fields = ["occurred_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return AuditEvent.objects.none()
        return selectors.audit_event_list(user=self.request.user)


class PersonalDataAccessListView(generics.ListAPIView):
    """Who viewed whose personal data, and when (administrators only)."""

    permission_classes = [CanViewPersonalDataAccessLog]
    serializer_class = serializers.PersonalDataAccessSerializer
    filterset_class = PersonalDataAccessFilter
    ordering_fields = ["accessed_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return PersonalDataAccess.objects.none()
        return selectors.personal_data_access_list(user=self.request.user)


class TokenSerializer(drf_serializers.Serializer):
    token = drf_serializers.CharField(read_only=True)


class PortalAuthTokenSerializer(AuthTokenSerializer):
    """DRF's serializer with the lengths the sign-in form enforces, checked before authenticating.

    Without them an over-long username reached django-axes, whose failure log column holds 255
    characters: a 500 instead of a 400 (found by the API fuzz test).
    """

    username = drf_serializers.CharField(label=_("Username"), max_length=150, write_only=True)
    password = drf_serializers.CharField(
        label=_("Password"), max_length=4096, style={"input_type": "password"}, trim_whitespace=False, write_only=True
    )


class TokenObtainView(ObtainAuthToken):
    """Exchange a staff username and password for an API token (``Authorization: Token <key>``).

    Failed attempts count towards the same django-axes lockout as the sign-in page.
    """

    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    serializer_class = PortalAuthTokenSerializer

    @extend_schema(request=PortalAuthTokenSerializer, responses={200: TokenSerializer})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)
