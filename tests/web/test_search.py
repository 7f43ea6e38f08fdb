"""The search page: grouped, highlighted results; helpful answers to empty and odd queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citypartners.search.services import rebuild_index
from tests.factories import make_activity, make_partnership
from tests.urls import url

pytestmark = pytest.mark.django_db


def _page(client, query: str, language: str = "en") -> str:
    response = client.get(url("web:search", language), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_results_are_grouped_with_headings_and_marked(client):
    html = _page(client, "Mexiko")

    assert '<h2 id="results-partnership"' in html
    assert '<h2 id="results-place"' in html
    assert "<mark>Mexico</mark>" in html or "<mark>Mexiko</mark>" in html
    assert f'href="{url("web:partnership", "en", "berlin-mexico-city")}"' in html
    assert 'href="#results-partnership"' in html  # jump links to each group


def test_results_appear_in_the_language_of_the_site(client):
    assert "Berlin – Peking" in _page(client, "Beijing", "de")
    assert "Berlin – Beijing" in _page(client, "Peking", "en")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "Enter a city, a topic or a name"),
        ("x", "Please enter at least two letters."),
        ("qqqqxxxzzz", "Nothing was found for “qqqqxxxzzz”."),
    ],
)
def test_empty_and_nonsense_queries_get_a_helpful_page(client, query, expected):
    html = _page(client, query)

    assert expected in html
    assert f'href="{url("web:home")}"' in html
    assert f'href="{url("pages:activities")}"' in html


def test_query_is_escaped_everywhere(client):
    html = _page(client, '<script>alert("x")</script>')

    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_typo_results_say_they_are_close_spellings(client):
    html = _page(client, "Pekign")

    assert "close spellings" in html
    assert "Berlin – Beijing" in html


def _count(client, query: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        _page(client, query)
    return len(queries)


def test_search_page_costs_the_same_queries_for_few_and_many_results(client, home):
    partnership = make_partnership(home=home)
    make_activity(partnership=partnership, title_en="Jazz night")
    rebuild_index()
    few = _count(client, "Jazz")

    for _ in range(30):
        make_activity(partnership=partnership, title_en="Jazz night")
    rebuild_index()

    assert _count(client, "Jazz") == few


def test_language_switch_keeps_the_search(client):
    html = _page(client, "Peking", "de")

    assert f'href="{url("web:search", "en")}?q=Peking" hreflang="en" lang="en">English</a>' in html
