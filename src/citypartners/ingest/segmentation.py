"""Stage 1 of extraction: cut the decoded text into the units later stages reason about.

Offices state partnerships in lines (a table row flattened to "Paris | 1987"), list items
("- Lyon (seit 1961)"), headings ("Städtepartnerschaft seit 15. Oktober 1960" above the text)
and sentences. Every unit is a span into the text, never a copy, so evidence stays exact; and
each unit knows its line, so a rule can look at the line above without rescanning the text.
Everything here is one pass over the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from citypartners.ingest.sentences import Span, split_sentences

BULLET = re.compile(r"^\s*(?:[-–•*·▪►◦]|\d{1,2}[.)])\s+")
# a short line without a sentence end, not a list item: a heading or a table caption
_HEADING_MAX = 90


@dataclass(frozen=True, slots=True)
class Line:
    """``text[start:end]`` is line ``number``; ``bullet_end`` is where a list item's body starts."""

    number: int
    start: int
    end: int
    bullet_end: int | None = None

    @property
    def is_item(self) -> bool:
        return self.bullet_end is not None


@dataclass
class Segments:
    """The lines and sentences of one text, with lookups by offset."""

    text: str
    lines: list[Line]
    sentences: list[Span]
    _line_starts: list[int]

    def line_at(self, offset: int) -> Line:
        return self.lines[bisect.bisect_right(self._line_starts, offset) - 1]

    def line_text(self, line: Line) -> str:
        return self.text[line.start : line.end]

    def is_heading(self, line: Line) -> bool:
        """A short, non-empty line that is no list item and ends without a full stop."""
        body = self.line_text(line).strip()
        return (
            bool(body)
            and not line.is_item
            and len(body) <= _HEADING_MAX
            and not body.endswith((".", ",", ";"))
        )

    def lines_above(self, number: int, limit: int):
        """Non-empty lines above line ``number``, nearest first, at most ``limit`` lines back."""
        for above in range(number - 1, max(-1, number - 1 - limit), -1):
            line = self.lines[above]
            if self.text[line.start : line.end].strip():
                yield line


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` (the newline excluded), with the body start of list items."""
    lines: list[Line] = []
    position = 0
    for number, body in enumerate(text.split("\n")):
        bullet = BULLET.match(body)
        lines.append(
            Line(
                number,
                position,
                position + len(body),
                position + bullet.end() if bullet else None,
            )
        )
        position += len(body) + 1
    return lines


def segment(text: str) -> Segments:
    """Lines, list items and sentences of ``text``."""
    lines = split_lines(text)
    return Segments(text, lines, split_sentences(text), [line.start for line in lines])
