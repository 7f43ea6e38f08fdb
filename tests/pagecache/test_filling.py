"""Nobody can fill the page cache, and cached pages obey HTTPS (issue 13).

300 requests to `/de/?utm=junkN` stored 300 entries; public pages had no rate limit; and a
cached page answered 200 over plain HTTP where Django would have redirected to HTTPS.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler

from citypartners.pagecache import entries
from citypartners.pagecache.front import PageCacheApp
from tests.pagecache.conftest import Browser
from tests.urls import url

pytestmark = pytest.mark.django_db

HOME = "/de/"


def _page_entries() -> int:
    return sum(1 for key in cache._cache if entries.KEY_PREFIX in key)


def test_unread_query_parameters_do_not_make_new_entries(browser):
    answers = [browser.request(HOME, query=f"utm=junk{n}") for n in range(30)]
    assert [a.status for a in answers] == [200] * 30
    assert [a.header("X-Page-Cache") for a in answers[:3]] == ["miss", "hit", "hit"]
    assert _page_entries() == 1
    assert "junk" not in answers[0].text  # no link on the page carries the made-up parameter


def test_parameters_a_page_reads_still_count(browser):
    search = url("web:search", "en")
    first = browser.request(search, query="q=paris&utm=1")
    other = browser.request(search, query="q=mexico&utm=2")
    again = browser.request(search, query="utm=3&q=paris")
    assert (first.header("X-Page-Cache"), other.header("X-Page-Cache")) == ("miss", "miss")
    assert again.header("X-Page-Cache") == "hit"
    assert again.body == first.body


def test_pages_made_per_client_are_rate_limited_and_cache_hits_are_not(browser, settings):
    settings.CITYPARTNERS_PAGE_RATE_LIMIT = 3
    search = url("web:search", "en")
    made = [browser.request(search, query=f"q=word{n}").status for n in range(5)]
    assert made == [200, 200, 200, 429, 429]
    limited = browser.request(search, query="q=word9")
    assert limited.header("Retry-After") and limited.header("X-Page-Cache") is None
    assert "Many pages were asked for" in limited.text
    other_client = browser.request(search, query="q=word9", headers={}, remote="192.0.2.50")
    assert other_client.status == 200
    hits = [browser.request(search, query="q=word0").status for _ in range(10)]
    assert hits == [200] * 10


def test_cached_pages_redirect_to_https_like_django(browser, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    browser = Browser(PageCacheApp(WSGIHandler()))  # Django's middleware reads them at start
    secure = {"X-Forwarded-Proto": "https"}
    assert browser.request(HOME, headers=secure).header("X-Page-Cache") == "miss"
    assert browser.request(HOME, headers=secure).header("X-Page-Cache") == "hit"
    plain = browser.request(HOME)
    assert plain.status == 301
    assert plain.header("Location") == "https://testserver/de/"
