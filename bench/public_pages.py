"""Single-request timings and SQL query counts of the public pages, uncached, in-process.

Run against the national benchmark database (built by `bench/national_scale.py`):

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/citypartners_bench \
    CITYPARTNERS_DEBUG=false CITYPARTNERS_HOME=berlin CITYPARTNERS_PAGE_CACHE_SECONDS=0 \
    CITYPARTNERS_PAGE_RATE_LIMIT=0 \
    PYTHONPATH=src .venv/bin/python bench/public_pages.py [--repeat 20] [--profile URL]

Prints, per page, the median and 95th percentile of Django's test client over --repeat
requests (after one warm-up), the number of SQL queries and the size of the HTML. With
`--wrk http://127.0.0.1:PORT` it instead drives a running server (gunicorn with the same
environment) with `wrk -t1 -c2 -d<seconds>s` per page and prints requests per second and the
50th and 95th percentile latency. It never asserts.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import tempfile
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citypartners.settings")
os.environ.setdefault("CITYPARTNERS_PAGE_RATE_LIMIT", "0")  # many requests from one address
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

PAGES = {
    "home": "/de/",
    "large partnership": "/de/partnerschaften/berlin-paris/",
    "calendar": "/de/aktivitaeten/",
    "calendar, page 50": "/de/aktivitaeten/?page=50",
    "calendar, past, 2020": "/de/aktivitaeten/?when=past&year=2020",
    "search Paris": "/de/suche/?q=Paris",
    "search Berlin": "/de/suche/?q=Berlin",
    "search typo": "/de/suche/?q=Pariss",
    # Words of nearly every activity (titles "Begegnung mit …", descriptions "Austausch …").
    "search common word": "/de/suche/?q=Begegnung",
    "search common words": "/de/suche/?q=Austausch+Partnerschaft",
    "search common typo": "/de/suche/?q=Begegnnug",
}


def measure(client: Client, url: str, repeat: int) -> dict:
    response = client.get(url)  # warm-up
    assert response.status_code == 200, (url, response.status_code)
    sql: list[tuple[float, str]] = []

    def record(execute, statement, params, many, context):
        started = time.perf_counter()
        try:
            return execute(statement, params, many, context)
        finally:
            sql.append(((time.perf_counter() - started) * 1000, statement))

    with connection.execute_wrapper(record):
        response = client.get(url)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "queries": len(sql),
        "kb": len(response.content) / 1024,
        "sql": sql,
    }


# wrk prints only some percentiles; this prints the ones we report, in milliseconds.
WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("WRK %d %.1f %.1f %.1f %d\\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.timeout))
end
"""


def load(base: str, url: str, seconds: int) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_REPORT)
        script.flush()
        out = subprocess.run(
            ["wrk", "-t1", "-c2", f"-d{seconds}s", "-s", script.name, base + url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    line = next(line for line in out.splitlines() if line.startswith("WRK "))
    requests, p50, p95, p99, errors = line.split()[1:]
    rps = int(requests) / seconds
    return f"{rps:8.1f} {float(p50):8.1f} {float(p95):8.1f} {float(p99):8.1f} {int(errors):7d}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", default="")
    parser.add_argument("--only", default="")
    parser.add_argument("--sql", action="store_true", help="print each query and its time")
    parser.add_argument("--wrk", default="", help="base URL of a running server to load")
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    client = Client()
    if args.profile:
        client.get(args.profile)
        profiler = cProfile.Profile()
        profiler.enable()
        client.get(args.profile)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        return
    if args.wrk:
        print(f"{'page':24} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for name, url in PAGES.items():
            if not args.only or args.only in name:
                print(f"{name:24} {load(args.wrk, url, args.seconds)}")
        return
    print(f"{'page':24} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'KB':>7}  url")
    for name, url in PAGES.items():
        if args.only and args.only not in name:
            continue
        row = measure(client, url, args.repeat)
        print(
            f"{name:24} {row['median']:10.1f} {row['p95']:8.1f} {row['queries']:8d}"
            f" {row['kb']:7.0f}  {url}"
        )
        if args.sql:
            for ms, statement in row["sql"]:
                print(f"    {ms:8.1f} ms  {statement[:160]}")


if __name__ == "__main__":
    main()
