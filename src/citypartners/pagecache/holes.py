"""The one per-visitor part of a cached page: the CSRF token of a form on it.

A template that puts a form on a cacheable page asks `csrf_token_for_page` for the token; the
token is noted on the request, and the middleware keeps the page with a placeholder in its place.
The front fills in a fresh token for each visitor through Django's own CSRF middleware, so the
cookie and the token match exactly as on an uncached page.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.http.cookie import parse_cookie
from django.middleware.csrf import CsrfViewMiddleware, get_token

from citypartners.pagecache.entries import CSRF_PLACEHOLDER

REQUEST_ATTRIBUTE = "pagecache_csrf_tokens"


def csrf_token_for_page(request: HttpRequest | None) -> str:
    """The CSRF token for a form on this page, noted so the page cache can leave a hole for it."""
    if request is None:
        return ""
    token = get_token(request)
    request.__dict__.setdefault(REQUEST_ATTRIBUTE, set()).add(token)
    return token


def punch(request: HttpRequest, body: bytes) -> tuple[bytes, bool]:
    """The body with this request's CSRF tokens replaced by the placeholder, and whether any was."""
    tokens = getattr(request, REQUEST_ATTRIBUTE, set())
    for token in tokens:
        body = body.replace(token.encode(), CSRF_PLACEHOLDER)
    return body, bool(tokens)


def _no_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


def fill(body: bytes, cookie_header: str, *, secure: bool) -> tuple[bytes, list[str]]:
    """The body with a token for this visitor, and the Set-Cookie values to send with it."""
    request = HttpRequest()
    request.COOKIES = parse_cookie(cookie_header)
    request.META["wsgi.url_scheme"] = "https" if secure else "http"
    middleware = CsrfViewMiddleware(_no_view)
    middleware.process_request(request)
    token = get_token(request)
    response = middleware.process_response(request, HttpResponse())
    cookies = [morsel.OutputString() for morsel in response.cookies.values()]
    return body.replace(CSRF_PLACEHOLDER, token.encode()), cookies
