"""Reading the registry for open data: filtered, stably ordered lists with the joins records need.

The API and the downloads both read through these selectors, so a filter means the same in
both. Each selector returns a queryset whose rows, sliced to any page, are fetched in a fixed
number of queries (one for the rows, one per prefetched relation), whatever the data size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet, Sum

from citypartners.activities.models import Activity, ActivityTally
from citypartners.core.dates import MAX_YEAR
from citypartners.editors.scope import Scope, readable_claims, readable_sources
from citypartners.network.models import Organisation
from citypartners.partnerships.models import (
    Milestone,
    Partnership,
    PartnershipOrganisation,
    PartnershipTopic,
    StatusChange,
    Topic,
)
from citypartners.places.models import Place
from citypartners.sources.enums import ReviewStatus
from citypartners.sources.models import Claim, Source

# Only the columns a citation shows: a source's full text can be long.
_CITED = Source.objects.only("id", "key", "title", "url", "language", "retrieved_on")
# Records show no row timestamps; reading and parsing them is a tenth of a list's time.
_STAMPS = ("created_at", "modified_at")


def _stamps(*relations: str) -> list[str]:
    return [f"{relation}__{stamp}" for relation in relations for stamp in _STAMPS]


def _cited(relation: str) -> Prefetch:
    return Prefetch(relation, queryset=_CITED)


@dataclass(frozen=True)
class PartnershipFilters:
    home: str | None = None
    partner: str | None = None
    partner_country: str | None = None
    kind: str | None = None
    status: str | None = None
    operator: str | None = None
    since_from: int | None = None
    since_to: int | None = None
    topic: str | None = None


def partnerships(filters: PartnershipFilters | None = None) -> QuerySet[Partnership]:
    """Published partnerships, by slug, with places, topics, history and every source."""
    filters = filters or PartnershipFilters()
    rows = (
        Partnership.objects.published()
        .select_related("home", "partner")
        .defer(*_STAMPS, *_stamps("home", "partner"))
        .prefetch_related(
            _cited("sources"),
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.defer(*_STAMPS).prefetch_related(_cited("sources")),
            ),
            Prefetch(
                "topic_links",
                queryset=PartnershipTopic.objects.select_related("topic").prefetch_related(
                    _cited("sources")
                ),
            ),
        )
        .order_by("slug")
    )
    if filters.home:
        rows = rows.filter(home__slug=filters.home)
    if filters.partner:
        rows = rows.filter(partner__slug=filters.partner)
    if filters.partner_country:
        rows = rows.filter(partner__country_code=filters.partner_country.upper())
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.operator:
        rows = rows.filter(operator=filters.operator)
    # `since` is stored as an ISO string cut to its precision ("" when unknown), which sorts as
    # text: every date of year Y is >= "Y" and < "Y+1", and unknown dates fall out of any range.
    if filters.since_from is not None:
        rows = rows.filter(since__gte=f"{filters.since_from:04d}")
    if filters.since_to is not None:
        rows = rows.exclude(since="")
        if filters.since_to < MAX_YEAR:  # "3000" is no date the field can hold
            rows = rows.filter(since__lt=f"{filters.since_to + 1:04d}")
    if filters.topic:
        rows = rows.filter(
            pk__in=PartnershipTopic.objects.filter(topic__slug=filters.topic).values(
                "partnership_id"
            )
        )
    return rows


def partnership(slug: str) -> Partnership:
    """One published partnership with milestones and organisations as well. Raises DoesNotExist."""
    return (
        partnerships()
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.prefetch_related(_cited("sources"))),
            Prefetch(
                "organisation_roles",
                queryset=PartnershipOrganisation.objects.select_related(
                    "organisation"
                ).prefetch_related(_cited("sources")),
            ),
        )
        .get(slug=slug)
    )


@dataclass(frozen=True)
class ActivityFilters:
    partnership: str | None = None
    home: str | None = None
    partner_country: str | None = None
    kind: str | None = None
    topic: str | None = None
    organisation: str | None = None
    # Activities whose dates overlap [date_from, date_to] (either end may be open).
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _activity_owners(filters: ActivityFilters) -> QuerySet[Partnership]:
    """The published partnerships whose activities the filters select."""
    owners = Partnership.objects.published()
    if filters.partnership:
        owners = owners.filter(slug=filters.partnership)
    if filters.home:
        owners = owners.filter(home__slug=filters.home)
    if filters.partner_country:
        owners = owners.filter(partner__country_code=filters.partner_country.upper())
    return owners


# Beyond this many partnerships a list of ids is no better than the subquery.
MAX_LISTED_OWNERS = 5000


def _owner_ids(filters: ActivityFilters) -> QuerySet | list[int]:
    owners = _activity_owners(filters).order_by().values_list("id", flat=True)
    if not (filters.partnership or filters.home or filters.partner_country):
        return owners
    ids = list(owners[: MAX_LISTED_OWNERS + 1])
    # An empty list would make the query uncompilable (Django's EmptyResultSet) for the SQL
    # the count cache is keyed by; the subquery selects nothing just as well.
    return ids if 0 < len(ids) <= MAX_LISTED_OWNERS else owners


def activity_count(
    filters: ActivityFilters | None = None, rows: QuerySet[Activity] | None = None
) -> int:
    """The exact number of activities `activities(filters)` lists.

    Filters on the partnership and the kind are answered from the tally the database keeps
    (`ActivityTally`): a sum over at most one row per partnership and kind instead of a count
    over every activity (about 30 ms against 180-420 ms at a million activities). Filters on
    dates, topics or organisations count the activities themselves: `rows` when the caller
    has `activities(filters)` already.
    """
    filters = filters or ActivityFilters()
    if filters.topic or filters.organisation or filters.date_from or filters.date_to:
        return (rows if rows is not None else activities(filters)).count()
    tally = ActivityTally.objects.all()
    if filters.kind:
        tally = tally.filter(kind=filters.kind)
    if filters.partnership or filters.home or filters.partner_country:
        owners = _activity_owners(filters).values("id")
        return _total(tally.filter(partnership_id__in=owners))
    # All partnerships: the registry's totals less the few unpublished partnerships, rather
    # than joining every partnership's rows to the published ones.
    hidden = Partnership.objects.filter(is_published=False).values("id")
    registry = tally.filter(partnership_id=ActivityTally.REGISTRY)
    return _total(registry) - _total(tally.filter(partnership_id__in=hidden))


def _total(tally: QuerySet[ActivityTally]) -> int:
    return tally.aggregate(total=Sum("count"))["total"] or 0


def activities(filters: ActivityFilters | None = None) -> QuerySet[Activity]:
    """Published activities of published partnerships, by start day (undated last), then id.

    Conditions on the partnership become one `partnership_id IN (…)` rather than joins:
    counting a million activities is then a scan against a small hashed set, about twice as
    fast on PostgreSQL as the joined count. When the filters name partnerships (a home, a
    partner country, a slug), their ids are read first and given as a list: PostgreSQL can
    estimate a list, not a subquery, and with the subquery it chose to walk every activity
    of a year in date order testing each one's partner (France in 2020: 135 ms, as a list 9 ms).
    The list goes as one array (`any_of`, see `core.lookups`).
    """
    filters = filters or ActivityFilters()
    owners = _owner_ids(filters)
    lookup = "partnership_id__any_of" if isinstance(owners, list) else "partnership_id__in"
    rows = (
        Activity.objects.published()
        .filter(**{lookup: owners})
        .select_related("partnership", "partnership__home", "partnership__partner")
        .defer(*_STAMPS, *_stamps("partnership", "partnership__home", "partnership__partner"))
        .prefetch_related("topics", "organisations", _cited("sources"))
        .order_by(F("starts_on").asc(nulls_last=True), "id")
    )
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.topic:
        rows = rows.filter(
            pk__in=Activity.topics.through.objects.filter(topic__slug=filters.topic).values(
                "activity_id"
            )
        )
    if filters.organisation:
        rows = rows.filter(
            pk__in=Activity.organisations.through.objects.filter(
                organisation__slug=filters.organisation
            ).values("activity_id")
        )
    if filters.date_from is not None:
        rows = rows.filter(ends_on__gte=filters.date_from)
    if filters.date_to is not None:
        rows = rows.filter(starts_on__lte=filters.date_to)
    return rows


@dataclass(frozen=True)
class PlaceFilters:
    kind: str | None = None
    country: str | None = None
    parent: str | None = None


def places(filters: PlaceFilters | None = None) -> QuerySet[Place]:
    filters = filters or PlaceFilters()
    rows = Place.objects.select_related("parent").prefetch_related("aliases").order_by("slug")
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.country:
        rows = rows.filter(country_code=filters.country.upper())
    if filters.parent:
        rows = rows.filter(parent__slug=filters.parent)
    return rows


@dataclass(frozen=True)
class OrganisationFilters:
    kind: str | None = None
    place: str | None = None
    partnership: str | None = None


def organisations(filters: OrganisationFilters | None = None) -> QuerySet[Organisation]:
    filters = filters or OrganisationFilters()
    rows = (
        Organisation.objects.select_related("place")
        .prefetch_related(_cited("sources"))
        .order_by("slug")
    )
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.place:
        rows = rows.filter(place__slug=filters.place)
    if filters.partnership:
        rows = rows.filter(
            pk__in=PartnershipOrganisation.objects.filter(
                partnership__slug=filters.partnership
            ).values("organisation_id")
        )
    return rows


def topics(kind: str | None = None) -> QuerySet[Topic]:
    rows = Topic.objects.select_related("parent").order_by("slug")
    if kind:
        rows = rows.filter(kind=kind)
    return rows


@dataclass(frozen=True)
class SourceFilters:
    kind: str | None = None
    language: str | None = None


def sources(
    filters: SourceFilters | None = None, *, scope: Scope | None = None
) -> QuerySet[Source]:
    """Sources without their stored text, which is long and not ours to republish: public ones,
    and with a reviewer's `scope` also the private ones within it (`editors.scope`)."""
    filters = filters or SourceFilters()
    rows = Source.objects.defer("text").order_by("key")
    rows = rows.filter(is_public=True) if scope is None else readable_sources(scope, rows)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.language:
        rows = rows.filter(language=filters.language)
    return rows


@dataclass(frozen=True)
class ClaimFilters:
    source: str | None = None
    property: str | None = None
    subject: str | None = None
    # Reviewed facts by default: pending and rejected claims are editors' work in progress.
    review_status: str = ReviewStatus.ACCEPTED


def claims(filters: ClaimFilters | None = None, *, scope: Scope | None = None) -> QuerySet[Claim]:
    """Claims with their source: accepted claims of public sources, whatever the filters ask
    for, and with a reviewer's `scope` also the other claims within it (`editors.scope`)."""
    filters = filters or ClaimFilters()
    rows = Claim.objects.select_related("source").defer("source__text").order_by("id")
    if scope is None:
        rows = rows.filter(review_status=ReviewStatus.ACCEPTED, source__is_public=True)
    else:
        rows = readable_claims(scope, rows)
    if filters.review_status != "any":
        rows = rows.filter(review_status=filters.review_status)
    if filters.source:
        rows = rows.filter(source__key=filters.source)
    if filters.property:
        rows = rows.filter(property=filters.property)
    if filters.subject:
        rows = rows.filter(subject=filters.subject)
    return rows
