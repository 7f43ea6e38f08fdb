"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

The browser is never downloaded: Playwright launches /usr/bin/chromium (CI installs the
`chromium` package). The live server needs a transactional database, which is emptied after
each test, so every test loads the Berlin dataset itself (a second or two); pytest-django runs
these tests after all others.

Screenshots the journeys take (`shot`) go to pytest's temporary folder, so a test run changes
no tracked file; with CITYPARTNERS_UPDATE_SCREENSHOTS=1 they replace those in docs/screenshots,
which the guides show (docs/testing.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CITYPARTNERS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING = "Chromium is not installed at"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 640}
UPDATE_SCREENSHOTS = "CITYPARTNERS_UPDATE_SCREENSHOTS"
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def screenshot_folder(environ: Mapping[str, str], scratch: Path) -> Path:
    """Where screenshots go: docs/screenshots only when asked (CITYPARTNERS_UPDATE_SCREENSHOTS=1),
    else `scratch`, so that running the tests leaves the tracked images alone."""
    return DOCS_SCREENSHOTS if environ.get(UPDATE_SCREENSHOTS) == "1" else scratch


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    return screenshot_folder(os.environ, tmp_path_factory.mktemp("screenshots"))


@pytest.fixture
def shot(screenshots: Path) -> Callable[[object, str], Path]:
    """`shot(page, name)` keeps a full-page screenshot as `<name>.png` (see `screenshots`)."""

    def take(page, name: str) -> Path:
        screenshots.mkdir(parents=True, exist_ok=True)
        path = screenshots / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        message = f"{MISSING} {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the dataset is loaded from
    # here while it runs, which Django would otherwise refuse as "async unsafe".
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def pytest_terminal_summary(terminalreporter) -> None:
    """Say at the end of the run how many browser tests were skipped and why: without
    Chromium every browser and accessibility test skips, which a green run would hide."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if MISSING in str(r.longrepr)]
    if not skipped:
        return
    terminalreporter.write_sep("=", "browser tests skipped", yellow=True, bold=True)
    terminalreporter.write_line(
        f"{len(skipped)} browser test{'s' if len(skipped) != 1 else ''} skipped: {MISSING} "
        f"{CHROMIUM}. Install Debian's chromium (apt-get install chromium) or set "
        "CITYPARTNERS_CHROMIUM to a Chromium binary, then run them again."
    )


@pytest.fixture
def site(browser, live_server, transactional_db, settings) -> str:
    """The live server's base URL, with the Berlin dataset loaded and search indexed."""
    from django.core.cache import cache

    from citypartners.dataset.loading import load_dataset
    from tests.conftest import DATASET

    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
    load_dataset(DATASET)
    cache.clear()
    return live_server.url


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport=DESKTOP, base_url=site, java_script_enabled=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
