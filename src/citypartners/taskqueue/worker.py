"""The worker loop: claim a due task, run it, repeat; take over silent workers' tasks.

One process runs one task at a time; run several processes (on one or many machines) for
more throughput. SIGTERM and SIGINT let the current task finish before the worker stops;
SIGKILL loses nothing either, because the task's row stays locked only until the lock
timeout, after which any other worker (or this one restarted) runs it again.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import socket
import time

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from citypartners.taskqueue import services
from citypartners.taskqueue.models import Task
from citypartners.taskqueue.registry import discover, periodic_tasks
from citypartners.taskqueue.transport import get_transport

logger = logging.getLogger(__name__)


class Worker:
    """Runs tasks until stopped (or, with `burst`, until no task is due)."""

    def __init__(self, *, name: str | None = None, poll: float | None = None) -> None:
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        self.poll = settings.CITYPARTNERS_TASK_POLL_SECONDS if poll is None else poll
        self.sweep_every = dt.timedelta(
            seconds=max(1.0, min(30.0, settings.CITYPARTNERS_TASK_LOCK_TIMEOUT / 4))
        )
        self.stopping = False
        self._last_sweep: dt.datetime | None = None
        self._periodic_due: dict[str, dt.datetime] = {}

    def stop(self, *_args) -> None:
        logger.info("worker %s stops after the current task", self.name)
        self.stopping = True

    def _sweep(self) -> None:
        now = timezone.now()
        if self._last_sweep and now - self._last_sweep < self.sweep_every:
            return
        self._last_sweep = now
        services.reclaim_stale()
        for periodic in periodic_tasks():
            if self._periodic_due.get(periodic.name, now) > now:
                continue
            self._periodic_due[periodic.name] = now + periodic.every
            if not Task.objects.open().filter(name=periodic.name).exists():
                services.enqueue(periodic.name)

    def run(self, *, burst: bool = False, max_tasks: int | None = None) -> int:
        """Work; returns the number of tasks run."""
        discover()
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        transport = get_transport()
        logger.info("worker %s started (%s)", self.name, type(transport).__name__)
        done = 0
        hint = None
        while not self.stopping and (max_tasks is None or done < max_tasks):
            close_old_connections()
            self._sweep()
            task = services.claim_next(worker=self.name, prefer=hint)
            hint = None
            if task is not None:
                status = services.run_claimed(task, worker=self.name)
                logger.info("task %s: %s", task, status)
                done += 1
                continue
            if burst:
                break
            hint = transport.wait(self.poll)
        return done


def wait_until(predicate, *, timeout: float, interval: float = 0.05) -> bool:
    """Poll `predicate` until it is true or `timeout` seconds pass (used by tests and tools)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()
