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
class PartnerRow:
    """What the table and the map show of one partner city, formatted once for both."""

    url: str
    city: PartnerCity
    since: str
    status_label: str
    status_since: str


def partner_rows(cities: list[PartnerCity]) -> list[PartnerRow]:
    language = current_language()
    labels = {value: str(label) for value, label in Status.choices}
    # One reverse() for all rows: the URL differs only in the slug.
    prefix, suffix = reverse("web:partnership", args=["-"]).rsplit("-", 1)
    return [
        PartnerRow(
            url=f"{prefix}{city.slug}{suffix}",
            city=city,
            since=city.since.format(language),
            status_label=labels[city.status],
            status_since=city.status_since.format(language)
            if city.status != Status.ACTIVE and city.status_since
            else "",
        )
        for city in cities
    ]


def partner_table_rows(rows: list[PartnerRow]) -> SafeString:
    """The `<tr>` of each partner city in the home page's table, every value escaped.

    Written here rather than in a template loop: with a national home's hundreds of partners,
    the template engine's per-variable lookups were the slowest part of the page.
    """
    since_word = _("since")
    out = []
    for row in rows:
        city = row.city
        since = escape(row.since)
        if city.since:
            since = f'<time datetime="{city.since.isoformat()}">{since}</time>'
        state = f'<strong class="cp-tag cp-tag--{city.status}">{escape(row.status_label)}</strong>'
        if row.status_since:
            state += f" ({escape(since_word)} {escape(row.status_since)})"
        out.append(
            f'<tr><th scope="row"><a href="{escape(row.url)}">{escape(city.city)}</a></th>'
            f"<td>{escape(city.country)}</td><td>{since}</td><td>{state}</td></tr>"
        )
    return mark_safe("\n".join(out))


def partner_list_items(rows: list[PartnerRow]) -> SafeString:
    """The `<li>` of each partner city for narrow screens, where the four-column table does not
    fit: the same facts as a table row, one city per item, every value escaped."""
    since_word = _("since")
    out = []
    for row in rows:
        city = row.city
        since = escape(row.since)
        if city.since:
            since = f'<time datetime="{city.since.isoformat()}">{since}</time>'
        state = f'<strong class="cp-tag cp-tag--{city.status}">{escape(row.status_label)}</strong>'
        if row.status_since:
            state += f" ({escape(since_word)} {escape(row.status_since)})"
        out.append(
            f'<li class="cp-partner-list__item"><a class="cp-partner-list__city"'
            f' href="{escape(row.url)}">{escape(city.city)}</a>'
            f' <span class="cp-partner-list__country">{escape(city.country)}</span>'
            f'<span class="cp-partner-list__meta">{since} · {state}</span></li>'
        )
    return mark_safe("\n".join(out))


def partner_map(home: Place, rows: list[PartnerRow]) -> SafeString | None:
    """The world map with one link per partner city that has coordinates."""
    if home.latitude is None:
        return None
    points = []
    for row in rows:
        city = row.city
        if city.latitude is None or city.longitude is None:
            continue
        label = _("%(city)s (%(country)s), partner since %(since)s, %(state)s") % {
            "city": city.city,
            "country": city.country,
            "since": row.since,
            "state": row.status_label,
        }
        points.append(MapPoint(city.city, city.latitude, city.longitude, row.url, label))
    return partners_map(_point(home, reverse("web:home"), home.name), points)


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
