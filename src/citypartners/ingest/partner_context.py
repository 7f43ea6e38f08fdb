"""What the partner rules share: the text's mentions and home (`Relations`), the partners found so
far (`Partner`), and how a found partner is added (merged, refined, or a `since` conflict).

Kept apart from the rules so that each rule module imports the state, not the other rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from citypartners.core.dates import PartialDate
from citypartners.ingest.date_mentions import DateMention
from citypartners.ingest.gazetteer import Gazetteer, PlaceRef, fold
from citypartners.ingest.home import key_of, same_place
from citypartners.ingest.mentions import SpanIndex
from citypartners.ingest.place_mentions import PlaceMention
from citypartners.ingest.records import evidence_of
from citypartners.ingest.segmentation import Segments
from citypartners.ingest.sentences import Span

#: a place of the home's country this close to the home is part of it, not a partner
DISTRICT_KM = 15


#: a founding cue ("signed", "unterzeichnet") dates a partnership only this close to the date
CUE_REACH = 90


@dataclass
class Partner:
    """A partner of the home, with the date stated for it and the span that states it."""

    place: PlaceRef
    written: str
    since: DateMention | None
    evidence: tuple[int, int]
    order: int
    other_dates: list[DateMention] = field(default_factory=list)


@dataclass
class Relations:
    """What the rules read (segments, mentions, the home) and what they found so far."""

    segments: Segments
    gazetteer: Gazetteer
    places: SpanIndex[PlaceMention]
    dates: SpanIndex[DateMention]
    home: PlaceRef | None
    partners: dict[object, Partner] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)  # start offsets of dates used as "since"
    table_lines: set[int] = field(default_factory=set)
    conflicts: list[dict] = field(default_factory=list)
    #: States, provinces and regions may be partners (a State's page, "Partnerregion X")
    regions: bool = False
    #: the rule running now, and the rules that took each place (by `key_of`): what the
    #: learned scorer reads (`partner_candidates.py`)
    rule: str = ""
    fired: dict[object, set[str]] = field(default_factory=dict)
    candidates: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.segments.text

    @property
    def sentences(self) -> list[Span]:
        return self.segments.sentences

    def is_home(self, place: PlaceRef | None) -> bool:
        """The home, also by the name inside a home kept as written: "Havelland" and
        "Neuss" on the pages of "Landkreis Havelland" and "Rhein-Kreis Neuss"."""
        if same_place(place, self.home):
            return True
        home = self.home
        if place is None or home is None or home.geonames_id is not None:
            return False
        whole, name = fold(home.name), fold(place.name)
        return whole.endswith(" " + name) or whole.startswith(name + " ")


def add_partner(
    context: Relations,
    mention: PlaceMention,
    since: DateMention | None,
    evidence: tuple[int, int],
) -> None:
    key = key_of(mention.place)
    if context.rule:
        context.fired.setdefault(key, set()).add(context.rule)
    if since is not None:
        context.consumed.add(since.start)
    existing = context.partners.get(key)
    if existing is None:
        context.partners[key] = Partner(
            mention.place, mention.text, since, evidence, len(context.partners)
        )
        return
    if since is None:
        return
    if existing.since is None:
        existing.since, existing.evidence, existing.written = since, evidence, mention.text
        return
    old, new = existing.since.date, since.date
    if old == new:
        return
    if _refines(old, new):
        existing.since, existing.evidence, existing.written = since, evidence, mention.text
    elif not _refines(new, old):
        context.conflicts.append(
            {
                "kind": "since_mismatch",
                "city": mention.place.name,
                "values": [old.isoformat(), new.isoformat()],
                "evidence": [
                    evidence_of(context.text, *existing.evidence),
                    evidence_of(context.text, *evidence),
                ],
            }
        )


def _refines(coarse: PartialDate, fine: PartialDate) -> bool:
    """True when ``fine`` says the same as ``coarse`` with more detail (1993 → 1993-09-01)."""
    return (
        fine.sort_key() > coarse.sort_key()
        and fine.isoformat().startswith(coarse.isoformat())
        and coarse.precision != fine.precision
    )
