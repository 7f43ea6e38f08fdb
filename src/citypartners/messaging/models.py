"""The one shape of a message the public sends to someone whose address stays private.

A stakeholder writing to a listed contact (`network.ContactMessage`) and a municipality
answering a partner search (`partnersearch.PartnerSearchMessage`) are the same thing: a note
held only until the worker has mailed it to the recipient with Reply-To the sender, then
deleted (`messaging.relay`). The abstract model keeps the fields they share in one place; each
app's table stays its own (no table here, no migration).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RelayedMessage(models.Model):
    """A note from the public, held until the worker has relayed it (see `messaging.relay`)."""

    sender_name = models.CharField(_("name"), max_length=200)
    sender_email = models.EmailField(_("e-mail address"), max_length=254)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at"]
