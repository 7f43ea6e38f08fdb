"""How long the search index takes to rebuild, on a database built by national_scale.py.

    .venv/bin/python bench/reindex_speed.py --database-url postgresql://…/cp_perf_bench
    .venv/bin/python bench/reindex_speed.py --database-url … --python   # the old way too

It times `citypartners reindex`'s two steps (the rebuild, then ANALYZE), step by step, and
with --python also the Python-builder path that PostgreSQL used before the shadow table (the
one SQLite still uses: every entry a model instance, one transaction, vectors by UPDATE).
It prints the figures and a linear extrapolation to the national index (1.08 million
entries); it never asserts.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NATIONAL_ENTRIES = 1_080_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database-url", default="postgresql://postgres@127.0.0.1:5432/citypartners_bench"
    )
    parser.add_argument("--python", action="store_true", help="also time the Python builders")
    args = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.pop("CITYPARTNERS_TEST_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citypartners.settings")
    sys.path.insert(0, str(REPO / "src"))
    import django

    django.setup()
    from citypartners.search.services import _rebuild_in_python, analyze_tables, rebuild_index

    started = time.perf_counter()

    def progress(step: str) -> None:
        print(f"{time.perf_counter() - started:8.1f} s  {step}", flush=True)

    count = rebuild_index(progress=progress)
    built = time.perf_counter()
    analyze_tables()
    analysed = time.perf_counter()
    rebuild, analyse = built - started, analysed - built
    print(f"shadow-table rebuild: {count} entries in {rebuild:.1f} s, ANALYZE {analyse:.1f} s")
    print(
        f"  {count / rebuild:,.0f} entries/s; at {NATIONAL_ENTRIES:,} entries, linearly: "
        f"{NATIONAL_ENTRIES / count * rebuild / 60:.1f} min"
    )
    if args.python:
        started = time.perf_counter()
        count = _rebuild_in_python()
        seconds = time.perf_counter() - started
        print(f"Python builders, one transaction: {count} entries in {seconds:.1f} s")
        print(
            f"  {count / seconds:,.0f} entries/s; at {NATIONAL_ENTRIES:,} entries, linearly: "
            f"{NATIONAL_ENTRIES / count * seconds / 60:.1f} min"
        )
        rebuild_index()  # leave the index as the product builds it
        analyze_tables()
    return 0


if __name__ == "__main__":
    sys.exit(main())
