"""Fragments: parts of pages kept under the registry version for answers made by Django."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citypartners.pagecache.fragments import cached_fragment
from citypartners.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    settings.CITYPARTNERS_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def _home(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/en/", HTTP_COOKIE="sessionid=x").content.decode()
    return html, len(queries)


def test_home_page_partner_figures_are_built_once_per_registry_version(client):
    first, first_queries = _home(client)
    second, second_queries = _home(client)
    assert second == first
    assert second_queries < first_queries
    paris = Partnership.objects.get(slug="berlin-paris")
    paris.partner.name_en = "Lutetia"
    paris.partner.save()
    after, after_queries = _home(client)
    assert "Lutetia" in after and after_queries == first_queries


def test_each_language_and_vary_value_has_its_own_fragment():
    built = []

    def build():
        built.append(1)
        return len(built)

    from django.utils import translation

    with translation.override("de"):
        assert cached_fragment("probe", build, 1) == 1
        assert cached_fragment("probe", build, 1) == 1
        assert cached_fragment("probe", build, 2) == 2
    with translation.override("en"):
        assert cached_fragment("probe", build, 1) == 3


def test_switched_off_the_fragment_is_built_each_time(settings):
    settings.CITYPARTNERS_PAGE_CACHE_SECONDS = 0
    built = []
    for _ in range(2):
        cached_fragment("probe", lambda: built.append(1))
    assert len(built) == 2
