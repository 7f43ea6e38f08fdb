"""`@public_page`: a view whose answer is the same for every anonymous visitor."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponseBase

RESPONSE_ATTRIBUTE = "pagecache_public"


def public_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Let the page cache keep this view's answers (anonymous GET, 200, no personal cookie)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        setattr(response, RESPONSE_ATTRIBUTE, True)
        return response

    return wrapped
