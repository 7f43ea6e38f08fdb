"""The API lists' records read as plain values are exactly the records built from model
instances, on the Berlin dataset plus rows that test the fallbacks and the grouping."""

import pytest

from citypartners.network.models import Organisation
from citypartners.opendata import queries, records, value_records
from citypartners.partnerships.models import Partnership, PartnershipTopic, Topic
from tests.factories import make_activity, make_city, make_partnership, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def awkward(home):
    """A partnership with its own name in one language only, a partner without an English
    name, topic links with several sources, activities with several topics and none."""
    partner = make_city(name_en="")
    partnership = make_partnership(home=home, partner=partner, name_de="Dreieck", name_en="")
    topics = list(Topic.objects.order_by("slug")[:3])
    link = PartnershipTopic.objects.create(partnership=partnership, topic=topics[0])
    link.sources.add(make_source(), make_source())
    first = make_activity(partnership=partnership, title_en="", starts="2020-05", ends="2021")
    first.topics.set(reversed(topics))
    first.organisations.set(Organisation.objects.order_by("-slug")[:2])
    first.sources.add(make_source())
    make_activity(partnership=partnership, description_de="Nur Deutsch")
    return partnership


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", [slice(0, 200), slice(3, 9)])
def test_partnership_records_from_values_match_the_model_records(awkward, lang, page):
    rows = queries.partnerships()

    from_values = value_records.partnership_records(rows[page], lang)

    assert from_values == [records.partnership_record(p, lang) for p in rows[page]]
    assert len(from_values) == len(list(rows[page])) > 1
    every = value_records.partnership_records(rows, lang)
    assert any(len(record["topics"][0]["sources"]) > 1 for record in every if record["topics"])
    assert all(record["history"] and record["sources"] for record in every)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", [slice(0, 200), slice(5, 12)])
def test_activity_records_from_values_match_the_model_records(awkward, lang, page):
    rows = queries.activities()

    from_values = value_records.activity_records(rows[page], lang)

    assert from_values == [records.activity_record(a, lang) for a in rows[page]]
    assert len(from_values) > 1
    assert any(len(record["topics"]) > 1 for record in value_records.activity_records(rows, lang))


def test_partnership_records_of_an_empty_page_are_empty(awkward):
    assert value_records.partnership_records(Partnership.objects.none(), "de") == []
