"""Template helpers: dates per language, source citations, and the state tag."""

from babel.languages import get_official_languages
from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from citypartners.core.dates import DateRange, PartialDate
from citypartners.core.i18n import current_language
from citypartners.core.prose import render_prose

register = template.Library()


@register.filter
def prose(value) -> str:
    """An editor's text as sanitised HTML (see core.prose)."""
    return render_prose(value)


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
    """Superscript links to the page's numbered source list, e.g. [1][3]."""
    citations = context["citations"]
    items = citations.cite(sources.all() if hasattr(sources, "all") else sources)
    if not items:
        return ""
    links = format_html_join(
        "",
        '<a href="#source-{0}" class="cp-cite" aria-label="{1} {0}: {2}">[{0}]</a>',
        ((number, gettext("Source"), source.title) for number, source in items),
    )
    return format_html('<sup class="cp-cites">{}</sup>', links)
