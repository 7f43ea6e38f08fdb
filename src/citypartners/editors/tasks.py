"""The editors' background tasks: sending an invitation, and mailing review decisions to the
home that submitted a document (thin wrappers around the services)."""

from django.conf import settings
from django_tasks import task

from citypartners.editors import services
from citypartners.jobs.services import retry_later


@task()
def send_invitation(*, invitation: int, attempt: int = 1) -> None:
    with retry_later(
        send_invitation,
        attempt=attempt,
        max_attempts=settings.CITYPARTNERS_NEWSLETTER_MAX_ATTEMPTS,
        invitation=invitation,
    ):
        services.send_invitation(invitation_id=invitation)


@task()
def mail_review_decisions(*, submission: int, attempt: int = 1) -> None:
    with retry_later(
        mail_review_decisions,
        attempt=attempt,
        max_attempts=settings.CITYPARTNERS_NEWSLETTER_MAX_ATTEMPTS,
        submission=submission,
    ):
        services.send_review_decisions(submission_id=submission)
