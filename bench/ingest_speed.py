"""How ingestion time grows with the document, and how long the CLI takes to start.

Prints, for generated German partnership pages (this script's own text, never corpus text) of
5 KB, 50 KB, 500 KB and 1 MB: the time to read and extract each (in-process, after warm-up,
dry run: no database; wall and CPU, the CPU time being what counts on a shared machine) and its
ratio to the 5 KB time, beside the ratio of the sizes (equal
ratios mean linear growth). Then the time to read a 300-page PDF, and the wall time of
``citypartners ingest --dry-run --format json`` on a tiny document: cold (the gazetteer is built
and stored first, in an empty cache folder) and warm (loaded from that folder; median of 3),
and the time one process takes to load the stored gazetteer.

Each document runs under a time budget (``--max-seconds``, default 120): one over it is
reported as such, so the script always ends.

Run: .venv/bin/python bench/ingest_speed.py [--max-seconds N] [--skip-cli] [--skip-sizes]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from citypartners.ingest.extraction import extract_document
from citypartners.ingest.gazetteer import warm_up
from citypartners.ingest.reading import DocumentError, read_document, time_budget

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.pdfs import many_page_pdf

SIZES = [("5 KB", 5 * 1024), ("50 KB", 50 * 1024), ("500 KB", 500 * 1024), ("1 MB", 1024 * 1024)]
TINY = "Die Stadt Musterhausen pflegt seit 1991 eine Partnerschaft mit Krakau (Polen).\n"

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


def document_of_size(size: int, rng: random.Random) -> bytes:
    """Generated pages one after another until ``size`` bytes."""
    parts, total = [], 0
    while total < size:
        part = make_document(rng) + b"\n\n"
        parts.append(part)
        total += len(part)
    return b"".join(parts)[:size].rsplit(b"\n", 1)[0] + b"\n"


def timed_extract(data: bytes, name: str, max_seconds: float) -> tuple[float, float] | None:
    """Wall and CPU seconds of reading and extracting ``data``; None when over ``max_seconds``."""
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with time_budget(max_seconds, path=name):
            extract_document(data, path=name, max_bytes=len(data) + 1)
    except DocumentError:
        return None
    return time.perf_counter() - started, time.process_time() - cpu


def sizes(max_seconds: float) -> None:
    rng = random.Random(1993)
    warm_up()
    extract_document(make_document(rng), path="warm-up.txt")
    print(
        f"{'document':>10} {'bytes':>9} {'wall':>10} {'CPU':>10} {'CPU ratio':>10} "
        f"{'size ratio':>11}"
    )
    base_time = base_size = None
    for label, size in SIZES:
        data = document_of_size(size, rng)
        timed = timed_extract(data, f"{label}.txt", max_seconds)
        if timed is None:
            print(f"{label:>10} {len(data):>9} {'> ' + str(max_seconds) + ' s':>10}")
            continue
        wall, cpu = timed
        if base_time is None:
            base_time, base_size = cpu, len(data)
        print(
            f"{label:>10} {len(data):>9} {wall:>9.3f}s {cpu:>9.3f}s {cpu / base_time:>10.1f} "
            f"{len(data) / base_size:>11.1f}"
        )
    pdf = many_page_pdf(300)
    started = time.perf_counter()
    document = read_document(pdf, path="300-pages.pdf")
    print(
        f"read a 300-page PDF ({len(pdf)} bytes, {len(document.text)} characters): "
        f"{time.perf_counter() - started:.2f} s"
    )
    paragraph = "<p>Die Partnerschaft mit <b>Musterstadt</b> besteht seit 1987.</p>\n"
    budgets(
        [
            ("read 1 MB of HTML (16,000 paragraphs)", "flat.html", paragraph * 16_000),
            ("read 100,000 unclosed <p>", "open.html", "<p>Absatz" * 100_000),
            ("refuse 200,000 nested <div>", "deep.html", "<div>" * 200_000 + "x"),
            ("refuse a PDF of 50,000 pages", "50000.pdf", many_page_pdf(50_000)),
        ]
    )


def budgets(cases: list[tuple[str, str, str | bytes]]) -> None:
    for label, name, content in cases:
        data = content if isinstance(content, bytes) else f"<html><body>{content}".encode()
        started = time.perf_counter()
        try:
            read_document(data, path=name, max_bytes=len(data) + 1)
            outcome = "read"
        except DocumentError as error:
            outcome = str(error)
        print(f"{label} ({len(data)} bytes): {time.perf_counter() - started:.2f} s, {outcome}")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_cli(tiny: Path, cache: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one ``citypartners ingest`` process: on a
    shared machine the CPU time is what the process itself costs."""
    env = {**os.environ, "CITYPARTNERS_INGEST_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "citypartners", "ingest", "--dry-run", "--format", "json"]
    started, cpu = time.perf_counter(), children_cpu()
    subprocess.run([*command, str(tiny)], check=True, capture_output=True, env=env)
    return time.perf_counter() - started, children_cpu() - cpu


def cli() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tiny = Path(folder) / "tiny.txt"
        tiny.write_text(TINY, encoding="utf-8")
        cache = Path(folder) / "cache"
        cold, cold_cpu = run_cli(tiny, cache)
        runs = [run_cli(tiny, cache) for _ in range(3)]
        warm = statistics.median(wall for wall, _ in runs)
        warm_cpu = statistics.median(cpu for _, cpu in runs)
        env = {**os.environ, "CITYPARTNERS_INGEST_CACHE_DIR": str(cache)}
        code = (
            "import time; t, c = time.perf_counter(), time.process_time()\n"
            "from citypartners.ingest.gazetteer import warm_up; warm_up()\n"
            "print(time.perf_counter() - t, time.process_time() - c)"
        )
        loads = [
            [
                float(value)
                for value in subprocess.run(
                    [sys.executable, "-c", code],
                    check=True,
                    capture_output=True,
                    text=True,
                    env=env,
                ).stdout.split()
            ]
            for _ in range(3)
        ]
        stored = sum(f.stat().st_size for f in cache.iterdir())
    print(
        "citypartners ingest --dry-run of a tiny document, cold (gazetteer built): "
        f"{cold:.2f} s wall, {cold_cpu:.2f} s CPU"
    )
    print(
        "citypartners ingest --dry-run of a tiny document, warm (median of 3): "
        f"{warm:.2f} s wall, {warm_cpu:.2f} s CPU"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (on {os.cpu_count()} cores)")
    print(
        "loading the stored gazetteer in a new process (median of 3): "
        f"{statistics.median(wall for wall, _ in loads):.2f} s wall, "
        f"{statistics.median(cpu for _, cpu in loads):.2f} s CPU ({stored / 1e6:.1f} MB on disk)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-seconds", type=float, default=120.0)
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--skip-sizes", action="store_true")
    options = parser.parse_args()
    if not options.skip_sizes:
        sizes(options.max_seconds)
    if not options.skip_cli:
        cli()


if __name__ == "__main__":
    main()
