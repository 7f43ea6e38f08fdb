"""Template helpers: dates per language, source citations, hyphenation and the state tag."""

import re
from functools import lru_cache

import pyphen
from babel.languages import get_official_languages
from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from citypartners.core.dates import DateRange, PartialDate
from citypartners.core.i18n import current_language
from citypartners.core.prose import render_prose
from citypartners.web.activity_list import render_activity_list

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
    """Superscript links to the sources, numbered as in the page's list (`Citations.markup`)."""
    citations = context["citations"]
    return mark_safe(citations.markup(sources.all() if hasattr(sources, "all") else sources))


@register.simple_tag(takes_context=True)
def activity_list(context, items, empty_text: str = "") -> str:
    """A partnership's activities as its page lists them (`web.activity_list`)."""
    return render_activity_list(items, context["citations"], empty_text)
