"""The sitemap: every public page in both languages, each with its hreflang alternates.

`/sitemap.xml` is a sitemap index naming one file per section and page
(`/sitemap-partnerships.xml?p=2`), so a national register of 50,000 partnerships is listed
whole: one file holds at most `CITYPARTNERS_SITEMAP_URLS_PER_FILE` addresses (the protocol's
limit is 50,000), and each partnership counts once per language.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from citypartners.partnersearch.models import PartnerSearch
from citypartners.partnerships.models import Partnership
from citypartners.sources.models import Source


class _Paged(Sitemap):
    @property
    def limit(self) -> int:  # addresses per file (each language's counts)
        return settings.CITYPARTNERS_SITEMAP_URLS_PER_FILE


class _Bilingual(_Paged):
    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(_Bilingual):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return [
            "web:home",
            "pages:activities",
            "web:sources",
            "web:contact",
            "pages:accessibility",
            "pages:report_barrier",
            "pages:sign_language",
            "web:imprint",
            "web:privacy",
            "newsletter:subscribe",
            "network:overview",
            "network:propose",
            "opendata:page",
            "national:overview",
            "partnersearch:list",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class GermanOnlySitemap(_Paged):
    """Pages that exist in one language only (Leichte Sprache is German by nature)."""

    i18n = True
    languages = ["de"]

    def items(self) -> list[str]:
        return ["pages:easy_read"]

    def location(self, item: str) -> str:
        return reverse(item)


class PartnershipSitemap(_Bilingual):
    changefreq = "weekly"

    def items(self):
        return Partnership.objects.published().order_by("slug")

    def location(self, item: Partnership) -> str:
        return reverse("web:partnership", args=[item.slug])

    def lastmod(self, item: Partnership):
        return item.modified_at


class SourceSitemap(_Bilingual):
    changefreq = "monthly"

    def items(self):
        return Source.objects.public().order_by("key")

    def location(self, item: Source) -> str:
        return reverse("web:source", args=[item.key])

    def lastmod(self, item: Source):
        return item.modified_at


class PartnershipNetworkSitemap(_Bilingual):
    """The network page of each published partnership (who is active in it)."""

    changefreq = "weekly"

    def items(self):
        return Partnership.objects.published().order_by("slug")

    def location(self, item: Partnership) -> str:
        return reverse("network:partnership", args=[item.slug])


class PartnerSearchSitemap(_Bilingual):
    """The partner searches visible today (expired ones leave the sitemap with the list)."""

    changefreq = "weekly"

    def items(self):
        return PartnerSearch.objects.current(timezone.localdate()).order_by("pk")

    def location(self, item: PartnerSearch) -> str:
        return reverse("partnersearch:detail", args=[item.pk])

    def lastmod(self, item: PartnerSearch):
        return item.modified_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "easy-read": GermanOnlySitemap,
    "partnerships": PartnershipSitemap,
    "sources": SourceSitemap,
    "network": PartnershipNetworkSitemap,
    "partner-search": PartnerSearchSitemap,
}
