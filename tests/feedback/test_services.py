"""Barrier reports: stored first, then e-mailed to the office in German."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from citypartners.feedback.models import BarrierReport
from citypartners.feedback.services import office_recipients, report_barrier

pytestmark = pytest.mark.django_db


def test_report_is_stored_and_the_office_is_told(django_capture_on_commit_callbacks, settings):
    settings.CITYPARTNERS_FEEDBACK_EMAIL = "barrieren@example.org"

    with django_capture_on_commit_callbacks(execute=True):
        report = report_barrier(
            description="The map cannot be used with the keyboard.",
            page_url="/en/",
            email="reader@example.org",
            language="en",
        )

    report.refresh_from_db()
    assert report.notified_at is not None
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


def test_a_report_survives_when_mail_fails(django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard: nothing listens, the connection is refused

    with django_capture_on_commit_callbacks(execute=True):
        report = report_barrier(description="Contrast too low", language="de")

    report.refresh_from_db()
    assert report.notified_at is None
    assert BarrierReport.objects.open().filter(pk=report.pk).exists()


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
