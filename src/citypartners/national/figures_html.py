"""The national overview's figures as HTML: the map of partner countries, its table, and the
four charts with their tables, written once per change of what they show.

Everything in this part of the page follows from the figures (one statement over the tally,
run on every request), the filter's query string and the language. Those are the key of the
kept fragments (`MEMO_SIZE` per process): a partnership added anywhere changes a count, so
the key, and the fragment is written anew; an unchanged register reuses it. What was 230
countries' labels, links and table rows, the map's circles and four charts on every request
is then one dictionary lookup (decision record 0038).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from citypartners.national.drawing import Bar, Bubble, render_bar_chart, render_country_map
from citypartners.national.queries import CountryCount, Figures
from citypartners.partnerships.enums import Status

# Fragments kept per process: the unfiltered overview in two languages and the filtered forms
# most visited.
MEMO_SIZE = 64


@dataclass(frozen=True)
class Shown:
    """Everything the figures' HTML is written from: the key of the kept fragments."""

    language: str
    query: tuple[tuple[str, str], ...]  # the filter's parameters, for the countries' links
    by_country: tuple[CountryCount, ...]
    by_decade: tuple[tuple[int | None, int], ...]
    by_continent: tuple[tuple[str, int], ...]  # the continent's label ("" if not known)
    by_status: tuple[tuple[str, int], ...]
    by_state: tuple[tuple[str, int], ...]  # the state's name ("" for none recorded)


def shown(figures: Figures, query: dict[str, str]) -> Shown:
    """The key of the figures' fragment for this request."""
    return Shown(
        language=get_language() or "",
        query=tuple(query.items()),
        by_country=tuple(figures.by_country),
        by_decade=tuple(figures.by_decade),
        by_continent=tuple(
            (str(continent.label) if continent else "", count)
            for continent, count in figures.by_continent
        ),
        by_status=tuple((str(status), count) for status, count in figures.by_status),
        by_state=tuple((state.name if state else "", count) for state, count in figures.by_state),
    )


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def partnerships_text(count: int) -> str:
    """ "1.234 Partnerschaften": a count of partnerships as the page writes it."""
    return ngettext("%(count)s partnership", "%(count)s partnerships", count) % {
        "count": _number(count)
    }


def figures_html(figures: Figures, query: dict[str, str]) -> SafeString:
    """The map, the countries' table and the charts of these figures, as HTML."""
    return _written(shown(figures, query))


@lru_cache(maxsize=MEMO_SIZE)
def _written(key: Shown) -> SafeString:
    query = dict(key.query)

    def country_url(code: str) -> str:
        return "?" + urlencode({**query, "country": code}) + "#results"

    bubbles = [
        Bubble(
            latitude=country.latitude,
            longitude=country.longitude,
            count=country.count,
            url=country_url(country.code),
            label=f"{country.name}: {partnerships_text(country.count)}",
        )
        for country in key.by_country
        if country.latitude is not None and country.longitude is not None
    ]
    map_svg = render_country_map(
        bubbles,
        title=_("Partnerships by partner country"),
        description=_(
            "One circle per partner country, its area in proportion to the number of "
            "partnerships; European countries are shown in the enlarged panel below the "
            "world map. Each circle leads to the list of that country's partnerships; the "
            "table below the map gives the same figures."
        ),
        inset_title=_("Europe"),
    )
    charts = [
        {
            "id": "decades",
            "title": _("Partnerships begun per decade"),
            "head": _("Decade"),
            "rows": [
                (_("%(decade)ss") % {"decade": decade} if decade else _("date not known"), n)
                for decade, n in key.by_decade
            ],
        },
        {
            "id": "continents",
            "title": _("Partnerships by the partner's continent"),
            "head": _("Continent"),
            "rows": [(label or _("not known"), n) for label, n in key.by_continent],
        },
        {
            "id": "status",
            "title": _("Active, dormant and other states"),
            "head": _("Status"),
            "rows": [(Status(status).label, n) for status, n in key.by_status],
        },
        {
            "id": "states",
            "title": _("Partnerships by German state"),
            "head": _("German state"),
            "rows": [(name or _("no German state recorded"), n) for name, n in key.by_state],
        },
    ]
    for chart in charts:
        chart["svg"] = mark_safe(
            render_bar_chart(
                [Bar(label=str(label), value=n, shown=_number(n)) for label, n in chart["rows"]],
                title=chart["title"],
                caption="",
                element_id=f"chart-{chart['id']}",
            )
        )
        chart["rows"] = [(label, _number(n)) for label, n in chart["rows"]]
    context = {
        "map_svg": mark_safe(map_svg),
        "countries": [
            (country, _number(country.count), country_url(country.code))
            for country in key.by_country
        ],
        "charts": charts,
    }
    return mark_safe(render_to_string("national/includes/figures.html", context))
