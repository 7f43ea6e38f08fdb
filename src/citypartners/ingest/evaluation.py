"""Score extraction against gold, by error class, next to a fair date-library baseline.

"High precision and recall" is a claim only a measurement can back. Gold files say what each
document states, decided by a person; this module scores any extraction against them with the
matching of the real corpus's ``score.py`` (``../shared/ingest-corpus/``), in-process:

- a partnership is right when the partner's name (or its name as written) and country agree
  and its ``since`` equals the gold's or one of the gold's ``accept`` values;
- events compare per document as sets of (date, end date);
- optional gold items count neither as misses nor as false positives.

Each error is also put in a class that says what to fix: partner missed, date lost, wrong
precision, wrong date, wrong home, extra place, extra event, event missed; each class keeps up to
three examples with their evidence.

Two gold formats are read: the corpus's (``doc``, ``home_city``, ``partnerships`` with
``country``/``accept``/``optional``; the texts in ``docs/`` beside the gold file) and the
project's own (``tests/ingest/gold/*.json``: ``path``, ``home``, items with ``precision``).

The corpus is split by home place with a fixed rule (``split_of``), into a part the rules are
built on and a part only measured on, so the measured figures are not fitted to their texts.

The baseline is what a developer gets from a general date library and the gazetteer with no
rules of ours: dateparser finds the dates and gives their precision (``DateDataParser``'s
``period``), every place the gazetteer knows on a line is a partner since the nearest date on
that line, and every dated mention is an event.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ERROR_CLASSES = (
    "partner missed",
    "date lost",
    "wrong precision",
    "wrong date",
    "wrong home",
    "extra place",
    "extra event",
    "event missed",
)
EXAMPLES_PER_CLASS = 3
SPLITS = ("build", "measure")


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


def corpus_dir(start: Path | None = None) -> Path:
    """The real corpus: ``shared/ingest-corpus`` beside the repository."""
    root = repo_root((start or Path(__file__)).resolve())
    return root.parent / "shared" / "ingest-corpus"


def resolve_document(gold_path: Path, relative: str) -> Path:
    """A gold entry's file: relative to the gold file, else to ``shared/`` beside the repo."""
    candidates = [gold_path.parent / relative, seeds_dir(gold_path).parent / relative]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"gold document {relative!r} not found (tried {tried})")


def split_of(home: str) -> str:
    """``measure`` for a third of the home places (fixed by a hash of the name), else ``build``."""
    digest = hashlib.sha256(home.strip().casefold().encode("utf-8")).hexdigest()
    return "measure" if int(digest[:8], 16) % 3 == 0 else "build"


# --- gold ------------------------------------------------------------------------------------


@dataclass
class GoldDocument:
    """One document's gold, in one shape whichever file format it came from."""

    name: str
    path: Path
    home: str
    partnerships: list[dict]
    events: list[dict] | None  # None: the gold does not list events, they are not scored
    language: str = ""
    title: str = ""

    @property
    def part(self) -> str:
        return split_of(self.home)


def load_gold(gold_path: str | Path) -> list[GoldDocument]:
    """The documents of a gold file of either format; raises ValueError on another shape."""
    gold_path = Path(gold_path)
    entries = json.loads(gold_path.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise ValueError("a gold file holds a list of documents")
    documents = []
    for entry in entries:
        if "doc" in entry:
            documents.append(_corpus_entry(gold_path, entry))
        elif "path" in entry:
            documents.append(_project_entry(gold_path, entry))
        else:
            raise ValueError("gold entry without 'doc' or 'path'")
    return documents


def _corpus_entry(gold_path: Path, entry: dict) -> GoldDocument:
    path = gold_path.parent / "docs" / entry["doc"]
    if not path.is_file():
        raise FileNotFoundError(f"gold document {entry['doc']!r} not found (tried {path})")
    events = None
    if "events" in entry:
        events = [
            {
                "key": event_key(item),
                "optional": bool(item.get("optional")),
                "evidence": item.get("evidence") or item.get("summary") or "",
            }
            for item in entry["events"]
        ]
    return GoldDocument(
        name=entry["doc"],
        path=path,
        home=entry["home_city"],
        partnerships=[
            {
                "city": item["city"],
                "as_written": item.get("as_written"),
                "country": item.get("country"),
                "since": item.get("since") or None,
                "accept": list(item.get("accept") or []),
                "optional": bool(item.get("optional")),
                "evidence": item.get("evidence") or "",
            }
            for item in entry["partnerships"]
        ],
        events=events,
        language=entry.get("language", ""),
        title=entry.get("title", ""),
    )


def _project_entry(gold_path: Path, entry: dict) -> GoldDocument:
    return GoldDocument(
        name=entry["path"],
        path=resolve_document(gold_path, entry["path"]),
        home=entry.get("home") or "",
        partnerships=[
            {
                "city": item["city"],
                "as_written": item.get("as_written"),
                "country": item.get("country"),  # the project's gold names no country
                "since": item.get("since") or None,
                "accept": [],
                "optional": bool(item.get("optional")),
                "evidence": item.get("note") or "",
            }
            for item in entry.get("partnerships", [])
        ],
        events=[
            {
                "key": event_key(item),
                "optional": bool(item.get("optional")),
                "evidence": item.get("note") or "",
            }
            for item in entry.get("events", [])
        ],
        language=entry.get("language", ""),
    )


# --- matching (as score.py) ------------------------------------------------------------------


def norm(name: str | None) -> str:
    """Letters and digits only, without accents or case."""
    name = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().casefold()
    return "".join(ch for ch in name if ch.isalnum())


def same_city(a: str | None, b: str | None) -> bool:
    """Equal, one inside the other, or close in spelling (ratio ≥ 0.85) after ``norm``."""
    a, b = norm(a), norm(b)
    return bool(a and b) and (
        a == b or a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85
    )


def event_key(event: dict) -> tuple[str, str]:
    """(date, end) of an event; a single date ends on itself, an open range on its start."""
    date = event.get("date")
    if isinstance(date, dict):
        return (str(date.get("from")), str(date.get("to") or date.get("from")))
    end = event.get("end")
    return (str(date), str(end) if end not in (None, "", date) else str(date))


def _same_partner(predicted: dict, gold: dict) -> bool:
    country = (gold.get("country") or "").upper()
    if country and (predicted.get("country") or "").upper() != country:
        return False
    names = (predicted.get("city"), predicted.get("city_as_written"))
    return any(same_city(n, gold["city"]) or same_city(n, gold.get("as_written")) for n in names)


def _gold_dates(gold: dict) -> set:
    return {gold.get("since") or None, *(gold.get("accept") or [])}


def _coarser_or_finer(found: str, wanted: Iterable[str | None]) -> bool:
    """The same date at another precision: 1996 against 1996-08, or 1996-08-15 against 1996-08."""
    for date in wanted:
        if date and found != date and (found.startswith(date) or date.startswith(found)):
            return True
    return False


def _home_name(home: str) -> str:
    return re.sub(r"\s*\([^)]*\)\s*$", "", home or "").strip()


# words that join a town's name to its river or its kind ("Eislingen an der Fils" is
# "Eislingen/Fils"); dropped before two home names are compared
_NAME_CONNECTORS = re.compile(r"(?i)\b(?:an\s+der|am|an|upon|on|sur|bei|im)\b|/")


def same_home(found: str | None, gold: str) -> bool:
    """Whether ``found`` names the gold's home.

    The gold writes a home with a note in brackets: a kind ("Hesse (state)", "Landkreis
    Havelland (district)"), which is no name, or the council or borough that speaks for the
    town ("Halifax (Calderdale)", "Tonbridge (Tonbridge and Malling Borough Council)"), which
    names the same home and counts. "none (…)" means the page has no home: only no answer is
    right. Names are compared as ``same_city`` compares them, also without the words that tie a
    town to its river ("Eislingen/Fils", "Eislingen an der Fils").
    """
    gold = gold.strip()
    if gold.casefold().startswith("none"):
        return not found
    if not found:
        return False
    names = [_home_name(gold), re.sub(r",[^,()]*$", "", _home_name(gold))]
    bracket = re.search(r"\(([^)]*)\)", gold)
    # a bracket of capitalised words (and "and") names a body, not a kind
    if bracket and all(w[:1].isupper() or w == "and" for w in bracket.group(1).split()):
        names.append(bracket.group(1))
    bare = _NAME_CONNECTORS.sub(" ", found)
    return any(
        same_city(found, name) or same_city(bare, _NAME_CONNECTORS.sub(" ", name))
        for name in names
        if name
    )


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _evidence(item: dict) -> str:
    evidence = item.get("evidence")
    if isinstance(evidence, dict):
        evidence = evidence.get("text")
    return _clip(evidence or item.get("summary") or "")


@dataclass
class DocumentScore:
    """What one output gave on one document: the counts score.py adds up, and the errors."""

    name: str
    part: str
    partnership_tp: int = 0
    partnership_predicted: int = 0
    partnership_gold: int = 0
    event_tp: int = 0
    event_predicted: int = 0
    event_gold: int = 0
    errors: list[tuple[str, dict]] = field(default_factory=list)


def score_document(gold: GoldDocument, output: dict) -> DocumentScore:
    """Score one output (the JSON of ``ingest --format json``) against one document's gold."""
    result = DocumentScore(name=gold.name, part=gold.part)
    predictions = list(output.get("partnerships", []))
    unused = list(predictions)

    def take(item: dict) -> bool:
        for predicted in unused:
            if _same_partner(predicted, item) and (predicted.get("since") or None) in _gold_dates(
                item
            ):
                unused.remove(predicted)
                return True
        return False

    def error(kind: str, what: str, evidence: str) -> None:
        result.errors.append((kind, {"document": gold.name, "what": what, "evidence": evidence}))

    required = [item for item in gold.partnerships if not item["optional"]]
    optional = [item for item in gold.partnerships if item["optional"]]
    wrongly_dated = []
    for item in required:
        result.partnership_gold += 1
        if take(item):
            result.partnership_tp += 1
            continue
        same = [p for p in predictions if _same_partner(p, item)]
        wanted = _gold_dates(item)
        what = f"{item['city']} ({item.get('country') or '?'}) since {item.get('since')}"
        if not same:
            error("partner missed", what, _clip(item["evidence"]))
            continue
        wrongly_dated.append(item)
        found = [p.get("since") for p in same]
        found_text = ", ".join(str(f) for f in found)
        if None in found and wanted - {None}:
            error("date lost", f"{what}; found no date", _evidence(same[found.index(None)]))
        elif any(f and _coarser_or_finer(f, wanted) for f in found):
            error("wrong precision", f"{what}; found {found_text}", _evidence(same[0]))
        else:
            error("wrong date", f"{what}; found {found_text}", _evidence(same[0]))
    optional_hits = sum(take(item) for item in optional)
    result.partnership_predicted = len(predictions) - optional_hits
    for predicted in unused:
        if any(_same_partner(predicted, item) for item in wrongly_dated):
            continue  # the other side of a date error above
        error(
            "extra place",
            f"{predicted.get('city')} ({predicted.get('country')}) since {predicted.get('since')}",
            _evidence(predicted),
        )

    found_home = (output.get("home") or {}).get("name")
    if gold.home and not same_home(found_home, gold.home):
        error(
            "wrong home",
            f"home {gold.home}; found {found_home or 'none'}",
            _clip(gold.title or ((output.get("source") or {}).get("title")) or ""),
        )

    if gold.events is not None:
        wanted_keys = {e["key"] for e in gold.events if not e["optional"]}
        optional_keys = {e["key"] for e in gold.events if e["optional"]} - wanted_keys
        found_events = {}
        for event in output.get("events", []):
            found_events.setdefault(event_key(event), event)
        found_keys = set(found_events) - optional_keys
        result.event_tp = len(wanted_keys & found_keys)
        result.event_predicted = len(found_keys)
        result.event_gold = len(wanted_keys)
        evidence_of = {e["key"]: e["evidence"] for e in gold.events}
        for key in sorted(wanted_keys - found_keys):
            error("event missed", _span(key), _clip(evidence_of.get(key, "")))
        for key in sorted(found_keys - wanted_keys):
            error("extra event", _span(key), _evidence(found_events[key]))
    return result


def _span(key: tuple[str, str]) -> str:
    return key[0] if key[0] == key[1] else f"{key[0]}–{key[1]}"


def prf(tp: int, predicted: int, gold: int) -> dict:
    """Precision, recall and F1 as score.py computes them (nothing to find and nothing found: 1)."""
    precision = tp / predicted if predicted else (1.0 if not gold else 0.0)
    recall = tp / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "predicted": predicted,
        "gold": gold,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def summarise(scores: list[DocumentScore]) -> dict:
    """Figures and error classes (count and up to three examples each) over documents."""
    errors: dict[str, dict] = {kind: {"count": 0, "examples": []} for kind in ERROR_CLASSES}
    for document in scores:
        for kind, example in document.errors:
            errors[kind]["count"] += 1
            if len(errors[kind]["examples"]) < EXAMPLES_PER_CLASS:
                errors[kind]["examples"].append(example)
    return {
        "documents": len(scores),
        "partnerships": prf(
            sum(s.partnership_tp for s in scores),
            sum(s.partnership_predicted for s in scores),
            sum(s.partnership_gold for s in scores),
        ),
        "events": prf(
            sum(s.event_tp for s in scores),
            sum(s.event_predicted for s in scores),
            sum(s.event_gold for s in scores),
        ),
        "errors": errors,
    }


# --- the baseline ----------------------------------------------------------------------------

_CAPITALISED = re.compile(r"\b[A-ZÄÖÜ][\w'’.-]*(?:[ -][A-ZÄÖÜ][\w'’.-]*){0,2}", re.UNICODE)
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_BARE_YEAR = re.compile(r"(?<![\d.,/-])(?:1[89]|20)\d\d(?![\d.,/-]\d)")
BASELINE_MIN_POPULATION = 15_000


def baseline(text: str, *, home: str | None = None) -> dict:
    """A general date library and the gazetteer, no rules of ours, in the ingest JSON shape.

    Dates: ``dateparser.search.search_dates`` finds them, and every year 1800-2099 standing
    alone (which search_dates skips) is a candidate too; ``DateDataParser`` gives each its
    ``period`` (day, month or year), which is the precision it is reported at. A date without a
    year in its text is skipped (it cannot be written as an ISO date at its precision). Places:
    every run of capitalised words the gazetteer resolves to a city of at least 15,000 people,
    other than the home (which the baseline is told, like ``--home``), is a partner since the
    nearest date on its line. Every date is an event.
    """
    from dateparser import DateDataParser
    from dateparser.search import search_dates

    from citypartners.ingest.gazetteer import get_gazetteer

    settings = {"RETURN_AS_TIMEZONE_AWARE": False}
    found = search_dates(text, languages=["de", "en"], settings=settings) or []
    parser = DateDataParser(languages=["de", "en"], settings=settings)
    candidates: list[tuple[int, str]] = []  # (offset, written)
    cursor = 0
    for written, _moment in found:
        at = text.find(written, cursor)
        if at >= 0:
            candidates.append((at, written))
            cursor = at + len(written)
    covered = [(at, at + len(written)) for at, written in candidates]
    for match in _BARE_YEAR.finditer(text):  # search_dates skips a year standing alone
        if not any(start <= match.start() < end for start, end in covered):
            candidates.append((match.start(), match.group()))
    dates: list[tuple[int, str, str]] = []  # (offset, iso cut to precision, written)
    for at, written in sorted(candidates):
        if not _YEAR.search(written):
            continue
        data = parser.get_date_data(written)
        if data.date_obj is None:
            continue
        iso = data.date_obj.date().isoformat()
        iso = {"year": iso[:4], "month": iso[:7]}.get(data.period or "day", iso)
        dates.append((at, iso, written))
    events = [
        {"date": iso, "end": None, "summary": written, "evidence": {"text": _line_at(text, at)}}
        for at, iso, written in dates
    ]
    gazetteer = get_gazetteer()
    home_name = _home_name(home or "")
    partnerships, seen = [], set()
    for match in _CAPITALISED.finditer(text):
        name = match.group().rstrip(".-")
        place = gazetteer.resolve(name, min_population=BASELINE_MIN_POPULATION)
        if place is None or place.geonames_id in seen:
            continue
        if home_name and (same_city(place.name, home_name) or same_city(name, home_name)):
            continue
        seen.add(place.geonames_id)
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        on_line = [(abs(at - match.start()), iso) for at, iso, _ in dates if start <= at < end]
        partnerships.append(
            {
                "city": place.name,
                "city_as_written": name,
                "country": place.country,
                "geonames_id": place.geonames_id,
                "since": min(on_line)[1] if on_line else None,
                "evidence": {"text": text[start:end]},
            }
        )
    return {
        "home": {"name": home_name} if home_name else None,
        "partnerships": partnerships,
        "events": events,
    }


def _line_at(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : len(text) if end < 0 else end]


# --- evaluation ------------------------------------------------------------------------------


def evaluate(
    gold_paths: str | Path | Iterable[str | Path],
    *,
    with_baseline: bool = True,
    split: str = "all",
) -> dict:
    """Score our extraction (and the baseline) on the documents of one or more gold files.

    ``split`` is ``build``, ``measure`` or ``all`` (both parts, each reported on its own, and
    the whole). Extraction runs without the registry's aliases, so the figures do not depend
    on what a database holds.
    """
    from citypartners.ingest.extraction import extract_document
    from citypartners.ingest.reading import read_document

    if isinstance(gold_paths, str | Path):
        gold_paths = [gold_paths]
    if split not in (*SPLITS, "all"):
        raise ValueError(f"split is build, measure or all, not {split!r}")
    documents = [doc for path in gold_paths for doc in load_gold(path)]
    if split != "all":
        documents = [doc for doc in documents if doc.part == split]
    sides: dict[str, list[DocumentScore]] = {"ours": []}
    if with_baseline:
        sides["baseline"] = []
    for document in documents:
        data = document.path.read_bytes()
        output = extract_document(data, path=str(document.path))
        sides["ours"].append(score_document(document, output))
        if with_baseline:
            text = read_document(data, path=str(document.path)).text
            sides["baseline"].append(score_document(document, baseline(text, home=document.home)))
    parts = SPLITS if split == "all" else (split,)
    report: dict = {
        "gold": [str(path) for path in gold_paths],
        "split": split,
        "documents": len(documents),
        "parts": {},
    }
    for part in parts:
        report["parts"][part] = {
            side: summarise([s for s in scores if s.part == part]) for side, scores in sides.items()
        }
    if split == "all":
        report["parts"]["all"] = {side: summarise(scores) for side, scores in sides.items()}
    report["per_document"] = [
        {
            "document": score.name,
            "part": score.part,
            **{
                kind: prf(*counts)
                for kind, counts in (
                    (
                        "partnerships",
                        (
                            score.partnership_tp,
                            score.partnership_predicted,
                            score.partnership_gold,
                        ),
                    ),
                    ("events", (score.event_tp, score.event_predicted, score.event_gold)),
                )
            },
            "errors": [kind for kind, _ in score.errors],
        }
        for score in sides["ours"]
    ]
    return report


def _figures(summary: dict) -> str:
    p, e = summary["partnerships"], summary["events"]
    return (
        f"partnerships P={p['precision']:.3f} R={p['recall']:.3f} F1={p['f1']:.3f} "
        f"({p['tp']}/{p['gold']} gold, {p['predicted']} counted predictions); "
        f"events P={e['precision']:.3f} R={e['recall']:.3f} F1={e['f1']:.3f} "
        f"({e['tp']}/{e['gold']})"
    )


def format_report(report: dict, *, per_document: bool = False) -> str:
    """The report as text: per part, our figures, the baseline's, and our errors by class."""
    lines = [f"gold: {', '.join(report['gold'])}  documents: {report['documents']}"]
    for part, sides in report["parts"].items():
        ours = sides["ours"]
        lines += ["", f"== {part} part: {ours['documents']} documents =="]
        lines.append(f"  ours      {_figures(ours)}")
        if "baseline" in sides:
            lines.append(f"  baseline  {_figures(sides['baseline'])}")
        lines.append("  errors by class (ours):")
        for kind in ERROR_CLASSES:
            entry = ours["errors"][kind]
            lines.append(f"    {kind:16} {entry['count']:4}")
            for example in entry["examples"]:
                lines.append(f"      {example['document']}: {example['what']}")
                if example["evidence"]:
                    lines.append(f"        « {example['evidence']} »")
    if per_document:
        lines.append("")
        for row in report["per_document"]:
            lines.append(
                f"  [{row['part']}] {row['document']}: "
                f"partnerships F1 {row['partnerships']['f1']:.3f}, "
                f"events F1 {row['events']['f1']:.3f}"
            )
    return "\n".join(lines)
