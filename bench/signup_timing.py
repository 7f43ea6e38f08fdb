"""Sign-up timing for a known (confirmed) and an unknown address, as an attacker would measure it.

Issue 13 measured 25 ms for a known and 52 ms for an unknown address, and a threshold that told
them apart 93 % of the time. This prints, for interleaved tries through Django's test client on
a throwaway SQLite database (or DATABASE_URL when set), the medians, the spread, the
Kolmogorov-Smirnov distance and the best threshold's accuracy (50 % = a coin toss).

    .venv/bin/python bench/signup_timing.py [TRIES]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

TRIES = int(sys.argv[1]) if len(sys.argv) > 1 else 100


def best_threshold_accuracy(known: list[float], unknown: list[float]) -> float:
    """The share of tries a single cut-off classifies right, at the best cut-off."""
    labelled = sorted([(t, 0) for t in known] + [(t, 1) for t in unknown])
    total = len(labelled)
    best = 0.5
    below_known = below_unknown = 0
    for _time, label in labelled:
        below_known += label == 0
        below_unknown += label == 1
        right = below_known + (len(unknown) - below_unknown)  # below: known, above: unknown
        best = max(best, right / total, (total - right) / total)
    return best


def main() -> None:
    os.environ.setdefault("CITYPARTNERS_VAR_DIR", tempfile.mkdtemp(prefix="cp-signup-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citypartners.settings")
    os.environ["CITYPARTNERS_RATE_LIMIT_PER_CLIENT"] = "1000000"
    os.environ["CITYPARTNERS_RATE_LIMIT_PER_EMAIL"] = "1000000"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone, translation
    from tests.newsletter.test_signup_equal_work import ks_statistic

    from citypartners.newsletter.enums import SubscriberStatus
    from citypartners.newsletter.models import ConsentText, Subscriber

    call_command("migrate", verbosity=0)
    consent = ConsentText.objects.current()
    now = timezone.now()
    Subscriber.objects.get_or_create(
        email="known@example.org",
        defaults={
            "language": "en",
            "consent_text": consent,
            "requested_at": now,
            "confirmed_at": now,
            "status": SubscriberStatus.CONFIRMED,
        },
    )
    with translation.override("en"):
        url = reverse("newsletter:subscribe")
    client = Client()
    known: list[float] = []
    unknown: list[float] = []
    stamp = int(time.time())
    for attempt in range(TRIES + 10):
        for address, times in (
            ("known@example.org", known),
            (f"unknown{stamp}-{attempt}@example.org", unknown),
        ):
            form = {
                "email": address,
                "language": "en",
                "consent": "on",
                "consent_version": str(consent.version),
            }
            started = time.perf_counter()
            response = client.post(url, form)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 302, response.status_code
            if attempt >= 10:
                times.append(elapsed)
    for name, times in (("known", known), ("unknown", unknown)):
        q1, median, q3 = statistics.quantiles(times, n=4)
        print(f"{name:8} median {median:6.1f} ms  IQR {q3 - q1:5.1f} ms  ({len(times)} tries)")
    print(f"KS distance {ks_statistic(known, unknown):.2f} (0 = same distribution, 1 = apart)")
    print(f"best threshold tells them apart {best_threshold_accuracy(known, unknown):.0%} of tries")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
