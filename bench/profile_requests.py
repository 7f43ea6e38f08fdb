"""Where an uncached request spends its time: cProfile of the measured requests, in-process,
on a database built by national_scale.py, with the settings its gunicorn workers get.

    .venv/bin/python bench/profile_requests.py --database-url postgresql://…/cp_perf_bench
    .venv/bin/python bench/profile_requests.py --only "API partnerships, all" --top 25

Each request runs once to warm up (imports, URL resolver, template loader), then --repeat
times under cProfile through Django's WSGI handler (every middleware, no cache: the settings
of the "uncached" mode of national_scale.py). It prints, per request, the wall time per
request, the time spent inside the database driver, and the top entries by cumulative time
that belong to citypartners, Django's ORM, templates and JSON; it never asserts.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import national_scale  # noqa: E402  (bench/, beside this script)

# Whose functions the summary shows: ours, and the framework parts a list page goes through.
SHOWN = (
    "citypartners/",
    "django/db/models/query.py",
    "django/db/models/base.py",
    "django/db/models/sql/compiler.py",
    "django/template/base.py",
    "django/template/loader_tags.py",
    "django/template/defaulttags.py",
    "json/encoder.py",
    "psycopg/cursor.py",
)


def _requester(handler, path: str):
    from django.test import RequestFactory

    factory = RequestFactory(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")

    def once() -> int:
        request = factory.get(path)
        environ = request.environ
        status = []
        body = handler(environ, lambda s, _h, *_a: status.append(s))
        for _chunk in body:
            pass
        getattr(body, "close", lambda: None)()
        return int(status[0].split()[0])

    return once


def cpu_and_wall(handler, path: str, repeat: int) -> tuple[float, float]:
    """Median CPU time of this process and median wall time of a request, without a profiler:
    on a shared machine the CPU time is what the request costs Python, whatever the load (the
    database's own time is in the wall time only)."""
    once = _requester(handler, path)
    once()
    cpu, wall = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        once()
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started)
    return statistics.median(cpu), statistics.median(wall)


def profile(handler, path: str, repeat: int) -> tuple[float, pstats.Stats]:
    once = _requester(handler, path)
    code = once()
    if code != 200:
        raise SystemExit(f"{path}: {code}")
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(repeat):
        once()
    profiler.disable()
    return (time.perf_counter() - started) / repeat, pstats.Stats(profiler)


def summary(stats: pstats.Stats, repeat: int, top: int) -> list[str]:
    rows = []
    driver = 0.0
    for (filename, line, function), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():
        if filename.endswith("psycopg/cursor.py") and function == "execute":
            driver += cumulative
        if any(part in filename for part in SHOWN):
            short = filename.split("site-packages/")[-1].split("src/")[-1]
            rows.append((cumulative / repeat, f"{short}:{line}({function})"))
    rows.sort(reverse=True)
    lines = [f"    SQL (psycopg execute): {driver / repeat * 1000:7.1f} ms a request"]
    lines += [f"    {seconds * 1000:7.1f} ms  {where}" for seconds, where in rows[:top]]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=national_scale.DEFAULT_DATABASE_URL)
    parser.add_argument("--only", default="", help="profile only requests containing this")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--dump", type=Path, help="also write each profile here (.prof files)")
    parser.add_argument(
        "--cpu", action="store_true", help="no profile: median CPU and wall time a request"
    )
    args = parser.parse_args(argv)
    national_scale.setup_django(args.database_url, cache_seconds=0, redis_url="")
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()
    urls = {k: v for k, v in national_scale.endpoints().items() if args.only.lower() in k.lower()}
    for name, path in urls.items():
        if args.cpu:
            cpu, wall = cpu_and_wall(handler, path, args.repeat)
            print(f"{name:40} CPU {cpu * 1000:7.1f} ms  wall {wall * 1000:7.1f} ms", flush=True)
            continue
        seconds, stats = profile(handler, path, args.repeat)
        print(f"{name}  {path}\n    {seconds * 1000:7.1f} ms a request (under cProfile)")
        print("\n".join(summary(stats, args.repeat, args.top)), flush=True)
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            stats.dump_stats(str(args.dump / f"{name.replace(' ', '_').replace(',', '')}.prof"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
