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


def _unreachable_redis() -> str:
    """The address of a Redis that is not there: a port nobody listens on."""
    from tests.mailserver import free_port

    return f"redis://127.0.0.1:{free_port()}/0"


def test_redis_cache_without_redis_behaves_as_an_empty_cache():
    """Redis restarting must not fail requests: reads find nothing, writes store nothing,
    incr finds no key (issue 13: the two-server test got 500s while Redis restarted)."""
    pytest.importorskip("redis")
    cache = RedisCache(_unreachable_redis(), {})
    assert cache.get("answer", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert not cache.has_key("answer")
    cache.set("answer", 42)
    assert not cache.add("answer", 42)
    assert cache.set_many({"a": 1}) == ["a"]
    cache.delete("answer")
    cache.delete_many(["a"])
    with pytest.raises(ValueError, match="not found"):
        cache.incr("counter")
    assert cache.get_or_set("computed", 7) == 7


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/", "/en/partnerships/berlin-paris/", "/api/v1/partnerships"])
def test_pages_and_api_answer_without_redis(settings, client, home, path):
    pytest.importorskip("redis")
    settings.CACHES = {
        "default": {
            "BACKEND": "citypartners.opendata.cache.RedisCache",
            "LOCATION": _unreachable_redis(),
        }
    }
    response = client.get(path)
    assert response.status_code == 200
    assert b"Berlin" in response.content


@pytest.mark.django_db
def test_readiness_reports_a_missing_redis(settings, client):
    pytest.importorskip("redis")
    settings.CACHES = {
        "default": {
            "BACKEND": "citypartners.opendata.cache.RedisCache",
            "LOCATION": _unreachable_redis(),
        }
    }
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "failed"}
