"""Records of a page of a list read as plain values, for the whole-registry API lists.

Why: building model instances for a page of partnerships and the prefetched history behind
them (sources, status changes and their sources, topic links and theirs) took three quarters
of an uncached `/api/v1/partnerships` at national size, while its SQL took a tenth (issue 16,
profile in BENCHMARKS.md). Here each relation is one `values_list()` query of the columns a
record shows, grouped by owner in Python: the same queries as the prefetches, the same records
as `records.partnership_record` (a test compares them), without a model instance.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet

from citypartners.activities.models import Activity
from citypartners.core.i18n import LANGUAGE_CODES
from citypartners.opendata.records import Record, date_record, public_url_of
from citypartners.partnerships.models import Partnership, PartnershipTopic, StatusChange

_PLACE = ["slug", "name_de", "name_en", "kind", "country_code", "geonames_id"]
_PARTNERSHIP = [
    "id",
    "slug",
    "kind",
    "operator",
    "status",
    "status_since",
    "since",
    "name_de",
    "name_en",
    "summary_de",
    "summary_en",
    "description_de",
    "description_en",
    *[f"home__{field}" for field in _PLACE],
    *[f"partner__{field}" for field in _PLACE],
]


def _in(values: dict[str, Any], field: str, lang: str) -> str:
    """The field in the language, else the other one (as `core.i18n.translated`)."""
    for code in (lang, *[code for code in LANGUAGE_CODES if code != lang]):
        value = values.get(f"{field}_{code}")
        if value:
            return value
    return ""


def _place(values: dict[str, Any], prefix: str, lang: str) -> Record:
    place = {field: values[f"{prefix}__{field}"] for field in _PLACE}
    return {
        "slug": place["slug"],
        "name": _in(place, "name", lang),
        "kind": place["kind"],
        "country_code": place["country_code"],
        "geonames_id": place["geonames_id"],
    }


def _cited(rows) -> dict[int, list[Record]]:
    """(owner id, key, title, url) rows as each owner's source references, by key."""
    by_owner: dict[int, list[Record]] = defaultdict(list)
    for owner, key, title, url in sorted(rows, key=lambda row: (row[0], row[1])):
        by_owner[owner].append({"key": key, "title": title, "url": url or None})
    return by_owner


def _source_columns(prefix: str = "source") -> list[str]:
    return [f"{prefix}__key", f"{prefix}__title", f"{prefix}__url"]


def partnership_records(rows: QuerySet[Partnership], lang: str) -> list[Record]:
    """The records of these partnerships (a page of `queries.partnerships()`), in their order,
    in five queries of values besides the rows' own."""
    page = list(rows.prefetch_related(None).values(*_PARTNERSHIP))
    ids = [row["id"] for row in page]
    sources = _cited(
        Partnership.sources.through.objects.filter(partnership_id__in=ids).values_list(
            "partnership_id", *_source_columns()
        )
    )
    changes = list(
        StatusChange.objects.filter(partnership_id__in=ids).values_list(
            "id", "partnership_id", "kind", "on", "note_de", "note_en"
        )
    )
    change_sources = _cited(
        StatusChange.sources.through.objects.filter(
            statuschange_id__in=[change[0] for change in changes]
        ).values_list("statuschange_id", *_source_columns())
    )
    history: dict[int, list[Record]] = defaultdict(list)
    for pk, owner, kind, on, note_de, note_en in changes:
        history[owner].append(
            {
                "kind": kind,
                "on": date_record(on),
                "note": _in({"note_de": note_de, "note_en": note_en}, "note", lang),
                "sources": change_sources.get(pk, []),
            }
        )
    links = list(
        PartnershipTopic.objects.filter(partnership_id__in=ids).values_list(
            "id", "partnership_id", "topic__slug", "topic__name_de", "topic__name_en", "role"
        )
    )
    link_sources = _cited(
        PartnershipTopic.sources.through.objects.filter(
            partnershiptopic_id__in=[link[0] for link in links]
        ).values_list("partnershiptopic_id", *_source_columns())
    )
    topics: dict[int, list[Record]] = defaultdict(list)
    for pk, owner, slug, name_de, name_en, role in links:
        topics[owner].append(
            {
                "slug": slug,
                "name": _in({"name_de": name_de, "name_en": name_en}, "name", lang),
                "role": role,
                "sources": link_sources.get(pk, []),
            }
        )
    records = []
    for row in page:
        home, partner = _place(row, "home", lang), _place(row, "partner", lang)
        records.append(
            {
                "slug": row["slug"],
                "name": _in(row, "name", lang) or f"{home['name']} – {partner['name']}",
                "kind": row["kind"],
                "operator": row["operator"],
                "home": home,
                "partner": partner,
                "status": row["status"],
                "status_since": date_record(row["status_since"]),
                "since": date_record(row["since"]),
                "summary": _in(row, "summary", lang),
                "description": _in(row, "description", lang),
                "topics": topics.get(row["id"], []),
                "history": history.get(row["id"], []),
                "sources": sources.get(row["id"], []),
                "url": public_url_of(row["slug"], lang),
            }
        )
    return records


_ACTIVITY = [
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
    "partnership__slug",
    "partnership__name_de",
    "partnership__name_en",
    "partnership__home__name_de",
    "partnership__home__name_en",
    "partnership__partner__name_de",
    "partnership__partner__name_en",
]


def activity_records(rows: QuerySet[Activity], lang: str) -> list[Record]:
    """The records of these activities (a page of `queries.activities()`), in their order, in
    three queries of values besides the rows' own."""
    page = list(rows.prefetch_related(None).values(*_ACTIVITY))
    ids = [row["id"] for row in page]
    topics: dict[int, list[Record]] = defaultdict(list)
    for owner, slug, name_de, name_en in (
        Activity.topics.through.objects.filter(activity_id__in=ids)
        .order_by("activity_id", "topic__slug")
        .values_list("activity_id", "topic__slug", "topic__name_de", "topic__name_en")
    ):
        topics[owner].append(
            {"slug": slug, "name": _in({"name_de": name_de, "name_en": name_en}, "name", lang)}
        )
    organisations: dict[int, list[Record]] = defaultdict(list)
    for owner, slug, name_de, name_en in (
        Activity.organisations.through.objects.filter(activity_id__in=ids)
        .order_by("activity_id", "organisation__slug")
        .values_list(
            "activity_id", "organisation__slug", "organisation__name_de", "organisation__name_en"
        )
    ):
        organisations[owner].append(
            {"slug": slug, "name": _in({"name_de": name_de, "name_en": name_en}, "name", lang)}
        )
    sources = _cited(
        Activity.sources.through.objects.filter(activity_id__in=ids).values_list(
            "activity_id", *_source_columns()
        )
    )
    records = []
    for row in page:
        partnership = {
            key.removeprefix("partnership__"): value
            for key, value in row.items()
            if key.startswith("partnership__")
        }
        home = _in(
            {"name_de": partnership["home__name_de"], "name_en": partnership["home__name_en"]},
            "name",
            lang,
        )
        partner = _in(
            {
                "name_de": partnership["partner__name_de"],
                "name_en": partnership["partner__name_en"],
            },
            "name",
            lang,
        )
        records.append(
            {
                "slug": row["slug"],
                "partnership": {
                    "slug": partnership["slug"],
                    "name": _in(partnership, "name", lang) or f"{home} – {partner}",
                },
                "kind": row["kind"],
                "title": _in(row, "title", lang),
                "description": _in(row, "description", lang),
                "starts": date_record(row["starts"]),
                "ends": date_record(row["ends"]) if row["ends"].is_known else None,
                "first_day": row["starts_on"].isoformat() if row["starts_on"] else None,
                "last_day": row["ends_on"].isoformat() if row["ends_on"] else None,
                "topics": topics.get(row["id"], []),
                "organisations": organisations.get(row["id"], []),
                "sources": sources.get(row["id"], []),
            }
        )
    return records
