"""Every fact of the Berlin dataset appears on the right page, in both languages, with its source.

One row per fact: the page, the language, and the texts that must be on it. The texts are the
facts as the page states them (names in the page's language, dates at their precision).
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

HOME = ("web:home", [])
MEXICO = ("web:partnership", ["berlin-mexico-city"])
DIALOGUE = ("web:partnership", ["germany-mexico-digital-dialogue"])
KYIV = ("web:partnership", ["berlin-kyiv"])
MOSCOW = ("web:partnership", ["berlin-moscow"])
TEL_AVIV = ("web:partnership", ["berlin-tel-aviv"])
CONTACT = ("web:contact", [])

PARTNERS = {
    "de": [
        ("Los Angeles", "27. Juni 1967"),
        ("Paris", "2. Juli 1987"),
        ("Madrid", "4. November 1988"),
        ("Istanbul", "17. November 1989"),
        ("Warschau", "12. August 1991"),
        ("Moskau", "28. August 1991"),
        ("Budapest", "14. Dezember 1991"),
        ("Brüssel", "1. Juni 1992"),
        ("Jakarta", "22. April 1993"),
        ("Taschkent", "30. April 1993"),
        ("Mexiko-Stadt", "1. September 1993"),
        ("Peking", "5. April 1994"),
        ("Tokio", "14. Mai 1994"),
        ("Buenos Aires", "19. Mai 1994"),
        ("Prag", "10. Juni 1995"),
        ("Windhuk", "6. Juli 2000"),
        ("London", "10. Oktober 2000"),
        ("Kyiv", "14. September 2023"),
        ("Tel Aviv", "5. Mai 2025"),
    ],
    "en": [
        ("Los Angeles", "27 June 1967"),
        ("Paris", "2 July 1987"),
        ("Madrid", "4 November 1988"),
        ("Istanbul", "17 November 1989"),
        ("Warsaw", "12 August 1991"),
        ("Moscow", "28 August 1991"),
        ("Budapest", "14 December 1991"),
        ("Brussels", "1 June 1992"),
        ("Jakarta", "22 April 1993"),
        ("Tashkent", "30 April 1993"),
        ("Mexico City", "1 September 1993"),
        ("Beijing", "5 April 1994"),
        ("Tokyo", "14 May 1994"),
        ("Buenos Aires", "19 May 1994"),
        ("Prague", "10 June 1995"),
        ("Windhoek", "6 July 2000"),
        ("London", "10 October 2000"),
        ("Kyiv", "14 September 2023"),
        ("Tel Aviv", "5 May 2025"),
    ],
}

FACTS = [
    # home: the count is computed, the dormant one is said, the programme's focus and forms, boroughs
    (HOME, "de", ["Berlin hat 19 Partnerstädte; 1 davon ruht", "Wirtschaft", "Wissenschaft", "Kultur",
                  "Jugendaustausch und Schüler*innenaustausch", "Justiz", "Seminare für Fach- und Führungskräfte",
                  "Sportveranstaltungen", "Studienaufenthalte", "Treptow-Köpenick", "Deutsch-Mexikanischer Digitaldialog",
                  "Wiedervereinigung 1990"]),
    (HOME, "en", ["Berlin has 19 partner cities; 1 of them is dormant", "Economy", "Science and academia", "Culture",
                  "Youth and school exchange", "Judiciary", "Seminars for specialists and senior staff",
                  "Sporting events", "Study stays", "Treptow-Köpenick", "German–Mexican Digital Dialogue",
                  "reunification in 1990"]),
    # Mexico City: focus areas, forms, every dated milestone, cultural activities, GIZ
    (MEXICO, "de", ["1. September 1993", "Kultur", "Stadtentwicklung", "Umweltschutz", "Verkehr", "Wasserversorgung",
                    "Abfallentsorgung und Recycling", "Gegenseitige Besuche", "Bilaterale und internationale Fachtagungen",
                    "Austausch von Best Practices", "20 Jahre Städtepartnerschaft", "Öffentlicher Personenverkehr",
                    "Sicherheit", "25 Jahre Städtepartnerschaft", "1. Juli 2018", "Claudia Sheinbaum",
                    "1. Dezember 2018", "kleinere Kulturprojekte", "2020–2022", "Videokonferenzen",
                    "nachhaltige Mobilität, Datenmanagement und grüne Infrastruktur", "30 Jahre Städtepartnerschaft",
                    "LSBTI", "Techno-Parade", "Zeitgenössische mexikanische Musik", "Berliner Orchester",
                    "Gesellschaft für Internationale Zusammenarbeit", "Klimadialog", "Tourismus",
                    "Erneuerbare Energien", "Energieeffizienz", "Städtepartnerschaft Mexiko-Stadt"]),
    (MEXICO, "en", ["1 September 1993", "Culture", "Urban development", "Environmental protection", "Transport",
                    "Water supply", "Waste disposal and recycling", "Mutual visits", "Bilateral and international conferences",
                    "Exchange of best practices", "20 years of the city partnership", "Public transport", "Security",
                    "25 years of the city partnership", "1 July 2018", "Claudia Sheinbaum", "1 December 2018",
                    "small cultural projects", "2020–2022", "video conferences",
                    "sustainable mobility, data management and green infrastructure", "30 years of the city partnership",
                    "LGBTI", "techno parade", "Contemporary Mexican music", "Berlin orchestras",
                    "Gesellschaft für Internationale Zusammenarbeit", "climate dialogue", "Tourism",
                    "Renewable energy", "Energy efficiency", "Städtepartnerschaft Mexiko-Stadt"]),
    # the Digital Dialogue: federal, launched 2018, BMDS, since 2022, 2024 session and work plan, areas, topics
    (DIALOGUE, "de", ["Bilateraler Dialog", "Bundesregierung", "2018", "Bundesministerium für Digitales und Staatsmodernisierung",
                      "2022", "Erste Jahressitzung", "Arbeitsplan", "Digitale Inklusion", "Digitalpolitik", "Neue Technologien",
                      "Kleinst-, Klein- und Mittelunternehmen", "Datenpolitik", "Internet Governance", "5G",
                      "Künstliche Intelligenz", "Rechenzentren", "Intelligente Mobilität",
                      "Agentur für Digitale Transformation und Telekommunikation", "2025", "Wirtschaftsministerium",
                      "CEPAL", "Pazifik-Allianz", "wichtigster Handelspartner in Lateinamerika", "Newsletter"]),
    (DIALOGUE, "en", ["Bilateral dialogue", "Federal government", "2018", "Federal Ministry for Digital Transformation",
                      "2022", "First annual session", "work plan", "Digital inclusion", "Digital policy", "New technologies",
                      "micro, small and medium-sized enterprises", "Data policy", "Internet governance", "5G",
                      "Artificial intelligence", "Data centres", "Smart mobility",
                      "Agency for Digital Transformation and Telecommunications", "2025", "Ministry of Economy",
                      "CEPAL", "Pacific Alliance", "most important trading partner in Latin America", "newsletter"]),
    # the three later facts, each with its own source
    (KYIV, "de", ["14. September 2023", "Roten Rathaus", "2017", "Absichtserklärung",
                  "Kyiv, Berlin strike twin town deal", "Klitschko und Wegner erklären Kiew und Berlin zu Partnerstädten"]),
    (KYIV, "en", ["14 September 2023", "Red Town Hall", "2017", "Memorandum of understanding",
                  "Kyiv, Berlin strike twin town deal", "Klitschko und Wegner erklären Kiew und Berlin zu Partnerstädten"]),
    (MOSCOW, "de", ["ruht", "2022", "November 1990", "Gemeinsame Erklärung", "28. August 1991", "nicht beendet",
                    "Senatskanzlei: Besuche in Moskau auch in Zukunft undenkbar", "Berliner Städtepartnerschaft mit Moskau liegt auf Eis"]),
    (MOSCOW, "en", ["dormant", "2022", "November 1990", "Joint declaration", "28 August 1991", "not ended",
                    "Senatskanzlei: Besuche in Moskau auch in Zukunft undenkbar", "Berliner Städtepartnerschaft mit Moskau liegt auf Eis"]),
    (TEL_AVIV, "de", ["April 2025", "5. Mai 2025", "19. Partnerstadt", "Roten Rathaus", "Tel Aviv wird Berlins nächste Partnerstadt",
                      "Berlin und Tel Aviv besiegeln Städtepartnerschaft"]),
    (TEL_AVIV, "en", ["April 2025", "5 May 2025", "19th partner city", "Red Town Hall", "Tel Aviv wird Berlins nächste Partnerstadt",
                      "Berlin und Tel Aviv besiegeln Städtepartnerschaft"]),
    # the office and its contact details
    (CONTACT, "de", ["Senatskanzlei", "Referat IV B", "Jüdenstr. 1", "10178 Berlin", "(030) 9026-2241", "(030) 9026-2260"]),
    (CONTACT, "en", ["Senate Chancellery", "Division IV B", "Jüdenstr. 1", "10178 Berlin", "(030) 9026-2241", "(030) 9026-2260"]),
]  # fmt: skip


def _text(response) -> str:
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _get(client, page, language):
    name, args = page
    with translation.override(language):
        url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 200, url
    return _text(response)


@pytest.mark.parametrize(("page", "language", "texts"), FACTS)
def test_fact_appears_on_its_page(client, db, page, language, texts):
    text = _get(client, page, language)
    missing = [fact for fact in texts if fact not in text]
    assert not missing, f"missing on {page} ({language}): {missing}"


@pytest.mark.parametrize("language", ["de", "en"])
def test_home_lists_every_partner_with_its_date_and_link(client, db, language):
    with translation.override(language):
        url = reverse("web:home")
    html = client.get(url).content.decode()
    text = _text_from_html(html)
    for city, date in PARTNERS[language]:
        assert f"{city} " in text and date in text, (city, date)
    assert len(re.findall(r'<th scope="row"><a href="/' + language + r'/[^"]+/">', html)) == 19


def _text_from_html(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_partnership_page_cites_numbered_sources(client, db, language):
    from citypartners.partnerships.models import Partnership

    for partnership in Partnership.objects.all():
        with translation.override(language):
            url = reverse("web:partnership", args=[partnership.slug])
        html = client.get(url).content.decode()
        assert 'id="source-1"' in html, url
        # Each citation links to its source's page, which links to the original.
        first = re.search(r'<li id="source-1" value="1"><a href="([^"]+)"', html).group(1)
        assert re.search(rf'<a href="{re.escape(first)}" class="cp-cite"[^>]*>\[1\]</a>', html), url
