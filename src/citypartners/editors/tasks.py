"""The editors' background task: sending an invitation (a thin wrapper around the service)."""

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
