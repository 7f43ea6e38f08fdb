"""Reading partnerships for pages and the API, with the joins each page needs.

Each function issues a fixed number of queries whatever the number of rows, so pages stay fast
as the registry grows (tests/web count them).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from citypartners.activities.models import Activity
from citypartners.network.models import ContactPerson
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
PAST_ACTIVITIES_SHOWN = 20


def _listed() -> QuerySet[Partnership]:
    return Partnership.objects.published().select_related("home", "partner", "partner__parent")


def partner_cities(home: Place) -> list[Partnership]:
    """The home's city partnerships, oldest first, those without a known date last."""
    rows = list(_listed().of_home(home).city_partnerships())
    return sorted(rows, key=lambda p: (p.since.sort_key(), p.partner.name))


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


def count_by_status(partnerships: list[Partnership]) -> dict[str, int]:
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

    Its activities are the upcoming, current and undated ones and the PAST_ACTIVITIES_SHOWN
    newest past ones, so the page stays small when a partnership has hundreds;
    `past_activity_count` says how many past ones there are in all (the calendar lists them).
    """
    today = today or timezone.localdate()
    newest_past = (
        Activity.objects.published()
        .filter(partnership__slug=slug, ends_on__lt=today)
        .order_by("-starts_on", "-pk")
        .values("pk")[:PAST_ACTIVITIES_SHOWN]
    )
    return (
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
                "activities",
                queryset=Activity.objects.published()
                .filter(Q(ends_on__gte=today) | Q(starts_on__isnull=True) | Q(pk__in=newest_past))
                .chronological()
                .prefetch_related("topics", "organisations", "sources"),
            ),
            Prefetch(
                "contacts", queryset=ContactPerson.objects.public().select_related("organisation")
            ),
        )
        .annotate(
            past_activity_count=Count(
                "activities",
                filter=Q(activities__ends_on__lt=today, activities__is_published=True),
            )
        )
        .get(slug=slug)
    )


def newest_milestones(
    partnership: Partnership | None = None, *, limit: int = 50
) -> list[Milestone]:
    """The milestones most recently added to the registry, newest first (for the Atom feeds)."""
    rows = Milestone.objects.filter(partnership__is_published=True)
    if partnership is not None:
        rows = rows.filter(partnership=partnership)
    return list(
        rows.select_related("partnership", "partnership__home", "partnership__partner").order_by(
            "-created_at", "-pk"
        )[:limit]
    )
