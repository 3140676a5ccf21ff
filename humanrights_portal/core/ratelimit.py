"""Rate limits per client: one atomic counter per (scope, time window), one round trip per request.

With the portal's Redis cache (production, ``CACHE_URL``) the counter is a Redis key (``INCR``; the first
hit of a window sets its expiry), which spares PostgreSQL a write on every public POST. Otherwise the
default cache is the database cache, whose ``incr`` is a read followed by a write (two servers can both
read 4 and both write 5) and costs five statements: there a counter row is bumped with ``INSERT … ON
CONFLICT DO UPDATE … RETURNING`` in an UNLOGGED table (no WAL). Both are exact under any number of
application servers and start again after a crash or restart. The client address is kept only as a
keyed hash (docs/adr/0009-public-rate-limits-and-citizen-cookies.md).

A write that is itself a statement can count its event in that statement instead (:class:`Hit`): the
complaint submission counts in the table as part of the statement that takes its receipt number, so the
limit costs it no round trip of its own. Its group then counts in the table only (``in_database``), also
for the attempts that never get that far.
"""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass

from django.core.cache import caches
from django.db import connection
from django.utils.crypto import salted_hmac

from humanrights_portal.core.cache import PortalRedisCache
from humanrights_portal.core.http import client_ip

RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
#: Share of increments that also delete expired windows, so the table stays small without a job.
PURGE_PROBABILITY = 0.01


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int


def parse_rate(rate: str) -> Rate:
    """``"10/h"``, ``"20/10m"``, ``"5/s"`` → at most ``limit`` events per ``seconds``."""
    match = RATE.match(rate or "")
    if not match:
        raise ValueError(f"Not a rate: {rate!r} (expected e.g. '10/h' or '20/10m')")
    limit, multiplier, unit = match.groups()
    return Rate(limit=int(limit), seconds=int(multiplier or 1) * UNIT_SECONDS[unit])


@dataclass(frozen=True)
class Usage:
    count: int
    limit: int

    @property
    def exhausted(self) -> bool:
        """No further event is allowed in this window."""
        return self.count >= self.limit

    @property
    def exceeded(self) -> bool:
        """The event just counted went over the limit."""
        return self.count > self.limit


class RateLimitExceeded(Exception):
    """The event counted with a :class:`Hit` went over its limit; the write it came with was not made."""


def _scope(group: str, key: str) -> str:
    return salted_hmac("core.ratelimit", f"{group}\x00{key}", algorithm="sha256").hexdigest()


@dataclass(frozen=True)
class Hit:
    """One event to count in the counter table, in the current window of its rate.

    ``COUNT_SQL`` with ``params`` adds it and returns the new count: on its own (``usage``) or as a
    ``WITH`` part of a caller's statement, which then goes ahead only while the count is within ``limit``.
    """

    scope: str
    window: int
    expires_at: int
    limit: int

    COUNT_SQL = """
        INSERT INTO core_ratelimitcounter (scope, "window", count, expires_at)
        VALUES (%s, %s, 1, to_timestamp(%s))
        ON CONFLICT (scope, "window") DO UPDATE SET count = core_ratelimitcounter.count + 1
        RETURNING count
    """

    @property
    def params(self) -> list:
        return [self.scope, self.window, self.expires_at]


def hit(*, group: str, key: str, rate: str) -> Hit:
    parsed = parse_rate(rate)
    window = int(time.time() // parsed.seconds)
    return Hit(scope=_scope(group, key), window=window, expires_at=(window + 1) * parsed.seconds, limit=parsed.limit)


def purge_sometimes(cursor) -> None:
    """After an increment in the table: now and then delete the windows that have ended."""
    if random.random() < PURGE_PROBABILITY:  # noqa: S311 - not security-relevant sampling
        cursor.execute("DELETE FROM core_ratelimitcounter WHERE expires_at < now()")


def usage(*, group: str, key: str, rate: str, increment: bool, in_database: bool = False) -> Usage:
    """The count of ``group`` events for ``key`` in the current window, after counting this one if asked.

    ``in_database``: in the counter table even when Redis is the cache (a group that :class:`Hit` counts)."""
    event = hit(group=group, key=key, rate=rate)
    cache = caches["default"]
    if isinstance(cache, PortalRedisCache) and not in_database:
        count = cache.count_in_window(
            f"ratelimit:{event.scope}:{event.window}", expires_at=event.expires_at, increment=increment
        )
        return Usage(count=count, limit=event.limit)
    with connection.cursor() as cursor:
        if increment:
            cursor.execute(Hit.COUNT_SQL, event.params)
            count = cursor.fetchone()[0]
            purge_sometimes(cursor)
        else:
            cursor.execute(
                'SELECT count FROM core_ratelimitcounter WHERE scope = %s AND "window" = %s',
                [event.scope, event.window],
            )
            row = cursor.fetchone()
            count = row[0] if row else 0
    return Usage(count=count, limit=event.limit)


def client_key(request) -> str:
    """Whom a limit counts: the request's client address (behind the configured proxies)."""
    return client_ip(request) or "unknown"


def client_usage(request, *, group: str, rate: str, increment: bool, in_database: bool = False) -> Usage:
    """:func:`usage` keyed on the request's client address."""
    return usage(group=group, key=client_key(request), rate=rate, increment=increment, in_database=in_database)


def client_hit(request, *, group: str, rate: str) -> Hit:
    """:func:`hit` keyed on the request's client address."""
    return hit(group=group, key=client_key(request), rate=rate)
