"""Running the browser tests leaves docs/screenshots alone unless asked to renew it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import DOCS_SCREENSHOTS, UPDATE_SCREENSHOTS, screenshot_folder


@pytest.mark.parametrize(
    ("environ", "goes_to_docs"),
    [
        ({}, False),
        ({UPDATE_SCREENSHOTS: "0"}, False),
        ({UPDATE_SCREENSHOTS: ""}, False),
        ({UPDATE_SCREENSHOTS: "1"}, True),
    ],
)
def test_screenshots_go_to_docs_only_when_asked(tmp_path: Path, environ, goes_to_docs):
    folder = screenshot_folder(environ, tmp_path)
    assert folder == (DOCS_SCREENSHOTS if goes_to_docs else tmp_path)


def test_docs_screenshots_is_the_folder_the_guides_show():
    assert DOCS_SCREENSHOTS.is_dir()
    assert (DOCS_SCREENSHOTS / "backoffice-review.png").is_file()
