"""The public network: who is active where, contacts only with consent, writing to a contact
without seeing their address, and proposals from the form to an unpublished activity."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from citypartners.activities.models import Activity
from citypartners.core.dates import PartialDate
from citypartners.jobs.worker import run_due_tasks
from citypartners.network import services
from citypartners.network.enums import ProposalStatus
from citypartners.network.models import ContactMessage, ContactPerson, Organisation, Proposal
from citypartners.partnerships.models import Partnership, PartnershipOrganisation, Topic

pytestmark = pytest.mark.django_db
_n = itertools.count(1)


def _url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def make_organisation(*, partnership=None, topics=(), **fields) -> Organisation:
    n = next(_n)
    values = {
        "slug": f"test-org-{n}",
        "name_de": f"Verein {n}",
        "name_en": f"Society {n}",
        "kind": "civil_society",
    }
    values.update(fields)
    organisation = Organisation(**values)
    organisation.full_clean()
    organisation.save()
    organisation.topics.set(topics)
    if partnership is not None:
        PartnershipOrganisation.objects.create(
            partnership=partnership,
            organisation=organisation,
            role_en="runs exchanges",
            role_de="organisiert Austausche",
            role="organisiert Austausche",
        )
    return organisation


def make_contact(
    *,
    organisation,
    consent=True,
    email="hidden.person@example.org",
    partnerships=(),
    topics=(),
    **fields,
) -> ContactPerson:
    contact = ContactPerson(
        name=fields.pop("name", f"Person {next(_n)}"),
        organisation=organisation,
        email=email,
        has_consent=consent,
        consent_recorded_at=timezone.now() if consent else None,
        **fields,
    )
    contact.full_clean()
    contact.save()
    contact.partnerships.set(partnerships)
    contact.topics.set(topics)
    return contact


@pytest.fixture
def mexico():
    return Partnership.objects.get(slug="berlin-mexico-city")


def test_network_page_lists_organisations_and_consenting_contacts_only(client, mexico):
    topic = Topic.objects.order_by("slug").first()
    organisation = make_organisation(partnership=mexico, name_en="Youth Orchestra Society")
    make_contact(
        organisation=organisation, name="Listed Person", partnerships=[mexico], topics=[topic]
    )
    make_contact(
        organisation=organisation, name="Secret Person", consent=False, partnerships=[mexico]
    )
    html = client.get(_url("network:overview")).content.decode()
    assert "Youth Orchestra Society" in html
    assert "Listed Person" in html
    assert topic.name_en in html
    assert "Secret Person" not in html
    assert "hidden.person@example.org" not in html
    per_partnership = client.get(_url("network:partnership", slug=mexico.slug)).content.decode()
    assert "Youth Orchestra Society" in per_partnership and "Secret Person" not in per_partnership


def test_organisation_without_consenting_contacts_shows_only_the_organisation(client, mexico):
    organisation = make_organisation(partnership=mexico, name_en="Quiet Institute")
    make_contact(organisation=organisation, name="Unlisted Person", consent=False)
    html = client.get(_url("network:partnership", slug=mexico.slug)).content.decode()
    assert "Quiet Institute" in html
    assert "Unlisted Person" not in html


def test_network_filters_by_topic_and_city(client, mexico):
    paris = Partnership.objects.get(slug="berlin-paris")
    topics = list(Topic.objects.order_by("slug")[:2])
    make_organisation(partnership=mexico, topics=[topics[0]], name_en="Mexico Topic One")
    make_organisation(partnership=paris, topics=[topics[1]], name_en="Paris Topic Two")
    by_topic = client.get(_url("network:overview"), {"topic": topics[0].slug}).content.decode()
    assert "Mexico Topic One" in by_topic and "Paris Topic Two" not in by_topic
    by_city = client.get(_url("network:overview"), {"city": paris.partner.slug}).content.decode()
    assert "Paris Topic Two" in by_city and "Mexico Topic One" not in by_city


# topics, cities, the organisation ids, organisations + their topics, roles, contacts with
# their topics and partnerships, activities with topics: the same whatever the number
# …plus the registry version the page cache stamps the page with (from Redis in production).
NETWORK_QUERIES = 11


@pytest.mark.parametrize("count", [1, 12])
def test_network_page_query_count_is_constant(client, django_assert_num_queries, mexico, count):
    topic = Topic.objects.order_by("slug").first()
    shipped = len(Organisation.objects.filter(partnership_roles__isnull=False).distinct())
    for _ in range(count):
        organisation = make_organisation(partnership=mexico, topics=[topic])
        make_contact(organisation=organisation, partnerships=[mexico], topics=[topic])
    with django_assert_num_queries(NETWORK_QUERIES):
        html = client.get(_url("network:overview")).content.decode()
    assert html.count('class="kern-card"') == shipped + count


def test_network_query_count_is_the_same_for_few_and_many(client, mexico):
    from django.test.utils import CaptureQueriesContext

    topic = Topic.objects.order_by("slug").first()
    counts = []
    for batch in (1, 10):
        for _ in range(batch):
            organisation = make_organisation(partnership=mexico, topics=[topic])
            make_contact(organisation=organisation, partnerships=[mexico], topics=[topic])
        with CaptureQueriesContext(connection) as captured:
            client.get(_url("network:overview"))
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_contact_form_mails_the_contact_without_revealing_the_address(client, mexico, mailserver):
    organisation = make_organisation(partnership=mexico)
    contact = make_contact(organisation=organisation, name="Dana", partnerships=[mexico])
    page = client.get(_url("network:contact", pk=contact.pk)).content.decode()
    assert "hidden.person@example.org" not in page
    response = client.post(
        _url("network:contact", pk=contact.pk),
        {
            "sender_name": "Sam",
            "sender_email": "sam@example.org",
            "subject": "Concert",
            "message": "Shall we play together?",
        },
    )
    assert response["Location"] == _url("network:contact_sent", pk=contact.pk)
    assert "hidden.person@example.org" not in client.get(response["Location"]).content.decode()
    run_due_tasks()
    [mail] = mailserver.messages
    assert mail.to == "hidden.person@example.org"
    assert mail.message["Reply-To"] == "sam@example.org"
    assert mail.message["Subject"] == "Message via the city partnerships website: Concert"
    assert "Shall we play together?" in mail.text
    assert not ContactMessage.objects.exists()  # no copy kept once sent


def test_contact_without_consent_cannot_be_written_to(client, mexico):
    contact = make_contact(organisation=make_organisation(partnership=mexico), consent=False)
    response = client.get(_url("network:contact", pk=contact.pk))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("subject", "Hi\r\nBcc: all@example.org"),
        ("sender_name", "Sam\nBcc: all@example.org"),
        ("sender_email", "sam@example.org\nBcc: all@example.org"),
        ("message", "x" * 5001),
        ("subject", "s" * 151),
    ],
)
def test_contact_form_refuses_injection_and_oversized_fields(client, mexico, field, value):
    contact = make_contact(organisation=make_organisation(partnership=mexico))
    data = {
        "sender_name": "Sam",
        "sender_email": "sam@example.org",
        "subject": "Hi",
        "message": "Hello",
    }
    data[field] = value
    response = client.post(_url("network:contact", pk=contact.pk), data)
    assert response.status_code == 400
    assert "Please check your entries" in response.content.decode()
    assert not ContactMessage.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_contact_form_honeypot_and_rate_limit(client, mexico, settings):
    settings.CITYPARTNERS_RATE_LIMIT_PER_CLIENT = 1
    contact = make_contact(organisation=make_organisation(partnership=mexico))
    data = {
        "sender_name": "Bot",
        "sender_email": "bot@example.org",
        "subject": "Hi",
        "message": "Buy",
        "website": "http://spam.example",
    }
    trapped = client.post(_url("network:contact", pk=contact.pk), data)
    assert trapped.status_code == 302
    assert not ContactMessage.objects.exists()
    blocked = client.post(_url("network:contact", pk=contact.pk), data)
    assert blocked.status_code == 429
    assert "Please wait a little" in blocked.content.decode()


def _proposal_form(mexico, **extra):
    data = {
        "partnership": mexico.slug,
        "title": "Student band tour",
        "description": "Ten concerts in both cities.",
        "starts": "Mai 2027",
        "ends": "",
        "topics": [Topic.objects.order_by("slug").first().pk],
        "organisation_name": "Music School Kreuzberg",
        "contact_name": "Alex",
        "contact_email": "alex@example.org",
        "consent": "on",
    }
    data.update(extra)
    return data


def test_proposal_goes_from_form_to_review_to_unpublished_activity(
    client, editor_client, mexico, mailserver
):
    response = client.post(_url("network:propose", "de"), _proposal_form(mexico))
    assert response["Location"] == _url("network:propose_thanks", "de")
    proposal = Proposal.objects.get(title="Student band tour")
    assert proposal.starts == PartialDate(2027, 5)
    assert proposal.status == ProposalStatus.SUBMITTED
    queue = editor_client.get(reverse("admin:network_proposal_changelist")).content.decode()
    assert "Student band tour" in queue
    editor_client.post(
        reverse("admin:network_proposal_changelist"),
        {"action": "accept_selected", "_selected_action": [proposal.pk]},
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    activity = proposal.activity
    assert activity.is_published is False
    assert activity.partnership == mexico
    assert (activity.starts_on.isoformat(), activity.ends_on.isoformat()) == (
        "2027-05-01",
        "2027-05-31",
    )
    assert activity.title_de == "Student band tour"
    assert list(activity.topics.all()) == list(proposal.topics.all())
    assert not Activity.objects.published().filter(pk=activity.pk).exists()
    run_due_tasks()
    [mail] = mailserver.messages
    assert mail.to == "alex@example.org"
    assert str(mail.message["Subject"]).strip() == "Ihr Vorschlag „Student band tour“: angenommen"


def test_declined_proposal_tells_the_proposer_with_the_note(mexico, mailserver, editor):
    proposal = services.submit_proposal(
        title="Too late",
        description="x",
        starts=PartialDate(),
        ends=PartialDate(),
        partnership=mexico,
        topics=[],
        organisation_name="Org",
        contact_name="Kim",
        contact_email="kim@example.org",
        language="en",
    )
    services.reject_proposal(proposal=proposal, by=editor, note="The programme for 2027 is full.")
    with pytest.raises(services.AlreadyDecided):
        services.accept_proposal(proposal=proposal, by=editor)
    run_due_tasks()
    [mail] = mailserver.messages
    assert mail.message["Subject"] == 'Your proposal "Too late": not taken up'
    assert "The programme for 2027 is full." in mail.text
    assert not Activity.objects.filter(title_en="Too late").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("starts", "31.2.2027", "Enter a date such as"),
        ("ends", "2026", "The end cannot be before the start."),
        ("title", "A\nB", "Please write this on one line."),
        ("contact_email", "nobody", "Enter a valid email address."),
        ("description", "d" * 5001, "at most 5000 characters"),
        ("partnership", "no-such-partnership", "Select a valid choice."),
        ("consent", "", "This field is required."),
    ],
)
def test_proposal_form_bad_input_is_explained_and_nothing_stored(
    client, mexico, field, value, message
):
    response = client.post(_url("network:propose"), _proposal_form(mexico, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Proposal.objects.exists()


def test_undeliverable_messages_are_not_kept_for_ever(mexico):
    import datetime as dt

    contact = make_contact(organisation=make_organisation(partnership=mexico))
    old, fresh = (
        services.write_to_contact(
            contact=contact,
            sender_name=name,
            sender_email=f"{name}@example.org",
            subject="Hi",
            message="Hello",
            language="en",
        )
        for name in ("sam", "kim")
    )
    fortnight_ago = timezone.now() - dt.timedelta(days=15)
    ContactMessage.objects.filter(pk=old.pk).update(created_at=fortnight_ago)
    assert services.purge_undelivered_messages() == 1
    assert list(ContactMessage.objects.values_list("pk", flat=True)) == [fresh.pk]


@pytest.mark.parametrize(
    ("language", "network_path"),
    [("de", "/de/netzwerk/berlin-mexico-city/"), ("en", "/en/network/berlin-mexico-city/")],
)
def test_partnership_page_links_to_its_network_and_the_proposal_form(
    client, mexico, language, network_path
):
    with translation.override(language):
        page = reverse("web:partnership", kwargs={"slug": mexico.slug})
    html = client.get(page).content.decode()
    assert f'href="{network_path}"' in html
    assert f"?partnership={mexico.slug}" in html
    form = client.get(_url("network:propose", language), {"partnership": mexico.slug})
    assert f'<option value="{mexico.slug}" selected>' in form.content.decode()
