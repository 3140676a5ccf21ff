"""``/metrics/``: Prometheus metrics for loopback (or the allowed addresses) and the token holder only."""

import pytest
from django.db import connections

pytestmark = pytest.mark.django_db


def test_metrics_are_open_from_loopback(client):
    response = client.get("/metrics/", REMOTE_ADDR="127.0.0.1")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert b"django_http_requests_total_by_method_total" in response.content


def test_metrics_are_open_from_an_allowed_network(client, settings):
    settings.PORTAL_METRICS_ALLOWED_IPS = ["10.1.0.0/16"]

    assert client.get("/metrics/", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics/", REMOTE_ADDR="127.0.0.1").status_code == 404


def test_metrics_are_not_found_from_another_address(client):
    response = client.get("/metrics/", REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 404
    assert b"django_http" not in response.content


def test_a_request_relayed_by_nginx_counts_as_its_real_client(client):
    # nginx on loopback appends the client's address; a forged first hop does not help either.
    assert client.get("/metrics/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 404
    forged = "127.0.0.1, 203.0.113.7"
    assert client.get("/metrics/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forged).status_code == 404
    assert client.get("/metrics/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="127.0.0.1").status_code == 200


def test_metrics_with_the_bearer_token_from_anywhere(client, settings):
    settings.PORTAL_METRICS_TOKEN = "metrics-token-0123456789"

    response = client.get("/metrics/", REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION="Bearer metrics-token-0123456789")

    assert response.status_code == 200
    assert b"django_http_requests" in response.content


def test_a_wrong_or_unset_token_opens_nothing(client, settings):
    assert client.get("/metrics/", REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION="Bearer ").status_code == 404
    settings.PORTAL_METRICS_TOKEN = "metrics-token-0123456789"
    wrong = "Bearer metrics-token-000000000"
    assert client.get("/metrics/", REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION=wrong).status_code == 404


def test_the_database_wrapper_counts_queries_without_adding_any(settings):
    """Production's database engine is django-prometheus' wrapper: one statement stays one statement."""
    from django.db.utils import load_backend
    from django.test.utils import CaptureQueriesContext
    from django_prometheus.db import execute_total

    assert settings.PORTAL_METRICS_DATABASE_ENGINE == "humanrights_portal.core.postgresql"
    backend = load_backend(settings.PORTAL_METRICS_DATABASE_ENGINE)
    wrapper = backend.DatabaseWrapper({**connections["default"].settings_dict}, alias="default")
    counter = execute_total.labels("default", "postgresql")
    try:
        wrapper.ensure_connection()  # setting up a connection is not what is measured
        before = counter._value.get()
        with CaptureQueriesContext(wrapper) as queries, wrapper.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM core_department")
            assert cursor.fetchone()[0] >= 0
    finally:
        wrapper.close()

    assert len(queries) == 1
    assert counter._value.get() == before + 1
