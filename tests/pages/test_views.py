"""Prose pages, the language switch where a page exists in one language, sitemap, robots,
structured data and Open Graph."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from tests.urls import url

pytestmark = pytest.mark.django_db


def _html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.mark.parametrize(
    ("path", "heading", "must_contain"),
    [
        (
            ("web:imprint", "de"),
            "Impressum",
            ["Jüdenstr. 1", "10178 Berlin", "(030) 9026-2241", "Medienstaatsvertrag"],
        ),
        (
            ("web:imprint", "en"),
            "Imprint",
            ["Jüdenstr. 1", "Division IV B", "Interstate Media Treaty"],
        ),
        (
            ("web:privacy", "de"),
            "Datenschutzerklärung",
            ["Art. 6 Abs. 1", "csrftoken", "Berliner Beauftragte für Datenschutz"],
        ),
        (
            ("web:privacy", "en"),
            "Privacy notice",
            ["Article 15 GDPR", "csrftoken", "supervisory authority"],
        ),
        (
            ("pages:accessibility", "de"),
            "Erklärung zur Barrierefreiheit",
            [
                "teilweise barrierefrei",
                "Deutscher Gebärdensprache",
                "Landesbeauftragte für digitale Barrierefreiheit",
                "2026",
                "Barriere melden",
            ],
        ),
        (
            ("pages:accessibility", "en"),
            "Accessibility statement",
            [
                "partially compliant",
                "German Sign Language",
                "Landesbeauftragte für digitale Barrierefreiheit",
                "Report a barrier",
            ],
        ),
        (
            ("pages:easy_read", "de"),
            "Informationen in Leichter Sprache",
            ["Städte-Partnerschaft", "Barriere"],
        ),
        (
            ("pages:sign_language", "de"),
            "Informationen in Deutscher Gebärdensprache",
            ["noch keine Videos", "Erklärung zur Barrierefreiheit"],
        ),
        (
            ("pages:sign_language", "en"),
            "Information in German Sign Language",
            ["no sign language videos here yet"],
        ),
    ],
)
def test_prose_pages_have_real_content(client, path, heading, must_contain):
    html = _html(client, url(*path))

    assert re.search(rf"<h1[^>]*>{re.escape(heading)}</h1>", html)
    for text in must_contain:
        assert text in html, text


def test_easy_read_exists_in_german_only_and_the_switch_says_so(client):
    html = _html(client, url("pages:easy_read", "de"))

    assert '<span class="cp-lang__missing" lang="en">No English version</span>' in html
    assert 'hreflang="en"' not in html.split("</head>")[0]
    response = client.get(url("pages:easy_read", "en"))
    assert response.status_code == 302
    assert response["Location"] == url("pages:easy_read", "de")


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_page_links_the_service_pages_and_the_legal_footer(client, language):
    html = _html(client, f"/{language}/")

    assert '<ul class="cp-header__service">' in html
    easy_read = url("pages:easy_read", "de")
    assert f'href="{easy_read}" hreflang="de" lang="de">Leichte Sprache</a>' in html
    assert f'href="{url("pages:sign_language", language)}"' in html
    for name in ("web:imprint", "web:privacy", "pages:accessibility", "pages:report_barrier"):
        assert f'href="{url(name, language)}' in html


def test_sign_language_page_embeds_self_hosted_videos(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    folder = tmp_path / "sign-language"
    folder.mkdir()
    (folder / "01-about.mp4").write_bytes(b"\x00")
    (folder / "01-about.vtt").write_text("WEBVTT\n")
    (folder / "01-about.txt").write_text("Über diese Seite")

    html = _html(client, url("pages:sign_language", "de"))

    assert '<source src="/media/sign-language/01-about.mp4" type="video/mp4">' in html
    assert 'src="/media/sign-language/01-about.vtt"' in html
    assert "Über diese Seite" in html
    assert "noch keine Videos" not in html


SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def sitemap_urls(client) -> list:
    """Every <url> element of every file the sitemap index names."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    urls = []
    for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS):
        response = client.get(loc.text.removeprefix("http://testserver"))
        assert response.status_code == 200, loc.text
        urls += ET.fromstring(response.content).findall("s:url", SITEMAP_NS)
    return urls


def test_sitemap_lists_both_languages_with_hreflang_alternates(client):
    urls = sitemap_urls(client)
    ns = SITEMAP_NS
    locations = [u.find("s:loc", ns).text for u in urls]
    de = "http://testserver" + url("web:partnership", "de", "berlin-mexico-city")
    en = "http://testserver" + url("web:partnership", "en", "berlin-mexico-city")
    assert de in locations and en in locations
    assert "http://testserver" + url("pages:easy_read", "de") in locations
    assert "http://testserver" + url("pages:easy_read", "en") not in locations
    entry = next(u for u in urls if u.find("s:loc", ns).text == en)
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", ns)}
    assert alternates["de"] == de
    assert alternates["en"] == en
    assert "x-default" in alternates


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_search_results(client):
    text = client.get("/robots.txt").content.decode()

    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /backoffice/" in text
    assert f"Disallow: {url('web:search', 'en')}" in text


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_partnership_page_has_schema_org_place_organisations_and_events(client):
    data = _json_ld(_html(client, url("web:partnership", "en", "germany-mexico-digital-dialogue")))

    types = [node["@type"] for node in data["@graph"]]
    assert data["@context"] == "https://schema.org"
    assert types[:2] == ["WebPage", "Place"]
    assert "Organization" in types and "Event" in types
    event = next(node for node in data["@graph"] if node["@type"] == "Event")
    assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", event["startDate"])  # kept at its precision


def test_json_ld_cannot_close_its_script_element(client, home):
    from tests.factories import make_partnership

    partnership = make_partnership(home=home, summary_en="</script><script>alert(1)</script>")

    html = _html(client, url("web:partnership", "en", partnership.slug))

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    assert _json_ld(html)["@graph"][0]["description"].startswith("</script>")


def test_place_names_in_json_ld_include_aliases(client):
    data = _json_ld(_html(client, url("web:partnership", "en", "berlin-beijing")))

    place = data["@graph"][1]
    assert place["name"] == "Beijing"
    assert "Peking" in place["alternateName"]
    assert place["sameAs"].startswith("https://www.geonames.org/")


@pytest.mark.parametrize(
    ("path", "title", "og_type", "locale"),
    [
        (("web:home", "de"), "Städtepartnerschaften", "website", "de_DE"),
        (("web:partnership", "en", "berlin-paris"), "Berlin – Paris", "article", "en_GB"),
    ],
)
def test_open_graph_tags(client, path, title, og_type, locale):
    path = url(*path)
    html = _html(client, path)

    assert f'<meta property="og:type" content="{og_type}">' in html
    assert f'<meta property="og:locale" content="{locale}">' in html
    assert f'<meta property="og:url" content="http://testserver{path}">' in html
    assert re.search(r'<meta property="og:title" content="[^"]+">', html)
    if og_type == "article":
        assert f'<meta property="og:title" content="{title}">' in html


def _queries(client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_sitemap_costs_the_same_queries_for_few_and_many_partnerships(client, home):
    from tests.factories import make_partnership

    few = _queries(client, "/sitemap.xml")
    for _ in range(20):
        make_partnership(home=home)

    assert _queries(client, "/sitemap.xml") == few
