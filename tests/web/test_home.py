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
    datetimes = re.findall(r'<time datetime="([\d-]+)">', html.split('id="partners-heading"')[1])
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
