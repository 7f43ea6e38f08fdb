"""Reversing URLs in a language, so tests do not depend on how paths are translated."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import override


def url(name: str, language: str = "en", *args: object) -> str:
    with override(language):
        return reverse(name, args=args)
