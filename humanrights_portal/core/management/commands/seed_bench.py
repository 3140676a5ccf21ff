"""Create large synthetic data for the benchmark; each app adds its part through ``<app>.bench``.

``--dashboards`` seeds the data the dashboards are measured with: an app's ``seed_dashboards``
is called instead of its ``seed`` where it has one (plans: 10,000 tasks with five years of
records; indicators: 1,000 indicators with ten years of measurements); the cases stay
``--size`` (``bench/dashboards.sh`` uses 1,000,000). ``--only plans,indicators`` limits the run to
those apps (e.g. to re-seed them without re-making a million cases).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from humanrights_portal.core.management.commands.seed_demo import app_modules


class Command(BaseCommand):
    help = "Create synthetic benchmark data (bulk inserts). Size per app from --size unless given separately."

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=100_000, help="rows of each app's main table")
        parser.add_argument("--seed", type=int, default=20260, help="random seed, for repeatable data")
        parser.add_argument(
            "--dashboards",
            action="store_true",
            help="also the dashboards' data: 10,000 plan tasks with 5 years of records, 1,000 indicators with 10 years",
        )
        parser.add_argument("--only", default="", help="comma-separated app labels to seed (default: every app)")

    def handle(self, *args, size, seed, dashboards, only, **options):
        if not settings.PORTAL_ALLOW_DEMO_DATA:
            raise CommandError("Benchmark data is disabled here (PORTAL_ALLOW_DEMO_DATA is false).")
        if size < 0:
            raise CommandError("--size must not be negative.")
        wanted = {label.strip() for label in only.split(",") if label.strip()}
        for module in app_modules("bench"):
            app = module.__name__.rsplit(".", 2)[-2]
            if wanted and app not in wanted:
                continue
            seed_function = getattr(module, "seed_dashboards", None) if dashboards else None
            (seed_function or module.seed)(size=size, seed=seed, stdout=self.stdout)
        if dashboards or "ombudsman" in wanted or not wanted:
            from ombudsman import statistics

            statistics.refresh()
            self.stdout.write("ombudsman: statistics summary refreshed")
