"""Claiming, retrying and taking over tasks; the Redis transport when a server is there."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from citypartners.taskqueue import registry, services
from citypartners.taskqueue.enums import TaskStatus
from citypartners.taskqueue.models import Task

pytestmark = pytest.mark.django_db
calls: list[dict] = []


@registry.task("tests.record")
def record(**payload):
    calls.append(payload)


@registry.task("tests.flaky")
def flaky(*, fail_times: int):
    calls.append({"flaky": True})
    if len([c for c in calls if "flaky" in c]) <= fail_times:
        raise registry.Retry("not yet")


@pytest.fixture(autouse=True)
def _reset_calls():
    calls.clear()


def test_a_claimed_task_is_not_claimed_by_another_worker():
    task = services.enqueue("tests.record", payload={"id": 1})
    assert services.claim_next(worker="a").pk == task.pk
    assert services.claim_next(worker="b") is None


def test_a_task_is_not_run_before_its_time():
    services.enqueue("tests.record", run_at=timezone.now() + dt.timedelta(minutes=5))
    assert services.run_due_tasks() == 0


def test_retry_backs_off_and_fails_for_good_after_max_attempts(settings):
    settings.CITYPARTNERS_TASK_RETRY_SECONDS = 0
    task = services.enqueue("tests.flaky", payload={"fail_times": 10}, max_attempts=3)
    services.run_due_tasks()
    task.refresh_from_db()
    assert (task.status, task.attempts, task.last_error) == (TaskStatus.FAILED, 3, "not yet")
    assert len(calls) == 3


def test_backoff_doubles_up_to_an_hour(settings):
    settings.CITYPARTNERS_TASK_RETRY_SECONDS = 30
    assert [services.backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert services.backoff(20) == dt.timedelta(hours=1)


def test_a_silent_workers_task_is_taken_over_and_its_late_result_ignored():
    task = services.enqueue("tests.record", payload={"id": 7})
    claimed = services.claim_next(worker="dead")
    Task.objects.filter(pk=task.pk).update(locked_at=timezone.now() - dt.timedelta(hours=1))
    assert services.reclaim_stale(timeout=dt.timedelta(minutes=5)) == [task.pk]
    services.run_due_tasks(worker="alive")
    task.refresh_from_db()
    assert (task.status, task.attempts) == (TaskStatus.DONE, 2)
    # the presumed-dead worker comes back: its result must not overwrite the successor's
    Task.objects.filter(pk=task.pk).update(status=TaskStatus.RUNNING, locked_by="alive")
    services.run_claimed(claimed, worker="dead")
    task.refresh_from_db()
    assert task.status == TaskStatus.RUNNING and task.locked_by == "alive"


def test_unknown_task_fails_with_a_clear_error(settings):
    settings.CITYPARTNERS_TASK_RETRY_SECONDS = 0
    task = services.enqueue("tests.nonexistent", max_attempts=1)
    services.run_due_tasks()
    task.refresh_from_db()
    assert task.status == TaskStatus.FAILED
    assert "no task is registered as 'tests.nonexistent'" in task.last_error


def test_redis_transport_wakes_the_worker_with_the_committed_task(
    settings, django_capture_on_commit_callbacks
):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    from citypartners.taskqueue.transport import RedisTransport, get_transport

    settings.REDIS_URL = url
    settings.CITYPARTNERS_TASK_REDIS_KEY = f"citypartners-test:{uuid.uuid4().hex}"
    transport = get_transport()
    assert isinstance(transport, RedisTransport)
    with django_capture_on_commit_callbacks(execute=True):
        task = services.enqueue("tests.record", payload={"id": 3})
    try:
        assert transport.wait(1) == task.pk
        assert transport.wait(0.05) is None
        assert services.claim_next(worker="r", prefer=task.pk).pk == task.pk
    finally:
        transport.client.delete(transport.key)
