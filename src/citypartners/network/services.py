"""Writing the network: messages to contacts, proposals and the decision on them.

Messages and decisions are mailed by the worker (tasks receive ids), so the public forms
answer at once and a mail server that is down only delays the mail. A message to a contact
is deleted once sent: the site keeps no copy of private correspondence.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from citypartners.activities.enums import ActivityKind
from citypartners.activities.models import Activity
from citypartners.activities.services import refresh_activity_dates
from citypartners.core.dates import PartialDate
from citypartners.core.slugs import slug_of
from citypartners.jobs.services import enqueue
from citypartners.messaging import relay
from citypartners.messaging.emails import build_email
from citypartners.messaging.smtp import send_or_retry
from citypartners.network.enums import ProposalStatus
from citypartners.network.models import ContactMessage, ContactPerson, Proposal
from citypartners.partnerships.models import Partnership, Topic

logger = logging.getLogger(__name__)


class AlreadyDecided(Exception):
    """A proposal is decided once; the proposer has been told."""


@transaction.atomic
def write_to_contact(
    *,
    contact: ContactPerson,
    sender_name: str,
    sender_email: str,
    subject: str,
    message: str,
    language: str,
) -> ContactMessage:
    """Queue a message to a listed contact; they can answer, the sender never sees the address."""
    if not contact.has_consent or not contact.email:
        raise ValidationError("This person cannot be contacted through the site.")
    note = ContactMessage(
        contact=contact,
        sender_name=sender_name,
        sender_email=sender_email,
        subject=subject,
        message=message,
        language=language,
    )
    return relay.queue_relay(note, task="citypartners.network.tasks.send_contact_message")


def _contact_of(note: ContactMessage) -> relay.Recipient:
    """The contact, in the language the sender wrote in."""
    context = {"note": note, "contact": note.contact}
    return relay.Recipient(email=note.contact.email, language=note.language, context=context)


def send_contact_message(*, message_id: int) -> bool:
    """Mail a queued message to its contact (Reply-To the sender), then forget it."""
    return relay.relay(
        ContactMessage.objects.select_related("contact", "contact__organisation"),
        message_id=message_id,
        template="network/email/contact_message",
        recipient=_contact_of,
    )


def purge_undelivered_messages(*, older_than: dt.timedelta = relay.UNDELIVERED_FOR) -> int:
    """Delete messages the worker could not deliver in two weeks: no copy is kept for ever."""
    return relay.purge_undelivered(ContactMessage, older_than=older_than)


@transaction.atomic
def submit_proposal(
    *,
    title: str,
    description: str,
    starts: PartialDate,
    ends: PartialDate,
    partnership: Partnership,
    topics: Iterable[Topic],
    organisation_name: str,
    contact_name: str,
    contact_email: str,
    language: str,
) -> Proposal:
    """Store a proposal for the editors' review queue."""
    proposal = Proposal(
        title=title,
        description=description,
        starts=starts,
        ends=ends,
        partnership=partnership,
        organisation_name=organisation_name,
        contact_name=contact_name,
        contact_email=contact_email.strip(),
        language=language,
    )
    proposal.full_clean()
    proposal.save()
    proposal.topics.set(topics)
    return proposal


def _unique_slug(title: str) -> str:
    base = (slug_of(title)[:140] or "proposal").strip("-")
    slug, n = base, 2
    while Activity.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _decide(proposal: Proposal, status: ProposalStatus, by: AbstractBaseUser | None, note: str):
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.SUBMITTED:
        raise AlreadyDecided(f"proposal {proposal.pk} is already {proposal.status}")
    proposal.status = status
    proposal.decided_at = timezone.now()
    proposal.decided_by = by
    proposal.decision_note = note
    return proposal


@transaction.atomic
def accept_proposal(
    *, proposal: Proposal, by: AbstractBaseUser | None = None, note: str = ""
) -> Activity:
    """Create an unpublished activity from the proposal and tell the proposer."""
    proposal = _decide(proposal, ProposalStatus.ACCEPTED, by, note)
    activity = Activity(
        slug=_unique_slug(proposal.title),
        partnership=proposal.partnership,
        kind=ActivityKind.OTHER,
        title=proposal.title,
        description=proposal.description,
        starts=proposal.starts,
        ends=proposal.ends,
        is_published=False,
    )
    for field in ("title", "description"):
        setattr(activity, f"{field}_{proposal.language}", getattr(proposal, field))
    refresh_activity_dates(activity)
    activity.full_clean()
    activity.save()
    activity.topics.set(proposal.topics.all())
    proposal.activity = activity
    proposal.full_clean()
    proposal.save()
    enqueue("citypartners.network.tasks.send_proposal_decision", proposal=proposal.pk)
    return activity


@transaction.atomic
def reject_proposal(
    *, proposal: Proposal, by: AbstractBaseUser | None = None, note: str = ""
) -> Proposal:
    """Decline the proposal and tell the proposer (with the editor's note, if any)."""
    proposal = _decide(proposal, ProposalStatus.REJECTED, by, note)
    proposal.full_clean()
    proposal.save()
    enqueue("citypartners.network.tasks.send_proposal_decision", proposal=proposal.pk)
    return proposal


def send_proposal_decision(*, proposal_id: int) -> bool:
    proposal = Proposal.objects.select_related("partnership").filter(pk=proposal_id).first()
    if proposal is None or proposal.status == ProposalStatus.SUBMITTED:
        return False
    mail = build_email(
        "network/email/proposal_decision",
        language=proposal.language,
        context={"proposal": proposal, "accepted": proposal.status == ProposalStatus.ACCEPTED},
        to=proposal.contact_email,
    )
    send_or_retry(mail)
    return True
