"""On PostgreSQL only: the pg_trgm extension, GIN indexes on the language vectors and trigram
indexes on the folded texts. SQLite has none of these and searches the plain columns."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_entry_vector_de_gin "
    "ON search_searchentry USING gin (vector_de)",
    "CREATE INDEX IF NOT EXISTS search_entry_vector_en_gin "
    "ON search_searchentry USING gin (vector_en)",
    "CREATE INDEX IF NOT EXISTS search_entry_names_trgm "
    "ON search_searchentry USING gin (names gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_entry_folded_trgm "
    "ON search_searchentry USING gin (folded gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_folded_trgm",
    "DROP INDEX IF EXISTS search_entry_names_trgm",
    "DROP INDEX IF EXISTS search_entry_vector_en_gin",
    "DROP INDEX IF EXISTS search_entry_vector_de_gin",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
