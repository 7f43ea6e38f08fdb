"""Sending an edition: each recipient once, in their language, with their sections and list headers."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django_tasks_db.models import DBTaskResult

from citypartners.jobs.worker import run_due_tasks
from citypartners.newsletter import services
from citypartners.newsletter.enums import (
    ConsentChannel,
    ConsentEvent,
    DeliveryStatus,
    EditionStatus,
    SubscriberStatus,
)
from citypartners.newsletter.models import Delivery, Subscriber
from citypartners.newsletter.queries import progress_of
from citypartners.partnerships.models import Partnership, Topic
from tests.newsletter.helpers import make_edition, make_subscriber

pytestmark = pytest.mark.django_db


def _sections():
    mexico = Partnership.objects.get(slug="berlin-mexico-city")
    paris = Partnership.objects.get(slug="berlin-paris")
    return (
        mexico,
        paris,
        [
            {
                "title_de": "Für alle",
                "title_en": "For everyone",
                "body_de": "Allgemein.",
                "body_en": "General.",
            },
            {
                "title_de": "Mexiko",
                "title_en": "Mexico",
                "body_de": "Nachrichten aus Mexiko.",
                "body_en": "News from Mexico.",
                "partnership": mexico,
            },
            {
                "title_de": "Paris",
                "title_en": "Paris",
                "body_de": "Nachrichten aus Paris.",
                "body_en": "News from Paris.",
                "partnership": paris,
            },
        ],
    )


def test_each_recipient_gets_one_mail_in_their_language_with_their_sections(mailserver):
    mexico, paris, sections = _sections()
    de_reader = make_subscriber(email="de@example.org", language="de", partnerships=[mexico])
    en_reader = make_subscriber(email="en@example.org", language="en", partnerships=[paris])
    everything = make_subscriber(email="all@example.org", language="en")
    make_subscriber(email="gone@example.org", status=SubscriberStatus.UNSUBSCRIBED)
    edition = make_edition(sections=sections)

    assert services.send_edition(edition=edition) == 3
    run_due_tasks()

    assert sorted(m.to for m in mailserver.messages) == [
        "all@example.org",
        "de@example.org",
        "en@example.org",
    ]
    [de_mail] = mailserver.to(de_reader.email)
    assert de_mail.message["Subject"] == "Neues aus den Partnerschaften"
    assert "Nachrichten aus Mexiko." in de_mail.text and "Paris" not in de_mail.text
    assert "Nachrichten aus Mexiko." in de_mail.html
    [en_mail] = mailserver.to(en_reader.email)
    assert en_mail.message["Subject"] == "News from the partnerships"
    assert "News from Paris." in en_mail.text and "Mexico" not in en_mail.text
    [all_mail] = mailserver.to(everything.email)
    assert "News from Paris." in all_mail.text and "News from Mexico." in all_mail.text
    edition.refresh_from_db()
    assert edition.status == EditionStatus.SENT
    assert progress_of(edition).sent == 3 and progress_of(edition).remaining == 0


def test_edition_mail_carries_list_headers_and_working_one_click_unsubscribe(client, mailserver):
    reader = make_subscriber(email="reader@example.org", language="en")
    services.send_edition(edition=make_edition())
    run_due_tasks()
    [mail] = mailserver.messages
    assert mail.message["List-Id"] == "<newsletter.127.0.0.1>"
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = str(mail.message["List-Unsubscribe"]).strip()
    assert header.startswith("<http://127.0.0.1:8000/en/newsletter/unsubscribe/")
    url = header.strip("<>").split(">")[0]
    assert url in mail.text
    assert url in mail.html
    # RFC 8058: a POST with this body, no cookie, no CSRF token, no login
    one_click = client.__class__(enforce_csrf_checks=True)
    response = one_click.post(urlsplit(url).path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You will not receive the newsletter any more." in response.content.decode()
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.UNSUBSCRIBED
    record = reader.consent_records.get(event=ConsentEvent.UNSUBSCRIBED)
    assert record.channel == ConsentChannel.ONE_CLICK


def test_unsubscribe_page_asks_first_and_twice_changes_nothing(client, mailserver):
    reader = make_subscriber(email="page@example.org", language="de")
    services.send_edition(edition=make_edition())
    run_due_tasks()
    url = str(mailserver.messages[0].message["List-Unsubscribe"]).strip().strip("<>")
    path = urlsplit(url).path
    page = client.get(path).content.decode()
    assert 'method="post"' in page
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.CONFIRMED
    client.post(path)
    records = reader.consent_records.count()
    again = client.post(path)
    assert again.status_code == 200
    assert reader.consent_records.count() == records
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.UNSUBSCRIBED
    assert reader.consent_records.filter(event=ConsentEvent.UNSUBSCRIBED).count() == 1


def test_preferences_link_changes_language_and_interests(client, mailserver):
    reader = make_subscriber(email="prefs@example.org", language="de")
    services.send_edition(edition=make_edition())
    run_due_tasks()
    [link] = [
        u
        for u in mailserver.messages[0].links()
        if u not in str(mailserver.messages[0].message["List-Unsubscribe"])
    ]
    path = urlsplit(link).path
    form = client.get(path).content.decode()
    assert "prefs@example.org" in form
    topic = Topic.objects.order_by("slug").first()
    saved = client.post(path, {"language": "en", "topics": [topic.pk]})
    assert saved.status_code == 200
    reader.refresh_from_db()
    assert reader.language == "en"
    assert list(reader.topics.all()) == [topic]
    change = reader.consent_records.get(event=ConsentEvent.CHANGED)
    assert change.interests == {"partnerships": [], "topics": [topic.slug]}


def test_temporary_smtp_failure_is_retried_and_sent_once(mailserver, settings):
    settings.CITYPARTNERS_TASK_RETRY_SECONDS = 0
    make_subscriber(email="retry@example.org")
    edition = make_edition()
    mailserver.refuse = ["451 4.3.0 try again later"]
    services.send_edition(edition=edition)
    run_due_tasks()
    assert [m.to for m in mailserver.messages] == ["retry@example.org"]
    delivery = Delivery.objects.get(edition=edition)
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 2
    tasks = DBTaskResult.objects.filter(task_path="citypartners.newsletter.tasks.send_deliveries")
    assert sorted(t.args_kwargs["kwargs"].get("attempt", 1) for t in tasks) == [1, 2]


def test_permanent_smtp_failure_marks_the_delivery_failed_without_retry(mailserver, settings):
    settings.CITYPARTNERS_TASK_RETRY_SECONDS = 0
    make_subscriber(email="bounce@example.org")
    make_subscriber(email="fine@example.org")
    edition = make_edition()
    mailserver.refuse = ["550 5.1.1 no such user"]
    services.send_edition(edition=edition)
    run_due_tasks()
    progress = progress_of(edition)
    assert (progress.sent, progress.failed, progress.remaining) == (1, 1, 0)
    failed = Delivery.objects.get(edition=edition, status=DeliveryStatus.FAILED)
    assert failed.last_error.startswith("550")
    edition.refresh_from_db()
    assert edition.status == EditionStatus.SENT


def test_sending_twice_is_refused_and_a_sent_delivery_is_never_repeated(mailserver):
    make_subscriber(email="once@example.org")
    edition = make_edition()
    services.send_edition(edition=edition)
    run_due_tasks()
    with pytest.raises(services.EditionNotDraft):
        services.send_edition(edition=edition)
    # a replayed task (as after a worker was killed) sends nothing again
    task = DBTaskResult.objects.get(task_path="citypartners.newsletter.tasks.send_deliveries")
    services.send_deliveries(
        edition_id=edition.pk, delivery_ids=task.args_kwargs["kwargs"]["deliveries"]
    )
    assert [m.to for m in mailserver.messages] == ["once@example.org"]


def test_unsubscribed_while_queued_is_skipped(mailserver):
    reader = make_subscriber(email="late@example.org")
    edition = make_edition()
    services.send_edition(edition=edition)
    services.unsubscribe(subscriber=reader, channel=ConsentChannel.UNSUBSCRIBE_PAGE)
    run_due_tasks()
    assert mailserver.messages == []
    assert Delivery.objects.get(edition=edition).status == DeliveryStatus.SKIPPED


def test_send_test_sends_both_languages_to_the_editor(mailserver):
    edition = make_edition()
    assert services.send_test(edition=edition, email="editor@example.org") == ["de", "en"]
    subjects = [m.message["Subject"] for m in mailserver.messages]
    assert subjects == ["[TEST] Neues aus den Partnerschaften", "[TEST] News from the partnerships"]
    assert Subscriber.objects.filter(email="editor@example.org").count() == 0
