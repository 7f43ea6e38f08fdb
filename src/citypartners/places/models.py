"""Place: a country, federal state, city or borough, with its names in several languages.

Partnerships join two places. A place is named in German and English (translated fields), in
its local language, and under aliases ("CDMX", "Peking", "Kiew") so search and ingestion find
it however a text spells it. The GeoNames id ties it to the gazetteer.
"""

import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _

from citypartners.core.models import TimeStampedModel
from citypartners.places.enums import PlaceKind


def normalise_name(name: str) -> str:
    """Fold case, accents and German spellings so "Brüssel", "Bruessel" and "brussel" meet."""
    text = (
        name.casefold().replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    )
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.replace("-", " ").split())


class PlaceQuerySet(models.QuerySet):
    def cities(self):
        return self.filter(kind=PlaceKind.CITY)

    def countries(self):
        return self.filter(kind=PlaceKind.COUNTRY)


class Place(TimeStampedModel):
    """A country, state, city or borough."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=PlaceKind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_local = models.CharField(_("name in the local language"), max_length=200, blank=True)
    country_code = models.CharField(_("ISO country code"), max_length=2)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("part of"),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    geonames_id = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True, unique=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(country_code__regex=r"^[A-Z]{2}$"), name="place_country_code_iso"
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "country_code"], name="place_kind_country_idx"),
            # Partner-country filters of the API and the site (national size: 34,000 places).
            models.Index(fields=["country_code"], name="place_country_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class PlaceAlias(models.Model):
    """Another name a place goes by, with its folded form for lookups."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alias"), max_length=200)
    language = models.CharField(_("language"), max_length=8, blank=True)
    normalised = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        ordering = ["place", "name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(fields=["place", "name"], name="alias_unique_per_place")
        ]

    def __str__(self) -> str:
        return self.name
