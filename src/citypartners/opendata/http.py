"""HTTP behaviour shared by every open-data endpoint (API and downloads).

`open_data_endpoint` wraps a view with, in this order:
- CORS: anyone may read (`Access-Control-Allow-Origin: *`), preflight answered for GET/HEAD;
- a rate limit per client address (`messaging.limits`, proxy-aware) answering a JSON 429 with
  `Retry-After`;
- conditional GET: the validator is the registry version plus the request (path, query, language),
  so a matching `If-None-Match` or a not-older `If-Modified-Since` gets a 304, straight from the
  response cache when the answer is there, and only where the object exists (a 200): a missing
  object answers 404 to `If-None-Match: *`;
- a response cache under the same key, so a repeated request is served from the cache until the
  registry changes (the version is part of the key, so an edit makes old entries unreachable).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from citypartners.core.i18n import LANGUAGE_CODES
from citypartners.messaging import limits
from citypartners.opendata.versioning import Version, current_version

RESPONSE_PREFIX = "opendata:response:"
COUNT_PREFIX = "opendata:count:"
# Responses larger than this are not put in the cache (whole-registry downloads at national size).
MAX_CACHED_BYTES = 4 * 1024 * 1024
EXPOSED_HEADERS = "ETag, Last-Modified, Retry-After, Content-Language"
# Part of every validator and cache key: bump it when the shape of a response changes, so a
# deploy does not answer 304 or serve a cached body of the old shape.
FORMAT_VERSION = "1"


def request_language(request: HttpRequest) -> str:
    """`?lang=de|en` first, then the best language of `Accept-Language`, else the default."""
    asked = request.GET.get("lang", "")
    if asked in LANGUAGE_CODES:
        return asked
    weighted = []
    for position, part in enumerate(request.headers.get("Accept-Language", "").split(",")):
        code, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        code = code.strip().lower()[:2]
        if code in LANGUAGE_CODES and quality > 0:
            weighted.append((-quality, position, code))
    return min(weighted)[2] if weighted else settings.LANGUAGE_CODE


def _cors(response: HttpResponseBase) -> HttpResponseBase:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = (
        "Accept, Accept-Language, If-None-Match, If-Modified-Since"
    )
    response["Access-Control-Max-Age"] = "86400"
    response["Allow"] = "GET, HEAD, OPTIONS"
    return response


def _too_many_requests(request: HttpRequest) -> HttpResponse | None:
    """A JSON 429 when this client has used up its requests in the current window, else None."""
    limit = settings.CITYPARTNERS_API_RATE_LIMIT
    window = settings.CITYPARTNERS_API_RATE_WINDOW
    usage = limits.allow_client(request, "opendata", limit=limit, window=window)
    if usage:
        return None
    retry_after = usage.retry_after
    body = {
        "detail": (
            f"Too many requests: at most {limit} requests per {window} seconds per client. "
            f"Try again in {retry_after} seconds, or download the whole dataset instead."
        ),
        "limit": limit,
        "window_seconds": window,
        "retry_after": retry_after,
    }
    response = HttpResponse(json.dumps(body), status=429, content_type="application/json")
    response["Retry-After"] = str(retry_after)
    return response


def signed_in_reviewer(request: HttpRequest) -> bool:
    """A signed-in reviewer; without a session cookie the session is not even looked at (an
    anonymous answer stays `Vary: Accept-Language` only and costs no query)."""
    from citypartners.sources.services import sees_unreviewed

    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return sees_unreviewed(getattr(request, "user", None))


def _validator(request: HttpRequest, version: Version, lang: str) -> str:
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    if signed_in_reviewer(request):  # a reviewer's answers may hold private claims: never shared
        query += f"|reviewer:{request.user.pk}"
    # changed_at too: a database restored or rebuilt may count up to a number seen before.
    stamp = version.changed_at.timestamp()
    text = f"{FORMAT_VERSION}|{version.number}|{stamp}|{request.path}|{query}|{lang}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _not_modified(request: HttpRequest, etag: str, version: Version) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        tags = parse_etags(if_none_match)
        return "*" in tags or etag in tags or f"W/{etag}" in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and int(version.changed_at.timestamp()) <= since


def _with_validators(response: HttpResponseBase, etag: str, version: Version, lang: str):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(version.changed_at.timestamp())
    response["Cache-Control"] = f"public, max-age={settings.CITYPARTNERS_API_MAX_AGE}"
    response["Vary"] = "Accept-Language"
    response.setdefault("Content-Language", lang)
    return response


def cached_count(
    request: HttpRequest, rows: QuerySet, counter: Callable[[], int] | None = None
) -> int:
    """The number of rows, kept in the cache under the registry version and the query.

    Every page of a listing shares its count, and an exact count over a million activities is
    the most expensive query of a page; with the response cache off (0 seconds) it is counted
    each time. `counter` counts `rows` another way (the activity tally); the default is
    `rows.count()`.
    """
    counter = counter or rows.count
    seconds = settings.CITYPARTNERS_API_CACHE_SECONDS
    if seconds <= 0:
        return counter()
    version = getattr(request, "registry_version", None) or current_version()
    sql, params = rows.query.sql_with_params()
    digest = hashlib.sha256(f"{sql}|{params}".encode()).hexdigest()[:32]
    key = f"{COUNT_PREFIX}{version.number}:{version.changed_at.timestamp()}:{digest}"
    count = cache.get(key)
    if count is None:
        count = counter()
        cache.set(key, count, timeout=seconds)
    return count


def open_data_endpoint(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Wrap a read-only view with CORS, rate limit, conditional GET and the response cache."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if request.method == "OPTIONS":
            return _cors(_preflight())
        limited = _too_many_requests(request)
        if limited is not None:
            return _cors(limited)
        if request.method not in ("GET", "HEAD"):
            return _cors(view(request, *args, **kwargs))
        request.method = "GET"
        version = current_version()
        request.registry_version = version  # for the views' own cached parts (list counts)
        lang = request_language(request)
        key = _validator(request, version, lang)
        etag = f'"{key}"'
        # 304 only where the object exists. A list or a download always does: 304 at once. An
        # object named in the path (`/partnerships/{slug}`) may not: a cached answer is a 200,
        # else the view is asked first (`If-None-Match: *` on a missing object is a 404).
        not_modified = _not_modified(request, etag, version)
        if not_modified and not kwargs:
            return _cors(_with_validators(HttpResponse(status=304), etag, version, lang))
        seconds = settings.CITYPARTNERS_API_CACHE_SECONDS
        if signed_in_reviewer(request):
            seconds = 0  # not kept in the shared response cache
        cached = cache.get(RESPONSE_PREFIX + key) if seconds > 0 else None
        if cached is not None:
            if not_modified:
                return _cors(_with_validators(HttpResponse(status=304), etag, version, lang))
            content_type, content, language = cached
            response = HttpResponse(content, content_type=content_type)
            response["Content-Language"] = language
        else:
            response = view(request, *args, **kwargs)
            if (
                seconds > 0
                and response.status_code == 200
                and not isinstance(response, StreamingHttpResponse)
                and len(response.content) <= MAX_CACHED_BYTES
            ):
                language = response.get("Content-Language", lang)
                cache.set(
                    RESPONSE_PREFIX + key,
                    (response["Content-Type"], response.content, language),
                    timeout=seconds,
                )
            if not_modified and response.status_code == 200:
                response.close()
                return _cors(_with_validators(HttpResponse(status=304), etag, version, lang))
        if response.status_code == 200:
            _with_validators(response, etag, version, lang)
            if signed_in_reviewer(request):
                response["Cache-Control"] = "private, no-store"
                response["Vary"] = "Accept-Language, Cookie"
        # A HEAD request ran as GET: the server (gunicorn, runserver) sends the headers only.
        return _cors(response)

    return wrapped
