"""`citypartners ingest` in a new checkout: a dry run works before `migrate`, storing says to run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from citypartners.ingest import gazetteer


def _ingest(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    document = tmp_path / "note.txt"
    document.write_text("Die Stadt Musterhausen pflegt seit 1991 eine Partnerschaft.\n")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CITYPARTNERS_TEST_DATABASE_URL"}
    }
    env["CITYPARTNERS_VAR_DIR"] = str(tmp_path / "var")  # no database there
    env["CITYPARTNERS_INGEST_CACHE_DIR"] = str(gazetteer.cache_dir())
    return subprocess.run(
        [sys.executable, "-m", "citypartners", "ingest", *args, str(document)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_ingest_dry_run_works_without_a_migrated_database(tmp_path: Path) -> None:
    done = _ingest(tmp_path, "--dry-run", "--format", "json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) >= {"source", "home", "partnerships", "events", "counts"}
    assert "citypartners migrate" in done.stderr


def test_ingest_without_a_migrated_database_says_to_migrate(tmp_path: Path) -> None:
    done = _ingest(tmp_path)
    assert done.returncode != 0
    assert "run `citypartners migrate` first" in done.stderr
    assert "Traceback" not in done.stderr


def test_ingest_refuses_a_document_over_the_time_budget(tmp_path: Path) -> None:
    slow = tmp_path / "lang.txt"
    slow.write_text("Die Partnerschaft mit Musterstadt besteht seit 1987.\n" * 20_000)
    env = {**os.environ, "CITYPARTNERS_VAR_DIR": str(tmp_path / "var")}
    env["CITYPARTNERS_INGEST_CACHE_DIR"] = str(gazetteer.cache_dir())
    env["CITYPARTNERS_INGEST_MAX_SECONDS"] = "0.001"
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "citypartners", "ingest", "--dry-run", str(slow)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode != 0
    assert f"{slow}: over the time budget of 0.001 s" in done.stderr
    assert "Traceback" not in done.stderr
