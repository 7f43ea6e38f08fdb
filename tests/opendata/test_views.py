"""The public "Open data" page in both languages, and the footer link to it."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "heading", "download_text"),
    [
        ("/de/offene-daten/", "<h1>Offene Daten</h1>", "Dateien zum Herunterladen"),
        ("/en/open-data/", "<h1>Open data</h1>", "Files to download"),
    ],
)
def test_open_data_page_links_every_download_and_the_api(client, url, heading, download_text):
    response = client.get(url)
    html = response.content.decode()
    assert heading in html
    assert download_text in html
    for link in [
        "/downloads/partnerships.csv",
        "/downloads/partnerships.json?lang=",
        "/downloads/activities.csv",
        "/downloads/activities.json?lang=",
        "/downloads/dataset.zip",
        "/downloads/partnerships.quickstatements.txt",
        "/downloads/wikidata-geonames.rq",
        "/api/v1/docs",
        "/api/v1/openapi.json",
    ]:
        assert f'href="{link}' in html, link


def test_open_data_page_counts_from_the_registry(client):
    from citypartners.activities.models import Activity
    from citypartners.partnerships.models import Partnership

    html = client.get("/en/open-data/").content.decode()
    partnerships = Partnership.objects.published().count()
    activities = Activity.objects.published().count()
    assert f"The registry holds {partnerships} published partnerships" in html
    assert f"and {activities} activities." in html


@pytest.mark.parametrize(
    ("page", "link"), [("/de/", "/de/offene-daten/"), ("/en/", "/en/open-data/")]
)
def test_footer_links_to_the_open_data_page(client, page, link):
    html = client.get(page).content.decode()
    assert f'href="{link}">' in html
