"""API error responses: always JSON, field errors keyed by field name.

A service raises Django's ``ValidationError`` (from ``full_clean`` or its own
checks); API views let it propagate and this handler turns it into the same
400 body DRF gives for serializer errors: ``{"field": ["message", ...]}``, with
errors not tied to a field under ``non_field_errors``.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler


def validation_error_detail(error: DjangoValidationError) -> dict | list:
    if hasattr(error, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}


def portal_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=validation_error_detail(exc))
    return exception_handler(exc, context)
