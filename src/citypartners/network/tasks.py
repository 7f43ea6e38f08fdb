"""The network's background tasks: thin wrappers that receive ids and call a service."""

import datetime as dt

from citypartners.network import services
from citypartners.taskqueue.registry import task


@task("network.send_contact_message")
def send_contact_message(*, message: int) -> None:
    services.send_contact_message(message_id=message)


@task("network.send_proposal_decision")
def send_proposal_decision(*, proposal: int) -> None:
    services.send_proposal_decision(proposal_id=proposal)


@task("network.purge_undelivered_messages", every=dt.timedelta(days=1))
def purge_undelivered_messages() -> None:
    services.purge_undelivered_messages()
