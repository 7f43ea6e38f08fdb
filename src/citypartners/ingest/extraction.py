"""From decoded text to the facts a partnership page states, each with its evidence span.

Extraction runs in stages, each a module with its own tests (docs/ingest.md, "How it works"):

1. segmentation (`segmentation.py`, `sentences.py`): lines, list items, headings, sentences;
2. mentions (`mentions.py` over `place_mentions.py`, `date_mentions.py`; `organisations.py`):
   places, dates and organisations with their spans, indexed by offset;
3. relations: the home (`home.py`), the home's partners and their start dates (`partners.py`),
   the dated events (`events.py`);
4. records (`records.py`): the JSON of ``citypartners ingest --format json``.

Every stage costs time in proportion to the text: lookups go through sorted offset indexes,
never through a scan of all mentions per sentence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from citypartners.ingest.date_mentions import find_date_mentions
from citypartners.ingest.events import find_events
from citypartners.ingest.gazetteer import PlaceRef, get_gazetteer
from citypartners.ingest.home import PASSING_MIN_POPULATION, find_home, home_record
from citypartners.ingest.language import detect_language
from citypartners.ingest.mentions import SpanIndex, resolve_places
from citypartners.ingest.organisations import find_organisations
from citypartners.ingest.partners import Relations, find_partners
from citypartners.ingest.place_mentions import find_place_mentions
from citypartners.ingest.reading import DEFAULT_MAX_BYTES, read_document
from citypartners.ingest.records import count_records, partnership_records, title_of
from citypartners.ingest.segmentation import segment

__all__ = ["PASSING_MIN_POPULATION", "extract", "extract_document", "sha256_of"]


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def extract_document(
    data: bytes,
    *,
    path: str = "",
    home: str | None = None,
    aliases: Mapping[str, PlaceRef] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> dict:
    """Read ``data`` (text, HTML or PDF) and extract its facts; raises ``DocumentError``."""
    document = read_document(data, path=path, max_bytes=max_bytes)
    return extract(
        document.text,
        path=path,
        home=home,
        aliases=aliases,
        sha256=sha256_of(bytes(data)),
        title=document.title,
    )


def relations_of(
    text: str,
    *,
    path: str = "",
    home: str | None = None,
    aliases: Mapping[str, PlaceRef] | None = None,
) -> Relations:
    """Stages 1 and 2 and the home: what the partner rules read (no partner found yet)."""
    gazetteer = get_gazetteer(aliases)
    segments = segment(text)
    raw_places = find_place_mentions(text, gazetteer)
    home_place = find_home(text, raw_places, gazetteer, home, path=path)
    return Relations(
        segments=segments,
        gazetteer=gazetteer,
        places=resolve_places(raw_places, gazetteer, home_place, text),
        dates=SpanIndex(find_date_mentions(text)),
        home=home_place,
    )


def extract(
    text: str,
    *,
    path: str = "",
    home: str | None = None,
    aliases: Mapping[str, PlaceRef] | None = None,
    sha256: str | None = None,
    title: str | None = None,
) -> dict:
    """The facts ``text`` states, in the JSON shape of ``citypartners ingest --format json``."""
    relations = relations_of(text, path=path, home=home, aliases=aliases)
    home_place = relations.home
    find_partners(relations)
    partnerships = partnership_records(relations)
    return {
        "source": {
            "path": path,
            "sha256": sha256 or sha256_of(text.encode("utf-8")),
            "language": detect_language(text),
            "title": title if title is not None else title_of(text),
        },
        "home": home_record(home_place),
        "partnerships": partnerships,
        "events": find_events(relations),
        "counts": count_records(relations, len(partnerships)),
        "organisations": find_organisations(text),
        "conflicts": relations.conflicts,
    }
