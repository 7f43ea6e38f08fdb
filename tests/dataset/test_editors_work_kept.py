"""Loading never destroys editors' work: what an editor changed in the back office survives
`make run` (migrate + loaddataset), dataset changes apply only to untouched records, and every
disagreement is reported with both values."""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from citypartners.dataset import yaml_io
from citypartners.dataset.exporting import export_dataset
from citypartners.dataset.loading import load_dataset
from citypartners.partnerships.models import Partnership
from citypartners.sources.models import Source
from tests.adminforms import add_inline_row, form_values
from tests.conftest import DATASET

EDITED_SUMMARY = "Partners since 1993: culture, climate and the city's administrations."


def _edit_mexico_city(client) -> Partnership:
    """What the issue's editor did: a new English summary and a dated declaration of intent."""
    partnership = Partnership.objects.get(slug="berlin-mexico-city")
    url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    data = form_values(html)
    data["summary_en"] = EDITED_SUMMARY
    source = Source.objects.get(key="berlin-mexico-city-de")
    add_inline_row(
        data,
        html,
        "status_changes",
        {
            "kind": "declared",
            "on": "März 1993",
            "note_en": "Declaration of intent",
            "sources": [str(source.pk)],
        },
    )
    data["_save"] = "Save"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    partnership.refresh_from_db()
    assert partnership.summary_en == EDITED_SUMMARY
    assert partnership.status_changes.filter(
        kind="declared", note_en="Declaration of intent"
    ).exists()
    return partnership


def _make_run(capsys) -> str:
    """What `make run` does before serving: migrate, then load the dataset."""
    call_command("migrate", "--noinput", verbosity=0)
    call_command("loaddataset", str(DATASET))
    return capsys.readouterr().out


def test_edit_in_back_office_survives_make_run_twice(editor_client, capsys):
    partnership = _edit_mexico_city(editor_client)
    for _run in range(2):
        out = _make_run(capsys)
        assert "partnerships: 0 created, 0 updated" in out
        assert "1 edited in the back office and kept" in out
        partnership.refresh_from_db()
        assert partnership.summary_en == EDITED_SUMMARY
        assert partnership.status_changes.filter(kind="declared").exists()


@pytest.fixture
def changed(tmp_path) -> Path:
    directory = tmp_path / "berlin"
    shutil.copytree(DATASET, directory)
    return directory


def _change_summary(directory: Path, slug: str, new: str) -> None:
    """Changes the English summary of one partnership in the file, as a maintainer would."""
    path = directory / "partnerships.yaml"
    entries = yaml_io.read(path)
    entry = next(entry for entry in entries if entry["slug"] == slug)
    entry["summary"]["en"] = new
    path.write_text(yaml_io.dump("partnerships", entries), encoding="utf-8")


def test_file_change_applies_to_untouched_record_and_is_reported_for_edited(editor_client, changed):
    _edit_mexico_city(editor_client)
    _change_summary(changed, "berlin-paris", "Paris, from the file.")
    _change_summary(changed, "berlin-mexico-city", "Mexico City, from the file.")

    report = load_dataset(changed)

    assert Partnership.objects.get(slug="berlin-paris").summary_en == "Paris, from the file."
    assert Partnership.objects.get(slug="berlin-mexico-city").summary_en == EDITED_SUMMARY
    assert report.updated["partnerships"] == 1
    assert report.kept["partnerships"] == 1
    summary = [c for c in report.conflicts if c.field == "summary"]
    assert [(c.entity, c.key) for c in summary] == [("partnerships", "berlin-mexico-city")]
    assert EDITED_SUMMARY in summary[0].database
    assert "Mexico City, from the file." in summary[0].file
    assert "de" not in summary[0].database  # only the language that differs is shown
    # the editor's added status change is a conflict too: the file does not have it
    assert "status_changes" not in {c.field for c in report.conflicts}  # file did not change them


def test_report_names_record_field_and_both_values(editor_client, changed, capsys):
    _edit_mexico_city(editor_client)
    _change_summary(changed, "berlin-mexico-city", "Mexico City, from the file.")
    call_command("loaddataset", str(changed))
    out = capsys.readouterr().out
    assert "partnerships berlin-mexico-city, field 'summary'" in out
    assert f'database: {{"en": "{EDITED_SUMMARY}"}}' in out
    assert 'file:     {"en": "Mexico City, from the file."}' in out
    assert "loaddataset --force" in out


def test_force_overwrites_and_the_editors_values_stay_in_history(editor_client, changed):
    partnership = _edit_mexico_city(editor_client)
    _change_summary(changed, "berlin-mexico-city", "Mexico City, from the file.")

    report = load_dataset(changed, force=True)

    partnership.refresh_from_db()
    assert partnership.summary_en == "Mexico City, from the file."
    assert not partnership.status_changes.filter(kind="declared").exists()
    assert report.overwritten["partnerships"] == 1
    history = [v.field_dict["summary_en"] for v in Version.objects.get_for_object(partnership)]
    assert history[0] == "Mexico City, from the file."
    assert EDITED_SUMMARY in history[1:]
    # once forced, the record is the file's again: the next load finds nothing to report
    again = load_dataset(changed)
    assert not again.conflicts and not again.changed


def test_export_takes_edits_into_files_and_reloading_them_reports_nothing(editor_client, tmp_path):
    _edit_mexico_city(editor_client)
    export_dataset(tmp_path / "office")
    entries = yaml_io.read(tmp_path / "office" / "partnerships.yaml")
    mexico_city = next(entry for entry in entries if entry["slug"] == "berlin-mexico-city")
    assert mexico_city["summary"]["en"] == EDITED_SUMMARY
    assert "declared" in [change["kind"] for change in mexico_city["status_changes"]]
    report = load_dataset(tmp_path / "office")
    assert not report.conflicts
    assert not report.changed
    assert sum(report.kept.values()) == 0
    # and the exported files are the office's dataset from now on: loading them again is quiet
    assert not load_dataset(tmp_path / "office").conflicts


def test_record_edited_but_file_unchanged_is_kept_without_conflict(editor_client):
    _edit_mexico_city(editor_client)
    report = load_dataset(DATASET)
    assert report.kept["partnerships"] == 1
    assert report.conflicts == []


def test_record_never_loaded_by_the_loader_counts_as_edited(db, changed):
    """A database from before fingerprints: its records' differences are reported, not applied."""
    from citypartners.dataset.models import LoadedRecord

    LoadedRecord.objects.filter(entity="partnerships", key="berlin-paris").delete()
    old = Partnership.objects.get(slug="berlin-paris").summary_en
    _change_summary(changed, "berlin-paris", "Paris, from the file.")
    report = load_dataset(changed)
    assert Partnership.objects.get(slug="berlin-paris").summary_en == old
    assert [(c.key, c.field) for c in report.conflicts] == [("berlin-paris", "summary")]
    assert load_dataset(changed, force=True).overwritten["partnerships"] == 1
    assert Partnership.objects.get(slug="berlin-paris").summary_en == "Paris, from the file."
