"""Back-office forms: sources added where they are cited, slugs from names, dates that say what
they accept, and errors listed at the top with links to their fields."""

import json
import re

import pytest
from django.urls import reverse

from citypartners.activities.models import Activity
from citypartners.partnerships.models import Partnership
from citypartners.sources.models import Source


@pytest.mark.parametrize(
    ("url_name", "field_id"),
    [
        ("admin:partnerships_partnership_change", "id_status_changes-0-sources"),
        ("admin:partnerships_partnership_change", "id_milestones-__prefix__-sources"),
        ("admin:partnerships_partnership_change", "id_topic_links-0-sources"),
        ("admin:activities_activity_add", "id_sources"),
    ],
)
def test_every_sources_field_offers_to_add_a_source_on_the_spot(editor_client, url_name, field_id):
    mexico = Partnership.objects.get(slug="berlin-mexico-city")
    args = [mexico.pk] if url_name.endswith("change") else []
    html = editor_client.get(reverse(url_name, args=args)).content.decode()
    link = re.search(rf'<a[^>]*id="add_{field_id}"[^>]*>', html)
    assert link, field_id
    assert reverse("admin:sources_source_add") in link.group(0)
    assert "_popup=1" in link.group(0)


def test_a_source_added_in_the_popup_is_handed_back_to_the_form(editor_client, editor):
    url = reverse("admin:sources_source_add") + "?_to_field=id&_popup=1"
    form = editor_client.get(url).content.decode()
    for name in ("title", "publisher", "published_on", "url", "language", "kind"):
        assert f'name="{name}"' in form
    assert "1.9.1993" in form  # the date field says what it accepts
    response = editor_client.post(
        url,
        {
            "_popup": "1",
            "_to_field": "id",
            "title": "Jugendaustausch Berlin – Mexiko-Stadt 2027 angekündigt",
            "publisher": "Senatskanzlei Berlin",
            "published_on": "Sept. 2026",
            "url": "https://www.berlin.de/rbmskzl/",
            "language": "de",
            "kind": "announcement",
            "retrieved_on": "",
            "note_de": "",
            "note_en": "",
        },
    )
    html = response.content.decode()
    assert "popup_response" in html, html[:3000]
    source = Source.objects.get(title="Jugendaustausch Berlin – Mexiko-Stadt 2027 angekündigt")
    assert source.key == "jugendaustausch-berlin-mexiko-stadt-2027-angekundigt"
    assert source.published_on.isoformat() == "2026-09"
    data = json.loads(
        re.search(r'data-popup-response="([^"]*)"', html).group(1).replace("&quot;", '"')
    )
    assert data["value"] == str(source.pk) and data["obj"] == source.title


def test_a_planned_activity_may_cite_the_offices_own_announcement(editor_client):
    mexico = Partnership.objects.get(slug="berlin-mexico-city")
    announcement = Source.objects.create(
        key="office-youth-exchange-2027",
        title="Youth exchange 2027 announced",
        language="en",
        kind="announcement",
        published_on="2026-11",
    )
    response = editor_client.post(
        reverse("admin:activities_activity_add"),
        {
            "slug": "",
            "partnership": mexico.pk,
            "kind": "visit",
            "title_de": "Jugendaustausch mit Mexiko-Stadt",
            "title_en": "Youth exchange with Mexico City",
            "description_de": "",
            "description_en": "",
            "starts": "Sept. 2027",
            "ends": "",
            "position": "0",
            "is_published": "on",
            "sources": [announcement.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get(title_en="Youth exchange with Mexico City")
    assert activity.slug == "youth-exchange-with-mexico-city"  # made from the name
    assert list(activity.sources.all()) == [announcement]
    assert activity.starts.isoformat() == "2027-09"


def test_a_slug_left_empty_is_made_unique(editor_client):
    mexico = Partnership.objects.get(slug="berlin-mexico-city")
    source = Source.objects.first()
    for _n in range(2):
        editor_client.post(
            reverse("admin:activities_activity_add"),
            {
                "partnership": mexico.pk,
                "kind": "visit",
                "title_en": "Delegation visit",
                "title_de": "Delegationsbesuch",
                "starts": "2027",
                "position": "0",
                "sources": [source.pk],
            },
        )
    slugs = sorted(
        Activity.objects.filter(title_en="Delegation visit").values_list("slug", flat=True)
    )
    assert slugs == ["delegation-visit", "delegation-visit-2"]


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "There is a problem: 4 errors stop the save."),
        ("de", "Es gibt ein Problem: 4 Fehler verhindern das Speichern."),
    ],
)
def test_a_failed_save_lists_the_errors_at_the_top_with_links(editor_client, language, heading):
    response = editor_client.post(
        reverse("admin:activities_activity_add"),
        {"title_en": "Without what it needs", "starts": "2027", "position": "0"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert heading in html
    summary = html[html.index('id="error-summary"') :]
    for field in ("partnership", "kind", "title_de", "sources"):
        assert f'href="#id_{field}"' in summary[: summary.index("</div>")]
    # The summary stands above the first field of the form.
    assert html.index('id="error-summary"') < html.index('name="partnership"')
