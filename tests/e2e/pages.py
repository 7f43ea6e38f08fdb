"""Every public page type, by URL name and arguments, for the browser tests."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import override

# (name, args, query, languages)
PAGE_TYPES: list[tuple[str, tuple, str, tuple[str, ...]]] = [
    ("web:home", (), "", ("de", "en")),
    ("web:partnership", ("berlin-mexico-city",), "", ("de", "en")),
    ("web:partnership", ("germany-mexico-digital-dialogue",), "", ("de", "en")),
    ("web:partnership", ("berlin-kyiv",), "", ("de", "en")),
    ("pages:activities", (), "", ("de", "en")),
    ("pages:activities", (), "?topic=digital-policy&when=past", ("de", "en")),
    ("web:search", (), "?q=Mexiko", ("de", "en")),
    ("web:search", (), "?q=Pekign", ("de", "en")),
    ("web:search", (), "?q=qqqxxx", ("de", "en")),
    ("web:search", (), "", ("de", "en")),
    ("web:sources", (), "", ("de", "en")),
    ("web:source", ("berlin-mexico-city-de",), "", ("de", "en")),
    ("web:source", ("dw-2023-09-14-berlin-kyiv",), "", ("de", "en")),
    ("web:partnership", ("berlin-moscow",), "", ("de", "en")),
    ("web:partnership", ("berlin-paris",), "", ("de", "en")),
    ("opendata:page", (), "", ("de", "en")),
    ("newsletter:subscribe", (), "", ("de", "en")),
    ("network:overview", (), "", ("de", "en")),
    ("web:contact", (), "", ("de", "en")),
    ("web:imprint", (), "", ("de", "en")),
    ("web:privacy", (), "", ("de", "en")),
    ("pages:accessibility", (), "", ("de", "en")),
    ("pages:report_barrier", (), "", ("de", "en")),
    ("pages:barrier_thanks", (), "", ("de", "en")),
    ("pages:easy_read", (), "", ("de",)),
    ("pages:sign_language", (), "", ("de", "en")),
    ("homes:boroughs", (), "", ("de", "en")),
    ("homes:borough", ("charlottenburg-wilmersdorf",), "", ("de", "en")),
    ("homes:borough", ("steglitz-zehlendorf",), "", ("de", "en")),
]


def public_urls() -> list[str]:
    urls = []
    for name, args, query, languages in PAGE_TYPES:
        for language in languages:
            with override(language):
                urls.append(reverse(name, args=args) + query)
    return urls
