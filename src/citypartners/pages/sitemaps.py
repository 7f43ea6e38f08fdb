"""sitemap.xml: every public page in both languages, each with its hreflang alternates."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from citypartners.partnerships.models import Partnership
from citypartners.sources.models import Source


class _Bilingual(Sitemap):
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
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class GermanOnlySitemap(Sitemap):
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


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "easy-read": GermanOnlySitemap,
    "partnerships": PartnershipSitemap,
    "sources": SourceSitemap,
}
