"""Template helpers: dates per language, source citations, hyphenation and the state tag."""

import re
from functools import lru_cache

import pyphen
from babel.languages import get_official_languages
from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from citypartners.core.dates import DateRange, PartialDate
from citypartners.core.i18n import current_language
from citypartners.core.prose import render_prose

register = template.Library()


@register.filter
def prose(value) -> str:
    """An editor's text as sanitised HTML (see core.prose)."""
    return render_prose(value)


# Words this long or longer get soft hyphens; shorter ones never need breaking.
_LONG_WORD = re.compile(r"[^\W\d_]{12,}")
_HYPHENATION_LANGUAGES = {"de": "de_DE", "en": "en_GB"}


@lru_cache(maxsize=4)
def _dictionary(language: str) -> pyphen.Pyphen | None:
    code = _HYPHENATION_LANGUAGES.get(language)
    return pyphen.Pyphen(lang=code) if code else None


@register.filter(is_safe=True)
def hyphenate(value) -> str:
    """Soft hyphens (U+00AD) in the long words of a heading, by the active language's rules.

    Why: German compounds ("Städtepartnerschaften") do not fit a 320 px screen. CSS
    ``hyphens: auto`` needs a hyphenation dictionary in the browser, which many (Chromium on
    Linux among them) lack, and then the word breaks anywhere without a hyphen. Soft hyphens
    are invisible unless the line breaks there, and screen readers ignore them.
    """
    text = conditional_escape(value)
    dictionary = _dictionary(current_language())
    if dictionary is None:
        return text
    return mark_safe(_LONG_WORD.sub(lambda m: dictionary.inserted(m.group(0), "\u00ad"), text))


@register.filter
def partial_date(value) -> str:
    """Render a PartialDate or DateRange in the active language."""
    if isinstance(value, PartialDate | DateRange):
        return value.format(current_language())
    return PartialDate.coerce(value).format(current_language())


@register.filter
def year_or_unknown(value: PartialDate) -> str:
    return str(value.year) if value.is_known else PartialDate().format(current_language())


@register.filter
def local_language(country_code: str) -> str:
    """The main official language of a country as a lang attribute ("MX" -> "es"), or ""."""
    languages = get_official_languages((country_code or "").upper(), de_facto=True)
    return languages[0].replace("_", "-") if languages else ""


@register.simple_tag(takes_context=True)
def cite(context, sources) -> str:
    """Superscript links, numbered as in the page's list of sources ([1][3]), each to the
    source's own page, which links to the original."""
    citations = context["citations"]
    items = citations.cite(sources.all() if hasattr(sources, "all") else sources)
    if not items:
        return ""
    links = format_html_join(
        "",
        '<a href="{3}" class="cp-cite" aria-label="{1} {0}: {2}">[{0}]</a>',
        (
            (number, gettext("Source"), source.title, reverse("web:source", args=[source.key]))
            for number, source in items
        ),
    )
    return format_html('<sup class="cp-cites">{}</sup>', links)
