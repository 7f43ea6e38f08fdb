"""Reading and bumping the registry version (see `models.RegistryVersion`).

Every write to a registry model bumps the version through Django's model signals. This is the
one place the project uses signals: it is cache bookkeeping, not domain logic, and it must also
see edits made through the admin, the dataset loader and any future service without each of
them remembering to call it. Bulk writes that bypass signals (`bulk_create`, `QuerySet.update`,
COPY in the benchmark) call `bump_version()` themselves.

With a shared cache (Redis) the version is also kept in the cache, so a cached API response
costs no SQL at all; with the per-process local-memory cache it is read from the database on
each request (one primary-key lookup), because a bump in one process could not reach the
others' memory.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from citypartners.opendata.models import RegistryVersion

# The apps whose rows make up the public registry.
REGISTRY_APPS = frozenset({"places", "partnerships", "activities", "network", "sources"})
CACHE_KEY = "opendata:registry-version"
SHARED_CACHE_SECONDS = 5
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Version:
    number: int
    changed_at: dt.datetime


def _cache_is_shared() -> bool:
    backend = settings.CACHES["default"]["BACKEND"]
    return not backend.endswith(("LocMemCache", "DummyCache"))


def current_version() -> Version:
    """The registry's version now."""
    shared = _cache_is_shared()
    if shared:
        cached = cache.get(CACHE_KEY)
        if cached is not None:
            return Version(*cached)
    row = RegistryVersion.objects.filter(pk=1).values_list("number", "changed_at").first()
    version = Version(*row) if row else Version(0, EPOCH)
    if shared and not transaction.get_connection().in_atomic_block:
        # A short life bounds the window in which a read racing a bump could keep an old number.
        cache.set(CACHE_KEY, (version.number, version.changed_at), timeout=SHARED_CACHE_SECONDS)
    return version


def bump_version() -> None:
    """Count one more change; the shared cache forgets the old number once the write commits."""
    now = timezone.now()
    if not RegistryVersion.objects.filter(pk=1).update(number=F("number") + 1, changed_at=now):
        RegistryVersion.objects.get_or_create(pk=1, defaults={"number": 1, "changed_at": now})
    if _cache_is_shared():
        transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def _on_change(sender, **kwargs) -> None:
    if sender._meta.app_label in REGISTRY_APPS:
        bump_version()


def _on_m2m_change(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        _on_change(sender)


def connect_signals() -> None:
    post_save.connect(_on_change, dispatch_uid="opendata-version-save")
    post_delete.connect(_on_change, dispatch_uid="opendata-version-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="opendata-version-m2m")
