"""Making subscribers and editions for newsletter tests, and filling in the sign-up form."""

from __future__ import annotations

import itertools

from django.urls import reverse
from django.utils import timezone, translation

from citypartners.newsletter.enums import SubscriberStatus
from citypartners.newsletter.models import ConsentText, Edition, EditionSection, Subscriber

_numbers = itertools.count(1)


def make_subscriber(
    *, email: str | None = None, language: str = "de", partnerships=(), topics=(), **fields
) -> Subscriber:
    now = timezone.now()
    values = {
        "email": email or f"reader{next(_numbers)}@example.org",
        "language": language,
        "status": SubscriberStatus.CONFIRMED,
        "consent_text": ConsentText.objects.current(),
        "requested_at": now,
        "confirmed_at": now,
    }
    values.update(fields)
    subscriber = Subscriber(**values)
    subscriber.full_clean()
    subscriber.save()
    subscriber.partnerships.set(partnerships)
    subscriber.topics.set(topics)
    return subscriber


def make_edition(*, sections=(), **fields) -> Edition:
    values = {
        "subject_de": "Neues aus den Partnerschaften",
        "subject_en": "News from the partnerships",
        "body_de": "Liebe Leserinnen und Leser,\n\nhier sind die Neuigkeiten.",
        "body_en": "Dear readers,\n\nhere is the news.",
    }
    values.update(fields)
    edition = Edition(**values)
    edition.full_clean()
    edition.save()
    for position, section in enumerate(sections):
        topics = section.pop("topics", [])
        row = EditionSection(edition=edition, position=position, **section)
        row.full_clean()
        row.save()
        row.topics.set(topics)
    return edition


def signup_url(language: str = "en") -> str:
    """The sign-up page in `language`."""
    with translation.override(language):
        return reverse("newsletter:subscribe")


def signup_form(email: str, language: str = "en", **extra: str) -> dict[str, str]:
    """A complete sign-up (current consent text agreed, honeypot empty); `extra` overrides."""
    return {
        "email": email,
        "language": language,
        "consent": "on",
        "consent_version": str(ConsentText.objects.current().version),
        "website": "",
        **extra,
    }
