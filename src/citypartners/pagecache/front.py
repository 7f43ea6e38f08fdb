"""The WSGI application in front of Django that answers from the page cache.

For a GET or HEAD without a personal cookie it fetches the page's entry and the registry version
in one cache round trip; when the entry was made from the current version it answers at once
(with 304 when the visitor's `If-None-Match` matches), else it hands the request to Django,
whose `PageCacheMiddleware` stores the new answer. Any trouble with the cache hands the request
to Django too: the cache can make the site faster, never unavailable.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.core.handlers.wsgi import get_path_info
from django.core.signals import request_finished, request_started
from django.utils.http import parse_etags

from citypartners.opendata import versioning
from citypartners.pagecache import entries, holes
from citypartners.pagecache.middleware import STATUS_HEADER

logger = logging.getLogger(__name__)

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


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


class PageCacheApp:
    def __init__(self, django_app: WSGIApp) -> None:
        self.django_app = django_app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD") and entries.enabled():
            cookie_header = environ.get("HTTP_COOKIE", "")
            if not entries.is_personal(cookie_header):
                try:
                    answer = self._from_cache(environ, start_response, cookie_header)
                except Exception:  # never let the cache take the site down
                    logger.exception("page cache lookup failed; answering through Django")
                    answer = None
                if answer is not None:
                    return answer
        return self.django_app(environ, start_response)

    def _from_cache(self, environ: dict, start_response: Callable, cookie_header: str):
        key = entries.page_key(
            environ.get("HTTP_HOST", ""), get_path_info(environ), environ.get("QUERY_STRING", "")
        )
        found = cache.get_many([versioning.CACHE_KEY, key])
        entry = found.get(key)
        if entry is None:
            return None
        if entry.version != _current_stamp(found.get(versioning.CACHE_KEY), environ):
            return None
        headers = list(entry.headers)
        if entry.etag and self._matches(environ.get("HTTP_IF_NONE_MATCH", ""), entry.etag):
            start_response("304 Not Modified", [*_validators(headers), (STATUS_HEADER, "hit")])
            return [b""]
        body = entry.body
        if entry.csrf_hole:
            secure = environ.get("wsgi.url_scheme") == "https"
            body, cookies = holes.fill(body, cookie_header, secure=secure)
            headers += [("Set-Cookie", value) for value in cookies]
        headers += [("Content-Length", str(len(body))), (STATUS_HEADER, "hit")]
        start_response(f"{entry.status} OK", headers)
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    @staticmethod
    def _matches(if_none_match: str, etag: str) -> bool:
        return bool(if_none_match) and etag in parse_etags(if_none_match)


def _validators(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    keep = ("etag", "cache-control", "vary", "last-modified", "content-location", "expires")
    return [(name, value) for name, value in headers if name.lower() in keep]
