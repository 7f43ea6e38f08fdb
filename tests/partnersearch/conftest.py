"""Fixtures of this directory: the loopback SMTP server and fresh rate-limit counters."""

import pytest

from tests.mailserver import mailserver  # noqa: F401 — a fixture


@pytest.fixture(autouse=True, scope="session")
def _static_root():
    """WhiteNoise warns (an error here) when the collected-static directory is missing."""
    from pathlib import Path

    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache; every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
