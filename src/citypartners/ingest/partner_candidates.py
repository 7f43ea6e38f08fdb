"""Every place of a text that could be one of the home's partners, with what the text says
around it (the features the learned scorer of `partner_scorer.py` weighs).

The rule modules (`partner_layouts`, `partner_enumerations`, `partner_sentences`) decide on one
form of text each and miss the forms nobody wrote a rule for. Here each distinct place the text
names (a city, a place GeoNames lacks with its country beside it, a region) other than the home
is a *candidate*, described by numbers that do not depend on one document or one name: which
rule took it, how close it stands to a partnership word, whether a date is beside it, whether
it lies in the home's country or next to the home, its size, how often and where the text
names it. Decision record 0034 says why a scorer and not more rules.

Every lookup is a bisect on a sorted index or a regular expression over a bounded window
around a mention, so the cost grows with the text, not with its square.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field

from citypartners.ingest.home import key_of
from citypartners.ingest.language import detect_language
from citypartners.ingest.partner_context import Relations
from citypartners.ingest.partner_filters import (
    candidate as passes_filters,
)
from citypartners.ingest.partner_filters import (
    foreign_subject,
    in_bracket,
    located,
    part_of_home,
)
from citypartners.ingest.place_mentions import PlaceMention
from citypartners.ingest.sentences import Span
from citypartners.ingest.vocabulary import (
    AFTER_PARTNER,
    BEFORE_PARTNER,
    NOT_PARTNER_WORDS,
    PARTNER_WORDS,
)

#: the rules that name partners, in the order `partners.py` runs them
RULES = ("table", "list", "place_line", "enumeration", "relationship", "signing", "sentence")

#: characters either side of a mention in which a date or a partnership word is "beside" it
BESIDE = 40
#: characters before / after a mention read for the "named as partner" forms
CONTEXT = 120
#: a distance to the nearest partnership word is capped here (characters)
FAR = 2000

# an organisation, a street or a building named after the place, not the place itself:
# "Partnerschaftsverein Lyon", "University of Leeds", "Lyoner Straße", "Lyon Airport"
_ORGANISATION_AFTER = re.compile(
    r"^[\s-]*(?:e\.\s?V\.|Verein|Association|Society|Club|Committee|Komitee|Kreis\b|"
    r"Universit\w*|College|School|Schule|Gymnasium|Straße|Strasse|Street|Road|Avenue|Platz|"
    r"Square|Airport|Flughafen|Hauptbahnhof|Station|Bahnhof|FC\b|Orchestra|Orchester|Chor|Choir|"
    r"Zeitung|Times|Post\b|Allee|Gasse|Weg\b|Ring\b)",
    re.I,
)
_ORGANISATION_BEFORE = re.compile(
    r"(?:Universit\w*|University|Verein|Association|Society|Club|Committee|Komitee|College|"
    r"School|Schule|Gymnasium|Straße|Strasse|Street|Road|Platz|Square|Hotel|Restaurant|Kirche|"
    r"Church|Museum|Theater|Theatre)(?:\s+(?:of|von|der|de|in|im|zu))?\s*$",
    re.I,
)

# the goal or venue of a journey, not a partner: "fuhren nach München", "visited York"
_JOURNEY_BEFORE = re.compile(
    r"(?i)\b(?:nach|to|in|im|at|aus|from|über|via|visit\w*|besuch\w*|reiste\w*|fuhr\w*|"
    r"travel\w*|trip|flew|flog\w*)\s+(?:(?:the|die|der|dem|den)\s+)?"
    # … and the places enumerated after the first: "nach München und Salzburg"
    r"(?-i:(?:[A-ZÄÖÜ][\w.'’-]*(?:\s+[A-ZÄÖÜ][\w.'’-]*){0,3}\s*(?:,|und|and|oder|or|sowie)\s+)*)$"
)
_CELLS = re.compile(r"[|\t]")
# in English, a name right after another capitalised word belongs to a title or a body
# ("Sister Cities Project Officer", "Lyon Road Club"), not to a place of its own
_CAPITALISED_BEFORE = re.compile(r"\b(?!(?:The|Of|And|In|With|To)\b)[A-Z][a-z]+\s$")
#: the least population of a GeoNames place that no rule took to be taken by the scorer
OPEN_MIN_POPULATION = 5000
# a capitalised word right after a German article is a noun ("ein Dorf", "die Schulen"), even
# where a small place of that name exists
_ARTICLE_BEFORE = re.compile(
    r"(?:\b(?:ein|eine|einem|einen|einer|eines|kein\w*|der|die|das|dem|den|des|jede\w*|"
    r"diese\w*|unser\w*))\s+$"
)


@dataclass
class Candidate:
    """One distinct place of the text (all its mentions) and its features."""

    key: object
    mentions: list[PlaceMention]
    features: dict[str, float] = field(default_factory=dict)
    rules: frozenset[str] = frozenset()
    score: float = 0.0

    @property
    def first(self) -> PlaceMention:
        return self.mentions[0]


class _Positions:
    """Sorted offsets of a pattern's matches in the text, with the nearest one by bisect."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [start for start, _ in spans]

    def distance(self, start: int, end: int) -> int:
        index = bisect.bisect_left(self.starts, start)
        best = FAR
        for near in (index - 1, index):
            if 0 <= near < len(self.spans):
                s, e = self.spans[near]
                best = min(best, max(0, start - e, s - end))
        return best

    def any_in(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.starts, start)
        return index < len(self.starts) and self.starts[index] < end


def collect_candidates(context: Relations, fired: dict[object, set[str]]) -> list[Candidate]:
    """The candidates of ``context``'s text, in the order of their first mention; ``fired``
    says which rules took which place (by `key_of`)."""
    text = context.text
    length = max(1, len(text))
    words = _Positions([m.span() for m in PARTNER_WORDS.finditer(text)])
    sentence_starts = [s.start for s in context.sentences]
    first_line = _first_line(context)
    language_de = 1.0 if detect_language(text) == "de" else 0.0
    home = context.home
    groups: dict[object, list[PlaceMention]] = {}
    for mention in context.places:
        if mention.place is None or mention.kind not in ("city", "region"):
            continue
        if context.is_home(mention.place) or _inside_a_date(context, mention):
            continue
        groups.setdefault(key_of(mention.place), []).append(mention)
    # list items and table lines on which a rule took a place: the layout rule decided them
    ruled_lines = set()
    for key, mentions in groups.items():
        for m in mentions if key in fired else ():
            line = context.segments.line_at(m.start)
            if line.is_item or _CELLS.search(text, line.start, line.end):
                ruled_lines.add(line.number)
    home_mentions = [m for m in context.places if m.place is not None and context.is_home(m.place)]
    home_starts = [m.start for m in home_mentions]
    sentence_cache: dict[int, dict[str, float]] = {}

    def sentence_of(offset: int) -> Span:
        index = bisect.bisect_right(sentence_starts, offset) - 1
        if index >= 0 and context.sentences[index].end >= offset:
            return context.sentences[index]
        return Span(offset, offset)

    def sentence_features(sentence: Span) -> dict[str, float]:
        cached = sentence_cache.get(sentence.start)
        if cached is None:
            body = sentence.text_of(text)
            low = bisect.bisect_left(home_starts, sentence.start)
            cached = {
                "pw_sentence": 1.0 if PARTNER_WORDS.search(body) else 0.0,
                "not_partner_sentence": 1.0 if NOT_PARTNER_WORDS.search(body) else 0.0,
                "foreign_subject": 1.0 if foreign_subject(context, sentence) else 0.0,
                "home_in_sentence": 1.0
                if low < len(home_starts) and home_starts[low] < sentence.end
                else 0.0,
                "dates_in_sentence": float(len(context.dates.within(sentence.start, sentence.end))),
                "places_in_sentence": float(
                    len(context.places.within(sentence.start, sentence.end))
                ),
            }
            sentence_cache[sentence.start] = cached
        return cached

    candidates = []
    for key, mentions in groups.items():
        place = mentions[0].place
        per_mention = [
            _mention_features(
                context,
                m,
                words,
                sentence_features(sentence_of(m.start)),
                key not in fired and context.segments.line_at(m.start).number in ruled_lines,
                english=not language_de,
            )
            for m in mentions
        ]
        features: dict[str, float] = {}
        for name in per_mention[0]:
            values = [f[name] for f in per_mention]
            features[name] = min(values) if name in _ALL_OF else max(values)
        rules = frozenset(fired.get(key, ()))
        for rule in RULES:
            features["rule_" + rule] = 1.0 if rule in rules else 0.0
        features["any_rule"] = 1.0 if rules else 0.0
        features["rules_count"] = float(len(rules))
        features["mentions"] = math.log1p(len(mentions))
        features["position"] = mentions[0].start / length
        features["in_title"] = 1.0 if any(m.start < first_line for m in mentions) else 0.0
        features["log_population"] = math.log10(place.population + 1) / 7
        features["unlisted"] = 1.0 if any(m.unlisted for m in mentions) else 0.0
        features["region"] = 1.0 if mentions[0].kind == "region" else 0.0
        features["regions_allowed"] = 1.0 if context.regions else 0.0
        features["home_known"] = 1.0 if home is not None else 0.0
        features["home_country"] = (
            1.0 if home is not None and home.country and place.country == home.country else 0.0
        )
        features["part_of_home"] = 1.0 if part_of_home(home, place) else 0.0
        features["language_de"] = language_de
        candidates.append(Candidate(key, mentions, features, rules))
    partners_found = sum(1 for c in candidates if c.rules)
    for found in candidates:
        found.features["doc_candidates"] = math.log1p(len(candidates))
        found.features["doc_rule_partners"] = math.log1p(partners_found)
    candidates.sort(key=lambda c: c.first.start)
    return candidates


#: features that hold only when they hold for every mention of the place (others: for one)
_ALL_OF = frozenset({"in_compound", "located", "organisation", "foreign_subject_all", "journey"})


def _mention_features(
    context: Relations,
    mention: PlaceMention,
    words: _Positions,
    sentence: dict[str, float],
    beside_a_rule_partner: bool = False,
    english: bool = False,
) -> dict[str, float]:
    text = context.text
    before = text[max(0, mention.start - CONTEXT) : mention.start]
    after = text[mention.end : mention.end + CONTEXT]
    line = context.segments.line_at(mention.start)
    line_text = context.segments.line_text(line)
    distance = words.distance(mention.start, mention.end)
    date_beside = context.dates.starting_between(mention.start - BESIDE, mention.end + BESIDE)
    organisation = bool(
        _ORGANISATION_AFTER.match(after) or _ORGANISATION_BEFORE.search(before[-40:])
    )
    journey = bool(_JOURNEY_BEFORE.search(before[-80:]))
    bracketed = in_bracket(text, mention.start)
    # the forms of docs/ingest.md "Never a partner", which no weight may overrule for a place
    # that no rule took: not in a sentence about a friendship, an inquiry or another place's
    # partnerships, not a locator, an organisation, a journey's goal, a partner's bracket,
    # nor the other place of a line a rule decided
    open_ = (
        passes_filters(context, mention, OPEN_MIN_POPULATION)
        and sentence["not_partner_sentence"] == 0.0
        and sentence["foreign_subject"] == 0.0
        and not (organisation or journey or bracketed or beside_a_rule_partner)
        and not _ARTICLE_BEFORE.search(before[-20:])
        and not (english and _CAPITALISED_BEFORE.search(before[-20:]))
    )
    return {
        "open": 1.0 if open_ else 0.0,
        "journey": 1.0 if journey else 0.0,
        "pw_distance": math.log1p(distance) / math.log1p(FAR),
        "pw_before": 1.0 if words.any_in(mention.start - BESIDE, mention.start) else 0.0,
        "pw_after": 1.0 if words.any_in(mention.end, mention.end + BESIDE) else 0.0,
        "pw_line": 1.0 if words.any_in(line.start, line.end) else 0.0,
        "named_as_partner": 1.0 if BEFORE_PARTNER.search(before) else 0.0,
        "partner_after": 1.0 if AFTER_PARTNER.match(after) else 0.0,
        "date_beside": 1.0 if date_beside else 0.0,
        "in_bracket": 1.0 if bracketed else 0.0,
        "in_compound": 1.0 if mention.in_compound else 0.0,
        "located": 1.0 if located(context, mention) else 0.0,
        "organisation": 1.0 if organisation else 0.0,
        "list_item": 1.0 if line.is_item else 0.0,
        "table_line": 1.0 if "|" in line_text or "\t" in line_text else 0.0,
        "short_line": 1.0 if len(line_text.strip()) <= 60 else 0.0,
        "heading": 1.0 if context.segments.is_heading(line) else 0.0,
        "line_starts": 1.0 if not text[line.start : mention.start].strip(" -•*·\t") else 0.0,
        "pw_sentence": sentence["pw_sentence"],
        "pw_sentence_clean": sentence["pw_sentence"] * (1.0 - sentence["not_partner_sentence"]),
        "not_partner_sentence": sentence["not_partner_sentence"],
        "foreign_subject_all": sentence["foreign_subject"],
        "home_in_sentence": sentence["home_in_sentence"],
        "date_in_sentence": 1.0 if sentence["dates_in_sentence"] else 0.0,
        "crowded_sentence": math.log1p(sentence["places_in_sentence"]) / 3,
    }


def _inside_a_date(context: Relations, mention: PlaceMention) -> bool:
    """A name that is part of a date ("2. März 1998": März is no place)."""
    return any(
        date.start <= mention.start and mention.end <= date.end
        for date in context.dates.starting_between(mention.start - 40, mention.start + 1)
    )


def _first_line(context: Relations) -> int:
    """Where the first non-empty line (the title) ends."""
    for line in context.segments.lines:
        if context.text[line.start : line.end].strip():
            return line.end
    return 0


def evidence_span(context: Relations, candidate: Candidate) -> tuple[int, int]:
    """The sentence of the candidate's first mention beside a partnership word, else of its
    first mention."""
    chosen = candidate.first
    for mention in candidate.mentions:
        line = context.segments.line_at(mention.start)
        if PARTNER_WORDS.search(context.text, line.start, line.end):
            chosen = mention
            break
    index = bisect.bisect_right(context.sentences, chosen.start, key=lambda s: s.start) - 1
    if index >= 0 and context.sentences[index].end >= chosen.end:
        sentence = context.sentences[index]
        return sentence.start, sentence.end
    line = context.segments.line_at(chosen.start)
    return line.start, line.end
