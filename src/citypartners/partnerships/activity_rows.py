"""The activities of a partnership page and of a calendar page read as plain values, not
model instances.

Why: the page of a busy partnership shows about two dozen activities, each with its topics,
organisations and sources. Read through `prefetch_related`, that made some two hundred model
instances a request (each with modeltranslation's set-up), most of the page's Python time at
national size (issue 16, BENCHMARKS.md). Here the activities are one `values()` query and each
relation one query of the columns the page shows: the same four queries as the prefetches.

The calendar's page of twenty activities is read the same way (`calendar_rows`), with the
names of each activity's partnership in the same query.

The rows answer what the pages' writers ask of an activity (`web.activity_list`,
`pages.calendar_items`, `pages.structured_data.event_node`): the same attribute names, `.all()`
on the relations, and `dates`, `timing()` and `get_kind_display()` computed by the model's own
code.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import F, QuerySet

from citypartners.activities.enums import ActivityKind, Timing
from citypartners.activities.models import Activity
from citypartners.core.dates import DateRange, PartialDate
from citypartners.core.i18n import current_language
from citypartners.network.models import Organisation
from citypartners.partnerships.models import Partnership
from citypartners.sources.models import Source


class Related(tuple):
    """A relation's rows, in the order the page lists them; `.all()` as on a prefetched
    relation, so the writers that take a model instance take a row too."""

    def all(self) -> Related:
        return self


def _in_language(language: str, de: str | None, en: str | None) -> str:
    """The name in the language, else the other one (modeltranslation's fallback: an empty
    string counts as missing)."""
    first, second = (de, en) if language == "de" else (en, de)
    return first or second or ""


@dataclass(frozen=True, slots=True)
class TopicName:
    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class PlaceName:
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class PartnershipName:
    """What a calendar entry shows of its partnership: the link and the name (the model's
    `__str__`: its own name, else "home – partner")."""

    slug: str
    name: str
    home: PlaceName
    partner: PlaceName

    def __str__(self) -> str:
        return self.name or f"{self.home} – {self.partner}"


@dataclass(frozen=True, slots=True)
class OrganisationName:
    name_de: str
    name_en: str
    name: str

    @property
    def name_language(self) -> str:
        return Organisation.name_language.fget(self)


_KIND_LABELS = dict(ActivityKind.choices)


@dataclass(slots=True)
class ActivityRow:
    """One activity as a page shows it, names in the active language. `timing_now` and
    `timing_label` are the calendar's to set, as it set them on model instances."""

    pk: int
    slug: str
    kind: str
    title: str
    description: str
    starts: PartialDate
    ends: PartialDate
    starts_on: dt.date | None
    ends_on: dt.date | None
    partnership: Partnership | PartnershipName
    topics: Related = field(default_factory=Related)
    organisations: Related = field(default_factory=Related)
    sources: Related = field(default_factory=Related)
    timing_now: str = ""
    timing_label: str = ""

    def get_kind_display(self) -> str:
        return str(_KIND_LABELS.get(self.kind, self.kind))

    @property
    def dates(self) -> DateRange:
        return Activity.dates.fget(self)

    def timing(self, today: dt.date) -> Timing:
        return Activity.timing(self, today)


_COLUMNS = (
    "id",
    "slug",
    "kind",
    "title_de",
    "title_en",
    "description_de",
    "description_en",
    "starts",
    "ends",
    "starts_on",
    "ends_on",
)


def _grouped(rows: Iterable[tuple]) -> dict[int, list]:
    by_owner: dict[int, list] = defaultdict(list)
    for owner, item in rows:
        by_owner[owner].append(item)
    return by_owner


def _topics(ids: list[int], language: str) -> dict[int, list]:
    return _grouped(
        (owner, TopicName(slug, _in_language(language, de, en)))
        for owner, slug, de, en in Activity.topics.through.objects.filter(activity_id__in=ids)
        .order_by("activity_id", "topic__slug")
        .values_list("activity_id", "topic__slug", "topic__name_de", "topic__name_en")
    )


def _rows(
    page: list[tuple],
    language: str,
    partnerships: dict,
    topics: dict,
    organisations: dict,
    sources: dict,
) -> list[ActivityRow]:
    return [
        ActivityRow(
            pk=pk,
            slug=slug,
            kind=kind,
            title=_in_language(language, title_de, title_en),
            description=_in_language(language, description_de, description_en),
            starts=starts,
            ends=ends,
            starts_on=starts_on,
            ends_on=ends_on,
            partnership=partnerships[pk],
            topics=Related(topics.get(pk, ())),
            organisations=Related(organisations.get(pk, ())),
            sources=Related(sources.get(pk, ())),
        )
        for (
            pk,
            slug,
            kind,
            title_de,
            title_en,
            description_de,
            description_en,
            starts,
            ends,
            starts_on,
            ends_on,
            *_rest,
        ) in page
    ]


def activity_rows(activities: QuerySet[Activity], partnership: Partnership) -> list[ActivityRow]:
    """The rows of these activities of `partnership`, in the queryset's order, in four queries:
    the activities, their topics, organisations and sources (each ordered as its model is)."""
    language = current_language()
    page = list(activities.prefetch_related(None).values_list(*_COLUMNS))
    ids = [row[0] for row in page]
    organisations = _grouped(
        (owner, OrganisationName(de or "", en or "", _in_language(language, de, en)))
        for owner, de, en in Activity.organisations.through.objects.filter(activity_id__in=ids)
        .order_by("activity_id", "organisation__slug")
        .values_list("activity_id", "organisation__name_de", "organisation__name_en")
    )
    # Sources stay model instances: the page's list of sources shows them whole. One instance
    # per distinct source, shared by the activities that cite it.
    distinct: dict[int, Source] = {}
    cited = []
    for source in Source.objects.filter(activities__id__in=ids).annotate(
        _cited_by=F("activities__id")
    ):
        cited.append((source._cited_by, distinct.setdefault(source.pk, source)))
    return _rows(
        page,
        language,
        dict.fromkeys(ids, partnership),
        _topics(ids, language),
        organisations,
        _grouped(cited),
    )


_PARTNERSHIP_COLUMNS = (
    "partnership__slug",
    "partnership__name_de",
    "partnership__name_en",
    "partnership__home__name_de",
    "partnership__home__name_en",
    "partnership__partner__name_de",
    "partnership__partner__name_en",
)


def calendar_rows(pks: list[int]) -> list[ActivityRow]:
    """The rows of the activities `pks` (a calendar page), in that order, with their
    partnerships' names and their topics, in two queries. Organisations and sources are left
    empty: the calendar shows neither."""
    language = current_language()
    found = {
        row[0]: row
        for row in Activity.objects.filter(pk__in=pks)
        .order_by()
        .values_list(*_COLUMNS, *_PARTNERSHIP_COLUMNS)
    }
    page = [found[pk] for pk in pks if pk in found]
    partnerships: dict[int, PartnershipName] = {}
    by_slug: dict[str, PartnershipName] = {}
    for row in page:
        slug, name_de, name_en, home_de, home_en, partner_de, partner_en = row[len(_COLUMNS) :]
        if slug not in by_slug:
            by_slug[slug] = PartnershipName(
                slug,
                _in_language(language, name_de, name_en),
                PlaceName(_in_language(language, home_de, home_en)),
                PlaceName(_in_language(language, partner_de, partner_en)),
            )
        partnerships[row[0]] = by_slug[slug]
    return _rows(page, language, partnerships, _topics(list(found), language), {}, {})
