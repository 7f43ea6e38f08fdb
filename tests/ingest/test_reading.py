"""Reading bytes into text: encodings, HTML chrome, PDF, and clear errors for bad input."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citypartners.ingest.reading import DocumentError, read_document

GERMAN = "Partnerstädte: Kiew, Brüssel und Mexiko-Stadt – seit 1993.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (GERMAN.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + GERMAN.encode("utf-8"), "utf-8"),
        (GERMAN.encode("utf-16"), "utf-16"),
        (GERMAN.encode("utf-16-be"), None),
        ((GERMAN * 5).encode("cp1252"), None),
    ],
)
def test_read_document_decodes_common_encodings(data: bytes, encoding: str | None) -> None:
    document = read_document(data, path="page.txt")
    assert "Partnerstädte: Kiew, Brüssel und Mexiko-Stadt – seit 1993." in document.text
    assert "\ufeff" not in document.text
    if encoding:
        assert document.encoding.replace("_", "-").startswith(encoding)


def test_read_document_normalises_line_endings() -> None:
    document = read_document(b"Erste Zeile\r\nZweite Zeile\r\n", path="a.txt")
    assert document.text == "Erste Zeile\nZweite Zeile\n"
    assert document.title == "Erste Zeile"


HTML = """<!DOCTYPE html><html><head><title>Partnerstädte</title><script>var x="Paris";</script>
<style>p{color:red}</style></head><body>
<a class="skip" href="#main">Direkt zum Inhalt springen</a>
<header><nav><ul><li><a href="/wien">Wien</a></li><li>Startseite</li></ul></nav></header>
<div class="language-switch">English</div>
<main id="main"><h1>Unsere Partnerstädte</h1><p>Die Stadt pflegt Partnerschaften.</p>
<table><tr><th>Stadt</th><th>seit</th></tr><tr><td>Lyon</td><td>1981</td></tr></table>
<ul><li>Bologna</li><li>Krakau</li></ul>
<p>Kaputtes <b>HTML <i>ohne Ende</p>
</main><footer>Impressum Rathaus 2024</footer></body></html>"""


def test_read_document_strips_html_chrome_and_keeps_table_cells_apart() -> None:
    document = read_document(HTML.encode("utf-8"), path="page.html")
    assert document.kind == "html"
    assert document.title == "Partnerstädte"
    lines = document.text.splitlines()
    assert "Lyon | 1981" in lines
    assert "- Bologna" in lines and "- Krakau" in lines
    for chrome in (
        "Direkt zum Inhalt",
        "Wien",
        "Startseite",
        "English",
        "Impressum",
        "Paris",
        "color",
    ):
        assert chrome not in document.text
    assert "Kaputtes HTML ohne Ende" in document.text


def test_read_document_reads_broken_html() -> None:
    document = read_document(b"<html><body><p>Partnerstadt <b>Rom<p>seit 1961", path="x.html")
    assert "Partnerstadt Rom" in document.text
    assert "seit 1961" in document.text


def _pdf_with_text(text: str | None) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=400, height=200)
    if text is not None:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_read_document_reads_pdf_text_layer() -> None:
    document = read_document(_pdf_with_text("Partner city Kyoto since 1994"), path="a.pdf")
    assert document.kind == "pdf"
    assert "Partner city Kyoto since 1994" in document.text


@pytest.mark.parametrize(
    ("data", "path", "problem"),
    [
        (b"", "empty.txt", "empty"),
        (b"   \n\t ", "blank.txt", "empty"),
        (bytes(range(256)) * 4, "image.png", "binary"),
        (b"\x00\x01\x02\x03PK\x03\x04" * 100, "archive.zip", "binary"),
        (b"%PDF-1.4 broken", "broken.pdf", "PDF"),
        (b"x" * 2048, "big.txt", "over the limit"),
    ],
)
def test_read_document_rejects_bad_input_naming_file_and_problem(
    data: bytes, path: str, problem: str
) -> None:
    with pytest.raises(DocumentError) as error:
        read_document(data, path=path, max_bytes=1024)
    assert path in str(error.value)
    assert problem in str(error.value)


def test_read_document_rejects_pdf_without_text_layer() -> None:
    with pytest.raises(DocumentError, match="no text layer"):
        read_document(_pdf_with_text(None), path="scan.pdf")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_read_document_never_crashes_on_arbitrary_bytes(data: bytes) -> None:
    try:
        document = read_document(data, path="fuzz.bin")
    except DocumentError:
        return
    assert isinstance(document.text, str)
