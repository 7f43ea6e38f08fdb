"""A partnership page's and a calendar page's activities read as plain rows (`partnerships.activity_rows`) say what the
model instances say: titles and descriptions with the other language as fallback, the kind's
label, dates and timing, topics and organisations in the models' order, the cited sources; and
the page writes them as it wrote the instances."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import translation

from citypartners.activities.enums import Timing
from citypartners.activities.models import Activity
from citypartners.network.enums import OrganisationKind
from citypartners.network.models import Organisation
from citypartners.pages.calendar_items import calendar_items
from citypartners.pages.structured_data import events_graph, partnership_graph
from citypartners.partnerships.activity_rows import activity_rows, calendar_rows
from citypartners.partnerships.models import Partnership, Topic
from citypartners.web.activity_list import render_activity_list
from citypartners.web.citations import Citations
from tests.factories import make_activity, make_partnership, make_source

pytestmark = pytest.mark.django_db
TODAY = dt.date(2030, 6, 1)


@pytest.fixture
def partnership(home) -> Partnership:
    partnership = make_partnership(home=home)
    topics = [
        Topic.objects.create(slug="zz-sport", name_de="Sport", name_en="Sports"),
        Topic.objects.create(slug="aa-kultur", name_de="Kultur", name_en=""),
    ]
    organisations = [
        Organisation.objects.create(
            slug="zz-verein", name_de="Verein", name_en="Club", kind=OrganisationKind.COMPANY
        ),
        Organisation.objects.create(
            slug="aa-theatre", name_de="", name_en="Theatre", kind=OrganisationKind.COMPANY
        ),
    ]
    shared = make_source()
    first = make_activity(
        partnership=partnership,
        starts="2031-05-02",
        title_en="",
        description_de="Ein Abend mit **Musik**.",
    )
    first.topics.add(*topics)
    first.organisations.add(*organisations)
    first.sources.add(shared)
    second = make_activity(partnership=partnership, starts="2019", ends="2020", kind="conference")
    second.sources.add(shared)
    second.topics.add(topics[0])
    make_activity(partnership=partnership, starts="", title_de="")  # undated
    make_activity(partnership=partnership, starts="2029-12", ends="2031")  # current
    return partnership


def _both(partnership: Partnership) -> tuple[list, list[Activity]]:
    chosen = Activity.objects.filter(partnership=partnership).chronological()
    rows = activity_rows(chosen, partnership)
    instances = list(chosen.prefetch_related("topics", "organisations", "sources"))
    return rows, instances


@pytest.mark.parametrize("language", ["de", "en"])
def test_rows_say_what_the_instances_say(partnership, language):
    with translation.override(language):
        rows, instances = _both(partnership)
        assert len(rows) == len(instances) == 4
        for row, instance in zip(rows, instances, strict=True):
            assert (row.pk, row.slug, row.title, row.description) == (
                instance.pk,
                instance.slug,
                instance.title,
                instance.description,
            )
            assert row.get_kind_display() == instance.get_kind_display()
            assert row.dates == instance.dates
            assert row.timing(TODAY) == instance.timing(TODAY)
            assert [t.name for t in row.topics.all()] == [t.name for t in instance.topics.all()]
            assert [(o.name, o.name_language) for o in row.organisations.all()] == [
                (o.name, o.name_language) for o in instance.organisations.all()
            ]
            assert sorted(s.pk for s in row.sources.all()) == sorted(
                s.pk for s in instance.sources.all()
            )
            assert row.partnership is partnership


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_page_writes_rows_as_it_wrote_instances(partnership, language):
    request = RequestFactory().get("/")
    with translation.override(language):
        rows, instances = _both(partnership)
        from_rows, from_instances = Citations(), Citations()
        assert render_activity_list(rows, from_rows) == render_activity_list(
            instances, from_instances
        )
        assert from_rows.numbered() == from_instances.numbered()
        assert partnership_graph(
            partnership, request=request, activities=rows
        ) == partnership_graph(partnership, request=request, activities=instances)


def test_a_source_cited_twice_is_one_object(partnership):
    rows, _ = _both(partnership)
    cited = [source for row in rows for source in row.sources.all()]
    by_pk: dict[int, object] = {}
    for source in cited:
        assert by_pk.setdefault(source.pk, source) is source
    assert len(by_pk) < len(cited)


@pytest.mark.parametrize("language", ["de", "en"])
def test_calendar_rows_are_written_as_instances_were(partnership, home, language):
    named = make_partnership(home=home, name_de="Städtebund", name_en="")
    make_activity(partnership=named, starts="2018", description_en="A long text " * 80)
    chosen = Activity.objects.filter(partnership__in=[partnership, named]).order_by("-pk")
    pks = list(chosen.values_list("pk", flat=True))
    request = RequestFactory().get("/")
    with translation.override(language):
        rows = calendar_rows(pks)
        instances = list(
            chosen.select_related("partnership__home", "partnership__partner").prefetch_related(
                "topics"
            )
        )
        assert [row.pk for row in rows] == pks
        for activity in (*rows, *instances):
            activity.timing_now = activity.timing(TODAY)
            activity.timing_label = Timing(activity.timing_now).label
        assert [str(row.partnership) for row in rows] == [str(a.partnership) for a in instances]
        assert "Städtebund" in {str(row.partnership) for row in rows}
        assert calendar_items(rows, "past") == calendar_items(instances, "past")
        assert events_graph(rows, request=request) == events_graph(instances, request=request)
