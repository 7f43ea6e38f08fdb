"""The API's lists, filters, pages, records, languages and query counts."""

from __future__ import annotations

import pytest

from tests.factories import make_activity, make_city, make_partnership, make_source

pytestmark = pytest.mark.django_db


def get_json(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_partnerships_list_all_with_total_count(client):
    from citypartners.partnerships.models import Partnership

    body = get_json(client, "/api/v1/partnerships?page_size=200")
    published = Partnership.objects.published()
    assert body["count"] == published.count()
    assert sorted(p["slug"] for p in body["results"]) == sorted(
        published.values_list("slug", flat=True)
    )
    assert body["next"] is None and body["previous"] is None


def test_partnership_record_carries_dates_with_precision_and_sources(client):
    body = get_json(client, "/api/v1/partnerships/berlin-mexico-city?lang=en")
    assert body["name"] == "Berlin – Mexico City"
    assert body["since"] == {"date": "1993-09-01", "precision": "day"}
    assert body["partner"]["geonames_id"] == 3530597
    assert body["history"], "the dated history is listed"
    assert all(step["sources"] for step in body["history"])
    assert {"key", "title", "url"} == set(body["sources"][0])
    assert body["url"] == "/en/partnerships/berlin-mexico-city/"
    assert {t["role"] for t in body["topics"]} >= {"focus"}


def test_partnership_detail_lists_milestones_with_precision(client):
    body = get_json(client, "/api/v1/partnerships/berlin-moscow?lang=en")
    declaration = next(m for m in body["milestones"] if m["kind"] == "declaration")
    assert declaration["on"] == {"date": "1990-11", "precision": "month"}
    assert declaration["title"] == "Joint declaration of Berlin and Moscow"
    assert declaration["sources"]


def test_kyiv_has_no_date_in_the_documents_but_a_sourced_signing(client):
    body = get_json(client, "/api/v1/partnerships?partner=kyiv&lang=en")
    (kyiv,) = body["results"]
    signed = [step for step in kyiv["history"] if step["kind"] == "signed"]
    assert signed[0]["on"] == {"date": "2023-09-14", "precision": "day"}
    assert signed[0]["sources"]


def test_year_precision_stays_a_year(client, home):
    make_partnership(home=home, partner=make_city(slug="yearville"), since="1975")
    body = get_json(client, "/api/v1/partnerships?partner=yearville")
    assert body["results"][0]["since"] == {"date": "1975", "precision": "year"}


@pytest.mark.parametrize(
    ("language_query", "accept_language", "expected_name", "expected_header"),
    [
        ("?lang=en", "", "Berlin – Mexico City", "en"),
        ("?lang=de", "en", "Berlin – Mexiko-Stadt", "de"),
        ("", "en-GB,en;q=0.9,de;q=0.5", "Berlin – Mexico City", "en"),
        ("", "fr, de;q=0.4, en;q=0.3", "Berlin – Mexiko-Stadt", "de"),
        ("", "", "Berlin – Mexiko-Stadt", "de"),
    ],
)
def test_language_from_parameter_or_accept_language(
    client, language_query, accept_language, expected_name, expected_header
):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get(
        f"/api/v1/partnerships/berlin-mexico-city{language_query}", headers=headers
    )
    assert response.json()["name"] == expected_name
    assert response["Content-Language"] == expected_header


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("partner_country=MX", {"berlin-mexico-city", "germany-mexico-digital-dialogue"}),
        ("partner_country=mx&kind=city_partnership", {"berlin-mexico-city"}),
        ("partner=moscow", {"berlin-moscow"}),
        ("status=dormant", {"berlin-moscow"}),
        (
            "since_from=1993&since_to=1993",
            {"berlin-mexico-city", "berlin-jakarta", "berlin-tashkent"}
            | {  # Steglitz-Zehlendorf's three Polish towns and Sochos, all of 1993
                f"berlin-steglitz-zehlendorf-{partner}"
                for partner in ("kazimierz-dolny", "naleczow", "poniatowa", "sochos")
            }
            | {"treptow-koepenick-mokotow"},  # Treptow's first treaty with Mokotów
        ),
        ("since_from=2023&kind=city_partnership", {"berlin-kyiv", "berlin-tel-aviv"}),
        ("kind=bilateral_dialogue", {"germany-mexico-digital-dialogue"}),
        ("operator=federal", {"germany-mexico-digital-dialogue"}),
        ("topic=youth-exchange&partner_country=MX", set()),
        ("home=country-de", {"germany-mexico-digital-dialogue"}),
        ("since_from=2999", set()),
        ("since_to=2999&partner=moscow", {"berlin-moscow"}),
    ],
)
def test_partnership_filters(client, query, expected):
    body = get_json(client, f"/api/v1/partnerships?{query}&page_size=200")
    assert {p["slug"] for p in body["results"]} == expected
    assert body["count"] == len(expected)


def test_partnership_topic_filter_finds_the_focus_areas(client):
    from citypartners.partnerships.models import PartnershipTopic

    link = PartnershipTopic.objects.select_related("topic", "partnership").first()
    body = get_json(client, f"/api/v1/partnerships?topic={link.topic.slug}&page_size=200")
    assert link.partnership.slug in {p["slug"] for p in body["results"]}
    assert all(link.topic.slug in {t["slug"] for t in p["topics"]} for p in body["results"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("date_from=2020-01-01&date_to=2020-12-31", {"in-2020", "2019-to-2021", "year-2020"}),
        ("date_from=2021-06-01", {"2019-to-2021", "in-2024"}),
        ("date_to=2019-12-31", {"2019-to-2021"}),
        ("date_from=2020-03-01&date_to=2020-03-31", {"2019-to-2021", "year-2020"}),
        ("kind=concerts", {"in-2024"}),
    ],
)
def test_activity_date_range_and_kind_filters(client, home, query, expected):
    partnership = make_partnership(home=home, partner=make_city(slug="rangeville"))
    make_activity(partnership=partnership, slug="in-2020", starts="2020-07-04")
    make_activity(partnership=partnership, slug="2019-to-2021", starts="2019-05", ends="2021-06")
    make_activity(partnership=partnership, slug="year-2020", starts="2020")
    make_activity(partnership=partnership, slug="in-2024", starts="2024-02-02", kind="concerts")
    body = get_json(
        client, f"/api/v1/activities?partnership={partnership.slug}&{query}&page_size=200"
    )
    assert {a["slug"] for a in body["results"]} == expected


def test_activity_record_has_dates_with_precision(client, home):
    partnership = make_partnership(home=home)
    make_activity(partnership=partnership, slug="a-range", starts="2019-05", ends="2021")
    body = get_json(client, "/api/v1/activities/a-range")
    assert body["starts"] == {"date": "2019-05", "precision": "month"}
    assert body["ends"] == {"date": "2021", "precision": "year"}
    assert (body["first_day"], body["last_day"]) == ("2019-05-01", "2021-12-31")
    assert body["sources"][0]["title"].startswith("Test source")


@pytest.mark.parametrize(
    ("page", "page_size", "expected_slugs", "has_next", "has_previous"),
    [
        (1, 2, ["p-a", "p-b"], True, False),
        (2, 2, ["p-c", "p-d"], True, True),
        (3, 2, ["p-e"], False, True),
        (4, 2, [], False, True),
        (1, 10, ["p-a", "p-b", "p-c", "p-d", "p-e"], False, False),
    ],
)
def test_pages_are_stable_and_complete(
    client, page, page_size, expected_slugs, has_next, has_previous
):
    from citypartners.places.models import Place

    pageville = make_city(slug="pageville")
    for letter in "ecadb":  # created out of order: the API orders by slug
        make_partnership(
            home=pageville, partner=make_city(slug=f"partner-{letter}"), slug=f"p-{letter}"
        )
    assert Place.objects.filter(slug="pageville").exists()
    body = get_json(
        client, f"/api/v1/partnerships?home=pageville&page={page}&page_size={page_size}"
    )
    assert [p["slug"] for p in body["results"]] == expected_slugs
    assert body["count"] == 5
    assert (body["next"] is not None, body["previous"] is not None) == (has_next, has_previous)
    if has_next:
        following = get_json(client, body["next"])
        assert following["page"] == page + 1


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/places?page_size=1",
        "/api/v1/organisations?page_size=1",
        "/api/v1/topics?page_size=1",
        "/api/v1/sources?page_size=1",
        "/api/v1/claims?review_status=any",
    ],
)
def test_other_lists_answer_with_a_count(client, url):
    body = get_json(client, url)
    assert body["count"] >= len(body["results"])


@pytest.mark.parametrize(
    ("url", "field", "expected"),
    [
        ("/api/v1/places/mexico-city?lang=en", "name", "Mexico City"),
        ("/api/v1/places/mexico-city", "geonames_id", 3530597),
        ("/api/v1/places?country=MX&kind=city", "count", 1),
        ("/api/v1/sources?language=de&kind=official_page", "count", None),
    ],
)
def test_place_and_source_records(client, url, field, expected):
    body = get_json(client, url)
    if expected is None:
        assert all(s["language"] == "de" for s in body["results"])
    else:
        assert body[field] == expected


def test_claims_show_accepted_facts_unless_asked(client, reviewer):
    from citypartners.sources.models import Claim

    source = make_source(text="Berlin und Kiew sind seit 2023 Partnerstädte.")
    common = {"source": source, "subject": "kyiv", "evidence_start": 0, "evidence_end": 10}
    Claim.objects.create(
        **common,
        property="since",
        value={"date": "2023"},
        evidence_text="Berlin und",
        review_status="accepted",
    )
    Claim.objects.create(**common, property="partner", value={}, evidence_text="Berlin und")
    accepted = get_json(client, f"/api/v1/claims?source={source.key}")
    every = get_json(client, f"/api/v1/claims?source={source.key}&review_status=any")
    assert [c["property"] for c in accepted["results"]] == ["since"]
    assert accepted["results"][0]["source"]["key"] == source.key
    assert accepted["results"][0]["evidence"]["text"] == "Berlin und"
    assert every["count"] == 1  # unreviewed claims only to signed-in reviewers
    client.force_login(reviewer)
    every = get_json(client, f"/api/v1/claims?source={source.key}&review_status=any")
    assert every["count"] == 2


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/partnerships/no-such-thing",
        "/api/v1/activities/no-such-thing",
        "/api/v1/places/no-such-thing",
        "/api/v1/claims/999999",
    ],
)
def test_unknown_records_are_a_json_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/partnerships?status=sleeping",
        "/api/v1/partnerships?page_size=1000",
        "/api/v1/partnerships?since_from=year",
        "/api/v1/activities?date_from=2020-13-01",
    ],
)
def test_bad_filters_are_a_json_422_naming_the_problem(client, url):
    response = client.get(url)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"]


def test_openapi_schema_lists_every_endpoint(client):
    schema = get_json(client, "/api/v1/openapi.json")
    for path in [
        "/api/v1/partnerships",
        "/api/v1/partnerships/{slug}",
        "/api/v1/activities",
        "/api/v1/places",
        "/api/v1/organisations",
        "/api/v1/topics",
        "/api/v1/sources",
        "/api/v1/claims",
    ]:
        assert path in schema["paths"]


def test_docs_page_is_served_by_the_platform_without_inline_script(client):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    scripts = html.split("<script")[1:]
    executable = [s for s in scripts if 'type="application/json"' not in s.split(">")[0]]
    assert all(" src=" in s.split(">")[0] for s in executable)


# query counts: the same number of queries for one row as for many ---------------------------

# registry version, count, rows, then one query per prefetched relation
LIST_QUERIES = {
    "partnerships": 8,  # + sources, status changes, their sources, topic links, their sources
    "activities": 7,  # + the home's partnership ids, then topics, organisations, sources
}


def _grow(home, n):
    """n partnerships, each with a sourced topic and two activities with topics and sources."""
    from citypartners.network.models import Organisation
    from citypartners.partnerships.models import PartnershipTopic, Topic

    topic = Topic.objects.order_by("slug").first()
    organisation = Organisation.objects.order_by("slug").first()
    for _ in range(n):
        partnership = make_partnership(home=home)
        link = PartnershipTopic.objects.create(partnership=partnership, topic=topic)
        link.sources.add(make_source())
        for dates in ({"starts": "2024"}, {"starts": "2020-01", "ends": "2021"}):
            activity = make_activity(partnership=partnership, **dates)
            activity.topics.add(topic)
            activity.organisations.add(organisation)


@pytest.mark.parametrize("size", [1, 12])
@pytest.mark.parametrize("endpoint", ["partnerships", "activities"])
def test_list_queries_do_not_grow_with_rows(client, django_assert_num_queries, size, endpoint):
    growville = make_city(slug="growville")
    _grow(growville, size)
    with django_assert_num_queries(LIST_QUERIES[endpoint]):
        body = get_json(client, f"/api/v1/{endpoint}?home=growville&page_size=200")
    assert body["count"] == size * (2 if endpoint == "activities" else 1)


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/v1/places?page_size=200", 4),  # version, count, rows (+parent), aliases
        ("/api/v1/organisations?page_size=200", 4),  # version, count, rows, sources
        ("/api/v1/topics?page_size=200", 3),
        ("/api/v1/sources?page_size=200", 3),
        ("/api/v1/claims?page_size=200&review_status=any", 3),
    ],
)
def test_other_lists_have_a_fixed_query_count(client, django_assert_num_queries, url, queries):
    from citypartners.sources.models import Claim

    for position in range(5):
        Claim.objects.create(
            source=make_source(),
            subject="x",
            property="partner",
            evidence_start=position,
            evidence_end=position + 1,
            evidence_text="x",
            review_status="accepted",  # what an anonymous client is served
        )
    with django_assert_num_queries(queries):
        body = get_json(client, url)
    assert body["count"] > 0


@pytest.mark.parametrize(
    "query",
    [
        "partner_country=ZZ&date_from=2000-01-01",
        "home=nowhere&kind=visit",
        "partnership=no-such-partnership&topic=culture",
    ],
)
def test_activity_filters_that_match_no_partnership_give_an_empty_page(client, query):
    body = get_json(client, f"/api/v1/activities?{query}")
    assert (body["count"], body["results"], body["pages"]) == (0, [], 1)
