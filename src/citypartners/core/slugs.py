"""Slugs made from names, so editors never type one by hand.

The back office fills the slug in the browser as the name is typed (Django's prepopulated
fields); when it reaches the server empty (no JavaScript, or a name typed in German only) the
slug is made here, from the first name given, and kept unique by a numbered suffix.
"""

from __future__ import annotations

from anyascii import anyascii
from django.db import models
from django.utils.text import slugify

# German letters as German addresses spell them without umlauts ("Köpenick" → "koepenick")
_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def slug_of(text: str, *, german: bool = False) -> str:
    """A slug that keeps every letter of a name, transliterated (anyascii: "Brøndby" →
    "brondby", "Nałęczów" → "naleczow", "Kraków" → "krakow"), where Django's ``slugify`` alone
    drops what does not decompose to ASCII. Umlauts become plain vowels, as the back office's
    slug field writes them in the browser; ``german=True`` writes them as German addresses do
    ("Köpenick" → "koepenick"), as boroughs' slugs are."""
    text = (text or "").translate(_GERMAN) if german else (text or "")
    return slugify(anyascii(text))


def unique_slug(
    *, model: type[models.Model], texts: list[str], field: str = "slug", fallback: str = "item"
) -> str:
    """A slug from the first non-empty text, unique among `model`'s rows (`-2`, `-3`… if taken)."""
    max_length = model._meta.get_field(field).max_length or 50
    base = next((slug_of(text) for text in texts if text and slug_of(text)), "") or fallback
    base = base[: max_length - 4].strip("-")
    taken = set(
        model._default_manager.filter(**{f"{field}__startswith": base}).values_list(
            field, flat=True
        )
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
