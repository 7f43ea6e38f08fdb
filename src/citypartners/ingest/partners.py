"""Relations, part 2: which places the text states as the home's partners, and since when.

Each rule reads one form of text (see docs/ingest.md, "When a city is a partner"): a table
row, a list item under a partnership heading, an enumeration governed by a partnership word,
a sentence tying a city to the home or naming it as partner. The start date is the date
written for that partner: its cell, its bracket, the date beside it, or the since/signed date
of a sentence about it alone. Rules look things up through the offset indexes of
``mentions.py``, so their cost grows with the text, not with its square.

The rules live in one module per form (`partner_layouts`, `partner_enumerations`,
`partner_sentences`, `partner_dates`). This module runs them in order, then gathers every
place of the text as a candidate (`partner_candidates`) and lets the learned scorer
(`partner_scorer`, decision record 0034) add the places the rules missed. The start dates are
found afterwards, for the rules' partners and the added ones alike.
"""

from __future__ import annotations

from collections.abc import Callable

from citypartners.ingest.partner_candidates import Candidate, collect_candidates, evidence_span
from citypartners.ingest.partner_context import CUE_REACH, Partner, Relations
from citypartners.ingest.partner_dates import founding_since, orphan_since, pronoun_since
from citypartners.ingest.partner_enumerations import enumerated_partners
from citypartners.ingest.partner_filters import regions_are_partners
from citypartners.ingest.partner_layouts import list_partners, place_lines, table_partners
from citypartners.ingest.partner_scorer import Model, load_model
from citypartners.ingest.partner_sentences import (
    relationship_sentences,
    sentence_partners,
    signing_sentences,
)

#: the rules that name partners, by the name the candidates' features give them
PLACEMENT_RULES: tuple[tuple[str, Callable[[Relations], None]], ...] = (
    ("table", table_partners),
    ("list", list_partners),
    ("place_line", place_lines),
    ("enumeration", enumerated_partners),
    ("relationship", relationship_sentences),
    ("signing", signing_sentences),
    ("sentence", sentence_partners),
)

#: use the stored model (the default), or none (``None``: the rules alone decide)
_STORED = object()


def candidates_of(relations: Relations) -> list[Candidate]:
    """Run the placement rules, then gather every place of the text as a candidate."""
    relations.regions = regions_are_partners(relations)
    for name, rule in PLACEMENT_RULES:
        relations.rule = name
        rule(relations)
    relations.rule = ""
    return collect_candidates(relations, relations.fired)


def takeable(candidate: Candidate) -> bool:
    """No rule took it, and it passes the "never a partner" forms (`partner_candidates`):
    what the scorer may add."""
    return not candidate.rules and candidate.features.get("open", 0.0) == 1.0


def choose_partners(relations: Relations, candidates: list[Candidate], model: Model) -> None:
    """Add the takeable candidates the model accepts, without a date (the date passes below
    may find one), after the rules' partners, in the order of the text."""
    order = len(relations.partners)
    for candidate in candidates:
        if not takeable(candidate):
            continue
        candidate.score = model.probability(candidate.features)
        if candidate.score < model.threshold:
            continue
        first = candidate.first
        relations.partners[candidate.key] = Partner(
            first.place, first.text, None, evidence_span(relations, candidate), order
        )
        order += 1


def find_partners(
    relations: Relations, model: Model | object | None = _STORED
) -> dict[object, Partner]:
    """Run the rules, score the candidates, then find the start dates of the partners kept."""
    candidates = candidates_of(relations)
    if model is _STORED:
        model = load_model()
    if isinstance(model, Model):
        choose_partners(relations, candidates, model)
    relations.candidates = candidates
    pronoun_since(relations)
    orphan_since(relations)
    founding_since(relations)
    return relations.partners


__all__ = ["CUE_REACH", "Partner", "Relations", "candidates_of", "find_partners"]
