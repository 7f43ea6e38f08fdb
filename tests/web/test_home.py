"""The home pages: counts and lists are computed from the registry, in both languages."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from citypartners.partnerships.models import Partnership
from citypartners.places.models import Place


def _home(client, language) -> str:
    with translation.override(language):
        return client.get(reverse("web:home")).content.decode()


def _count_sentence(html: str) -> str:
    return re.search(r'data-testid="partner-count">([^<]+)<', html).group(1)


def test_adding_a_partnership_in_the_back_office_changes_both_home_pages(
    editor_client, editor, home
):
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(*Permission.objects.filter(codename__in=["add_place"]))
    assert "19" in _count_sentence(_home(editor_client, "de"))
    source = "berlin-city-partnerships-en"
    lyon = Place.objects.create(
        slug="lyon",
        kind="city",
        name_de="Lyon",
        name_en="Lyon",
        country_code="FR",
        parent=Place.objects.get(slug="country-fr"),
        latitude=45.75,
        longitude=4.85,
    )
    form = {
        "slug": "berlin-lyon",
        "kind": "city_partnership",
        "operator": "state",
        "home": home.pk,
        "partner": lyon.pk,
        "is_published": "on",
        "summary_de": "Berlin und Lyon sind Partnerstädte.",
        "summary_en": "Berlin and Lyon are partner cities.",
        "description_de": "Eine neue Partnerschaft.",
        "description_en": "A new partnership.",
        "sources": [
            __import__("citypartners.sources.models", fromlist=["Source"])
            .Source.objects.get(key=source)
            .pk
        ],
    }
    inline_prefixes = ["status_changes", "milestones", "topic_links", "organisation_roles"]
    for prefix in inline_prefixes:
        form.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    form.update(
        {
            "status_changes-TOTAL_FORMS": "1",
            "status_changes-0-position": "0",
            "status_changes-0-kind": "signed",
            "status_changes-0-on": "3. März 2026",
            "status_changes-0-sources": [form["sources"][0]],
        }
    )
    response = editor_client.post(reverse("admin:partnerships_partnership_add"), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    partnership = Partnership.objects.get(slug="berlin-lyon")
    assert partnership.since.isoformat() == "2026-03-03"
    assert partnership.status == "active"

    de, en = _home(editor_client, "de"), _home(editor_client, "en")
    assert _count_sentence(de) == "Berlin hat 20 Partnerstädte; 1 davon ruht."
    assert _count_sentence(en) == "Berlin has 20 partner cities; 1 of them is dormant."
    assert "Lyon" in de and "3. März 2026" in de
    assert "Lyon" in en and "3 March 2026" in en


def test_count_says_what_it_counts_when_one_is_only_agreed(client, home):
    from citypartners.core.dates import PartialDate
    from citypartners.partnerships.services import record_status_change
    from tests.factories import make_city, make_partnership, make_source

    partnership = make_partnership(home=home, partner=make_city(), since="2026-01")
    partnership.status_changes.all().delete()
    record_status_change(
        partnership=partnership, kind="agreed", on=PartialDate(2026, 2), sources=[make_source()]
    )
    assert _count_sentence(_home(client, "en")) == (
        "Berlin has 19 partner cities; 1 of them is dormant, and 1 more has been agreed but not yet signed."
    )


@pytest.mark.parametrize("language", ["de", "en"])
def test_partner_table_is_sorted_by_start_date(client, db, language):
    html = _home(client, language)
    table = html.split('id="partners-heading"')[1].split("</table>")[0]
    datetimes = re.findall(r'<time datetime="([\d-]+)">', table)
    assert datetimes == sorted(datetimes)
    assert datetimes[0] == "1967-06-27" and datetimes[-1] == "2025-05-05"


def test_unpublished_partnership_is_not_listed(client, home):
    Partnership.objects.filter(slug="berlin-london").update(is_published=False)
    html = _home(client, "en")
    assert "Berlin has 18 partner cities" in html
    assert "/en/partnerships/berlin-london/" not in html


def test_home_leaves_other_homes_partnerships_to_their_pages(client, home):
    from tests.factories import make_city, make_partnership

    munich = make_city(slug="munich", name_de="München", name_en="Munich", country_code="DE")
    make_partnership(home=munich, partner=make_city(name_en="Verona", name_de="Verona"))
    html = _home(client, "en")
    assert "Verona" not in html
    assert "German–Mexican Digital Dialogue" in html  # the home country's dialogue stays


def _add_partner_cities(home, count: int) -> list[Place]:
    """Many partner cities in a few queries (bulk), each with coordinates and a start date."""
    from citypartners.core.dates import PartialDate

    cities = Place.objects.bulk_create(
        Place(
            slug=f"many-{n}",
            kind="city",
            name_de=f"Vielstadt {n}",
            name_en=f"Manytown {n}",
            country_code="FR",
            parent=Place.objects.get(slug="country-fr"),
            latitude=30 + n % 30,
            longitude=-20 + n % 60,
        )
        for n in range(count)
    )
    Partnership.objects.bulk_create(
        Partnership(
            slug=f"berlin-many-{n}",
            kind="city_partnership",
            operator="state",
            home=home,
            partner=city,
            status="active",
            since=PartialDate(1950 + n % 70),
        )
        for n, city in enumerate(cities)
    )
    return cities


def _map(html: str) -> str:
    return re.search(r'<svg[^>]*id="partner-map".*?</svg>', html, re.S).group(0)


def test_home_map_joins_each_partner_to_home_by_a_line_and_says_so(client, home):
    svg = _map(_home(client, "en"))
    partners = svg.count('<a class="cp-map__partner"')
    assert partners == 19
    assert svg.count('class="cp-map__route"') == partners
    assert "joined to Berlin by a line" in re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)


@pytest.mark.parametrize(("language", "line"), [("en", "line"), ("de", "Linie")])
def test_home_map_above_the_route_limit_shows_points_only_and_says_so(client, home, language, line):
    from citypartners.web.home_figures import MAX_ROUTES

    cities = _add_partner_cities(home, MAX_ROUTES)
    html = _home(client, language)
    svg = _map(html)
    description = re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)

    assert svg.count('<a class="cp-map__partner"') == MAX_ROUTES + 19
    assert "cp-map__route" not in svg
    assert line not in description
    assert str(MAX_ROUTES + 19) in description
    # The table still lists every partner city by name with its start year and a link.
    table = html.split('id="partners-heading"')[1].split("</table>")[0]
    for n, city in enumerate(cities):
        name = city.name_en if language == "en" else city.name_de
        assert re.search(
            rf'<a href="[^"]*/berlin-many-{n}/">{name}</a></th><td>[^<]*</td>'
            rf'<td><time datetime="{1950 + n % 70}">{1950 + n % 70}</time>',
            table,
        ), name


@pytest.mark.parametrize("language", ["de", "en"])
def test_partner_list_for_narrow_screens_names_the_same_cities_in_the_same_order(
    client, db, language
):
    html = _home(client, language)
    section = html.split('id="partners-heading"')[1]
    table, rest = section.split("</table>", 1)
    listed = rest.split('<ul class="cp-partner-list')[1].split("</ul>")[0]

    in_table = re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a>', table)
    in_list = re.findall(r'<a class="cp-partner-list__city" href="([^"]+)">([^<]+)</a>', listed)
    assert len(in_table) == 19
    assert in_list == in_table
    assert re.findall(r'<time datetime="([\d-]+)">', listed) == re.findall(
        r'<time datetime="([\d-]+)">', table
    )


def test_hyphenate_puts_soft_hyphens_into_long_german_words_only():
    from django.utils.translation import override

    from citypartners.web.templatetags.citypartners import hyphenate

    with override("de"):
        text = hyphenate("Berlins Städtepartnerschaften <b>")

    assert text == "Berlins Städ\u00adte\u00adpart\u00adner\u00adschaf\u00adten &lt;b&gt;"
    assert text.replace("\u00ad", "") == "Berlins Städtepartnerschaften &lt;b&gt;"


def test_favicon_ico_leads_to_the_shipped_icon(client, db):
    from pathlib import Path

    from django.templatetags.static import static

    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == static("citypartners/favicon.ico")
    icon = Path(__file__).parents[2] / "src/citypartners/static/citypartners/favicon.ico"
    assert icon.read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO header
