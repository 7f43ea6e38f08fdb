#!/usr/bin/env python3
"""Save screenshots of every public page type at 320, 768 and 1,280 px into docs/screenshots/.

Why: the README shows what the public site looks like, and a reviewer compares the pictures
after a design change (issue 14 asked for every page type at three widths in both languages).
The script migrates the local SQLite database, loads the Berlin dataset, starts the site on a
free local port, photographs each page with Debian's Chromium through Playwright (never a
downloaded browser) and stops the site again. With ``--base-url`` it photographs a site that
is already running instead.

Usage::

    .venv/bin/python scripts/screenshots.py                        # every page, de and en
    .venv/bin/python scripts/screenshots.py --language en --page home
    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8000 --out /tmp/shots

Files are named ``<page>-<language>-<width>.png``; the README uses the home, partnership,
search and calendar pictures. ``--full-page`` photographs the whole page, not the first screen.
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
WIDTHS = {
    "320": {"width": 320, "height": 640},
    "768": {"width": 768, "height": 1024},
    "1280": {"width": 1280, "height": 900},
}
# name -> (URL name, args, query string, languages)
PAGES: dict[str, tuple[str, list[str], str, tuple[str, ...]]] = {
    "home": ("web:home", [], "", ("de", "en")),
    "partnership": ("web:partnership", ["berlin-mexico-city"], "", ("de", "en")),
    "partnership-kyiv": ("web:partnership", ["berlin-kyiv"], "", ("de", "en")),
    "programme": ("web:partnership", ["germany-mexico-digital-dialogue"], "", ("de", "en")),
    "calendar": ("pages:activities", [], "", ("de", "en")),
    "search": ("web:search", [], "?q=Mexiko", ("de", "en")),
    "sources": ("web:sources", [], "", ("de", "en")),
    "source": ("web:source", ["berlin-mexico-city-de"], "", ("de", "en")),
    "contact": ("web:contact", [], "", ("de", "en")),
    "open-data": ("opendata:page", [], "", ("de", "en")),
    "newsletter": ("newsletter:subscribe", [], "", ("de", "en")),
    "network": ("network:overview", [], "", ("de", "en")),
    "accessibility": ("pages:accessibility", [], "", ("de", "en")),
    "easy-read": ("pages:easy_read", [], "", ("de",)),
}


def _citypartners(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "citypartners", *args], cwd=REPO, check=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _paths(languages: list[str], pages: list[str]) -> list[tuple[str, str, str]]:
    """(page name, language, path) of every picture to take."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citypartners.settings")
    import django

    django.setup()
    from django.urls import reverse
    from django.utils.translation import override

    out = []
    for name in pages:
        url, args, query, page_languages = PAGES[name]
        for language in languages:
            if language in page_languages:
                with override(language):
                    out.append((name, language, reverse(url, args=args) + query))
    return out


def _wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # our own server on 127.0.0.1
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the site did not answer at {url}")


def _photograph(base: str, shots: list[tuple[str, str, str]], options) -> None:
    from playwright.sync_api import sync_playwright

    options.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in options.width:
            context = browser.new_context(viewport=WIDTHS[width], device_scale_factor=1)
            page = context.new_page()
            for name, language, path in shots:
                page.goto(base + path, wait_until="networkidle")
                target = options.out / f"{name}-{language}-{width}.png"
                page.screenshot(path=str(target), full_page=options.full_page)
                print(target)
            context.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=["de", "en"], action="append")
    parser.add_argument("--page", choices=sorted(PAGES), action="append")
    parser.add_argument("--width", choices=sorted(WIDTHS), action="append")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--base-url", help="photograph this running site instead of starting one")
    parser.add_argument("--full-page", action="store_true")
    options = parser.parse_args()
    options.width = options.width or list(WIDTHS)
    shots = _paths(options.language or ["de", "en"], options.page or list(PAGES))

    if options.base_url:
        _photograph(options.base_url.rstrip("/"), shots, options)
        return
    _citypartners("migrate", "--noinput", "-v0")
    _citypartners("loaddataset")
    _citypartners("reindex")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "citypartners", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + shots[0][2])
        _photograph(base, shots, options)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
