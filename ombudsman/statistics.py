# ruff: noqa: S608 - table names come from the models, statuses from the workflow; values are parameters.
"""The raw figures behind ``ombudsman.selectors.case_statistics``: plain aggregates, or a summary.

At a million cases the plain aggregates take seconds (a dozen scans of the complaint table), so
the figures are also kept in small summary tables (migration ``0002_statistics_summary``):
cases by year x status x channel (with the stage deadline of open cases, for "overdue"), by
year x agency, x right, x group, recommendations by year x response x implemented, counselling
sessions and satisfaction answers by year, and handling-time percentiles per year and overall.
Reading them is a handful of index scans over a few thousand rows.

Freshness (``PORTAL_STATISTICS_MAX_AGE``, seconds):

* ``0`` (the default, and the test settings): always the plain aggregates, always exact.
* ``> 0``: the summary is used while it is younger than that; a read that finds it older
  refreshes it first, under a PostgreSQL advisory lock so that one process refreshes while the
  others go on serving the previous version (the refresh is one transaction: readers never see
  a half-built summary). The figures are therefore at most ``PORTAL_STATISTICS_MAX_AGE`` seconds
  old, plus the duration of one refresh (a few seconds at a million cases).
* ``manage.py refresh_statistics`` (cron or Celery beat, e.g. every few minutes) refreshes it
  outright so that no visitor pays for a refresh; ``seed_bench`` refreshes after seeding, and
  tests call ``refresh()`` explicitly.

The summary counts years in the time zone of the refresh; when the current time zone differs
(``timezone.activate``), the plain aggregates are used. Both paths give identical figures: the
summary holds exact counts and sums, the averages are divided by PostgreSQL as ``avg()`` does,
and the percentiles are computed over the same values.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.utils import timezone

from ombudsman import workflow
from ombudsman.models import Complaint, CounsellingSession, Recommendation, SatisfactionSurvey

#: Key of the advisory lock held while the summary is rebuilt ("omstats").
LOCK_KEY = 0x6F6D7374617473
ALL_YEARS = 0
SUMMARY_TABLES = [
    "ombudsman_stat_cases",
    "ombudsman_stat_agencies",
    "ombudsman_stat_rights",
    "ombudsman_stat_groups",
    "ombudsman_stat_recommendations",
    "ombudsman_stat_sessions",
    "ombudsman_stat_satisfaction",
    "ombudsman_stat_handling",
]
AGENCY_LIMIT = 20


def max_age() -> int:
    return int(getattr(settings, "PORTAL_STATISTICS_MAX_AGE", 0) or 0)


# ---------------------------------------------------------------- choosing the path


def figures(*, year: int | None, public: bool) -> dict:
    """The raw figures: from the summary when ``PORTAL_STATISTICS_MAX_AGE`` allows, else plain."""
    if max_age() > 0 and _summary_ready():
        return summary_figures(year=year, public=public)
    return plain_figures(year=year, public=public)


def _summary_ready() -> bool:
    """True when the summary may be read: fresh enough, or stale while another process refreshes it."""
    state = summary_state()
    zone = timezone.get_current_timezone_name()
    if state is not None and state["time_zone"] == zone and state["age"] <= max_age():
        return True
    if refresh(wait=False):  # rebuilt in this time zone
        return True
    # Another process is refreshing: serve the last version if it is in this time zone.
    return state is not None and state["time_zone"] == zone


def summary_state() -> dict | None:
    """When the summary was last built (``age`` in seconds), in which time zone, how long it took."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXTRACT(EPOCH FROM (now() - refreshed_at)), time_zone, refreshed_at, took_ms"
            " FROM ombudsman_stat_state WHERE id = 1"
        )
        row = cursor.fetchone()
    if row is None:
        return None
    return {"age": float(row[0]), "time_zone": row[1], "refreshed_at": row[2], "took_ms": row[3]}


# ---------------------------------------------------------------- refresh


def refresh(*, wait: bool = True) -> bool:
    """Rebuild the summary in one transaction; False when ``wait=False`` and another process holds
    the lock (it is refreshing right now)."""
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        if wait:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        else:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_KEY])
            if not cursor.fetchone()[0]:
                return False
        _rebuild(cursor, timezone.get_current_timezone_name())
        took_ms = round((time.monotonic() - started) * 1000)
        cursor.execute(
            "INSERT INTO ombudsman_stat_state (id, refreshed_at, time_zone, took_ms) VALUES (1, now(), %s, %s)"
            " ON CONFLICT (id) DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at,"
            " time_zone = EXCLUDED.time_zone, took_ms = EXCLUDED.took_ms",
            [timezone.get_current_timezone_name(), took_ms],
        )
    return True


def _in(statuses) -> str:
    return "(" + ", ".join(f"'{status}'" for status in sorted(statuses)) + ")"


def _rebuild(cursor, zone: str) -> None:
    complaint = Complaint._meta.db_table
    rights = Complaint.rights.through._meta.db_table
    groups = Complaint.groups.through._meta.db_table
    year = "EXTRACT(YEAR FROM c.received_at AT TIME ZONE %(zone)s)::integer"
    open_statuses, terminal = _in(workflow.OPEN_STATUSES), _in(workflow.TERMINAL_STATUSES)
    handling = "EXTRACT(EPOCH FROM (c.closed_at - c.received_at))"
    percentiles = (
        f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {handling}),"
        f" percentile_cont(0.9) WITHIN GROUP (ORDER BY {handling})"
    )
    # Table names come from the models; statuses from the workflow constants; the zone is a parameter.
    statements = [
        f"INSERT INTO ombudsman_stat_cases (year, status, channel, open_deadline, n)"
        f" SELECT {year}, c.status, c.channel,"
        f" CASE WHEN c.status IN {open_statuses} THEN c.stage_deadline END, count(*)"
        f" FROM {complaint} c GROUP BY 1, 2, 3, 4",
        f"INSERT INTO ombudsman_stat_agencies (year, agency, n)"
        f" SELECT {year}, c.respondent_agency, count(*) FROM {complaint} c GROUP BY 1, 2",
        f"INSERT INTO ombudsman_stat_rights (year, right_id, n)"
        f" SELECT {year}, r.rightcategory_id, count(*) FROM {complaint} c"
        f" JOIN {rights} r ON r.complaint_id = c.id GROUP BY 1, 2",
        f"INSERT INTO ombudsman_stat_groups (year, group_id, n, closed)"
        f" SELECT {year}, g.vulnerablegroup_id, count(*), count(*) FILTER (WHERE c.status IN {terminal})"
        f" FROM {complaint} c JOIN {groups} g ON g.complaint_id = c.id GROUP BY 1, 2",
        f"INSERT INTO ombudsman_stat_recommendations (year, response, implemented, n)"
        f" SELECT EXTRACT(YEAR FROM issued_on)::integer, response, implemented, count(*)"
        f" FROM {Recommendation._meta.db_table} GROUP BY 1, 2, 3",
        f"INSERT INTO ombudsman_stat_sessions (year, n)"
        f" SELECT EXTRACT(YEAR FROM held_on)::integer, count(*) FROM {CounsellingSession._meta.db_table} GROUP BY 1",
        f"INSERT INTO ombudsman_stat_satisfaction (year, answers, fairness, speed, clarity)"
        f" SELECT {year}, count(*), sum(s.fairness), sum(s.speed), sum(s.clarity)"
        f" FROM {SatisfactionSurvey._meta.db_table} s JOIN {complaint} c ON c.id = s.complaint_id GROUP BY 1",
        f"INSERT INTO ombudsman_stat_handling (year, median_seconds, p90_seconds)"
        f" SELECT {year}, {percentiles} FROM {complaint} c WHERE c.closed_at IS NOT NULL GROUP BY 1"
        f" UNION ALL SELECT {ALL_YEARS}, {percentiles} FROM {complaint} c WHERE c.closed_at IS NOT NULL",
    ]
    for table in SUMMARY_TABLES:
        cursor.execute(f"DELETE FROM {table}")
    for statement in statements:
        cursor.execute(statement, {"zone": zone})


# ---------------------------------------------------------------- reading the summary


def summary_figures(*, year: int | None, public: bool) -> dict:
    """The figures read from the summary tables (7-8 small queries, whatever the number of cases)."""
    where, params = ("WHERE year = %s", [year]) if year else ("", [])
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT status, SUM(n), COALESCE(SUM(n) FILTER (WHERE open_deadline < %s), 0)"
            f" FROM ombudsman_stat_cases {where} GROUP BY status ORDER BY status",
            [today, *params],
        )
        statuses = [(status, int(count), int(overdue)) for status, count, overdue in cursor.fetchall()]
        cursor.execute(
            f"SELECT channel, SUM(n) FROM ombudsman_stat_cases {where} GROUP BY channel ORDER BY channel",
            params,
        )
        by_channel = _pairs(cursor.fetchall())
        cursor.execute("SELECT year, SUM(n) FROM ombudsman_stat_cases GROUP BY year ORDER BY year")
        by_year = _pairs(cursor.fetchall())
        cursor.execute(
            f"SELECT right_id, SUM(n) AS count FROM ombudsman_stat_rights {where}"
            f" GROUP BY right_id ORDER BY count DESC, right_id",
            params,
        )
        by_right = _pairs(cursor.fetchall())
        cursor.execute(
            f"SELECT group_id, SUM(n) AS count FROM ombudsman_stat_groups {where}"
            f" GROUP BY group_id ORDER BY count DESC, group_id",
            params,
        )
        by_group = _pairs(cursor.fetchall())
        by_agency = []
        if not public:
            cursor.execute(
                f"SELECT agency, SUM(n) AS count FROM ombudsman_stat_agencies {where}"
                f" GROUP BY agency ORDER BY count DESC, agency LIMIT {AGENCY_LIMIT}",
                params,
            )
            by_agency = _pairs(cursor.fetchall())
        cursor.execute(
            f"SELECT response, SUM(n), COALESCE(SUM(n) FILTER (WHERE implemented), 0),"
            f" COALESCE(SUM(n) FILTER (WHERE NOT implemented), 0),"
            f" COALESCE(SUM(n) FILTER (WHERE implemented IS NULL), 0)"
            f" FROM ombudsman_stat_recommendations {where} GROUP BY response ORDER BY response",
            params,
        )
        responses = cursor.fetchall()
        # One row: sessions, satisfaction (divided as avg() divides: numeric / numeric), percentiles.
        cursor.execute(
            f"SELECT (SELECT COALESCE(SUM(n), 0) FROM ombudsman_stat_sessions {where}),"
            f" s.answers, s.fairness::numeric / NULLIF(s.answers, 0), s.speed::numeric / NULLIF(s.answers, 0),"
            f" s.clarity::numeric / NULLIF(s.answers, 0),"
            f" (SELECT median_seconds FROM ombudsman_stat_handling WHERE year = %s),"
            f" (SELECT p90_seconds FROM ombudsman_stat_handling WHERE year = %s)"
            f" FROM (SELECT COALESCE(SUM(answers), 0) AS answers, SUM(fairness) AS fairness, SUM(speed) AS speed,"
            f" SUM(clarity) AS clarity FROM ombudsman_stat_satisfaction {where}) s",
            [*params, year or ALL_YEARS, year or ALL_YEARS, *params],
        )
        sessions, answers, fairness, speed, clarity, median, p90 = cursor.fetchone()
    terminal, still_open = workflow.TERMINAL_STATUSES, workflow.OPEN_STATUSES
    return {
        "counselling_sessions": int(sessions),
        "received": sum(count for _, count, _ in statuses),
        "closed": sum(count for status, count, _ in statuses if status in terminal),
        "open": sum(count for status, count, _ in statuses if status in still_open),
        "overdue": sum(overdue for status, _, overdue in statuses if status in still_open),
        "by_status": [(status, count) for status, count, _ in statuses],
        "by_year": by_year,
        "by_right": by_right,
        "by_group": by_group,
        "by_agency": by_agency,
        "by_channel": by_channel,
        "median_seconds": median,
        "p90_seconds": p90,
        "by_response": [(response, int(count)) for response, count, *_ in responses],
        "implemented": {
            "yes": sum(int(row[2]) for row in responses),
            "no": sum(int(row[3]) for row in responses),
            "unknown": sum(int(row[4]) for row in responses),
        },
        "satisfaction": {
            "answers": int(answers),
            "fairness": _float(fairness),
            "speed": _float(speed),
            "clarity": _float(clarity),
        },
    }


def _pairs(rows) -> list[tuple]:
    return [(key, int(count)) for key, count in rows]


def _float(value) -> float | None:
    """As Django converts ``Avg`` (a FloatField) from PostgreSQL's numeric."""
    return None if value is None else float(value)


# ---------------------------------------------------------------- the plain aggregates


PERCENTILES_SQL = (
    "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM handling)),"
    " percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM handling))"
    " FROM ({inner}) AS handled"
)


def plain_figures(*, year: int | None, public: bool) -> dict:
    """The same figures computed from the case tables directly (about a dozen queries)."""
    cases = Complaint.objects.all()
    sessions = CounsellingSession.objects.all()
    recommendations = Recommendation.objects.all()
    if year:
        cases = cases.filter(received_at__year=year)
        sessions = sessions.filter(held_on__year=year)
        recommendations = recommendations.filter(issued_on__year=year)

    def pairs(queryset, key):
        return [(row[key], row["count"]) for row in queryset]

    by_agency = (
        []
        if public
        else pairs(
            cases.values("respondent_agency")
            .annotate(count=Count("id"))
            .order_by("-count", "respondent_agency")[:AGENCY_LIMIT],
            "respondent_agency",
        )
    )
    handled = cases.filter(closed_at__isnull=False).annotate(
        handling=ExpressionWrapper(F("closed_at") - F("received_at"), output_field=DurationField())
    )
    sql, params = handled.values("handling").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(PERCENTILES_SQL.format(inner=sql), params)
        median, p90 = cursor.fetchone()
    totals = cases.aggregate(
        received=Count("id"),
        closed=Count("id", filter=Q(status__in=workflow.TERMINAL_STATUSES)),
        open=Count("id", filter=Q(status__in=workflow.OPEN_STATUSES)),
        overdue=Count("id", filter=Q(status__in=workflow.OPEN_STATUSES, stage_deadline__lt=timezone.localdate())),
    )
    return {
        "counselling_sessions": sessions.count(),
        **totals,
        "by_status": pairs(cases.values("status").annotate(count=Count("id")).order_by("status"), "status"),
        "by_year": pairs(
            Complaint.objects.values(year=F("received_at__year")).annotate(count=Count("id")).order_by("year"), "year"
        ),
        "by_right": pairs(
            cases.filter(rights__isnull=False)
            .values("rights")
            .annotate(count=Count("id"))
            .order_by("-count", "rights"),
            "rights",
        ),
        "by_group": pairs(
            cases.filter(groups__isnull=False)
            .values("groups")
            .annotate(count=Count("id"))
            .order_by("-count", "groups"),
            "groups",
        ),
        "by_agency": by_agency,
        "by_channel": pairs(cases.values("channel").annotate(count=Count("id")).order_by("channel"), "channel"),
        "median_seconds": median,
        "p90_seconds": p90,
        "by_response": pairs(
            recommendations.values("response").annotate(count=Count("id")).order_by("response"), "response"
        ),
        "implemented": recommendations.aggregate(
            yes=Count("id", filter=Q(implemented=True)),
            no=Count("id", filter=Q(implemented=False)),
            unknown=Count("id", filter=Q(implemented__isnull=True)),
        ),
        "satisfaction": SatisfactionSurvey.objects.filter(complaint__in=cases).aggregate(
            answers=Count("id"), fairness=Avg("fairness"), speed=Avg("speed"), clarity=Avg("clarity")
        ),
    }


# ---------------------------------------------------------------- for the dashboards' trends


def cases_by_year(*, group_id: int | None = None) -> list[tuple[int, int, int]] | None:
    """``(year, received, closed)`` per year from the summary (all cases, or one vulnerable group's);
    None when the summary is not to be used, so the caller computes it from the cases."""
    if max_age() <= 0 or not _summary_ready():
        return None
    terminal = _in(workflow.TERMINAL_STATUSES)
    with connection.cursor() as cursor:
        if group_id is None:
            cursor.execute(
                f"SELECT year, SUM(n), COALESCE(SUM(n) FILTER (WHERE status IN {terminal}), 0)"
                " FROM ombudsman_stat_cases GROUP BY year ORDER BY year"
            )
        else:
            cursor.execute(
                "SELECT year, SUM(n), SUM(closed) FROM ombudsman_stat_groups WHERE group_id = %s"
                " GROUP BY year ORDER BY year",
                [group_id],
            )
        return [(year, int(received), int(closed)) for year, received, closed in cursor.fetchall()]
