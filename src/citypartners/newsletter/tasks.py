"""The newsletter's background tasks: thin wrappers that receive ids and call a service.

A temporary SMTP failure (`Retry`) enqueues the task again after a backoff, up to
CITYPARTNERS_NEWSLETTER_MAX_ATTEMPTS; the delivery record, not the task, guarantees that a
recipient gets an edition once however often a batch runs.
"""

import datetime as dt

from django.conf import settings
from django_tasks import task

from citypartners.jobs.registry import periodic
from citypartners.jobs.services import retry_later
from citypartners.newsletter import services


def _attempts() -> int:
    return settings.CITYPARTNERS_NEWSLETTER_MAX_ATTEMPTS


@task()
def send_confirmation(*, subscriber: int, attempt: int = 1) -> None:
    with retry_later(
        send_confirmation, attempt=attempt, max_attempts=_attempts(), subscriber=subscriber
    ):
        services.send_confirmation(subscriber_id=subscriber)


@task()
def send_already_subscribed(*, subscriber: int, attempt: int = 1) -> None:
    with retry_later(
        send_already_subscribed, attempt=attempt, max_attempts=_attempts(), subscriber=subscriber
    ):
        services.send_already_subscribed(subscriber_id=subscriber)


@task()
def send_deliveries(*, edition: int, deliveries: list[int], attempt: int = 1) -> dict[str, int]:
    with retry_later(
        send_deliveries,
        attempt=attempt,
        max_attempts=_attempts(),
        edition=edition,
        deliveries=deliveries,
    ):
        return services.send_deliveries(edition_id=edition, delivery_ids=deliveries)
    return {}


@periodic(every=dt.timedelta(hours=1))
@task()
def purge_unconfirmed() -> None:
    services.purge_unconfirmed()
