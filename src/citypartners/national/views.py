"""The national overview page: map, filters, statistics and the list of every partnership."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from citypartners.national import queries
from citypartners.national.figures_html import figures_html, partnerships_text
from citypartners.national.forms import NationalFilterForm, written_selects
from citypartners.pagecache.decorators import public_page

PER_PAGE = 25
FILTERS = ("state", "country", "kind", "decade", "status")


@public_page(reads=(*FILTERS, "page"))
def overview(request: HttpRequest) -> HttpResponse:
    """The figures come from the tally on every request; their map, table and charts are
    written once per change of the figures (`national.figures_html`)."""
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
    context = {
        "selects": written_selects(form),
        "chosen": chosen,
        "total_text": partnerships_text(figures.total),
        "page": page,
        "filter_query": urlencode(query),
        "page_links": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "figures_html": figures_html(figures, query),
    }
    return render(request, "national/overview.html", context)
