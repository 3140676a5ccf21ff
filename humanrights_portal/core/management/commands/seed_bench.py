"""Create large synthetic data for the benchmark; each app adds its part through ``<app>.bench``."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from humanrights_portal.core.management.commands.seed_demo import app_modules


class Command(BaseCommand):
    help = "Create synthetic benchmark data (bulk inserts). Size per app from --size unless given separately."

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=100_000, help="rows of each app's main table")
        parser.add_argument("--seed", type=int, default=20260, help="random seed, for repeatable data")

    def handle(self, *args, size, seed, **options):
        if not settings.PORTAL_ALLOW_DEMO_DATA:
            raise CommandError("Benchmark data is disabled here (PORTAL_ALLOW_DEMO_DATA is false).")
        if size < 0:
            raise CommandError("--size must not be negative.")
        for module in app_modules("bench"):
            module.seed(size=size, seed=seed, stdout=self.stdout)
