"""The back office's task list: everyone sees failed and running tasks, administrators retry."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from citypartners.jobs import services
from citypartners.jobs.worker import run_due_tasks
from tests.jobs.test_services import calls

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:django_tasks_database_dbtaskresult_changelist"


def _failed_and_running():
    failed = services.enqueue("tests.jobs.test_services.record", id="failed").db_result
    DBTaskResult.objects.filter(pk=failed.pk).update(
        status="FAILED", finished_at=timezone.now(), traceback="SMTP relay said no"
    )
    running = services.enqueue("tests.jobs.test_services.record", id="running").db_result
    DBTaskResult.objects.filter(pk=running.pk).update(
        status="RUNNING", started_at=timezone.now(), worker_ids=["w1"]
    )
    return failed, running


def test_failed_and_running_tasks_are_listed_by_state(client, editor):
    _failed_and_running()
    client.force_login(editor)
    failed_page = client.get(reverse(CHANGELIST), {"status__exact": "FAILED"})
    assert failed_page.status_code == 200
    assert list(failed_page.context["cl"].result_list.values_list("status", flat=True)) == [
        "FAILED"
    ]
    running_page = client.get(reverse(CHANGELIST), {"status__exact": "RUNNING"})
    assert [r.status for r in running_page.context["cl"].result_list] == ["RUNNING"]
    assert failed_page.context["action_form"] is None  # editors have no action: no retry


def test_an_administrator_retries_a_failed_task_and_it_runs(client, administrator):
    calls.clear()
    failed, running = _failed_and_running()
    client.force_login(administrator)
    page = client.get(reverse(CHANGELIST))
    assert "retry" in dict(page.context["action_form"].fields["action"].choices)
    answer = client.post(
        reverse(CHANGELIST),
        {"action": "retry", "_selected_action": [str(failed.pk), str(running.pk)]},
        follow=True,
    )
    assert answer.status_code == 200
    failed.refresh_from_db()
    running.refresh_from_db()
    assert (failed.status, failed.traceback, running.status) == ("READY", "", "RUNNING")
    assert run_due_tasks() == 1
    assert calls == [{"id": "failed"}]
    assert DBTaskResult.objects.get(pk=failed.pk).status == "SUCCESSFUL"


def test_the_task_list_is_named_in_german_in_the_back_office(client, editor):
    """The engine names its app "Tasks Database Backend" and its model "Task Result", in English
    only; the back office shows its own names, in the visitor's language."""
    services.enqueue("tests.jobs.test_services.record", id="queued")
    client.force_login(editor)
    page = client.get(reverse(CHANGELIST), HTTP_ACCEPT_LANGUAGE="de")
    text = page.content.decode()
    assert "Tasks Database Backend" not in text
    assert "Task Result" not in text
    assert "Hintergrundaufgaben" in text
    assert "Aufgabe zum Ansehen auswählen" in text
    assert ">wartet<" in text
