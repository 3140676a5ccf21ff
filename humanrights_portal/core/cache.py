"""Django's Redis cache with one client object per connection pool, and counters per time window.

Django's ``RedisCacheClient`` builds a new ``redis.Redis`` object for every cache operation; its
constructor fills a table of some 170 response callbacks each time, which costs more than the round trip
of a small ``GET`` on loopback. A ``redis.Redis`` object holds no connection of its own (the pool does) and
is safe to share between threads, so one per pool is kept.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class PortalRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    def count_in_window(self, key: str, *, expires_at: int, increment: bool) -> int:
        """The counter ``key`` after adding one if asked (``INCR``: atomic across servers), which Redis forgets
        at the UNIX time ``expires_at``. For ``core.ratelimit``.

        The expiry is set by the request that creates the counter (a second command once per window). A
        process killed between the two leaves a key that outlives its window; the window is part of the
        key, so it is never read again."""
        key = self.make_and_validate_key(key)
        client = self._cache.get_client(key, write=increment)
        if not increment:
            return int(client.get(key) or 0)
        count = client.incr(key)
        if count == 1:
            client.expireat(key, expires_at)
        return count
