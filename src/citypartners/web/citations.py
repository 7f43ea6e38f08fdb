"""Numbering the sources a page cites, in the order the page cites them.

Every fact on a public page carries a link to the source it comes from; `Citations` gives each
distinct source one number per page and lists them at the foot of the page.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from citypartners.sources.models import Source


class Citations:
    def __init__(self) -> None:
        self._numbers: dict[int, int] = {}
        self.sources: list[Source] = []

    def cite(self, sources: Iterable[Source]) -> list[tuple[int, Source]]:
        cited = []
        for source in sorted(sources, key=lambda s: s.key):
            if source.pk not in self._numbers:
                self.sources.append(source)
                self._numbers[source.pk] = len(self.sources)
            cited.append((self._numbers[source.pk], source))
        return sorted(cited, key=lambda pair: pair[0])

    def numbered(self) -> list[tuple[int, Source]]:
        return list(enumerate(self.sources, start=1))

    def markup(self, sources: Iterable[Source]) -> str:
        """Superscript links, numbered as in the page's list of sources ([1][3]), each to the
        source's own page, which links to the original; "" when nothing is cited."""
        items = self.cite(sources)
        if not items:
            return ""
        word = escape(gettext("Source"))
        prefix, suffix = reverse("web:source", args=["-"]).rsplit("-", 1)
        links = "".join(
            f'<a href="{escape(prefix + source.key + suffix)}" class="cp-cite"'
            f' aria-label="{word} {number}: {escape(source.title)}">[{number}]</a>'
            for number, source in items
        )
        return f'<sup class="cp-cites">{links}</sup>'
