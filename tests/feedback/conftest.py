"""Fixtures of this directory: the loopback SMTP server."""

from tests.mailserver import mailserver  # noqa: F401 — a fixture
