#!/usr/bin/env python3
"""Save screenshots of the key public pages at desktop and phone width into docs/screenshots/.

Why: the README shows what the public site looks like, and a reviewer can compare the pictures
after a design change. The script migrates the local SQLite database, loads the Berlin dataset,
starts the site on a free local port, photographs each page with Debian's Chromium through
Playwright (never a downloaded browser) and stops the site again.

Usage::

    .venv/bin/python scripts/screenshots.py                 # German pages
    .venv/bin/python scripts/screenshots.py --language en   # English pages
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
CHROMIUM = os.environ.get("CITYPARTNERS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {"desktop": {"width": 1280, "height": 960}, "phone": {"width": 375, "height": 812}}
# name -> (URL name, args, query string)
PAGES = {
    "home": ("web:home", [], ""),
    "partnership": ("web:partnership", ["berlin-mexico-city"], ""),
    "search": ("web:search", [], "?q=Mexiko"),
    "calendar": ("pages:activities", [], ""),
}


def _citypartners(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "citypartners", *args], cwd=REPO, check=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _paths(language: str) -> dict[str, str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citypartners.settings")
    import django

    django.setup()
    from django.urls import reverse
    from django.utils.translation import override

    with override(language):
        return {name: reverse(url, args=args) + query for name, (url, args, query) in PAGES.items()}


def _wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # our own server on 127.0.0.1
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the site did not answer at {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=["de", "en"], default="de")
    parser.add_argument("--out", type=Path, default=OUT)
    options = parser.parse_args()

    _citypartners("migrate", "--noinput", "-v0")
    _citypartners("loaddataset")
    _citypartners("reindex")
    paths = _paths(options.language)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "citypartners", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + paths["home"])
        from playwright.sync_api import sync_playwright

        options.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for width_name, viewport in WIDTHS.items():
                context = browser.new_context(viewport=viewport, device_scale_factor=1)
                page = context.new_page()
                for name, path in paths.items():
                    page.goto(base + path, wait_until="networkidle")
                    target = options.out / f"{name}-{width_name}.png"
                    page.screenshot(path=str(target))
                    print(target.relative_to(REPO))
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
