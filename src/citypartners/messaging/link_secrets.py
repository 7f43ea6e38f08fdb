"""Single-use secrets in mailed links: a random secret in the link, only its SHA-256 stored.

The newsletter's confirmation links (`newsletter.SubscriptionToken`) and the editors'
invitations (`editors.Invitation`) work the same way: the mail carries a random secret, the
database holds only its hash (a leaked database opens nothing), and a link is looked up by
hashing what it carries. Models with a `token_hash` column take `LinkSecretQuerySet` so every
look-up hashes, and caps, the secret the same way.
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import models

# A secret from new_secret() has 43 characters; longer input is cut before it is hashed, so a
# link stuffed with megabytes costs no more than a real one.
LONGEST_SECRET = 100


def new_secret() -> tuple[str, str]:
    """(secret for the link, its SHA-256 hex digest for the database)."""
    secret = secrets.token_urlsafe(32)
    return secret, hash_secret(secret)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class LinkSecretQuerySet(models.QuerySet):
    """For models that store a link's secret as `token_hash`."""

    def with_secret(self, secret: str) -> LinkSecretQuerySet:
        """The rows the link carrying `secret` opens (at most one: secrets are random)."""
        return self.filter(token_hash=hash_secret(secret[:LONGEST_SECRET]))
