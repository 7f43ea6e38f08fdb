"""Barrier reports: stored first, then e-mailed to the office in German."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from citypartners.feedback.models import BarrierReport
from citypartners.feedback.services import office_recipients, report_barrier
from citypartners.jobs.worker import run_due_tasks

pytestmark = pytest.mark.django_db


def test_report_is_stored_and_the_office_is_told_by_a_task_not_in_the_request(settings):
    settings.CITYPARTNERS_FEEDBACK_EMAIL = "barrieren@example.org"

    report = report_barrier(
        description="The map cannot be used with the keyboard.",
        page_url="/en/",
        email="reader@example.org",
        language="en",
    )
    assert mail.outbox == []  # nothing sent while the visitor waits
    assert run_due_tasks() == 1
    report.refresh_from_db()
    assert report.notified_at is not None
    assert run_due_tasks() == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["barrieren@example.org"]
    assert message.reply_to == ["reader@example.org"]
    assert message.subject == "Barriere gemeldet: /en/"
    assert "The map cannot be used with the keyboard." in message.body
    assert "innerhalb eines Monats" in message.body
    html, mime = message.alternatives[0]
    assert mime == "text/html" and "<dd>/en/</dd>" in html


def test_without_a_configured_address_the_sender_address_receives_reports(settings):
    settings.CITYPARTNERS_FEEDBACK_EMAIL = ""

    # The Berlin office has no e-mail address in the registry.
    assert office_recipients() == [settings.DEFAULT_FROM_EMAIL]


def test_a_report_survives_when_the_relay_is_down_and_its_task_tries_again_later(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard: nothing listens, the connection is refused

    report = report_barrier(description="Contrast too low", language="de")
    run_due_tasks()

    report.refresh_from_db()
    assert report.notified_at is None
    assert BarrierReport.objects.open().filter(pk=report.pk).exists()
    tasks = DBTaskResult.objects.filter(task_path="citypartners.feedback.tasks.notify_office")
    again = tasks.get(status="READY")
    assert again.args_kwargs["kwargs"] == {"report": report.pk, "attempt": 2}
    assert again.run_after > timezone.now()


def test_a_temporary_mail_failure_is_retried_and_the_office_told_once(mailserver, settings):
    settings.CITYPARTNERS_FEEDBACK_EMAIL = "barrieren@example.org"
    settings.CITYPARTNERS_TASK_RETRY_SECONDS = 0
    mailserver.refuse = ["451 4.3.0 try again later"]
    report = report_barrier(description="Focus is invisible", language="de")
    run_due_tasks()
    assert [m.to for m in mailserver.messages] == ["barrieren@example.org"]
    report.refresh_from_db()
    assert report.notified_at is not None


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"description": "", "language": "de"}, "description"),
        ({"description": "x", "language": "fr"}, "language"),
        ({"description": "x", "language": "de", "email": "not-an-address"}, "email"),
    ],
)
def test_invalid_reports_are_refused(fields, problem):
    with pytest.raises(ValidationError) as error:
        report_barrier(**fields)

    assert problem in str(error.value)
    assert not BarrierReport.objects.exists()


def test_closed_reports_are_deleted_after_a_year_open_ones_kept():
    from citypartners.feedback.services import delete_closed_reports

    old = timezone.now() - dt.timedelta(days=400)
    closed = report_barrier(description="fixed long ago", language="de")
    still_open = report_barrier(description="still open", language="de")
    recent = report_barrier(description="fixed last week", language="de")
    BarrierReport.objects.filter(pk=closed.pk).update(status="resolved", modified_at=old)
    BarrierReport.objects.filter(pk=still_open.pk).update(modified_at=old)
    BarrierReport.objects.filter(pk=recent.pk).update(status="resolved")

    assert delete_closed_reports() == 1
    assert set(BarrierReport.objects.values_list("pk", flat=True)) == {still_open.pk, recent.pk}
