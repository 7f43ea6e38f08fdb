"""Download files: written once per registry version, replaced after an edit."""

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.factories import make_city

pytestmark = pytest.mark.django_db


def _files():
    return sorted(p.name.split("--", 1)[1] for p in settings.CITYPARTNERS_DOWNLOADS_DIR.iterdir())


def _get(client, url):
    response = client.get(url)
    return b"".join(response.streaming_content)  # read to the end: closes the file


def test_a_download_is_written_once_and_replaced_after_an_edit(client):
    first = _get(client, "/downloads/partnerships.csv")
    (written,) = settings.CITYPARTNERS_DOWNLOADS_DIR.iterdir()
    written_at = written.stat().st_mtime_ns
    assert _get(client, "/downloads/partnerships.csv") == first
    assert written.stat().st_mtime_ns == written_at  # served, not written again
    make_city(slug="edited-in-between")
    _get(client, "/downloads/partnerships.csv")
    (replacement,) = settings.CITYPARTNERS_DOWNLOADS_DIR.iterdir()
    assert replacement.name != written.name


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
