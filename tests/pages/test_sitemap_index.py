"""The sitemap index lists every partnership at any size, and the newsletter, network and
open-data pages (issue 13: only the first 25,000 of 50,020 partnerships were listed)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from citypartners.partnerships.models import Partnership
from tests.pages.test_views import SITEMAP_NS, sitemap_urls
from tests.urls import url

pytestmark = pytest.mark.django_db


def test_sitemap_index_names_every_page_of_every_section(client, settings):
    settings.CITYPARTNERS_SITEMAP_URLS_PER_FILE = 10  # a small file size stands in for 50,000
    published = list(Partnership.objects.published().values_list("slug", flat=True))
    assert len(published) * 2 > 10  # more than one file of partnerships
    index = ET.fromstring(client.get("/sitemap.xml").content)
    files = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert any("sitemap-partnerships.xml?p=2" in name for name in files)
    locations = {u.find("s:loc", SITEMAP_NS).text for u in sitemap_urls(client)}
    for slug in published:
        for language in ("de", "en"):
            assert "http://testserver" + url("web:partnership", language, slug) in locations


def test_sitemap_lists_the_newsletter_network_and_open_data_pages(client):
    locations = {u.find("s:loc", SITEMAP_NS).text for u in sitemap_urls(client)}
    for name in ("newsletter:subscribe", "network:overview", "opendata:page"):
        for language in ("de", "en"):
            assert "http://testserver" + url(name, language) in locations
    slug = Partnership.objects.published().order_by("slug").first().slug
    assert "http://testserver" + url("network:partnership", "en", slug) in locations
