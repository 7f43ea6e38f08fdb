"""An ingestion killed midway leaves no half-stored document, and running it again completes it."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

from tests.conftest import REPO
from tests.ingest.conftest import GOLD_DIR

DOCUMENTS = 120


def _is_utf8(path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _environment(database):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITYPARTNERS_")}
    env["DATABASE_URL"] = f"sqlite:///{database}"
    return env


def _claims_per_source(database) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT s.sha256, COUNT(c.id) FROM sources_source s LEFT JOIN sources_claim c ON c.source_id = s.id "
            "GROUP BY s.sha256"
        ).fetchall()
    return dict(rows)


def test_killed_ingestion_leaves_only_whole_documents(tmp_path):
    corpus = [path for path in sorted((GOLD_DIR / "corpus").glob("*.txt")) if _is_utf8(path)]
    documents = tmp_path / "documents"
    documents.mkdir()
    for n in range(DOCUMENTS):
        text = corpus[n % len(corpus)].read_bytes()
        (documents / f"doc-{n:04d}.txt").write_bytes(text + f"\n\nDokument {n}.\n".encode())
    database = tmp_path / "registry.sqlite3"
    env = _environment(database)
    citypartners = [sys.executable, "-m", "citypartners"]
    subprocess.run([*citypartners, "migrate", "-v0"], cwd=REPO, env=env, check=True, timeout=300)

    worker = subprocess.Popen(
        [*citypartners, "ingest", str(documents)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and worker.poll() is None:
        if database.exists() and len(_claims_per_source(database)) >= 20:
            break
        time.sleep(0.05)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    after_kill = _claims_per_source(database)
    assert 0 < len(after_kill) < DOCUMENTS, "the kill should land in the middle of the run"

    subprocess.run(
        [*citypartners, "ingest", str(documents)],
        cwd=REPO,
        env=env,
        check=True,
        timeout=600,
        stdout=subprocess.DEVNULL,
    )
    complete = _claims_per_source(database)
    assert len(complete) == DOCUMENTS
    # every document stored before the kill was stored whole: the same claims as after the full run
    assert {sha: complete[sha] for sha in after_kill} == after_kill
    assert all(count > 0 for count in complete.values())
