"""Load the demo data of every app (idempotent) and print the demo logins."""

import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


def app_modules(module_name: str):
    """Yield ``<app>.<module_name>`` for every project app that has one, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if not (config.name.startswith("humanrights_portal") or config.name in settings.PORTAL_DOMAIN_APPS):
            continue
        try:
            yield importlib.import_module(f"{config.name}.{module_name}")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.{module_name}":
                raise


class Command(BaseCommand):
    help = "Load demo data built from the seed documents (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        if not settings.PORTAL_ALLOW_DEMO_DATA:
            raise CommandError("Demo data is disabled here (PORTAL_ALLOW_DEMO_DATA is false).")
        logins = []
        with transaction.atomic():
            for module in app_modules("demo"):
                logins.extend(module.seed(stdout=self.stdout) or [])
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {settings.PORTAL_DEMO_PASSWORD})"))
        for login in logins:
            self.stdout.write(f"  {login.username:<12} {login.who}")
