"""Structured logs: one JSON object per line, carrying the request id from nginx's header or a new one."""

import io
import json
import logging
import re
from types import SimpleNamespace

import pytest

from humanrights_portal.core import logging as portal_logging
from humanrights_portal.core.logging import JsonFormatter, RequestContextFilter, clean_request_id, request_context


@pytest.fixture
def log_lines():
    """The JSON lines the portal's console handler would write, as the settings configure it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestContextFilter())
    logger = logging.getLogger("humanrights_portal")
    previous_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)
    logger.setLevel(previous_level)


@pytest.mark.django_db
def test_the_request_id_from_the_header_is_logged_and_returned(client, log_lines):
    response = client.get("/healthz/", HTTP_X_REQUEST_ID="0123456789abcdef0123456789abcdef")

    assert response["X-Request-ID"] == "0123456789abcdef0123456789abcdef"
    [line] = [line for line in log_lines() if line["logger"] == "humanrights_portal.request"]
    assert line["request_id"] == "0123456789abcdef0123456789abcdef"
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/healthz/"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert line["user_id"] is None
    assert line["message"] == "GET /healthz/ 200"
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$", line["time"])


@pytest.mark.django_db
@pytest.mark.parametrize("header", [None, "", "short", "has space in it", "x" * 200, "<script>alert(1)</script>"])
def test_a_missing_or_unsafe_request_id_is_replaced_by_a_new_one(client, log_lines, header):
    extra = {} if header is None else {"HTTP_X_REQUEST_ID": header}

    response = client.get("/healthz/", **extra)

    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert request_id != header
    [line] = [line for line in log_lines() if line["logger"] == "humanrights_portal.request"]
    assert line["request_id"] == request_id


@pytest.mark.django_db
def test_the_signed_in_user_id_is_logged(client, office_staff, log_lines):
    client.force_login(office_staff)

    response = client.get("/dashboard/", HTTP_X_REQUEST_ID="req-from-nginx-1")

    assert response.status_code == 200
    [line] = [line for line in log_lines() if line["logger"] == "humanrights_portal.request"]
    assert line["user_id"] == office_staff.pk
    assert line["request_id"] == "req-from-nginx-1"


def test_every_line_logged_during_a_request_carries_its_id(log_lines):
    token = request_context.set({"request_id": "abcdef123456", "method": "POST", "path": "/complaints/new/"})
    try:
        logging.getLogger("humanrights_portal.somewhere").warning("disk %s", "full", extra={"free_bytes": 0})
    finally:
        request_context.reset(token)
    logging.getLogger("humanrights_portal.somewhere").warning("outside")

    inside, outside = log_lines()
    assert inside["message"] == "disk full"
    assert inside["request_id"] == "abcdef123456"
    assert inside["method"] == "POST"
    assert inside["free_bytes"] == 0
    assert outside["request_id"] is None


def test_an_exception_is_one_json_line(log_lines):
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("humanrights_portal.somewhere").exception("failed")

    [line] = log_lines()
    assert line["level"] == "ERROR"
    assert "ValueError: boom" in line["exception"]


def test_clean_request_id():
    assert clean_request_id("0123456789abcdef") == "0123456789abcdef"
    assert clean_request_id("a1b2c3d4-e5f6-4711-8899-aabbccddeeff") == "a1b2c3d4-e5f6-4711-8899-aabbccddeeff"
    assert clean_request_id("bad\nvalue-123456") != "bad\nvalue-123456"


def test_celery_tasks_carry_the_request_id():
    pytest.importorskip("celery")
    headers = {}
    token = request_context.set({"request_id": "queued-by-request-1"})
    try:
        portal_logging._add_request_id_header(headers=headers)
    finally:
        request_context.reset(token)
    assert headers == {portal_logging.REQUEST_ID_HEADER: "queued-by-request-1"}

    # In the worker: the header is on the task's request while it runs, and gone afterwards.
    task = SimpleNamespace(name="some.task", request=SimpleNamespace(**headers))
    portal_logging._enter_task_context(task_id="t-1", task=task)
    assert portal_logging.current_request_id() == "queued-by-request-1"
    portal_logging._leave_task_context(task_id="t-1")
    assert portal_logging.current_request_id() is None

    # A task queued outside a request (beat) gets an id of its own.
    portal_logging._enter_task_context(task_id="t-2", task=SimpleNamespace(name="beat.task", request=None))
    assert re.fullmatch(r"[0-9a-f]{32}", portal_logging.current_request_id())
    portal_logging._leave_task_context(task_id="t-2")
