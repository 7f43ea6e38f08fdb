"""The partner search: posting, finding by filters, answering without seeing an address,
the rate limit, expiry after a year, renewal and the reminder a month before."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from citypartners.jobs.worker import run_due_tasks
from citypartners.partnersearch import services
from citypartners.partnersearch.models import PartnerSearch, PartnerSearchMessage, join_codes
from citypartners.partnerships.models import Topic
from citypartners.places.models import Place

pytestmark = pytest.mark.django_db

OWNER_EMAIL = "twinning.office@example.org"


def _url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def owner(editor):
    editor.email = OWNER_EMAIL
    editor.save()
    return editor


def _post(owner, *, title="Partner sought in Poland", today=None, **fields) -> PartnerSearch:
    values = {
        "place": Place.objects.get(slug="berlin"),
        "title": title,
        "offers": "Exchanges of schools and choirs.",
        "language": "en",
    }
    countries = fields.pop("countries", [])
    topics = fields.pop("topics", [])
    values.update(fields)
    search = services.publish_partner_search(
        search=PartnerSearch(**values), owner=owner, today=today
    )
    search.countries.set(countries)
    search.topics.set(topics)
    return search


def _titles(client, query="") -> list[str]:
    html = client.get(_url("partnersearch:list") + query).content.decode()
    return re.findall(
        r'<h3 class="kern-heading-small" id="post-\d+" lang="[a-z]+"><a href="[^"]+">([^<]+)</a>',
        html,
    )


def test_urls_are_translated():
    assert _url("partnersearch:list", "de") == "/de/partnersuche/"
    assert _url("partnersearch:list", "en") == "/en/partner-search/"
    assert _url("partnersearch:answer", "de", pk=3) == "/de/partnersuche/3/schreiben/"


def test_post_is_public_for_a_year_then_gone(client, owner):
    today = timezone.localdate()
    fresh = _post(owner, title="Fresh")
    old = _post(owner, title="Old", today=today - dt.timedelta(days=366))
    assert fresh.expires_on == today + dt.timedelta(days=365)
    assert _titles(client) == ["Fresh"]
    assert client.get(_url("partnersearch:detail", pk=old.pk)).status_code == 404
    services.renew_partner_search(search=old)
    assert sorted(_titles(client)) == ["Fresh", "Old"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?country=PL", ["Anywhere", "Europe", "Poland"]),
        ("?country=JP", ["Anywhere"]),
        ("?region=EU", ["Anywhere", "Europe", "Poland"]),
        ("?region=AS", ["Anywhere"]),
        ("?size=small", ["Anywhere", "Poland"]),
        ("?language=fr", ["Europe"]),
        ("?topic=TOPIC", ["Poland"]),
    ],
)
def test_filters_find_posts_by_country_region_size_language_and_topic(
    client, owner, query, expected
):
    topic = Topic.objects.order_by("slug").first()
    poland = Place.objects.get(kind="country", country_code="PL")
    _post(owner, title="Poland", countries=[poland], size="small", topics=[topic])
    _post(owner, title="Europe", regions=join_codes(["EU"]), size="large", languages=",en,fr,")
    _post(owner, title="Anywhere")
    assert sorted(_titles(client, query.replace("TOPIC", topic.slug))) == expected


def test_answer_is_relayed_by_mail_without_showing_the_address(client, owner, mailserver):
    search = _post(owner)
    for name in ("partnersearch:list", "partnersearch:detail", "partnersearch:answer"):
        page = client.get(_url(name, pk=search.pk) if name != "partnersearch:list" else _url(name))
        assert OWNER_EMAIL not in page.content.decode()
    response = client.post(
        _url("partnersearch:answer", pk=search.pk),
        {
            "sender_name": "Ola",
            "organisation": "Gmina Example",
            "sender_email": "ola@example.org",
            "message": "We would like to meet.",
        },
    )
    assert response["Location"] == _url("partnersearch:sent", pk=search.pk)
    run_due_tasks()
    [mail] = mailserver.messages
    assert mail.to == OWNER_EMAIL
    assert mail.message["Reply-To"] == "ola@example.org"
    assert mail.message["Subject"] == f"Answer to your partner search: {search.title}"
    assert "We would like to meet." in mail.text
    assert not PartnerSearchMessage.objects.exists()  # no copy kept once sent


def test_answer_form_is_rate_limited_per_client_and_has_a_honeypot(client, owner, settings):
    settings.CITYPARTNERS_RATE_LIMIT_PER_CLIENT = 1
    search = _post(owner)
    data = {
        "sender_name": "Bot",
        "organisation": "Spam",
        "sender_email": "bot@example.org",
        "message": "Buy",
        "website": "http://spam.example",
    }
    trapped = client.post(_url("partnersearch:answer", pk=search.pk), data)
    assert trapped.status_code == 302
    assert not PartnerSearchMessage.objects.exists()
    blocked = client.post(_url("partnersearch:answer", pk=search.pk), data)
    assert blocked.status_code == 429


def test_answer_form_rejects_invalid_input_and_queues_nothing(client, owner):
    search = _post(owner)
    response = client.post(
        _url("partnersearch:answer", pk=search.pk),
        {"sender_name": "A\nB", "organisation": "X", "sender_email": "nope", "message": ""},
    )
    assert response.status_code == 400
    assert not PartnerSearchMessage.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_post_without_an_owner_cannot_be_answered(client, owner):
    search = _post(owner)
    search.owner = None
    search.save()
    detail = client.get(_url("partnersearch:detail", pk=search.pk)).content.decode()
    assert _url("partnersearch:answer", pk=search.pk) not in detail
    assert client.get(_url("partnersearch:answer", pk=search.pk)).status_code == 404


def test_reminder_is_mailed_once_a_month_before_the_end(owner, mailserver):
    today = timezone.localdate()
    ending = _post(owner, title="Ending", today=today - dt.timedelta(days=340))
    _post(owner, title="Young")
    assert services.remind_expiring_searches(today=today) == 1
    assert services.remind_expiring_searches(today=today) == 0
    [mail] = mailserver.messages
    assert mail.to == OWNER_EMAIL
    assert "Ending" in mail.message["Subject"]
    assert f"/backoffice/partnersearch/partnersearch/{ending.pk}/change/" in mail.text
    services.renew_partner_search(search=ending, today=today)
    ending.refresh_from_db()
    assert ending.reminded_on is None
    assert ending.expires_on == today + dt.timedelta(days=365)


def test_editor_posts_and_renews_in_the_back_office(editor_client, owner):
    topic = Topic.objects.order_by("slug").first()
    response = editor_client.post(
        reverse("admin:partnersearch_partnersearch_add"),
        {
            "place": Place.objects.get(slug="berlin").pk,
            "language": "de",
            "title": "Partnerin in Westafrika gesucht",
            "regions": ["AF"],
            "size": "city",
            "topics": [topic.pk],
            "languages": ["fr", "en"],
            "offers": "Austausch von Verwaltungen.",
            "description": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    search = PartnerSearch.objects.get()
    assert search.owner == owner
    assert search.regions == ",AF,"
    assert search.languages == ",en,fr,"
    assert search.expires_on == timezone.localdate() + dt.timedelta(days=365)
    PartnerSearch.objects.filter(pk=search.pk).update(expires_on=timezone.localdate())
    editor_client.post(
        reverse("admin:partnersearch_partnersearch_changelist"),
        {"action": "renew_selected", "_selected_action": [search.pk]},
    )
    search.refresh_from_db()
    assert search.expires_on == timezone.localdate() + dt.timedelta(days=365)


def test_anonymous_visitor_cannot_post(client):
    response = client.get(reverse("admin:partnersearch_partnersearch_add"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize("language", ["de", "en"])
def test_list_costs_the_same_queries_with_one_post_and_many(client, owner, language):
    topic = Topic.objects.order_by("slug").first()
    poland = Place.objects.get(kind="country", country_code="PL")
    _post(owner, countries=[poland], topics=[topic])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(_url("partnersearch:list", language) + "?region=EU")
        assert response.status_code == 200
        return len(captured)

    one = count()
    for n in range(15):
        _post(owner, title=f"Post {n}", countries=[poland], topics=[topic])
    assert count() == one


def test_partner_search_pages_are_in_the_sitemap(client, owner):
    search = _post(owner)
    from tests.pages.test_views import sitemap_urls

    locations = {
        url.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text
        for url in sitemap_urls(client)
    }
    assert any(loc.endswith(_url("partnersearch:detail", pk=search.pk)) for loc in locations)
    assert any(loc.endswith("/de/partnersuche/") for loc in locations)
    assert any(loc.endswith("/en/national/") for loc in locations)


def test_expired_posts_leave_the_sitemap(client, owner):
    old = _post(owner, title="Old", today=timezone.localdate() - dt.timedelta(days=400))
    from tests.pages.test_views import sitemap_urls

    locations = {
        url.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text
        for url in sitemap_urls(client)
    }
    assert not any(loc.endswith(_url("partnersearch:detail", pk=old.pk)) for loc in locations)


def test_undelivered_answers_are_purged_after_two_weeks(owner):
    search = _post(owner)
    kept = services.write_to_partner_search(
        search=search,
        sender_name="A",
        sender_email="a@example.org",
        organisation="B",
        message="Hello",
        language="en",
    )
    stale = services.write_to_partner_search(
        search=search,
        sender_name="C",
        sender_email="c@example.org",
        organisation="D",
        message="Hello",
        language="en",
    )
    PartnerSearchMessage.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - dt.timedelta(days=15)
    )
    assert services.purge_undelivered_answers() == 1
    assert list(PartnerSearchMessage.objects.values_list("pk", flat=True)) == [kept.pk]
