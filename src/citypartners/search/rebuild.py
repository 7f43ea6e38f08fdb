"""Rebuilding the search index on PostgreSQL: set-based SQL into a shadow table, swapped in.

Why: a national registry has a million activities. Building their entries one model instance
at a time in Python, inside one transaction that first deleted every row, took 38 minutes,
and every editor's save waited for it (issues 13 and 16). Here:

- the entries are written into a shadow table (`search_searchentry_shadow`, same columns, no
  indexes yet) while the live table goes on serving searches and taking editors' refreshes;
- activities, nearly all of the rows, are built by one `INSERT … SELECT` per chunk of ids:
  titles, bodies and contexts are joined in SQL, texts are folded by a SQL function that
  mirrors `places.normalise_name`, and the German and English vectors are computed in the
  same statement. Python only formats what only Python knows, once per distinct value: the
  translated kind labels, the date labels of each distinct (start, end) pair (Babel), and
  each partnership's display name;
- places and partnerships are built the same way, one statement each (decision 0022);
  topics, organisations and sources (hundreds of rows) keep the Python builders of
  `search.indexing` and are COPYed in;
- activity chunks are written on two connections at once, and the indexes are built once at
  the end (much faster than keeping GIN indexes current row by row), two at a time; the
  shadow is analysed, and
- a short swap transaction locks the live table, replays into the shadow every entry that
  editors changed meanwhile (a trigger notes them in `search_searchentry_changes`), drops the
  old table and renames the shadow, its indexes, constraints and sequence to the canonical
  names that migrations know.

Outside a transaction each chunk commits on its own; inside one (tests, a caller's atomic
block) the whole rebuild is part of it. One rebuild at a time (an advisory lock).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache

from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, transaction
from django.utils import translation
from django.utils.text import capfirst

from citypartners.core.dates import DateRange, PartialDate
from citypartners.core.i18n import LANGUAGE_CODES
from citypartners.search.enums import EntryKind
from citypartners.search.indexing import BUILDERS, MODELS
from citypartners.search.models import SearchEntry

LIVE = SearchEntry._meta.db_table
SHADOW = f"{LIVE}_shadow"
CHANGES = f"{LIVE}_changes"
NOTE_CHANGE = f"{LIVE}_note_change"
# Activities per INSERT … SELECT; records per Python-built chunk of the other kinds.
SQL_CHUNK = 50_000
PYTHON_CHUNK = 5_000
LOCK_KEY = "citypartners-search-rebuild"
# Connections filling the shadow with activities, and building its indexes, at once; the
# memory each index build may use.
ACTIVITY_WRITERS = 2
INDEX_BUILDERS = 2
INDEX_MEMORY = "512MB"
CONFIGS = {"de": "german", "en": "english"}
COLUMNS = [
    "kind",
    "object_id",
    "title_de",
    "title_en",
    "context_de",
    "context_en",
    "body_de",
    "body_en",
    "names",
    "names_as_written",
    "folded",
    "url_name",
    "url_args",
    "url_suffix",
]
Progress = Callable[[str], None]
# What only Python can say, once per distinct value, in tables every connection of the rebuild
# reads (unlogged: rebuilt each time, never needed after a crash).
LABELS = ", ".join(
    f"search_rebuild_{name}_label" for name in ("kind", "choice", "date", "partnership")
)


class RebuildRunning(RuntimeError):
    """Another process is rebuilding the index right now."""


@cache
def combining_class() -> str:
    """A regular-expression bracket of every combining mark, as Python's unicodedata knows them
    (what `normalise_name` strips after NFKD)."""
    marks = [code for code in range(0x110000) if unicodedata.combining(chr(code))]
    ranges, start, previous = [], marks[0], marks[0]
    for code in [*marks[1:], None]:
        if code is not None and code == previous + 1:
            previous = code
            continue
        ranges.append(chr(start) if start == previous else f"{chr(start)}-{chr(previous)}")
        if code is not None:
            start = previous = code
    return "[" + "".join(ranges) + "]"


def _create_functions(cursor) -> None:
    """Session-local SQL helpers: `fold` mirrors `normalise_name` (case, ä/ö/ü/ß, accents,
    hyphens, spaces); `vector` is the weighted tsvector of `search.services._vector`."""
    cursor.execute("SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'")
    # ICU lowercases every script as Python's casefold does for all but a handful of letters
    # (final sigma, Cherokee); the C.UTF-8 default is the fallback.
    collate = ' COLLATE "und-x-icu"' if cursor.fetchone() else ""
    marks = combining_class().replace("'", "''")
    cursor.execute(
        f"""
        CREATE OR REPLACE FUNCTION pg_temp.cp_fold(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fold$
        SELECT btrim(regexp_replace(replace(regexp_replace(normalize(
            replace(replace(replace(replace(lower(coalesce(value, ''){collate}),
            'ß', 'ss'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), NFKD),
            '{marks}', '', 'g'), '-', ' '), '[[:space:]]+', ' ', 'g'), ' ')
        $fold$
        """
    )
    cursor.execute(
        """
        CREATE OR REPLACE FUNCTION pg_temp.cp_lite(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $lite$
        SELECT replace(replace(replace(replace(lower(coalesce(value, '')),
            'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss')
        $lite$
        """
    )
    cursor.execute(
        """
        CREATE OR REPLACE FUNCTION pg_temp.cp_vector(config regconfig, title text,
            names text, body text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $vector$
        SELECT setweight(to_tsvector(config, pg_temp.cp_lite(title)), 'A')
            || setweight(to_tsvector('simple'::regconfig, pg_temp.cp_lite(names)), 'B')
            || setweight(to_tsvector(config, pg_temp.cp_lite(body)), 'D')
        $vector$
        """
    )
    cursor.execute(
        """
        CREATE OR REPLACE FUNCTION pg_temp.cp_spaces(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $spaces$
        SELECT btrim(regexp_replace(coalesce(value, ''), '[[:space:]]+', ' ', 'g'), ' ')
        $spaces$
        """
    )


def _prepare(cursor) -> None:
    """The shadow table, and the trigger that notes editors' changes while it fills."""
    cursor.execute(f"DROP TABLE IF EXISTS {SHADOW}, {CHANGES}")
    cursor.execute(f"CREATE UNLOGGED TABLE {CHANGES} (kind varchar(12), object_id bigint)")
    cursor.execute(
        f"""
        CREATE OR REPLACE FUNCTION {NOTE_CHANGE}() RETURNS trigger LANGUAGE plpgsql AS $note$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                INSERT INTO {CHANGES} VALUES (OLD.kind, OLD.object_id);
            END IF;
            IF TG_OP <> 'DELETE' THEN
                INSERT INTO {CHANGES} VALUES (NEW.kind, NEW.object_id);
            END IF;
            RETURN NULL;
        END
        $note$
        """
    )
    cursor.execute(f"DROP TRIGGER IF EXISTS {NOTE_CHANGE} ON {LIVE}")
    cursor.execute(
        f"CREATE TRIGGER {NOTE_CHANGE} AFTER INSERT OR UPDATE OR DELETE ON {LIVE} "
        f"FOR EACH ROW EXECUTE FUNCTION {NOTE_CHANGE}()"
    )
    cursor.execute(
        f"CREATE TABLE {SHADOW} (LIKE {LIVE} INCLUDING DEFAULTS INCLUDING IDENTITY "
        "INCLUDING CONSTRAINTS INCLUDING STORAGE)"
    )


def _cleanup(cursor) -> None:
    cursor.execute(f"DROP TRIGGER IF EXISTS {NOTE_CHANGE} ON {LIVE}")
    cursor.execute(f"DROP TABLE IF EXISTS {SHADOW}, {CHANGES}, {LABELS}")
    cursor.execute(f"DROP FUNCTION IF EXISTS {NOTE_CHANGE}()")


def _copy_python_built(cursor, kind: str) -> int:
    """The Python builders' entries of one kind, COPYed into the shadow a chunk at a time."""
    pks = list(MODELS[kind].objects.order_by("pk").values_list("pk", flat=True))
    written = 0
    statement = f"COPY {SHADOW} ({', '.join(COLUMNS)}) FROM STDIN"
    for start in range(0, len(pks), PYTHON_CHUNK):
        entries = BUILDERS[kind](set(pks[start : start + PYTHON_CHUNK]))
        with transaction.atomic(), cursor.copy(statement) as copy:
            for entry in entries:
                copy.write_row(
                    [
                        json.dumps(entry.url_args) if name == "url_args" else getattr(entry, name)
                        for name in COLUMNS
                    ]
                )
        written += len(entries)
    return written


def _labels(cursor) -> None:
    """Temporary tables of what only Python can say, once per distinct value: the translated
    labels of choices, the Babel labels of dates, each partnership's display name."""
    from citypartners.activities.models import Activity
    from citypartners.partnerships.models import Partnership
    from citypartners.places.models import Place

    cursor.execute(f"DROP TABLE IF EXISTS {LABELS}")  # left by a rebuild that was killed
    cursor.execute(
        "CREATE UNLOGGED TABLE search_rebuild_kind_label (kind text PRIMARY KEY, de text, "
        "en text);"
        "CREATE UNLOGGED TABLE search_rebuild_choice_label (field text, value text, de text, "
        "en text, PRIMARY KEY (field, value));"
        "CREATE UNLOGGED TABLE search_rebuild_date_label (starts text, ends text, de text, "
        "en text, PRIMARY KEY (starts, ends));"
        "CREATE UNLOGGED TABLE search_rebuild_partnership_label (id bigint PRIMARY KEY, "
        "slug text, "
        "de text, en text)"
    )

    def per_language(render) -> list[str]:
        texts = []
        for code in ("de", "en"):
            with translation.override(code):
                texts.append(render(code))
        return texts

    kinds = [
        [kind, *per_language(lambda _c, k=kind: capfirst(Activity(kind=k).get_kind_display()))]
        for kind, _label in Activity._meta.get_field("kind").flatchoices
    ]
    # as the builders of `search.indexing` write them: kinds capitalised, the status not
    choices = []
    for model, field, capitalise in (
        (Place, "kind", True),
        (Partnership, "kind", True),
        (Partnership, "status", False),
    ):
        for value, _label in model._meta.get_field(field).flatchoices:
            shown = getattr(model(**{field: value}), f"get_{field}_display")
            choices.append(
                [
                    f"{model._meta.model_name}.{field}",
                    value,
                    *per_language(
                        lambda _c, shown=shown, up=capitalise: capfirst(shown()) if up else shown()
                    ),
                ]
            )
    cursor.execute(
        "SELECT DISTINCT starts, ends FROM activities_activity WHERE is_published "
        "UNION SELECT DISTINCT since, '' FROM partnerships_partnership WHERE is_published"
    )
    dates = []
    formatted: dict[tuple, str] = {}  # Babel is slow: each date once per language

    def label(date, code: str) -> str:
        key = (date.isoformat(), code)
        if key not in formatted:
            with translation.override(code):
                formatted[key] = date.format(code)
        return formatted[key]

    for starts, ends in cursor.fetchall():
        start, end = PartialDate.from_iso(starts), PartialDate.from_iso(ends)
        dates_of = DateRange(start, end if end.is_known else None)  # as Activity.dates
        # as DateRange.format writes it (a partnership's `since` is a range without an end)
        texts = [
            f"{label(dates_of.start, code)}–{label(dates_of.end, code)}"
            if dates_of.is_range
            else label(dates_of.start, code)
            for code in ("de", "en")
        ]
        dates.append([starts, ends, *texts])
    for table, rows in (
        ("search_rebuild_kind_label", kinds),
        ("search_rebuild_choice_label", choices),
        ("search_rebuild_date_label", dates),
    ):
        with cursor.copy(f"COPY {table} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    # `str(partnership)` in each language: its own name, else "home – partner"
    names = {
        code: f"COALESCE(NULLIF(p.name_{code}, ''), NULLIF(p.name_{other}, ''), "
        f"{_fallback('name', code, 'h')} || ' – ' || {_fallback('name', code, 'pa')})"
        for code, other in (("de", "en"), ("en", "de"))
    }
    cursor.execute(
        "INSERT INTO search_rebuild_partnership_label "
        f"SELECT p.id, p.slug, {names['de']}, {names['en']} "
        "FROM partnerships_partnership p JOIN places_place h ON h.id = p.home_id "
        "JOIN places_place pa ON pa.id = p.partner_id WHERE p.is_published"
    )
    cursor.execute(f"ANALYZE {LABELS}")


def _fallback(field: str, code: str, table: str = "a") -> str:
    """A translated field in one language, falling back to the other (as modeltranslation)."""
    other = "en" if code == "de" else "de"
    return f"COALESCE(NULLIF({table}.{field}_{code}, ''), NULLIF({table}.{field}_{other}, ''), '')"


def _folded_names(names: str) -> str:
    """A lateral subquery giving `names` (the folded names, first spelling of each, in order)
    and `written` (each as first written, runs of spaces made one), as `search.indexing._entry`
    writes them; `names` is an SQL array expression."""
    return f"""LATERAL (
        SELECT COALESCE(string_agg(d.f, E'\\n' ORDER BY d.o), '') AS names,
               COALESCE(string_agg(d.w, E'\\n' ORDER BY d.o), '') AS written
        FROM (
            SELECT DISTINCT ON (x.f) x.f, x.o, x.w
            FROM (
                SELECT pg_temp.cp_fold(u.n) AS f, u.o, pg_temp.cp_spaces(u.n) AS w
                FROM unnest({names}) WITH ORDINALITY AS u(n, o)
            ) x
            WHERE x.f <> ''
            ORDER BY x.f, x.o
        ) d
    ) nm"""


def _topic_names(code: str) -> str:
    other = "en" if code == "de" else "de"
    return (
        f"string_agg(COALESCE(NULLIF(t.name_{code}, ''), NULLIF(t.name_{other}, ''), ''), "
        f"', ' ORDER BY t.slug) AS topics_{code}"
    )


_VECTORS = f"""
INSERT INTO {SHADOW} ({", ".join(COLUMNS)}, vector_de, vector_en)
SELECT e.*, pg_temp.cp_vector('german', e.title_de, e.names, e.body_de),
       pg_temp.cp_vector('english', e.title_en, e.names, e.body_en)
FROM (
"""
_ALIASES = """(SELECT place_id, array_agg(name ORDER BY name) AS names
    FROM places_placealias GROUP BY place_id)"""

# Places (`indexing.place_entries`): found by every name and alias; the context names the
# kind, the country (or state) and every published partnership the place is partner of, in
# the order of their start (unknown last); the link goes to the first of them.
PLACE_SQL = f"""{_VECTORS}
    SELECT 'place' AS kind, pl.id AS object_id,
        left({_fallback("name", "de", "pl")}, 400) AS title_de,
        left({_fallback("name", "en", "pl")}, 400) AS title_en,
        left(concat_ws(', ', k.de, CASE WHEN pl.parent_id IS NOT NULL
            THEN {_fallback("name", "de", "parent")} END, pp.de), 400) AS context_de,
        left(concat_ws(', ', k.en, CASE WHEN pl.parent_id IS NOT NULL
            THEN {_fallback("name", "en", "parent")} END, pp.en), 400) AS context_en,
        '' AS body_de, '' AS body_en, nm.names, nm.written AS names_as_written,
        pg_temp.cp_fold(concat_ws(' ', nm.names, {_fallback("name", "de", "pl")},
            {_fallback("name", "en", "pl")})) AS folded,
        CASE WHEN pp.first_slug IS NULL THEN '' ELSE 'web:partnership' END AS url_name,
        CASE WHEN pp.first_slug IS NULL THEN '[]'::jsonb
             ELSE jsonb_build_array(pp.first_slug) END AS url_args,
        '' AS url_suffix
    FROM places_place pl
    LEFT JOIN places_place parent ON parent.id = pl.parent_id
    JOIN search_rebuild_choice_label k ON k.field = 'place.kind' AND k.value = pl.kind
    LEFT JOIN {_ALIASES} al ON al.place_id = pl.id
    LEFT JOIN (
        SELECT p.partner_id,
            string_agg(l.de, ', ' ORDER BY p.since = '', p.since COLLATE "C", p.slug) AS de,
            string_agg(l.en, ', ' ORDER BY p.since = '', p.since COLLATE "C", p.slug) AS en,
            (array_agg(p.slug ORDER BY p.since = '', p.since COLLATE "C", p.slug))[1]
                AS first_slug
        FROM partnerships_partnership p
        JOIN search_rebuild_partnership_label l ON l.id = p.id
        GROUP BY p.partner_id
    ) pp ON pp.partner_id = pl.id,
    {_folded_names("ARRAY[pl.name_de, pl.name_en, pl.name_local] || COALESCE(al.names, '{}')")}
    OFFSET 0
) e
"""

# Partnerships (`indexing.partnership_entries`): found by their own names, the partner's
# names and aliases and its country's names; the context gives kind, status and start.
PARTNERSHIP_SQL = f"""{_VECTORS}
    SELECT 'partnership' AS kind, p.id AS object_id,
        left(l.de, 400) AS title_de, left(l.en, 400) AS title_en,
        left(k.de || ', ' || s.de || CASE WHEN p.since <> '' THEN ', ' || d.de ELSE '' END, 400)
            AS context_de,
        left(k.en || ', ' || s.en || CASE WHEN p.since <> '' THEN ', ' || d.en ELSE '' END, 400)
            AS context_en,
        concat_ws(' ', NULLIF({_fallback("summary", "de", "p")}, ''),
            NULLIF({_fallback("description", "de", "p")}, '')) AS body_de,
        concat_ws(' ', NULLIF({_fallback("summary", "en", "p")}, ''),
            NULLIF({_fallback("description", "en", "p")}, '')) AS body_en,
        nm.names, nm.written AS names_as_written,
        pg_temp.cp_fold(concat_ws(' ', nm.names, l.de,
            concat_ws(' ', NULLIF({_fallback("summary", "de", "p")}, ''),
                NULLIF({_fallback("description", "de", "p")}, '')),
            l.en,
            concat_ws(' ', NULLIF({_fallback("summary", "en", "p")}, ''),
                NULLIF({_fallback("description", "en", "p")}, '')))) AS folded,
        'web:partnership' AS url_name, jsonb_build_array(p.slug) AS url_args, '' AS url_suffix
    FROM partnerships_partnership p
    JOIN search_rebuild_partnership_label l ON l.id = p.id
    JOIN places_place pa ON pa.id = p.partner_id
    LEFT JOIN places_place parent ON parent.id = pa.parent_id
    LEFT JOIN {_ALIASES} al ON al.place_id = pa.id
    JOIN search_rebuild_choice_label k ON k.field = 'partnership.kind' AND k.value = p.kind
    JOIN search_rebuild_choice_label s ON s.field = 'partnership.status' AND s.value = p.status
    LEFT JOIN search_rebuild_date_label d ON d.starts = p.since AND d.ends = '',
    {
    _folded_names(
        "ARRAY[p.name_de, p.name_en, pa.name_de, pa.name_en, pa.name_local]"
        " || COALESCE(al.names, '{}')"
        " || CASE WHEN pa.parent_id IS NOT NULL"
        " THEN ARRAY[parent.name_de, parent.name_en] ELSE '{}' END"
    )
}
    WHERE p.is_published
    OFFSET 0
) e
"""


# Each level ends in OFFSET 0, so PostgreSQL computes its columns once per row instead of
# pulling the subquery up and repeating every fold wherever a column is used.
ACTIVITY_SQL = f"""
INSERT INTO {SHADOW} ({", ".join(COLUMNS)}, vector_de, vector_en)
SELECT e.*, pg_temp.cp_vector('german', e.title_de, e.names, e.body_de),
       pg_temp.cp_vector('english', e.title_en, e.names, e.body_en)
FROM (
    SELECT 'activity' AS kind, n.id AS object_id,
        left(n.title_de, 400) AS title_de, left(n.title_en, 400) AS title_en,
        left(k.de || ', ' || d.de || ', ' || p.de, 400) AS context_de,
        left(k.en || ', ' || d.en || ', ' || p.en, 400) AS context_en,
        n.body_de, n.body_en, n.names, n.written AS names_as_written,
        pg_temp.cp_fold(concat_ws(' ', n.names, n.title_de, n.body_de, n.title_en, n.body_en))
            AS folded,
        'web:partnership' AS url_name, jsonb_build_array(p.slug) AS url_args,
        '#activity-' || n.slug AS url_suffix
    FROM (
        SELECT f.*,
            CASE WHEN f.f1 <> '' AND f.f2 <> '' AND f.f2 <> f.f1 THEN f.f1 || E'\\n' || f.f2
                 WHEN f.f1 <> '' THEN f.f1 ELSE f.f2 END AS names,
            CASE WHEN f.f1 <> '' AND f.f2 <> '' AND f.f2 <> f.f1
                     THEN pg_temp.cp_spaces(f.raw_de) || E'\\n' || pg_temp.cp_spaces(f.raw_en)
                 WHEN f.f1 <> '' THEN pg_temp.cp_spaces(f.raw_de)
                 WHEN f.f2 <> '' THEN pg_temp.cp_spaces(f.raw_en) ELSE '' END AS written
        FROM (
            SELECT a.id, a.slug, a.kind, a.starts, a.ends, a.partnership_id,
                a.title_de AS raw_de, a.title_en AS raw_en,
                pg_temp.cp_fold(a.title_de) AS f1, pg_temp.cp_fold(a.title_en) AS f2,
                {_fallback("title", "de")} AS title_de, {_fallback("title", "en")} AS title_en,
                concat_ws(' ', NULLIF({_fallback("description", "de")}, ''),
                          NULLIF(topics.topics_de, '')) AS body_de,
                concat_ws(' ', NULLIF({_fallback("description", "en")}, ''),
                          NULLIF(topics.topics_en, '')) AS body_en
            FROM activities_activity a
            LEFT JOIN (
                SELECT at.activity_id, {_topic_names("de")}, {_topic_names("en")}
                FROM activities_activity_topics at
                JOIN partnerships_topic t ON t.id = at.topic_id
                WHERE at.activity_id >= %(low)s AND at.activity_id < %(high)s
                GROUP BY at.activity_id
            ) topics ON topics.activity_id = a.id
            WHERE a.is_published AND a.id >= %(low)s AND a.id < %(high)s
            OFFSET 0
        ) f
        OFFSET 0
    ) n
    JOIN search_rebuild_partnership_label p ON p.id = n.partnership_id
    JOIN search_rebuild_kind_label k ON k.kind = n.kind
    JOIN search_rebuild_date_label d ON d.starts = n.starts AND d.ends = n.ends
    OFFSET 0
) e
"""


def _insert_activity_chunk(low: int, high: int) -> int:
    """One chunk of activities on this thread's own connection (with its own functions)."""
    from django.db import connections

    own = connections[DEFAULT_DB_ALIAS]
    try:
        with own.cursor() as cursor:
            _create_functions(cursor)
            cursor.execute("SET jit = off")
            cursor.execute(ACTIVITY_SQL, {"low": low, "high": high})
            return cursor.rowcount
    finally:
        own.close()


def _insert_activities(cursor, progress: Progress) -> int:
    """Every activity's entry, a chunk of ids per statement. Outside a transaction the chunks
    run on ACTIVITY_WRITERS connections at once, each committing on its own (PostgreSQL runs
    one statement on one core); inside one (tests), one after the other on this connection."""
    cursor.execute("SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), -1) FROM activities_activity")
    low, high = cursor.fetchone()
    chunks = [(start, start + SQL_CHUNK) for start in range(low, high + 1, SQL_CHUNK)]
    written = 0
    if connection.in_atomic_block:
        for start, end in chunks:
            cursor.execute(ACTIVITY_SQL, {"low": start, "high": end})
            written += cursor.rowcount
        progress(f"activity: {written} entries")
        return written
    with ThreadPoolExecutor(max_workers=ACTIVITY_WRITERS) as pool:
        for future in [pool.submit(_insert_activity_chunk, *chunk) for chunk in chunks]:
            written += future.result()
            progress(f"activity: {written} entries")
    return written


def _insert_by_sql(cursor, kind: str, statement: str) -> int:
    with transaction.atomic():
        cursor.execute(statement)
        return cursor.rowcount


# The kinds written by set-based SQL; the others (topics, organisations, sources: hundreds of
# rows even in a national registry) keep the Python builders.
SQL_BUILT = {
    EntryKind.PLACE: lambda cursor, _note: _insert_by_sql(cursor, EntryKind.PLACE, PLACE_SQL),
    EntryKind.PARTNERSHIP: lambda cursor, _note: _insert_by_sql(
        cursor, EntryKind.PARTNERSHIP, PARTNERSHIP_SQL
    ),
    EntryKind.ACTIVITY: _insert_activities,
}


def _index_statements(cursor) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The live table's constraints and indexes as statements that build them on the shadow
    under temporary names, and (kind, temporary name, canonical name) for the swap."""
    statements, renames = [], []
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid), conindid::regclass::text FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('p', 'u')",
        [LIVE],
    )
    constraints = cursor.fetchall()
    for name, definition, _index in constraints:
        temporary = f"cpnew_{name}"[:63]
        statements.append(f'ALTER TABLE {SHADOW} ADD CONSTRAINT "{temporary}" {definition}')
        renames.append(("constraint", temporary, name))
    constraint_indexes = {index for _name, _definition, index in constraints}
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename = %s",
        [LIVE],
    )
    for name, definition in cursor.fetchall():
        if name in constraint_indexes:
            continue
        temporary = f"cpnew_{name}"[:63]
        head, tail = definition.split(" ON ", 1)
        tail = tail.replace(f"{LIVE} ", f"{SHADOW} ", 1)
        head = head.replace(f"INDEX {name}", f'INDEX "{temporary}"', 1)
        statements.append(f"{head} ON {tail}")
        renames.append(("index", temporary, name))
    return statements, renames


def _build_index(statement: str) -> None:
    """One index on the shadow, on this thread's own connection (PostgreSQL builds a GIN
    index on one core: two connections build two at once)."""
    from django.db import connections

    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(f"SET maintenance_work_mem = '{INDEX_MEMORY}'")
            cursor.execute(statement)
    finally:
        connections[DEFAULT_DB_ALIAS].close()


def _index_shadow(cursor) -> list[tuple[str, str, str]]:
    """Build the live table's constraints and indexes on the filled shadow; returns the
    renames for the swap. Outside a transaction the indexes are built INDEX_BUILDERS at a
    time, each on its own connection; inside one (tests), one after the other."""
    statements, renames = _index_statements(cursor)
    if connection.in_atomic_block:
        with transaction.atomic():
            for statement in statements:
                cursor.execute(statement)
        return renames
    # the biggest first: the trigram index of the folded text takes longest
    statements.sort(key=lambda statement: ("trgm" not in statement, "gin" not in statement))
    with ThreadPoolExecutor(max_workers=INDEX_BUILDERS) as pool:
        for future in [pool.submit(_build_index, statement) for statement in statements]:
            future.result()
    return renames


def _swap(cursor, renames: list[tuple[str, str, str]]) -> None:
    """One short transaction: replay editors' changes, drop the old table, rename the new."""
    cursor.execute(f"LOCK TABLE {LIVE} IN ACCESS EXCLUSIVE MODE")
    changed = f"(SELECT DISTINCT kind, object_id FROM {CHANGES})"
    cursor.execute(
        f"DELETE FROM {SHADOW} s USING {changed} c "
        "WHERE s.kind = c.kind AND s.object_id = c.object_id"
    )
    names = [*COLUMNS, "vector_de", "vector_en"]
    columns, values = ", ".join(names), ", ".join(f"l.{name}" for name in names)
    cursor.execute(
        f"INSERT INTO {SHADOW} ({columns}) SELECT {values}"
        f" FROM {LIVE} l JOIN {changed} c ON l.kind = c.kind AND l.object_id = c.object_id"
    )
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [SHADOW])
    (sequence,) = cursor.fetchone()
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [LIVE])
    (live_sequence,) = cursor.fetchone()
    cursor.execute(f"DROP TABLE {LIVE}")
    cursor.execute(f"DROP TABLE {CHANGES}")
    cursor.execute(f"DROP FUNCTION IF EXISTS {NOTE_CHANGE}()")
    cursor.execute(f"ALTER TABLE {SHADOW} RENAME TO {LIVE}")
    for kind, temporary, name in renames:
        if kind == "constraint":
            cursor.execute(f'ALTER TABLE {LIVE} RENAME CONSTRAINT "{temporary}" TO "{name}"')
        else:
            cursor.execute(f'ALTER INDEX "{temporary}" RENAME TO "{name}"')
    if sequence and live_sequence and sequence != live_sequence:
        cursor.execute(f"ALTER SEQUENCE {sequence} RENAME TO {live_sequence.split('.')[-1]}")
    if sequence:
        cursor.execute(
            f"SELECT setval('{live_sequence or sequence}', "
            f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {LIVE}), false)"
        )


def _swap_patiently(cursor, renames: list[tuple[str, str, str]], attempts: int = 10) -> None:
    """Swap, waiting at most a few seconds for the live table each time: a search running then
    finishes first, and new ones wait only for the swap itself (milliseconds)."""
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                cursor.execute("SELECT set_config('lock_timeout', '3s', true)")
                _swap(cursor, renames)
                cursor.execute("SELECT set_config('lock_timeout', '0', true)")
            return
        except OperationalError:
            if attempt == attempts - 1 or connection.in_atomic_block:
                raise


def rebuild_postgresql(*, progress: Progress | None = None) -> int:
    """Build every entry into the shadow table and swap it in; returns how many there are."""
    note = progress or (lambda _step: None)
    assert set(LANGUAGE_CODES) == set(CONFIGS), "the index has German and English columns"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [LOCK_KEY])
        if not cursor.fetchone()[0]:
            raise RebuildRunning("another process is rebuilding the search index")
        swapped = False
        try:
            _create_functions(cursor)
            cursor.execute("SET jit = off")  # compiling costs more than it saves here
            with transaction.atomic():
                _prepare(cursor)
            note("shadow table created")
            with transaction.atomic():
                _labels(cursor)
            note("labels written")
            for kind in BUILDERS:
                if kind in SQL_BUILT:
                    count = SQL_BUILT[kind](cursor, note)
                else:
                    count = _copy_python_built(cursor, kind)
                note(f"{kind}: {count} entries")
            cursor.execute(f"DROP TABLE {LABELS}")
            with transaction.atomic():
                cursor.execute(
                    f"UPDATE {SHADOW} SET "
                    "vector_de = pg_temp.cp_vector('german', title_de, names, body_de), "
                    "vector_en = pg_temp.cp_vector('english', title_en, names, body_en) "
                    "WHERE vector_de IS NULL"
                )
            cursor.execute(f"SET maintenance_work_mem = '{INDEX_MEMORY}'")
            renames = _index_shadow(cursor)
            cursor.execute("RESET maintenance_work_mem")
            note("indexes built")
            cursor.execute(f"ANALYZE {SHADOW}")
            note("shadow analysed")
            _swap_patiently(cursor, renames)
            swapped = True
            note("swapped in")
            cursor.execute(f"SELECT COUNT(*) FROM {LIVE}")
            return cursor.fetchone()[0]
        finally:
            if not swapped and not connection.needs_rollback:
                try:
                    with transaction.atomic():
                        _cleanup(cursor)
                except Exception:  # the rebuild's own error is the one to report
                    pass
            if not connection.needs_rollback:
                cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [LOCK_KEY])
                cursor.execute("RESET jit")
