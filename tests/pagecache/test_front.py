"""The page cache, end to end through the WSGI application: what it answers, and when not."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re

import pytest
from django.core.cache import cache

from citypartners.newsletter.models import Subscriber
from citypartners.opendata import versioning
from citypartners.pagecache import entries
from citypartners.partnerships.models import Partnership
from tests.newsletter.helpers import signup_form

pytestmark = pytest.mark.django_db

HOME = "/en/"
PARIS = "/en/partnerships/berlin-paris/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


def test_second_request_is_answered_from_the_cache_exactly_as_django_answered(browser):
    first = browser.request(HOME)
    second = browser.request(HOME)
    assert (first.status, first.header("X-Page-Cache")) == (200, "miss")
    assert (second.status, second.header("X-Page-Cache")) == (200, "hit")
    assert second.body == first.body
    for name in ("Content-Security-Policy", "Strict-Transport-Security", "Content-Type", "ETag"):
        assert second.header(name) == first.header(name)
    assert second.header("Content-Length") == str(len(second.body))
    assert second.cookies() == []


def test_an_edit_makes_the_next_request_build_the_page_again(browser):
    assert "Paris" in browser.request(HOME).text
    assert browser.request(HOME).header("X-Page-Cache") == "hit"
    paris = Partnership.objects.get(slug="berlin-paris")
    paris.partner.name_en = "Lutetia"
    paris.partner.save()
    after = browser.request(HOME)
    assert after.header("X-Page-Cache") == "miss"
    assert "Lutetia" in after.text


def test_a_new_day_builds_the_page_again(browser, monkeypatch):
    browser.request(HOME)
    assert browser.request(HOME).header("X-Page-Cache") == "hit"
    tomorrow = entries.today() + dt.timedelta(days=1)
    monkeypatch.setattr(entries, "today", lambda: tomorrow)
    assert browser.request(HOME).header("X-Page-Cache") == "miss"


def test_matching_etag_gets_304_without_a_body(browser):
    etag = browser.request(HOME).header("ETag")
    answer = browser.request(HOME, headers={"If-None-Match": etag})
    assert (answer.status, answer.body, answer.header("ETag")) == (304, b"", etag)
    assert browser.request(HOME, headers={"If-None-Match": '"other"'}).status == 200


def test_head_gets_the_headers_only(browser):
    browser.request(HOME)
    answer = browser.request(HOME, method="HEAD")
    assert (answer.status, answer.body, answer.header("X-Page-Cache")) == (200, b"", "hit")


@pytest.mark.parametrize("cookie", ["sessionid=abc", "messages=xyz", "a=1; sessionid=abc"])
def test_a_personal_cookie_always_goes_to_django(browser, cookie):
    browser.request(HOME)
    answer = browser.request(HOME, headers={"Cookie": cookie})
    assert answer.status == 200
    assert answer.header("X-Page-Cache") is None


def test_a_csrf_cookie_alone_is_not_personal(browser):
    browser.request(HOME)
    answer = browser.request(HOME, headers={"Cookie": "csrftoken=abc; theme=dark"})
    assert answer.header("X-Page-Cache") == "hit"


@pytest.mark.parametrize("path", ["/en/newsletter/", "/en/report-a-barrier/", "/backoffice/"])
def test_pages_that_did_not_opt_in_are_never_kept(browser, path):
    for _ in range(2):
        answer = browser.request(path)
        assert answer.header("X-Page-Cache") is None


def test_query_strings_are_pages_of_their_own_in_any_order(browser):
    browser.request("/en/search/", query="q=Paris&x=1")
    assert browser.request("/en/search/", query="x=1&q=Paris").header("X-Page-Cache") == "hit"
    other = browser.request("/en/search/", query="q=Tokyo")
    assert other.header("X-Page-Cache") == "miss"
    assert "Tokyo" in other.text


def test_switched_off_nothing_is_kept(browser, settings):
    settings.CITYPARTNERS_PAGE_CACHE_SECONDS = 0
    browser.request(HOME)
    assert browser.request(HOME).header("X-Page-Cache") is None


def test_a_broken_cache_leaves_the_answer_to_django(browser, monkeypatch):
    browser.request(HOME)

    def broken(*args, **kwargs):
        raise ConnectionError("cache server away")

    monkeypatch.setattr(cache, "get_many", broken)
    answer = browser.request(HOME)
    assert (answer.status, answer.header("X-Page-Cache")) == (200, "miss")


def test_each_visitor_of_a_cached_form_page_gets_an_own_token_and_cookie(browser):
    first = browser.request(PARIS)
    second = browser.request(PARIS)
    assert second.header("X-Page-Cache") == "hit"
    assert second.header("Cache-Control") == first.header("Cache-Control")
    assert "private" in second.header("Cache-Control")
    assert second.header("ETag") is None
    assert entries.CSRF_PLACEHOLDER.decode() not in second.text
    tokens = {TOKEN.search(answer.text).group(1) for answer in (first, second)}
    assert len(tokens) == 2

    # The cookie carries the attributes Django gave it on the uncached answer.
    def attributes(cookie: str) -> set[str]:
        return {part.strip().split("=")[0] for part in cookie.split(";")[1:]}

    cookie = second.cookies()[0]
    assert cookie.startswith("csrftoken=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert attributes(cookie) == attributes(first.cookies()[0])
    # Apart from the token the two answers are the same page.
    assert TOKEN.sub("", first.text) == TOKEN.sub("", second.text)


def _subscribe(browser, *, token: str, cookie: str):
    return browser.request(
        "/en/newsletter/",
        method="POST",
        headers={"Cookie": cookie, "Referer": "http://testserver" + PARIS},
        form={"csrfmiddlewaretoken": token, **signup_form("reader@example.org")},
    )


def test_the_form_on_a_cached_page_can_be_sent(browser):
    browser.request(PARIS)
    cached = browser.request(PARIS)
    assert cached.header("X-Page-Cache") == "hit"
    cookie = cached.cookies()[0].split(";")[0].strip()
    answer = _subscribe(browser, token=TOKEN.search(cached.text).group(1), cookie=cookie)
    assert answer.status == 302
    assert Subscriber.objects.filter(email="reader@example.org").exists()


def test_a_returning_visitor_keeps_the_cookie_and_a_token_for_it(browser):
    first = browser.request(PARIS)
    cookie = first.cookies()[0].split(";")[0].strip()
    again = browser.request(PARIS, headers={"Cookie": cookie})
    assert again.header("X-Page-Cache") == "hit"
    assert again.cookies()[0].split(";")[0].strip() == cookie
    answer = _subscribe(browser, token=TOKEN.search(again.text).group(1), cookie=cookie)
    assert answer.status == 302


def test_a_token_from_someone_elses_cached_page_is_refused(browser):
    theirs = browser.request(PARIS)
    mine = browser.request(PARIS)
    my_cookie = mine.cookies()[0].split(";")[0].strip()
    answer = _subscribe(browser, token=TOKEN.search(theirs.text).group(1), cookie=my_cookie)
    assert answer.status == 403
    assert not Subscriber.objects.filter(email="reader@example.org").exists()


@pytest.fixture
def shared_cache(browser, settings):
    """Redis as the cache, as in production: the registry version is read from it too."""
    redis = pytest.importorskip("redis")
    settings.CACHES = {
        "default": {
            "BACKEND": "citypartners.opendata.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/13",
            "KEY_PREFIX": "pagecache-test",
        }
    }
    try:
        cache.clear()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    yield
    cache.clear()


def test_with_redis_a_hit_costs_no_sql_and_an_edit_still_shows_at_once(
    browser, shared_cache, django_assert_num_queries, django_capture_on_commit_callbacks
):
    browser.request(HOME)
    # What any request outside a transaction leaves in the cache (tests run inside one).
    version = versioning.current_version()
    cache.set(versioning.CACHE_KEY, (version.number, version.changed_at), timeout=5)
    with django_assert_num_queries(0):
        assert browser.request(HOME).header("X-Page-Cache") == "hit"
    paris = Partnership.objects.get(slug="berlin-paris")
    with django_capture_on_commit_callbacks(execute=True):
        paris.partner.name_en = "Lutetia"
        paris.partner.save()
    after = browser.request(HOME)
    assert after.header("X-Page-Cache") == "miss"
    assert "Lutetia" in after.text


def test_an_edit_made_while_a_page_is_built_is_not_hidden_by_it(browser, monkeypatch):
    from citypartners.sources.models import Source
    from citypartners.web import views

    original = views.queries.partner_cities

    def edited_meanwhile(home):
        rows = original(home)
        Source.objects.first().save()  # another editor's change commits while the page is made
        return rows

    monkeypatch.setattr(views.queries, "partner_cities", edited_meanwhile)
    browser.request(HOME)
    monkeypatch.undo()
    assert browser.request(HOME).header("X-Page-Cache") == "miss"
    assert browser.request(HOME).header("X-Page-Cache") == "hit"


def test_visitors_accepting_gzip_get_the_same_page_compressed(browser):
    plain = browser.request(HOME)
    packed = browser.request(HOME, headers={"Accept-Encoding": "br, gzip;q=0.9"})
    assert packed.header("X-Page-Cache") == "hit"
    assert packed.header("Content-Encoding") == "gzip"
    assert gzip.decompress(packed.body) == plain.body
    assert len(packed.body) < len(plain.body) / 3
    assert "Accept-Encoding" in packed.header("Vary")
    assert packed.header("ETag") != plain.header("ETag")
    again = browser.request(
        HOME, headers={"Accept-Encoding": "gzip", "If-None-Match": packed.header("ETag")}
    )
    assert again.status == 304


def test_pages_with_a_token_are_compressed_around_an_uncompressed_token(browser):
    browser.request(PARIS)
    answers = [browser.request(PARIS, headers={"Accept-Encoding": "gzip"}) for _ in range(2)]
    pages = [gzip.decompress(answer.body).decode() for answer in answers]
    tokens = [TOKEN.search(page).group(1) for page in pages]
    assert all(answer.header("Content-Encoding") == "gzip" for answer in answers)
    assert tokens[0] != tokens[1]
    assert TOKEN.sub("", pages[0]) == TOKEN.sub("", pages[1])
    # The token is stored as it is, so the answer's length tells nothing about it (BREACH).
    assert all(token.encode() in answer.body for token, answer in zip(tokens, answers, strict=True))
    assert len(answers[0].body) == len(answers[1].body)
    cookie = answers[1].cookies()[0].split(";")[0].strip()
    sent = _subscribe(browser, token=tokens[1], cookie=cookie)
    assert sent.status == 302


def test_a_worker_trusts_the_version_it_read_for_a_second(browser, settings, monkeypatch):
    from citypartners.pagecache import front

    settings.CITYPARTNERS_PAGE_CACHE_VERSION_SECONDS = 1
    now = [1000.0]
    monkeypatch.setattr(front.time, "monotonic", lambda: now[0])
    browser.request(HOME)
    assert browser.request(HOME).header("X-Page-Cache") == "hit"
    paris = Partnership.objects.get(slug="berlin-paris")
    paris.partner.name_en = "Lutetia"
    paris.partner.save()
    # Within the second the page before the edit may still be shown...
    now[0] += 0.5
    assert "Lutetia" not in browser.request(HOME).text
    # ...after it, never.
    now[0] += 0.6
    after = browser.request(HOME)
    assert after.header("X-Page-Cache") == "miss" and "Lutetia" in after.text
    # A logged-in editor sees the change at once in any case.
    assert "Lutetia" in browser.request(HOME, headers={"Cookie": "sessionid=x"}).text


def test_a_new_release_never_serves_the_pages_of_the_one_before(browser, monkeypatch):
    browser.request(HOME)
    assert browser.request(HOME).header("X-Page-Cache") == "hit"
    monkeypatch.setattr(entries, "release", lambda: "next-release")
    assert browser.request(HOME).header("X-Page-Cache") == "miss"


def test_the_release_fingerprint_follows_the_code_and_templates():
    first = entries.release()
    assert first == entries.release() and len(first) == 12
    entries.release.cache_clear()
    template = next(
        (entries.Path(entries.__file__).parent.parent / "web" / "templates").rglob("*.html")
    )
    stat = template.stat()
    try:
        os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert entries.release() != first
    finally:
        os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        entries.release.cache_clear()
    assert entries.release() == first
