"""Writing feedback: store a barrier report, then tell the office by e-mail."""

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
from citypartners.messaging.emails import message_id, sender
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


def notify_office(*, report_id: int) -> None:
    """Send the office one e-mail about the report (text and HTML) and record when."""
    report = BarrierReport.objects.get(pk=report_id)
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
    message.send()
    BarrierReport.objects.filter(pk=report.pk).update(notified_at=timezone.now())


def _notify_after_commit(report_id: int) -> None:
    try:
        notify_office(report_id=report_id)
    except Exception:  # the report is stored; the office sees it in the back office
        logger.exception("Could not e-mail the office about barrier report %s", report_id)


@transaction.atomic
def report_barrier(
    *, description: str, page_url: str = "", name: str = "", email: str = "", language: str
) -> BarrierReport:
    """Store a report of a barrier and, once stored, e-mail the office about it."""
    report = BarrierReport(
        description=description.strip(),
        page_url=page_url.strip(),
        name=name.strip(),
        email=email.strip(),
        language=language,
    )
    report.full_clean()
    report.save()
    transaction.on_commit(lambda: _notify_after_commit(report.pk))
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
