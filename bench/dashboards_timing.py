"""In-process timing of the dashboards' selectors on the benchmark database (``bench/dashboards.sh``).

usage: dashboards_timing.py [--repeat 20] [--json FILE]
Each selector is called ``repeat`` times after one warm-up call, as the committee dashboard (user
``bench``, staff) and as the public dashboard computes it; prints p50 / p95 / max in ms and the
number of SQL queries of one call.
"""

import argparse
import json
import os
import statistics as stats
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.dashboards_settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from humanrights_portal.core.bench import BENCH_USERNAME  # noqa: E402
from humanrights_portal.core.models import User  # noqa: E402
from humanrights_portal.dashboards import selectors  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json")
    args = parser.parse_args()
    user = User.objects.get(username=BENCH_USERNAME)
    years = selectors.years_with_data()
    filters = selectors.DashboardFilters(year=selectors.default_year(years))
    calls = [("years_with_data", lambda public: selectors.years_with_data())]
    for name in ("plans_panel", "indicators_panel", "ombudsman_panel", "impact_panel", "trends", "left_behind"):
        function = getattr(selectors, name)
        calls.append((name, lambda public, function=function: function(user=user, filters=filters, public=public)))
    print(f"year {filters.year}, PORTAL_STATISTICS_MAX_AGE={getattr(settings, 'PORTAL_STATISTICS_MAX_AGE', 0)}")
    print(f"{'selector':<18} {'audience':<7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'SQL':>4}")
    results = []
    for audience in ("staff", "public"):
        public = audience == "public"
        totals = [0.0] * args.repeat
        for name, call in calls:
            call(public)  # warm-up
            with CaptureQueriesContext(connection) as queries:
                call(public)
            times = []
            for index in range(args.repeat):
                started = time.perf_counter()
                call(public)
                elapsed = (time.perf_counter() - started) * 1000
                times.append(elapsed)
                totals[index] += elapsed
            row = _row(name, audience, times, len(queries))
            results.append(row)
        results.append(_row("(all together)", audience, totals, None))
    for row in results:
        sql = "" if row["queries"] is None else row["queries"]
        print(f"{row['selector']:<18} {row['audience']:<7} {row['p50']:>8} {row['p95']:>8} {row['max']:>8} {sql:>4}")
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"year": filters.year, "rows": results}, handle, indent=1)


def _row(name, audience, times, queries):
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "selector": name,
        "audience": audience,
        "p50": round(stats.median(ordered), 1),
        "p95": round(p95, 1),
        "max": round(ordered[-1], 1),
        "queries": queries,
    }


if __name__ == "__main__":
    main()
