"""Reading partnerships for pages and the API, with the joins each page needs.

Each function issues a fixed number of queries whatever the number of rows, so pages stay fast
as the registry grows (tests/web count them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from citypartners.activities.models import Activity
from citypartners.core.dates import PartialDate
from citypartners.core.i18n import current_language
from citypartners.network.models import ContactPerson
from citypartners.partnerships.activity_rows import activity_rows
from citypartners.partnerships.enums import PartnershipKind, Status
from citypartners.partnerships.models import (
    Milestone,
    Partnership,
    PartnershipOrganisation,
    PartnershipTopic,
    Programme,
    StatusChange,
)
from citypartners.places.models import Place


def home_place() -> Place | None:
    """The place whose partnerships the site presents (CITYPARTNERS_HOME)."""
    return Place.objects.select_related("parent").filter(slug=settings.CITYPARTNERS_HOME).first()


MAX_OTHER_PARTNERSHIPS = 50
# A partnership page shows this many of its soonest upcoming and of its newest past
# activities, and links to the calendar for the rest: a partnership with 500 activities made
# a page of 50 activities, each shown twice (list and timeline), over 100 ms under load.
UPCOMING_ACTIVITIES_SHOWN = 10
PAST_ACTIVITIES_SHOWN = 10


def _listed() -> QuerySet[Partnership]:
    return Partnership.objects.published().select_related("home", "partner", "partner__parent")


@dataclass(frozen=True)
class PartnerCity:
    """A city partnership as the home page lists and maps it, names in the active language."""

    slug: str
    city: str
    country: str  # the name of the partner's country, or its ISO code
    since: PartialDate
    status: str
    status_since: PartialDate
    latitude: float | None
    longitude: float | None


def _in_language(language: str, de: str, en: str) -> str:
    """The German or English name with the other as fallback (what the models' fields do)."""
    first, second = (de, en) if language == "de" else (en, de)
    return first or second


def partner_cities(home: Place) -> list[PartnerCity]:
    """The home's city partnerships, oldest first, those without a known date last.

    Plain rows in two queries, not model instances: a national home has hundreds of partners,
    and instantiating each partnership, partner, country and the same home again (with the
    translation fields' set-up of each) was a third of the home page's time.
    """
    language = current_language()
    rows = list(
        Partnership.objects.published()
        .of_home(home)
        .city_partnerships()
        .values_list(
            "slug",
            "since",
            "status",
            "status_since",
            "partner__name_de",
            "partner__name_en",
            "partner__country_code",
            "partner__parent_id",
            "partner__latitude",
            "partner__longitude",
        )
    )
    country_ids = {row[7] for row in rows if row[7]}
    countries = {
        pk: _in_language(language, de, en)
        for pk, de, en in Place.objects.filter(pk__in=country_ids).values_list(
            "pk", "name_de", "name_en"
        )
    }
    cities = [
        PartnerCity(
            slug=slug,
            city=_in_language(language, name_de, name_en),
            country=countries.get(parent_id) or country_code,
            since=since,
            status=status,
            status_since=status_since,
            latitude=None if latitude is None else float(latitude),
            longitude=None if longitude is None else float(longitude),
        )
        for (
            slug,
            since,
            status,
            status_since,
            name_de,
            name_en,
            country_code,
            parent_id,
            latitude,
            longitude,
        ) in rows
    ]
    return sorted(cities, key=lambda p: (p.since.sort_key(), p.city))


def other_partnerships(home: Place) -> list[Partnership]:
    """The home's other partnerships and its country's dialogues (Germany–Mexico for Berlin).

    Not every partnership of the registry: in a national register those are tens of thousands,
    and they belong to other homes' pages.
    """
    country = home.parent_id if home.parent and home.parent.kind == "country" else None
    rows = _listed().filter(
        Q(home=home) & ~Q(kind=PartnershipKind.CITY_PARTNERSHIP)
        | Q(
            home_id=country,
            kind__in=[PartnershipKind.BILATERAL_DIALOGUE, PartnershipKind.PROJECT_COOPERATION],
        )
    )[:MAX_OTHER_PARTNERSHIPS]
    return sorted(rows, key=lambda p: (p.since.sort_key(), str(p)))


def count_by_status(partnerships: list[PartnerCity]) -> dict[str, int]:
    counts = {status: 0 for status in Status.values}
    for partnership in partnerships:
        counts[partnership.status] += 1
    return counts


def programme_of(home: Place) -> Programme | None:
    return (
        Programme.objects.select_related("office", "office__place")
        .prefetch_related("topics", "boroughs", "sources")
        .filter(home=home)
        .first()
    )


def partnership_detail(slug: str, *, today: dt.date | None = None) -> Partnership:
    """One partnership with everything its page shows. Raises Partnership.DoesNotExist.

    Its activities are the current and undated ones, the UPCOMING_ACTIVITIES_SHOWN soonest
    upcoming and the PAST_ACTIVITIES_SHOWN newest past ones, so the page stays small when a
    partnership has hundreds; `upcoming_activity_count` and `past_activity_count` say how
    many there are in all (the calendar lists them). They are in `shown_activities`, read as
    plain rows (`activity_rows`: four queries, as the prefetches they replace).
    """
    today = today or timezone.localdate()
    activities = Activity.objects.published().filter(partnership__slug=slug)
    soonest_upcoming = (
        activities.filter(starts_on__gt=today)
        .order_by("starts_on", "pk")
        .values("pk")[:UPCOMING_ACTIVITIES_SHOWN]
    )
    newest_past = (
        activities.filter(ends_on__lt=today)
        .order_by("-starts_on", "-pk")
        .values("pk")[:PAST_ACTIVITIES_SHOWN]
    )
    partnership = (
        Partnership.objects.published()
        .select_related("home", "home__parent", "partner", "partner__parent")
        .prefetch_related(
            "sources",
            Prefetch("status_changes", queryset=StatusChange.objects.prefetch_related("sources")),
            Prefetch("milestones", queryset=Milestone.objects.prefetch_related("sources")),
            Prefetch(
                "topic_links",
                queryset=PartnershipTopic.objects.select_related("topic").prefetch_related(
                    "sources"
                ),
            ),
            Prefetch(
                "organisation_roles",
                queryset=PartnershipOrganisation.objects.select_related(
                    "organisation"
                ).prefetch_related("sources"),
            ),
            Prefetch(
                "contacts", queryset=ContactPerson.objects.public().select_related("organisation")
            ),
        )
        .annotate(
            upcoming_activity_count=Count(
                "activities",
                filter=Q(activities__starts_on__gt=today, activities__is_published=True),
            ),
            past_activity_count=Count(
                "activities",
                filter=Q(activities__ends_on__lt=today, activities__is_published=True),
            ),
        )
        .get(slug=slug)
    )
    partnership.shown_activities = activity_rows(
        Activity.objects.published()
        .filter(partnership=partnership)
        .filter(
            Q(starts_on__lte=today, ends_on__gte=today)
            | Q(starts_on__isnull=True)
            | Q(pk__in=soonest_upcoming)
            | Q(pk__in=newest_past)
        )
        .chronological(),
        partnership,
    )
    return partnership


def newest_milestones(
    partnership: Partnership | None = None, *, home: Place | None = None, limit: int = 50
) -> list[Milestone]:
    """The milestones most recently added, newest first (for the Atom feeds): of one
    partnership, else of those the home's site presents, else of the whole registry."""
    rows = Milestone.objects.filter(partnership__is_published=True)
    if partnership is not None:
        rows = rows.filter(partnership=partnership)
    elif home is not None:
        rows = rows.filter(partnership__in=Partnership.objects.presented_by(home).values("pk"))
    return list(
        rows.select_related("partnership", "partnership__home", "partnership__partner").order_by(
            "-created_at", "-pk"
        )[:limit]
    )
