"""Language helpers: the languages the registry keeps, and reading a translated value."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)


def current_language() -> str:
    """The active language, reduced to one the registry keeps (German when unsure)."""
    code = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def translated(instance: object, field: str, language: str | None = None) -> str:
    """The field in the language, falling back to the other language; "" when neither is set."""
    language = language or current_language()
    order = [language, *[code for code in LANGUAGE_CODES if code != language]]
    for code in order:
        value = getattr(instance, f"{field}_{code}", "")
        if value:
            return value
    return ""
