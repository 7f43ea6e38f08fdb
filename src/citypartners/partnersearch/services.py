"""Writing the partner search: publishing and renewing posts, relaying answers, reminders.

Answers and reminders are mailed by the worker (tasks receive ids). An answer is deleted once
sent, and answers the worker could not deliver within two weeks are purged.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from citypartners.messaging import relay
from citypartners.messaging.emails import absolute_url, build_email
from citypartners.messaging.smtp import send_or_retry
from citypartners.partnersearch.models import PartnerSearch, PartnerSearchMessage
from citypartners.partnersearch.queries import can_be_answered

logger = logging.getLogger(__name__)

# How long a post stays public, and how long before its end its owner is reminded.
VALIDITY = dt.timedelta(days=365)
REMINDER_AHEAD = dt.timedelta(days=30)


@transaction.atomic
def publish_partner_search(
    *, search: PartnerSearch, owner: AbstractBaseUser | None, today: dt.date | None = None
) -> PartnerSearch:
    """Save a new post, public for a year from `today`, answered to `owner`."""
    today = today or timezone.localdate()
    search.owner = owner
    search.expires_on = today + VALIDITY
    search.reminded_on = None
    search.full_clean()
    search.save()
    return search


@transaction.atomic
def renew_partner_search(*, search: PartnerSearch, today: dt.date | None = None) -> PartnerSearch:
    """Keep a post public for another year from `today` (also brings back an expired one)."""
    today = today or timezone.localdate()
    search.expires_on = today + VALIDITY
    search.reminded_on = None
    search.save(update_fields=["expires_on", "reminded_on", "modified_at"])
    return search


@transaction.atomic
def write_to_partner_search(
    *,
    search: PartnerSearch,
    sender_name: str,
    sender_email: str,
    organisation: str,
    message: str,
    language: str,
) -> PartnerSearchMessage:
    """Queue an answer to a post; its owner can reply, the sender never sees the address."""
    if not can_be_answered(search):
        raise ValidationError("This post cannot be answered through the site.")
    note = PartnerSearchMessage(
        search=search,
        sender_name=sender_name,
        sender_email=sender_email,
        organisation=organisation,
        message=message,
        language=language,
    )
    return relay.queue_relay(note, task="citypartners.partnersearch.tasks.send_answer")


def _owner_of(note: PartnerSearchMessage) -> relay.Recipient | None:
    """The post's owner, in the post's language; None once the post has nobody to answer."""
    search = note.search
    if not can_be_answered(search):
        return None
    context = {"note": note, "search": search}
    return relay.Recipient(email=search.owner.email, language=search.language, context=context)


def send_answer(*, message_id: int) -> bool:
    """Mail a queued answer to the post's owner (Reply-To the sender), then forget it."""
    return relay.relay(
        PartnerSearchMessage.objects.select_related("search", "search__owner", "search__place"),
        message_id=message_id,
        template="partnersearch/email/answer",
        recipient=_owner_of,
    )


def remind_expiring_searches(*, today: dt.date | None = None) -> int:
    """Tell owners of posts that end within a month how to renew them; once per period."""
    today = today or timezone.localdate()
    sent = 0
    pending = PartnerSearch.objects.to_remind(today, ahead=REMINDER_AHEAD).select_related(
        "owner", "place"
    )
    for search in pending:
        with transaction.atomic():
            if search.owner and search.owner.email and search.owner.is_active:
                path = reverse("admin:partnersearch_partnersearch_change", args=[search.pk])
                send_or_retry(
                    build_email(
                        "partnersearch/email/reminder",
                        language=search.language,
                        context={"search": search, "renew_url": absolute_url(path)},
                        to=search.owner.email,
                    )
                )
                sent += 1
            search.reminded_on = today
            search.save(update_fields=["reminded_on"])
    return sent


def purge_undelivered_answers(*, older_than: dt.timedelta = relay.UNDELIVERED_FOR) -> int:
    """Delete answers the worker could not deliver in two weeks: no copy is kept for ever."""
    return relay.purge_undelivered(PartnerSearchMessage, older_than=older_than)
