"""The Redis cache backend of production (core/cache.py) against a real redis-server: Django's cache API,
with one client object per connection pool."""

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache.backends.redis import RedisCache

from humanrights_portal.core.cache import PortalRedisCache


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (make test installs it: deploy/install_packages.sh)")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path_factory.mktemp("redis"),
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/1"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def cache(redis_url):
    cache = PortalRedisCache(redis_url, {"KEY_PREFIX": "test"})
    cache.clear()
    yield cache
    cache.clear()


def test_it_is_djangos_redis_cache(cache):
    assert isinstance(cache, RedisCache)
    cache.set("answer", {"value": 42}, 30)
    assert cache.get("answer") == {"value": 42}
    assert cache.add("answer", 1, 30) is False
    assert cache.add("other", 1, 30) is True
    assert cache.incr("other") == 2
    assert cache.get_many(["answer", "other", "missing"]) == {"answer": {"value": 42}, "other": 2}
    cache.delete_many(["answer", "other"])
    assert cache.get("answer", "gone") == "gone"


def test_one_client_object_serves_every_operation(cache):
    client = cache._cache.get_client()
    cache.set("key", "value", 30)
    cache.get("key")

    assert cache._cache.get_client() is client
    assert cache._cache.get_client(write=True) is client  # one server: one pool, one client


def test_counters_per_window_count_atomically_and_expire_with_their_window(cache):
    expires_at = int(time.time()) + 60
    assert cache.count_in_window("hits", expires_at=expires_at, increment=False) == 0
    assert [cache.count_in_window("hits", expires_at=expires_at, increment=True) for _ in range(3)] == [1, 2, 3]
    assert cache.count_in_window("hits", expires_at=expires_at, increment=False) == 3
    client = cache._cache.get_client(write=False)
    ttl = client.ttl(cache.make_and_validate_key("hits"))
    assert 55 <= ttl <= 60
    assert cache.count_in_window("ended", expires_at=int(time.time()) - 1, increment=True) == 1
    assert cache.count_in_window("ended", expires_at=int(time.time()) + 60, increment=False) == 0  # gone


@pytest.mark.django_db
def test_rate_limits_count_in_redis_when_it_is_the_cache(redis_url, settings):
    from humanrights_portal.core import ratelimit
    from humanrights_portal.core.models import RateLimitCounter

    settings.CACHES = {"default": {"BACKEND": "humanrights_portal.core.cache.PortalRedisCache", "LOCATION": redis_url}}

    def hit(group="a", key="198.51.100.7", increment=True):
        return ratelimit.usage(group=group, key=key, rate="2/h", increment=increment)

    assert hit(increment=False).count == 0
    assert [hit().count for _ in range(3)] == [1, 2, 3]
    assert hit(increment=False).exhausted
    assert hit(increment=False).count == 3
    assert hit(group="b").count == 1
    assert hit(key="203.0.113.9").count == 1
    assert not RateLimitCounter.objects.exists()  # PostgreSQL is not written


@pytest.mark.django_db
def test_submissions_count_in_the_table_even_with_redis_so_every_attempt_adds_up(redis_url, settings, client):
    from humanrights_portal.core.models import RateLimitCounter
    from ombudsman.models import Complaint
    from tests.ombudsman.views.test_public import form_data

    settings.CACHES = {"default": {"BACKEND": "humanrights_portal.core.cache.PortalRedisCache", "LOCATION": redis_url}}
    settings.PORTAL_COMPLAINT_SUBMIT_RATE = "2/m"
    assert client.post("/complaints/new/", form_data(title="")).status_code == 200  # counted on its own
    assert client.post("/complaints/new/", form_data()).status_code == 303  # counted with its number
    assert client.post("/complaints/new/", form_data()).status_code == 429
    assert RateLimitCounter.objects.get().count == 3
    assert Complaint.objects.count() == 1
