"""Property-based fuzzing of every operation in the project's own OpenAPI schema.

schemathesis reads ``/api/schema/`` through the WSGI application, so every endpoint a
later issue adds is fuzzed here automatically. A response fails when it is a 5xx or
does not match the schema. The budget is bounded per operation (FUZZ_EXAMPLES).
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from humanrights_portal.core.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.fuzz

FUZZ_EXAMPLES = int(os.environ.get("PORTAL_FUZZ_EXAMPLES", "25"))
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def api_schema(db):
    # Django closes "obsolete" connections when a request finishes, which would close the
    # test's transaction under the fuzzer; the test client does the same disconnection.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def staff_token(db):
    """A token for an account with every role, so the fuzzer reaches every operation."""
    user = UserFactory(username="fuzzer", roles=list(Role), is_superuser=True)
    return Token.objects.get_or_create(user=user)[0].key


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_anonymous_clients_never_break_the_api(case):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_staff_clients_never_break_the_api(case, staff_token):
    case.call_and_validate(headers={"Authorization": f"Token {staff_token}"}, checks=CHECKS)
