"""Reviewing ingested claims as a person reads them: sentences, evidence in its paragraph, the
registry's value in words, one-click decisions, accepting all that confirm in one step."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from citypartners.ingest.services import ingest_document
from citypartners.sources.enums import ReviewStatus
from citypartners.sources.models import Claim
from tests.conftest import REPO

NOTE = REPO / "tests" / "e2e" / "data" / "berlin-note.txt"


@pytest.fixture
def note(db):
    return ingest_document(data=NOTE.read_bytes(), path=str(NOTE)).source


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.mark.parametrize(
    ("language", "sentences", "registry"),
    [
        (
            "en",
            ["Berlin – Paris, partners since 2 July 1987", "Berlin – Prague, partners since 1995"],
            ["The registry holds Berlin – Paris: active, partners since 2 July 1987.",
             "The registry has no partnership with Lyon."],
        ),
        (
            "de",
            ["Berlin – Paris, Partnerstädte seit 2. Juli 1987",
             "Berlin – Prag, Partnerstädte seit 1995"],
            ["Das Register führt Berlin – Paris:", "Das Register hat keine Partnerschaft mit Lyon."],
        ),
    ],
)  # fmt: skip
def test_each_claim_reads_as_a_sentence_beside_the_registry_in_words(
    reviewer_client, note, language, sentences, registry
):
    url = reverse("admin:sources_claim_review_source", args=[note.pk])
    html = reviewer_client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for text in sentences + registry:
        assert text in html, text
    assert "<mark>Berlin and Paris have been partner cities since 2 July 1987.</mark>" in html
    # the paragraph around the evidence is shown, not the evidence alone
    assert "The partnership with Prague was signed in 1995." in html
    assert "partner:" not in html and "{&#x27;" not in html and "{'" not in html
    assert html.count('aria-keyshortcuts="A"') == 4


def test_the_claims_list_names_each_claim_in_words(reviewer_client, note):
    url = reverse("admin:sources_claim_changelist") + f"?source__id__exact={note.pk}"
    html = reviewer_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Berlin – Paris, partners since 2 July 1987" in html
    assert "partner:" not in html


def test_one_click_accepts_and_returns_to_the_document(reviewer_client, note):
    paris = note.claims.get(value__city="Paris")
    page = reverse("admin:sources_claim_review_source", args=[note.pk])
    response = reviewer_client.post(
        reverse("admin:sources_claim_review", args=[paris.pk]),
        {"decision": "accept", "next": page},
    )
    assert response.status_code == 302 and response["Location"] == page
    paris.refresh_from_db()
    assert paris.review_status == ReviewStatus.ACCEPTED


def test_a_redirect_elsewhere_is_not_followed(reviewer_client, note):
    paris = note.claims.get(value__city="Paris")
    response = reviewer_client.post(
        reverse("admin:sources_claim_review", args=[paris.pk]),
        {"decision": "accept", "next": "https://example.org/"},
    )
    assert response["Location"] == reverse("admin:sources_claim_review_source", args=[note.pk])


def test_accept_all_that_confirm_the_registry_in_one_step(reviewer_client, note):
    response = reviewer_client.post(
        reverse("admin:sources_claim_accept_confirming", args=[note.pk])
    )
    assert response.status_code == 302
    decided = dict(note.claims.values_list("value__city", "review_status"))
    assert decided["Paris"] == ReviewStatus.ACCEPTED
    assert decided["Prague"] == ReviewStatus.ACCEPTED
    assert decided["Lyon"] == ReviewStatus.PENDING  # new, not a confirmation
    event = note.claims.get(property="event")
    assert event.review_status == ReviewStatus.PENDING


def test_editors_see_claims_but_cannot_decide(client, editor, note):
    client.force_login(editor)
    html = client.get(reverse("admin:sources_claim_review_source", args=[note.pk])).content
    assert "Berlin – Paris" in html.decode() or "Berlin – Paris" in html.decode("utf-8")
    assert b'value="accept"' not in html
    forbidden = client.post(reverse("admin:sources_claim_accept_confirming", args=[note.pk]))
    assert forbidden.status_code == 403
    assert not Claim.objects.filter(source=note, review_status=ReviewStatus.ACCEPTED).exists()


def test_review_page_reads_in_constant_queries(reviewer_client, note, seeds_dir):
    url = reverse("admin:sources_claim_review_source", args=[note.pk])
    with CaptureQueriesContext(connection) as few:
        reviewer_client.get(url)
    path = seeds_dir / "001_e16d67338cf7bcad.txt"
    many = ingest_document(data=path.read_bytes(), path=str(path)).source
    assert many.claims.count() > 3 * note.claims.count()
    with CaptureQueriesContext(connection) as lots:
        reviewer_client.get(reverse("admin:sources_claim_review_source", args=[many.pk]))
    # more claims never cost more queries (the seed states no partnership event, so the page
    # may skip the events' query: at most as many, not exactly as many)
    assert len(lots) <= len(few)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["The sources give different numbers of partners", "A partner missing from a list"]),
        (
            "de",
            [
                "Die Quellen nennen unterschiedlich viele Partner",
                "Ein Partner fehlt in einer Liste",
            ],
        ),
    ],
)
def test_the_disagreements_page_speaks_in_words(reviewer_client, seeds_dir, language, words):
    for name in ("001_e16d67338cf7bcad.txt", "002_55aa6afd43241059.txt"):
        path = seeds_dir / name
        ingest_document(data=path.read_bytes(), path=str(path))
    html = reviewer_client.get(
        reverse("admin:sources_claim_disagreements"), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    for text in words:
        assert text in html
    for code in ("counts-differ", "partner-missing", "count-vs-list", "dates-differ"):
        assert code not in html
