"""BarrierReport: a visitor's report of a barrier on the site.

Why: BITV 2.0 (§ 7 Abs. 1 Nr. 2) requires a public body's site to offer a way to report
barriers, and the office must answer within a set time; the statement on accessibility links
here. A report is stored (so none is lost when mail fails) and the office is told by e-mail.
We keep only what the visitor typed and the page language: no IP address, no browser string.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from citypartners.core.models import TimeStampedModel
from citypartners.feedback.enums import ReportStatus


class BarrierReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=[ReportStatus.NEW, ReportStatus.IN_PROGRESS])


class BarrierReport(TimeStampedModel):
    """A reported barrier: where, what, and how to answer (if the visitor wants an answer)."""

    page_url = models.CharField(_("page"), max_length=500, blank=True)
    description = models.TextField(_("description of the barrier"), max_length=5000)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    office_note = models.TextField(_("note of the office"), blank=True)
    notified_at = models.DateTimeField(_("office notified"), null=True, blank=True)

    objects = BarrierReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("barrier report")
        verbose_name_plural = _("barrier reports")
        indexes = [models.Index(fields=["status", "created_at"], name="barrier_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(language__in=["de", "en"]), name="barrier_language_known"
            )
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.page_url or '–'}"
