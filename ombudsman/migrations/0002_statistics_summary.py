"""Summary tables of the complaint statistics (``ombudsman.statistics``), refreshed by
``ombudsman.statistics.refresh`` (``manage.py refresh_statistics``, seed_demo/seed_bench, or on read when
older than ``PORTAL_STATISTICS_MAX_AGE``). Plain tables, not materialised views: the refresh runs in one
transaction (DELETE + INSERT … SELECT), so readers keep seeing the previous version until it commits, and
the year is computed in the time zone of the refresh (``stat_state.time_zone``)."""

from django.db import migrations

TABLES = {
    "ombudsman_stat_state": "id smallint PRIMARY KEY CHECK (id = 1), refreshed_at timestamptz NOT NULL,"
    " time_zone text NOT NULL, took_ms integer NOT NULL DEFAULT 0",
    "ombudsman_stat_cases": "year integer NOT NULL, status text NOT NULL, channel text NOT NULL,"
    " open_deadline date NULL, n bigint NOT NULL",
    "ombudsman_stat_agencies": "year integer NOT NULL, agency text NOT NULL, n bigint NOT NULL",
    "ombudsman_stat_rights": "year integer NOT NULL, right_id bigint NOT NULL, n bigint NOT NULL",
    "ombudsman_stat_groups": "year integer NOT NULL, group_id bigint NOT NULL, n bigint NOT NULL,"
    " closed bigint NOT NULL",
    "ombudsman_stat_recommendations": "year integer NOT NULL, response text NOT NULL, implemented boolean NULL,"
    " n bigint NOT NULL",
    "ombudsman_stat_sessions": "year integer NOT NULL, n bigint NOT NULL",
    "ombudsman_stat_satisfaction": "year integer NOT NULL, answers bigint NOT NULL, fairness bigint NOT NULL,"
    " speed bigint NOT NULL, clarity bigint NOT NULL",
    # year 0: every year together (percentiles do not add up)
    "ombudsman_stat_handling": "year integer PRIMARY KEY, median_seconds double precision NULL,"
    " p90_seconds double precision NULL",
}
INDEXED = ["ombudsman_stat_cases", "ombudsman_stat_agencies", "ombudsman_stat_rights", "ombudsman_stat_groups"]


class Migration(migrations.Migration):
    dependencies = [("ombudsman", "0001_initial")]

    operations = [
        migrations.RunSQL(
            sql=[f"CREATE TABLE {table} ({columns})" for table, columns in TABLES.items()]
            + [f"CREATE INDEX {table}_year ON {table} (year)" for table in INDEXED],
            reverse_sql=[f"DROP TABLE IF EXISTS {table}" for table in TABLES],
        )
    ]
