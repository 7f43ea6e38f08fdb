"""Every rate limit of the site, on django-ratelimit, counted in the cache (Redis in production).

One implementation for the public forms (per client address and per mailbox), the open-data
API and downloads, and the rendering of public pages. Keys are the client address from
`core.clientaddr` (proxy-aware) or the normalised mailbox (`normalise_mailbox`), so neither one
client nor many clients can flood one mailbox by spelling it eight ways. django-ratelimit hashes
its keys, so the cache holds no addresses in clear. See docs/decisions/0012.
"""

from __future__ import annotations

import contextlib
import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage

from citypartners.core.clientaddr import client_address

__all__ = [
    "allow",
    "allow_client",
    "allow_email",
    "client_address",
    "normalise_mailbox",
    "too_many_requests",
]

_QUOTED_PAIR = re.compile(r"\\(.)")


def normalise_mailbox(email: str) -> str:
    """One spelling per mailbox: the key of the per-address limits.

    Case is folded, a quoted local part is unquoted, a `+tag` is dropped (plus-addressing
    delivers `a+x@` to `a@`), the domain is written in punycode (IDNA) without a final dot.
    Only for counting: mail still goes to the address as it was typed.
    """
    text = email.strip()
    local, sep, domain = text.rpartition("@")
    if not sep:
        return text.casefold()
    if len(local) >= 2 and local.startswith('"') and local.endswith('"'):
        local = _QUOTED_PAIR.sub(r"\1", local[1:-1])
    local = local.split("+", 1)[0].casefold()
    domain = domain.strip().rstrip(".")
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain.lower()}"


class _Usage:
    """The result of counting one use: whether it is allowed, and when to try again."""

    def __init__(self, allowed: bool, retry_after: int) -> None:
        self.allowed = allowed
        self.retry_after = retry_after

    def __bool__(self) -> bool:
        return self.allowed


def allow(
    scope: str,
    key: str,
    *,
    limit: int,
    window: int | None = None,
    request: HttpRequest | None = None,
) -> _Usage:
    """Count one use of `key` in `scope`; false once it exceeds `limit` within the window.

    A limit of 0 or less switches the limit off.
    """
    window = window or settings.CITYPARTNERS_RATE_WINDOW
    if limit <= 0:
        return _Usage(True, 0)
    usage = get_usage(
        request or HttpRequest(),
        group=scope,
        key=lambda _group, _request: key,
        rate=(limit, window),
        increment=True,
    )
    if usage is None:  # RATELIMIT_ENABLE is off, or the cache is away (RATELIMIT_FAIL_OPEN)
        return _Usage(True, 0)
    return _Usage(not usage["should_limit"], max(1, usage["time_left"]))


def allow_client(
    request: HttpRequest, scope: str, *, limit: int | None = None, window: int | None = None
) -> _Usage:
    """Count one use of `scope` by this client (its proxy-aware address); by default one
    submission of a public form, limited per `CITYPARTNERS_RATE_WINDOW`."""
    return allow(
        f"{scope}:client",
        client_address(request),
        limit=settings.CITYPARTNERS_RATE_LIMIT_PER_CLIENT if limit is None else limit,
        window=window,
        request=request,
    )


def allow_email(email: str, scope: str) -> _Usage:
    """Count one mail asked for this mailbox, however it is spelled."""
    return allow(
        f"{scope}:email",
        normalise_mailbox(email),
        limit=settings.CITYPARTNERS_RATE_LIMIT_PER_EMAIL,
    )


def too_many_requests(
    request: HttpRequest, *, retry_after: int | None = None, pages: bool = False
) -> HttpResponse:
    """The polite page for a client over the limit (HTTP 429 with Retry-After); `pages` for
    the limit on public pages rather than on a form."""
    seconds = settings.CITYPARTNERS_RATE_WINDOW if retry_after is None else retry_after
    context = {"minutes": max(1, seconds // 60), "pages": pages}
    response = render(request, "messaging/too_many_requests.html", context, status=429)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response
