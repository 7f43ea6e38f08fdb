"""Search latency with a national-size index: the Berlin entries plus N synthetic ones.

Prints the median and 95th percentile of `search()` for exact, alias, multi-word, typo and
nonsense queries, and the number of SQL queries each made. Everything is written inside a
transaction that is rolled back, so the database is left as it was. Run it on SQLite (the
default) and on PostgreSQL (DATABASE_URL=postgresql://…) to compare the two paths:

    .venv/bin/python bench/search_scale.py [--entries 50000] [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citypartners.settings")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402

from citypartners.places.models import normalise_name  # noqa: E402
from citypartners.search.models import SearchEntry  # noqa: E402
from citypartners.search.queries import search  # noqa: E402
from citypartners.search.services import _update_vectors, rebuild_index  # noqa: E402

QUERIES = ["Peking", "CDMX", "Jugendaustausch", "Mexiko Stadt", "Pekign", "qqqxxzz"]
SYLLABLES = [
    "ber",
    "lin",
    "ham",
    "burg",
    "mün",
    "chen",
    "kol",
    "stadt",
    "dorf",
    "hau",
    "sen",
    "wald",
    "feld",
    "bach",
    "heim",
    "ingen",
    "ow",
    "itz",
    "au",
    "rode",
]


class Rollback(Exception):
    pass


def _synthetic(count: int) -> list[SearchEntry]:
    rng = random.Random(1)
    rows = []
    for n in range(count):
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        title = f"{name} – Partnerschaft {n}"
        rows.append(
            SearchEntry(
                kind=rng.choice(["place", "partnership", "activity"]),
                object_id=10_000_000 + n,
                title_de=title,
                title_en=title,
                context_de="Stadt",
                context_en="City",
                body_de=f"Austausch zwischen {name} und seinen Partnern seit {1950 + n % 70}.",
                body_en=f"Exchange between {name} and its partners since {1950 + n % 70}.",
                names=normalise_name(name),
                names_as_written=name,
                folded=normalise_name(f"{name} {title} austausch exchange partner"),
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=20)
    options = parser.parse_args()
    print(f"database: {connection.vendor}; synthetic entries: {options.entries}")
    try:
        with transaction.atomic():
            rebuild_index()
            SearchEntry.objects.bulk_create(_synthetic(options.entries), batch_size=2000)
            _update_vectors(None, None)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE search_searchentry")
            total = SearchEntry.objects.count()
            print(f"entries in the index: {total}")
            print(f"{'query':<18}{'median ms':>10}{'p95 ms':>10}{'queries':>9}{'results':>9}")
            for query in QUERIES:
                timings = []
                with translation.override("de"):
                    for _ in range(options.repeat):
                        with CaptureQueriesContext(connection) as queries:
                            start = time.perf_counter()
                            results = search(query)
                            timings.append((time.perf_counter() - start) * 1000)
                timings.sort()
                p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
                print(
                    f"{query:<18}{statistics.median(timings):>10.1f}{p95:>10.1f}"
                    f"{len(queries):>9}{results.total:>9}"
                )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
