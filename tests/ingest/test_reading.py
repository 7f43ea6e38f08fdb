"""Reading bytes into text: encodings, HTML chrome, PDF, and clear errors for bad input."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.pdfs import many_page_pdf

from citypartners.ingest.reading import Budget, DocumentError, read_document, time_budget

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


# --- every encoding a municipal page uses ----------------------------------------------------

TEXTS = {
    "de": (
        "Städtepartnerschaften der Gemeinde Musterhausen\n"
        "Seit dem 12. Mai 1987 pflegt Musterhausen eine Partnerschaft mit Évreux in Frankreich.\n"
        "Größere Begegnungen: Schüleraustausch, Chöre und Sportvereine; Zuschuss 500 € im Jahr.\n"
    ),
    "ru": (
        "Города-побратимы Новгорода\n"
        "С 1992 года Новгород дружит с городом Билефельд (Германия). Обмен делегациями, "
        "школьные поездки и совместные выставки проходят каждый год.\n"
    ),
    "zh": (
        "友好城市名单\n"
        "北京市与柏林市于1994年4月5日缔结友好城市关系。两市在文化、教育和经济领域开展了广泛合作。\n"
    ),
    "ja": (
        "姉妹都市のご案内\n"
        "京都市は1994年にケルン市と姉妹都市提携を結びました。文化交流や青少年の相互訪問を続けています。\n"
    ),
}


@pytest.mark.parametrize(
    ("language", "encoding", "bom"),
    [
        ("de", "utf-8", b""),
        ("de", "utf-8", b"\xef\xbb\xbf"),
        ("de", "utf-16-le", b""),
        ("de", "utf-16-le", b"\xff\xfe"),
        ("de", "utf-16-be", b""),
        ("de", "utf-16-be", b"\xfe\xff"),
        ("de", "utf-32-le", b""),
        ("de", "utf-32-le", b"\xff\xfe\x00\x00"),
        ("de", "utf-32-be", b""),
        ("de", "utf-32-be", b"\x00\x00\xfe\xff"),
        ("de", "cp1252", b""),
        ("de", "iso-8859-1", b""),
        ("de", "iso-8859-15", b""),
        ("ru", "koi8-r", b""),
        ("ru", "utf-16-le", b""),
        ("ru", "utf-32-be", b"\x00\x00\xfe\xff"),
        ("zh", "gb18030", b""),
        ("zh", "utf-16-le", b""),
        ("ja", "shift_jis", b""),
        ("ja", "utf-8", b""),
    ],
)
def test_read_document_reads_every_encoding_of_municipal_pages(
    language: str, encoding: str, bom: bytes
) -> None:
    text = TEXTS[language]
    if encoding == "iso-8859-1":
        text = text.replace("€", "EUR")  # Latin-1 has no euro sign
    document = read_document(bom + text.encode(encoding), path="page.txt")
    assert document.text == text


def test_read_document_drops_stray_nul_bytes() -> None:
    data = TEXTS["de"].encode("utf-8").replace(b"Musterhausen eine", b"Musterhausen\x00 eine")
    document = read_document(data + b"\x00", path="export.txt")
    assert document.text == TEXTS["de"]


@pytest.mark.parametrize(
    "data",
    [
        b"\x00" * 500 + TEXTS["de"].encode("utf-8"),
        b"\xff\xfe\x00\x00" + b"\x00\x00\x11\x00" * 50,  # UTF-32 mark, code points beyond Unicode
        b"\xef\xbb\xbf" + b"\xc3\x28 ung\xfcltig",  # UTF-8 mark, then bytes that are not UTF-8
    ],
)
def test_read_document_refuses_what_it_cannot_read_naming_the_file(data: bytes) -> None:
    with pytest.raises(DocumentError, match=r"^bericht\.txt: "):
        read_document(data, path="bericht.txt")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_read_document_never_returns_nul_or_replacement_characters(data: bytes) -> None:
    try:
        document = read_document(data, path="fuzz.bin")
    except DocumentError:
        return
    assert "\x00" not in document.text and "\ufffd" not in document.text


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-32", "koi8-r", "gb18030"])
def test_stored_source_text_has_no_nul_and_no_replacement_characters(encoding: str) -> None:
    from citypartners.ingest.services import ingest_document
    from citypartners.sources.models import Source

    text = TEXTS["ru"] if encoding == "koi8-r" else TEXTS["zh"]
    if encoding.startswith("utf"):
        text = TEXTS["de"]
    data = text.encode(encoding) + (b"\x00" if encoding in ("koi8-r", "gb18030") else b"")
    result = ingest_document(data=data, path=f"seite-{encoding}.txt", aliases={})
    stored = Source.objects.get(pk=result.source.pk).text
    assert stored == text
    assert "\x00" not in stored and "\ufffd" not in stored


# --- budgets ---------------------------------------------------------------------------------


def test_read_document_reads_a_300_page_pdf() -> None:
    document = read_document(many_page_pdf(300), path="jahresbericht.pdf")
    assert "Seite 1: Partnerschaft seit 1987." in document.text
    assert "Seite 300: Partnerschaft seit 1987." in document.text


def test_read_document_refuses_a_pdf_over_the_page_budget() -> None:
    with pytest.raises(
        DocumentError, match=r"^dick\.pdf: PDF has 301 pages, over the budget of 300"
    ):
        read_document(many_page_pdf(301), path="dick.pdf", budget=Budget(max_pages=300))


def test_read_document_refuses_a_document_over_the_time_budget() -> None:
    with pytest.raises(DocumentError, match=r"^lang\.pdf: over the time budget"):
        read_document(many_page_pdf(300), path="lang.pdf", budget=Budget(max_seconds=1e-6))


def test_time_budget_stops_work_inside_it_naming_the_file() -> None:
    expected = r"^slow\.txt: over the time budget of 0\.05 s"
    with pytest.raises(DocumentError, match=expected), time_budget(0.05, path="slow.txt"):
        while True:
            pass


def test_budget_reads_its_settings_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("CITYPARTNERS_INGEST_MAX_PAGES", "12")
    monkeypatch.setenv("CITYPARTNERS_INGEST_MAX_SECONDS", "2.5")
    monkeypatch.setenv("CITYPARTNERS_INGEST_MAX_HTML_DEPTH", "40")
    budget = Budget.from_env()
    assert (budget.max_pages, budget.max_seconds, budget.max_html_depth) == (12, 2.5, 40)
    monkeypatch.delenv("CITYPARTNERS_INGEST_MAX_PAGES")
    assert Budget.from_env().max_pages == Budget().max_pages


@pytest.mark.parametrize("tag", ["div", "span", "x-box"])
def test_read_document_refuses_deeply_nested_html(tag: str) -> None:
    markup = "<html><body>" + f"<{tag}>" * 100_000 + "Musterhausen" + f"</{tag}>" * 100_000
    with pytest.raises(DocumentError, match=r"^tief\.html: HTML nested more than 512"):
        read_document(markup.encode(), path="tief.html")


def test_read_document_reads_nesting_within_the_budget_and_unclosed_paragraphs() -> None:
    nested = "<html><body>" + "<div>" * 500 + "Musterhausen" + "</div>" * 500 + "</body></html>"
    assert read_document(nested.encode(), path="a.html").text == "Musterhausen"
    flat = "<html><body>" + "<p>Absatz" * 20_000 + "</body></html>"
    assert read_document(flat.encode(), path="b.html").text.count("Absatz") == 20_000
