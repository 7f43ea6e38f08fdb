"""Without Chromium the browser tests skip, and the run says so at its end (issue 14)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_run_without_chromium_reports_how_many_browser_tests_it_skipped_and_why(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["CITYPARTNERS_CHROMIUM"] = str(tmp_path / "no-chromium")
    tests = [
        "tests/e2e/test_accessibility.py::test_skip_link_moves_focus_to_the_main_content",
        "tests/e2e/test_accessibility.py::test_map_has_a_text_alternative_and_named_links",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", *tests, "-q", "-p", "no:cacheprovider"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"2 browser tests skipped: Chromium is not installed at {tmp_path}" in result.stdout
    assert "apt-get install chromium" in result.stdout.splitlines()[-3]
