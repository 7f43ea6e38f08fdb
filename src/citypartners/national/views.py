"""The national overview page: map, filters, statistics and the list of every partnership."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from citypartners.national import queries
from citypartners.national.drawing import Bar, Bubble, render_bar_chart, render_country_map
from citypartners.national.forms import NationalFilterForm, written_selects
from citypartners.pagecache.decorators import public_page
from citypartners.partnerships.enums import Status

PER_PAGE = 25
FILTERS = ("state", "country", "kind", "decade", "status")


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def _partnerships(count: int) -> str:
    return ngettext("%(count)s partnership", "%(count)s partnerships", count) % {
        "count": _number(count)
    }


def _bars(rows) -> list[Bar]:
    return [Bar(label=str(label), value=count, shown=_number(count)) for label, count in rows]


@public_page(reads=(*FILTERS, "page"))
def overview(request: HttpRequest) -> HttpResponse:
    states = queries.german_states()
    country_names = queries.countries()
    form = NationalFilterForm(
        request.GET, states=states, country_names=country_names, decades=queries.decades()
    )
    chosen = form.chosen()
    figures = queries.figures(chosen, states=states, country_names=country_names)
    paginator = Paginator(queries.PageRows(queries.filtered(chosen), figures.total), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    query = {name: request.GET[name] for name in FILTERS if request.GET.get(name)}

    def filtered_url(**changes: str) -> str:
        return "?" + urlencode({**query, **changes}) + "#results"

    country_urls = {
        country.code: filtered_url(country=country.code) for country in figures.by_country
    }
    bubbles = [
        Bubble(
            latitude=country.latitude,
            longitude=country.longitude,
            count=country.count,
            url=country_urls[country.code],
            label=f"{country.name}: {_partnerships(country.count)}",
        )
        for country in figures.by_country
        if country.latitude is not None and country.longitude is not None
    ]
    decade_rows = [
        (_("%(decade)ss") % {"decade": decade} if decade else _("date not known"), count)
        for decade, count in figures.by_decade
    ]
    continent_rows = [
        (continent.label if continent else _("not known"), count)
        for continent, count in figures.by_continent
    ]
    status_rows = [(Status(status).label, count) for status, count in figures.by_status]
    state_rows = [
        (state.name if state else _("no German state recorded"), count)
        for state, count in figures.by_state
    ]
    context = {
        "selects": written_selects(form),
        "chosen": chosen,
        "figures": figures,
        "total_text": _partnerships(figures.total),
        "page": page,
        "filter_query": urlencode(query),
        "page_links": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "map_svg": mark_safe(
            render_country_map(
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
        ),
        "countries": [
            (country, _number(country.count), country_urls[country.code])
            for country in figures.by_country
        ],
        "charts": [
            {
                "id": "decades",
                "title": _("Partnerships begun per decade"),
                "head": _("Decade"),
                "rows": decade_rows,
            },
            {
                "id": "continents",
                "title": _("Partnerships by the partner's continent"),
                "head": _("Continent"),
                "rows": continent_rows,
            },
            {
                "id": "status",
                "title": _("Active, dormant and other states"),
                "head": _("Status"),
                "rows": status_rows,
            },
            {
                "id": "states",
                "title": _("Partnerships by German state"),
                "head": _("German state"),
                "rows": state_rows,
            },
        ],
    }
    for chart in context["charts"]:
        chart["svg"] = mark_safe(
            render_bar_chart(
                _bars(chart["rows"]),
                title=chart["title"],
                caption="",
                element_id=f"chart-{chart['id']}",
            )
        )
        chart["rows"] = [(label, _number(count)) for label, count in chart["rows"]]
    return render(request, "national/overview.html", context)
