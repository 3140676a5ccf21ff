"""The OpenAPI schema is exact: generating it gives no warning and it validates."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_generates_without_warnings_and_validates(tmp_path):
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yml"))
    assert "/api/v1/departments/" in (tmp_path / "schema.yml").read_text()
