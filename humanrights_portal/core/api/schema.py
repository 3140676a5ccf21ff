"""The OpenAPI pieces every app's API shares: error bodies, their responses, the ``{id}`` parameter.

One definition, so the schema has one ``Error`` and one ``ValidationError`` component and the
error bodies of every app are documented alike (they come from ``core.api.exceptions``).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """A 403, 404 or 429 response."""

    detail = serializers.CharField()


class ValidationErrorSerializer(serializers.Serializer):
    """A 400 response: the messages of each field that failed, keyed by field name.

    Errors not tied to a field are under ``non_field_errors``; a body that could not be parsed
    at all gives ``detail``.
    """

    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)
    detail = serializers.CharField(required=False)


NOT_FOUND = _("Not found.")

ERRORS_400 = OpenApiResponse(ValidationErrorSerializer, description=_("Invalid input, per field."))
ERROR_403 = OpenApiResponse(ErrorSerializer, description=_("Not signed in, or no permission."))
ERROR_404 = OpenApiResponse(ErrorSerializer, description=_("Not found."))
ERROR_429 = OpenApiResponse(ErrorSerializer, description=_("Too many attempts from this address."))

#: A numeric ``{id}`` in a path, bounded like the database's integer keys (the fuzzer tries huge ones).
OBJECT_ID = OpenApiParameter("id", {"type": "integer", "minimum": 1, "maximum": 2147483647}, OpenApiParameter.PATH)
