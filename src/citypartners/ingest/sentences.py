"""Split decoded text into sentence spans without losing offsets.

Evidence must point at the exact characters that state a fact, so sentences are spans
(start, end) into the text, never copies. Lines are hard boundaries (tables and lists are
one item a line); inside a line a full stop ends a sentence unless it closes an ordinal
("1. September") or a common abbreviation ("Str.", "z.B.", "Sept."). A stored page's leading
date line (" date 2024-04-12", often glued to the first sentence) is a sentence of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citypartners.ingest.wordlists import word_set

_ABBREVIATIONS = word_set(
    """z.b bzw ca nr str st dr prof u.a d.h sept sep jan feb mär apr aug okt oct nov dez dec
    mr mrs ms vgl etc inkl ggf jh abs tel no dt engl bspw evtl sog gem u.ä usw mio mrd e.v
    e.g i.e vs approx dept jr sr"""
)
_END = re.compile(r"[.!?]+[\"”“'’»)]*(?=\s+[\"„“'»(]?[A-ZÄÖÜ0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_WORD_REACH = 64
# a stored copy's date line at the very start of a text (" date 2024-04-12 A delegation …"):
# the page's date, never part of the first sentence, which it would otherwise hide as metadata
_DATE_LINE = re.compile(r"^\s*date\s+\d{4}(?:-\d{2}){0,2}(?=\s|$)")


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence (or line) of the text: ``text[start:end]``."""

    start: int
    end: int
    line: int

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]


def split_sentences(text: str) -> list[Span]:
    """Sentence spans in reading order, whitespace trimmed, empty ones dropped."""
    spans: list[Span] = []
    position = 0
    for line_number, line in enumerate(text.split("\n")):
        start = 0
        date_line = _DATE_LINE.match(line) if not spans else None
        if date_line is not None:
            _add(spans, position, line, 0, date_line.end(), line_number)
            start = date_line.end()
        for match in _END.finditer(line):
            # the word before the stop, searched in a short window: from the line's start the
            # search would try every position of a long line for every stop (quadratic)
            before = _WORD_BEFORE.search(line, max(0, match.start() - _WORD_REACH), match.start())
            word = before.group(1).lower() if before else ""
            if match.group(0).startswith(".") and (
                (word.isdigit() and len(word) <= 2)
                or word.rstrip(".") in _ABBREVIATIONS
                or (len(word) == 1 and word.isalpha())
            ):
                continue
            _add(spans, position, line, start, match.end(), line_number)
            start = match.end()
        _add(spans, position, line, start, len(line), line_number)
        position += len(line) + 1
    return spans


def _add(spans: list[Span], offset: int, line: str, start: int, end: int, number: int) -> None:
    piece = line[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    spans.append(Span(offset + start + lead, offset + start + lead + len(stripped), number))
