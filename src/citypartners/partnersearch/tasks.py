"""The partner search's background tasks: thin wrappers that receive ids and call a service."""

import datetime as dt

from django_tasks import task

from citypartners.jobs.registry import periodic
from citypartners.jobs.services import retry_later
from citypartners.partnersearch import services

MAX_ATTEMPTS = 5


@task()
def send_answer(*, message: int, attempt: int = 1) -> None:
    with retry_later(send_answer, attempt=attempt, max_attempts=MAX_ATTEMPTS, message=message):
        services.send_answer(message_id=message)


@periodic(every=dt.timedelta(days=1))
@task()
def remind_expiring_searches() -> None:
    services.remind_expiring_searches()


@periodic(every=dt.timedelta(days=1))
@task()
def purge_undelivered_answers() -> None:
    services.purge_undelivered_answers()
