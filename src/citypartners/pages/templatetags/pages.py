"""Template helpers of the public pages: JSON-LD data blocks and a page's query string."""

from __future__ import annotations

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from citypartners.pages.calendar_items import calendar_items as _calendar_items

register = template.Library()

# Characters that could end the <script> element or start markup inside it.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data: dict) -> SafeString:
    """A `<script type="application/ld+json">` data block: never executed, so a strict CSP
    (script-src 'self') does not block it, and escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def page_query(context, number: int) -> str:
    """The current filter's query string with the page number, for pagination links."""
    base = context.get("filter_query", "")
    return f"?{base}&page={number}" if base else f"?page={number}"


@register.simple_tag
def calendar_items(activities, group: str) -> SafeString:
    """The calendar's entries of one group (`pages.calendar_items`)."""
    return _calendar_items(activities, group)
