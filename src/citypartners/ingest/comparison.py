"""Comparing a fact a document states with what the registry holds: new, confirms or conflicts.

Reads only. The registry's own aliases are handed to the gazetteer so that a place the
registry knows under a local spelling is resolved to the same place.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from citypartners.activities.models import Activity
from citypartners.core.dates import PartialDate
from citypartners.ingest.extraction import PASSING_MIN_POPULATION
from citypartners.ingest.gazetteer import PlaceRef, population_of
from citypartners.network.models import Organisation
from citypartners.partnerships.enums import PartnershipKind, Status
from citypartners.partnerships.models import Milestone, Partnership
from citypartners.places.models import Place, PlaceAlias, normalise_name
from citypartners.sources.enums import Comparison


@dataclass(frozen=True)
class Verdict:
    comparison: Comparison
    note: str = ""


def _reference(place: Place) -> PlaceRef:
    """The gazetteer's view of a registry place; its population from GeoNames when known.

    A place the registry holds is never a word in passing, so one without a GeoNames record
    counts as large enough to be a home or a partner.
    """
    population = population_of(place.geonames_id) or PASSING_MIN_POPULATION
    return PlaceRef(
        place.name_en or place.name_de,
        place.country_code,
        place.geonames_id,
        float(place.latitude),
        float(place.longitude),
        population,
    )


def registry_aliases() -> dict[str, PlaceRef]:
    """Every name the registry knows a city by, mapped to its place (for the gazetteer)."""
    aliases: dict[str, PlaceRef] = {}
    places = list(Place.objects.filter(kind__in=["city", "borough"]).exclude(latitude=None))
    references = {place.pk: _reference(place) for place in places}
    for place in places:
        for name in {place.name_de, place.name_en, place.name_local} - {""}:
            aliases[name] = references[place.pk]
    for alias in PlaceAlias.objects.filter(place_id__in=references):
        aliases[alias.name] = references[alias.place_id]
    return aliases


def find_place(*, name: str, geonames_id: int | None) -> Place | None:
    """The registry's place for a resolved city: by GeoNames id, else by name or alias."""
    if geonames_id:
        place = Place.objects.filter(geonames_id=geonames_id).first()
        if place:
            return place
    return (
        Place.objects.filter(
            Q(name_de__iexact=name)
            | Q(name_en__iexact=name)
            | Q(aliases__normalised=normalise_name(name))
        )
        .distinct()
        .first()
    )


def find_partnership(home: Place | None, partner: Place | None) -> Partnership | None:
    if home is None or partner is None:
        return None
    return (
        Partnership.objects.filter(home=home, partner=partner)
        .prefetch_related("status_changes")
        .first()
    )


def compare_partner(*, home: Place | None, value: dict) -> Verdict:
    partner = find_place(name=value["city"], geonames_id=value.get("geonames_id"))
    partnership = find_partnership(home, partner)
    if partnership is None:
        return Verdict(Comparison.NEW, "The registry has no partnership with this city.")
    stated = PartialDate.from_iso(value.get("since") or "")
    if not stated.is_known:
        return Verdict(
            Comparison.CONFIRMS, f"The registry holds the partnership {partnership.slug}."
        )
    known = [change.on for change in partnership.status_changes.all() if change.on.is_known]
    if any(_agrees(stated, date) for date in known):
        return Verdict(
            Comparison.CONFIRMS, f"Same start date as the registry ({stated.isoformat()})."
        )
    if not known:
        return Verdict(
            Comparison.NEW, f"The registry has no date for {partnership.slug}; this states one."
        )
    registry = ", ".join(date.isoformat() for date in known)
    return Verdict(
        Comparison.CONFLICTS,
        f"The registry dates {partnership.slug} {registry}; this says {stated.isoformat()}.",
    )


def _agrees(stated: PartialDate, registry: PartialDate) -> bool:
    """Equal at the precision the text states: "1993" agrees with 1993-09-01."""
    return registry.isoformat().startswith(stated.isoformat())


def compare_event(*, home: Place | None, value: dict) -> Verdict:
    date = value.get("date") or ""
    partnerships = (
        Partnership.objects.filter(Q(home=home) | Q(partner=home))
        if home
        else Partnership.objects.all()
    )
    if (
        Activity.objects.filter(partnership__in=partnerships, starts=date).exists()
        or Milestone.objects.filter(partnership__in=partnerships, on=date).exists()
    ):
        return Verdict(Comparison.CONFIRMS, f"The registry has an activity or milestone on {date}.")
    return Verdict(Comparison.NEW, f"Nothing in the registry is dated {date}.")


def current_partner_count(home: Place | None) -> int:
    if home is None:
        return 0
    return (
        Partnership.objects.filter(home=home, kind=PartnershipKind.CITY_PARTNERSHIP)
        .filter(status__in=[Status.ACTIVE, Status.DORMANT, Status.SUSPENDED])
        .count()
    )


def compare_count(*, home: Place | None, value: dict) -> Verdict:
    registry = current_partner_count(home)
    stated = value["stated"]
    if stated == registry:
        return Verdict(Comparison.CONFIRMS, f"The registry also counts {registry}.")
    return Verdict(
        Comparison.CONFLICTS,
        f"The registry counts {registry} partner cities; this states {stated}.",
    )


def find_organisation(value: dict) -> Organisation | None:
    """The registry's organisation of that name or acronym."""
    condition = Q(name_de__iexact=value["name"]) | Q(name_en__iexact=value["name"])
    if value.get("acronym"):
        condition |= Q(acronym=value["acronym"])
    return Organisation.objects.filter(condition).first()


def compare_organisation(*, value: dict) -> Verdict:
    found = find_organisation(value)
    if found:
        return Verdict(Comparison.CONFIRMS, f"The registry holds {found}.")
    return Verdict(Comparison.NEW, "The registry does not hold this organisation.")
