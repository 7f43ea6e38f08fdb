"""Django's Redis cache, reusing one Redis client per connection pool, and never failing a request.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every operation, and
redis-py 8 fills some 170 response callbacks in each constructor: measured at 0.15 ms per
cache operation, a third of a cached API answer. A `redis.Redis` is safe to share between
threads (it takes a connection from its pool per command), so one per pool is enough.

While Redis is away (restarting, unreachable), the cache behaves as an empty cache that
stores nothing, instead of raising into the request: a read finds nothing, a write stores
nothing, `incr` finds no key (`ValueError`, as for a missing key). Pages are rendered from the
database, rate limits count from one (they let requests through), and `/health/ready` still
reports the cache as failed, because what it stores cannot be read back. The two-server test
(bench/two_servers.py) found 500s here while Redis restarted. When Redis is back, the client's
pool reconnects by itself. `settings.CACHES` uses this backend when `REDIS_URL` is set.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
LOG_EVERY_SECONDS = 10.0
_last_logged = 0.0


def _log_unavailable(error: Exception) -> None:
    """One warning per process every LOG_EVERY_SECONDS, not one per request."""
    global _last_logged
    now = time.monotonic()
    if now - _last_logged >= LOG_EVERY_SECONDS:
        _last_logged = now
        logger.warning("cache unavailable, working without it: %s", error)


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


def _soft(missing):
    """Wrap a cache method: while Redis is unavailable, answer `missing(*args, **kwargs)`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapped(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                _log_unavailable(error)
                return missing(*args, **kwargs)

        return wrapped

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


def _no_key(key, *args, **kwargs):
    raise ValueError(f"Key {key!r} not found (cache unavailable)")


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    get = _soft(_default)(DjangoRedisCache.get)
    get_many = _soft(lambda *args, **kwargs: {})(DjangoRedisCache.get_many)
    has_key = _soft(lambda *args, **kwargs: False)(DjangoRedisCache.has_key)
    set = _soft(lambda *args, **kwargs: None)(DjangoRedisCache.set)
    add = _soft(lambda *args, **kwargs: False)(DjangoRedisCache.add)
    touch = _soft(lambda *args, **kwargs: False)(DjangoRedisCache.touch)
    delete = _soft(lambda *args, **kwargs: False)(DjangoRedisCache.delete)
    set_many = _soft(lambda data, *args, **kwargs: list(data))(DjangoRedisCache.set_many)
    delete_many = _soft(lambda *args, **kwargs: None)(DjangoRedisCache.delete_many)
    incr = _soft(_no_key)(DjangoRedisCache.incr)
    clear = _soft(lambda *args, **kwargs: False)(DjangoRedisCache.clear)
