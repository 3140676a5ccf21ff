"""Optional read replica for the dashboards and statistics (off by default).

With ``DATABASE_REPLICA_URL`` set, ``settings.PORTAL_READ_REPLICA`` names the ``replica`` database. Reads go
there only while a view marked with :func:`use_read_replica` runs (``core.middleware.ReadReplicaMiddleware``
marks the views listed in ``PORTAL_READ_REPLICA_VIEWS``), never globally: a replica lags behind its primary,
so every other page — and a page that has just written something — must read from the primary. Writes always
go to the primary. Sessions, users, the cache table and login attempts are always read from the primary.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

# None outside a marked view; inside, {"wrote": bool}: after a write, reads stick to the primary.
_replica_scope: ContextVar[dict | None] = ContextVar("portal_replica_scope", default=None)

# Models always read from the primary: what the request's own authentication and rate limits read.
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "contenttypes", "admin", "axes", "authtoken", "django_cache"})


def enter_replica_scope():
    """Start routing reads to the replica; returns the token for :func:`leave_replica_scope`."""
    return _replica_scope.set({"wrote": False})


def leave_replica_scope(token) -> None:
    _replica_scope.reset(token)


@contextmanager
def read_from_replica():
    """Reads inside the block may go to the replica (until the block writes something)."""
    token = enter_replica_scope()
    try:
        yield
    finally:
        leave_replica_scope(token)


def use_read_replica(view):
    """Marks a read-only view (a dashboard, a statistics endpoint) whose reads may come from the replica.

    A lazy ``TemplateResponse`` is rendered inside the scope so that the querysets its template reads
    are routed too.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with read_from_replica():
            response = view(request, *args, **kwargs)
            if callable(getattr(response, "render", None)) and not getattr(response, "is_rendered", True):
                response = response.render()
            return response

    return wrapper


def replica_alias() -> str | None:
    alias = getattr(settings, "PORTAL_READ_REPLICA", "")
    return alias if alias and alias in settings.DATABASES else None


class ReadReplicaRouter:
    def db_for_read(self, model, **hints):
        scope = _replica_scope.get()
        if scope is None or scope["wrote"]:
            return None
        if model._meta.app_label in PRIMARY_ONLY_APPS or model._meta.label == settings.AUTH_USER_MODEL:
            return None
        return replica_alias()

    def db_for_write(self, model, **hints):
        scope = _replica_scope.get()
        if scope is not None:
            scope["wrote"] = True
        return None

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary: objects read from either may be related.
        if {obj1._state.db, obj2._state.db} <= {"default", replica_alias()}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica is migrated through its primary (replication), never directly.
        if db == replica_alias() or db == "replica":
            return False
        return None
