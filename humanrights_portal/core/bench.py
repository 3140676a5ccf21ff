"""Benchmark data of the shared kernel: the demo departments and a ``bench`` staff account."""

from django.conf import settings

from humanrights_portal.core import demo
from humanrights_portal.core.roles import Role
from humanrights_portal.core.services import staff_user_upsert

BENCH_USERNAME = "bench"


def seed(*, size: int, seed: int, stdout=None) -> None:
    demo.seed()
    staff_user_upsert(
        username=BENCH_USERNAME,
        password=settings.PORTAL_DEMO_PASSWORD,
        roles=[Role.OMBUDSMAN, Role.OFFICE_STAFF, Role.COMMITTEE_MEMBER],
        display_name="Benchmark",
    )
    if stdout is not None:
        stdout.write(f"core: departments and the '{BENCH_USERNAME}' account (all roles but administrator)")
