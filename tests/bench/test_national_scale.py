"""A small-size smoke run of the national-scale benchmark (bench/national_scale.py): it builds
its registry in PostgreSQL, measures every endpoint under gunicorn beside the trivial app, and
writes its figures. It also guards two things that made the benchmark flatter before (issue
16): tables left unanalysed after the product's bulk writes, and a "busiest home" that was
the alphabetically first. The full-size run and its results are in BENCHMARKS.md."""

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


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    """One smoke run for the module: its process, its JSON report, and the busiest home as
    counted here, independently of the script."""
    url = smoke_database_url()
    if not postgres_reachable(url):
        pytest.skip(f"the benchmark needs PostgreSQL; none answers at {url}")
    figures = tmp_path_factory.mktemp("bench") / "figures.json"
    try:
        result = _run_smoke(url, figures)
        busiest = _busiest_home(url) if result.returncode == 0 else None
    finally:
        _drop(url)
    assert result.returncode == 0, result.stderr[-3000:]
    return result, json.loads(figures.read_text()), busiest


def test_benchmark_smoke_run_measures_every_endpoint(smoke):
    result, report, _busiest = smoke
    assert report["rows"]["places"] >= 30 and report["rows"]["activities"] >= 1000
    assert report["rows"]["partnerships"] >= 50
    assert report["search_entries"] >= report["rows"]["activities"]
    assert set(report["queries_per_request"]) == set(report["urls"])
    assert {"national overview", "national overview, filtered"} <= set(report["urls"])
    assert all(count > 0 for count in report["queries_per_request"].values())
    for name, load in report["load"].items():
        assert load["requests"] > 0, name
        assert load["errors"] == 0, (name, load)
    assert "trivial WSGI app" in report["load"]
    assert "vs trivial" in result.stdout
    # every time was measured over HTTP, beside the trivial app's in the same run
    assert set(report["single"]) >= {f"{name} (uncached)" for name in report["urls"]}
    assert report["held"]["trivial WSGI app"]["held_rps"] > 0
    for mode in ("uncached", "cached"):
        assert report["load"][f"Zipf mix ({mode})"]["requests"] > 0
    assert report["mix"]["distinct_urls"] > 2 * report["rows"]["partnerships"]


def test_benchmark_measures_the_busiest_home(smoke):
    _result, report, (slug, partnerships) = smoke

    assert report["busiest_home"] == {"slug": slug, "partnerships": partnerships}
    assert report["urls"]["API partnerships of a home"].endswith(f"home={slug}")


def test_benchmark_runs_on_analysed_tables(smoke):
    """After the product's bulk writes (the reindex among them) the planner knows each big
    table's size; at this scale ANALYZE reads every row, so the estimate is exact."""
    _result, report, _busiest = smoke

    assert "search_searchentry" in report["statistics"]
    for table, figures in report["statistics"].items():
        assert figures["reltuples"] == figures["rows"] > 0, table


def _run_smoke(url: str, figures) -> subprocess.CompletedProcess:
    arguments = ["--scale", "0.001", "--duration", "0.5", "--connections", "2", "--reindex"]
    arguments += ["--warmup", "0.2", "--single", "2", "--step-duration", "0.5"]
    arguments += ["--p95-limit", "2000", "--database-url", url, "--json", str(figures)]
    return subprocess.run(
        [sys.executable, str(REPO / "bench" / "national_scale.py"), *arguments],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
        check=False,
    )


def _busiest_home(url: str) -> tuple[str, int]:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT place.slug, COUNT(*) FROM partnerships_partnership partnership "
            "JOIN places_place place ON place.id = partnership.home_id "
            "GROUP BY place.slug ORDER BY COUNT(*) DESC, place.slug LIMIT 1"
        ).fetchone()


def _drop(url: str) -> None:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(
        urlsplit(url)._replace(path="/postgres").geturl(), autocommit=True
    ) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
