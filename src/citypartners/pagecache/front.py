"""The WSGI application in front of Django that answers from the page cache.

For a GET or HEAD without a personal cookie it looks for the page's entry, first in this
process's memory (`local`), then in the shared cache, and compares the entry's stamp with the
registry version (from the shared cache: one small round trip, at most once a second by
default; else the database). When they
match it answers at once, compressed when the visitor accepts gzip, with 304 when the visitor's
`If-None-Match` matches; otherwise it hands the request to Django, whose `PageCacheMiddleware`
stores the new answer. Any trouble with the cache hands the request to Django too: the cache
can make the site faster, never unavailable.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import get_path_info
from django.core.signals import request_finished, request_started
from django.middleware.gzip import re_accepts_gzip
from django.utils.http import parse_etags

from citypartners.opendata import versioning
from citypartners.pagecache import compression, entries, holes
from citypartners.pagecache.local import LocalEntries
from citypartners.pagecache.middleware import STATUS_HEADER

logger = logging.getLogger(__name__)

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]
# Headers a 304 repeats from the full answer (RFC 9110, 15.4.5).
VALIDATOR_HEADERS = ("etag", "cache-control", "vary", "last-modified", "content-location")


def _current_stamp(cached: object, environ: dict) -> tuple:
    """The registry version as stored in entries: from the shared cache, else the database.

    Reading the database is wrapped in the request signals, as in Django's own handler, so the
    connection is looked after (closed when broken or too old) the same way.
    """
    if cached is not None:
        return tuple(cached)
    request_started.send(sender=PageCacheApp, environ=environ)
    try:
        version = versioning.current_version()
    finally:
        request_finished.send(sender=PageCacheApp)
    return (version.number, version.changed_at)


def _must_redirect_to_https(environ: dict) -> bool:
    """True when Django's SecurityMiddleware would redirect this request to HTTPS: then the
    cache must not answer it, or a cached page would be served over plain HTTP."""
    if not settings.SECURE_SSL_REDIRECT:
        return False
    if environ.get("wsgi.url_scheme") == "https":
        return False
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header:
        header, secure_value = proxy_header
        forwarded = environ.get(header, "")
        if forwarded and forwarded.split(",")[0].strip() == secure_value:
            return False
    return True


class PageCacheApp:
    def __init__(self, django_app: WSGIApp) -> None:
        self.django_app = django_app
        self.local = LocalEntries(settings.CITYPARTNERS_PAGE_CACHE_LOCAL_BYTES)
        self._known_version: tuple[tuple, float] = ((), 0.0)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if (
            environ.get("REQUEST_METHOD") in ("GET", "HEAD")
            and entries.enabled()
            and not _must_redirect_to_https(environ)
        ):
            cookie_header = environ.get("HTTP_COOKIE", "")
            if not entries.is_personal(cookie_header):
                try:
                    entry = self._entry(environ)
                except Exception:  # never let the cache take the site down
                    logger.exception("page cache lookup failed; answering through Django")
                    entry = None
                if entry is not None:
                    return self._answer(entry, environ, start_response, cookie_header)
        return self.django_app(environ, start_response)

    def _entry(self, environ: dict) -> entries.Entry | None:
        """The current entry of the requested page, or None (also for a path that is no
        public page: only `@public_page` views are kept)."""
        path = get_path_info(environ)
        reads = entries.reads_of(path)
        if reads is None:
            return None
        key = entries.page_key(
            environ.get("HTTP_HOST", ""), path, environ.get("QUERY_STRING", ""), reads=reads
        )
        entry = self.local.get(key)
        if entry is not None:
            if entry.version == self._version(environ):
                return entry
            self.local.discard(key)
        found = cache.get_many([versioning.CACHE_KEY, key])
        entry = found.get(key)
        if entry is None:
            return None
        if entry.version != self._remember(
            _current_stamp(found.get(versioning.CACHE_KEY), environ)
        ):
            return None
        self.local.put(key, entry)
        return entry

    def _version(self, environ: dict) -> tuple:
        """The registry version, asked of the shared cache at most once per
        `CITYPARTNERS_PAGE_CACHE_VERSION_SECONDS` (an anonymous visitor may see a page up to
        that long after an edit; editors, logged in, never see cached pages)."""
        stamp, expires = self._known_version
        if time.monotonic() < expires:
            return stamp
        return self._remember(_current_stamp(cache.get(versioning.CACHE_KEY), environ))

    def _remember(self, stamp: tuple) -> tuple:
        lifetime = settings.CITYPARTNERS_PAGE_CACHE_VERSION_SECONDS
        self._known_version = (stamp, time.monotonic() + lifetime)
        return stamp

    def _answer(
        self, entry: entries.Entry, environ: dict, start_response: Callable, cookie_header: str
    ) -> Iterable[bytes]:
        headers = list(entry.headers)
        body, etag = entry.body, entry.etag
        gzipped = (entry.gzip_body or entry.gzip_runs) and re_accepts_gzip.search(
            environ.get("HTTP_ACCEPT_ENCODING", "")
        )
        if gzipped:
            body, etag = entry.gzip_body, entry.gzip_etag
            headers = [(k, etag if k.lower() == "etag" else v) for k, v in headers]
            headers.append(("Content-Encoding", "gzip"))
        if etag and etag in parse_etags(environ.get("HTTP_IF_NONE_MATCH", "") or '""'):
            kept = [(k, v) for k, v in headers if k.lower() in VALIDATOR_HEADERS]
            start_response("304 Not Modified", [*kept, (STATUS_HEADER, "hit")])
            return [b""]
        if entry.csrf_hole:
            token, cookies = holes.visitor_token(cookie_header)
            if gzipped:
                body = compression.join_with(entry.pieces(), entry.gzip_runs, token.encode())
            else:
                body = body.replace(entries.CSRF_PLACEHOLDER, token.encode())
            headers += [("Set-Cookie", value) for value in cookies]
        headers += [("Content-Length", str(len(body))), (STATUS_HEADER, "hit")]
        start_response(f"{entry.status} OK", headers)
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [body]
