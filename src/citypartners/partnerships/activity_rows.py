"""A partnership page's activities read as plain values, not model instances.

Why: the page of a busy partnership shows about two dozen activities, each with its topics,
organisations and sources. Read through `prefetch_related`, that made some two hundred model
instances a request (each with modeltranslation's set-up), most of the page's Python time at
national size (issue 16, BENCHMARKS.md). Here the activities are one `values()` query and each
relation one query of the columns the page shows: the same four queries as the prefetches.

The rows answer what the page's writers ask of an activity (`web.activity_list`, the timeline,
`pages.structured_data.event_node`): the same attribute names, `.all()` on the relations, and
`dates`, `timing()` and `get_kind_display()` computed by the model's own code.
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
    name: str


@dataclass(frozen=True, slots=True)
class OrganisationName:
    name_de: str
    name_en: str
    name: str

    @property
    def name_language(self) -> str:
        return Organisation.name_language.fget(self)


_KIND_LABELS = dict(ActivityKind.choices)


@dataclass(frozen=True, slots=True)
class ActivityRow:
    """One activity as a partnership page shows it, names in the active language."""

    pk: int
    slug: str
    kind: str
    title: str
    description: str
    starts: PartialDate
    ends: PartialDate
    starts_on: dt.date | None
    ends_on: dt.date | None
    partnership: Partnership
    topics: Related = field(default_factory=Related)
    organisations: Related = field(default_factory=Related)
    sources: Related = field(default_factory=Related)

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


def activity_rows(activities: QuerySet[Activity], partnership: Partnership) -> list[ActivityRow]:
    """The rows of these activities of `partnership`, in the queryset's order, in four queries:
    the activities, their topics, organisations and sources (each ordered as its model is)."""
    language = current_language()
    page = list(activities.prefetch_related(None).values_list(*_COLUMNS))
    ids = [row[0] for row in page]
    topics = _grouped(
        (owner, TopicName(_in_language(language, de, en)))
        for owner, de, en in Activity.topics.through.objects.filter(activity_id__in=ids)
        .order_by("activity_id", "topic__slug")
        .values_list("activity_id", "topic__name_de", "topic__name_en")
    )
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
    sources = _grouped(cited)
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
            partnership=partnership,
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
        ) in page
    ]
