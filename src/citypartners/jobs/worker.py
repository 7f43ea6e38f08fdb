"""The engine's own worker (django-tasks' `db_worker`), made to outlive database restarts.

`CityWorker` is django_tasks_db's `Worker` with three additions:
- its loop catches the `OperationalError`/`InterfaceError` of a lost database, drops the
  connection, waits (doubling up to 30 s) and starts over, instead of exiting and staying down;
  a task whose result it could not record is put back in the queue;
- a housekeeping thread stamps the worker's heartbeat, takes over the tasks of workers that went
  silent (killed, machine gone) and schedules the periodic jobs, each once per period;
- `run_due_tasks` runs due tasks in the calling process, for tests and one-off maintenance.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from citypartners.jobs import services
from citypartners.jobs.registry import discover

logger = logging.getLogger(__name__)
DATABASE_ERRORS = (OperationalError, InterfaceError)
MAX_PAUSE = 30.0


def new_worker_id() -> str:
    """host:pid:random, at most 64 characters (the engine's limit)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(8)}"[:64]


def housekeeping(*, worker_id: str) -> None:
    """One round: heartbeat, take over silent workers' tasks, schedule due periodic jobs."""
    services.beat(worker_id=worker_id)
    services.reclaim_stale()
    services.schedule_periodic()


class CityWorker(Worker):
    """The engine's worker loop, restarted after database errors, with a housekeeping thread."""

    def __init__(
        self, *, worker_id: str | None = None, housekeeping: bool = True, **options
    ) -> None:
        options.setdefault("queue_names", ["*"])
        options.setdefault("excluded_queue_names", [])
        options.setdefault("interval", settings.CITYPARTNERS_TASK_POLL_SECONDS)
        options.setdefault("batch", False)
        options.setdefault("backend_name", "default")
        options.setdefault("startup_delay", False)
        options.setdefault("max_tasks", None)
        super().__init__(worker_id=worker_id or new_worker_id(), **options)
        self.beat_every = max(0.5, settings.CITYPARTNERS_TASK_LOCK_TIMEOUT / 4)
        self.housekeeping = housekeeping
        self._housekeeper: threading.Thread | None = None
        self._stop_housekeeping = threading.Event()

    def _housekeep_safely(self) -> None:
        try:
            housekeeping(worker_id=self.worker_id)
        except DATABASE_ERRORS as error:
            logger.warning("worker %s: housekeeping failed, will retry: %s", self.worker_id, error)
        finally:
            connection.close()

    def _housekeeping_loop(self) -> None:
        while not self._stop_housekeeping.wait(self.beat_every):
            self._housekeep_safely()

    def start_housekeeping(self) -> None:
        self._housekeep_safely()
        if not self.batch:
            self._housekeeper = threading.Thread(
                target=self._housekeeping_loop, name="housekeeping", daemon=True
            )
            self._housekeeper.start()

    def run(self) -> None:
        discover()
        if self.housekeeping:
            self.start_housekeeping()
        pause = max(self.interval, 0.1)
        try:
            while self.running:
                try:
                    super().run()
                    return
                except DATABASE_ERRORS as error:
                    logger.warning(
                        "worker %s lost the database (%s); retrying in %.1f s",
                        self.worker_id,
                        error,
                        pause,
                    )
                    self.recover()
                    time.sleep(pause)
                    pause = min(pause * 2, MAX_PAUSE)
        finally:
            self._stop_housekeeping.set()

    def recover(self) -> None:
        """Drop broken connections; requeue the task whose outcome could not be written."""
        for conn in connections.all(initialized_only=True):
            try:
                conn.close()
            except DATABASE_ERRORS:
                conn.connection = None
        # If the database is still down, reclaim_stale (of any worker) puts it back later.
        with contextlib.suppress(*DATABASE_ERRORS):
            services.requeue_own(worker_id=self.worker_id)

    @property
    def tasks_run(self) -> int:
        return self._run_tasks


def run_due_tasks(*, limit: int | None = None) -> int:
    """Run due tasks in this process until none is left; returns how many ran.

    For tests and one-off maintenance: the engine's claim and `run_task`, without its loop,
    which closes the connection between tasks (and with it a test's transaction), and without
    housekeeping (tests call `schedule_periodic` and `reclaim_stale` themselves).
    """
    discover()
    worker = CityWorker(batch=True, interval=0, worker_id="inline", housekeeping=False)
    while limit is None or worker.tasks_run < limit:
        with exclusive_transaction(DBTaskResult.objects.db):
            result = DBTaskResult.objects.ready().filter(backend_name="default").get_locked()
            if result is None:
                break
            result.claim(worker.worker_id)
        worker.run_task(result)
    return worker.tasks_run
