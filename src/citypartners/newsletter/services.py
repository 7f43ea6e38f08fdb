"""Writing the newsletter: sign-up, confirmation, changes, unsubscription, erasure, sending.

Every function here is what the public forms, the back office and the worker's tasks call;
each writes the consent log entry that goes with its change in the same transaction, and
queues mail as a task in that transaction too, so a mail is sent if and only if the change
was committed. Mail to a subscriber who has not confirmed is limited to the one
confirmation mail (resent only when they fill in the form again).
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import uuid
from collections.abc import Iterable
from itertools import islice

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from citypartners.jobs.registry import Retry
from citypartners.jobs.services import enqueue
from citypartners.messaging.emails import build_email
from citypartners.messaging.link_secrets import new_secret
from citypartners.messaging.smtp import describe, is_temporary, send_or_retry
from citypartners.newsletter import links, queries
from citypartners.newsletter.enums import (
    ConsentChannel,
    ConsentEvent,
    DeliveryStatus,
    EditionStatus,
    SubscriberStatus,
    TokenPurpose,
)
from citypartners.newsletter.models import (
    ConsentRecord,
    ConsentText,
    Delivery,
    Edition,
    Subscriber,
    SubscriptionToken,
)
from citypartners.partnerships.models import Partnership, Topic

logger = logging.getLogger(__name__)


class ConfirmResult(enum.StrEnum):
    CONFIRMED = "confirmed"
    ALREADY_CONFIRMED = "already_confirmed"
    EXPIRED = "expired"
    INVALID = "invalid"


class EditionNotDraft(Exception):
    """An edition is sent once; sending it again would mail everyone twice."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _interests(subscriber: Subscriber) -> dict[str, list[str]]:
    return {
        "partnerships": sorted(p.slug for p in subscriber.partnerships.all()),
        "topics": sorted(t.slug for t in subscriber.topics.all()),
    }


def _record(
    subscriber: Subscriber,
    *,
    event: ConsentEvent,
    channel: ConsentChannel,
    at: dt.datetime,
    consent_text: ConsentText | None = None,
    note: str = "",
) -> ConsentRecord:
    record = ConsentRecord(
        subscriber=subscriber,
        event=event,
        channel=channel,
        at=at,
        consent_text=consent_text,
        language=subscriber.language,
        interests=_interests(subscriber),
        note=note[:300],
    )
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def subscribe(
    *,
    email: str,
    language: str,
    partnerships: Iterable[Partnership] = (),
    topics: Iterable[Topic] = (),
    consent_text: ConsentText,
    channel: ConsentChannel = ConsentChannel.WEB_FORM,
) -> None:
    """Record a sign-up and queue the confirmation mail; says nothing about the address.

    A new or unconfirmed address gets a pending subscription and one confirmation mail; an
    unsubscribed address signs up anew the same way. A confirmed address keeps its settings
    (the form may have been sent by someone else) and is told where to change them.

    Both kinds do the same work, so the answer's timing does not tell them apart either: the
    row is inserted, or its request time written if it exists (one upsert either way;
    simultaneous sign-ups of one new address wait for each other instead of failing on the
    unique address), locked, checked, updated, its interests read, the request written to the
    consent log, and one mail queued.
    """
    email = normalise_email(email)
    now = timezone.now()
    # One upsert of the same shape for both: a new address inserts its row, a known one writes
    # its request time into the existing row (not a no-op, which was measurably quicker).
    Subscriber.objects.bulk_create(
        [Subscriber(email=email, language=language, consent_text=consent_text, requested_at=now)],
        update_conflicts=True,
        unique_fields=["email"],
        update_fields=["requested_at"],
    )
    subscriber = Subscriber.objects.select_for_update().get(email=email)
    known = subscriber.status == SubscriberStatus.CONFIRMED
    subscriber.requested_at = now
    if not known:
        subscriber.language = language
        subscriber.consent_text = consent_text
        subscriber.status = SubscriberStatus.PENDING
    subscriber.full_clean()
    subscriber.save()
    if known:  # read what `set` reads, change nothing
        list(subscriber.partnerships.values_list("pk", flat=True))
        list(subscriber.topics.values_list("pk", flat=True))
    else:
        subscriber.partnerships.set(partnerships)
        subscriber.topics.set(topics)
    _record(
        subscriber,
        event=ConsentEvent.REQUESTED,
        channel=channel,
        at=now,
        consent_text=subscriber.consent_text,
        note="already confirmed; settings kept" if known else "",
    )
    enqueue(
        "citypartners.newsletter.tasks.send_already_subscribed"
        if known
        else "citypartners.newsletter.tasks.send_confirmation",
        subscriber=subscriber.pk,
    )


def send_confirmation(*, subscriber_id: int) -> bool:
    """Send the confirmation mail with a fresh single-use link; False if nothing to confirm."""
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update()
            .select_related("consent_text")
            .filter(pk=subscriber_id, status=SubscriberStatus.PENDING)
            .first()
        )
        if subscriber is None:
            return False
        secret, digest = new_secret()
        now = timezone.now()
        hours = settings.CITYPARTNERS_NEWSLETTER_CONFIRM_HOURS
        SubscriptionToken.objects.create(
            subscriber=subscriber,
            purpose=TokenPurpose.CONFIRM,
            token_hash=digest,
            expires_at=now + dt.timedelta(hours=hours),
        )
        message = build_email(
            "newsletter/email/confirm",
            language=subscriber.language,
            context={
                "confirm_url": links.confirm_url(secret, subscriber.language),
                "hours": hours,
                "consent_text": subscriber.consent_text,
                "language": subscriber.language,
            },
            to=subscriber.email,
        )
        _record(
            subscriber,
            event=ConsentEvent.CONFIRMATION_SENT,
            channel=ConsentChannel.SYSTEM,
            at=now,
            consent_text=subscriber.consent_text,
        )
        send_or_retry(message)
    return True


def send_already_subscribed(*, subscriber_id: int) -> bool:
    """Tell a confirmed subscriber who signed up again where to change their settings."""
    subscriber = Subscriber.objects.confirmed().filter(pk=subscriber_id).first()
    if subscriber is None:
        return False
    message = build_email(
        "newsletter/email/already_subscribed",
        language=subscriber.language,
        context={
            "preferences_url": links.preferences_url(subscriber.public_id, subscriber.language),
            "unsubscribe_url": links.unsubscribe_url(subscriber.public_id, subscriber.language),
        },
        to=subscriber.email,
    )
    send_or_retry(message)
    return True


def check_confirmation(*, token: str) -> ConfirmResult:
    """What confirming with `token` would do, without doing it (for the page before the button)."""
    found = (
        SubscriptionToken.objects.select_related("subscriber")
        .with_secret(token)
        .filter(purpose=TokenPurpose.CONFIRM)
        .first()
    )
    return _judge(found, timezone.now())


def _judge(found: SubscriptionToken | None, now: dt.datetime) -> ConfirmResult | None:
    if found is None:
        return ConfirmResult.INVALID
    if found.subscriber.status == SubscriberStatus.CONFIRMED and found.used_at is not None:
        return ConfirmResult.ALREADY_CONFIRMED
    if found.used_at is not None or found.subscriber.status != SubscriberStatus.PENDING:
        return ConfirmResult.INVALID
    if found.expires_at <= now:
        return ConfirmResult.EXPIRED
    return None


@transaction.atomic
def confirm_subscription(
    *, token: str, channel: ConsentChannel = ConsentChannel.CONFIRMATION_LINK
) -> ConfirmResult:
    """Confirm the subscription the single-use `token` belongs to."""
    now = timezone.now()
    found = (
        SubscriptionToken.objects.select_for_update()
        .select_related("subscriber", "subscriber__consent_text")
        .with_secret(token)
        .filter(purpose=TokenPurpose.CONFIRM)
        .first()
    )
    verdict = _judge(found, now)
    if verdict is not None:
        return verdict
    subscriber = found.subscriber
    SubscriptionToken.objects.filter(
        subscriber=subscriber, purpose=TokenPurpose.CONFIRM, used_at__isnull=True
    ).update(used_at=now)
    subscriber.status = SubscriberStatus.CONFIRMED
    subscriber.confirmed_at = now
    subscriber.unsubscribed_at = None
    subscriber.full_clean()
    subscriber.save()
    _record(
        subscriber,
        event=ConsentEvent.CONFIRMED,
        channel=channel,
        at=now,
        consent_text=subscriber.consent_text,
    )
    return ConfirmResult.CONFIRMED


@transaction.atomic
def unsubscribe(*, subscriber: Subscriber, channel: ConsentChannel, note: str = "") -> bool:
    """Stop all mail to the subscriber at once; False if they were already unsubscribed."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return False
    now = timezone.now()
    subscriber.status = SubscriberStatus.UNSUBSCRIBED
    subscriber.unsubscribed_at = now
    subscriber.full_clean()
    subscriber.save()
    SubscriptionToken.objects.filter(subscriber=subscriber, used_at__isnull=True).update(
        used_at=now
    )
    subscriber.deliveries.pending().update(status=DeliveryStatus.SKIPPED)
    _record(subscriber, event=ConsentEvent.UNSUBSCRIBED, channel=channel, at=now, note=note)
    return True


@transaction.atomic
def update_preferences(
    *,
    subscriber: Subscriber,
    language: str,
    partnerships: Iterable[Partnership],
    topics: Iterable[Topic],
    channel: ConsentChannel = ConsentChannel.PREFERENCES_LINK,
) -> bool:
    """Change language and interests; logs the change; False if nothing changed."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    before = (subscriber.language, _interests(subscriber))
    subscriber.language = language
    subscriber.full_clean()
    subscriber.save()
    subscriber.partnerships.set(partnerships)
    subscriber.topics.set(topics)
    if (subscriber.language, _interests(subscriber)) == before:
        return False
    _record(subscriber, event=ConsentEvent.CHANGED, channel=channel, at=timezone.now())
    return True


def export_subscriber_data(*, subscriber: Subscriber) -> dict:
    """Everything stored about the address (GDPR Art. 15), as JSON-ready data."""
    subscriber = (
        Subscriber.objects.select_related("consent_text")
        .prefetch_related("partnerships", "topics")
        .get(pk=subscriber.pk)
    )
    records = subscriber.consent_records.select_related("consent_text").order_by("at", "pk")
    return {
        "email": subscriber.email,
        "language": subscriber.language,
        "status": subscriber.status,
        "signed_up_at": subscriber.created_at.isoformat(),
        "last_requested_at": subscriber.requested_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at and subscriber.confirmed_at.isoformat(),
        "unsubscribed_at": subscriber.unsubscribed_at and subscriber.unsubscribed_at.isoformat(),
        "interests": _interests(subscriber),
        "consent_log": [
            {
                "event": record.event,
                "how": record.channel,
                "at": record.at.isoformat(),
                "language": record.language,
                "interests": record.interests,
                "note": record.note,
                "consent_text": record.consent_text
                and {
                    "version": record.consent_text.version,
                    "de": record.consent_text.text_de,
                    "en": record.consent_text.text_en,
                },
            }
            for record in records
        ],
        "deliveries": [
            {
                "edition": delivery.edition.subject,
                "status": delivery.status,
                "sent_at": delivery.sent_at and delivery.sent_at.isoformat(),
            }
            for delivery in subscriber.deliveries.select_related("edition").order_by("pk")
        ],
        "open_link_tokens": subscriber.tokens.filter(used_at__isnull=True).count(),
    }


@transaction.atomic
def erase_subscriber(*, subscriber: Subscriber, by: str) -> None:
    """Delete the address with its consent log, links and deliveries (GDPR Art. 17)."""
    pk = subscriber.pk
    Subscriber.objects.filter(pk=pk).delete()
    logger.info("subscriber #%s erased on request by %s", pk, by)


def purge_unconfirmed(*, older_than: dt.timedelta | None = None) -> int:
    """Delete sign-ups never confirmed within the purge period; returns how many."""
    older_than = older_than or dt.timedelta(days=settings.CITYPARTNERS_NEWSLETTER_PURGE_DAYS)
    stale = Subscriber.objects.pending().filter(
        confirmed_at__isnull=True, requested_at__lt=timezone.now() - older_than
    )
    count = stale.count()
    stale.delete()
    return count


# Editions ------------------------------------------------------------------------------


def edition_message(edition: Edition, subscriber: Subscriber, *, sections=None, connection=None):
    """The mail of `edition` for `subscriber`: their language, their sections, list headers."""
    language = subscriber.language
    sections = queries.sections_of(edition) if sections is None else sections
    partnership_ids = {p.pk for p in subscriber.partnerships.all()}
    topic_ids = {t.pk for t in subscriber.topics.all()}
    chosen = [
        s
        for s in sections
        if queries.section_matches(s, partnership_ids=partnership_ids, topic_ids=topic_ids)
    ]
    unsubscribe_url = links.unsubscribe_url(subscriber.public_id, language)
    unsubscribe = f"<{unsubscribe_url}>"
    if settings.CITYPARTNERS_NEWSLETTER_UNSUBSCRIBE_MAILTO:
        mailto = settings.CITYPARTNERS_NEWSLETTER_UNSUBSCRIBE_MAILTO
        unsubscribe += f", <mailto:{mailto}?subject=unsubscribe>"
    list_id = links.list_id()
    return build_email(
        "newsletter/email/edition",
        language=language,
        context={
            "subject": getattr(edition, f"subject_{language}") or edition.subject,
            "body": getattr(edition, f"body_{language}") or edition.body,
            "sections": [
                {
                    "title": getattr(s, f"title_{language}") or s.title,
                    "body": getattr(s, f"body_{language}") or s.body,
                    "partnership": s.partnership,
                }
                for s in chosen
            ],
            "unsubscribe_url": unsubscribe_url,
            "preferences_url": links.preferences_url(subscriber.public_id, language),
            "language": language,
        },
        to=subscriber.email,
        headers={
            "List-Id": f"<{list_id}>",
            "List-Unsubscribe": unsubscribe,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Precedence": "bulk",
            "Message-ID": f"<edition-{edition.pk}.{subscriber.public_id}@{list_id}>",
        },
        connection=connection,
    )


def send_test(*, edition: Edition, email: str) -> list[str]:
    """Send the edition to `email` once per language, marked as a test; returns the languages."""
    sent = []
    for language, _name in settings.LANGUAGES:
        message = edition_message(edition, TestRecipient(email=email, language=language))
        message.subject = f"[TEST] {message.subject}"
        message.send()
        sent.append(language)
    return sent


class _NoInterests:
    def all(self) -> list:
        return []


class TestRecipient:
    """A stand-in recipient for test mails: every section; its links name nobody."""

    partnerships = _NoInterests()
    topics = _NoInterests()

    def __init__(self, *, email: str, language: str) -> None:
        self.email = email
        self.language = language
        self.public_id = uuid.uuid4()


@transaction.atomic
def send_edition(*, edition: Edition, by: str = "") -> int:
    """Create one delivery per recipient and queue them in batches; returns the recipients."""
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if edition.status != EditionStatus.DRAFT:
        raise EditionNotDraft(f"edition {edition.pk} is {edition.status}")
    edition.full_clean()
    recipient_ids = list(queries.recipients_of(edition).order_by("pk").values_list("pk", flat=True))
    Delivery.objects.bulk_create(
        [Delivery(edition=edition, subscriber_id=pk) for pk in recipient_ids],
        batch_size=1000,
        ignore_conflicts=True,
    )
    now = timezone.now()
    edition.status = EditionStatus.SENDING
    edition.sending_at = now
    delivery_ids = list(edition.deliveries.order_by("pk").values_list("pk", flat=True))
    if not delivery_ids:
        edition.status = EditionStatus.SENT
        edition.sent_at = now
    edition.save()
    size = settings.CITYPARTNERS_NEWSLETTER_BATCH_SIZE
    ids = iter(delivery_ids)
    while batch := list(islice(ids, size)):
        enqueue(
            "citypartners.newsletter.tasks.send_deliveries", edition=edition.pk, deliveries=batch
        )
    logger.info("edition %s queued for %d recipients by %s", edition.pk, len(delivery_ids), by)
    return len(delivery_ids)


def _deliver(delivery_id: int, *, sections, connection) -> DeliveryStatus:
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update()
            .select_related("edition", "subscriber")
            .get(pk=delivery_id)
        )
        if delivery.status != DeliveryStatus.PENDING:
            return delivery.status
        if delivery.subscriber.status != SubscriberStatus.CONFIRMED:
            delivery.status = DeliveryStatus.SKIPPED
            delivery.save(update_fields=["status"])
            return delivery.status
        delivery.attempts += 1
        try:
            edition_message(
                delivery.edition, delivery.subscriber, sections=sections, connection=connection
            ).send()
        except Exception as error:
            connection.close()
            delivery.last_error = describe(error)
            limit = settings.CITYPARTNERS_NEWSLETTER_MAX_ATTEMPTS
            if is_temporary(error) and delivery.attempts < limit:
                delivery.save(update_fields=["attempts", "last_error"])
                return DeliveryStatus.PENDING
            delivery.status = DeliveryStatus.FAILED
            delivery.save(update_fields=["attempts", "last_error", "status"])
            return delivery.status
        delivery.status = DeliveryStatus.SENT
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
        delivery.save(update_fields=["attempts", "last_error", "status", "sent_at"])
        return delivery.status


def send_deliveries(*, edition_id: int, delivery_ids: list[int]) -> dict[str, int]:
    """Send a batch over one SMTP connection; retry later if any failed temporarily."""
    edition = Edition.objects.get(pk=edition_id)
    sections = queries.sections_of(edition)
    outcome: dict[str, int] = {}
    connection = get_connection()
    try:
        for pk in delivery_ids:
            status = _deliver(pk, sections=sections, connection=connection)
            outcome[status] = outcome.get(status, 0) + 1
    finally:
        connection.close()
    finish_edition_if_done(edition=edition)
    if outcome.get(DeliveryStatus.PENDING):
        raise Retry(f"{outcome[DeliveryStatus.PENDING]} mail(s) failed temporarily")
    return outcome


def finish_edition_if_done(*, edition: Edition) -> bool:
    """Mark a sending edition sent once no delivery is waiting any more."""
    if edition.deliveries.pending().exists():
        return False
    return bool(
        Edition.objects.filter(pk=edition.pk, status=EditionStatus.SENDING).update(
            status=EditionStatus.SENT, sent_at=timezone.now()
        )
    )
