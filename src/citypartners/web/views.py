"""The public pages. Views read through `queries` modules and render; they hold no domain logic."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone

from citypartners.activities.enums import Timing
from citypartners.homes.models import Home
from citypartners.homes.queries import borough_summaries
from citypartners.pagecache.decorators import public_page
from citypartners.pagecache.fragments import cached_fragment
from citypartners.pages.structured_data import partnership_graph
from citypartners.partnerships import queries
from citypartners.partnerships.enums import PartnershipKind, Status, TopicRole
from citypartners.partnerships.models import Partnership
from citypartners.search.queries import search as search_registry
from citypartners.sources.models import Source
from citypartners.web.citations import Citations
from citypartners.web.home_figures import partner_markup, start_years, year_chart
from citypartners.web.timeline import timeline_of


def _home_or_404():
    home = queries.home_place()
    if home is None:
        raise Http404("The home place is not in the registry; load the dataset first.")
    return home


@public_page
def home(request: HttpRequest) -> HttpResponse:
    home_place = _home_or_404()
    context = {
        "home_place": home_place,
        "programme": queries.programme_of(home_place),
        "other_partnerships": queries.other_partnerships(home_place),
        "citations": Citations(),
        "boroughs": _boroughs_of(home_place),
        # The partner cities' table, map, chart and counts: most of the page's time at
        # national size, kept as one fragment until the registry changes.
        **cached_fragment("home-partners", lambda: _partner_figures(home_place), home_place.pk),
    }
    return render(request, "web/home.html", context)


def _boroughs_of(home_place) -> list:
    """The boroughs' sections the home page links to, when the home is a State with boroughs."""
    state = Home.objects.for_place(home_place).first()
    return borough_summaries(state) if state is not None else []


def _partner_figures(home_place) -> dict:
    cities = queries.partner_cities(home_place)
    markup = partner_markup(home_place, cities)
    counts = queries.count_by_status(cities)
    existing = [p for p in cities if p.status in (Status.ACTIVE, Status.DORMANT, Status.SUSPENDED)]
    return {
        "partner_table_rows": markup.table_rows,
        "partner_list_items": markup.list_items,
        "partner_count": len(existing),
        "dormant_count": counts[Status.DORMANT] + counts[Status.SUSPENDED],
        "planned_count": counts[Status.PLANNED],
        "map_svg": markup.map_svg,
        "chart_svg": year_chart(cities),
        "start_years": start_years(cities),
    }


@public_page
def partnership_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        today = timezone.localdate()
        partnership = queries.partnership_detail(slug, today=today)
    except Partnership.DoesNotExist:
        raise Http404("No such partnership") from None
    activities = {timing: [] for timing in Timing.values}
    for activity in partnership.shown_activities:
        activities[activity.timing(today)].append(activity)
    activities[Timing.PAST].reverse()  # most recent first
    topic_groups = {role: [] for role in TopicRole.values}
    for link in partnership.topic_links.all():
        topic_groups[link.role].append(link)
    context = {
        "partnership": partnership,
        "timeline": timeline_of(partnership, today),
        "structured_data": partnership_graph(
            partnership, request=request, activities=partnership.shown_activities
        ),
        "activities": activities,
        "topic_groups": [
            (TopicRole(role).label, links) for role, links in topic_groups.items() if links
        ],
        "citations": Citations(),
        "today": today,
        "has_activities": any(activities.values()),
        # City and borough partnerships are this office's own; programmes such as a federal
        # dialogue get their own wording, contact and newsletter pointer.
        "is_city_partnership": partnership.kind
        in (PartnershipKind.CITY_PARTNERSHIP, PartnershipKind.BOROUGH_PARTNERSHIP),
        "programme_sites": [
            role for role in partnership.organisation_roles.all() if role.organisation.website
        ],
    }
    return render(request, "partnerships/partnership_detail.html", context)


@public_page
def contact(request: HttpRequest) -> HttpResponse:
    home_place = _home_or_404()
    return render(
        request,
        "web/contact.html",
        {
            "home_place": home_place,
            "programme": queries.programme_of(home_place),
            "citations": Citations(),
        },
    )


@public_page
def source_list(request: HttpRequest) -> HttpResponse:
    sources = list(Source.objects.public().newest_first())
    described = [source for source in sources if source.note]
    return render(request, "sources/source_list.html", {"sources": sources, "described": described})


@public_page
def source_detail(request: HttpRequest, key: str) -> HttpResponse:
    source = get_object_or_404(Source.objects.public(), key=key)
    return render(request, "sources/source_detail.html", {"source": source})


@public_page(reads=("q",))
def search(request: HttpRequest) -> HttpResponse:
    results = search_registry(request.GET.get("q", ""))
    return render(
        request, "pages/search_results.html", {"results": results, "query": results.query}
    )


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; send them to the static file
    (its name carries a hash in production, so it is cached for a year)."""
    return redirect(static("citypartners/favicon.ico"), permanent=True)
