"""Segmentation: lines, list items, headings and sentences as exact spans of the text."""

from __future__ import annotations

from citypartners.ingest.segmentation import segment, split_lines

TEXT = (
    "Unsere Partnerstädte\n"
    "\n"
    "- Lyon (seit 1961)\n"
    "2. Krakau, Polen (1993)\n"
    "Die Stadt pflegt seit dem 1. September 1993 eine Partnerschaft. Sie ist lebendig.\n"
)


def test_split_lines_keeps_offsets_and_marks_list_items() -> None:
    lines = split_lines(TEXT)
    assert [TEXT[line.start : line.end] for line in lines[:4]] == [
        "Unsere Partnerstädte",
        "",
        "- Lyon (seit 1961)",
        "2. Krakau, Polen (1993)",
    ]
    assert [line.is_item for line in lines[:5]] == [False, False, True, True, False]
    assert TEXT[lines[2].bullet_end : lines[2].end] == "Lyon (seit 1961)"
    assert TEXT[lines[3].bullet_end : lines[3].end] == "Krakau, Polen (1993)"


def test_segment_finds_headings_but_not_items_or_sentences() -> None:
    segments = segment(TEXT)
    headings = [segments.line_text(line) for line in segments.lines if segments.is_heading(line)]
    assert headings == ["Unsere Partnerstädte"]


def test_segment_sentences_do_not_end_at_an_ordinal_day() -> None:
    segments = segment(TEXT)
    bodies = [sentence.text_of(TEXT) for sentence in segments.sentences]
    assert "Die Stadt pflegt seit dem 1. September 1993 eine Partnerschaft." in bodies
    assert "Sie ist lebendig." in bodies


def test_segment_line_at_and_lines_above() -> None:
    segments = segment(TEXT)
    offset = TEXT.index("Krakau")
    line = segments.line_at(offset)
    assert line.number == 3
    above = [segments.line_text(item) for item in segments.lines_above(line.number, 5)]
    assert above == ["- Lyon (seit 1961)", "Unsere Partnerstädte"]


def test_a_leading_date_line_is_a_sentence_of_its_own() -> None:
    text = " date 2024-04-12 A delegation will fly to Karvel. It stays a week."
    spans = [span.text_of(text) for span in segment(text).sentences]
    assert spans == ["date 2024-04-12", "A delegation will fly to Karvel.", "It stays a week."]
    # only at the start of a text: a later line that begins so is prose
    later = "Karvel.\ndate 2024 was set for the visit."
    assert [s.text_of(later) for s in segment(later).sentences][-1] == later.split("\n")[1]
