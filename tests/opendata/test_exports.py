"""The download files: CSV, JSON, the dataset zip and Wikidata QuickStatements, by content."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command

from citypartners.core.dates import PartialDate
from citypartners.jobs.worker import run_due_tasks
from citypartners.opendata import exports
from tests.factories import make_activity, make_city, make_partnership, make_source

pytestmark = pytest.mark.django_db


def download(client, url) -> tuple[object, bytes]:
    response = client.get(url)
    if response.status_code == 503:  # written by a worker for this registry version
        run_due_tasks()
        response = client.get(url)
    assert response.status_code == 200
    # Reading the streamed content to its end closes the response (and its file).
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_partnerships_csv_has_both_languages_dates_with_precision_and_sources(client):
    response, body = download(client, "/downloads/partnerships.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="partnerships.csv"' in response["Content-Disposition"]
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))}
    mexico = rows["berlin-mexico-city"]
    assert (mexico["partner_name_de"], mexico["partner_name_en"]) == ("Mexiko-Stadt", "Mexico City")
    assert (mexico["since"], mexico["since_precision"]) == ("1993-09-01", "day")
    assert mexico["partner_geonames_id"] == "3530597"
    assert mexico["source_keys"]
    assert rows["berlin-moscow"]["status"] == "dormant"


def test_activities_csv_keeps_partial_dates(client, home):
    partnership = make_partnership(home=home)
    make_activity(partnership=partnership, slug="csv-range", starts="2019-05", ends="2021")
    _response, body = download(client, "/downloads/activities.csv")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))}
    row = rows["csv-range"]
    assert (row["starts"], row["starts_precision"], row["ends"], row["ends_precision"]) == (
        "2019-05",
        "month",
        "2021",
        "year",
    )
    assert (row["first_day"], row["last_day"]) == ("2019-05-01", "2021-12-31")
    assert row["partnership_slug"] == partnership.slug


@pytest.mark.parametrize(
    ("url", "name", "language", "expected_partner"),
    [
        ("/downloads/partnerships.json?lang=en", "partnerships", "en", "Mexico City"),
        ("/downloads/partnerships.json?lang=de", "partnerships", "de", "Mexiko-Stadt"),
    ],
)
def test_partnerships_json_has_the_api_records(client, url, name, language, expected_partner):
    response, body = download(client, url)
    document = json.loads(body)
    assert document["language"] == language == response["Content-Language"]
    assert document["count"] == len(document[name])
    mexico = next(p for p in document[name] if p["slug"] == "berlin-mexico-city")
    assert mexico["partner"]["name"] == expected_partner
    api = client.get(f"/api/v1/partnerships/berlin-mexico-city?lang={language}").json()
    assert {k: v for k, v in api.items() if k not in {"milestones", "organisations"}} == mexico


def test_activities_json_has_every_activity(client):
    from citypartners.activities.models import Activity

    _response, body = download(client, "/downloads/activities.json?lang=en")
    document = json.loads(body)
    assert document["count"] == Activity.objects.published().count() == len(document["activities"])
    assert all("precision" in activity["starts"] for activity in document["activities"])


def test_dataset_zip_loads_back_into_the_same_registry(client, tmp_path):
    from citypartners.dataset.loading import load_dataset
    from citypartners.dataset.schema import ENTITIES

    _response, body = download(client, "/downloads/dataset.zip")
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert sorted(archive.namelist()) == sorted(f"dataset/{e.file}" for e in ENTITIES)
        archive.extractall(tmp_path)
    report = load_dataset(tmp_path / "dataset")
    assert not report.changed


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1993-09-01", "+1993-09-01T00:00:00Z/11"),
        ("1993-09", "+1993-09-00T00:00:00Z/10"),
        ("1993", "+1993-00-00T00:00:00Z/9"),
    ],
)
def test_quickstatements_time_has_the_date_precision(value, expected):
    assert exports.quickstatements_time(PartialDate.from_iso(value)) == expected


def _statements(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


def test_quickstatements_state_p190_both_ways_with_start_and_reference(client):
    _response, body = download(client, "/downloads/partnerships.quickstatements.txt")
    statements = _statements(body.decode())
    berlin, mexico = "GEONAMES:2950159", "GEONAMES:3530597"
    forward = next(s for s in statements if s[:3] == [berlin, "P190", mexico])
    backward = next(s for s in statements if s[:3] == [mexico, "P190", berlin])
    assert forward[3:] == backward[3:]
    assert forward[3:5] == ["P580", "+1993-09-01T00:00:00Z/11"]
    assert "S1476" in forward
    # the federal dialogue between two countries is not a twinning of administrative bodies
    assert not any("GEONAMES:2921044" in s for s in statements)  # Germany


def test_quickstatements_cite_the_source_address_and_keep_month_precision(home):
    from citypartners.opendata import queries

    source = make_source(url="https://example.org/twinning", title="Twinning signed", language="de")
    partner = make_city(slug="monthville", geonames_id=99999001)
    make_partnership(home=home, partner=partner, since="1990-05", source=source)
    text = exports.quickstatements(
        queries.partnerships(queries.PartnershipFilters(partner="monthville"))
    )
    (forward, _backward) = _statements(text)
    assert forward == [
        "GEONAMES:2950159",
        "P190",
        "GEONAMES:99999001",
        "P580",
        "+1990-05-00T00:00:00Z/10",
        "S854",
        '"https://example.org/twinning"',
        "S1476",
        'de:"Twinning signed"',
    ]


def test_places_without_geonames_id_are_left_out_and_reported(home, capsys):
    partner = make_city(slug="nowhere")
    make_partnership(home=home, partner=partner)
    call_command("wikidataexport")
    captured = capsys.readouterr()
    assert "nowhere" not in captured.out
    assert "skipped berlin-nowhere" in captured.err


def test_wikidataexport_writes_qids_from_the_query_service_result(tmp_path, capsys):
    mapping = tmp_path / "result.csv"
    mapping.write_text(
        "geonames,item\n2950159,http://www.wikidata.org/entity/Q64\n"
        "3530597,http://www.wikidata.org/entity/Q1489\n",
        encoding="utf-8",
    )
    call_command("wikidataexport", "--mapping", str(mapping))
    captured = capsys.readouterr()
    assert "Q64\tP190\tQ1489\tP580\t+1993-09-01T00:00:00Z/11" in captured.out
    assert "have no Wikidata item" in captured.err


def test_lookup_query_asks_for_every_geonames_id(client):
    _response, body = download(client, "/downloads/wikidata-geonames.rq")
    text = body.decode()
    assert "wdt:P1566" in text
    assert '"3530597"' in text and '"2950159"' in text
