"""A home's section of the public site, the index of a State's boroughs, and the section's
feeds and downloads. Views read through `homes.queries` and render; no domain logic here."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from citypartners.activities import queries as activity_queries
from citypartners.core.i18n import current_language
from citypartners.homes import queries
from citypartners.homes.enums import HomeKind
from citypartners.homes.figures import (
    MAX_POINTS,
    country_map,
    list_items,
    partner_map,
    partner_rows,
    section_url,
    table_rows,
)
from citypartners.homes.models import Home
from citypartners.opendata import exports
from citypartners.opendata import queries as opendata_queries
from citypartners.pagecache.decorators import public_page
from citypartners.pages.feeds import activities_calendar
from citypartners.partnerships.enums import Status
from citypartners.web.citations import Citations

CURRENT = (Status.ACTIVE, Status.DORMANT, Status.SUSPENDED)
PER_PAGE = 50


def _home_or_404(slug: str, *, kind: str | None = None) -> Home:
    try:
        return queries.home_by_slug(slug, kind=kind)
    except Home.DoesNotExist:
        raise Http404("No such home") from None


def _section(request: HttpRequest, home: Home) -> HttpResponse:
    """The section's page: the count, the map, and the partners 50 a page (optionally of one
    country, where a circle of the map leads), so a home with hundreds of partners renders a
    bounded page (decision record 0031)."""
    partners = queries.partnerships_of(home)
    countries = {p.country_code: p.country for p in partners}
    country = request.GET.get("country", "")
    listed = (
        [p for p in partners if p.country_code == country] if country in countries else partners
    )
    paginator = Paginator(listed, PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    filter_query = urlencode({"country": country}) if country in countries else ""
    if len(partners) > MAX_POINTS:
        map_svg = country_map(
            home, partners, lambda code: "?" + urlencode({"country": code}) + "#partners-heading"
        )
    else:
        map_svg = partner_map(home, partner_rows(partners))
    rows = partner_rows(page.object_list)
    context = {
        "home": home,
        "home_place": home.place,
        "rows": rows,
        "table_rows": table_rows(rows),
        "list_items": list_items(rows),
        "page": page,
        "page_links": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "filter_query": filter_query,
        "country_name": countries.get(country, ""),
        "partner_count": sum(1 for p in partners if p.status in CURRENT),
        "dormant_count": sum(1 for p in partners if p.status in CURRENT[1:]),
        "map_svg": map_svg,
        "parent_url": section_url(home.parent) if home.parent else "",
        "citations": Citations(),
    }
    return render(request, "homes/home_section.html", context)


@public_page(reads=("page", "country"))
def borough(request: HttpRequest, slug: str) -> HttpResponse:
    return _section(request, _home_or_404(slug, kind=HomeKind.BOROUGH))


@public_page(reads=("page", "country"))
def home_section(request: HttpRequest, slug: str) -> HttpResponse:
    """Any home other than a borough; a borough or the default home asked for here is sent to
    its own address, so each section has one."""
    home = _home_or_404(slug)
    if home.is_default or home.kind == HomeKind.BOROUGH:
        return redirect(section_url(home), permanent=True)
    return _section(request, home)


@public_page
def borough_list(request: HttpRequest) -> HttpResponse:
    state = queries.default_home()
    if state is None:
        raise Http404("The default home is not in the registry; load the dataset first.")
    return render(
        request,
        "homes/borough_list.html",
        {"state": state, "boroughs": queries.borough_summaries(state)},
    )


@public_page
def ical(request: HttpRequest, slug: str) -> HttpResponse:
    home = _home_or_404(slug)
    name = _("%(home)s's city partnerships: activities") % {"home": home.name}
    activities = list(activity_queries.dated_activities(home=home.place))
    body = activities_calendar(activities, name=name, request=request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slug}-{current_language()}.ics"'
    return response


def partnerships_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """The home's partnerships (either side) in the open-data CSV format."""
    home = _home_or_404(slug)
    rows = opendata_queries.partnerships().filter(
        pk__in=queries.partnership_rows_of(home.place).values("pk")
    )
    response = StreamingHttpResponse(exports.partnerships_csv(rows), content_type=exports.CSV)
    response["Content-Disposition"] = f'attachment; filename="partnerships-{slug}.csv"'
    return response
