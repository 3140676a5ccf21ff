"""The production database engine's health check: no query for a healthy connection, a reconnect after
the server dropped it (humanrights_portal/core/postgresql)."""

import time

import pytest
from django.db import connections
from django.db.utils import load_backend

pytestmark = pytest.mark.django_db


@pytest.fixture
def wrapper(settings):
    backend = load_backend(settings.PORTAL_METRICS_DATABASE_ENGINE)
    wrapper = backend.DatabaseWrapper(
        {**connections["default"].settings_dict, "CONN_HEALTH_CHECKS": True}, alias="default"
    )
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


def backend_pid(wrapper):
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_a_healthy_connection_is_usable_without_a_query(wrapper):
    backend_pid(wrapper)  # an idle connection after a finished query, as between two requests
    raw, opened = wrapper.connection, []
    wrapper.connection = _Spy(raw, opened)
    try:
        assert wrapper.is_usable()
    finally:
        wrapper.connection = raw

    assert opened == []


class _Spy:
    """Stands in for the psycopg2 connection and records any cursor opened on it."""

    def __init__(self, connection, opened):
        self._connection = connection
        self._opened = opened

    def cursor(self, *args, **kwargs):
        self._opened.append(args)
        return self._connection.cursor(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._connection, name)


def terminate(pid):
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    time.sleep(0.2)  # the server's goodbye reaches the socket


def test_a_connection_the_server_terminated_is_not_usable(wrapper):
    terminate(backend_pid(wrapper))

    assert not wrapper.is_usable()


def test_the_next_request_reconnects_after_the_server_dropped_the_connection(wrapper):
    old_pid = backend_pid(wrapper)
    terminate(old_pid)

    wrapper.close_if_unusable_or_obsolete()  # what request_started does
    new_pid = backend_pid(wrapper)

    assert new_pid != old_pid


def test_a_closed_connection_is_not_usable(wrapper):
    wrapper.connection.close()

    assert not wrapper.is_usable()
