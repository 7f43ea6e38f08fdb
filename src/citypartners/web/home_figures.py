"""The home page's figures: the map of partner cities and the chart of start years."""

from __future__ import annotations

from collections import Counter

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from citypartners.core.i18n import current_language
from citypartners.partnerships.models import Partnership
from citypartners.places.models import Place
from citypartners.web.worldmap import MapPoint, render_world_map, render_year_chart


def _point(place: Place, url: str, label: str) -> MapPoint:
    return MapPoint(place.name, float(place.latitude), float(place.longitude), url, label)


def partner_map(home: Place, partnerships: list[Partnership]) -> SafeString | None:
    """The world map with one link per partner city that has coordinates."""
    if home.latitude is None:
        return None
    language = current_language()
    points = []
    for partnership in partnerships:
        partner = partnership.partner
        if partner.latitude is None:
            continue
        label = _("%(city)s (%(country)s), partner since %(since)s, %(state)s") % {
            "city": partner.name,
            "country": partner.parent.name if partner.parent else partner.country_code,
            "since": partnership.since.format(language),
            "state": partnership.get_status_display(),
        }
        points.append(_point(partner, reverse("web:partnership", args=[partnership.slug]), label))
    svg = render_world_map(
        home=_point(home, reverse("web:home"), home.name),
        partners=points,
        title=_("Map of %(home)s's partner cities") % {"home": home.name},
        description=_(
            "World map with %(count)s partner cities, each linked to its page and joined to "
            "%(home)s by a line. The same cities are listed in the table below."
        )
        % {"count": len(points), "home": home.name},
    )
    return mark_safe(svg)


def start_years(partnerships: list[Partnership]) -> list[tuple[int, int]]:
    counts = Counter(p.since.year for p in partnerships if p.since.is_known)
    return sorted(counts.items())


def year_chart(partnerships: list[Partnership]) -> SafeString | None:
    years = start_years(partnerships)
    if not years:
        return None
    svg = render_year_chart(
        dict(years),
        title=_("Partnerships by year of start"),
        caption=_("City partnerships begun in each year; the table below gives the same figures."),
    )
    return mark_safe(svg)
