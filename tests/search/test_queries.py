"""Search: both languages, aliases, case, umlaut spellings, typos, ranking, highlighting.

The same table runs on SQLite and PostgreSQL (CITYPARTNERS_TEST_DATABASE_URL): the candidates
come from different code there, the answers must not.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from citypartners.core.dates import PartialDate
from citypartners.places.models import Place
from citypartners.places.services import set_aliases
from citypartners.search.queries import allowed_typos, highlight, search
from citypartners.search.services import rebuild_index
from tests.factories import make_activity, make_city, make_partnership, make_source

pytestmark = pytest.mark.django_db


def _search(query: str, language: str):
    with translation.override(language):
        return search(query)


def _titles(results, kind: str) -> list[str]:
    group = results.group(kind)
    return [str(hit.title) for hit in group.hits] if group else []


@pytest.mark.parametrize(
    ("query", "language", "kind", "title"),
    [
        # other-language names and aliases
        ("Peking", "en", "partnership", "Berlin – Beijing"),
        ("Beijing", "de", "partnership", "Berlin – Peking"),
        ("CDMX", "en", "place", "Mexico City"),
        ("Ciudad de México", "de", "place", "Mexiko-Stadt"),
        ("Kiew", "en", "partnership", "Berlin – Kyiv"),
        ("Jugendaustausch", "en", "topic", "Youth and school exchange"),
        ("youth exchange", "de", "topic", "Jugendaustausch und Schüler*innenaustausch"),
        # case and umlaut spellings
        ("MEXIKO-STADT", "en", "partnership", "Berlin – Mexico City"),
        ("bruessel", "en", "place", "Brussels"),
        ("BRÜSSEL", "en", "place", "Brussels"),
        ("regelmaessige treffen", "de", "activity", "Regelmäßige Treffen mit Stakeholdern"),
        (
            "Staedtepartnerschaft mit Moskau",
            "de",
            "source",
            "Berliner Städtepartnerschaft mit Moskau",
        ),
        # small typos
        ("Pekign", "en", "partnership", "Berlin – Beijing"),
        ("Istanbull", "de", "place", "Istanbul"),
        ("Jugendaustasuch", "en", "topic", "Youth and school exchange"),
        ("Buenos Aries", "en", "partnership", "Berlin – Buenos Aires"),
        # organisations, acronyms, activities, sources
        ("GIZ", "en", "organisation", "GIZ"),
        ("Sheinbaum", "en", "activity", "Claudia Sheinbaum"),
        ("Digitaldialog", "de", "partnership", "Digitaldialog"),
        ("dpa", "de", "source", "Senatskanzlei: Besuche in Moskau"),
    ],
)
def test_search_finds(query, language, kind, title):
    results = _search(query, language)

    titles = [t.replace("<mark>", "").replace("</mark>", "") for t in _titles(results, kind)]
    assert any(title in t for t in titles), (query, kind, titles)


@pytest.mark.parametrize(
    ("query", "first_group", "first_title"),
    [
        ("Paris", "partnership", "Berlin – Paris"),
        ("Peking", "partnership", "Berlin – Beijing"),
        ("Jugendaustausch", "topic", "Youth and school exchange"),
        ("GIZ", "organisation", "GIZ"),
    ],
)
def test_search_ranks_exact_names_first(query, first_group, first_title):
    results = _search(query, "en")

    assert results.groups[0].kind == first_group
    assert first_title in str(results.groups[0].hits[0].title).replace("<mark>", "").replace(
        "</mark>", ""
    )


def test_search_groups_by_type_with_labels_in_the_language():
    results = _search("Mexiko", "de")

    kinds = [group.kind for group in results.groups]
    assert len(kinds) == len(set(kinds))
    assert {"partnership", "place"} <= set(kinds)
    with translation.override("de"):
        labels = [str(group.label) for group in results.groups]
    assert all(labels)


def test_search_marks_matches_and_escapes_the_rest():
    results = _search("Istanbul", "en")

    assert "<mark>Istanbul</mark>" in str(results.group("place").hits[0].title)
    assert str(highlight("<b>Istanbul</b> & more", ["istanbul"])) == (
        "&lt;b&gt;<mark>Istanbul</mark>&lt;/b&gt; &amp; more"
    )


@pytest.mark.parametrize("query", ["", "   ", "x", "qqqqxxxzzz", "%", "%%", "__", "'--"])
def test_search_answers_empty_and_nonsense_queries_without_results(query):
    results = _search(query, "en")

    assert results.total == 0


def test_search_is_fuzzy_only_when_nothing_matches_exactly():
    assert _search("Beijing", "en").is_fuzzy is False
    assert _search("Pekign", "en").is_fuzzy is True


@pytest.mark.parametrize(
    ("term", "allowed"), [("ab", 0), ("rom", 0), ("roma", 1), ("peking", 1), ("istanbul", 2)]
)
def test_allowed_typos_grow_with_the_word(term, allowed):
    assert allowed_typos(term) == allowed


def test_search_follows_changes_to_the_registry(django_capture_on_commit_callbacks):
    paris = Place.objects.get(slug="paris")

    with django_capture_on_commit_callbacks(execute=True):
        set_aliases(place=paris, names=["Lutetia"])

    assert "Berlin – Paris" in _titles(_search("Lutetia", "en"), "partnership")


def test_unpublished_partnerships_are_not_found(django_capture_on_commit_callbacks, home):
    with django_capture_on_commit_callbacks(execute=True):
        partnership = make_partnership(home=home)
    assert _search(partnership.partner.name_en, "en").total > 0

    with django_capture_on_commit_callbacks(execute=True):
        partnership.is_published = False
        partnership.save()

    assert _titles(_search(partnership.partner.name_en, "en"), "partnership") == []


def _query_count(query: str) -> int:
    with CaptureQueriesContext(connection) as queries, translation.override("en"):
        search(query)
    return len(queries)


@pytest.mark.parametrize("query", ["Konzert", "Konzret"])  # exact, then a typo
def test_search_costs_the_same_queries_for_few_and_many_hits(home, query):
    partnership = make_partnership(home=home)
    make_activity(partnership=partnership, title_de="Konzert", title_en="Concert")
    rebuild_index()
    few = _query_count(query)

    for _ in range(30):
        make_activity(partnership=partnership, title_de="Konzert", title_en="Concert")
    rebuild_index()
    many = _query_count(query)

    assert few == many <= 3


def test_rebuild_index_counts_every_published_record(home):
    count = rebuild_index()

    assert count > 100
    assert _search("Tel Aviv", "en").group("partnership").total == 1


def test_dates_in_activity_context_keep_their_precision(home, django_capture_on_commit_callbacks):
    partnership = make_partnership(home=home)
    with django_capture_on_commit_callbacks(execute=True):
        make_activity(
            partnership=partnership,
            title_de="Zwiebelmarkt",
            title_en="Onion market",
            starts=PartialDate(2031).isoformat(),
        )

    hit = _search("Zwiebelmarkt", "en").group("activity").hits[0]
    assert "2031" in hit.context
    assert "January" not in hit.context


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_keeps_weighted_vectors_and_search_indexes():
    from citypartners.search.models import SearchEntry

    assert not SearchEntry.objects.filter(vector_de__isnull=True).exists()
    assert not SearchEntry.objects.filter(vector_en__isnull=True).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'search_searchentry'")
        names = {row[0] for row in cursor.fetchall()}
    assert {
        "search_entry_vector_de_gin",
        "search_entry_vector_en_gin",
        "search_entry_names_trgm",
    } <= names


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_full_text_search_stems_each_language():
    # Neither word is in the registry as written; the German and English stemmers find
    # "Unterzeichnung" and "signed"/"signing".
    german = _search("Unterzeichnungen", "de")
    english = _search("signings", "en")

    assert german.total and not german.is_fuzzy
    assert english.total and not english.is_fuzzy


@pytest.mark.parametrize(
    ("query", "language", "kind", "found_as"),
    [
        ("Peking", "en", "partnership", "<mark>Peking</mark>"),
        ("CDMX", "de", "place", "<mark>CDMX</mark>"),
        ("Kiew", "en", "place", "<mark>Kiew</mark>"),
    ],
)
def test_results_say_which_other_name_they_were_found_by(query, language, kind, found_as):
    hit = _search(query, language).group(kind).hits[0]

    assert str(hit.found_as) == found_as


def test_results_found_by_their_title_need_no_other_name():
    hit = _search("Beijing", "en").group("partnership").hits[0]

    assert str(hit.found_as) == ""


def test_activities_are_not_found_by_their_partnership_alone(
    home, django_capture_on_commit_callbacks
):
    # The context line names the partnership; it is shown, not searched (on either database).
    partner = make_city(name_de="Quokkastadt", name_en="Quokka City")
    with django_capture_on_commit_callbacks(execute=True):
        partnership = make_partnership(home=home, partner=partner)
        make_activity(partnership=partnership, title_de="Konzert", title_en="Concert")

    results = _search("Quokkastadt", "de")

    assert results.group("partnership").total == 1
    assert results.group("activity") is None
    assert "Quokkastadt" in _search("Konzert", "de").group("activity").hits[0].context


def test_a_word_of_very_many_entries_is_found_in_one_query(home):
    from citypartners.search.models import SearchEntry
    from citypartners.search.queries import MAX_CANDIDATES, MAX_RANKED
    from citypartners.search.services import _update_vectors

    SearchEntry.objects.bulk_create(
        SearchEntry(
            kind="activity",
            object_id=10_000_000 + n,
            title_de=f"Wombattreffen {n}",
            title_en=f"Wombat meeting {n}",
            names=f"wombattreffen {n}\nwombat meeting {n}",
            folded=f"wombattreffen {n} wombat meeting {n}",
        )
        for n in range(MAX_RANKED + 50)
    )
    _update_vectors("activity", None)

    with CaptureQueriesContext(connection) as queries:
        results = _search("Wombattreffen", "de")

    assert len(queries) == 1
    assert results.group("activity").total == MAX_CANDIDATES
    assert all(
        "<mark>Wombattreffen</mark>" in str(hit.title) for hit in results.group("activity").hits
    )


def _languages(results, kind: str) -> dict[str, str]:
    group = results.group(kind)
    return {str(hit.title): hit.language for hit in group.hits} if group else {}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", {"rbb24": "de", "dw": ""}),
        ("de", {"rbb24": "", "dw": "en"}),
    ],
)
def test_source_hits_carry_the_language_of_their_title_when_not_the_pages(language, expected):
    titles = {
        "rbb24": "<mark>Klitschko</mark> und Wegner erklären Kiew und Berlin zu Partnerstädten",
        "dw": "Kyiv, Berlin strike twin town deal as Mayor <mark>Klitschko</mark> visits",
    }

    languages = _languages(_search("Klitschko", language), "source")

    assert {key: languages[title] for key, title in titles.items()} == expected


def test_organisation_hits_are_german_on_the_english_site_without_an_english_name():
    from citypartners.network.models import Organisation

    Organisation.objects.filter(slug="digital-dialogues").update(name_en="")
    rebuild_index()

    english = _languages(_search("Digitaldialoge", "en"), "organisation")
    german = _languages(_search("Digitaldialoge", "de"), "organisation")
    translated = _languages(_search("Agentur für Digitale Transformation", "en"), "organisation")

    # PostgreSQL's stemming also finds organisations whose description says "Digitaldialog"
    assert english.pop("<mark>Digitaldialoge</mark>") == "de"
    assert german.pop("<mark>Digitaldialoge</mark>") == ""
    assert set(english.values()) | set(german.values()) <= {""}  # they have English names
    assert translated and set(translated.values()) == {""}  # so has ATDT


@pytest.mark.parametrize("query", ["Konzertbericht", "Konzertbreicht"])  # exact, then a typo
def test_search_costs_the_same_queries_for_few_and_many_source_hits(query):
    make_source(title="Konzertbericht", language="de")
    rebuild_index()
    few = _query_count(query)

    for language in ["de", "en", "pl"] * 10:
        make_source(title="Konzertbericht", language=language)
    rebuild_index()
    many = _query_count(query)
    languages = {hit.language for hit in _search(query, "en").group("source").hits}

    assert few == many <= 3
    assert languages == {"de", "pl", ""}
