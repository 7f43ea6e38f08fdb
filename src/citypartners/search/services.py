"""Keeping the search entries in step with the registry.

`rebuild_index()` writes every entry anew (`citypartners reindex`; on PostgreSQL through a
shadow table, see `search.rebuild`); `analyze_tables()` refreshes the planner's statistics
after any bulk write;
`refresh()` rewrites the entries of some records. `refresh_for()` knows which entries a
changed record shows up in (a renamed place changes its partnerships' entries too); the search
app connects it to saves and deletes so the dataset loader, the back office and the API all
keep the index current without calling it. The index is a projection of the registry, not a
domain fact, which is why it may follow signals.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Callable

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Coalesce, Lower

from citypartners.search.enums import EntryKind
from citypartners.search.indexing import BUILDERS, MODELS
from citypartners.search.models import SearchEntry

# Records built per step of a rebuild: a national registry has a million activities, and
# building all their entries at once would hold millions of model instances in memory.
REBUILD_CHUNK = 5000
# The text search configuration per language, and the weight of each field (A is highest).
# Not the context line ("Visit, 2024, Berlin – Paris"), as on SQLite: it is shown, not
# searched, or "Berlin" would find every activity of every Berlin partnership.
CONFIGS = {"de": "german", "en": "english"}
WEIGHTS = {"title": "A", "names": "B", "body": "D"}
_TABLE_NAME = re.compile(r"[a-z_][a-z0-9_]*")
_FOLDS = [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")]


def _folded(expression):
    """SQL that folds case and German spellings the way `normalise_name` does in Python."""
    folded = Lower(Coalesce(expression, Value(""), output_field=TextField()))
    for letter, spelled in _FOLDS:
        folded = Func(
            folded, Value(letter), Value(spelled), function="REPLACE", output_field=TextField()
        )
    return folded


def _vector(language: str) -> SearchVector:
    config = CONFIGS[language]
    vector = None
    for name, weight in WEIGHTS.items():
        column = name if name == "names" else f"{name}_{language}"
        part = SearchVector(
            _folded(F(column)), config="simple" if name == "names" else config, weight=weight
        )
        vector = part if vector is None else vector + part
    return vector


def _update_vectors(kind: str | None, pks: set[int] | None) -> None:
    if connection.vendor != "postgresql":
        return
    rows = SearchEntry.objects.all()
    if kind is not None:
        rows = rows.filter(kind=kind)
    if pks is not None:
        rows = rows.filter(object_id__in=pks)
    rows.update(vector_de=_vector("de"), vector_en=_vector("en"))


@transaction.atomic
def refresh(kind: str, pks: set[int]) -> None:
    """Rewrite the entries of these records (removing those no longer published)."""
    if not pks:
        return
    SearchEntry.objects.filter(kind=kind, object_id__in=pks).delete()
    SearchEntry.objects.bulk_create(BUILDERS[kind](pks))
    _update_vectors(kind, pks)


def rebuild_index(*, progress: Callable[[str], None] | None = None) -> int:
    """Write every entry anew; returns how many there are.

    On PostgreSQL the entries are built with set-based SQL into a shadow table that is swapped
    in at the end (`search.rebuild`): searches and editors' saves never wait for the build,
    and their changes made meanwhile are kept. On SQLite (the single-machine install) the
    entries are rebuilt in one transaction by the Python builders. Either way the index table
    is analysed afterwards, so the planner knows its new size.
    """
    if connection.vendor == "postgresql":
        from citypartners.search.rebuild import rebuild_postgresql

        return rebuild_postgresql(progress=progress)
    count = _rebuild_in_python()
    analyze_tables(tables=[SearchEntry._meta.db_table])
    return count


@transaction.atomic
def _rebuild_in_python() -> int:
    SearchEntry.objects.all().delete()
    for kind, builder in BUILDERS.items():
        pks = list(MODELS[kind].objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), REBUILD_CHUNK):
            chunk = set(pks[start : start + REBUILD_CHUNK])
            SearchEntry.objects.bulk_create(builder(chunk), batch_size=1000)
    _update_vectors(None, None)
    return SearchEntry.objects.count()


def analyze_tables(*, tables: list[str] | None = None) -> None:
    """Refresh the planner's statistics after a bulk write (a reindex, a dataset load, an
    import): without them PostgreSQL plans a million-row table as if it were empty (a search
    took 3.5 s instead of 0.2 s) until autovacuum, when it runs at all, gets to it.

    `tables` names database tables; by default every table of the database is analysed.
    """
    names = tables or []
    if any(not _TABLE_NAME.fullmatch(name) for name in names):
        raise ValueError(f"not a table name: {names}")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {', '.join(names)}" if names else "ANALYZE")
        elif connection.vendor == "sqlite":
            for statement in [f'ANALYZE "{name}"' for name in names] or ["ANALYZE"]:
                cursor.execute(statement)


def affected_by(instance) -> dict[str, set[int]]:
    """The entries a saved or deleted record shows up in, by kind."""
    from citypartners.activities.models import Activity
    from citypartners.network.models import Organisation
    from citypartners.partnerships.models import (
        Partnership,
        PartnershipOrganisation,
        PartnershipTopic,
        Programme,
        Topic,
    )
    from citypartners.places.models import Place, PlaceAlias
    from citypartners.sources.models import Source

    found: dict[str, set[int]] = defaultdict(set)
    if isinstance(instance, PlaceAlias):
        instance = Place(pk=instance.place_id)
    if isinstance(instance, Place):
        found[EntryKind.PLACE].add(instance.pk)
        partnerships = Partnership.objects.filter(partner_id=instance.pk).values_list(
            "pk", flat=True
        )
        found[EntryKind.PARTNERSHIP].update(partnerships)
        found[EntryKind.ACTIVITY].update(
            Activity.objects.filter(partnership__partner_id=instance.pk).values_list(
                "pk", flat=True
            )
        )
    elif isinstance(instance, Partnership):
        found[EntryKind.PARTNERSHIP].add(instance.pk)
        found[EntryKind.PLACE].add(instance.partner_id)
        found[EntryKind.ACTIVITY].update(instance.activities.values_list("pk", flat=True))
    elif isinstance(instance, Activity):
        found[EntryKind.ACTIVITY].add(instance.pk)
    elif isinstance(instance, Topic):
        found[EntryKind.TOPIC].add(instance.pk)
    elif isinstance(instance, PartnershipTopic):
        found[EntryKind.TOPIC].add(instance.topic_id)
    elif isinstance(instance, Organisation):
        found[EntryKind.ORGANISATION].add(instance.pk)
    elif isinstance(instance, PartnershipOrganisation):
        found[EntryKind.ORGANISATION].add(instance.organisation_id)
    elif isinstance(instance, Programme):
        if instance.office_id:
            found[EntryKind.ORGANISATION].add(instance.office_id)
    elif isinstance(instance, Source):
        found[EntryKind.SOURCE].add(instance.pk)
    return found


def refresh_for(instance) -> None:
    """Rewrite the entries a changed record shows up in: now, or when the transaction commits.

    Inside a transaction (a dataset load saves hundreds of records in one) the work is
    collected and done once at commit; a rolled-back transaction leaves the index as it was.
    """
    affected = affected_by(instance)
    if not connection.in_atomic_block:
        for kind, pks in affected.items():
            refresh(kind, pks)
        return
    pending = _pending()
    for kind, pks in affected.items():
        pending[kind].update(pks)
    # One callback per change: the first to run does the work, the others find nothing left.
    transaction.on_commit(_flush)


_local = threading.local()  # each thread (and so each transaction) collects its own work


def _pending() -> dict[str, set[int]]:
    if not hasattr(_local, "pending"):
        _local.pending = defaultdict(set)
    return _local.pending


def _flush() -> None:
    pending = _pending()
    work = {kind: set(pks) for kind, pks in pending.items() if pks}
    pending.clear()
    for kind, pks in work.items():
        refresh(kind, pks)
