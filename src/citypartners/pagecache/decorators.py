"""`@public_page`: a view whose answer is the same for every anonymous visitor."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponseBase

from citypartners.opendata.versioning import current_version

# Set on the response: the registry version read *before* the view ran. A page stamped with it
# can only be older than its stamp says, never newer: an edit committed while the page was being
# made leaves it stamped with the version before the edit, so it is made again on its next request.
RESPONSE_ATTRIBUTE = "pagecache_version"


def public_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Let the page cache keep this view's answers (anonymous GET, 200, no personal cookie)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        version = current_version() if request.method in ("GET", "HEAD") else None
        response = view(request, *args, **kwargs)
        if version is not None:
            setattr(response, RESPONSE_ATTRIBUTE, (version.number, version.changed_at))
        return response

    return wrapped
