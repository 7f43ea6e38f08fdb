"""Choices of a partner search: the size of the partner sought and the languages offered."""

from __future__ import annotations

from babel import Locale
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class SizeBand(models.TextChoices):
    """How many inhabitants the partner sought has (empty: any size)."""

    SMALL = "small", _("under 20,000 inhabitants")
    MEDIUM = "medium", _("20,000 to 100,000 inhabitants")
    LARGE = "large", _("100,000 to 500,000 inhabitants")
    CITY = "city", _("over 500,000 inhabitants")


# Languages a post may name as working languages (ISO 639-1), the most frequent in German
# municipal partnerships first; names come from Babel in the reader's language.
LANGUAGE_CODES = (
    "de", "en", "fr", "pl", "es", "it", "cs", "nl", "pt", "ru", "uk", "tr", "zh", "ja",
    "ar", "he", "da", "sv", "hu", "ro", "el", "fi", "lt", "lv", "et", "sk", "sl", "hr",
)  # fmt: skip


def language_choices() -> list[tuple[str, str]]:
    """(code, name) of every offered language, named and sorted in the active language."""
    locale = Locale.parse((get_language() or "de")[:2])
    named = [(code, locale.languages.get(code, code)) for code in LANGUAGE_CODES]
    return sorted(named, key=lambda item: item[1].casefold())
