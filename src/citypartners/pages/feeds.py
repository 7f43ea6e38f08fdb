"""Calendar (iCalendar, RFC 5545) and news (Atom) feeds of activities and milestones.

Why both: people follow partnerships in their calendar app (iCal) or feed reader (Atom), so
"current and past activities" can be subscribed to instead of read as prose. Each feed exists
per language (the URL prefix) for the whole registry and per partnership.

Partial dates: a feed cannot say "some day in 2024". An activity known to the day, month or
year becomes an all-day event spanning every day its dates may stand for (1 January to
31 December for "2024"), and its description says how precise the source is. Undated
activities are left out of the calendar (they stay on the pages and in the Atom feed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from citypartners.activities import queries as activity_queries
from citypartners.activities.models import Activity
from citypartners.core.dates import Precision
from citypartners.core.i18n import current_language
from citypartners.pagecache.decorators import public_page
from citypartners.partnerships import queries as partnership_queries
from citypartners.partnerships.models import Milestone, Partnership
from citypartners.places.models import Place

PRODID = "-//citypartners//City partnerships//EN"


def _published_partnership(slug: str) -> Partnership:
    return get_object_or_404(
        Partnership.objects.published().select_related("home", "partner"), slug=slug
    )


def _precision_note(activity: Activity) -> str:
    coarsest = activity.starts.precision
    if activity.dates.is_range and activity.ends.precision != Precision.DAY:
        coarsest = activity.ends.precision
    if coarsest == Precision.YEAR:
        return _("The source gives only the year; the event spans the whole year.")
    if coarsest == Precision.MONTH:
        return _("The source gives only the month; the event spans the whole month.")
    return ""


def activity_event(activity: Activity, *, host: str, base_url: str) -> Event:
    """One all-day VEVENT for a dated activity (see the module docstring on partial dates)."""
    event = Event()
    event.add("uid", f"activity-{activity.slug}@{host}")
    event.add("dtstamp", activity.modified_at.astimezone(dt.UTC))
    event.add("created", activity.created_at.astimezone(dt.UTC))
    event.add("last-modified", activity.modified_at.astimezone(dt.UTC))
    event.add("dtstart", activity.starts_on)
    event.add("dtend", activity.ends_on + dt.timedelta(days=1))  # DTEND is exclusive
    event.add("summary", activity.title)
    language = current_language()
    lines = [
        f"{activity.get_kind_display().capitalize()}: {activity.dates.format(language)}",
        str(activity.partnership),
    ]
    note = _precision_note(activity)
    if note:
        lines.append(note)
    if activity.description:
        lines.append(activity.description)
    event.add("description", "\n\n".join(lines))
    url = base_url + reverse("web:partnership", args=[activity.partnership.slug])
    event.add("url", f"{url}#activity-{activity.slug}")
    event.add("location", activity.partnership.partner.name)
    topics = [topic.name for topic in activity.topics.all()]
    if topics:
        event.add("categories", topics)
    event.add("transp", "TRANSPARENT")  # a year-long entry must not block a whole year
    return event


def activities_calendar(activities: list[Activity], *, name: str, request: HttpRequest) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    host = request.get_host().split(":")[0]
    base_url = f"{request.scheme}://{request.get_host()}"
    for activity in activities:
        calendar.add_component(activity_event(activity, host=host, base_url=base_url))
    return calendar.to_ical()


def _ical_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@public_page
def ical_all(request: HttpRequest) -> HttpResponse:
    home = partnership_queries.home_place()
    if home is None:
        raise Http404("The home place is not in the registry.")
    name = _("%(home)s's city partnerships: activities") % {"home": home.name}
    body = activities_calendar(
        list(activity_queries.dated_activities(home=home)), name=name, request=request
    )
    return _ical_response(body, f"activities-{current_language()}.ics")


@public_page
def ical_partnership(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _published_partnership(slug)
    name = _("%(partnership)s: activities") % {"partnership": partnership}
    activities = list(activity_queries.dated_activities(partnership))
    body = activities_calendar(activities, name=name, request=request)
    return _ical_response(body, f"{slug}-{current_language()}.ics")


@dataclass
class NewsItem:
    """An activity or milestone as an Atom entry."""

    guid: str
    title: str
    description: str
    link: str
    created_at: dt.datetime
    modified_at: dt.datetime
    categories: tuple[str, ...]


def _news_item(record: Activity | Milestone, *, anchor: str, when: str, category: str) -> NewsItem:
    """An activity or milestone: title with its date, kind, partnership and description."""
    parts = (
        f"{record.get_kind_display().capitalize()}, {when}.",
        f"{record.partnership}.",
        record.description,
    )
    return NewsItem(
        guid=anchor,
        title=f"{record.title} ({when})",
        description=" ".join(part for part in parts if part),
        link=reverse("web:partnership", args=[record.partnership.slug]) + f"#{anchor}",
        created_at=record.created_at,
        modified_at=record.modified_at,
        categories=(category,),
    )


def news_items(
    partnership: Partnership | None = None, *, home: Place | None = None, limit: int = 50
) -> list[NewsItem]:
    """Activities and milestones, the ones added to the registry last first: of one
    partnership, else of those the home's site presents."""
    language = current_language()
    items = [
        _news_item(
            a, anchor=f"activity-{a.slug}", when=a.dates.format(language), category=_("Activity")
        )
        for a in activity_queries.newest_activities(partnership, home=home, limit=limit)
    ]
    items += [
        _news_item(
            m, anchor=f"milestone-{m.pk}", when=m.on.format(language), category=_("Milestone")
        )
        for m in partnership_queries.newest_milestones(partnership, home=home, limit=limit)
    ]
    items.sort(key=lambda item: (item.created_at, item.guid), reverse=True)
    return items[:limit]


class NewsFeed(Feed):
    """Atom feed of new activities and milestones: of the home's site, or of one partnership."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str | None = None) -> Partnership | None:
        self._host = request.get_host().split(":")[0]
        return _published_partnership(slug) if slug else None

    def title(self, obj: Partnership | None) -> str:
        if obj is not None:
            return _("%(partnership)s: new activities and milestones") % {"partnership": obj}
        home = partnership_queries.home_place()
        name = home.name if home else ""
        return _("%(home)s's city partnerships: new activities and milestones") % {"home": name}

    def subtitle(self, obj: Partnership | None) -> str:
        return _("Activities and milestones as the registry records them, newest first.")

    def link(self, obj: Partnership | None) -> str:
        if obj is not None:
            return reverse("web:partnership", args=[obj.slug])
        return reverse("pages:activities")

    def feed_guid(self, obj: Partnership | None) -> str:
        suffix = f"partnership-{obj.slug}" if obj else "all"
        return f"tag:{self._host},2025:citypartners/{current_language()}/{suffix}"

    def items(self, obj: Partnership | None) -> list[NewsItem]:
        return news_items(obj, home=None if obj else partnership_queries.home_place())

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        return item.description

    def item_link(self, item: NewsItem) -> str:
        return item.link

    def item_guid(self, item: NewsItem) -> str:
        return f"tag:{self._host},2025:citypartners/{current_language()}/{item.guid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: NewsItem) -> dt.datetime:
        return item.created_at

    def item_updateddate(self, item: NewsItem) -> dt.datetime:
        return item.modified_at

    def item_categories(self, item: NewsItem) -> tuple[str, ...]:
        return item.categories
