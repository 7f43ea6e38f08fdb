"""The download formats: CSV and JSON of partnerships and activities, the whole dataset as a zip
in the shipped dataset format, and Wikidata QuickStatements of the partnerships.

Row-by-row formats are generators, so a national-size download streams in constant memory and
reads the database in chunks of a fixed size (one query per relation per chunk).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet

from citypartners.activities.models import Activity
from citypartners.core.dates import PartialDate, Precision
from citypartners.dataset.exporting import export_entity
from citypartners.dataset.schema import ENTITIES
from citypartners.partnerships.enums import PartnershipKind, Status
from citypartners.partnerships.models import Partnership
from citypartners.sources.models import Source

CHUNK = 2000
LIST_SEPARATOR = "; "


class _Echo:
    """A file-like object whose write returns the text, for streaming the csv module's output."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(header)  # BOM: spreadsheet programs then read UTF-8
    for row in rows:
        yield writer.writerow(row)


def _joined(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(value for value in values if value)


def _sorted_sources(sources: Iterable[Source]) -> list[Source]:
    return sorted(sources, key=lambda source: source.key)


PARTNERSHIP_COLUMNS = [
    "slug",
    "kind",
    "operator",
    "home_slug",
    "home_name_de",
    "home_name_en",
    "home_geonames_id",
    "partner_slug",
    "partner_name_de",
    "partner_name_en",
    "partner_country_code",
    "partner_geonames_id",
    "status",
    "status_since",
    "status_since_precision",
    "since",
    "since_precision",
    "name_de",
    "name_en",
    "summary_de",
    "summary_en",
    "topics",
    "source_keys",
    "source_titles",
    "source_urls",
]


def _partnership_row(p: Partnership) -> list:
    sources = _sorted_sources(p.sources.all())
    return [
        p.slug,
        p.kind,
        p.operator,
        p.home.slug,
        p.home.name_de,
        p.home.name_en,
        p.home.geonames_id or "",
        p.partner.slug,
        p.partner.name_de,
        p.partner.name_en,
        p.partner.country_code,
        p.partner.geonames_id or "",
        p.status,
        p.status_since.isoformat(),
        str(p.status_since.precision),
        p.since.isoformat(),
        str(p.since.precision),
        p.name_de,
        p.name_en,
        p.summary_de,
        p.summary_en,
        _joined(link.topic.slug for link in p.topic_links.all()),
        _joined(source.key for source in sources),
        _joined(source.title for source in sources),
        _joined(source.url for source in sources),
    ]


def partnerships_csv(rows: QuerySet[Partnership]) -> Iterator[str]:
    """One line per partnership, German and English side by side, dates with their precision."""
    return _csv_lines(
        PARTNERSHIP_COLUMNS, (_partnership_row(p) for p in rows.iterator(chunk_size=CHUNK))
    )


ACTIVITY_COLUMNS = [
    "slug",
    "partnership_slug",
    "kind",
    "title_de",
    "title_en",
    "starts",
    "starts_precision",
    "ends",
    "ends_precision",
    "first_day",
    "last_day",
    "topics",
    "organisations",
    "source_keys",
    "source_urls",
]


def _chunks(iterable: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _grouped(pairs: Iterable[tuple]) -> dict[int, list[tuple]]:
    grouped: dict[int, list[tuple]] = {}
    for owner, *values in pairs:
        grouped.setdefault(owner, []).append(tuple(values))
    return grouped


def _activity_rows(rows: QuerySet[Activity]) -> Iterator[list]:
    """Plain values, not model instances: at a million rows that is ten times faster."""
    values = (
        rows.select_related(None)
        .prefetch_related(None)
        .values_list(
            "id",
            "slug",
            "partnership__slug",
            "kind",
            "title_de",
            "title_en",
            "starts",
            "ends",
            "starts_on",
            "ends_on",
        )
    )
    through = Activity.topics.through, Activity.organisations.through, Activity.sources.through
    for chunk in _chunks(values.iterator(chunk_size=CHUNK), CHUNK):
        ids = [row[0] for row in chunk]
        topics = _grouped(
            through[0].objects.filter(activity_id__in=ids).values_list("activity_id", "topic__slug")
        )
        organisations = _grouped(
            through[1]
            .objects.filter(activity_id__in=ids)
            .values_list("activity_id", "organisation__slug")
        )
        sources = _grouped(
            through[2]
            .objects.filter(activity_id__in=ids)
            .values_list("activity_id", "source__key", "source__url")
        )
        for pk, slug, partnership, kind, title_de, title_en, starts, ends, first, last in chunk:
            cited = sorted(sources.get(pk, []))
            yield [
                slug,
                partnership,
                kind,
                title_de,
                title_en,
                starts.isoformat(),
                str(starts.precision),
                ends.isoformat(),
                str(ends.precision) if ends.is_known else "",
                first.isoformat() if first else "",
                last.isoformat() if last else "",
                _joined(sorted(topic for (topic,) in topics.get(pk, []))),
                _joined(sorted(org for (org,) in organisations.get(pk, []))),
                _joined(key for key, _url in cited),
                _joined(url for _key, url in cited),
            ]


def activities_csv(rows: QuerySet[Activity]) -> Iterator[str]:
    return _csv_lines(ACTIVITY_COLUMNS, _activity_rows(rows))


def json_document(
    *, name: str, rows: QuerySet, to_record, lang: str, version: int
) -> Iterator[str]:
    """`{"generated_at", "registry_version", "language", "count", name: [records…]}`, streamed."""
    head = {
        "generated_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "registry_version": version,
        "language": lang,
        "count": rows.count(),
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + f', "{name}": ['
    for index, row in enumerate(rows.iterator(chunk_size=CHUNK)):
        prefix = "\n" if index == 0 else ",\n"
        yield prefix + json.dumps(to_record(row, lang), ensure_ascii=False)
    yield "\n]}\n"


def dataset_zip() -> bytes:
    """Every dataset file, as `loaddataset` reads them, in one zip (folder `dataset/`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entity in ENTITIES:
            archive.writestr(f"dataset/{entity.file}", export_entity(entity, public=True))
    return buffer.getvalue()


# Wikidata ---------------------------------------------------------------------------------

# Kinds that are twinnings between administrative bodies (P190); a federal dialogue between two
# countries or a project cooperation is not.
TWINNING_KINDS = (PartnershipKind.CITY_PARTNERSHIP, PartnershipKind.BOROUGH_PARTNERSHIP)
# States in which the twinning exists or existed; a partnership only agreed is not (yet) one.
TWINNING_STATES = (Status.ACTIVE, Status.DORMANT, Status.SUSPENDED, Status.ENDED)
WIKIDATA_PRECISION = {Precision.YEAR: 9, Precision.MONTH: 10, Precision.DAY: 11}
LANGUAGES_WITH_LABELS = {"de", "en", "es", "fr", "pl", "uk"}


GEONAMES_TOKEN = re.compile(r"GEONAMES:(\d+)")


def geonames_token(geonames_id: int) -> str:
    """The placeholder for the Wikidata item whose GeoNames id (P1566) is the given number."""
    return f"GEONAMES:{geonames_id}"


def quickstatements_time(value: PartialDate) -> str:
    """`+1993-09-00T00:00:00Z/10`: QuickStatements' time with Wikidata's precision."""
    month = value.month or 0
    day = value.day or 0
    return (
        f"+{value.year:04d}-{month:02d}-{day:02d}T00:00:00Z/{WIKIDATA_PRECISION[value.precision]}"
    )


def _quoted(text: str) -> str:
    return '"' + text.replace('"', "'").replace("\t", " ").replace("\n", " ") + '"'


def _reference(sources: list[Source]) -> list[str]:
    """The reference of the first source (those with an address first): S854 reference URL,
    S1476 title, S813 retrieved. A source without an address is cited by its title alone."""
    for source in sorted(sources, key=lambda source: (not source.url, source.key)):
        parts = ["S854", _quoted(source.url)] if source.url else []
        language = source.language if source.language in LANGUAGES_WITH_LABELS else "und"
        parts += ["S1476", f"{language}:{_quoted(source.title)}"]
        if source.retrieved_on.precision == Precision.DAY:
            parts += ["S813", quickstatements_time(source.retrieved_on)]
        return parts
    return []


def twinning_rows(rows: QuerySet[Partnership]) -> QuerySet[Partnership]:
    """The partnerships that are twinnings of administrative bodies with both GeoNames ids."""
    return rows.filter(
        kind__in=TWINNING_KINDS,
        status__in=TWINNING_STATES,
        home__geonames_id__isnull=False,
        partner__geonames_id__isnull=False,
    )


def twinnings(rows: QuerySet[Partnership]) -> tuple[list[Partnership], list[Partnership]]:
    """(partnerships that can be stated as P190, those skipped for lack of a GeoNames id)."""
    candidates = [p for p in rows.filter(kind__in=TWINNING_KINDS, status__in=TWINNING_STATES)]
    usable = [p for p in candidates if p.home.geonames_id and p.partner.geonames_id]
    skipped = [p for p in candidates if not (p.home.geonames_id and p.partner.geonames_id)]
    return usable, skipped


def _statement_sources(p: Partnership) -> list[Source]:
    """The sources of the steps that date the start; the partnership's own sources otherwise."""
    start_steps = [c for c in p.status_changes.all() if c.on == p.since and c.on.is_known]
    cited = {s.pk: s for change in start_steps for s in change.sources.all()}
    return _sorted_sources(cited.values()) or _sorted_sources(p.sources.all())


def quickstatements(rows: QuerySet[Partnership], qids: dict[int, str] | None = None) -> str:
    """QuickStatements V1 commands: P190 in both directions, with P580/P582 and a reference.

    Items are written as Q-ids when `qids` maps the place's GeoNames id to one, otherwise as a
    `GEONAMES:<id>` placeholder that `citypartners wikidataexport --mapping` (or any text
    replacement) turns into the Q-id found through P1566 (see docs/api.md): QuickStatements
    itself cannot look an item up by an external identifier.
    """
    qids = qids or {}
    usable, _skipped = twinnings(rows)
    lines = []
    for p in usable:
        home = qids.get(p.home.geonames_id) or geonames_token(p.home.geonames_id)
        partner = qids.get(p.partner.geonames_id) or geonames_token(p.partner.geonames_id)
        qualifiers: list[str] = []
        if p.since.is_known:
            qualifiers += ["P580", quickstatements_time(p.since)]
        if p.status == Status.ENDED and p.status_since.is_known:
            qualifiers += ["P582", quickstatements_time(p.status_since)]
        reference = _reference(_statement_sources(p))
        for subject, value in ((home, partner), (partner, home)):
            lines.append("\t".join([subject, "P190", value, *qualifiers, *reference]))
    return "\n".join(lines) + ("\n" if lines else "")


def wikidata_lookup_query(rows: QuerySet[Partnership]) -> str:
    """A SPARQL query for the Wikidata Query Service: each GeoNames id needed -> its item."""
    usable, _skipped = twinnings(rows)
    ids = sorted({p.home.geonames_id for p in usable} | {p.partner.geonames_id for p in usable})
    values = " ".join(f'"{geonames_id}"' for geonames_id in ids)
    return (
        "# GeoNames id (P1566) -> Wikidata item, for the citypartners QuickStatements export.\n"
        "SELECT ?geonames ?item WHERE {\n"
        f"  VALUES ?geonames {{ {values} }}\n"
        "  ?item wdt:P1566 ?geonames .\n"
        "}\n"
    )


def read_qid_mapping(text: str) -> dict[int, str]:
    """GeoNames id -> Q-id from the Query Service's CSV/TSV result (columns geonames, item)."""
    dialect = "excel-tab" if "\t" in text.splitlines()[0] else "excel"
    mapping: dict[int, str] = {}
    for row in csv.DictReader(io.StringIO(text), dialect=dialect):
        geonames = (row.get("geonames") or row.get("?geonames") or "").strip().strip('"')
        item = (row.get("item") or row.get("?item") or "").strip().strip("<>")
        qid = item.rsplit("/", 1)[-1]
        if geonames.isdigit() and qid.startswith("Q"):
            mapping.setdefault(int(geonames), qid)
    return mapping


# The download files -------------------------------------------------------------------------

CSV = "text/csv; charset=utf-8"
JSON = "application/json; charset=utf-8"


def download_files() -> dict[str, tuple[str, object]]:
    """File name -> (content type, producer) for every download of the Open data page."""
    from citypartners.opendata import queries, records
    from citypartners.opendata.versioning import current_version

    def json_of(name, rows, to_record, lang):
        return lambda: json_document(
            name=name,
            rows=rows(),
            to_record=to_record,
            lang=lang,
            version=current_version().number,
        )

    files = {
        "partnerships.csv": (CSV, lambda: partnerships_csv(queries.partnerships())),
        "activities.csv": (CSV, lambda: activities_csv(queries.activities())),
        "citypartners-dataset.zip": ("application/zip", dataset_zip),
        "partnerships.quickstatements.txt": (
            "text/plain; charset=utf-8",
            lambda: quickstatements(queries.partnerships()),
        ),
        "wikidata-geonames.rq": (
            "application/sparql-query; charset=utf-8",
            lambda: wikidata_lookup_query(queries.partnerships()),
        ),
    }
    for lang in ("de", "en"):
        files[f"partnerships-{lang}.json"] = (
            JSON,
            json_of("partnerships", queries.partnerships, records.partnership_record, lang),
        )
        files[f"activities-{lang}.json"] = (
            JSON,
            json_of("activities", queries.activities, records.activity_record, lang),
        )
    return files
