"""The links a subscriber's mails carry: confirmation, unsubscribe and preferences.

Confirmation links hold a random secret whose hash is stored (single use, expiring;
`messaging.link_secrets`).
Unsubscribe and preferences links are signed with the site's secret key
(`django.core.signing`) and name the subscriber's random `public_id`, so they keep working for
every mail already sent, cannot be forged or altered, and die when the subscriber is erased.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from citypartners.messaging.emails import absolute_url

UNSUBSCRIBE_SALT = "citypartners.newsletter.unsubscribe"
PREFERENCES_SALT = "citypartners.newsletter.preferences"


def sign(public_id: uuid.UUID, *, salt: str) -> str:
    return signing.Signer(salt=salt).sign(str(public_id))


def unsign(token: str, *, salt: str) -> uuid.UUID | None:
    """The public id a signed link names, or None when the link was altered or is not ours."""
    try:
        return uuid.UUID(signing.Signer(salt=salt).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def _url(name: str, token: str, language: str) -> str:
    with translation.override(language):
        return absolute_url(reverse(name, kwargs={"token": token}))


def confirm_url(secret: str, language: str) -> str:
    return _url("newsletter:confirm", secret, language)


def unsubscribe_url(public_id: uuid.UUID, language: str) -> str:
    return _url("newsletter:unsubscribe", sign(public_id, salt=UNSUBSCRIBE_SALT), language)


def preferences_url(public_id: uuid.UUID, language: str) -> str:
    return _url("newsletter:preferences", sign(public_id, salt=PREFERENCES_SALT), language)


def list_id() -> str:
    """The List-Id (RFC 2919): CITYPARTNERS_NEWSLETTER_LIST_ID or newsletter.<site host>."""
    return settings.CITYPARTNERS_NEWSLETTER_LIST_ID or (
        f"newsletter.{urlsplit(settings.CITYPARTNERS_BASE_URL).hostname or 'localhost'}"
    )
