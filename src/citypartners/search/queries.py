"""Search in both languages, through aliases and other-language names, grouped by type.

This is the portable search that works the same on SQLite and PostgreSQL: a query is folded
(case, accents, ü/ue, ß/ss) and matched against every name a record goes by. Each group is one
query, so a search costs a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from citypartners.activities.models import Activity
from citypartners.network.models import Organisation
from citypartners.partnerships.models import Partnership, Topic
from citypartners.places.models import Place, normalise_name
from citypartners.sources.models import Source

MAX_PER_GROUP = 20


@dataclass
class SearchResults:
    query: str
    groups: dict[str, list] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(len(items) for items in self.groups.values())


def _variants(query: str) -> set[str]:
    """The query as typed and folded, so "Muenchen" and "München" both match."""
    folded = normalise_name(query)
    umlauts = folded.replace("ae", "ä").replace("oe", "ö").replace("ue", "ü")
    return {query.strip(), folded, umlauts}


def _any(fields: list[str], variants: set[str]) -> Q:
    condition = Q()
    for variant in variants:
        for name in fields:
            condition |= Q(**{f"{name}__icontains": variant})
    return condition


def search(query: str) -> SearchResults:
    query = (query or "").strip()[:200]
    results = SearchResults(query=query)
    if len(normalise_name(query)) < 2:
        return results
    variants = _variants(query)
    alias_match = Q(aliases__normalised__contains=normalise_name(query))
    places = Place.objects.filter(
        _any(["name_de", "name_en", "name_local"], variants) | alias_match
    ).distinct()
    partnerships = (
        Partnership.objects.published()
        .filter(
            _any(["name_de", "name_en", "summary_de", "summary_en"], variants)
            | Q(partner__in=places.values("pk"))
        )
        .select_related("partner", "home")
        .distinct()
    )
    results.groups = {
        "partnerships": list(partnerships[:MAX_PER_GROUP]),
        "topics": list(
            Topic.objects.filter(_any(["name_de", "name_en"], variants))[:MAX_PER_GROUP]
        ),
        "activities": list(
            Activity.objects.published()
            .filter(_any(["title_de", "title_en", "description_de", "description_en"], variants))
            .select_related("partnership", "partnership__partner", "partnership__home")[
                :MAX_PER_GROUP
            ]
        ),
        "organisations": list(
            Organisation.objects.filter(_any(["name_de", "name_en", "acronym"], variants))[
                :MAX_PER_GROUP
            ]
        ),
        "sources": list(
            Source.objects.filter(_any(["title", "publisher"], variants))[:MAX_PER_GROUP]
        ),
    }
    return results
