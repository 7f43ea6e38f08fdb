"""Export → load into an empty database → export gives the same bytes; the shipped files are canonical."""

from citypartners.activities.models import Activity
from citypartners.dataset import yaml_io
from citypartners.dataset.exporting import export_dataset
from citypartners.dataset.loading import load_dataset
from citypartners.homes.models import Home
from citypartners.network.models import Organisation
from citypartners.partnerships.models import Partnership, Programme, Topic
from citypartners.places.models import Place
from citypartners.sources.models import Source
from tests.conftest import DATASET


def _empty_registry():
    Home.objects.filter(parent__isnull=False).delete()
    for model in [Home, Programme, Activity, Partnership, Organisation, Topic]:
        model.objects.all().delete()
    Place.objects.filter(kind="borough").delete()
    Place.objects.filter(kind="city").delete()
    Place.objects.all().delete()
    Source.objects.all().delete()


def _files(directory):
    return {path.name: path.read_bytes() for path in sorted(directory.glob("*.yaml"))}


def test_export_load_export_is_byte_identical(db, tmp_path):
    export_dataset(tmp_path / "first")
    _empty_registry()
    assert Partnership.objects.count() == 0
    load_dataset(tmp_path / "first")
    export_dataset(tmp_path / "second")
    assert _files(tmp_path / "first") == _files(tmp_path / "second")
    assert Partnership.objects.count() == len(yaml_io.read(DATASET / "partnerships.yaml")) > 20


def test_shipped_dataset_is_what_export_writes(db, tmp_path):
    export_dataset(tmp_path)
    assert _files(tmp_path) == _files(DATASET)
