"""The network's background tasks: thin wrappers that receive ids and call a service."""

from citypartners.network import services
from citypartners.taskqueue.registry import task


@task("network.send_contact_message")
def send_contact_message(*, message: int) -> None:
    services.send_contact_message(message_id=message)


@task("network.send_proposal_decision")
def send_proposal_decision(*, proposal: int) -> None:
    services.send_proposal_decision(proposal_id=proposal)
