"""How an idle worker learns of new work: by polling the database, or from Redis at once.

The database row stays the durable record either way (see `models.Task`); Redis only carries
task ids so that a worker blocked in BRPOP wakes the moment a task is committed. A lost or
duplicate id does no harm: claiming is done on the row, and workers poll the table between
waits, which also picks up retries whose time has come and tasks taken over from dead workers.
"""

from __future__ import annotations

import functools
import time

from django.conf import settings
from django.db import transaction


class DatabaseTransport:
    """No extra server: the worker sleeps for the poll interval and looks again."""

    def notify(self, pk: int) -> None:
        return None

    def wait(self, timeout: float) -> int | None:
        time.sleep(timeout)
        return None


class RedisTransport:
    """Task ids in a Redis list: pushed on commit, popped by a blocking worker."""

    def __init__(self, url: str, key: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url)
        self.key = f"{key}:ready"

    def notify(self, pk: int) -> None:
        transaction.on_commit(lambda: self.client.lpush(self.key, pk))

    def wait(self, timeout: float) -> int | None:
        item = self.client.brpop([self.key], timeout=max(timeout, 0.01))
        return int(item[1]) if item else None


@functools.cache
def _transport(redis_url: str, key: str) -> DatabaseTransport | RedisTransport:
    return RedisTransport(redis_url, key) if redis_url else DatabaseTransport()


def get_transport() -> DatabaseTransport | RedisTransport:
    """Redis when REDIS_URL is set, else the database."""
    return _transport(settings.REDIS_URL, settings.CITYPARTNERS_TASK_REDIS_KEY)
