"""Download files: written by a worker once per registry version, replaced after an edit."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from citypartners.jobs.worker import run_due_tasks
from citypartners.opendata import files
from citypartners.opendata.models import DownloadBuild
from citypartners.opendata.versioning import current_version
from tests.factories import make_city

WRITE = "citypartners.opendata.tasks.write_downloads"

pytestmark = pytest.mark.django_db


def _files():
    return sorted(p.name.split("--", 1)[1] for p in settings.CITYPARTNERS_DOWNLOADS_DIR.iterdir())


def _get(client, url):
    response = client.get(url)
    return b"".join(response.streaming_content)  # read to the end: closes the file


def _written(name="partnerships.csv"):
    return [p for p in settings.CITYPARTNERS_DOWNLOADS_DIR.glob(f"*--{name}")]


def test_a_missing_download_is_written_by_a_task_not_in_the_request(client):
    waiting = client.get("/downloads/partnerships.csv")
    assert waiting.status_code == 503
    assert waiting["Retry-After"] == "30"
    assert "ETag" not in waiting
    assert _written() == []  # nothing written while the visitor waits
    assert DBTaskResult.objects.filter(task_path=WRITE).count() == 1
    assert run_due_tasks() == 1
    assert len(_written("activities.csv")) == 1  # the task writes every file of the version
    answer = client.get("/downloads/partnerships.csv")
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content).startswith("\ufeffslug,".encode())


def test_many_requests_and_servers_ask_for_one_build_per_version(client):
    for _ in range(3):
        assert client.get("/downloads/partnerships.csv").status_code == 503
        assert client.get("/downloads/activities.csv").status_code == 503
    # another app server finding the files missing for the same version
    assert files.request_build(current_version()) is False
    assert DownloadBuild.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path=WRITE).count() == 1


def test_a_download_is_written_once_and_replaced_after_an_edit(client):
    client.get("/downloads/partnerships.csv")
    run_due_tasks()
    first = _get(client, "/downloads/partnerships.csv")
    (written,) = _written()
    written_at = written.stat().st_mtime_ns
    assert _get(client, "/downloads/partnerships.csv") == first
    assert written.stat().st_mtime_ns == written_at  # served, not written again
    make_city(slug="edited-in-between")
    assert client.get("/downloads/partnerships.csv").status_code == 503
    run_due_tasks()
    assert _get(client, "/downloads/partnerships.csv") == first  # no partnership changed
    (replacement,) = _written()
    assert replacement.name != written.name


def test_a_build_for_a_version_no_longer_current_writes_nothing(client):
    client.get("/downloads/partnerships.csv")
    make_city(slug="edited-before-the-worker-ran")
    run_due_tasks()
    assert _written() == []


def test_exportopendata_writes_every_download(capsys):
    call_command("exportopendata")
    assert _files() == sorted(
        [
            "activities-de.json",
            "activities-en.json",
            "activities.csv",
            "citypartners-dataset.zip",
            "partnerships-de.json",
            "partnerships-en.json",
            "partnerships.csv",
            "partnerships.quickstatements.txt",
            "wikidata-geonames.rq",
        ]
    )
    assert "partnerships.csv:" in capsys.readouterr().out
