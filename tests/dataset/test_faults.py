"""Faults around the dataset files: unwritable targets and unreadable files get clear messages."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from citypartners.dataset.errors import DatasetError
from citypartners.dataset.loading import load_dataset


def test_export_to_a_read_only_file_system_says_so(db):
    with pytest.raises(
        CommandError, match=r"Cannot write the dataset to /proc/citypartners-export: "
    ):
        call_command("exportdataset", "/proc/citypartners-export")


def test_export_onto_a_file_instead_of_a_directory_says_so(db, tmp_path):
    target = tmp_path / "not-a-directory"
    target.write_text("x")
    with pytest.raises(CommandError, match="Cannot write the dataset to"):
        call_command("exportdataset", str(target))


def test_an_unreadable_dataset_file_is_named(db, tmp_path):
    (tmp_path / "places.yaml").mkdir()  # a directory where a file should be
    with pytest.raises(DatasetError, match=r"places\.yaml: cannot be read"):
        load_dataset(tmp_path)
