"""Rebuild the summary tables of the complaint statistics (``ombudsman.statistics``).

Run it from cron or Celery beat more often than ``PORTAL_STATISTICS_MAX_AGE`` (e.g. every 5 minutes
with the default of 600 s) so that no visitor ever waits for a refresh. Safe to run while the site
serves: readers keep the previous version until the refresh commits; two refreshes never overlap
(advisory lock).
"""

from django.core.management.base import BaseCommand

from ombudsman import statistics


class Command(BaseCommand):
    help = "Rebuild the summary tables behind the ombudsman statistics and the dashboards."

    def handle(self, *args, **options):
        statistics.refresh()
        state = statistics.summary_state()
        self.stdout.write(f"statistics summary refreshed in {state['took_ms']} ms ({state['time_zone']})")
