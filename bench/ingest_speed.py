"""Print how fast extraction runs: documents per second over 1,000 generated ~5 KB documents
(dry run: read + extract, no database) and the time of one document after warm-up.

Run: .venv/bin/python bench/ingest_speed.py [COUNT]
"""

from __future__ import annotations

import random
import sys
import time

from citypartners.ingest.extraction import extract_document
from citypartners.ingest.gazetteer import warm_up

CITIES = [
    ("Paris", "Frankreich"),
    ("Warschau", "Polen"),
    ("Kiew", "Ukraine"),
    ("Peking", "China"),
    ("Lyon", "Frankreich"),
    ("Bologna", "Italien"),
    ("Krakau", "Polen"),
    ("Tokio", "Japan"),
    ("Windhuk", "Namibia"),
    ("Prag", "Tschechien"),
    ("Mailand", "Italien"),
    ("Edinburgh", "Schottland"),
]
MONTHS = ["Januar", "März", "Mai", "Juli", "September", "November"]
FILLER = (
    "Der Austausch umfasst Kultur, Wissenschaft, Wirtschaft und Jugendbegegnungen. "
    "Zahlreiche Vereine, Schulen und Hochschulen tragen die Zusammenarbeit mit Leben. "
)


def make_document(rng: random.Random) -> bytes:
    home = rng.choice(["Leipzig", "Hamburg", "München", "Köln", "Dresden"])
    partners = rng.sample(CITIES, 6)
    lines = [
        f"Partnerstädte der Stadt {home}",
        f"Die Stadt {home} pflegt Partnerschaften mit {len(partners)} Städten. "
        f"Diese sind {', '.join(c for c, _ in partners[:-1])} und {partners[-1][0]}.",
        "Partnerstadt | Land | seit",
    ]
    for city, country in partners:
        lines.append(f"{city} | {country} | {rng.randint(1950, 2020)}")
    while sum(len(line) for line in lines) < 4800:
        year = rng.randint(1990, 2024)
        city = rng.choice(partners)[0]
        lines.append(
            f"Am {rng.randint(1, 28)}. {rng.choice(MONTHS)} {year} besuchte eine Delegation "
            f"aus {city} die Stadt {home}. {FILLER}In den Jahren {year} – {year + 2} "
            f"folgten weitere Projekte. Dieses Jahr war besonders."
        )
    return "\n".join(lines).encode("utf-8")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(1993)
    documents = [make_document(rng) for _ in range(count)]
    started = time.perf_counter()
    warm_up()
    extract_document(documents[0], path="warm-up.txt")
    print(f"warm-up (load GeoNames, build indexes): {time.perf_counter() - started:.2f} s")
    single = []
    for document in documents[:20]:
        started = time.perf_counter()
        extract_document(document, path="one.txt")
        single.append(time.perf_counter() - started)
    single.sort()
    started = time.perf_counter()
    for index, document in enumerate(documents):
        extract_document(document, path=f"doc-{index}.txt")
    elapsed = time.perf_counter() - started
    size = sum(len(d) for d in documents) / len(documents)
    print(f"documents: {count}, average size {size / 1024:.1f} KB")
    print(f"throughput: {count / elapsed:.1f} documents/second ({elapsed:.2f} s total)")
    print(f"one document after warm-up: median {single[len(single) // 2] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
