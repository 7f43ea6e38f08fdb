"""A municipality's search for a partner, and the messages others send in answer.

A home posts what partner it seeks (where, what size, which topics and languages, what it
offers); the post is public for a year and disappears unless its editors renew it. Answers go
through the site: a message is stored until the worker has mailed it to the post's owner and
then deleted, so no visitor ever sees an address and the site keeps no correspondence.

Regions and languages are short code lists kept as delimited text (",EU,AS,"), which both
SQLite and PostgreSQL search with one indexed-free LIKE; countries and topics are real
many-to-many links because they point at rows of the registry.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citypartners.core.models import TimeStampedModel
from citypartners.messaging.models import RelayedMessage
from citypartners.partnersearch.enums import SizeBand, language_choices
from citypartners.places.continents import Continent

CODE_LIST = r"^(,[a-zA-Z]{2})*,?$"


def join_codes(codes) -> str:
    """Store a list of codes as ",EU,AS," (empty list: empty text)."""
    cleaned = sorted({code.strip() for code in codes if code.strip()})
    return f",{','.join(cleaned)}," if cleaned else ""


def split_codes(text: str) -> list[str]:
    return [code for code in text.split(",") if code]


class PartnerSearchQuerySet(models.QuerySet):
    def current(self, today: dt.date):
        """Posts the public sees: not expired on `today`."""
        return self.filter(expires_on__gte=today)

    def expired(self, today: dt.date):
        return self.filter(expires_on__lt=today)

    def to_remind(self, today: dt.date, *, ahead: dt.timedelta):
        """Current posts that expire within `ahead` and whose owner was not told yet."""
        return self.current(today).filter(expires_on__lte=today + ahead, reminded_on=None)


class PartnerSearch(TimeStampedModel):
    """A home's public call for a partner, valid for a year unless renewed."""

    place = models.ForeignKey(
        "places.Place",
        on_delete=models.PROTECT,
        related_name="partner_searches",
        verbose_name=_("municipality seeking a partner"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_searches",
        verbose_name=_("answers go to"),
    )
    language = models.CharField(
        _("language of the post"), max_length=2, choices=settings.LANGUAGES, default="de"
    )
    title = models.CharField(_("title"), max_length=200)
    regions = models.CharField(_("regions"), max_length=40, blank=True)
    countries = models.ManyToManyField(
        "places.Place",
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "country"},
        verbose_name=_("countries"),
    )
    size = models.CharField(
        _("size of the partner sought"), max_length=10, choices=SizeBand.choices, blank=True
    )
    topics = models.ManyToManyField(
        "partnerships.Topic", blank=True, related_name="partner_searches", verbose_name=_("topics")
    )
    languages = models.CharField(_("working languages"), max_length=120, blank=True)
    offers = models.TextField(_("what we offer"), max_length=3000)
    description = models.TextField(_("more about the search"), max_length=5000, blank=True)
    expires_on = models.DateField(_("visible until"))
    reminded_on = models.DateField(_("reminder sent on"), null=True, blank=True, editable=False)

    objects = PartnerSearchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("partner search")
        verbose_name_plural = _("partner searches")
        constraints = [
            models.CheckConstraint(
                condition=Q(regions__regex=CODE_LIST), name="partnersearch_regions_codes"
            ),
            models.CheckConstraint(
                condition=Q(languages__regex=CODE_LIST), name="partnersearch_languages_codes"
            ),
        ]
        indexes = [models.Index(fields=["expires_on"], name="partnersearch_expires_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def region_codes(self) -> list[str]:
        return split_codes(self.regions)

    @property
    def language_codes(self) -> list[str]:
        return split_codes(self.languages)

    @property
    def where_text(self) -> str:
        """The regions and countries named, in the active language ("anywhere" if none)."""
        names = [
            str(Continent(code).label) for code in self.region_codes if code in Continent.values
        ]
        names += sorted(place.name for place in self.countries.all())
        return ", ".join(names) if names else str(_("anywhere"))

    @property
    def language_names(self) -> str:
        codes = set(self.language_codes)
        return ", ".join(name for code, name in language_choices() if code in codes)


class PartnerSearchMessage(RelayedMessage):
    """An answer to a post, held until the worker has mailed it to the post's owner."""

    search = models.ForeignKey(PartnerSearch, on_delete=models.CASCADE, related_name="messages")
    organisation = models.CharField(_("municipality or organisation"), max_length=300)

    class Meta(RelayedMessage.Meta):
        verbose_name = _("answer to a partner search")
        verbose_name_plural = _("answers to partner searches")

    def __str__(self) -> str:
        return f"{self.organisation} → {self.search}"
