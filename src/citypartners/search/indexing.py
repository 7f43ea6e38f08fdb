"""Building search entries from the registry: what each record is found by and shows.

Each builder takes a set of primary keys (or None for all) and reads its records with the
joins it needs, so building costs a fixed number of queries per kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, Window
from django.db.models.functions import RowNumber
from django.utils import translation
from django.utils.text import capfirst

from citypartners.activities.models import Activity
from citypartners.core.i18n import LANGUAGE_CODES
from citypartners.network.models import Organisation
from citypartners.partnerships.enums import TopicRole
from citypartners.partnerships.models import (
    Partnership,
    PartnershipOrganisation,
    PartnershipTopic,
    Programme,
    Topic,
)
from citypartners.places.models import Place, normalise_name
from citypartners.search.enums import EntryKind
from citypartners.search.models import SearchEntry
from citypartners.sources.models import Source


@dataclass
class _Texts:
    title: str
    context: str = ""
    body: str = ""


def _per_language(render: Callable[[str], _Texts]) -> dict[str, _Texts]:
    texts = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            texts[code] = render(code)
    return texts


def _entry(
    kind: str,
    pk: int,
    texts: dict[str, _Texts],
    names: Iterable[str],
    url_name: str = "",
    url_args: list | None = None,
    url_suffix: str = "",
) -> SearchEntry:
    folded_names, written = [], []
    for name in names:
        folded = normalise_name(name or "")
        if folded and folded not in folded_names:
            folded_names.append(folded)
            written.append(" ".join(name.split()))
    # The context line (kind, partner city, …) is shown but not searched: "Mexiko" should not
    # find every topic of the Mexico City partnership.
    everything = [*folded_names]
    for text in texts.values():
        everything += [text.title, text.body]
    return SearchEntry(
        kind=kind,
        object_id=pk,
        title_de=texts["de"].title[:400],
        title_en=texts["en"].title[:400],
        context_de=texts["de"].context[:400],
        context_en=texts["en"].context[:400],
        body_de=texts["de"].body,
        body_en=texts["en"].body,
        names="\n".join(folded_names),
        names_as_written="\n".join(written),
        folded=normalise_name(" \n ".join(everything)),
        url_name=url_name,
        url_args=url_args or [],
        url_suffix=url_suffix,
    )


def _only(rows, pks: set[int] | None):
    return rows if pks is None else rows.filter(pk__in=pks)


def _place_names(place: Place) -> list[str]:
    return [place.name_de, place.name_en, place.name_local, *[a.name for a in place.aliases.all()]]


def place_entries(pks: set[int] | None = None) -> list[SearchEntry]:
    rows = _only(Place.objects.select_related("parent"), pks).prefetch_related(
        "aliases",
        Prefetch(
            "partner_partnerships",
            queryset=Partnership.objects.published().select_related("home", "partner"),
        ),
    )
    entries = []
    for place in rows:
        partnerships = sorted(place.partner_partnerships.all(), key=lambda p: p.since.sort_key())

        def render(code: str, place=place, partnerships=partnerships) -> _Texts:
            parts = [capfirst(place.get_kind_display())]
            if place.parent:
                parts.append(place.parent.name)
            parts += [str(p) for p in partnerships]
            return _Texts(place.name, ", ".join(parts))

        first = partnerships[0] if partnerships else None
        entries.append(
            _entry(
                EntryKind.PLACE,
                place.pk,
                _per_language(render),
                _place_names(place),
                "web:partnership" if first else "",
                [first.slug] if first else [],
            )
        )
    return entries


def partnership_entries(pks: set[int] | None = None) -> list[SearchEntry]:
    rows = _only(
        Partnership.objects.published().select_related("home", "partner", "partner__parent"),
        pks,
    ).prefetch_related("home__aliases", "partner__aliases")
    entries = []
    for partnership in rows:

        def render(code: str, p=partnership) -> _Texts:
            context = f"{capfirst(p.get_kind_display())}, {p.get_status_display()}"
            if p.since.is_known:
                context += f", {p.since.format(code)}"
            return _Texts(str(p), context, " ".join(filter(None, [p.summary, p.description])))

        names = [
            partnership.name_de,
            partnership.name_en,
            *_place_names(partnership.partner),
        ]
        if partnership.partner.parent:
            names += [partnership.partner.parent.name_de, partnership.partner.parent.name_en]
        entries.append(
            _entry(
                EntryKind.PARTNERSHIP,
                partnership.pk,
                _per_language(render),
                names,
                "web:partnership",
                [partnership.slug],
            )
        )
    return entries


def activity_entries(pks: set[int] | None = None) -> list[SearchEntry]:
    rows = _only(
        Activity.objects.published()
        .filter(partnership__is_published=True)
        .select_related("partnership", "partnership__home", "partnership__partner"),
        pks,
    ).prefetch_related("topics")
    entries = []
    for activity in rows:

        def render(code: str, a=activity) -> _Texts:
            context = f"{capfirst(a.get_kind_display())}, {a.dates.format(code)}, {a.partnership}"
            topics = ", ".join(t.name for t in a.topics.all())
            return _Texts(a.title, context, " ".join(filter(None, [a.description, topics])))

        entries.append(
            _entry(
                EntryKind.ACTIVITY,
                activity.pk,
                _per_language(render),
                [activity.title_de, activity.title_en],
                "web:partnership",
                [activity.partnership.slug],
                f"#activity-{activity.slug}",
            )
        )
    return entries


# A topic's entry names its first partnerships (by start, then slug), never more.
TOPIC_PARTNERSHIPS_SHOWN = 5


def _first_partnerships(topic_pks: list[int]) -> dict[int, list[Partnership]]:
    """Each topic's first TOPIC_PARTNERSHIPS_SHOWN published partnerships, in order.

    Why not a prefetch of every link: at national size a topic has tens of thousands of
    partnerships, and building them all as model instances took 38 s of a reindex for 46
    topics. The ranking is done in SQL; a partnership linked in several roles ranks once per
    role, so the ranks kept allow for that before the duplicates are dropped.
    """
    ranked = (
        PartnershipTopic.objects.filter(partnership__is_published=True, topic_id__in=topic_pks)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("topic_id"),
                order_by=[F("partnership__since").asc(), F("partnership__slug").asc()],
            )
        )
        .filter(rank__lte=TOPIC_PARTNERSHIPS_SHOWN * len(TopicRole))
        .order_by("topic_id", "rank")
        .values_list("topic_id", "partnership_id")
    )
    order: dict[int, dict[int, None]] = {}
    for topic_id, partnership_id in ranked:
        order.setdefault(topic_id, {})[partnership_id] = None
    wanted = {pk for ids in order.values() for pk in list(ids)[:TOPIC_PARTNERSHIPS_SHOWN]}
    partnerships = Partnership.objects.select_related("home", "partner").in_bulk(wanted)
    return {
        topic_id: [partnerships[pk] for pk in list(ids)[:TOPIC_PARTNERSHIPS_SHOWN]]
        for topic_id, ids in order.items()
    }


def topic_entries(pks: set[int] | None = None) -> list[SearchEntry]:
    # Whether a topic has activities, not the activities: a national topic has 100,000s.
    has_activities = Exists(Activity.objects.published().filter(topics=OuterRef("pk")))
    rows = list(
        _only(Topic.objects.annotate(has_activities=has_activities), pks).prefetch_related(
            Prefetch("programmes", queryset=Programme.objects.only("pk")),
        )
    )
    first = _first_partnerships([topic.pk for topic in rows])
    entries = []
    for topic in rows:
        partnerships = first.get(topic.pk, [])

        def render(code: str, t=topic, partnerships=partnerships) -> _Texts:
            parts = [capfirst(t.get_kind_display()), *[str(p) for p in partnerships[:5]]]
            return _Texts(t.name, ", ".join(parts))

        if topic.has_activities:
            url = ("pages:activities", [], f"?topic={topic.slug}")
        elif partnerships:
            url = ("web:partnership", [partnerships[0].slug], "#topics-heading")
        elif topic.programmes.all():
            url = ("web:home", [], "#focus-heading")
        else:
            url = ("", [], "")
        entries.append(
            _entry(
                EntryKind.TOPIC,
                topic.pk,
                _per_language(render),
                [topic.name_de, topic.name_en],
                *url,
            )
        )
    return entries


def organisation_entries(pks: set[int] | None = None) -> list[SearchEntry]:
    rows = _only(Organisation.objects.select_related("place"), pks).prefetch_related(
        Prefetch(
            "partnership_roles",
            queryset=PartnershipOrganisation.objects.filter(
                partnership__is_published=True
            ).select_related("partnership", "partnership__home", "partnership__partner"),
        ),
        Prefetch("programmes", queryset=Programme.objects.only("pk", "office_id")),
    )
    entries = []
    for organisation in rows:
        roles = list(organisation.partnership_roles.all())

        def render(code: str, o=organisation, roles=roles) -> _Texts:
            parts = [capfirst(o.get_kind_display()), *[str(r.partnership) for r in roles[:5]]]
            body = " ".join(filter(None, [o.unit, o.description, *[r.role for r in roles]]))
            return _Texts(str(o), ", ".join(parts), body)

        if organisation.programmes.all():
            url = ("web:contact", [], "")
        elif roles:
            url = ("web:partnership", [roles[0].partnership.slug], "#organisations-heading")
        else:
            url = ("", [], "")
        entries.append(
            _entry(
                EntryKind.ORGANISATION,
                organisation.pk,
                _per_language(render),
                [organisation.name_de, organisation.name_en, organisation.acronym],
                *url,
            )
        )
    return entries


def source_entries(pks: set[int] | None = None) -> list[SearchEntry]:
    entries = []
    for source in _only(Source.objects.public(), pks):  # uploads stay private until published

        def render(code: str, s=source) -> _Texts:
            parts = [capfirst(s.get_kind_display()), s.publisher, s.published_on.format(code)]
            return _Texts(s.title, ", ".join(filter(None, parts)), s.note)

        entries.append(
            _entry(
                EntryKind.SOURCE,
                source.pk,
                _per_language(render),
                [source.title, source.publisher],
                "web:source",
                [source.key],
            )
        )
    return entries


# The model each kind of entry is built from, so a rebuild can walk its rows in chunks.
MODELS = {
    EntryKind.PLACE: Place,
    EntryKind.PARTNERSHIP: Partnership,
    EntryKind.TOPIC: Topic,
    EntryKind.ACTIVITY: Activity,
    EntryKind.ORGANISATION: Organisation,
    EntryKind.SOURCE: Source,
}

BUILDERS: dict[str, Callable[[set[int] | None], list[SearchEntry]]] = {
    EntryKind.PLACE: place_entries,
    EntryKind.PARTNERSHIP: partnership_entries,
    EntryKind.TOPIC: topic_entries,
    EntryKind.ACTIVITY: activity_entries,
    EntryKind.ORGANISATION: organisation_entries,
    EntryKind.SOURCE: source_entries,
}
