"""Parts of a page kept in the cache under the registry version, for the answers the page cache
cannot serve: a logged-in editor looking at the public site, the first visitor after an edit in
the other language, a page with a message to show. The version in the key makes every part
made before an edit unreachable, exactly like the pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from citypartners.opendata.versioning import current_version
from citypartners.pagecache import entries

T = TypeVar("T")
KEY_PREFIX = "fragment:"


def cached_fragment(name: str, build: Callable[[], T], *vary: object) -> T:
    """`build()`, or what it gave for this name, language, `vary` and registry version."""
    if not entries.enabled():
        return build()
    version = current_version()
    stamp = f"{version.number}:{version.changed_at.timestamp()}"
    parts = ":".join(map(str, vary))
    key = f"{KEY_PREFIX}{entries.release()}:{name}:{get_language()}:{parts}:{stamp}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=settings.CITYPARTNERS_PAGE_CACHE_SECONDS)
    return value
