"""A sign-up does the same work for a known and an unknown address, and simultaneous sign-ups
of one new address give one row and no error (issue 13).

The timing test is the one timed test of the suite, because the promise itself is about time
(docs/bad-inputs.md): known and unknown sign-ups are interleaved, so a change in the machine's
load touches both alike, and it asserts that their medians over 60 tries each are within 15 %
of each other. Before the fix the known path did a third of the work and took 5.1 ms against
13.5 ms (a gap of 62 %). The two-sample Kolmogorov-Smirnov distance is computed and reported
with a failure, not asserted: the two paths still differ in one row inserted against one row
updated (both are one upsert of the same shape), which a KS test over many tries on a quiet
machine can see, while it does not show in the medians (bench/signup_timing.py prints both).
"""

from __future__ import annotations

import math
import threading
import time

import pytest
from django.db import close_old_connections, connection
from django.test import Client

from citypartners.newsletter import services
from citypartners.newsletter.enums import ConsentEvent, SubscriberStatus
from citypartners.newsletter.models import ConsentRecord, ConsentText, Subscriber
from tests.newsletter.helpers import make_subscriber, signup_form, signup_url

TRIES = 60
WARM_UP = 5
# c(alpha) of the two-sample Kolmogorov-Smirnov test for alpha = 0.001.
KS_C_ALPHA = 1.949


def ks_statistic(first: list[float], second: list[float]) -> float:
    """The largest distance between the two samples' empirical distribution functions."""
    values = sorted(set(first) | set(second))
    a, b = sorted(first), sorted(second)
    distance, i, j = 0.0, 0, 0
    for value in values:
        while i < len(a) and a[i] <= value:
            i += 1
        while j < len(b) and b[j] <= value:
            j += 1
        distance = max(distance, abs(i / len(a) - j / len(b)))
    return distance


def test_ks_statistic_tells_shifted_samples_apart_and_equal_ones_not():
    base = [float(n % 17) for n in range(60)]
    critical = KS_C_ALPHA * math.sqrt(2 / 60)
    assert ks_statistic(base, list(reversed(base))) == 0
    assert ks_statistic(base, [value + 8 for value in base]) > critical


@pytest.mark.django_db
def test_signup_timing_does_not_tell_a_known_address_from_an_unknown_one(settings):
    settings.CITYPARTNERS_RATE_LIMIT_PER_CLIENT = 10_000
    settings.CITYPARTNERS_RATE_LIMIT_PER_EMAIL = 10_000
    make_subscriber(email="known@example.org", language="en")
    client = Client()
    url = signup_url()
    known: list[float] = []
    unknown: list[float] = []
    for attempt in range(WARM_UP + TRIES):
        for address, times in (
            ("known@example.org", known),
            (f"unknown{attempt}@example.org", unknown),
        ):
            start = time.perf_counter()
            response = client.post(url, signup_form(address))
            elapsed = time.perf_counter() - start
            assert response.status_code == 302
            if attempt >= WARM_UP:
                times.append(elapsed)
    critical = KS_C_ALPHA * math.sqrt((len(known) + len(unknown)) / (len(known) * len(unknown)))
    distance = ks_statistic(known, unknown)
    medians = (sorted(known)[len(known) // 2] * 1000, sorted(unknown)[len(unknown) // 2] * 1000)
    # Before both did the same work the unknown address took 2.6 times as long (5.1 against
    # 13.5 ms). What is left is inserting a new row against updating the existing one, both by
    # the same upsert: the assertion is on the size of the gap between the medians.
    gap = abs(medians[0] - medians[1]) / max(medians)
    assert gap < 0.15, (
        f"known and unknown sign-ups differ by {gap:.0%}: medians {medians[0]:.1f} ms and "
        f"{medians[1]:.1f} ms (KS distance {distance:.2f}, 0.001-level critical {critical:.2f})"
    )


@pytest.mark.django_db
def test_signup_of_a_confirmed_address_records_the_request_and_keeps_its_settings():
    subscriber = make_subscriber(email="kept@example.org", language="de")
    services.subscribe(
        email="kept@example.org",
        language="en",
        consent_text=ConsentText.objects.current(),
    )
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.language == "de"
    assert ConsentRecord.objects.filter(
        subscriber=subscriber, event=ConsentEvent.REQUESTED
    ).exists()


@pytest.mark.django_db(transaction=True)
def test_simultaneous_signups_of_one_new_address_give_one_row_and_no_error(settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers: run with CITYPARTNERS_TEST_DATABASE_URL")
    settings.CITYPARTNERS_RATE_LIMIT_PER_EMAIL = 100
    if not ConsentText.objects.exists():  # another transactional test emptied the database
        ConsentText.objects.create(version=1, text="Consent", text_de="Zustimmung", text_en="Yes")
    url = signup_url()
    form = signup_form("race@example.org")
    start = threading.Barrier(6)
    answers: list[int] = []

    def sign_up() -> None:
        try:
            start.wait()
            answers.append(Client().post(url, form).status_code)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=sign_up) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [302] * 6
    assert Subscriber.objects.filter(email="race@example.org").count() == 1
