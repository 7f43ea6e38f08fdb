"""Fixtures for the ingest tests: where the source documents live. No database needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from citypartners.ingest.evaluation import seeds_dir

GOLD_DIR = Path(__file__).parent / "gold"


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    """Accept pytest-django's settings from pyproject.toml when run with ``-p no:django``."""
    if not pluginmanager.has_plugin("django"):
        parser.addoption("--reuse-db", action="store_true", help="ignored without pytest-django")
        parser.addini("DJANGO_SETTINGS_MODULE", "ignored without pytest-django")


@pytest.fixture(scope="session")
def seeds() -> Path:
    folder = seeds_dir(Path(__file__))
    if not folder.is_dir():
        pytest.skip(f"source documents not found: {folder} is missing")
    return folder
