"""Enqueueing, retrying, heartbeats, taking over a dead worker's task, periodic runs, pruning.

Times that several machines compare (heartbeats, the age of a running task) are written and
read with the database's clock, so a machine whose clock is off neither loses its tasks nor
takes over another's early.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import socket
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import DateTimeField, DurationField, ExpressionWrapper, Value
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult, get_date_max

from citypartners.jobs.models import PeriodicRun, WorkerBeat
from citypartners.jobs.registry import Periodic, Retry, periodic_jobs

logger = logging.getLogger(__name__)
MAX_BACKOFF = dt.timedelta(hours=1)
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _db_now_minus(delta: dt.timedelta) -> ExpressionWrapper:
    return ExpressionWrapper(
        Now() - Value(delta, output_field=DurationField()), output_field=DateTimeField()
    )


def enqueue(path: str, *, run_after: dt.datetime | None = None, **kwargs: object) -> TaskResult:
    """Enqueue the task at dotted `path` with keyword arguments (ids, never personal data).

    The row is written in the caller's transaction: it exists for workers when the change that
    needs it commits, and never for a change that was rolled back. The path keeps services free
    of imports of the `tasks` modules, which import the services.
    """
    task: Task = import_string(path)
    if run_after is not None:
        task = task.using(run_after=run_after)
    return task.enqueue(**kwargs)


def backoff(attempt: int) -> dt.timedelta:
    """30 s, 1 min, 2 min, … (the base is CITYPARTNERS_TASK_RETRY_SECONDS), at most an hour."""
    delay = dt.timedelta(seconds=settings.CITYPARTNERS_TASK_RETRY_SECONDS * 2 ** (attempt - 1))
    return min(delay, MAX_BACKOFF)


@contextlib.contextmanager
def retry_later(task: Task, *, attempt: int, max_attempts: int, **kwargs: object) -> Iterator[None]:
    """On `Retry` (or a lost database) in the block, enqueue `task` again after a backoff.

    The engine has no retries of its own; the follow-up is a new task with `attempt + 1`, up to
    `max_attempts`. The last attempt's error is raised, so the task ends failed and shows in
    the back office. If the database is still away, the enqueue fails too and the worker puts
    the task back in the queue when it reconnects.
    """
    try:
        yield
    except (Retry, OperationalError) as error:
        if attempt >= max_attempts:
            raise
        delay = (error.delay if isinstance(error, Retry) else None) or backoff(attempt)
        task.using(run_after=timezone.now() + delay).enqueue(attempt=attempt + 1, **kwargs)
        logger.info("task %s will retry in %s: %s", task.module_path, delay, error)


def beat(*, worker_id: str) -> None:
    """Record that worker `worker_id` is alive, with the database's clock."""
    if not WorkerBeat.objects.filter(pk=worker_id).update(seen_at=Now()):
        WorkerBeat.objects.create(
            worker_id=worker_id,
            host=socket.gethostname()[:255],
            pid=os.getpid(),
            started_at=Now(),
            seen_at=Now(),
        )


def _timeout(timeout: dt.timedelta | None) -> dt.timedelta:
    return timeout or dt.timedelta(seconds=settings.CITYPARTNERS_TASK_LOCK_TIMEOUT)


def requeue(results: Iterable[DBTaskResult], *, reason: str) -> list[str]:
    """Put running tasks back in the queue, each only if no one claimed it since it was read."""
    requeued = []
    for result in results:
        if (
            DBTaskResult.objects.filter(
                pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
            ).update(status=TaskResultStatus.READY, traceback=reason)
            == 1
        ):
            requeued.append(str(result.pk))
    if requeued:
        logger.warning("%s: %d task(s) back in the queue: %s", reason, len(requeued), requeued)
    return requeued


def reclaim_stale(*, timeout: dt.timedelta | None = None) -> list[str]:
    """Run again the tasks whose worker has been silent for longer than the lock timeout."""
    timeout = _timeout(timeout)
    alive = set(
        WorkerBeat.objects.filter(seen_at__gte=_db_now_minus(timeout)).values_list(
            "worker_id", flat=True
        )
    )
    running = DBTaskResult.objects.running().filter(started_at__lt=_db_now_minus(timeout))
    orphans = [r for r in running if not r.worker_ids or r.worker_ids[-1] not in alive]
    return requeue(orphans, reason="taken over: its worker went silent")


def requeue_own(*, worker_id: str) -> list[str]:
    """Requeue what this worker was running when it lost its database connection."""
    mine = [
        r for r in DBTaskResult.objects.running() if r.worker_ids and r.worker_ids[-1] == worker_id
    ]
    return requeue(mine, reason="requeued: its worker lost the database")


def period_start(now: dt.datetime, every: dt.timedelta) -> dt.datetime:
    """The start of the period of length `every` that contains `now` (periods count from 2000)."""
    return EPOCH + ((now - EPOCH) // every) * every


def schedule_periodic(
    *, now: dt.datetime | None = None, jobs: Iterable[Periodic] | None = None
) -> list[str]:
    """Enqueue each periodic job not yet scheduled for its current period; returns their names.

    Every worker calls this; the unique key on (job, period) lets exactly one of them enqueue,
    on any number of machines, because the row and the task are written in one transaction.
    """
    now = now or timezone.now()
    scheduled = []
    for job in periodic_jobs() if jobs is None else jobs:
        try:
            with transaction.atomic():
                PeriodicRun.objects.create(name=job.name, period_start=period_start(now, job.every))
                job.task.enqueue()
        except IntegrityError:
            continue
        scheduled.append(job.name)
    return scheduled


def retry_failed(results: Iterable[DBTaskResult]) -> int:
    """Put failed tasks back in the queue to run at once (the back office's retry action)."""
    ids = [r.pk for r in results if r.status == TaskResultStatus.FAILED]
    return DBTaskResult.objects.filter(pk__in=ids, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY,
        run_after=get_date_max(),
        started_at=None,
        finished_at=None,
        exception_class_path="",
        traceback="",
    )


def prune_finished(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete successful tasks after CITYPARTNERS_TASK_KEEP_DAYS, failed ones after …_FAILED_DAYS.

    Also forgets periodic runs and workers older than the failed tasks' time.
    """
    now = now or timezone.now()
    keep = dt.timedelta(days=settings.CITYPARTNERS_TASK_KEEP_DAYS)
    keep_failed = dt.timedelta(days=settings.CITYPARTNERS_TASK_KEEP_FAILED_DAYS)
    successful, _ = DBTaskResult.objects.successful().filter(finished_at__lt=now - keep).delete()
    failed, _ = DBTaskResult.objects.failed().filter(finished_at__lt=now - keep_failed).delete()
    PeriodicRun.objects.filter(period_start__lt=now - keep_failed).delete()
    WorkerBeat.objects.filter(seen_at__lt=now - keep_failed).delete()
    return {"successful": successful, "failed": failed}
