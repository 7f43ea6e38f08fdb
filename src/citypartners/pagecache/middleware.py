"""Keeps opted-in public pages in the cache for `front.PageCacheApp` to answer from.

It sits first in `MIDDLEWARE`, so it stores the response exactly as Django finished it, with
every security header. A page is kept only when nothing on it can belong to one visitor: an
anonymous GET answered 200 by a `@public_page` view, no personal cookie in the request, and no
cookie set in the answer but the CSRF cookie of a form whose token was left as a hole.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponseBase, StreamingHttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from citypartners.pagecache import compression, entries, holes
from citypartners.pagecache.decorators import READS_ATTRIBUTE, RESPONSE_ATTRIBUTE

STATUS_HEADER = "X-Page-Cache"
# Made again for each answer: cookies per visitor, the length once the token is filled in.
UNSTORED_HEADERS = ("set-cookie", "content-length", STATUS_HEADER.lower())


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    return (
        entries.enabled()
        and request.method in ("GET", "HEAD")
        and response.status_code == 200
        and getattr(response, RESPONSE_ATTRIBUTE, None) is not None
        and not isinstance(response, StreamingHttpResponse)
        and not entries.is_personal(request.META.get("HTTP_COOKIE", ""))
        and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not _storable(request, response):
            return response
        body, hole = holes.punch(request, response.content)
        if response.cookies and not hole:
            return response  # a CSRF cookie without a known token on the page: keep it out
        stamp = getattr(response, RESPONSE_ATTRIBUTE)
        patch_cache_control(response, no_cache=True, **{"private" if hole else "public": True})
        etag = "" if hole else entries.make_etag(stamp, body)
        if etag:
            response["ETag"] = etag
        compressed, runs = b"", ()
        if len(body) >= entries.GZIP_MIN_BYTES:
            if hole:
                runs = compression.compress_pieces(body.split(entries.CSRF_PLACEHOLDER))
            else:
                compressed = compression.compress(body)
            patch_vary_headers(response, ["Accept-Encoding"])
        headers = tuple(
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        )
        entry = entries.Entry(
            stamp, response.status_code, headers, body, hole, etag, compressed, runs
        )
        key = entries.page_key(
            request.META.get("HTTP_HOST", ""),
            request.path_info,
            request.META.get("QUERY_STRING", ""),
            reads=getattr(request.resolver_match.func, READS_ATTRIBUTE, frozenset()),
        )
        cache.set(key, entry, timeout=settings.CITYPARTNERS_PAGE_CACHE_SECONDS)
        response[STATUS_HEADER] = "miss"
        return response
