"""Retries, taking over a silent worker's task, periodic jobs once per period, pruning, recovery."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import OperationalError, connection
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from citypartners.jobs import services
from citypartners.jobs.models import PeriodicRun, WorkerBeat
from citypartners.jobs.registry import Periodic, Retry, periodic_jobs
from citypartners.jobs.worker import CityWorker, run_due_tasks

pytestmark = pytest.mark.django_db
calls: list[dict] = []


@task()
def record(**payload):
    calls.append(payload)
    return len(calls)


@task()
def flaky(*, fail_times: int, attempt: int = 1):
    calls.append({"attempt": attempt})
    with services.retry_later(flaky, attempt=attempt, max_attempts=3, fail_times=fail_times):
        if attempt <= fail_times:
            raise Retry("not yet")


@pytest.fixture(autouse=True)
def _reset_calls():
    calls.clear()


def _results(task_function):
    return DBTaskResult.objects.filter(task_path=task_function.module_path)


def test_an_enqueued_task_runs_once_and_records_its_result():
    services.enqueue("tests.jobs.test_services.record", id=1)
    assert run_due_tasks() == 1
    assert run_due_tasks() == 0
    assert calls == [{"id": 1}]
    assert _results(record).get().status == TaskResultStatus.SUCCESSFUL


def test_a_task_is_not_run_before_its_time():
    services.enqueue(
        "tests.jobs.test_services.record", run_after=timezone.now() + dt.timedelta(minutes=5)
    )
    assert run_due_tasks() == 0


def test_a_task_enqueued_in_a_rolled_back_transaction_does_not_exist():
    from django.db import transaction

    with pytest.raises(ZeroDivisionError), transaction.atomic():
        services.enqueue("tests.jobs.test_services.record", id=2)
        1 / 0  # noqa: B018
    assert not _results(record).exists()


def test_retry_backs_off_and_fails_for_good_after_max_attempts(settings):
    settings.CITYPARTNERS_TASK_RETRY_SECONDS = 0
    flaky.enqueue(fail_times=10)
    run_due_tasks()
    assert calls == [{"attempt": 1}, {"attempt": 2}, {"attempt": 3}]
    statuses = sorted(_results(flaky).values_list("status", flat=True))
    assert statuses == ["FAILED", "SUCCESSFUL", "SUCCESSFUL"]
    assert "not yet" in _results(flaky).get(status="FAILED").traceback


def test_a_retry_waits_for_its_backoff(settings):
    settings.CITYPARTNERS_TASK_RETRY_SECONDS = 30
    flaky.enqueue(fail_times=1)
    run_due_tasks()
    assert calls == [{"attempt": 1}]
    later = _results(flaky).get(status="READY")
    assert later.run_after > timezone.now() + dt.timedelta(seconds=20)


def test_backoff_doubles_up_to_an_hour(settings):
    settings.CITYPARTNERS_TASK_RETRY_SECONDS = 30
    assert [services.backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert services.backoff(20) == dt.timedelta(hours=1)


def _claim(result: DBTaskResult, *, worker_id: str, started: dt.datetime) -> None:
    DBTaskResult.objects.filter(pk=result.pk).update(
        status=TaskResultStatus.RUNNING, worker_ids=[worker_id], started_at=started
    )


def test_a_silent_workers_task_is_taken_over_and_run_by_another():
    old = timezone.now() - dt.timedelta(hours=1)
    result = services.enqueue("tests.jobs.test_services.record", id=7)
    _claim(result.db_result, worker_id="dead", started=old)
    WorkerBeat.objects.create(worker_id="dead", started_at=old, seen_at=old)
    assert services.reclaim_stale(timeout=dt.timedelta(minutes=5)) == [result.id]
    assert run_due_tasks() == 1
    done = _results(record).get()
    assert (done.status, done.worker_ids) == ("SUCCESSFUL", ["dead", "inline"])


def test_a_long_task_of_a_live_worker_is_not_taken_over():
    old = timezone.now() - dt.timedelta(hours=1)
    result = services.enqueue("tests.jobs.test_services.record", id=8)
    _claim(result.db_result, worker_id="busy", started=old)
    services.beat(worker_id="busy")
    assert services.reclaim_stale(timeout=dt.timedelta(minutes=5)) == []
    assert _results(record).get().status == TaskResultStatus.RUNNING


def test_a_periodic_job_is_scheduled_once_per_period_by_any_number_of_workers():
    job = Periodic(record, dt.timedelta(hours=1))
    noon = dt.datetime(2026, 11, 30, 12, 10, tzinfo=dt.UTC)
    # three workers (on three machines) look at almost the same time: one schedules it
    scheduled = [
        services.schedule_periodic(now=noon + dt.timedelta(seconds=s), jobs=[job])
        for s in (0, 1, 2)
    ]
    assert scheduled == [[job.name], [], []]
    assert services.schedule_periodic(now=noon + dt.timedelta(minutes=55), jobs=[job]) == [job.name]
    assert _results(record).count() == 2
    assert PeriodicRun.objects.filter(name=job.name).count() == 2


def test_every_periodic_job_of_the_apps_is_known():
    names = {job.name for job in periodic_jobs()}
    assert {
        "citypartners.newsletter.tasks.purge_unconfirmed",
        "citypartners.network.tasks.purge_undelivered_messages",
        "citypartners.jobs.tasks.prune_finished",
    } <= names


def test_prune_deletes_old_finished_tasks_and_keeps_open_and_recent_ones(settings):
    settings.CITYPARTNERS_TASK_KEEP_DAYS = 7
    settings.CITYPARTNERS_TASK_KEEP_FAILED_DAYS = 30
    now = timezone.now()
    ages = {"old-ok": 8, "new-ok": 6, "old-failed": 31, "new-failed": 10, "ready": 40}
    for name, days in ages.items():
        result = services.enqueue("tests.jobs.test_services.record", name=name).db_result
        status = {"ok": "SUCCESSFUL", "failed": "FAILED"}.get(name.split("-")[-1], "READY")
        DBTaskResult.objects.filter(pk=result.pk).update(
            status=status, finished_at=now - dt.timedelta(days=days)
        )
    assert services.prune_finished(now=now) == {"successful": 1, "failed": 1}
    left = sorted(r.args_kwargs["kwargs"]["name"] for r in _results(record))
    assert left == ["new-failed", "new-ok", "ready"]


def test_retry_failed_puts_a_failed_task_back_and_it_runs():
    result = services.enqueue("tests.jobs.test_services.record", id=9).db_result
    DBTaskResult.objects.filter(pk=result.pk).update(
        status="FAILED", finished_at=timezone.now(), traceback="boom"
    )
    assert services.retry_failed(DBTaskResult.objects.all()) == 1
    assert services.retry_failed(DBTaskResult.objects.all()) == 0
    assert run_due_tasks() == 1
    assert calls == [{"id": 9}]


@pytest.mark.django_db(transaction=True)
def test_the_worker_loop_recovers_from_a_lost_database_connection():
    services.enqueue("tests.jobs.test_services.record", id=10)
    failures = []

    def drop_connection(execute, sql, params, many, context):
        if len(failures) < 2:
            failures.append(sql)
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    worker = CityWorker(batch=True, interval=0, worker_id="survivor", housekeeping=False)
    with connection.execute_wrapper(drop_connection):
        worker.run()
    assert len(failures) == 2
    assert calls == [{"id": 10}]
    assert _results(record).get().status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db(transaction=True)
def test_a_task_whose_result_could_not_be_written_is_requeued_after_recovery():
    services.enqueue("tests.jobs.test_services.record", id=11)
    failures = []

    def fail_on_recording_the_result(execute, sql, params, many, context):
        # the database is gone while the task runs: writing success, then failure, fails
        # (the engine tries each three times)
        outcome = "SUCCESSFUL" in str(params) or "FAILED" in str(params)
        if len(failures) < 6 and sql.startswith("UPDATE") and outcome:
            failures.append(sql)
            raise OperationalError("terminating connection due to administrator command")
        return execute(sql, params, many, context)

    worker = CityWorker(batch=True, interval=0, worker_id="survivor", housekeeping=False)
    with connection.execute_wrapper(fail_on_recording_the_result):
        worker.run()
    assert len(failures) == 6
    # it ran, its outcome was lost with the connection, so it was run again: at least once
    assert calls == [{"id": 11}, {"id": 11}]
    assert _results(record).get().status == TaskResultStatus.SUCCESSFUL


def test_heartbeats_are_stamped_with_the_database_clock_not_the_machines(monkeypatch):
    """Locks used to be stamped with each machine's clock: a machine three hours ahead made
    its tasks look fresh for three hours to every other machine."""
    real = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: real + dt.timedelta(hours=3))
    services.beat(worker_id="ahead")
    seen = WorkerBeat.objects.get(pk="ahead").seen_at
    assert abs(seen - real) < dt.timedelta(minutes=5)
