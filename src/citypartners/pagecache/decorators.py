"""`@public_page`: a view whose answer is the same for every anonymous visitor.

Each page declares the query parameters it reads (`@public_page(reads=("q",))`; none by
default). The others are removed from the request before the view runs, and the page cache
keys its entries on the declared ones only, so `/de/?utm=junk1` … `junk300` is one entry, not
300, and no link on the page can carry a parameter that the first visitor made up.

Rendering a public page (a miss of the page cache) counts against a per-client rate limit,
`CITYPARTNERS_PAGE_RATE_LIMIT` renders a minute, so nobody can fill the cache by asking for
page after page; answers from the cache do not count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, QueryDict

from citypartners.messaging import limits
from citypartners.opendata.versioning import current_version
from citypartners.pagecache.entries import filter_query

# Set on the response: the registry version read *before* the view ran. A page stamped with it
# can only be older than its stamp says, never newer: an edit committed while the page was being
# made leaves it stamped with the version before the edit, so it is made again on its next request.
RESPONSE_ATTRIBUTE = "pagecache_version"
# Set on the view: the query parameters the page reads (`entries.reads_of` finds it by path).
READS_ATTRIBUTE = "pagecache_reads"
PAGE_RATE_WINDOW = 60


def _keep_declared(request: HttpRequest, reads: frozenset[str]) -> None:
    query = request.META.get("QUERY_STRING", "")
    kept = filter_query(query, reads)
    if kept != query:
        request.META["QUERY_STRING"] = kept
        request.GET = QueryDict(kept)


def public_page(
    view: Callable[..., HttpResponseBase] | None = None, *, reads: Iterable[str] = ()
) -> Callable:
    """Let the page cache keep this view's answers (anonymous GET, 200, no personal cookie)."""
    declared = frozenset(reads)

    def decorate(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
            reading = request.method in ("GET", "HEAD")
            if reading:
                _keep_declared(request, declared)
                limit = settings.CITYPARTNERS_PAGE_RATE_LIMIT
                if limit > 0:
                    usage = limits.allow_client(
                        request, "page", limit=limit, window=PAGE_RATE_WINDOW
                    )
                    if not usage:
                        return limits.too_many_requests(
                            request, retry_after=usage.retry_after, pages=True
                        )
            version = current_version() if reading else None
            response = view(request, *args, **kwargs)
            if version is not None:
                setattr(response, RESPONSE_ATTRIBUTE, (version.number, version.changed_at))
            return response

        setattr(wrapped, READS_ATTRIBUTE, declared)
        return wrapped

    return decorate(view) if view is not None else decorate
