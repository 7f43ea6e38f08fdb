"""The tally also keeps the registry's total of each kind, under partnership id 0.

Summing the per-partnership rows for "all activities" read 330,000 rows at national size
(19 ms); the totals make it one row per kind. The triggers of 0004 are replaced by ones that
write both.
"""

import importlib

from django.db import migrations

TABLE = "activities_activity"
TALLY = "activities_activitytally"


def _pg_upsert(rows: str, sign: str, *, totals: bool) -> str:
    partnership = "0" if totals else "partnership_id"
    group = "kind" if totals else "partnership_id, kind"
    return f"""
            INSERT INTO {TALLY} (partnership_id, kind, count)
            SELECT {partnership}, kind, {sign}COUNT(*) FROM {rows}
            WHERE is_published GROUP BY {group}
            ON CONFLICT (partnership_id, kind)
            DO UPDATE SET count = {TALLY}.count + EXCLUDED.count;"""


POSTGRESQL = f"""
    CREATE OR REPLACE FUNCTION activities_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            {_pg_upsert("old_rows", "-", totals=False)}
            {_pg_upsert("old_rows", "-", totals=True)}
            DELETE FROM {TALLY} WHERE count = 0
            AND (partnership_id, kind) IN (SELECT partnership_id, kind FROM old_rows
                                           UNION SELECT 0, kind FROM old_rows);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            {_pg_upsert("new_rows", "", totals=False)}
            {_pg_upsert("new_rows", "", totals=True)}
        END IF;
        RETURN NULL;
    END
    $$
"""


def _sqlite_add(row: str, partnership: str) -> str:
    return f"""INSERT INTO {TALLY} (partnership_id, kind, count)
        SELECT {partnership}, {row}.kind, 1 WHERE {row}.is_published
        ON CONFLICT (partnership_id, kind) DO UPDATE SET count = count + 1;"""


def _sqlite_take(row: str, partnership: str) -> str:
    return f"""UPDATE {TALLY} SET count = count - 1
        WHERE {row}.is_published AND partnership_id = {partnership} AND kind = {row}.kind;
        DELETE FROM {TALLY} WHERE count = 0
        AND partnership_id = {partnership} AND kind = {row}.kind;"""


def _sqlite_add_both(row: str) -> str:
    return _sqlite_add(row, f"{row}.partnership_id") + _sqlite_add(row, "0")


def _sqlite_take_both(row: str) -> str:
    return _sqlite_take(row, f"{row}.partnership_id") + _sqlite_take(row, "0")


SQLITE = [
    *(f"DROP TRIGGER IF EXISTS activities_tally_{name}" for name in ("insert", "update", "delete")),
    f"CREATE TRIGGER activities_tally_insert AFTER INSERT ON {TABLE} BEGIN "
    f"{_sqlite_add_both('NEW')} END",
    f"CREATE TRIGGER activities_tally_update AFTER UPDATE ON {TABLE} BEGIN "
    f"{_sqlite_take_both('OLD')} {_sqlite_add_both('NEW')} END",
    f"CREATE TRIGGER activities_tally_delete AFTER DELETE ON {TABLE} BEGIN "
    f"{_sqlite_take_both('OLD')} END",
]
FILL_TOTALS = f"""INSERT INTO {TALLY} (partnership_id, kind, count)
    SELECT 0, kind, COUNT(*) FROM {TABLE} WHERE is_published GROUP BY kind"""


_BEFORE = importlib.import_module("citypartners.activities.migrations.0004_activity_tally")
REVERSE = {
    "postgresql": [
        _BEFORE.POSTGRESQL[0].replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"),
        f"DELETE FROM {TALLY} WHERE partnership_id = 0",
    ],
    "sqlite": [
        *_BEFORE.SQLITE_REVERSE,
        *_BEFORE.SQLITE,
        f"DELETE FROM {TALLY} WHERE partnership_id = 0",
    ],
}


_run = _BEFORE._run  # the statements of each database, run for the database in use


class Migration(migrations.Migration):
    dependencies = [("activities", "0006_activity_partnership_dates_idx_with_id")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": [POSTGRESQL, FILL_TOTALS], "sqlite": [*SQLITE, FILL_TOTALS]}),
            _run(REVERSE),
        )
    ]
