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
