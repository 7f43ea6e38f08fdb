"""The newsletter's background tasks: thin wrappers that receive ids and call a service."""

import datetime as dt

from citypartners.newsletter import services
from citypartners.taskqueue.registry import task


@task("newsletter.send_confirmation")
def send_confirmation(*, subscriber: int) -> None:
    services.send_confirmation(subscriber_id=subscriber)


@task("newsletter.send_already_subscribed")
def send_already_subscribed(*, subscriber: int) -> None:
    services.send_already_subscribed(subscriber_id=subscriber)


@task("newsletter.send_deliveries")
def send_deliveries(*, edition: int, deliveries: list[int]) -> None:
    services.send_deliveries(edition_id=edition, delivery_ids=deliveries)


@task("newsletter.purge_unconfirmed", every=dt.timedelta(hours=1))
def purge_unconfirmed() -> None:
    services.purge_unconfirmed()
