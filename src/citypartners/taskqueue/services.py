"""Writing tasks: enqueue, claim, finish, retry, and take over the work of silent workers.

Claiming is safe with many workers: on PostgreSQL a due row is picked with
`SELECT … FOR UPDATE SKIP LOCKED`, so workers never wait for each other; on SQLite (which
serialises writers) a conditional UPDATE that only succeeds while the row is still queued does
the same. Every finishing write is conditional on the worker still holding the lock, so a
worker that was presumed dead and comes back cannot overwrite its successor's result.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import logging
import traceback

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from citypartners.taskqueue.enums import TaskStatus
from citypartners.taskqueue.models import Task
from citypartners.taskqueue.registry import Retry, function_for
from citypartners.taskqueue.transport import get_transport

logger = logging.getLogger(__name__)
_running: contextvars.ContextVar[tuple[int, str] | None] = contextvars.ContextVar(
    "running_task", default=None
)
MAX_BACKOFF = dt.timedelta(hours=1)


def enqueue(
    name: str,
    *,
    payload: dict | None = None,
    run_at: dt.datetime | None = None,
    max_attempts: int = 5,
) -> Task:
    """Store a task; it becomes visible to workers when the caller's transaction commits."""
    task = Task(
        name=name,
        payload=payload or {},
        run_at=run_at or timezone.now(),
        max_attempts=max_attempts,
    )
    task.full_clean()
    task.save()
    get_transport().notify(task.pk)
    return task


def _lock(pk: int, *, worker: str, now: dt.datetime) -> Task | None:
    claimed = (
        Task.objects.due(now)
        .filter(pk=pk)
        .update(
            status=TaskStatus.RUNNING, locked_by=worker, locked_at=now, attempts=F("attempts") + 1
        )
    )
    return Task.objects.get(pk=pk) if claimed else None


def claim_next(*, worker: str, prefer: int | None = None) -> Task | None:
    """Lock the due task `prefer` if it is still due, else the oldest due task; None if idle."""
    now = timezone.now()
    if prefer is not None:
        task = _lock(prefer, worker=worker, now=now)
        if task is not None:
            return task
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            pk = (
                Task.objects.select_for_update(skip_locked=True)
                .due(now)
                .order_by("run_at", "pk")
                .values_list("pk", flat=True)
                .first()
            )
            return None if pk is None else _lock(pk, worker=worker, now=now)
    for pk in Task.objects.due(now).order_by("run_at", "pk").values_list("pk", flat=True)[:20]:
        task = _lock(pk, worker=worker, now=now)
        if task is not None:
            return task
    return None


def reclaim_stale(*, timeout: dt.timedelta | None = None) -> list[int]:
    """Put tasks whose worker has been silent longer than the lock timeout back in the queue."""
    timeout = timeout or dt.timedelta(seconds=settings.CITYPARTNERS_TASK_LOCK_TIMEOUT)
    now = timezone.now()
    pks = list(Task.objects.stale(now - timeout).values_list("pk", flat=True))
    reclaimed = []
    for pk in pks:
        if (
            Task.objects.stale(now - timeout)
            .filter(pk=pk)
            .update(
                status=TaskStatus.QUEUED,
                locked_by="",
                locked_at=None,
                run_at=now,
                last_error="taken over: its worker went silent",
            )
        ):
            reclaimed.append(pk)
            get_transport().notify(pk)
    if reclaimed:
        logger.warning("took over %d task(s) of silent workers: %s", len(reclaimed), reclaimed)
    return reclaimed


def heartbeat() -> None:
    """Called by a long task now and then: tells other workers this one is still alive."""
    running = _running.get()
    if running is not None:
        pk, worker = running
        Task.objects.filter(pk=pk, locked_by=worker, status=TaskStatus.RUNNING).update(
            locked_at=timezone.now()
        )


def backoff(attempts: int) -> dt.timedelta:
    """30 s, 1 min, 2 min, … (the base is CITYPARTNERS_TASK_RETRY_SECONDS), at most an hour."""
    delay = dt.timedelta(seconds=settings.CITYPARTNERS_TASK_RETRY_SECONDS * 2 ** (attempts - 1))
    return min(delay, MAX_BACKOFF)


def run_claimed(task: Task, *, worker: str) -> str:
    """Call the task's function and record the outcome; returns the task's new status."""
    mine = Task.objects.filter(pk=task.pk, locked_by=worker, status=TaskStatus.RUNNING)
    token = _running.set((task.pk, worker))
    try:
        function_for(task.name)(**task.payload)
    except Exception as error:
        delay = error.delay if isinstance(error, Retry) and error.delay else backoff(task.attempts)
        text = str(error) if isinstance(error, Retry) else traceback.format_exc(limit=5)
        if task.attempts < task.max_attempts:
            mine.update(
                status=TaskStatus.QUEUED,
                locked_by="",
                locked_at=None,
                run_at=timezone.now() + delay,
                last_error=text[:4000],
            )
            logger.info("task %s will retry in %s: %s", task, delay, error)
            return TaskStatus.QUEUED
        mine.update(status=TaskStatus.FAILED, finished_at=timezone.now(), last_error=text[:4000])
        logger.error("task %s failed for good after %d attempts", task, task.attempts)
        return TaskStatus.FAILED
    finally:
        _running.reset(token)
    mine.update(status=TaskStatus.DONE, finished_at=timezone.now(), last_error="")
    return TaskStatus.DONE


def run_due_tasks(*, worker: str = "inline", limit: int = 1000) -> int:
    """Run due tasks in this process until none is left (for tests and one-off maintenance)."""
    count = 0
    while count < limit:
        task = claim_next(worker=worker)
        if task is None:
            break
        run_claimed(task, worker=worker)
        count += 1
    return count
