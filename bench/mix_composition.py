"""What the Zipf mix of national_scale.py is made of, and how many of its visits can hit a cache.

    .venv/bin/python bench/mix_composition.py --database-url postgresql://…/cp_perf_bench

It reads the mix's URLs from a built database (`national_scale.public_urls`, the same order and
seed), then prints, without starting a server: the share of visits per kind of URL (home pages,
partnership pages, API lists, …), and for runs of a given number of visits the share that
must miss a cache that starts empty (each URL's first visit), computed exactly from the Zipf
weights, against a cache that is already warm with the most visited URLs. The share of misses
and the time of a miss and of a hit decide the mix's requests per second; it never asserts.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import loadgen  # noqa: E402  (bench/, beside this script)
import national_scale  # noqa: E402

KINDS = [
    ("home page", re.compile(r"^/(de|en)/$")),
    ("partnership page", re.compile(r"^/(de/partnerschaften|en/partnerships)/")),
    ("source page", re.compile(r"^/(de/quellen|en/sources)/.+")),
    ("API activities of a partnership", re.compile(r"^/api/v1/activities\?partnership=")),
    ("API partnerships of a home", re.compile(r"^/api/v1/partnerships\?home=")),
    ("API places of a country", re.compile(r"^/api/v1/places\?country=")),
    ("API whole lists", re.compile(r"^/api/v1/\w+$")),
]


def kind_of(url: str) -> str:
    for name, pattern in KINDS:
        if pattern.search(url):
            return name
    return "other pages (calendar, sources, national overview)"


def expected_misses(weights: list[float], visits: int) -> float:
    """Expected share of `visits` independent draws that see their URL for the first time:
    E[distinct URLs] / visits, with E[distinct] = sum over URLs of 1 - (1 - p)^visits."""
    distinct = sum(-math.expm1(visits * math.log1p(-p)) for p in weights)
    return distinct / visits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=national_scale.DEFAULT_DATABASE_URL)
    parser.add_argument("--zipf-s", type=float, default=1.1)
    args = parser.parse_args(argv)
    national_scale.setup_django(args.database_url, cache_seconds=0, redis_url="")
    urls = national_scale.public_urls()
    mix = loadgen.Zipf(urls, s=args.zipf_s)
    total = mix.cumulative[-1]
    weights = [
        (mix.cumulative[i] - (mix.cumulative[i - 1] if i else 0.0)) / total
        for i in range(len(urls))
    ]
    shares: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for url, weight in zip(urls, weights, strict=True):
        shares[kind_of(url)] += weight
        counts[kind_of(url)] += 1
    print(f"{len(urls):,} distinct URLs, s = {args.zipf_s}")
    print(f"{'kind':52} {'URLs':>8} {'share of visits':>16}")
    for name, share in sorted(shares.items(), key=lambda item: -item[1]):
        print(f"{name:52} {counts[name]:>8,} {share:>15.1%}")
    print()
    print("visits in a run    misses, cache empty at the start    misses, top 1,000 URLs warm")
    top = 1_000
    cold_tail = weights[top:]
    for visits in (20, 100, 1_000, 10_000, 100_000, 1_000_000):
        cold = expected_misses(weights, visits)
        warm = sum(-math.expm1(visits * math.log1p(-p)) for p in cold_tail) / visits
        print(f"{visits:>15,} {cold:>34.1%} {warm:>30.1%}")
    print()
    print(
        "Requests per second of the mix, as a share of the trivial app's, for a share m of "
        "misses: 1 / (m / u + (1 - m) / c), where u and c are the uncached and cached shares "
        "of the pages in the mix."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
