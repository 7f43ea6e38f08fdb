"""Every extra and every missed event, with its sentence, on build material (issue 11).

Usage (from the project's root, its virtual environment active):

    python bench/event_errors.py --build ../shared/ingest-corpus/de/gold.json \
        ../shared/ingest-corpus/en/gold.json --all /work/devcorpus/de/gold.json \
        /work/devcorpus/en/gold.json /work/dev2/de/gold.json

``--build`` files are read for their build part only (the corpus's measure part is never read);
``--all`` files (the dev sets, all build material) whole. Events match as ``evaluate`` matches
them: per document, as sets of (date, end date), optional gold neither missed nor extra. The
last lines give P/R/F1 per gold file and over all.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from citypartners.ingest.evaluation import event_key, load_gold, prf
from citypartners.ingest.extraction import extract_document


def _errors(gold_path: str, build_only: bool) -> tuple[list[str], list[int]]:
    lines: list[str] = []
    counts = [0, 0, 0]
    for document in load_gold(gold_path):
        if (build_only and document.part != "build") or document.events is None:
            continue
        output = extract_document(document.path.read_bytes(), path=str(document.path))
        wanted = {e["key"] for e in document.events if not e["optional"]}
        optional = {e["key"] for e in document.events if e["optional"]} - wanted
        found: dict[tuple, dict] = {}
        for event in output.get("events", []):
            found.setdefault(event_key(event), event)
        counted = set(found) - optional
        counts[0] += len(wanted & counted)
        counts[1] += len(counted)
        counts[2] += len(wanted)
        for key in sorted(counted - wanted):
            lines.append(f"extra  {document.name} {key[0]}: {found[key]['summary'][:200]}")
        evidence = {e["key"]: e["evidence"] for e in document.events}
        for key in sorted(wanted - counted):
            lines.append(f"missed {document.name} {key[0]}: {evidence[key][:200]}")
    return lines, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", nargs="*", default=[], help="gold files read for build only")
    parser.add_argument("--all", nargs="*", default=[], help="gold files read whole")
    args = parser.parse_args()
    total = [0, 0, 0]
    summaries = []
    for gold_path, build_only in [(p, True) for p in args.build] + [(p, False) for p in args.all]:
        if not Path(gold_path).is_file():
            print(f"(absent: {gold_path})")
            continue
        lines, counts = _errors(gold_path, build_only)
        print("\n".join(lines))
        total = [a + b for a, b in zip(total, counts, strict=True)]
        summaries.append((gold_path, counts))
    for name, counts in [*summaries, ("all", total)]:
        f = prf(*counts)
        print(
            f"{name}: events P={f['precision']:.3f} R={f['recall']:.3f} F1={f['f1']:.3f} "
            f"({counts[0]}/{counts[2]} gold, {counts[1]} counted predictions)"
        )


if __name__ == "__main__":
    main()
