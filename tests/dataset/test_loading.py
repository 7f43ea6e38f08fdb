"""Loading the dataset: idempotent, transactional, and precise about what is wrong."""

import shutil
from pathlib import Path

import pytest
from reversion.models import Version

from citypartners.activities.models import Activity
from citypartners.dataset import yaml_io
from citypartners.dataset.errors import DatasetError
from citypartners.dataset.loading import load_dataset
from citypartners.homes.models import Home
from citypartners.partnerships.models import Partnership, StatusChange
from citypartners.places.models import Place, PlaceAlias
from citypartners.sources.models import Source
from tests.conftest import DATASET

MODELS = [Source, Place, PlaceAlias, Partnership, StatusChange, Activity]


def _snapshot():
    return {
        model.__name__: sorted(
            (obj.pk, getattr(obj, "modified_at", None)) for obj in model.objects.all()
        )
        for model in MODELS
    }


def test_loading_twice_changes_nothing(db):
    before = _snapshot()
    versions = Version.objects.count()
    report = load_dataset(DATASET)
    assert not report.changed
    shipped = len(yaml_io.read(DATASET / "partnerships.yaml"))
    assert report.unchanged["partnerships"] == Partnership.objects.count() == shipped
    assert report.unchanged["homes"] == Home.objects.count() == 13  # Berlin and its 12 boroughs
    assert _snapshot() == before
    assert Version.objects.count() == versions


@pytest.fixture
def broken(tmp_path) -> Path:
    directory = tmp_path / "broken"
    shutil.copytree(DATASET, directory)
    return directory


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("partnerships.yaml", "date: '1967-06-27'", "date: '1967-13-27'",
         "partnerships.yaml, entry #31 (berlin-los-angeles) status_changes #1, field 'date': month 13"),
        ("partnerships.yaml", "  partner: paris", "  partner: atlantis",
         "partnerships.yaml, entry #63 (berlin-paris), field 'partner': refers to places entry 'atlantis'"),
        ("activities.yaml", "  kind: anniversary", "  kind: party",
         "field 'kind': 'party' is not one of"),
        ("places.yaml", "    en: Mexico City", "    en: ''",
         "field 'name': needs both a German ('de') and an English ('en') text"),
        ("sources.yaml", "  language: de\n", "  language: de\n  colour: blue\n",
         "field 'colour': is not a known field"),
        ("topics.yaml", "- slug: culture", "- slug: economy",
         "topics.yaml, entry #16 (economy), field 'slug': appears twice"),
        ("organisations.yaml", "- slug: giz\n  kind: agency", "- slug: giz\n  kind: [agency",
         "organisations.yaml: is not valid YAML at line"),
        ("activities.yaml", "  starts: '2020'", "  starts: '2023'",
         "entry #9 (mexico-city-2020-2022-video-conferences), field 'ends': the end 2022 is before the start 2023"),
    ],
)  # fmt: skip
def test_broken_file_changes_nothing_and_names_the_problem(db, broken, file, old, new, message):
    _replace(broken / file, old, new)
    # a valid change in another file must not survive the failed load either
    _replace(broken / "sources.yaml", "title: City Partnerships", "title: Changed title")
    before = _snapshot()
    with pytest.raises(DatasetError) as raised:
        load_dataset(broken)
    assert message in str(raised.value)
    assert _snapshot() == before
    assert not Source.objects.filter(title="Changed title").exists()


def test_unknown_file_is_refused(db, broken):
    (broken / "people.yaml").write_text("[]\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"people\.yaml: is not a dataset file"):
        load_dataset(broken)


def test_missing_directory_is_refused(db, tmp_path):
    with pytest.raises(DatasetError, match="is not a dataset directory"):
        load_dataset(tmp_path / "nowhere")


def test_changed_entry_updates_only_that_entry(db, broken):
    _replace(broken / "sources.yaml", "title: City Partnerships", "title: City Partnerships (EN)")
    report = load_dataset(broken)
    assert report.updated["sources"] == 1
    assert report.unchanged["sources"] == len(yaml_io.read(DATASET / "sources.yaml")) - 1
    assert Source.objects.get(key="berlin-city-partnerships-en").title == "City Partnerships (EN)"


def _analysed_rows(table: str) -> float | None:
    """What the planner believes the table holds (PostgreSQL's reltuples, SQLite's stat1)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            return cursor.fetchone()[0]
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        row = cursor.fetchone()
        return float(row[0].split()[0]) if row else None


def test_loading_leaves_the_planner_statistics_of_what_it_wrote(db):
    partnership = Partnership.objects.order_by("pk").first()
    Activity.objects.bulk_create(
        Activity(partnership=partnership, slug=f"bulk-{n}", kind="visit", title_de=f"B {n}")
        for n in range(300)
    )
    table = Activity._meta.db_table
    assert _analysed_rows(table) != Activity.objects.count()

    load_dataset(DATASET)

    assert _analysed_rows(table) == Activity.objects.count()
    assert _analysed_rows(Partnership._meta.db_table) == Partnership.objects.count()
