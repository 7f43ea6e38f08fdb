"""Source and Claim: where each fact comes from.

A `Source` is a document the registry learned from: an official page, an announcement or a press
report, with its language, address, dates and a content hash when we hold the text. A `Claim` is
one fact a source states (a partner, a date, a count, an organisation) with the exact span of
text it came from, compared with the registry and reviewed by an editor.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from citypartners.core.fields import PartialDateField
from citypartners.core.models import TimeStampedModel
from citypartners.sources.enums import Comparison, ReviewStatus, SourceKind


class SourceQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def newest_first(self):
        return self.order_by(models.F("published_on").desc(nulls_last=True), "key")


class Source(TimeStampedModel):
    """A document the registry learned from."""

    key = models.SlugField(_("key"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=8)
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    published_on = PartialDateField(_("published"))
    retrieved_on = PartialDateField(_("retrieved"))
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256 of the content"), max_length=64, blank=True, db_index=True)
    text = models.TextField(_("decoded text"), blank=True)
    note = models.TextField(_("note"), blank=True)
    copy = models.FileField(
        _("uploaded copy"),
        upload_to="sources/%Y/%m/",
        blank=True,
        help_text=_(
            "A copy of the document as it was published, kept in case the address changes."
        ),
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Shown on the public site, in the API and in the open data. An uploaded source stays "
            "private until a reviewer accepts a claim from it or publishes it."
        ),
    )

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(
                fields=["sha256"], condition=~models.Q(sha256=""), name="source_unique_content"
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=["de", "en", "es", "fr", "pl", "uk", "other"]),
                name="source_language_known",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def html_lang(self) -> str:
        """The language as an HTML ``lang`` value: empty (language unknown) for a source in
        "another language", which is no language tag and fails every checker of ``lang``."""
        return "" if self.language in ("", "other") else self.language


class Claim(TimeStampedModel):
    """One fact a source states, with the span of text it came from."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="claims")
    subject = models.CharField(_("subject"), max_length=200)
    property = models.CharField(_("property"), max_length=60)
    value = models.JSONField(_("value"), default=dict, blank=True)
    evidence_start = models.PositiveIntegerField(_("evidence start"))
    evidence_end = models.PositiveIntegerField(_("evidence end"))
    evidence_text = models.TextField(_("evidence"))
    comparison = models.CharField(
        _("compared with the registry"),
        max_length=12,
        choices=Comparison.choices,
        default=Comparison.NEW,
    )
    comparison_note = models.TextField(_("comparison note"), blank=True)
    review_status = models.CharField(
        _("review"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    class Meta:
        ordering = ["source", "evidence_start", "property"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "property", "subject", "evidence_start"], name="claim_unique_fact"
            ),
            models.CheckConstraint(
                condition=models.Q(evidence_end__gte=models.F("evidence_start")),
                name="claim_span_ordered",
            ),
            models.CheckConstraint(
                condition=~models.Q(review_status="rejected") | ~models.Q(rejection_reason=""),
                name="claim_rejection_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["review_status", "comparison"], name="claim_review_idx")]

    def __str__(self) -> str:
        return f"{self.subject}: {self.property}"
