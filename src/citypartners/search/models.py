"""SearchEntry: one row per searchable record, holding every name and text it can be found by.

Why a projection table: search must find places, partnerships, activities, organisations,
topics and sources in both languages, through aliases and other-language names, and answer in
a fixed number of queries. One table with the texts of both languages (as written, for
display, and folded: case, accents, ü/ue, ß/ss) answers that with one query on any database.
On PostgreSQL it also carries a weighted `tsvector` per language (German and English
configurations) with GIN indexes, and trigram indexes on the folded names for small typos;
those indexes and the pg_trgm extension are created by a migration only on PostgreSQL, and the
vector columns stay empty on SQLite. `search.services` keeps the table in step with the
registry; `citypartners reindex` rebuilds it.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from citypartners.search.enums import EntryKind


class SearchEntry(models.Model):
    """A searchable record, with what its result shows and where it links."""

    kind = models.CharField(max_length=12, choices=EntryKind.choices)
    object_id = models.PositiveBigIntegerField()
    title_de = models.CharField(max_length=400)
    title_en = models.CharField(max_length=400)
    context_de = models.CharField(max_length=400, blank=True)
    context_en = models.CharField(max_length=400, blank=True)
    body_de = models.TextField(blank=True)
    body_en = models.TextField(blank=True)
    # Every name the record goes by, folded, one per line ("peking\nbeijing\nbei jing"), and
    # the same names as written, so a result can say which name it was found by.
    names = models.TextField()
    names_as_written = models.TextField(blank=True)
    # Names, titles, contexts and bodies of both languages, folded, for substring matching.
    folded = models.TextField()
    url_name = models.CharField(max_length=60, blank=True)
    url_args = models.JSONField(default=list, blank=True)
    url_suffix = models.CharField(max_length=200, blank=True)
    vector_de = SearchVectorField(null=True, editable=False)
    vector_en = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = "search entry"
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title_en}"
