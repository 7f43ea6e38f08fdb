"""German under /de/, English under /en/: html lang, hreflang alternates, a switch to the same page."""

import itertools
import re

import pytest


@pytest.mark.parametrize(
    ("url", "other_language", "other_url"),
    [
        ("/de/", "en", "/en/"),
        ("/en/", "de", "/de/"),
        ("/de/partnerschaften/berlin-mexico-city/", "en", "/en/partnerships/berlin-mexico-city/"),
        ("/en/partnerships/berlin-kyiv/", "de", "/de/partnerschaften/berlin-kyiv/"),
        ("/de/kontakt/", "en", "/en/contact/"),
        ("/en/sources/", "de", "/de/quellen/"),
        ("/de/suche/?q=Peking", "en", "/en/search/?q=Peking"),
    ],
)
def test_language_switch_links_to_the_same_page(client, db, url, other_language, other_url):
    html = client.get(url).content.decode()
    language = url[1:3]
    assert f'<html lang="{language}"' in html
    assert f'<a href="{other_url}" hreflang="{other_language}"' in html
    alternate = (
        f'<link rel="alternate" hreflang="{other_language}" href="http://testserver{other_url}">'
    )
    assert alternate in html
    assert f'<link rel="alternate" hreflang="{language}" href="http://testserver{url}">' in html


def test_root_redirects_to_a_language(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == "/en/"


def test_unknown_partnership_is_a_404(client, db):
    assert client.get("/en/partnerships/atlantis/").status_code == 404


@pytest.mark.parametrize("url", ["/de/", "/en/partnerships/berlin-mexico-city/", "/de/kontakt/"])
def test_every_page_has_skip_link_landmarks_and_search(client, db, url):
    html = client.get(url).content.decode()
    assert 'class="cp-skip-link" href="#main"' in html
    assert '<main class="cp-main" id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html
    assert re.search(r'<form class="cp-search" role="search" method="get"[^>]*>', html)
    assert 'name="q"' in html
    headings = [int(level) for level in re.findall(r"<h([1-6])", html.split('id="main"')[1])]
    assert headings[0] == 1 and headings.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(headings)), headings


@pytest.mark.parametrize(
    ("url", "name", "lang"),
    [
        # no English name: the English page shows the German one, marked German
        ("/en/partnerships/germany-mexico-digital-dialogue/", "Digitaldialoge", "de"),
        ("/de/partnerschaften/germany-mexico-digital-dialogue/", "Digitaldialoge", "de"),
        # no German name: the German page shows the English one, marked English
        ("/de/partnerschaften/germany-mexico-digital-dialogue/", "Economic Commission", "en"),
        # translated names are in the page's language
        ("/en/partnerships/germany-mexico-digital-dialogue/", "Federal Ministry", "en"),
        ("/de/partnerschaften/germany-mexico-digital-dialogue/", "Bundesministerium", "de"),
    ],
)
def test_organisation_names_carry_the_lang_of_the_name_shown(client, db, url, name, lang):
    from citypartners.network.models import Organisation

    Organisation.objects.filter(slug="digital-dialogues").update(name_en="")
    Organisation.objects.filter(slug="cepal").update(name_de="")

    html = client.get(url).content.decode()

    assert re.search(rf'<span lang="{lang}" data-name-language="{lang}">{name}', html), name


@pytest.mark.parametrize("url", ["/de/quellen/", "/en/sources/", "/en/sources/a-page-in-italian/"])
def test_a_source_in_another_language_is_marked_unknown_not_other(client, db, url):
    """A source in another language is marked lang="" (unknown): "other" is no language tag."""
    from citypartners.sources.enums import SourceKind
    from citypartners.sources.models import Source

    Source.objects.create(
        key="a-page-in-italian",
        title="Elenco dei gemellaggi",
        language="other",
        kind=SourceKind.DOCUMENT,
        url="https://example.org/gemellaggi",
        is_public=True,
    )
    html = client.get(url).content.decode()
    assert "Elenco dei gemellaggi" in html
    assert 'lang="other"' not in html and 'hreflang="other"' not in html
    assert re.search(r'lang=""[^>]*>Elenco dei gemellaggi<', html)
