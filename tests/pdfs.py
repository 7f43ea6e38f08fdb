"""Synthetic PDFs for the reading tests and the ingestion benchmark (bench/ingest_speed.py).

It lives among the tests, not in the package: it makes test input and has no place in what is
installed. The benchmark imports it as it imports `tests.mailserver`.
"""

from __future__ import annotations


def many_page_pdf(pages: int) -> bytes:
    """A PDF of ``pages`` pages with a line of text each ("Seite N: Partnerschaft seit 1987."),
    written byte by byte (fast even for 50,000 pages, where building it with pypdf takes
    minutes)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for number in range(1, pages + 1):
        page_id = len(objects) + 1
        kids.append(b"%d 0 R" % page_id)
        content = b"BT /F1 11 Tf 50 750 Td (Seite %d: Partnerschaft seit 1987.) Tj ET" % number
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_id + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), pages)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
