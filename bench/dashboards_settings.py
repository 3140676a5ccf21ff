"""``bench/bench_settings.py`` plus the statistics summary (``ombudsman.statistics``) switched on.

``PORTAL_STATISTICS_MAX_AGE`` (seconds): how old the ombudsman statistics summary may be before a read
refreshes it; ``bench/dashboards.sh`` refreshes it right before measuring. 0 measures the plain aggregates.
"""

import os

from bench.bench_settings import *  # noqa: F403

PORTAL_STATISTICS_MAX_AGE = int(os.environ.get("PORTAL_STATISTICS_MAX_AGE", "600"))
