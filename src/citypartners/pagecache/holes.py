"""The one per-visitor part of a cached page: the CSRF token of a form on it.

A template that puts a form on a cacheable page asks `csrf_token_for_page` for the token; the
token is noted on the request, and the middleware keeps the page with a placeholder in its place.
The front fills in a fresh token for each visitor, for the secret in the visitor's CSRF cookie,
in the format Django's CSRF middleware checks (the tests send the form through it).
"""

from __future__ import annotations

import os

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.cookie import parse_cookie
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token

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


# Random bytes become characters of Django's CSRF alphabet through a table; bytes at or above
# LIMIT are dropped first, as they would favour the alphabet's first characters.
_LIMIT = 256 - 256 % len(CSRF_ALLOWED_CHARS)
_TO_CHAR = bytes(ord(CSRF_ALLOWED_CHARS[b % len(CSRF_ALLOWED_CHARS)]) for b in range(256))
_BIASED = bytes(range(_LIMIT, 256))
_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}


def _random_chars(count: int) -> str:
    """`count` characters drawn evenly from Django's CSRF alphabet, from one read of urandom.

    Django's `get_random_string` asks the system for randomness once per character; for the
    two 32-character strings of a token that was most of a cached page's answer time.
    """
    chars = b""
    while len(chars) < count:
        chars += os.urandom(count * 2).translate(None, _BIASED)
    return chars[:count].translate(_TO_CHAR).decode("ascii")


def _masked(secret: str) -> str:
    """A token for `secret` as Django's CSRF middleware makes and checks them: a random mask,
    then the secret shifted character by character by the mask."""
    alphabet = CSRF_ALLOWED_CHARS
    mask = _random_chars(CSRF_SECRET_LENGTH)
    cipher = "".join(
        alphabet[(_INDEX[s] + _INDEX[m]) % len(alphabet)] for s, m in zip(secret, mask, strict=True)
    )
    return mask + cipher


def _is_secret(value: str) -> bool:
    return len(value) == CSRF_SECRET_LENGTH and all(c in _INDEX for c in value)


def visitor_token(cookie_header: str) -> tuple[str, list[str]]:
    """A CSRF token for this visitor, and the Set-Cookie values to send with it.

    As Django's middleware does for a page it makes: the secret of the visitor's CSRF cookie
    (a new one when there is none or it is malformed), masked anew, and the cookie set again
    with the settings' name, age, path, domain and flags.
    """
    secret = parse_cookie(cookie_header).get(settings.CSRF_COOKIE_NAME, "")
    if not _is_secret(secret):
        secret = _random_chars(CSRF_SECRET_LENGTH)
    response = HttpResponse()
    response.set_cookie(
        settings.CSRF_COOKIE_NAME,
        secret,
        max_age=settings.CSRF_COOKIE_AGE,
        domain=settings.CSRF_COOKIE_DOMAIN,
        path=settings.CSRF_COOKIE_PATH,
        secure=settings.CSRF_COOKIE_SECURE,
        httponly=settings.CSRF_COOKIE_HTTPONLY,
        samesite=settings.CSRF_COOKIE_SAMESITE,
    )
    return _masked(secret), [morsel.OutputString() for morsel in response.cookies.values()]
