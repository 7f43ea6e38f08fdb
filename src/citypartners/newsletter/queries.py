"""Reading the newsletter: who gets an edition, what each recipient's copy holds, progress."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from citypartners.newsletter import links
from citypartners.newsletter.enums import DeliveryStatus, TokenPurpose
from citypartners.newsletter.models import (
    ConsentText,
    Edition,
    EditionSection,
    Subscriber,
    SubscriptionToken,
)


def current_consent_text() -> ConsentText | None:
    return ConsentText.objects.current()


def sections_of(edition: Edition) -> list[EditionSection]:
    return list(edition.sections.select_related("partnership").prefetch_related("topics"))


def section_matches(
    section: EditionSection, *, partnership_ids: set[int], topic_ids: set[int]
) -> bool:
    """A section goes to everyone when it names no partnership or topic, or the subscriber
    chose none (all news); otherwise to those who chose its partnership or one of its topics."""
    section_topics = {topic.pk for topic in section.topics.all()}
    if section.partnership_id is None and not section_topics:
        return True
    if not partnership_ids and not topic_ids:
        return True
    return section.partnership_id in partnership_ids or bool(section_topics & topic_ids)


def recipients_of(edition: Edition) -> QuerySet[Subscriber]:
    """Confirmed subscribers who get at least one part of the edition."""
    subscribers = Subscriber.objects.confirmed()
    sections = sections_of(edition)
    if not sections or any(s.partnership_id is None and not s.topics.all() for s in sections):
        return subscribers
    partnership_ids = {s.partnership_id for s in sections if s.partnership_id}
    topic_ids = {t.pk for s in sections for t in s.topics.all()}
    interested = (
        Q(partnerships__isnull=True, topics__isnull=True)
        | Q(partnerships__in=partnership_ids)
        | Q(topics__in=topic_ids)
    )
    return subscribers.filter(pk__in=Subscriber.objects.filter(interested).values("pk"))


@dataclass(frozen=True)
class Progress:
    total: int
    sent: int
    failed: int
    skipped: int

    @property
    def remaining(self) -> int:
        return self.total - self.sent - self.failed - self.skipped


_PROGRESS = {
    "total": Count("deliveries"),
    "sent": Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SENT)),
    "failed": Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)),
    "skipped": Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SKIPPED)),
}


def editions_with_progress() -> QuerySet[Edition]:
    """Editions with their delivery counts, for lists (one query for any number of editions)."""
    return Edition.objects.annotate(**{f"progress_{k}": v for k, v in _PROGRESS.items()})


def progress_of(edition: Edition) -> Progress:
    """Sent / failed / remaining of an edition (from the list's annotation, else one query)."""
    if hasattr(edition, "progress_total"):
        return Progress(**{k: getattr(edition, f"progress_{k}") for k in _PROGRESS})
    return Progress(**Edition.objects.filter(pk=edition.pk).aggregate(**_PROGRESS))


def subscriber_for_link(token: str, *, salt: str) -> Subscriber | None:
    """The subscriber a signed unsubscribe or preferences link names; None if forged or gone."""
    public_id = links.unsign(token, salt=salt)
    return None if public_id is None else Subscriber.objects.filter(public_id=public_id).first()


def subscriber_for_confirmed_token(token: str) -> Subscriber | None:
    """The subscriber a just-used confirmation link belonged to (for the success page)."""
    found = (
        SubscriptionToken.objects.select_related("subscriber")
        .with_secret(token)
        .filter(purpose=TokenPurpose.CONFIRM)
        .first()
    )
    return found.subscriber if found else None
