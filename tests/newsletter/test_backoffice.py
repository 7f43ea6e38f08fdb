"""The newsletter in the back office: both languages, preview, test mail, send, progress,
subscriber export and erasure: editions as an editor of the editors group, subscribers'
addresses only with the newsletter role or as an administrator, every export in the audit log."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from citypartners.jobs.worker import run_due_tasks
from citypartners.newsletter.enums import EditionStatus
from citypartners.newsletter.models import ConsentRecord, Edition, Subscriber
from tests.newsletter.helpers import make_edition, make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsletter_client(client, editor):
    """An editor who also sends the newsletter (the newsletter role)."""
    from django.contrib.auth.models import Group

    from citypartners.backoffice.roles import NEWSLETTER

    editor.groups.add(Group.objects.get(name=NEWSLETTER))
    client.force_login(editor)
    return client


def test_editor_without_newsletter_role_cannot_see_or_export_addresses(editor_client):
    subscriber = make_subscriber(email="hidden@example.org")
    changelist = reverse("admin:newsletter_subscriber_changelist")
    assert editor_client.get(changelist).status_code == 403
    change = reverse("admin:newsletter_subscriber_change", args=[subscriber.pk])
    assert editor_client.get(change).status_code == 403
    exported = editor_client.post(
        changelist, {"action": "export_json", "_selected_action": [subscriber.pk]}
    )
    assert exported.status_code == 403
    assert b"hidden@example.org" not in exported.content


def test_administrator_sees_subscribers(client, administrator):
    make_subscriber(email="seen@example.org")
    client.force_login(administrator)
    listing = client.get(reverse("admin:newsletter_subscriber_changelist"))
    assert listing.status_code == 200 and "seen@example.org" in listing.content.decode()


def test_editor_writes_an_edition_in_both_languages_side_by_side(editor_client):
    add = editor_client.get(reverse("admin:newsletter_edition_add")).content.decode()
    for name in ("subject_de", "subject_en", "body_de", "body_en"):
        assert f'name="{name}"' in add
    assert "sections-__prefix__-title_en" in add
    response = editor_client.post(
        reverse("admin:newsletter_edition_add"),
        {
            "subject_de": "Frühjahr",
            "subject_en": "Spring",
            "body_de": "Hallo",
            "body_en": "Hello",
            "sections-TOTAL_FORMS": "0",
            "sections-INITIAL_FORMS": "0",
            "sections-MIN_NUM_FORMS": "0",
            "sections-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    edition = Edition.objects.get(subject_de="Frühjahr")
    assert (edition.subject_en, edition.status) == ("Spring", EditionStatus.DRAFT)


def test_edition_subject_with_a_line_break_is_refused(editor_client):
    response = editor_client.post(
        reverse("admin:newsletter_edition_add"),
        {
            "subject_de": "Hallo\r\nBcc: alle@example.org",
            "subject_en": "Hello",
            "sections-TOTAL_FORMS": "0",
            "sections-INITIAL_FORMS": "0",
            "sections-MIN_NUM_FORMS": "0",
            "sections-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert not Edition.objects.filter(subject_en="Hello").exists()


def test_preview_shows_both_languages(editor_client):
    edition = make_edition()
    html = editor_client.get(
        reverse("admin:newsletter_edition_preview", args=[edition.pk])
    ).content.decode()
    assert "Neues aus den Partnerschaften" in html
    assert "News from the partnerships" in html
    assert "srcdoc=" in html and "sandbox" in html


def test_send_test_to_myself_then_send_and_see_progress(editor_client, editor, mailserver):
    make_subscriber(email="a@example.org", language="de")
    make_subscriber(email="b@example.org", language="en")
    edition = make_edition()
    test_url = reverse("admin:newsletter_edition_test", args=[edition.pk])
    assert "editor@example.org" in editor_client.get(test_url).content.decode()
    editor_client.post(test_url)
    assert [m.to for m in mailserver.messages] == [editor.email, editor.email]

    send_url = reverse("admin:newsletter_edition_send", args=[edition.pk])
    confirm = editor_client.get(send_url).content.decode()
    assert "Diese Ausgabe geht an 2 bestätigte Abonnements" in confirm
    editor_client.post(send_url)
    edition.refresh_from_db()
    assert edition.status == EditionStatus.SENDING
    listing = editor_client.get(reverse("admin:newsletter_edition_changelist")).content.decode()
    assert "0 / 0 / 2" in listing
    run_due_tasks()
    listing = editor_client.get(reverse("admin:newsletter_edition_changelist")).content.decode()
    assert "2 / 0 / 0" in listing
    assert sorted(m.to for m in mailserver.messages[2:]) == ["a@example.org", "b@example.org"]
    # a sent edition cannot be edited or sent again
    again = editor_client.post(send_url)
    assert again.status_code == 403


def test_export_and_erase_a_subscriber(newsletter_client, editor):
    from citypartners.backoffice.models import AuditEvent

    editor_client = newsletter_client
    subscriber = make_subscriber(email="me@example.org")
    ConsentRecord.objects.create(
        subscriber=subscriber, event="requested", channel="web_form", at=subscriber.requested_at
    )
    changelist = reverse("admin:newsletter_subscriber_changelist")
    exported = editor_client.post(
        changelist, {"action": "export_json", "_selected_action": [subscriber.pk]}
    )
    assert exported["Content-Type"] == "application/json"
    [data] = json.loads(exported.content)
    assert data["email"] == "me@example.org"
    assert data["consent_log"][0]["event"] == "requested"
    logged = AuditEvent.objects.get(kind="subscribers_export")
    assert logged.user == editor and logged.detail == f"1 subscriber(s), ids {subscriber.pk}"

    ask = editor_client.post(
        changelist, {"action": "erase_selected", "_selected_action": [subscriber.pk]}
    )
    assert "kann nicht rückgängig gemacht werden" in ask.content.decode()
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
    editor_client.post(
        changelist,
        {"action": "erase_selected", "_selected_action": [subscriber.pk], "confirm": "yes"},
    )
    assert not Subscriber.objects.filter(email="me@example.org").exists()
    assert not ConsentRecord.objects.filter(subscriber_id=subscriber.pk).exists()


def test_subscribers_cannot_be_added_by_hand(newsletter_client):
    response = newsletter_client.get(reverse("admin:newsletter_subscriber_add"))
    assert response.status_code == 403


@pytest.mark.parametrize("count", [1, 15])
def test_edition_list_query_count_is_constant(editor_client, django_assert_num_queries, count):
    from citypartners.newsletter import services

    reader = make_subscriber(email="q@example.org")
    for _ in range(count):
        services.send_edition(edition=make_edition())
    assert reader.deliveries.count() == count
    url = reverse("admin:newsletter_edition_changelist")
    editor_client.get(url)
    with django_assert_num_queries(EDITION_LIST_QUERIES):
        html = editor_client.get(url).content.decode()
    assert html.count("0 / 0 / 1") == count


# session, user, groups and permissions, counts (filtered and total), the page, and the
# account's scope (two-factor rule, national groups, memberships, one query per level of homes
# below Berlin: its boroughs, and none below them): constant
EDITION_LIST_QUERIES = 12


@pytest.mark.parametrize("count", [1, 15])
def test_subscriber_list_query_count_is_constant(
    newsletter_client, django_assert_num_queries, count
):
    editor_client = newsletter_client
    for _ in range(count):
        make_subscriber()
    url = reverse("admin:newsletter_subscriber_changelist")
    editor_client.get(url)
    with django_assert_num_queries(SUBSCRIBER_LIST_QUERIES):
        html = editor_client.get(url).content.decode()
    assert html.count("@example.org") >= count


# … plus the account's scope, read once (two-factor rule, national groups, memberships, homes below)
SUBSCRIBER_LIST_QUERIES = 12
