"""The activity lists that are written out in Python (partnership page, calendar): every text
an editor typed is escaped, and each activity shows its kind, dates, topics, organisations and
sources as the templates did."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from citypartners.network.enums import OrganisationKind
from citypartners.network.models import Organisation
from citypartners.partnerships.models import Topic
from tests.factories import make_activity, make_partnership

pytestmark = pytest.mark.django_db
TITLE = 'Fest <script>alert("x")</script> & Tanz'
ESCAPED = "Fest &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Tanz"


@pytest.fixture
def activity(home):
    partnership = make_partnership(home=home)
    activity = make_activity(
        partnership=partnership,
        starts="2031-05-02",
        title_de=TITLE,
        title_en=TITLE,
        description_de="Ein <b>Abend</b> mit Musik.",
    )
    activity.topics.add(Topic.objects.create(slug="musik", name_de="Musik & <Tanz>"))
    activity.organisations.add(
        Organisation.objects.create(
            slug="chor", name='Chor "<Eintracht>"', kind=OrganisationKind.COMPANY
        )
    )
    return activity


def test_the_partnership_page_escapes_and_shows_each_part_of_an_activity(client, activity):
    with translation.override("de"):
        url = reverse("web:partnership", args=[activity.partnership.slug])
    html = client.get(url).content.decode()

    assert TITLE not in html and ESCAPED in html
    assert f'id="activity-{activity.slug}"' in html
    assert "– Besuch, 2. Mai 2031" in html
    assert "Themen: Musik &amp; &lt;Tanz&gt;" in html
    assert "Chor &quot;&lt;Eintracht&gt;&quot;</span>" in html
    assert "<b>Abend</b>" in html  # the description is sanitised prose, not escaped text
    source = activity.sources.get()
    assert f'href="{reverse("web:source", args=[source.key])}" class="cp-cite"' in html


def test_the_calendar_escapes_and_links_each_part_of_an_activity(client, activity):
    with translation.override("de"):
        url = reverse("pages:activities")
        partnership_url = reverse("web:partnership", args=[activity.partnership.slug])
    html = client.get(url).content.decode()

    assert TITLE not in html and ESCAPED in html
    assert '<time class="cp-timeline__date" datetime="2031-05-02">' in html
    assert f'href="{partnership_url}#activity-{activity.slug}"' in html
    assert "cp-timeline__item--upcoming" in html
    assert f'href="{url}?topic=musik">Musik &amp; &lt;Tanz&gt;</a>' in html
