"""Requests through the whole WSGI stack: the page cache's front, then Django.

Django's test client starts below the WSGI entry point, so it never meets the front; these
tests call the application as gunicorn does. Like the test client, they keep the request
signals from closing the test's database connection (each test runs in a transaction).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from citypartners.pagecache.front import PageCacheApp


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        values = [value for key, value in self.headers if key.lower() == name.lower()]
        return values[0] if values else None

    def cookies(self) -> list[str]:
        return [value for key, value in self.headers if key.lower() == "set-cookie"]

    @property
    def text(self) -> str:
        return self.body.decode()


class Browser:
    """Calls the WSGI application with the environ a server would pass."""

    def __init__(self, app) -> None:
        self.app = app

    def request(
        self,
        path: str,
        *,
        method: str = "GET",
        query: str = "",
        headers: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
        remote: str = "127.0.0.1",
    ) -> Answer:
        data = urlencode(form or {}).encode()
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": remote,
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(data),
            "wsgi.errors": io.StringIO(),
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        if form is not None:
            environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
            environ["CONTENT_LENGTH"] = str(len(data))
        for name, value in (headers or {}).items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        started: list = []

        def start_response(status, response_headers, exc_info=None):
            started.append((int(status.split()[0]), list(response_headers)))

        chunks = self.app(environ, start_response)
        try:
            body = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        status, response_headers = started[0]
        return Answer(status, response_headers, body)


@pytest.fixture
def browser(db, settings):
    settings.CITYPARTNERS_PAGE_CACHE_SECONDS = 600
    settings.CITYPARTNERS_PAGE_CACHE_VERSION_SECONDS = 0  # see test_front for the window
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    cache.clear()
    try:
        yield Browser(PageCacheApp(WSGIHandler()))
    finally:
        cache.clear()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
