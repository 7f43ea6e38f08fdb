"""Home: a place whose partnerships the site presents in a section of its own.

A `Place` is any country, state, city or borough a partnership can join; most places are only
ever partners (Paris, Windhoek). A `Home` is the few places that keep partnerships of their own
and get their own section of the public site: the State of Berlin, its twelve boroughs, a
municipality that registers itself, a district (Landkreis), or a federal programme (whose place
is the country). A home's name comes from its place (translated there); the home adds what a
section needs: its URL slug, its kind, the home above it (the State for a borough), its office
(an `Organisation` with address, telephone, e-mail and website), the language its office
is written to in, and the sources that state it.

A partnership between two homes (Berlin–Paris, when Paris is a home too) stays one
`Partnership` row with `home` and `partner`; each home's section shows it from its own side
(`homes.queries.partnerships_of`). The installation's default home is the place named by
`CITYPARTNERS_HOME`, served at the language root (`/de/`); every other home under
`/<language>/<section>/<slug>/` (decision record 0023, model: 0024).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from citypartners.core.models import TimeStampedModel
from citypartners.homes.enums import HomeKind, HomeLanguage


class HomeQuerySet(models.QuerySet):
    def published(self) -> HomeQuerySet:
        return self.filter(is_published=True)

    def boroughs_of(self, home: Home) -> HomeQuerySet:
        """The boroughs of a State (Berlin's twelve), in their set order."""
        return self.filter(parent=home, kind=HomeKind.BOROUGH).order_by("position", "slug")

    def for_place(self, place) -> HomeQuerySet:
        """The home a place is, if it is one (zero or one row)."""
        return self.filter(place=place)

    def default(self) -> HomeQuerySet:
        """The installation's default home (CITYPARTNERS_HOME), zero or one row."""
        return self.filter(place__slug=settings.CITYPARTNERS_HOME)


class Home(TimeStampedModel):
    """A place with partnerships of its own and a section of the public site."""

    place = models.OneToOneField(
        "places.Place",
        on_delete=models.PROTECT,
        related_name="as_home",
        verbose_name=_("place"),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("The section's address: /de/bezirke/<slug>/ for a borough."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=HomeKind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("part of"),
        help_text=_("The home above this one: the State for a borough."),
    )
    office = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="homes",
        verbose_name=_("office"),
        help_text=_("Who answers for the home's partnerships: its address is the contact."),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=HomeLanguage.choices,
        default=HomeLanguage.GERMAN,
        help_text=_("The language of the mails to the home's office and editors."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    sources = models.ManyToManyField(
        "sources.Source", blank=True, related_name="homes", verbose_name=_("sources")
    )

    objects = HomeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("home")
        verbose_name_plural = _("homes")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="home_not_own_parent"
            ),
        ]
        indexes = [
            models.Index(fields=["parent", "kind", "position"], name="home_parent_kind_idx"),
        ]

    def __str__(self) -> str:
        return str(self.place)

    @property
    def name(self) -> str:
        """The home's name in the active language (the place's translated name)."""
        return self.place.name

    @property
    def is_default(self) -> bool:
        """Whether this is the installation's default home (CITYPARTNERS_HOME)."""
        return self.place.slug == settings.CITYPARTNERS_HOME
