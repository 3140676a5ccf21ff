import threading

import pytest
from django.db import connection, connections
from django.test import RequestFactory

from humanrights_portal.core import ratelimit
from humanrights_portal.core.models import RateLimitCounter


@pytest.mark.parametrize(
    ("text", "limit", "seconds"),
    [("10/h", 10, 3600), ("20/10m", 20, 600), ("5/s", 5, 1), ("1/d", 1, 86400), (" 3 / 2 m ", 3, 120)],
)
def test_parse_rate(text, limit, seconds):
    assert ratelimit.parse_rate(text) == ratelimit.Rate(limit=limit, seconds=seconds)


@pytest.mark.parametrize("text", ["", "10", "ten/h", "10/w", "10/-1m", "/h"])
def test_parse_rate_refuses_nonsense(text):
    with pytest.raises(ValueError, match="Not a rate"):
        ratelimit.parse_rate(text)


@pytest.mark.django_db
def test_counts_per_group_and_key_and_reads_without_counting():
    def hit(group="a", key="198.51.100.7", increment=True):
        return ratelimit.usage(group=group, key=key, rate="2/h", increment=increment)

    assert hit(increment=False).count == 0
    first, second, third = hit(), hit(), hit()
    assert (first.count, second.count, third.count) == (1, 2, 3)
    assert not first.exceeded
    assert second.exhausted
    assert not second.exceeded
    assert third.exceeded
    assert hit(increment=False).count == 3
    assert hit(group="b").count == 1
    assert hit(key="203.0.113.9").count == 1


@pytest.mark.django_db
def test_the_client_address_is_stored_only_as_a_keyed_hash():
    ratelimit.usage(group="ombudsman.track", key="198.51.100.7", rate="5/m", increment=True)
    row = RateLimitCounter.objects.get()
    assert "198.51.100.7" not in row.scope
    assert len(row.scope) == 64


@pytest.mark.django_db
def test_counter_table_is_unlogged():
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpersistence FROM pg_class WHERE relname = 'core_ratelimitcounter'")
        assert cursor.fetchone()[0] == "u"


@pytest.mark.django_db
def test_client_usage_keys_on_the_client_address(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    ratelimit.client_usage(request, group="g", rate="9/m", increment=True)
    assert ratelimit.usage(group="g", key="198.51.100.7", rate="9/m", increment=False).count == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_increments_are_never_lost():
    """Two servers bumping the same counter at once: every event is counted (a cache get+set would lose some)."""
    per_thread = 25

    def bump():
        try:
            for _ in range(per_thread):
                ratelimit.usage(group="race", key="client", rate="1000/h", increment=True)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=bump) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert ratelimit.usage(group="race", key="client", rate="1000/h", increment=False).count == 2 * per_thread
