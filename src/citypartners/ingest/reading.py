"""Turn the bytes of an uploaded document into the text that extraction and evidence refer to.

Offices publish plain text in whatever encoding their CMS exported, HTML pages wrapped in
navigation and footers, and PDFs. Every fact we extract cites offsets into *one* decoded text,
so this module decides once what that text is: decoded with a detected (not guessed) encoding,
page chrome removed, table cells kept apart, line endings normalised. Anything that cannot be
read becomes a ``DocumentError`` whose message names the file and the problem, so a batch can
report each bad file and go on.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass

import charset_normalizer
from bs4 import BeautifulSoup, Comment, Tag, XMLParsedAsHTMLWarning

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TABLE_CELL_SEPARATOR = " | "


class DocumentError(Exception):
    """A document that cannot be read; the message says which file and why."""


@dataclass(frozen=True, slots=True)
class Document:
    """The decoded text of a document and what we learned while decoding it."""

    text: str
    title: str
    kind: str  # "text", "html" or "pdf"
    encoding: str


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_HTML_SNIFF = re.compile(
    rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<html|<div|<p[\s>]|<!--)", re.I
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _fail(path: str, problem: str) -> DocumentError:
    return DocumentError(f"{path or '<document>'}: {problem}")


def read_document(data: bytes, *, path: str = "", max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Decode ``data`` (text, HTML or PDF, told apart by content and file name)."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("read_document() needs bytes")
    data = bytes(data)
    if len(data) > max_bytes:
        raise _fail(path, f"file is {len(data)} bytes, over the limit of {max_bytes} bytes")
    if not data.strip():
        raise _fail(path, "file is empty")
    lower_path = path.lower()
    if data.startswith(b"%PDF-") or lower_path.endswith(".pdf"):
        return _read_pdf(data, path)
    text, encoding = decode_text(data, path=path)
    looks_html = lower_path.endswith((".html", ".htm", ".xhtml")) or _HTML_SNIFF.match(
        text[:2048].encode("utf-8", "ignore")
    )
    if looks_html:
        body, title = html_to_text(text)
        if not body.strip():
            raise _fail(path, "HTML page has no readable text")
        return Document(body, title, "html", encoding)
    text = normalise_text(text)
    return Document(text, _first_line_title(text), "text", encoding)


def decode_text(data: bytes, *, path: str = "") -> tuple[str, str]:
    """Decode bytes to text: BOMs first, then strict UTF-8, then charset-normalizer's finding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise _fail(path, f"not valid {encoding} after its byte-order mark") from error
    if b"\x00" not in data:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            _refuse_binary(text, path)
            return text, "utf-8"
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        if b"\x00" in data:
            raise _fail(path, "binary file, not a text document")
        raise _fail(path, "text cannot be decoded in any known encoding")
    text, encoding = str(best), best.encoding
    western = _western_reading(data)
    if western is not None and _plausibility(western) > _plausibility(text):
        text, encoding = western, "cp1252"
    _refuse_binary(text, path)
    return text, encoding


# Letters and marks of the languages partnership pages are written in (German, English,
# French, Spanish, Italian, Polish…); used to choose between code pages that all decode.
_PLAUSIBLE = set("äöüÄÖÜßéèêëàâçñíóúáôîïûùÉÈÀÇÑ–—„“”‚‘’€•…«»°§")


def _plausibility(text: str) -> int:
    return sum(1 for ch in text if ch in _PLAUSIBLE)


def _western_reading(data: bytes) -> str | None:
    """Windows-1252 is what most German CMS exports use when they are not UTF-8."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _refuse_binary(text: str, path: str) -> None:
    sample = text[:8192]
    if not sample:
        return
    controls = len(_CONTROL.findall(sample))
    if "\x00" in sample or controls / len(sample) > 0.02:
        raise _fail(path, "binary file, not a text document")


def normalise_text(text: str) -> str:
    """One newline convention and no NULs, so offsets mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")


def _first_line_title(text: str) -> str:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not _SKIP_LINK.search(stripped):
            return stripped[:200]
    return ""


# --- HTML ------------------------------------------------------------------------------------

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "svg",
    "iframe",
    "head",
)
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar"}
_CHROME_WORDS = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|breadcrumbs?|skip|skiplinks?|footer|header|"
    r"language|languages|lang-?switch|sprachwahl|cookie|cookies|sidebar|social|share|toolbar|"
    r"sr-only|visually-hidden)(?:$|[-_\s])",
    re.I,
)
_SKIP_LINK = re.compile(
    r"^(?:direkt\s+)?zum\s+(?:haupt)?inhalt|^skip\s+to|inhalt\s+der\s+seite\s+springen|"
    r"^zur\s+navigation|^language selection$|^sprachauswahl$",
    re.I,
)
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "address",
    "figure",
    "figcaption",
    "table",
    "caption",
    "br",
    "hr",
}


def html_to_text(markup: str) -> tuple[str, str]:
    """Readable text of an HTML page without its chrome; table rows become lines of cells."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(markup, "lxml")
    title = ""
    if soup.title and soup.title.string:
        title = " ".join(soup.title.string.split())
    for comment in soup.find_all(string=lambda value: isinstance(value, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or not isinstance(tag, Tag) or tag.attrs is None:
            continue
        if _is_chrome(tag):
            tag.decompose()
    root = soup.find("main") or soup.find(attrs={"role": "main"}) or soup.body or soup
    lines: list[str] = []
    _walk(root, lines, [])
    text = "\n".join(_clean_lines(lines))
    if not title:
        heading = soup.find(["h1", "h2"])
        title = " ".join(heading.get_text(" ").split()) if heading else _first_line_title(text)
    return text, title[:200]


def _is_chrome(tag: Tag) -> bool:
    if tag.get("role") in _DROP_ROLES or tag.get("aria-hidden") == "true" or tag.has_attr("hidden"):
        return True
    marks = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "")
    if marks.strip() and _CHROME_WORDS.search(marks):
        return True
    if tag.name == "a":
        text = tag.get_text(" ", strip=True)
        href = str(tag.get("href") or "")
        if href.startswith("#") and _SKIP_LINK.search(text):
            return True
    return False


def _walk(node: Tag, lines: list[str], current: list[str]) -> None:
    """Append the text of ``node`` to ``lines``; ``current`` collects the open line."""
    for child in node.children:
        if isinstance(child, Tag):
            name = child.name
            if name == "tr":
                _flush(lines, current)
                cells = [
                    " ".join(cell.get_text(" ").split()) for cell in child.find_all(["td", "th"])
                ]
                row = TABLE_CELL_SEPARATOR.join(cell for cell in cells if cell)
                if row:
                    lines.append(row)
                continue
            if name == "li":
                _flush(lines, current)
                item: list[str] = []
                _walk(child, lines, item)
                text = " ".join("".join(item).split())
                if text:
                    lines.append(f"- {text}")
                continue
            if name in _BLOCK_TAGS:
                _flush(lines, current)
                _walk(child, lines, current)
                _flush(lines, current)
            else:
                _walk(child, lines, current)
        else:
            current.append(str(child))


def _flush(lines: list[str], current: list[str]) -> None:
    text = " ".join("".join(current).split())
    if text:
        lines.append(text)
    current.clear()


def _clean_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if line.strip() and not _SKIP_LINK.search(line.strip())]


# --- PDF -------------------------------------------------------------------------------------


def _read_pdf(data: bytes, path: str) -> Document:
    from pypdf import PdfReader

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise _fail(path, "PDF is encrypted")
            pages = [page.extract_text() or "" for page in reader.pages]
            meta_title = ""
            if reader.metadata and reader.metadata.title:
                meta_title = str(reader.metadata.title)
    except DocumentError:
        raise
    except Exception as error:  # pypdf raises many kinds on damaged files; all mean "unreadable"
        raise _fail(path, f"PDF cannot be read ({error.__class__.__name__})") from error
    text = normalise_text("\n\n".join(page.strip() for page in pages))
    if not text.strip():
        raise _fail(path, "PDF has no text layer (scanned image?); run OCR first")
    return Document(text, meta_title.strip() or _first_line_title(text), "pdf", "pdf")
