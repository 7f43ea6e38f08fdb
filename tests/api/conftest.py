"""The API shares the open-data fixtures: an empty cache and a download directory per test."""

from tests.opendata.conftest import _downloads_in_tmp, _empty_cache  # noqa: F401
