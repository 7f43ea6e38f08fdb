"""Rebuilding the search index: the same entries as the Python builders, the same results, the
planner's statistics refreshed, and (PostgreSQL) editors and searches never waiting for it."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.utils import translation

from citypartners.activities.models import Activity
from citypartners.partnerships.models import Partnership, Topic
from citypartners.places.models import Place, PlaceAlias
from citypartners.search.indexing import BUILDERS
from citypartners.search.models import SearchEntry
from citypartners.search.queries import search
from citypartners.search.rebuild import LIVE
from citypartners.search.services import _update_vectors, analyze_tables, rebuild_index
from citypartners.sources.models import Source
from tests.factories import make_activity, make_city, make_partnership

pytestmark = pytest.mark.django_db
TEXT_FIELDS = [
    "kind",
    "object_id",
    "title_de",
    "title_en",
    "context_de",
    "context_en",
    "body_de",
    "body_en",
    "names",
    "names_as_written",
    "folded",
    "url_name",
    "url_args",
    "url_suffix",
]
QUERIES = ["Paris", "Peking", "Jugendaustausch", "Begegnung", "Istanbull", "Crème", "Łódź"]


def _index() -> list[tuple]:
    return sorted(SearchEntry.objects.values_list(*TEXT_FIELDS))


def _built_by_python() -> list[tuple]:
    return sorted(
        tuple(getattr(entry, name) for name in TEXT_FIELDS)
        for builder in BUILDERS.values()
        for entry in builder(None)
    )


def _vectors() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT kind, object_id, vector_de::text, vector_en::text FROM {LIVE} "
            "ORDER BY kind, object_id"
        )
        return cursor.fetchall()


def _results() -> dict:
    found = {}
    for language in ("de", "en"):
        with translation.override(language):
            for query in QUERIES:
                results = search(query)
                found[language, query] = [
                    (group.kind, group.total, [str(hit.title) for hit in group.hits])
                    for group in results.groups
                ]
    return found


def _awkward_activities(home) -> list[Activity]:
    """Texts that test the SQL folding: accents, umlauts, ß, hyphens, runs of spaces, another
    script, a language missing, several topics, a date range; and one unpublished."""
    partnership = Partnership.objects.published().filter(home=home).order_by("pk").first()
    topics = list(Topic.objects.order_by("slug")[:3])
    activities = [
        make_activity(
            partnership=partnership,
            title_de="Crème-Brûlée  und Straßenfest in Łódź",
            title_en="",
            description_de="Große Übergabe – Äpfel, Öl\tund Füße",
            starts="2021-06-03",
            ends="2021-06-05",
        ),
        make_activity(
            partnership=partnership,
            kind="conference",
            title_de="Встреча в Киеве",
            title_en="Meeting in Kyiv",
            description_en="İstanbul and Ærø, ΣΟΦΙΑ",
            starts="2019-11",
            ends="2020",
        ),
        make_activity(partnership=partnership, title_de="Unveröffentlicht", is_published=False),
    ]
    activities[0].topics.set(topics)
    activities[1].topics.set(topics[:1])
    return activities


def _awkward_places(home) -> None:
    """Places and partnerships that test the SQL names and contexts: aliases that fold alike,
    a missing language, a name of its own, several partnerships of one partner with and
    without dates, an unpublished one, a place with no partnership."""
    country = Place.objects.filter(kind="country").order_by("pk").first()
    lodz = make_city(name_de="Łódź", name_en="", name_local="Lodz  ", parent=country)
    PlaceAlias.objects.create(place=lodz, name="Lodsch", normalised="lodsch")
    PlaceAlias.objects.create(place=lodz, name="LODZ", normalised="lodz")
    second_home = Place.objects.filter(kind="city").exclude(pk=home.pk).order_by("pk").first()
    make_partnership(home=home, partner=lodz, since="1994")
    make_partnership(
        home=second_home, partner=lodz, since="1994-02", name_de="Städtedreieck", name_en=""
    )
    make_partnership(home=lodz, partner=second_home, is_published=False)
    make_city(name_de="Ödland", name_en="Wasteland")


def test_rebuild_index_writes_what_the_python_builders_write(home):
    _awkward_activities(home)
    _awkward_places(home)

    count = rebuild_index()

    expected = _built_by_python()
    assert _index() == expected
    assert count == len(expected)
    assert not SearchEntry.objects.filter(title_de="Unveröffentlicht").exists()


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_rebuild_index_writes_the_vectors_that_a_refresh_writes(home):
    _awkward_activities(home)
    rebuild_index()
    rebuilt = _vectors()

    _update_vectors(None, None)  # the per-record refresh's own expression

    assert rebuilt == _vectors()
    assert all(row[2] and row[3] for row in rebuilt)


def test_rebuild_index_gives_the_same_results_before_and_after(home):
    rebuild_index()
    before = _results()

    rebuild_index()

    assert _results() == before
    assert before["en", "Paris"]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_rebuild_index_keeps_the_canonical_index_names(home):
    def indexes() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [LIVE])
            return sorted(row[0] for row in cursor.fetchall())

    before = indexes()

    rebuild_index()
    rebuild_index()

    assert indexes() == before
    assert "search_entry_vector_de_gin" in before
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s), to_regclass(%s)", [f"{LIVE}_shadow", LIVE])
        assert cursor.fetchone() == (None, LIVE)


def _analysed_rows(table: str) -> float | None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            return cursor.fetchone()[0]
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        row = cursor.fetchone()
        return float(row[0].split()[0]) if row else None


def test_rebuild_index_leaves_the_index_table_analysed(home):
    make_activity(partnership=Partnership.objects.published().first())

    count = rebuild_index()

    assert _analysed_rows(LIVE) == count


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_analyze_tables_gives_the_planner_a_bulk_load(home):
    partnership = Partnership.objects.published().first()
    Activity.objects.bulk_create(
        Activity(partnership=partnership, slug=f"bulk-{n}", kind="visit", title_de=f"B {n}")
        for n in range(300)
    )
    table = Activity._meta.db_table
    assert _analysed_rows(table) != Activity.objects.count()

    analyze_tables()

    assert _analysed_rows(table) == Activity.objects.count()


def _in_thread(work) -> list:
    """Run `work` on its own database connection (autocommit); returns [result or error]."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as error:  # handed to the test, which asserts on it
            outcome.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=300)
    return outcome


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_rebuild_index_lets_an_editor_save_and_a_visitor_search_meanwhile():
    """The rebuild runs on one connection and commits as it goes (as `citypartners reindex`
    does); while it builds, an editor adds an activity and a visitor searches on another
    connection that gives up on any lock it waits for over 2 s. Both go through, and the
    activity is in the index that is swapped in."""
    title = "Nebenläufige Begegnung Zzyzx"
    during: list = []

    def editor_and_visitor() -> tuple[int, int]:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
        partnership = Partnership.objects.get(slug="berlin-paris")
        activity = make_activity(partnership=partnership, title_de=title, title_en=title)
        with translation.override("de"):
            found = search("Paris").total
        return activity.pk, found

    def note(step: str) -> None:
        if step == "indexes built":
            during.extend(_in_thread(editor_and_visitor))

    def rebuild_and_look() -> tuple[int, list[str]]:
        count = rebuild_index(progress=note)
        with translation.override("de"):
            found = search("Zzyzx")
        group = found.group("activity")
        return count, [hit.url for hit in group.hits] if group else []

    try:
        outcome = _in_thread(rebuild_and_look)
    finally:

        def remove() -> None:
            # what the editor's activity brought (the factory gives it a new source) goes too:
            # these rows were committed, and later tests share the database
            for activity in Activity.objects.filter(title_de=title):
                sources = list(activity.sources.values_list("pk", flat=True))
                activity.delete()
                Source.objects.filter(pk__in=sources).delete()

        _in_thread(remove)

    assert len(during) == 1 and not isinstance(during[0], Exception), during
    activity_pk, found_during = during[0]
    assert found_during > 0
    assert not isinstance(outcome[0], Exception), outcome
    _count, urls = outcome[0]
    assert len(urls) == 1 and "#activity-test-activity-" in urls[0]
    # and the removal, after the swap, reached the new table too
    assert not SearchEntry.objects.filter(kind="activity", object_id=activity_pk).exists()


def test_a_topic_entry_names_its_first_five_published_partnerships_once_each(home):
    from citypartners.partnerships.enums import TopicRole
    from citypartners.partnerships.models import PartnershipTopic
    from citypartners.search.enums import EntryKind
    from citypartners.search.indexing import topic_entries

    topic = Topic.objects.create(slug="water", name_de="Wasser", name_en="Water")
    years = [2009, 1995, 2003, 1988, 2015, 1999, 1992]
    made = [
        make_partnership(home=home, partner=make_city(name_en=f"Town {year}"), since=str(year))
        for year in years
    ]
    hidden = make_partnership(home=home, since="1950", is_published=False)
    for partnership in [*made, hidden]:
        PartnershipTopic.objects.create(partnership=partnership, topic=topic, role=TopicRole.THEME)
    # The oldest published partnership in a second role as well: still named once.
    oldest = made[years.index(1988)]
    PartnershipTopic.objects.create(partnership=oldest, topic=topic, role=TopicRole.FOCUS)

    with translation.override("en"):
        expected = [str(p) for p in sorted(made, key=lambda p: str(p.since))[:5]]
    (entry,) = [e for e in topic_entries({topic.pk}) if e.kind == EntryKind.TOPIC]

    assert entry.context_en.split(", ")[1:] == expected
    assert entry.url_args == [oldest.slug]
    assert str(hidden) not in entry.context_en


MARKER = "Qzxvorherigertabelle"


def _marker_entry() -> None:
    """A live entry that no record builds: the old table has it, a rebuilt one cannot."""
    SearchEntry.objects.create(
        kind="source",
        object_id=2_000_000_000,
        title_de=MARKER,
        title_en=MARKER,
        names=MARKER.lower(),
        folded=MARKER.lower(),
    )


def _marker_found() -> int:
    with translation.override("de"):
        return search(MARKER).total


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_search_during_a_rebuild_answers_from_the_old_table_and_the_swap_is_atomic():
    """While the shadow table fills and is indexed, searches read the old table (they find an
    entry only it has); a reader counting the table over and over on its own connection sees
    the old table whole or the new one whole, never a part, an error or a wait it gives up on."""
    _in_thread(_marker_entry)
    before = _in_thread(SearchEntry.objects.count)[0]
    during: list = []
    counts: list = []
    done = threading.Event()

    def note(step: str) -> None:
        if step in ("shadow table created", "indexes built", "shadow analysed"):
            during.append(_in_thread(_marker_found)[0])

    def read_over_and_over() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '5s'")
        while not done.is_set():
            try:
                counts.append(SearchEntry.objects.count())
            except Exception as error:  # handed to the test, which asserts on it
                counts.append(error)

    reader = threading.Thread(target=lambda: (read_over_and_over(), connections.close_all()))
    reader.start()
    try:
        outcome = _in_thread(lambda: rebuild_index(progress=note))
        after_swap = _in_thread(SearchEntry.objects.count)[0]
        found_after = _in_thread(_marker_found)[0]
    finally:
        done.set()
        reader.join(timeout=60)
        _in_thread(lambda: SearchEntry.objects.filter(title_de=MARKER).delete())

    assert not isinstance(outcome[0], Exception), outcome
    assert during == [1, 1, 1]  # every step before the swap answered from the old table
    assert found_after == 0  # the new table was built from the registry alone
    assert after_swap == before - 1 == outcome[0]
    assert not [count for count in counts if isinstance(count, Exception)], counts[:3]
    assert set(counts) <= {before, after_swap}, sorted(set(counts))
    assert before in counts and after_swap in counts
