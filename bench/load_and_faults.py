#!/usr/bin/env python3
"""Load test on loopback, with an optional PostgreSQL restart in the middle of it.

Why: a government site must stay up under many concurrent users and must fail politely, and
recover by itself, when its database restarts. This script prints figures; it asserts nothing.

It creates (or reuses) a PostgreSQL database, migrates it and loads the Berlin dataset, starts
gunicorn on 127.0.0.1, and runs CONCURRENCY client threads against a fixed mix of pages for
DURATION seconds (bounded: never more than --max-requests requests, only loopback). With
--restart-postgres it restarts the local PostgreSQL cluster halfway through and reports how
many requests got the friendly 503, whether any got another error, and how long it took until
pages answered 200 again.

    .venv/bin/python bench/load_and_faults.py --duration 180 --concurrency 32
    .venv/bin/python bench/load_and_faults.py --duration 60 --restart-postgres
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PATHS = [
    "/de/", "/en/", "/en/partnerships/berlin-mexico-city/", "/de/partnerschaften/berlin-moscow/",
    "/en/search/?q=Peking", "/de/suche/?q=CDMX", "/en/activities/", "/de/kontakt/", "/en/sources/",
    "/health/ready",
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(env: dict, database: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {database}"],
        capture_output=True,
        check=False,
    )
    python = [sys.executable, "-m", "citypartners"]
    subprocess.run([*python, "migrate", "-v0"], env=env, cwd=REPO, check=True)
    subprocess.run(
        [*python, "loaddataset", "data/berlin"],
        env=env,
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def wait_ready(base: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/health/live", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def restart_postgres() -> None:
    cluster = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart", "-m", "fast"],
        check=True,
        capture_output=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=180)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--max-requests", type=int, default=500_000)
    parser.add_argument("--database", default="citypartners_load")
    parser.add_argument("--restart-postgres", action="store_true")
    args = parser.parse_args()

    env = dict(
        os.environ,
        DATABASE_URL=f"postgresql://postgres@127.0.0.1:5432/{args.database}",
        CITYPARTNERS_LOG_LEVEL="WARNING",
        CITYPARTNERS_PAGE_RATE_LIMIT="0",  # the load comes from one address
    )
    prepare(env, args.database)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(REPO / ".venv/bin/gunicorn"),
            "citypartners.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            "2",
            "--timeout",
            "30",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=REPO,
    )
    try:
        wait_ready(base)
        results: list[tuple[float, int, float]] = []  # (time since start, status, seconds)
        lock = threading.Lock()
        started = time.monotonic()
        stop_at = started + args.duration

        def client(number: int) -> None:
            n = number
            while time.monotonic() < stop_at:
                with lock:
                    if len(results) >= args.max_requests:
                        return
                path = PATHS[n % len(PATHS)]
                n += 1
                t0 = time.monotonic()
                try:
                    with urllib.request.urlopen(base + path, timeout=15) as response:
                        response.read()
                        status = response.status
                except urllib.error.HTTPError as error:
                    status = error.code
                except OSError:
                    status = 0  # connection failure
                with lock:
                    results.append((t0 - started, status, time.monotonic() - t0))

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.concurrency)]
        for thread in threads:
            thread.start()
        restart_at = None
        if args.restart_postgres:
            time.sleep(args.duration / 2)
            restart_at = time.monotonic() - started
            restart_postgres()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)

    statuses = Counter(status for _, status, _ in results)
    latencies = sorted(seconds for _, status, seconds in results if status == 200)
    total = len(results)
    print(
        f"requests: {total} in {args.duration:.0f} s with {args.concurrency} clients "
        f"({total / args.duration:.0f} per second), gunicorn {args.workers} workers x 2 threads"
    )
    print(
        "status codes: " + ", ".join(f"{code}: {count}" for code, count in sorted(statuses.items()))
    )
    if latencies:
        q = statistics.quantiles(latencies, n=100)
        print(
            f"latency of 200s: p50 {q[49] * 1000:.1f} ms, "
            f"p95 {q[94] * 1000:.1f} ms, p99 {q[98] * 1000:.1f} ms"
        )
    other_errors = sum(count for code, count in statuses.items() if code not in (200, 503))
    print(f"errors other than the friendly 503: {other_errors}")
    if restart_at is not None:
        failing = [(t, s, d) for t, s, d in results if t >= restart_at and s != 200]
        slow_503 = max((d for _, s, d in failing if s == 503), default=0)
        after = [
            t
            for t, s, _ in results
            if t >= restart_at and s == 200 and all(ft < t for ft, _, _ in failing)
        ]
        recovered = (min(after) - restart_at) if after else None
        print(
            f"PostgreSQL restarted at {restart_at:.1f} s: "
            f"{statuses.get(503, 0)} requests got the 503 page "
            f"(slowest {slow_503 * 1000:.0f} ms); all pages answered 200 again "
            + (f"{recovered:.1f} s after the restart" if recovered is not None else "never")
        )


if __name__ == "__main__":
    main()
