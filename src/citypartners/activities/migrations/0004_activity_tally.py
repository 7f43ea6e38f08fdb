"""The activity tally and the triggers that keep it (see `models.ActivityTally`).

PostgreSQL: statement triggers with transition tables, so a COPY of a million rows costs one
grouped upsert per statement. SQLite: row triggers. Both add one per published row written and
take one away per published row removed; rows that reach zero are deleted.
"""

from django.db import migrations, models

TABLE = "activities_activity"
TALLY = "activities_activitytally"

POSTGRESQL = [
    f"""
    CREATE FUNCTION activities_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            INSERT INTO {TALLY} (partnership_id, kind, count)
            SELECT partnership_id, kind, -COUNT(*) FROM old_rows
            WHERE is_published GROUP BY partnership_id, kind
            ON CONFLICT (partnership_id, kind)
            DO UPDATE SET count = {TALLY}.count + EXCLUDED.count;
            DELETE FROM {TALLY} WHERE count = 0
            AND (partnership_id, kind) IN (SELECT partnership_id, kind FROM old_rows);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO {TALLY} (partnership_id, kind, count)
            SELECT partnership_id, kind, COUNT(*) FROM new_rows
            WHERE is_published GROUP BY partnership_id, kind
            ON CONFLICT (partnership_id, kind)
            DO UPDATE SET count = {TALLY}.count + EXCLUDED.count;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    f"""CREATE TRIGGER activities_tally_insert AFTER INSERT ON {TABLE}
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION activities_tally_change()""",
    f"""CREATE TRIGGER activities_tally_update AFTER UPDATE ON {TABLE}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION activities_tally_change()""",
    f"""CREATE TRIGGER activities_tally_delete AFTER DELETE ON {TABLE}
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION activities_tally_change()""",
    f"""CREATE FUNCTION activities_tally_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM {TALLY};
        RETURN NULL;
    END
    $$""",
    f"""CREATE TRIGGER activities_tally_truncate AFTER TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION activities_tally_truncate()""",
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS activities_tally_{name} ON {TABLE}"
    for name in ("insert", "update", "delete", "truncate")
] + [
    "DROP FUNCTION IF EXISTS activities_tally_change()",
    "DROP FUNCTION IF EXISTS activities_tally_truncate()",
]


def _add(row: str) -> str:
    return f"""INSERT INTO {TALLY} (partnership_id, kind, count)
        SELECT {row}.partnership_id, {row}.kind, 1 WHERE {row}.is_published
        ON CONFLICT (partnership_id, kind) DO UPDATE SET count = count + 1;"""


def _take(row: str) -> str:
    return f"""UPDATE {TALLY} SET count = count - 1
        WHERE {row}.is_published AND partnership_id = {row}.partnership_id
        AND kind = {row}.kind;
        DELETE FROM {TALLY} WHERE count = 0
        AND partnership_id = {row}.partnership_id AND kind = {row}.kind;"""


SQLITE = [
    f"CREATE TRIGGER activities_tally_insert AFTER INSERT ON {TABLE} BEGIN {_add('NEW')} END",
    f"CREATE TRIGGER activities_tally_update AFTER UPDATE ON {TABLE} BEGIN "
    f"{_take('OLD')} {_add('NEW')} END",
    f"CREATE TRIGGER activities_tally_delete AFTER DELETE ON {TABLE} BEGIN {_take('OLD')} END",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS activities_tally_{name}" for name in ("insert", "update", "delete")
]
FILL = f"""INSERT INTO {TALLY} (partnership_id, kind, count)
    SELECT partnership_id, kind, COUNT(*) FROM {TABLE} WHERE is_published
    GROUP BY partnership_id, kind"""


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('activities', '0003_activity_start_order_idx'),
    ]

    operations = [
        migrations.CreateModel(
            name='ActivityTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('partnership_id', models.BigIntegerField()),
                ('kind', models.CharField(max_length=20)),
                ('count', models.IntegerField()),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('partnership_id', 'kind'), name='activity_tally_key')],
            },
        ),
        migrations.RunPython(
            _run({"postgresql": [*POSTGRESQL, FILL], "sqlite": [*SQLITE, FILL]}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
