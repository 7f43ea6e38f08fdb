"""Partnership, programme and source pages as citizens read them (issue 14)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation


def _page(client, name: str, language: str, *args: str) -> str:
    with translation.override(language):
        url = reverse(name, args=list(args))
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _text(html: str) -> str:
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


@pytest.mark.parametrize("language", ["de", "en"])
def test_programme_page_speaks_of_a_programme_with_its_own_contact_and_newsletter(
    client, db, language
):
    html = _page(client, "web:partnership", language, "germany-mexico-digital-dialogue")
    breadcrumb = html.split('class="cp-breadcrumbs"', 1)[1].split("</nav>", 1)[0]

    assert {"de": "Partnerstädte", "en": "Partner cities"}[language] not in breadcrumb
    assert {"de": "Über das Programm", "en": "About the programme"}[language] in html
    assert 'href="https://digital-dialogues.net/"' in html
    assert 'name="email"' not in html, "no sign-up for the city partnerships' newsletter"
    assert {"de": "Städtepartnerschaften per E-Mail", "en": "city partnerships by e-mail"}[
        language
    ] not in html
    contact = html.split('id="contact-heading"', 1)[1].split("</section>", 1)[0]
    with translation.override(language):
        assert reverse("web:contact") not in contact


@pytest.mark.parametrize("language", ["de", "en"])
def test_partner_page_without_activities_has_no_empty_activity_headings(client, db, language):
    text = _text(_page(client, "web:partnership", language, "berlin-paris"))

    assert "Activities" not in text and "Aktivitäten" not in text.replace("Aktivitäten in", "")
    assert not re.search(r"No \w+ activities|Keine \w+ Aktivitäten", text)
    assert "overview" not in text.lower() and "Übersicht" not in text


@pytest.mark.parametrize("language", ["de", "en"])
def test_timeline_does_not_repeat_activities_or_labels(client, db, language):
    html = _page(client, "web:partnership", language, "berlin-mexico-city")
    timeline = html.split('id="timeline-heading"', 1)[1].split("</section>", 1)[0]
    titles = [
        " ".join(re.sub(r"<[^>]+>", " ", t).split())
        for t in re.findall(r'<h3 class="cp-timeline__title">(.*?)</h3>', timeline)
    ]

    assert titles, "the history is shown"
    for title in titles:
        label, _, rest = title.partition(":")
        assert not rest or label.strip().casefold() != rest.strip().casefold(), title
    activity_titles = re.findall(
        r'<p class="cp-activity__title"><strong>([^<]+)</strong>', html.split(timeline)[1]
    )
    assert activity_titles
    assert not [t for t in activity_titles if t in timeline]


def test_every_source_of_the_dataset_has_a_public_address_and_a_date_read(db):
    from citypartners.sources.models import Source

    shipped = Source.objects.exclude(key__startswith="ingest-")
    assert shipped.count() >= 10
    for source in shipped:
        assert source.url.startswith("https://"), source.key
        assert source.retrieved_on.is_known, source.key


@pytest.mark.parametrize("language", ["de", "en"])
def test_source_page_links_the_original_and_shows_no_file_or_hash(client, db, language):
    html = _page(client, "web:source", language, "berlin-mexico-city-de")

    assert 'href="https://berlin.de/rbmskzl/' in html
    assert "000_be7cae953c875478.txt" not in html
    assert not re.search(r"\b[0-9a-f]{64}\b", html)
    assert '<ol class="cp-breadcrumbs__list">' in html
