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
import os
import re
import signal
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

import charset_normalizer

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


_BOMS = (  # UTF-32's little-endian mark starts with UTF-16's: longest first
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_HTML_SNIFF = re.compile(
    rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<html|<div|<p[\s>]|<!--)", re.I
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_GARBLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")  # C0/C1 controls, U+FFFD
#: a text with more NUL bytes than this share is a binary file, not a text with stray NULs
NUL_SHARE_OF_BINARY = 0.01
_BINARY_BYTES = (*range(0x01, 0x09), 0x0B, *range(0x0E, 0x1A), *range(0x1C, 0x20))


@dataclass(frozen=True, slots=True)
class Budget:
    """What one document may cost: bytes, PDF pages, HTML nesting depth and seconds.

    Read from ``CITYPARTNERS_INGEST_MAX_BYTES``, ``…_MAX_PAGES``, ``…_MAX_HTML_DEPTH`` and
    ``…_MAX_SECONDS``; a document over any of them is refused with a message saying which.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = 2000
    max_html_depth: int = 512
    max_seconds: float = 60.0

    @classmethod
    def from_env(cls) -> Budget:
        def number(name: str, default: float, kind: type) -> float:
            value = os.environ.get(f"CITYPARTNERS_INGEST_{name}", "").strip()
            return kind(value) if value else default

        default = cls()
        return cls(
            max_bytes=number("MAX_BYTES", default.max_bytes, int),
            max_pages=number("MAX_PAGES", default.max_pages, int),
            max_html_depth=number("MAX_HTML_DEPTH", default.max_html_depth, int),
            max_seconds=number("MAX_SECONDS", default.max_seconds, float),
        )


def _fail(path: str, problem: str) -> DocumentError:
    return DocumentError(f"{path or '<document>'}: {problem}")


class _Clock:
    """The time budget, checked by the loops of reading (pages, HTML elements)."""

    def __init__(self, path: str, seconds: float) -> None:
        self.path, self.seconds = path, seconds
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise _fail(self.path, over_time(self.seconds))


def over_time(seconds: float) -> str:
    return f"over the time budget of {seconds:g} s (CITYPARTNERS_INGEST_MAX_SECONDS); refused"


@contextmanager
def time_budget(seconds: float, *, path: str = "") -> Iterator[None]:
    """Stop whatever runs inside (reading and extraction) after ``seconds`` with a
    ``DocumentError`` naming ``path``. Uses a timer signal, so it works only in the main thread;
    elsewhere it does nothing, and reading's own checks still apply."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(_signum, _frame):
        raise _fail(path, over_time(seconds))

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_document(
    data: bytes,
    *,
    path: str = "",
    max_bytes: int | None = None,
    budget: Budget | None = None,
) -> Document:
    """Decode ``data`` (text, HTML or PDF, told apart by content and file name) within
    ``budget`` (``Budget.from_env()`` when not given; ``max_bytes`` overrides its bytes)."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("read_document() needs bytes")
    budget = budget or Budget.from_env()
    if max_bytes is not None:
        budget = replace(budget, max_bytes=max_bytes)
    clock = _Clock(path, budget.max_seconds)
    data = bytes(data)
    if len(data) > budget.max_bytes:
        raise _fail(path, f"file is {len(data)} bytes, over the limit of {budget.max_bytes} bytes")
    if not data.strip():
        raise _fail(path, "file is empty")
    lower_path = path.lower()
    if data.startswith(b"%PDF-") or lower_path.endswith(".pdf"):
        return _read_pdf(data, path, budget, clock)
    text, encoding = decode_text(data, path=path)
    looks_html = lower_path.endswith((".html", ".htm", ".xhtml")) or _HTML_SNIFF.match(
        text[:2048].encode("utf-8", "ignore")
    )
    if looks_html:
        _check_depth(text, path, budget.max_html_depth)
        body, title = html_to_text(text, clock=clock)
        if not body.strip():
            raise _fail(path, "HTML page has no readable text")
        return Document(normalise_text(body), normalise_text(title), "html", encoding)
    text = normalise_text(text)
    return Document(text, _first_line_title(text), "text", encoding)


def decode_text(data: bytes, *, path: str = "") -> tuple[str, str]:
    """Decode bytes to text, or refuse them naming ``path``.

    In order: a byte-order mark (UTF-8/16/32); UTF-16/32 without one, told by where the NUL
    bytes fall; stray NUL bytes in a text are dropped (a file with many is binary); strict
    UTF-8; then charset-normalizer's finding for the legacy code pages (KOI8-R, GB18030,
    Shift-JIS, …), except that a text in Latin script is read as Windows-1252 or ISO-8859-15,
    whichever gives the more plausible letters. A reading with control or replacement
    characters is refused rather than stored garbled.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise _fail(path, f"not valid {encoding} after its byte-order mark") from error
            return _checked(text, path, encoding), encoding
    if b"\x00" in data:
        wide = _wide_unicode(data)
        if wide is not None:
            return _checked(wide[0], path, wide[1]), wide[1]
        if data.count(b"\x00") > NUL_SHARE_OF_BINARY * len(data):
            raise _fail(path, "binary file (NUL bytes), not a text document")
        data = data.replace(b"\x00", b"")  # stray NULs of a broken export: never stored
    controls = sum(data.count(bytes([byte])) for byte in _BINARY_BYTES)
    if controls > NUL_SHARE_OF_BINARY * len(data):
        raise _fail(path, "binary file (control bytes), not a text document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _checked(text, path, "utf-8"), "utf-8"
    text, encoding = _legacy(data, path)
    return _checked(text, path, encoding), encoding


def _wide_unicode(data: bytes) -> tuple[str, str] | None:
    """UTF-32 or UTF-16 without a byte-order mark, by the pattern of its NUL bytes."""
    candidates = []
    if len(data) % 4 == 0:
        if not any(data[2::4]) and not any(data[3::4]):
            candidates.append("utf-32-le")
        if not any(data[0::4]) and not any(data[1::4]):
            candidates.append("utf-32-be")
    if len(data) % 2 == 0:
        even, odd = data[0::2].count(0), data[1::2].count(0)
        if odd > 4 * even:
            candidates.append("utf-16-le")
        elif even > 4 * odd:
            candidates.append("utf-16-be")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _GARBLE.search(text):
            return text, encoding
    return None


_LATIN_FAMILY = re.compile(r"^(?:cp125\d|windows_125\d|iso8859_\d+|latin_1|mac_\w+|cp8\d\d)$")


def _legacy(data: bytes, path: str) -> tuple[str, str]:
    """A legacy code page: charset-normalizer's, unless the text is in Latin script."""
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and not _LATIN_FAMILY.match(best.encoding):
        text = str(best)
        if _coherent_script(text):
            return text, best.encoding
    readings = []
    for encoding in ("cp1252", "iso8859_15"):
        try:
            readings.append((data.decode(encoding), encoding))
        except UnicodeDecodeError:
            continue
    if best is not None and _LATIN_FAMILY.match(best.encoding):
        readings.append((str(best), best.encoding))
    readings = [(text, encoding) for text, encoding in readings if not _GARBLE.search(text)]
    if not readings:
        raise _fail(path, "text cannot be decoded in any known encoding")
    # most plausible letters wins; on a tie the first (Windows-1252, the usual CMS export)
    return max(readings, key=lambda reading: _plausibility(reading[0]))


def _coherent_script(text: str) -> bool:
    """Letters of a non-Latin script stand in words (runs), not one by one between Latin ones,
    as they do when a Latin text is read in the wrong code page."""
    foreign = [i for i, ch in enumerate(text) if ord(ch) > 0x24F and ch.isalpha()]
    if not foreign:
        return False
    in_runs = sum(
        1
        for i in foreign
        if (i > 0 and ord(text[i - 1]) > 0x24F and text[i - 1].isalpha())
        or (i + 1 < len(text) and ord(text[i + 1]) > 0x24F and text[i + 1].isalpha())
    )
    return in_runs >= 0.6 * len(foreign)


def _checked(text: str, path: str, encoding: str) -> str:
    """Refuse a reading that would store garbage: control characters or U+FFFD."""
    sample = text[:65536]
    if "\x00" in text:
        raise _fail(path, "binary file (NUL bytes), not a text document")
    garbled = len(_GARBLE.findall(sample))
    if (garbled and garbled / max(len(sample), 1) > 0.001) or "\ufffd" in text:
        raise _fail(path, f"text read as {encoding} holds control or replacement characters")
    return _GARBLE.sub("", text)


# Letters and marks of the languages partnership pages are written in (German, English,
# French, Spanish, Italian, Polish, Czech…); used to choose between code pages that all decode.
_PLAUSIBLE = set("äöüÄÖÜßéèêëàâçñíóúáôîïûùÉÈÀÇÑ–—„“”‚‘’€•…«»°§ąćęłńśźżĄĆĘŁŃŚŹŻčřšžýěůČŘŠŽ")


def _plausibility(text: str) -> int:
    return sum(1 for ch in text if ch in _PLAUSIBLE)


def normalise_text(text: str) -> str:
    """One newline convention, no BOM, no NULs or other control characters, no U+FFFD: what
    is stored and cited is text, and offsets mean the same on every platform."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return _GARBLE.sub("", text.replace("\x0c", "\n"))


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


# Every element counts towards the depth except those that are never closed (void) and those
# HTML lets a page leave open (p, li, td…): counting them would make a flat page look deep.
_NOT_NESTING = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "option",
        "optgroup",
        "rb",
        "rt",
        "rp",
        "colgroup",
        "tbody",
        "thead",
        "tfoot",
        "html",
        "head",
        "body",
    ]
)
_NESTING = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")


def _check_depth(markup: str, path: str, limit: int) -> None:
    """Refuse markup nested deeper than ``limit`` before any parser builds a tree of it: the
    tree and every walk over it grow with the depth (a 1 MB page of nested elements kept a
    worker busy for ten minutes). Browsers flatten below 512 levels as well."""
    depth = deepest = 0
    for match in _NESTING.finditer(markup):
        if match.group(3) or match.group(2).lower() in _NOT_NESTING:
            continue  # <x/>, or an element that is not nested
        if match.group(1):
            depth = max(depth - 1, 0)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                raise _fail(
                    path,
                    f"HTML nested more than {limit} elements deep "
                    "(CITYPARTNERS_INGEST_MAX_HTML_DEPTH); refused",
                )


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)


def html_to_text(markup: str, *, clock: _Clock | None = None) -> tuple[str, str]:
    """Readable text of an HTML page without its chrome; table rows become lines of cells.

    Parsed by lxml directly (Beautiful Soup took 10 s for a page of 100,000 elements; lxml
    takes a fraction of a second), after ``_check_depth`` has bounded the nesting.
    """
    import lxml.html
    from lxml import etree

    markup = _XML_DECLARATION.sub("", markup, count=1)
    if not markup.strip():
        return "", ""
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        document = lxml.html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return "", ""
    title_element = document.find(".//title")
    title = ""
    if title_element is not None:
        title = " ".join(title_element.text_content().split())
    for number, element in enumerate(list(document.iter())):
        if clock and number % 1000 == 0:
            clock.check()
        if element.getparent() is None:
            continue
        if not isinstance(element.tag, str):
            element.drop_tree()  # comments, processing instructions, entities
        elif element.tag.lower() in _DROP_TAGS or _is_chrome(element):
            element.drop_tree()
    root = document.find(".//main")
    if root is None:
        root = document.find(".//*[@role='main']")
    if root is None:
        root = document.find("body")
    if root is None:
        root = document
    lines: list[str] = []
    _walk(root, lines, [])
    text = "\n".join(_clean_lines(lines))
    if not title:
        heading = next(document.iter("h1", "h2"), None)
        if heading is not None:
            title = " ".join(" ".join(heading.itertext()).split())
        else:
            title = _first_line_title(text)
    return text, title[:200]


def _is_chrome(element) -> bool:
    if (
        element.get("role") in _DROP_ROLES
        or element.get("aria-hidden") == "true"
        or "hidden" in element.attrib
    ):
        return True
    marks = f"{element.get('class') or ''} {element.get('id') or ''}"
    if marks.strip() and _CHROME_WORDS.search(marks):
        return True
    if element.tag.lower() == "a":
        href = str(element.get("href") or "")
        if href.startswith("#") and _SKIP_LINK.search(" ".join(element.text_content().split())):
            return True
    return False


def _walk(node, lines: list[str], current: list[str]) -> None:
    """Append the text of ``node`` to ``lines``; ``current`` collects the open line."""
    if node.text:
        current.append(node.text)
    for child in node:
        if isinstance(child.tag, str):
            name = child.tag.lower()
            if name == "tr":
                _flush(lines, current)
                cells = [
                    " ".join(" ".join(cell.itertext()).split()) for cell in child.iter("td", "th")
                ]
                row = TABLE_CELL_SEPARATOR.join(cell for cell in cells if cell)
                if row:
                    lines.append(row)
            elif name == "li":
                _flush(lines, current)
                item: list[str] = []
                _walk(child, lines, item)
                text = " ".join("".join(item).split())
                if text:
                    lines.append(f"- {text}")
            elif name in _BLOCK_TAGS:
                _flush(lines, current)
                _walk(child, lines, current)
                _flush(lines, current)
            else:
                _walk(child, lines, current)
        if child.tail:
            current.append(child.tail)


def _flush(lines: list[str], current: list[str]) -> None:
    text = " ".join("".join(current).split())
    if text:
        lines.append(text)
    current.clear()


def _clean_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if line.strip() and not _SKIP_LINK.search(line.strip())]


# --- PDF -------------------------------------------------------------------------------------


def _page_count(reader) -> int:
    """The page count the document declares (read without walking 50,000 pages), else counted."""
    try:
        declared = int(reader.trailer["/Root"]["/Pages"]["/Count"])
    except (KeyError, TypeError, ValueError):
        declared = -1
    return declared if declared >= 0 else len(reader.pages)


def _read_pdf(data: bytes, path: str, budget: Budget, clock: _Clock) -> Document:
    from pypdf import PdfReader

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise _fail(path, "PDF is encrypted")
            count = _page_count(reader)
            if count > budget.max_pages:
                raise _fail(
                    path,
                    f"PDF has {count} pages, over the budget of {budget.max_pages} "
                    "(CITYPARTNERS_INGEST_MAX_PAGES); refused",
                )
            pages = []
            for number, page in enumerate(reader.pages):
                if number >= budget.max_pages:
                    raise _fail(path, f"PDF has more than {budget.max_pages} pages; refused")
                clock.check()
                pages.append(page.extract_text() or "")
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
