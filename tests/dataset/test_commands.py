"""The console commands: `citypartners loaddataset` and `exportdataset`."""

import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.conftest import DATASET, REPO


def test_loaddataset_reports_nothing_changed_on_second_load(db, capsys):
    call_command("loaddataset", str(DATASET))
    assert "nothing changed" in capsys.readouterr().out


def test_loaddataset_fails_with_the_problem_named(db, tmp_path):
    (tmp_path / "places.yaml").write_text("- slug: x\n  kind: village\n", encoding="utf-8")
    with pytest.raises(
        CommandError, match=r"Nothing was loaded\. places.yaml, entry #1 \(x\), field 'kind'"
    ):
        call_command("loaddataset", str(tmp_path))


def test_exportdataset_writes_every_file(db, tmp_path, capsys):
    call_command("exportdataset", str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in DATASET.glob("*.yaml")
    )


def test_console_entry_point_runs_management_commands():
    result = subprocess.run(
        [sys.executable, "-m", "citypartners", "help", "loaddataset"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Load a dataset directory" in result.stdout
