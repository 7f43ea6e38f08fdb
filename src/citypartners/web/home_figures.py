"""The home page's figures: the map of partner cities and the chart of start years."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from citypartners.core.i18n import current_language
from citypartners.partnerships.enums import Status
from citypartners.partnerships.queries import PartnerCity
from citypartners.places.models import Place
from citypartners.web.worldmap import MapPoint, render_world_map, render_year_chart


def _point(place: Place, url: str, label: str) -> MapPoint:
    return MapPoint(place.name, float(place.latitude), float(place.longitude), url, label)


# Up to this many partner cities the map joins each to home by a line; above it, a national
# home with hundreds of partners would get a hairball of lines that shows nothing and costs
# a third of the page's time, so the map shows the markers only and its description says so.
MAX_ROUTES = 50


@dataclass(frozen=True)
class PartnerMarkup:
    """The partner cities as the home page shows them three times: the table's rows, the list
    for narrow screens, and the world map (None when home has no coordinates)."""

    table_rows: SafeString
    list_items: SafeString
    map_svg: SafeString | None


def partner_markup(home: Place, cities: list[PartnerCity]) -> PartnerMarkup:
    """The table's `<tr>`, the list's `<li>` and the map's points of the partner cities, written
    in one pass over the plain rows, every value escaped.

    Written here rather than in a template loop: with a national home's hundreds of partners,
    the template engine's per-variable lookups were the slowest part of the page. One pass,
    because each city's link, names, dates and state are the same in the three: each is
    formatted and escaped once (`PartialDate.format` keeps what it wrote).
    """
    language = current_language()
    since_word = escape(_("since"))
    status_tags = {
        value: f'<strong class="cp-tag cp-tag--{value}">{escape(str(label))}</strong>'
        for value, label in Status.choices
    }
    status_labels = {value: str(label) for value, label in Status.choices}
    point_label = _("%(city)s (%(country)s), partner since %(since)s, %(state)s")
    # One reverse() for all rows: the URL differs only in the slug.
    prefix, suffix = reverse("web:partnership", args=["-"]).rsplit("-", 1)
    mapped = home.latitude is not None
    table, items, points = [], [], []
    for city in cities:
        url = f"{prefix}{city.slug}{suffix}"
        since_text = city.since.format(language)
        since = escape(since_text)
        if city.since:
            since = f'<time datetime="{city.since.isoformat()}">{since}</time>'
        state = status_tags[city.status]
        if city.status != Status.ACTIVE and city.status_since:
            changed = city.status_since.format(language)
            if changed:
                state += f" ({since_word} {escape(changed)})"
        href, name, country = escape(url), escape(city.city), escape(city.country)
        table.append(
            f'<tr><th scope="row"><a href="{href}">{name}</a></th>'
            f"<td>{country}</td><td>{since}</td><td>{state}</td></tr>"
        )
        items.append(
            f'<li class="cp-partner-list__item"><a class="cp-partner-list__city"'
            f' href="{href}">{name}</a>'
            f' <span class="cp-partner-list__country">{country}</span>'
            f'<span class="cp-partner-list__meta">{since} · {state}</span></li>'
        )
        if mapped and city.latitude is not None and city.longitude is not None:
            label = point_label % {
                "city": city.city,
                "country": city.country,
                "since": since_text,
                "state": status_labels[city.status],
            }
            points.append(MapPoint(city.city, city.latitude, city.longitude, url, label))
    map_svg = partners_map(_point(home, reverse("web:home"), home.name), points) if mapped else None
    return PartnerMarkup(mark_safe("\n".join(table)), mark_safe("\n".join(items)), map_svg)


def partners_map(home: MapPoint, points: list[MapPoint]) -> SafeString:
    """The world map of a home's partner cities, for the home page and every home's section:
    lines to each partner up to MAX_ROUTES of them, markers only above, and a description
    that says which (``home.name`` names the home in the title and the description)."""
    routes = len(points) <= MAX_ROUTES
    if routes:
        description = _(
            "World map with %(count)s partner cities, each linked to its page and joined to "
            "%(home)s by a line. The same cities are listed in the table below."
        )
    else:
        description = _(
            "World map with %(count)s partner cities, each marked by a point and linked to its "
            "page; %(home)s is marked in another colour. The same cities are listed in the "
            "table below."
        )
    svg = render_world_map(
        home=home,
        partners=points,
        title=_("Map of %(home)s's partner cities") % {"home": home.name},
        description=description % {"count": len(points), "home": home.name},
        routes=routes,
        inset_title=_("Europe"),
    )
    return mark_safe(svg)


def start_years(partnerships: list[PartnerCity]) -> list[tuple[int, int]]:
    counts = Counter(p.since.year for p in partnerships if p.since.is_known)
    return sorted(counts.items())


def year_chart(partnerships: list[PartnerCity]) -> SafeString | None:
    years = start_years(partnerships)
    if not years:
        return None
    svg = render_year_chart(
        dict(years),
        title=_("Partnerships by year of start"),
        caption=_("City partnerships begun in each year; the table below gives the same figures."),
    )
    return mark_safe(svg)
