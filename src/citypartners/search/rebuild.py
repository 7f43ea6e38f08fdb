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
- the other kinds (places, partnerships, topics, organisations, sources: a few per cent of
  the rows) keep the Python builders of `search.indexing` and are COPYed in;
- indexes are built once at the end (much faster than keeping GIN indexes current row by
  row), the shadow is analysed, and
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
from functools import cache

from django.db import OperationalError, connection, transaction
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
    cursor.execute(f"DROP TABLE IF EXISTS {SHADOW}, {CHANGES}")
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
    """Temporary tables of what only Python can say, once per distinct value."""
    from citypartners.activities.models import Activity
    from citypartners.partnerships.models import Partnership

    cursor.execute(
        "CREATE TEMP TABLE cp_kind_label (kind text PRIMARY KEY, de text, en text);"
        "CREATE TEMP TABLE cp_date_label (starts text, ends text, de text, en text, "
        "PRIMARY KEY (starts, ends));"
        "CREATE TEMP TABLE cp_partnership_label (id bigint PRIMARY KEY, slug text, "
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
    cursor.execute("SELECT DISTINCT starts, ends FROM activities_activity WHERE is_published")
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
        # as DateRange.format writes it
        texts = [
            f"{label(dates_of.start, code)}–{label(dates_of.end, code)}"
            if dates_of.is_range
            else label(dates_of.start, code)
            for code in ("de", "en")
        ]
        dates.append([starts, ends, *texts])
    rows = Partnership.objects.published().select_related("home", "partner").order_by("pk")
    published = list(rows)
    names = {}
    for code in ("de", "en"):
        with translation.override(code):
            names[code] = [str(partnership) for partnership in published]
    partnerships = [
        [partnership.pk, partnership.slug, names["de"][n], names["en"][n]]
        for n, partnership in enumerate(published)
    ]
    for table, rows_ in (
        ("cp_kind_label", kinds),
        ("cp_date_label", dates),
        ("cp_partnership_label", partnerships),
    ):
        with cursor.copy(f"COPY {table} FROM STDIN") as copy:
            for row in rows_:
                copy.write_row(row)
    cursor.execute("ANALYZE cp_kind_label, cp_date_label, cp_partnership_label")


def _fallback(field: str, code: str) -> str:
    """A translated field in one language, falling back to the other (as modeltranslation)."""
    other = "en" if code == "de" else "de"
    return f"COALESCE(NULLIF(a.{field}_{code}, ''), NULLIF(a.{field}_{other}, ''), '')"


def _topic_names(code: str) -> str:
    other = "en" if code == "de" else "de"
    return (
        f"string_agg(COALESCE(NULLIF(t.name_{code}, ''), NULLIF(t.name_{other}, ''), ''), "
        f"', ' ORDER BY t.slug) AS topics_{code}"
    )


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
    JOIN cp_partnership_label p ON p.id = n.partnership_id
    JOIN cp_kind_label k ON k.kind = n.kind
    JOIN cp_date_label d ON d.starts = n.starts AND d.ends = n.ends
    OFFSET 0
) e
"""


def _insert_activities(cursor, progress: Progress) -> int:
    _labels(cursor)
    cursor.execute("SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), -1) FROM activities_activity")
    low, high = cursor.fetchone()
    written = 0
    for start in range(low, high + 1, SQL_CHUNK):
        with transaction.atomic():
            cursor.execute(ACTIVITY_SQL, {"low": start, "high": start + SQL_CHUNK})
            written += cursor.rowcount
        progress(f"activity: {written} entries")
    cursor.execute("DROP TABLE cp_kind_label, cp_date_label, cp_partnership_label")
    return written


def _index_shadow(cursor) -> list[tuple[str, str, str]]:
    """The live table's constraints and indexes, built on the shadow under temporary names;
    returns (kind, temporary name, canonical name) for the swap to rename."""
    renames = []
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid), conindid::regclass::text FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('p', 'u')",
        [LIVE],
    )
    constraints = cursor.fetchall()
    for name, definition, _index in constraints:
        temporary = f"cpnew_{name}"[:63]
        cursor.execute(f'ALTER TABLE {SHADOW} ADD CONSTRAINT "{temporary}" {definition}')
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
        cursor.execute(f"{head} ON {tail}")
        renames.append(("index", temporary, name))
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
            for kind in BUILDERS:
                if kind == EntryKind.ACTIVITY:
                    _insert_activities(cursor, note)
                    continue
                count = _copy_python_built(cursor, kind)
                note(f"{kind}: {count} entries")
            with transaction.atomic():
                cursor.execute(
                    f"UPDATE {SHADOW} SET "
                    "vector_de = pg_temp.cp_vector('german', title_de, names, body_de), "
                    "vector_en = pg_temp.cp_vector('english', title_en, names, body_en) "
                    "WHERE vector_de IS NULL"
                )
            cursor.execute("SET maintenance_work_mem = '256MB'")
            with transaction.atomic():
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
