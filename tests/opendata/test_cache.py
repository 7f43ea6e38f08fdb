"""The Redis cache backend used when REDIS_URL is set: Django's, with one reused client."""

import pytest

from citypartners.opendata.cache import RedisCache


@pytest.fixture
def redis_cache():
    redis = pytest.importorskip("redis")
    cache = RedisCache("redis://127.0.0.1:6379/14", {"KEY_PREFIX": "citypartners-test"})
    try:
        cache.set("probe", 1)
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    yield cache
    cache.delete_many(["probe", "answer", "counter"])
    for pool in cache._cache._pools.values():
        pool.disconnect()


def test_redis_cache_round_trips_values_with_one_client(redis_cache):
    redis_cache.set("answer", {"count": 42}, timeout=30)
    assert redis_cache.get("answer") == {"count": 42}
    assert redis_cache.add("counter", 0, timeout=30)
    assert redis_cache.incr("counter") == 1
    client = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client(write=True) is client
