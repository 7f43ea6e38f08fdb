"""The SQL that keeps the national tally (`models.NationalTally`, decision record 0031).

A partnership's cell is (German state of its home, partner's country, kind, decade, status).
The state comes from the view `national_place_state`: the first of a place, its parent and
its grandparent that is a German state, where a German state is a place in Germany that is
either of kind `state` (Bavaria, from GeoNames' first-level divisions) or the place of a home
of kind `state` (Berlin, a city that is a State). Berlin's boroughs lie in Berlin through
their parent.

What keeps the tally right:

- **Partnerships** written in any way add their cell and take away their old one: on
  PostgreSQL statement triggers with transition tables (one grouped upsert per statement, so
  a COPY of 50,000 rows is one statement), on SQLite row triggers. Cells reaching zero go.
- **Places and homes** decide the cells of partnerships that are not written: a place moving
  to another parent, changing kind, country or coordinates, or a home becoming or ceasing to
  be a State. Those rare writes rebuild the whole tally (one grouped scan, a few hundred
  milliseconds at national size), and only when the place has partnerships or children.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import connection

TALLY = "national_nationaltally"
STATE_VIEW = "national_place_state"
PARTNERSHIPS = "partnerships_partnership"
PLACES = "places_place"
HOMES = "homes_home"
CELL = "state_id, country_code, kind, decade, status"
COLUMNS = f"{CELL}, count, located, latitude_sum, longitude_sum"
# The fields of a place that decide a partnership's cell.
PLACE_FIELDS = ("parent_id", "kind", "country_code", "latitude", "longitude")


def _is_state(alias: str) -> str:
    return (
        f"({alias}.country_code = 'DE' AND ({alias}.kind = 'state' OR {alias}.id IN "
        f"(SELECT place_id FROM {HOMES} WHERE kind = 'state')))"
    )


VIEW = f"""CREATE VIEW {STATE_VIEW} AS
SELECT p0.id AS place_id,
CASE WHEN {_is_state("p0")} THEN p0.id WHEN {_is_state("p1")} THEN p1.id
WHEN {_is_state("p2")} THEN p2.id ELSE 0 END AS state_id
FROM {PLACES} p0
LEFT JOIN {PLACES} p1 ON p1.id = p0.parent_id
LEFT JOIN {PLACES} p2 ON p2.id = p1.parent_id"""


def cells(rows: str, sign: str = "") -> str:
    """The tally rows that the partnerships in `rows` (a table or subquery aliased `r`) make,
    multiplied by `sign` ("-" to take them away)."""
    located = "pa.latitude IS NOT NULL AND pa.longitude IS NOT NULL"
    return f"""SELECT s.state_id, pa.country_code, r.kind, SUBSTR(r.since, 1, 3), r.status,
{sign}COUNT(*), {sign}SUM(CASE WHEN {located} THEN 1 ELSE 0 END),
{sign}COALESCE(SUM(CASE WHEN {located} THEN pa.latitude END), 0),
{sign}COALESCE(SUM(CASE WHEN {located} THEN pa.longitude END), 0)
FROM {rows} JOIN {PLACES} pa ON pa.id = r.partner_id
JOIN {STATE_VIEW} s ON s.place_id = r.home_id
WHERE r.is_published
GROUP BY s.state_id, pa.country_code, r.kind, SUBSTR(r.since, 1, 3), r.status"""


def _upsert(rows: str, sign: str = "") -> str:
    return f"""INSERT INTO {TALLY} ({COLUMNS}) {cells(rows, sign)}
ON CONFLICT ({CELL}) DO UPDATE SET count = {TALLY}.count + excluded.count,
located = {TALLY}.located + excluded.located,
latitude_sum = {TALLY}.latitude_sum + excluded.latitude_sum,
longitude_sum = {TALLY}.longitude_sum + excluded.longitude_sum;"""


# "<= 0": taking away a partnership whose cell is missing (a tally emptied before its
# partnerships, as a test database flush on SQLite does) must not leave a negative cell.
DROP_EMPTY = f"DELETE FROM {TALLY} WHERE count <= 0;"
REBUILD = [
    f"DELETE FROM {TALLY};",
    f"INSERT INTO {TALLY} ({COLUMNS}) {cells(f'{PARTNERSHIPS} r')};",
]


def _place_changed(old: str, new: str) -> str:
    """Whether a place's write changes partnerships' cells: a deciding field differs and the
    place has partnerships or children (a new partner place being geocoded changes none)."""
    differs = " OR ".join(f"{old}.{name} IS DISTINCT FROM {new}.{name}" for name in PLACE_FIELDS)
    return (
        f"({differs}) AND (EXISTS (SELECT 1 FROM {PARTNERSHIPS} WHERE home_id = {new}.id "
        f"OR partner_id = {new}.id) OR EXISTS (SELECT 1 FROM {PLACES} c "
        f"WHERE c.parent_id = {new}.id))"
    )


def _home_state_changed(old: str, new: str) -> str:
    return (
        f"({old}.kind = 'state' OR {new}.kind = 'state') "
        f"AND ({old}.kind IS DISTINCT FROM {new}.kind OR {old}.place_id IS DISTINCT FROM "
        f"{new}.place_id)"
    )


def _pg_trigger(table: str, name: str, event: str, function: str) -> str:
    tables = {
        "INSERT": "NEW TABLE AS new_rows",
        "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "DELETE": "OLD TABLE AS old_rows",
    }[event]
    return (
        f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {tables} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
    )


def _pg_function(name: str, body: str) -> str:
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n{body}\nRETURN NULL;\nEND\n$$"
    )


POSTGRESQL = [
    VIEW,
    "CREATE FUNCTION national_tally_rebuild() RETURNS void LANGUAGE plpgsql AS $$\n"
    f"BEGIN\n{' '.join(REBUILD)}\nEND\n$$",
    _pg_function(
        "national_tally_partnerships",
        f"""IF TG_OP IN ('UPDATE', 'DELETE') THEN {_upsert("old_rows r", "-")} END IF;
IF TG_OP IN ('INSERT', 'UPDATE') THEN {_upsert("new_rows r")} END IF;
{DROP_EMPTY}""",
    ),
    _pg_function(
        "national_tally_places",
        f"""IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
WHERE {_place_changed("o", "n")}) THEN PERFORM national_tally_rebuild(); END IF;""",
    ),
    # Each branch reads only the transition tables its event has.
    _pg_function(
        "national_tally_homes",
        f"""IF TG_OP = 'INSERT' THEN
IF EXISTS (SELECT 1 FROM new_rows WHERE kind = 'state') THEN PERFORM national_tally_rebuild();
END IF;
ELSIF TG_OP = 'DELETE' THEN
IF EXISTS (SELECT 1 FROM old_rows WHERE kind = 'state') THEN PERFORM national_tally_rebuild();
END IF;
ELSIF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
WHERE {_home_state_changed("o", "n")}) THEN PERFORM national_tally_rebuild();
END IF;""",
    ),
    _pg_function("national_tally_truncate", f"DELETE FROM {TALLY};"),
    *(
        _pg_trigger(
            PARTNERSHIPS, f"national_tally_{event.lower()}", event, "national_tally_partnerships"
        )
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
    f"CREATE TRIGGER national_tally_truncate AFTER TRUNCATE ON {PARTNERSHIPS} "
    "FOR EACH STATEMENT EXECUTE FUNCTION national_tally_truncate()",
    _pg_trigger(PLACES, "national_tally_places", "UPDATE", "national_tally_places"),
    *(
        _pg_trigger(HOMES, f"national_tally_homes_{event.lower()}", event, "national_tally_homes")
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
]
POSTGRESQL_REVERSE = [
    *(
        f"DROP TRIGGER IF EXISTS national_tally_{event} ON {PARTNERSHIPS}"
        for event in ("insert", "update", "delete", "truncate")
    ),
    f"DROP TRIGGER IF EXISTS national_tally_places ON {PLACES}",
    *(
        f"DROP TRIGGER IF EXISTS national_tally_homes_{event} ON {HOMES}"
        for event in ("insert", "update", "delete")
    ),
    *(
        f"DROP FUNCTION IF EXISTS {name}()"
        for name in (
            "national_tally_partnerships",
            "national_tally_places",
            "national_tally_homes",
            "national_tally_truncate",
            "national_tally_rebuild",
        )
    ),
    f"DROP VIEW IF EXISTS {STATE_VIEW}",
]


def _sqlite_row(row: str) -> str:
    """One partnership of a SQLite row trigger (NEW or OLD) as the table `r` of `cells`."""
    columns = ", ".join(
        f"{row}.{name} AS {name}"
        for name in ("home_id", "partner_id", "kind", "since", "status", "is_published")
    )
    return f"(SELECT {columns}) r"


_SQLITE_REBUILD = " ".join(REBUILD)
SQLITE = [
    VIEW,
    f"CREATE TRIGGER national_tally_insert AFTER INSERT ON {PARTNERSHIPS} BEGIN "
    f"{_upsert(_sqlite_row('NEW'))} END",
    f"CREATE TRIGGER national_tally_update AFTER UPDATE ON {PARTNERSHIPS} BEGIN "
    f"{_upsert(_sqlite_row('OLD'), '-')} {_upsert(_sqlite_row('NEW'))} {DROP_EMPTY} END",
    f"CREATE TRIGGER national_tally_delete AFTER DELETE ON {PARTNERSHIPS} BEGIN "
    f"{_upsert(_sqlite_row('OLD'), '-')} {DROP_EMPTY} END",
    f"CREATE TRIGGER national_tally_places AFTER UPDATE ON {PLACES} "
    f"WHEN {_place_changed('OLD', 'NEW')} BEGIN {_SQLITE_REBUILD} END",
    f"CREATE TRIGGER national_tally_homes_insert AFTER INSERT ON {HOMES} "
    f"WHEN NEW.kind = 'state' BEGIN {_SQLITE_REBUILD} END",
    f"CREATE TRIGGER national_tally_homes_delete AFTER DELETE ON {HOMES} "
    f"WHEN OLD.kind = 'state' BEGIN {_SQLITE_REBUILD} END",
    f"CREATE TRIGGER national_tally_homes_update AFTER UPDATE ON {HOMES} "
    f"WHEN {_home_state_changed('OLD', 'NEW')} BEGIN {_SQLITE_REBUILD} END",
]
SQLITE_REVERSE = [
    *(
        f"DROP TRIGGER IF EXISTS national_tally_{name}"
        for name in (
            "insert",
            "update",
            "delete",
            "places",
            "homes_insert",
            "homes_delete",
            "homes_update",
        )
    ),
    f"DROP VIEW IF EXISTS {STATE_VIEW}",
]


def install(schema_editor) -> None:
    """Create the view and the triggers for this database, then fill the tally."""
    statements = {"postgresql": POSTGRESQL, "sqlite": SQLITE}[schema_editor.connection.vendor]
    for statement in [*statements, *REBUILD]:
        schema_editor.execute(statement, params=None)


def uninstall(schema_editor) -> None:
    statements = {"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}
    for statement in statements[schema_editor.connection.vendor]:
        schema_editor.execute(statement, params=None)


def rebuild() -> None:
    """Recount the whole tally from the partnerships (the triggers make this unnecessary; it
    repairs a database whose triggers were disabled, e.g. by a restore without them)."""
    with connection.cursor() as cursor:
        for statement in REBUILD:
            cursor.execute(statement)


def fresh_cells() -> dict[tuple, tuple]:
    """The tally as a fresh aggregation of the partnerships would give it, cell by cell (what
    the tests compare the kept tally against)."""
    places = Decimal("0.00001")
    with connection.cursor() as cursor:
        cursor.execute(cells(f"{PARTNERSHIPS} r"))
        return {
            tuple(row[:5]): (
                int(row[5]),
                int(row[6]),
                Decimal(row[7]).quantize(places),
                Decimal(row[8]).quantize(places),
            )
            for row in cursor.fetchall()
        }


def kept_cells() -> dict[tuple, tuple]:
    """The tally as the triggers kept it, in the form of `fresh_cells`."""
    from citypartners.national.models import NationalTally

    return {
        (row.state_id, row.country_code, row.kind, row.decade, row.status): (
            row.count,
            row.located,
            row.latitude_sum,
            row.longitude_sum,
        )
        for row in NationalTally.objects.all()
    }
