"""Score extraction against a gold file, next to a naive date-library baseline.

"High precision and recall" is a claim only a measurement can back, so the repository ships
gold files (what each document states, decided by a person) and this module scores any
extraction against them: partnerships match on the resolved city plus the start date at the
stated precision; events on start, end and precision, counted as multisets. The baseline is
what a developer gets by running ``dateparser.search.search_dates`` over the text: every
date it finds is an event, at the day precision it fills in, and every big city on a line
is a partner since the first date on that line.

Run ``python -m citypartners.ingest.evaluation GOLD.json`` to print the report.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from citypartners.ingest.extraction import extract_document
from citypartners.ingest.gazetteer import fold, get_gazetteer
from citypartners.ingest.place_mentions import find_place_mentions
from citypartners.ingest.reading import read_document

Key = tuple


def repo_root(start: Path) -> Path:
    """The nearest folder above ``start`` holding pyproject.toml (else ``start``'s folder)."""
    for folder in [start, *start.parents]:
        if (folder / "pyproject.toml").is_file():
            return folder
    return start.parent


def seeds_dir(start: Path | None = None) -> Path:
    """Where CI keeps the source documents: ``shared/seeds`` beside the repository."""
    root = repo_root((start or Path(__file__)).resolve())
    return root.parent / "shared" / "seeds"


def resolve_document(gold_path: Path, relative: str) -> Path:
    """A gold entry's file: relative to the gold file, else to ``shared/`` beside the repo."""
    candidates = [gold_path.parent / relative, seeds_dir(gold_path).parent / relative]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"gold document {relative!r} not found (tried {tried})")


def _city_key(name: str | None, geonames_id: int | None = None) -> object:
    if geonames_id is not None:
        return geonames_id
    place = get_gazetteer().resolve(name or "", allow_country_names=True)
    return place.geonames_id if place else fold(name or "")


def gold_partnership_keys(document: dict) -> list[Key]:
    return [
        (
            _city_key(item["city"], item.get("geonames_id")),
            item.get("since") or "",
            item.get("precision") or ("unknown" if not item.get("since") else ""),
        )
        for item in document.get("partnerships", [])
    ]


def gold_event_keys(document: dict) -> list[Key]:
    return [
        (item["date"], item.get("end") or "", item["precision"])
        for item in document.get("events", [])
    ]


def partnership_keys(result: dict) -> list[Key]:
    return [
        (_city_key(item["city"], item["geonames_id"]), item["since"] or "", item["precision"])
        for item in result["partnerships"]
    ]


def event_keys(result: dict) -> list[Key]:
    return [(item["date"], item["end"] or "", item["precision"]) for item in result["events"]]


def score(expected: Iterable[Key], found: Iterable[Key]) -> dict:
    """True/false positives and negatives, precision, recall and F1 of two multisets."""
    want, got = Counter(expected), Counter(found)
    tp = sum((want & got).values())
    fp = sum(got.values()) - tp
    fn = sum(want.values()) - tp
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def baseline(text: str, *, home: str | None = None) -> dict:
    """The naive approach: dateparser's ``search_dates`` plus every big city on a line."""
    from dateparser.search import search_dates

    found = search_dates(text, languages=["de", "en"]) or []
    positions: list[tuple[int, object]] = []
    cursor = 0
    for written, moment in found:
        at = text.find(written, cursor)
        at = at if at >= 0 else cursor
        positions.append((at, moment))
        cursor = at + len(written)
    events = [
        {"date": moment.date().isoformat(), "end": None, "precision": "day"}
        for _, moment in positions
    ]
    gazetteer = get_gazetteer()
    home_place = gazetteer.resolve(home) if home else None
    partnerships, seen = [], set()
    for mention in find_place_mentions(text, gazetteer):
        if mention.kind != "city" or mention.population < 15_000 or mention.place in seen:
            continue
        if home_place and mention.place.geonames_id == home_place.geonames_id:
            continue
        seen.add(mention.place)
        line_end = text.find("\n", mention.end)
        line_end = len(text) if line_end < 0 else line_end
        dates = [moment for at, moment in positions if mention.end <= at < line_end]
        partnerships.append(
            {
                "city": mention.place.name,
                "geonames_id": mention.place.geonames_id,
                "since": dates[0].date().isoformat() if dates else None,
                "precision": "day" if dates else "unknown",
            }
        )
    return {"partnerships": partnerships, "events": events}


def evaluate(gold_path: str | Path, *, with_baseline: bool = True) -> dict:
    """Score our extraction (and the baseline) on every document of a gold file."""
    gold_path = Path(gold_path)
    documents = json.loads(gold_path.read_text(encoding="utf-8"))
    totals: dict[str, dict[str, list]] = {
        side: {"partnerships": [[], []], "events": [[], []]} for side in ("ours", "baseline")
    }
    rows = []
    homes_right = 0
    for document in documents:
        path = resolve_document(gold_path, document["path"])
        data = path.read_bytes()
        result = extract_document(data, path=document["path"])
        expected_home = document.get("home")
        found_home = (result["home"] or {}).get("name")
        home_ok = _same_place(expected_home, found_home)
        homes_right += home_ok
        expected_p, expected_e = gold_partnership_keys(document), gold_event_keys(document)
        sides = {"ours": result}
        if with_baseline:
            text = read_document(data, path=document["path"]).text
            sides["baseline"] = baseline(text, home=expected_home)
        row = {"path": document["path"], "home_ok": home_ok}
        for side, output in sides.items():
            found_p, found_e = partnership_keys(output), event_keys(output)
            totals[side]["partnerships"][0] += expected_p
            totals[side]["partnerships"][1] += found_p
            totals[side]["events"][0] += expected_e
            totals[side]["events"][1] += found_e
            row[side] = {
                "partnerships": score(expected_p, found_p),
                "events": score(expected_e, found_e),
            }
        rows.append(row)
    report = {
        "gold": str(gold_path),
        "documents": len(documents),
        "home_correct": homes_right,
        "per_document": rows,
    }
    for side in totals if with_baseline else ("ours",):
        report[side] = {kind: score(*pair) for kind, pair in totals[side].items()}
    return report


def _same_place(expected: str | None, found: str | None) -> bool:
    if not expected or not found:
        return not expected and not found
    return _city_key(expected) == _city_key(found)


def format_report(report: dict) -> str:
    """The report as a small table: ours and the baseline side by side."""
    sides = [side for side in ("ours", "baseline") if side in report]
    lines = [
        f"gold: {report['gold']}  documents: {report['documents']}  "
        f"home city right: {report['home_correct']}/{report['documents']}",
        "",
        f"{'':14}" + "".join(f"{side:>32}" for side in sides),
        f"{'':14}" + "".join(f"{'P':>8}{'R':>8}{'F1':>8}{'tp/fp/fn':>10}" for _ in sides),
    ]
    for kind in ("partnerships", "events"):
        cells = ""
        for side in sides:
            s = report[side][kind]
            cells += f"{s['precision']:8.3f}{s['recall']:8.3f}{s['f1']:8.3f}"
            cells += f"{str(s['tp']) + '/' + str(s['fp']) + '/' + str(s['fn']):>10}"
        lines.append(f"{kind:14}{cells}")
    lines.append("")
    for row in report["per_document"]:
        ours = row["ours"]
        flags = "" if row["home_ok"] else "  (home city wrong)"
        lines.append(
            f"  {row['path']}: partnerships F1 {ours['partnerships']['f1']:.3f}, "
            f"events F1 {ours['events']['f1']:.3f}{flags}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m citypartners.ingest.evaluation GOLD.json [GOLD.json ...]")
        return 2
    for gold in args:
        print(format_report(evaluate(gold)))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
