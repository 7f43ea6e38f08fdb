"""Subscribers, the proof of their consent, and the editions sent to them.

German law (UWG § 7, GDPR Art. 7) requires that a newsletter goes only to people who asked
for it and confirmed their address (double opt-in), and that the sender can prove it. So a
`Subscriber` stays `pending` until the link in the one confirmation mail is used; every step
is written to `ConsentRecord`, an append-only log (the database itself refuses updates, see
migration 0002) holding which `ConsentText` version was shown, when the form was sent, when
and how it was confirmed, every change and the unsubscription. Links carry secrets that are
stored only as hashes (`SubscriptionToken`). An `Edition` is written in both languages, split
into sections that may belong to a partnership or topics; each recipient gets the sections
matching their interests, in their language. `Delivery` (edition × subscriber, unique) is the
idempotency key: a delivery marked sent is never sent again, whatever happens to workers.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citypartners.messaging.link_secrets import LinkSecretQuerySet
from citypartners.newsletter.enums import (
    ConsentChannel,
    ConsentEvent,
    DeliveryStatus,
    EditionStatus,
    SubscriberStatus,
    TokenPurpose,
)


class ConsentTextQuerySet(models.QuerySet):
    def current(self):
        """The newest version, the one the sign-up form shows."""
        return self.order_by("-version").first()


class ConsentText(models.Model):
    """A version of the consent wording; a version once shown is never edited, only superseded."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    text = models.TextField(_("consent text"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ConsentTextQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")

    def __str__(self) -> str:
        return f"v{self.version}"


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=SubscriberStatus.CONFIRMED)

    def pending(self):
        return self.filter(status=SubscriberStatus.PENDING)


class Subscriber(models.Model):
    """An e-mail address with a language and the partnerships and topics it wants news of.

    No interests chosen means all news. `public_id` is what signed links name, so a link
    never carries the address or a guessable number.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    partnerships = models.ManyToManyField(
        "partnerships.Partnership", blank=True, related_name="subscribers"
    )
    topics = models.ManyToManyField("partnerships.Topic", blank=True, related_name="subscribers")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
    )
    consent_text = models.ForeignKey(
        ConsentText,
        on_delete=models.PROTECT,
        related_name="subscribers",
        verbose_name=_("consent text"),
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    requested_at = models.DateTimeField(_("last sign-up form sent"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        indexes = [models.Index(fields=["status", "requested_at"], name="subscriber_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=SubscriberStatus.CONFIRMED) | Q(confirmed_at__isnull=False),
                name="subscriber_confirmed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(email=models.functions.Lower("email")),
                name="subscriber_email_lowercase",
            ),
        ]

    def __str__(self) -> str:
        return self.email


class ConsentRecord(models.Model):
    """One entry of the append-only consent log of a subscriber."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="consent_records"
    )
    event = models.CharField(_("event"), max_length=20, choices=ConsentEvent.choices)
    channel = models.CharField(_("how"), max_length=20, choices=ConsentChannel.choices)
    at = models.DateTimeField(_("when"))
    consent_text = models.ForeignKey(
        ConsentText,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("consent text shown"),
    )
    language = models.CharField(_("language"), max_length=2, blank=True)
    interests = models.JSONField(_("partnerships and topics"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["subscriber", "at", "pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent log")
        indexes = [models.Index(fields=["subscriber", "at"], name="consent_subscriber_at_idx")]

    def __str__(self) -> str:
        return f"{self.get_event_display()} {self.at:%Y-%m-%d %H:%M}"


class SubscriptionToken(models.Model):
    """A single-use, expiring link secret; only its SHA-256 is stored."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="tokens")
    purpose = models.CharField(max_length=10, choices=TokenPurpose.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = LinkSecretQuerySet.as_manager()

    class Meta:
        verbose_name = _("link token")
        verbose_name_plural = _("link tokens")

    def __str__(self) -> str:
        return f"{self.purpose} {self.token_hash[:8]}…"


class Edition(models.Model):
    """A newsletter issue, written in both languages, sent once to every matching subscriber."""

    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("introduction"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EditionStatus.choices, default=EditionStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    modified_at = models.DateTimeField(_("changed"), auto_now=True)
    sending_at = models.DateTimeField(_("sending started"), null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("newsletter edition")
        verbose_name_plural = _("newsletter editions")

    def __str__(self) -> str:
        return self.subject

    def clean(self) -> None:
        for field in ("subject_de", "subject_en"):
            value = getattr(self, field, "") or ""
            if "\n" in value or "\r" in value:
                raise ValidationError({field: _("A subject must be one line.")})


class EditionSection(models.Model):
    """Part of an edition; with a partnership or topics it goes only to those interested."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="newsletter_sections",
        verbose_name=_("partnership"),
    )
    topics = models.ManyToManyField(
        "partnerships.Topic",
        blank=True,
        related_name="newsletter_sections",
        verbose_name=_("topics"),
    )

    class Meta:
        ordering = ["edition", "position", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title


class DeliveryQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=DeliveryStatus.PENDING)


class Delivery(models.Model):
    """One edition to one subscriber; unique, so it is sent at most once."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["edition", "subscriber"], name="delivery_once"),
            models.CheckConstraint(
                condition=~Q(status=DeliveryStatus.SENT) | Q(sent_at__isnull=False),
                name="delivery_sent_has_date",
            ),
        ]
        indexes = [models.Index(fields=["edition", "status"], name="delivery_edition_status_idx")]

    def __str__(self) -> str:
        return f"{self.edition} → {self.subscriber}"
