"""Relaying a message to someone whose address stays private: queue, mail with Reply-To, forget.

The network's messages to contacts and the partner search's answers go the same way. The public
form stores the note and queues a task (`queue_relay`); the task locks the note, mails it to the
recipient with Reply-To the sender and deletes it in the same transaction (`relay`), so a
repeated task finds nothing and sends nothing twice; notes the worker could not deliver in two
weeks are deleted (`purge_undelivered`). The site never shows the recipient's address and keeps
no copy of the correspondence. A temporary SMTP failure becomes `Retry` (`smtp.send_or_retry`),
which the task turns into a later attempt.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from django.db import models, transaction
from django.utils import timezone

from citypartners.jobs.services import enqueue
from citypartners.messaging.emails import build_email
from citypartners.messaging.models import RelayedMessage
from citypartners.messaging.smtp import send_or_retry

logger = logging.getLogger(__name__)

Note = TypeVar("Note", bound=RelayedMessage)

# How long a note the worker could not deliver is kept before it is deleted.
UNDELIVERED_FOR = dt.timedelta(days=14)


@dataclass(frozen=True)
class Recipient:
    """Where and how a note is mailed: the hidden address, the mail's language, its context."""

    email: str
    language: str
    context: Mapping[str, object]


def queue_relay(note: Note, *, task: str) -> Note:
    """Validate and store a note from a public form and queue `task` to mail it."""
    note.sender_email = note.sender_email.strip()
    note.full_clean()
    note.save()
    enqueue(task, message=note.pk)
    return note


def relay(
    notes: models.QuerySet[Note],
    *,
    message_id: int,
    template: str,
    recipient: Callable[[Note], Recipient | None],
) -> bool:
    """Mail the note `message_id` to `recipient(note)` with Reply-To its sender, then delete it.

    `notes` says which model and what to join for the recipient; `recipient` returns None when
    nobody can be mailed any more, and the note is then deleted unsent. False when nothing was
    sent (already sent, purged or dropped).
    """
    with transaction.atomic():
        note = notes.select_for_update(of=("self",)).filter(pk=message_id).first()
        if note is None:
            return False
        to = recipient(note)
        if to is None:
            note.delete()
            logger.warning("dropped %s %s: nobody to mail it to", notes.model._meta.label, note.pk)
            return False
        send_or_retry(
            build_email(
                template,
                language=to.language,
                context=to.context,
                to=to.email,
                reply_to=[note.sender_email],
            )
        )
        note.delete()
    return True


def purge_undelivered(
    model: type[RelayedMessage], *, older_than: dt.timedelta = UNDELIVERED_FOR
) -> int:
    """Delete notes the worker could not deliver in time: no copy is kept for ever."""
    count, _ = model.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    if count:
        logger.warning("deleted %d undelivered %s", count, model._meta.label)
    return count
