"""The network's background tasks: thin wrappers that receive ids and call a service.

A temporary SMTP failure (`Retry`) enqueues the task again after a backoff, up to
MAX_ATTEMPTS; the services mark a message sent, so a repeated task sends nothing twice.
"""

import datetime as dt

from django_tasks import task

from citypartners.jobs.registry import periodic
from citypartners.jobs.services import retry_later
from citypartners.network import services

MAX_ATTEMPTS = 5


@task()
def send_contact_message(*, message: int, attempt: int = 1) -> None:
    with retry_later(
        send_contact_message, attempt=attempt, max_attempts=MAX_ATTEMPTS, message=message
    ):
        services.send_contact_message(message_id=message)


@task()
def send_proposal_decision(*, proposal: int, attempt: int = 1) -> None:
    with retry_later(
        send_proposal_decision, attempt=attempt, max_attempts=MAX_ATTEMPTS, proposal=proposal
    ):
        services.send_proposal_decision(proposal_id=proposal)


@periodic(every=dt.timedelta(days=1))
@task()
def purge_undelivered_messages() -> None:
    services.purge_undelivered_messages()
