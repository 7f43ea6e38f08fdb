"""Relations, part 2: which places the text states as the home's partners, and since when.

Each rule reads one form of text (see docs/ingest.md, "When a city is a partner"): a table
row, a list item under a partnership heading, an enumeration governed by a partnership word,
a sentence tying a city to the home or naming it as partner. The start date is the date
written for that partner: its cell, its bracket, the date beside it, or the since/signed date
of a sentence about it alone. Rules look things up through the offset indexes of
``mentions.py``, so their cost grows with the text, not with its square.

The rules live in one module per form (`partner_layouts`, `partner_enumerations`,
`partner_sentences`, `partner_dates`); this module runs them in order.
"""

from __future__ import annotations

from citypartners.ingest.partner_context import CUE_REACH, Partner, Relations
from citypartners.ingest.partner_dates import founding_since, orphan_since, pronoun_since
from citypartners.ingest.partner_enumerations import enumerated_partners
from citypartners.ingest.partner_filters import regions_are_partners
from citypartners.ingest.partner_layouts import list_partners, place_lines, table_partners
from citypartners.ingest.partner_sentences import (
    relationship_sentences,
    sentence_partners,
    signing_sentences,
)


def find_partners(relations: Relations) -> dict[object, Partner]:
    """Run the rules in order (tables, lists, enumerations, sentences, a lone partner's date)."""
    relations.regions = regions_are_partners(relations)
    table_partners(relations)
    list_partners(relations)
    place_lines(relations)
    enumerated_partners(relations)
    relationship_sentences(relations)
    signing_sentences(relations)
    sentence_partners(relations)
    pronoun_since(relations)
    orphan_since(relations)
    founding_since(relations)
    return relations.partners


__all__ = ["CUE_REACH", "Partner", "Relations", "find_partners"]
