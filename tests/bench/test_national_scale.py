"""A small-size smoke run of the national-scale benchmark (bench/national_scale.py): it builds
its registry in PostgreSQL, measures every endpoint under gunicorn and the trivial app, and
writes its figures. The full-size run and its results are in BENCHMARKS.md."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from tests.conftest import REPO

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


def smoke_database_url() -> str:
    server = os.environ.get("CITYPARTNERS_TEST_DATABASE_URL") or DEFAULT_SERVER
    # one database per run, so two checkouts testing at once on one server do not collide
    return urlsplit(server)._replace(path=f"/citypartners_bench_smoke_{os.getpid()}").geturl()


def postgres_reachable(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(urlsplit(url)._replace(path="/postgres").geturl(), connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def test_benchmark_smoke_run_measures_every_endpoint(tmp_path):
    url = smoke_database_url()
    if not postgres_reachable(url):
        pytest.skip(f"the benchmark needs PostgreSQL; none answers at {url}")
    figures = tmp_path / "figures.json"
    try:
        result = _run_smoke(url, figures)
    finally:
        _drop(url)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(figures.read_text())
    assert report["rows"]["places"] >= 30 and report["rows"]["activities"] >= 1000
    assert report["rows"]["partnerships"] >= 50
    assert report["search_entries"] >= report["rows"]["activities"]
    assert set(report["queries_per_request"]) == set(report["urls"])
    assert all(count > 0 for count in report["queries_per_request"].values())
    for name, load in report["load"].items():
        assert load["requests"] > 0, name
        assert load["errors"] == 0, (name, load)
    assert "trivial WSGI app" in report["load"]
    assert "vs trivial" in result.stdout


def _run_smoke(url: str, figures) -> subprocess.CompletedProcess:
    arguments = ["--scale", "0.001", "--duration", "0.5", "--connections", "2", "--reindex"]
    arguments += ["--loadgen", "python", "--database-url", url, "--json", str(figures)]
    return subprocess.run(
        [sys.executable, str(REPO / "bench" / "national_scale.py"), *arguments],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        check=False,
    )


def _drop(url: str) -> None:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(
        urlsplit(url)._replace(path="/postgres").geturl(), autocommit=True
    ) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
