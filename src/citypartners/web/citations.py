"""Numbering the sources a page cites, in the order the page cites them.

Every fact on a public page carries a link to the source it comes from; `Citations` gives each
distinct source one number per page and lists them at the foot of the page.
"""

from __future__ import annotations

from collections.abc import Iterable

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
