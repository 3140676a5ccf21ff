"""Rate limits per client: one atomic counter per (scope, time window), one round trip per request.

With the portal's Redis cache (production, ``CACHE_URL``) the counter is a Redis key (``INCR``; the first
hit of a window sets its expiry), which spares PostgreSQL a write on every public POST. Otherwise the
default cache is the database cache, whose ``incr`` is a read followed by a write (two servers can both
read 4 and both write 5) and costs five statements: there a counter row is bumped with ``INSERT … ON
CONFLICT DO UPDATE … RETURNING`` in an UNLOGGED table (no WAL). Both are exact under any number of
application servers and start again after a crash or restart. The client address is kept only as a
keyed hash (docs/adr/0009-public-rate-limits-and-citizen-cookies.md).
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


def _scope(group: str, key: str) -> str:
    return salted_hmac("core.ratelimit", f"{group}\x00{key}", algorithm="sha256").hexdigest()


def usage(*, group: str, key: str, rate: str, increment: bool) -> Usage:
    """The count of ``group`` events for ``key`` in the current window, after counting this one if asked."""
    parsed = parse_rate(rate)
    now = time.time()
    window = int(now // parsed.seconds)
    scope = _scope(group, key)
    cache = caches["default"]
    if isinstance(cache, PortalRedisCache):
        count = cache.count_in_window(
            f"ratelimit:{scope}:{window}", expires_at=(window + 1) * parsed.seconds, increment=increment
        )
        return Usage(count=count, limit=parsed.limit)
    with connection.cursor() as cursor:
        if increment:
            cursor.execute(
                """
                INSERT INTO core_ratelimitcounter (scope, "window", count, expires_at)
                VALUES (%s, %s, 1, to_timestamp(%s))
                ON CONFLICT (scope, "window") DO UPDATE SET count = core_ratelimitcounter.count + 1
                RETURNING count
                """,
                [scope, window, (window + 1) * parsed.seconds],
            )
            count = cursor.fetchone()[0]
            if random.random() < PURGE_PROBABILITY:  # noqa: S311 - not security-relevant sampling
                cursor.execute("DELETE FROM core_ratelimitcounter WHERE expires_at < now()")
        else:
            cursor.execute(
                'SELECT count FROM core_ratelimitcounter WHERE scope = %s AND "window" = %s', [scope, window]
            )
            row = cursor.fetchone()
            count = row[0] if row else 0
    return Usage(count=count, limit=parsed.limit)


def client_usage(request, *, group: str, rate: str, increment: bool) -> Usage:
    """:func:`usage` keyed on the request's client address (behind the configured proxies)."""
    return usage(group=group, key=client_ip(request) or "unknown", rate=rate, increment=increment)
