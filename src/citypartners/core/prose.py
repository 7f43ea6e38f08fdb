"""Editors' texts as safe HTML: a few formatting tags allowed, everything else removed.

Descriptions may carry paragraphs, emphasis, lists and links. Whatever an editor (or an
imported document) puts in, only those tags survive nh3's sanitiser; links keep only http(s)
and mailto addresses and get `rel="noopener noreferrer"`. Plain text with blank lines becomes
paragraphs.
"""

from __future__ import annotations

import re

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}}
URL_SCHEMES = {"http", "https", "mailto"}
_BLOCK = re.compile(r"<\s*(p|ul|ol)\b", re.IGNORECASE)


def clean_html(text: str) -> str:
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def render_prose(text: str | None) -> SafeString:
    """Sanitised HTML for an editor's text; blank lines become paragraphs when it has none."""
    text = (text or "").strip()
    if not text:
        return mark_safe("")
    if not _BLOCK.search(text):
        paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
        text = "".join(f"<p>{part.replace(chr(10), '<br>')}</p>" for part in paragraphs)
    return mark_safe(clean_html(text))
