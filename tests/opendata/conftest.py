"""Open-data responses are cached under the registry version, which a rolled-back test can
reach again with other data: every test starts with an empty cache (and rate-limit counters).

WhiteNoise warns (an error here) when STATIC_ROOT does not exist as the test client builds the
middleware chain, so the directory is made first.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _downloads_in_tmp(settings, tmp_path):
    """Download files of one test never meet another's (a rolled-back registry version can
    come back with other data)."""
    settings.CITYPARTNERS_DOWNLOADS_DIR = tmp_path / "downloads"


@pytest.fixture(autouse=True)
def _empty_cache():
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    cache.clear()
    yield
    cache.clear()
