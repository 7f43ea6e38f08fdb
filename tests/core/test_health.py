"""Readiness probes that run at the same time do not read each other's value (issue 13: 9 of 80
concurrent probes answered 503 "cache failed" while Redis was fine).

The cache below lets a second probe run between the first probe's write and read, the
interleaving that concurrent probes on several workers produce.
"""

from __future__ import annotations

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client

from citypartners.core import health


class InterleavingCache(LocMemCache):
    """A local-memory cache that runs one more readiness probe inside each probe's write."""

    nested = False

    def set(self, key, value, timeout=None, version=None):
        super().set(key, value, timeout, version)
        if key.startswith("health") and not InterleavingCache.nested:
            InterleavingCache.nested = True
            try:
                assert health._cache()
            finally:
                InterleavingCache.nested = False


@pytest.mark.django_db
def test_concurrent_readiness_probes_do_not_collide(settings):
    settings.CACHES = {
        "default": {"BACKEND": f"{__name__}.InterleavingCache", "LOCATION": "health-test"}
    }
    response = Client().get("/health/ready")
    assert response.status_code == 200, response.content
    assert response.json()["cache"] == "ok"


@pytest.mark.django_db
def test_readiness_probe_leaves_no_key_behind(settings):
    from django.core.cache import cache

    Client().get("/health/ready")
    assert not [key for key in cache._cache if "health" in key]
