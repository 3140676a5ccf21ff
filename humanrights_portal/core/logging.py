"""Structured logs: one JSON object per line, each carrying the id of the request (or task) it belongs to.

The id comes from nginx's ``X-Request-ID`` header (``RequestIdMiddleware`` checks it is a safe token and
makes one up otherwise), lives in a context variable while the request runs, is added to every log record
by :class:`RequestContextFilter` and written by :class:`JsonFormatter`. Celery tasks queued during the
request carry it in a message header and set it again while they run (the signal pair at the bottom).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import uuid
from contextvars import ContextVar

# What the current request (or task) is: request_id, method, path, user_id.
request_context: ContextVar[dict | None] = ContextVar("portal_request_context", default=None)

# A safe id: letters, digits, dot, underscore, colon and dash, 8 to 128 characters (nginx sends 32 hex digits).
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$")

# Attributes of every LogRecord: anything else on a record came from ``extra=`` and is written out too.
_RECORD_ATTRIBUTES = frozenset(
    logging.LogRecord("", 0, "", 0, "", (), None).__dict__.keys() | {"message", "asctime", "taskName"}
)
# The fields of the request's context, in the order they are written.
CONTEXT_FIELDS = ("request_id", "method", "path", "status", "duration_ms", "user_id")


def new_request_id() -> str:
    return uuid.uuid4().hex


def clean_request_id(value: str | None) -> str:
    """``value`` when it is a safe token, else a new id (never trust a header into a log line)."""
    if value and _REQUEST_ID_RE.match(value):
        return value
    return new_request_id()


def current_request_id() -> str | None:
    context = request_context.get()
    return context.get("request_id") if context else None


class RequestContextFilter(logging.Filter):
    """Copies the request's id, method, path and user id onto each record (unless the call gave them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = request_context.get() or {}
        for field in CONTEXT_FIELDS:
            if not hasattr(record, field):
                setattr(record, field, context.get(field))
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the request fields, extras, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        context = request_context.get() or {}
        for field in CONTEXT_FIELDS:
            entry[field] = getattr(record, field, context.get(field))
        for key, value in record.__dict__.items():
            if key not in _RECORD_ATTRIBUTES and key not in entry and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


# ------------------------------------------------------------------ Celery: the request id travels with a task
REQUEST_ID_HEADER = "portal_request_id"

try:
    from celery.signals import before_task_publish, task_postrun, task_prerun
except ImportError:  # Celery is optional for this module: logs work without it.
    pass
else:
    _task_tokens: dict[str, object] = {}

    @before_task_publish.connect(weak=False)
    def _add_request_id_header(headers=None, **kwargs):
        request_id = current_request_id()
        if headers is not None and request_id and not headers.get(REQUEST_ID_HEADER):
            headers[REQUEST_ID_HEADER] = request_id

    @task_prerun.connect(weak=False)
    def _enter_task_context(task_id=None, task=None, **kwargs):
        request = getattr(task, "request", None)
        request_id = getattr(request, REQUEST_ID_HEADER, None) or (getattr(request, "headers", None) or {}).get(
            REQUEST_ID_HEADER
        )
        if not request_id:
            # Eager tasks run inside the request, whose context is already set.
            if current_request_id():
                return
            request_id = new_request_id()
        _task_tokens[task_id] = request_context.set({"request_id": clean_request_id(request_id)})

    @task_postrun.connect(weak=False)
    def _leave_task_context(task_id=None, **kwargs):
        token = _task_tokens.pop(task_id, None)
        if token is not None:
            request_context.reset(token)
