"""Reads of the partner search: the current posts, filtered, with what their cards show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from citypartners.partnersearch.models import PartnerSearch
from citypartners.places.continents import continent_of, countries_on

_Countries = PartnerSearch.countries.through
_Topics = PartnerSearch.topics.through


@dataclass(frozen=True)
class SearchFilter:
    """What a visitor looks for; empty values do not filter."""

    region: str = ""  # a continent code
    country: str = ""  # an ISO country code
    size: str = ""
    topic: str = ""  # a topic slug
    language: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.region or self.country or self.size or self.topic or self.language)


def _open_to(codes: list[str], continents: list[str]) -> Q:
    """Posts that name one of these countries, one of these continents, or no place at all."""
    names_country = Exists(
        _Countries.objects.filter(partnersearch=OuterRef("pk"), place__country_code__in=codes)
    )
    names_any_country = Exists(_Countries.objects.filter(partnersearch=OuterRef("pk")))
    anywhere = Q(regions="") & ~names_any_country
    in_region = Q()
    for continent in continents:
        in_region |= Q(regions__contains=f",{continent},")
    return names_country | anywhere | in_region if continents else names_country | anywhere


def current_searches(chosen: SearchFilter, *, today: dt.date) -> QuerySet[PartnerSearch]:
    """Posts visible on `today` that fit the filter, newest first, with their links."""
    rows = PartnerSearch.objects.current(today)
    if chosen.country:
        continent = continent_of(chosen.country)
        rows = rows.filter(_open_to([chosen.country], [continent.value] if continent else []))
    if chosen.region:
        rows = rows.filter(_open_to(countries_on(chosen.region), [chosen.region]))
    if chosen.size:
        rows = rows.filter(Q(size=chosen.size) | Q(size=""))
    if chosen.topic:
        rows = rows.filter(
            Exists(_Topics.objects.filter(partnersearch=OuterRef("pk"), topic__slug=chosen.topic))
        )
    if chosen.language:
        rows = rows.filter(languages__contains=f",{chosen.language},")
    return rows.select_related("place").prefetch_related("countries", "topics")


def current_search(pk: int, *, today: dt.date) -> PartnerSearch | None:
    """One visible post, or None when it does not exist or has expired."""
    return (
        PartnerSearch.objects.current(today)
        .select_related("place", "owner")
        .prefetch_related("countries", "topics")
        .filter(pk=pk)
        .first()
    )


def can_be_answered(search: PartnerSearch) -> bool:
    """Answers need an owner with an address to relay them to."""
    return bool(search.owner_id and search.owner and search.owner.email and search.owner.is_active)
