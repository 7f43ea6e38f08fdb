"""What the page cache keeps per page, and under which key.

An entry is one page as it was answered to an anonymous visitor: status, headers, body and the
registry version it was made from. The key is the release, the host, the path, the query
(sorted) and today's date in the site's time zone, so a page that sorts activities into
upcoming and past is made again each day even when nobody edits anything.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import unquote_plus
from zoneinfo import ZoneInfo

import django
from django.conf import settings

KEY_PREFIX = "pagecache:"
# Stands in the cached body for the visitor's CSRF token (see `holes`).
CSRF_PLACEHOLDER = b"@@citypartners-csrf-token@@"
# Request cookies that make a page personal: a logged-in editor, or a message still to show.
PERSONAL_COOKIES = ("sessionid", "messages")


# Pages smaller than this are not worth compressing.
GZIP_MIN_BYTES = 1024


@dataclass(frozen=True)
class Entry:
    version: tuple  # (number, changed_at) of the registry version the page was made from
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    csrf_hole: bool  # the body holds CSRF_PLACEHOLDER where the visitor's token goes
    etag: str
    # For visitors that accept gzip, made once (`compression`), empty for small pages: the
    # whole body compressed, or for a page with holes each piece between them.
    gzip_body: bytes = b""
    gzip_runs: tuple[bytes, ...] = ()

    @property
    def gzip_etag(self) -> str:
        return self.etag[:-1] + '-gzip"' if self.etag else ""

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzip_body) + sum(map(len, self.gzip_runs))

    def pieces(self) -> list[bytes]:
        """The body split at its holes."""
        return self.body.split(CSRF_PLACEHOLDER)


def enabled() -> bool:
    return settings.CITYPARTNERS_PAGE_CACHE_SECONDS > 0


def personal_cookies() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES)


def is_personal(cookie_header: str) -> bool:
    """True when the request carries a cookie that may change what the page shows."""
    if not cookie_header:
        return False
    names = personal_cookies()
    if not any(name in cookie_header for name in names):
        return False
    cookies = SimpleCookie()
    try:
        cookies.load(cookie_header)
    except Exception:  # an unreadable cookie header: let Django decide
        return True
    return any(name in cookies for name in names)


def today() -> dt.date:
    return dt.datetime.now(ZoneInfo(settings.TIME_ZONE)).date()


@functools.cache
def release() -> str:
    """A fingerprint of the code and templates this process runs, read once at start-up.

    Part of every key: a page made by one release is never served by the next (a deploy that
    changes a template or a view changes no registry data, so the version alone would not tell).
    Workers of the same release share their entries.
    """
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(django.get_version().encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".html", ".txt", ".mo", ".css", ".svg", ".json"):
            stat = path.stat()
            digest.update(f"{path.relative_to(package)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


def filter_query(query: str, reads: frozenset[str]) -> str:
    """The query string with only the parameters a page reads, in their order."""
    if not query:
        return ""
    kept = []
    for part in query.split("&"):
        name = unquote_plus(part.partition("=")[0])
        if part and name in reads:
            kept.append(part)
    return "&".join(kept)


@functools.lru_cache(maxsize=4096)
def reads_of(path: str) -> frozenset[str] | None:
    """The query parameters the `@public_page` view at `path` reads; None for any other path
    (the page cache then leaves the request to Django without looking)."""
    from django.urls import Resolver404, resolve
    from django.utils.translation import get_language_from_path, override

    with override(get_language_from_path(path) or settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    return getattr(match.func, "pagecache_reads", None)


def page_key(
    host: str, path: str, query: str, day: dt.date | None = None, *, reads: frozenset[str]
) -> str:
    """The entry's key: only the query parameters the page reads count."""
    normalised = "&".join(sorted(filter_query(query, reads).split("&")))
    day = day or today()
    text = f"{release()}|{host.lower()}|{path}|{normalised}|{day.isoformat()}"
    return KEY_PREFIX + hashlib.sha256(text.encode()).hexdigest()[:40]


def make_etag(version: tuple, body: bytes) -> str:
    digest = hashlib.sha256(repr(version).encode() + b"|" + body).hexdigest()[:32]
    return f'"p{digest}"'
