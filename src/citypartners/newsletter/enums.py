"""Choices for subscribers, their consent log, editions and deliveries."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("waiting for confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    UNSUBSCRIBED = "unsubscribed", _("unsubscribed")


class ConsentEvent(models.TextChoices):
    REQUESTED = "requested", _("sign-up form sent")
    CONFIRMATION_SENT = "confirmation_sent", _("confirmation e-mail sent")
    CONFIRMED = "confirmed", _("confirmed")
    CHANGED = "changed", _("preferences changed")
    UNSUBSCRIBED = "unsubscribed", _("unsubscribed")


class ConsentChannel(models.TextChoices):
    """How an event came about: the proof of *how* consent was given or withdrawn."""

    WEB_FORM = "web_form", _("public sign-up form")
    CONFIRMATION_LINK = "confirmation_link", _("link in the confirmation e-mail")
    PREFERENCES_LINK = "preferences_link", _("signed preferences link")
    UNSUBSCRIBE_PAGE = "unsubscribe_page", _("unsubscribe page")
    ONE_CLICK = "one_click", _("one-click unsubscribe from the mail program (RFC 8058)")
    BACK_OFFICE = "back_office", _("back office")
    SYSTEM = "system", _("system")


class TokenPurpose(models.TextChoices):
    CONFIRM = "confirm", _("confirm the subscription")


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    SKIPPED = "skipped", _("skipped (unsubscribed meanwhile)")
