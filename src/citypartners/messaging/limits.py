"""Rate limits for public forms, counted in Django's cache (Redis when configured).

A fixed window per scope and key: the client address and, separately, the e-mail address a
form names, so neither one client nor many clients can flood one mailbox. Keys are hashed so
the cache holds no addresses in clear.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_address(request: HttpRequest) -> str:
    """The client's address as the server sees it (run behind a proxy that sets REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(scope: str, key: str, *, limit: int, window: int | None = None) -> bool:
    """Count one use of `key` in `scope`; False once it exceeds `limit` within the window."""
    window = window or settings.CITYPARTNERS_RATE_WINDOW
    digest = hashlib.sha256(f"{scope}\0{key}".encode()).hexdigest()[:32]
    cache_key = f"rate:{scope}:{digest}:{int(time.time() // window)}"
    if cache.add(cache_key, 1, timeout=window):
        return limit >= 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        count = 1
    return count <= limit


def allow_client(request: HttpRequest, scope: str) -> bool:
    return allow(
        f"{scope}:client",
        client_address(request),
        limit=settings.CITYPARTNERS_RATE_LIMIT_PER_CLIENT,
    )


def allow_email(email: str, scope: str) -> bool:
    return allow(
        f"{scope}:email", email.strip().lower(), limit=settings.CITYPARTNERS_RATE_LIMIT_PER_EMAIL
    )


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """The polite page for a client over the limit (HTTP 429 with Retry-After)."""
    minutes = max(1, settings.CITYPARTNERS_RATE_WINDOW // 60)
    response = render(request, "messaging/too_many_requests.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(settings.CITYPARTNERS_RATE_WINDOW)
    return response
