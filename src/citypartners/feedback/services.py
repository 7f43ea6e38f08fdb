"""Writing feedback: store a barrier report, then tell the office by e-mail from a task.

The mail is sent by a background task enqueued with the report, never inside the request: a
slow mail relay must not hold the visitor's page (it took 30 s), and a temporary failure is
retried by the task instead of being lost.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from citypartners.feedback.enums import ReportStatus
from citypartners.feedback.models import BarrierReport
from citypartners.jobs.services import enqueue
from citypartners.messaging.emails import message_id, sender
from citypartners.messaging.smtp import send_or_retry
from citypartners.partnerships.queries import home_place, programme_of

logger = logging.getLogger(__name__)

# The office reads its mail in the home city's language.
OFFICE_LANGUAGE = settings.LANGUAGE_CODE


def office_recipients() -> list[str]:
    """CITYPARTNERS_FEEDBACK_EMAIL if set, else the office's address in the registry."""
    if settings.CITYPARTNERS_FEEDBACK_EMAIL:
        return [settings.CITYPARTNERS_FEEDBACK_EMAIL]
    home = home_place()
    programme = programme_of(home) if home else None
    if programme and programme.office and programme.office.email:
        return [programme.office.email]
    return [settings.DEFAULT_FROM_EMAIL]


def notify_office(*, report_id: int) -> bool:
    """Send the office one e-mail about the report (text and HTML) and record when.

    False (and no mail) if the office was already told or the report is gone; raises `Retry`
    on a temporary SMTP failure.
    """
    report = BarrierReport.objects.filter(pk=report_id, notified_at__isnull=True).first()
    if report is None:
        return False
    context = {"report": report}
    with translation.override(OFFICE_LANGUAGE):
        name = f"feedback/email/barrier_report_{OFFICE_LANGUAGE}"
        subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
        text = render_to_string(f"{name}.txt", context)
        html = render_to_string(f"{name}.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        from_email=sender(OFFICE_LANGUAGE),
        to=office_recipients(),
        headers={"Message-ID": message_id()},
    )
    if report.email:
        message.reply_to = [report.email]
    message.attach_alternative(html, "text/html")
    send_or_retry(message)
    BarrierReport.objects.filter(pk=report.pk).update(notified_at=timezone.now())
    return True


@transaction.atomic
def report_barrier(
    *, description: str, page_url: str = "", name: str = "", email: str = "", language: str
) -> BarrierReport:
    """Store a report of a barrier and queue the e-mail to the office (sent by a worker)."""
    report = BarrierReport(
        description=description.strip(),
        page_url=page_url.strip(),
        name=name.strip(),
        email=email.strip(),
        language=language,
    )
    report.full_clean()
    report.save()
    enqueue("citypartners.feedback.tasks.notify_office", report=report.pk)
    return report


# Closed reports are kept this long, then deleted (the privacy notice promises it).
RETENTION_DAYS = 365


def delete_closed_reports(*, older_than_days: int = RETENTION_DAYS) -> int:
    """Delete reports that were dealt with more than `older_than_days` ago; returns how many."""
    cutoff = timezone.now() - dt.timedelta(days=older_than_days)
    closed = BarrierReport.objects.exclude(
        status__in=[ReportStatus.NEW, ReportStatus.IN_PROGRESS]
    ).filter(modified_at__lt=cutoff)
    count, _ = closed.delete()
    return count
