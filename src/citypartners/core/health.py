"""Liveness and readiness for load balancers and process managers.

`/health/live` answers while the process runs. `/health/ready` also checks that the database
answers and the cache stores and returns a value; it answers 503 with what failed otherwise.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("readiness: database check failed")
        return False


def _cache() -> bool:
    """Store, read back and delete a value under a key of this probe alone: probes that run at
    the same time (several balancers, several workers) never read each other's value."""
    value = uuid.uuid4().hex
    key = f"health-probe:{value}"
    try:
        cache.set(key, value, 10)
        found = cache.get(key)
        cache.delete(key)
    except Exception:
        logger.exception("readiness: cache check failed")
        return False
    if found != value:  # the cache works on without Redis, storing nothing (opendata/cache.py)
        logger.error("readiness: cache check failed: the value stored could not be read back")
        return False
    return True


@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database(), "cache": _cache()}
    body = {"status": "ok" if all(checks.values()) else "unavailable"}
    body |= {name: "ok" if passed else "failed" for name, passed in checks.items()}
    return JsonResponse(body, status=200 if all(checks.values()) else 503)
