"""A web worker never builds or loads the gazetteer: only ingestion needs it, and loading it
costs a second of every worker's start and tens of megabytes of its memory (issue 16)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
answer = Client().get("/health/live")
from citypartners.ingest import gazetteer
print(answer.status_code, count, "citypartners.backoffice.ingest_admin" in sys.modules,
      gazetteer.is_loaded())
"""


def test_a_web_worker_with_every_view_imported_does_not_load_the_gazetteer(tmp_path: Path):
    env = {**os.environ, "CITYPARTNERS_INGEST_CACHE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", WORKER], capture_output=True, text=True, env=env, timeout=120
    )

    assert done.returncode == 0, done.stderr
    status, views, ingest_admin_imported, loaded = done.stdout.split()
    assert status == "200"
    assert int(views) > 50
    assert ingest_admin_imported == "True"  # the upload and review views are there
    assert loaded == "False"
    assert not list(tmp_path.iterdir())  # nothing built or stored either
