"""schema.org JSON-LD for partnership pages and the activities calendar.

Why: search engines and other tools read the partner city (Place), the organisations involved
(Organization) and the activities (Event) without scraping the HTML. Dates keep their
precision ("2024" stays a year), which ISO 8601 and schema.org allow.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest
from django.urls import reverse

from citypartners.activities.models import Activity
from citypartners.core.i18n import current_language
from citypartners.network.models import Organisation
from citypartners.partnerships.models import Partnership
from citypartners.places.models import Place

CONTEXT = "https://schema.org"


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def place_node(place: Place, *, request: HttpRequest, url: str) -> dict:
    node: dict = {"@type": "Place", "@id": f"{url}#place", "name": place.name}
    names = sorted(
        {place.name_de, place.name_en, place.name_local, *[a.name for a in place.aliases.all()]}
        - {place.name, ""}
    )
    if names:
        node["alternateName"] = names
    if place.latitude is not None and place.longitude is not None:
        node["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(place.latitude),
            "longitude": float(place.longitude),
        }
    if place.parent is not None:
        node["containedInPlace"] = {"@type": "Country", "name": place.parent.name}
    if place.geonames_id:
        node["sameAs"] = f"https://www.geonames.org/{place.geonames_id}"
    return node


def organisation_node(organisation: Organisation) -> dict:
    node: dict = {"@type": "Organization", "name": organisation.name}
    if organisation.acronym:
        node["alternateName"] = organisation.acronym
    if organisation.website:
        node["url"] = organisation.website
    if organisation.founded_on.is_known:
        node["foundingDate"] = organisation.founded_on.isoformat()
    return node


def event_node(activity: Activity, *, request: HttpRequest) -> dict:
    page = _absolute(request, reverse("web:partnership", args=[activity.partnership.slug]))
    node: dict = {
        "@type": "Event",
        "@id": f"{page}#activity-{activity.slug}",
        "name": activity.title,
        "url": f"{page}#activity-{activity.slug}",
        "location": {"@type": "Place", "name": activity.partnership.partner.name},
        "inLanguage": current_language(),
    }
    if activity.starts.is_known:
        node["startDate"] = activity.starts.isoformat()
        node["endDate"] = (activity.ends if activity.ends.is_known else activity.starts).isoformat()
    if activity.description:
        node["description"] = activity.description
    topics = [topic.name for topic in activity.topics.all()]
    if topics:
        node["keywords"] = ", ".join(topics)
    return node


def partnership_graph(
    partnership: Partnership, *, request: HttpRequest, activities: Iterable | None = None
) -> dict:
    """The page, the partner place, the organisations and the dated activities (`activities`,
    model instances or `partnerships.activity_rows` rows; the partnership's own by default)."""
    url = _absolute(request, reverse("web:partnership", args=[partnership.slug]))
    place = place_node(partnership.partner, request=request, url=url)
    organisations = [
        organisation_node(r.organisation) for r in partnership.organisation_roles.all()
    ]
    events = [
        event_node(activity, request=request)
        for activity in (partnership.activities.all() if activities is None else activities)
        if activity.starts.is_known
    ]
    page = {
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": str(partnership),
        "inLanguage": current_language(),
        "about": {"@id": place["@id"]},
        "dateModified": partnership.modified_at.isoformat(),
    }
    if partnership.summary:
        page["description"] = partnership.summary
    for event in events:
        event["organizer"] = organisations[:1] or None
        if event["organizer"] is None:
            del event["organizer"]
    return {"@context": CONTEXT, "@graph": [page, place, *organisations, *events]}


def events_graph(activities: list[Activity], *, request: HttpRequest) -> dict:
    """The activities shown on a calendar page as schema.org Events."""
    return {
        "@context": CONTEXT,
        "@graph": [event_node(activity, request=request) for activity in activities],
    }
