"""Writing homes: making a place a home, and adding a borough to a State.

The command `citypartners addhome` and the back office call these; the partnerships of a home
come in through ingestion and review like any other (docs/data.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from citypartners.core.slugs import slug_of
from citypartners.homes.enums import HomeKind
from citypartners.homes.models import Home
from citypartners.network.models import Organisation
from citypartners.places.enums import PlaceKind
from citypartners.places.models import Place
from citypartners.sources.models import Source


@transaction.atomic
def register_home(
    *,
    place: Place,
    kind: str,
    sources: Iterable[Source],
    slug: str = "",
    parent: Home | None = None,
    office: Organisation | None = None,
    position: int = 0,
    language: str = "",
) -> Home:
    """Make a place a home (or update the home it is), citing the sources that state it;
    `language` is that of the mails to its office and editors (kept when not given)."""
    sources = list(sources)
    if not sources:
        raise ValueError("A home cites at least one source.")
    home = Home.objects.filter(place=place).first() or Home(place=place)
    home.slug = slug or home.slug or place.slug
    home.kind = kind
    home.parent = parent
    home.office = office or home.office
    home.position = position
    home.language = language or home.language
    home.full_clean()
    home.save()
    home.sources.add(*sources)
    return home


def _coordinate(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.00001"))


@transaction.atomic
def register_borough(
    *,
    state: Home,
    name: str,
    sources: Iterable[Source],
    name_en: str = "",
    position: int = 0,
    latitude: float | None = None,
    longitude: float | None = None,
) -> Home:
    """Add a borough of a State as a home: its place (found by name or created) and its home.

    The place's slug is the State's and the borough's ("berlin-reinickendorf"), so a borough
    never takes the slug of a city of the same name; the section's slug is the borough's own.
    """
    slug = slug_of(name, german=True)
    place_slug = f"{state.place.slug}-{slug}"
    place = (
        Place.objects.filter(kind=PlaceKind.BOROUGH, parent=state.place)
        .filter(Q(name_de__iexact=name) | Q(slug__in=[place_slug, slug]))
        .first()
    )
    if place is None:
        place = Place(
            slug=place_slug,
            kind=PlaceKind.BOROUGH,
            name_de=name,
            name_en=name_en or name,
            name_local=name,
            country_code=state.place.country_code,
            parent=state.place,
            latitude=_coordinate(latitude),
            longitude=_coordinate(longitude),
        )
        place.full_clean()
        place.save()
    return register_home(
        place=place,
        kind=HomeKind.BOROUGH,
        slug=slug,
        parent=state,
        position=position,
        sources=sources,
    )
