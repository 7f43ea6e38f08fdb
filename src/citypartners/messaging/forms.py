"""Form pieces every public form shares: a honeypot field and single-line text."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def single_line(value: str) -> None:
    """Reject line breaks: they are how header injection starts."""
    if any(char in value for char in "\r\n\x00"):
        raise ValidationError(_("Please write this on one line."), code="line_break")


class SingleLineField(forms.CharField):
    default_validators = [single_line]

    def to_python(self, value):
        # CharField strips surrounding whitespace, which would hide a trailing line break.
        if isinstance(value, str) and value.strip(" \t") != value.strip():
            single_line(value)
        return super().to_python(value)


class HoneypotForm(forms.Form):
    """Adds a field people never see (hidden) and bots fill in; `is_spam` tells which it was."""

    website = forms.CharField(required=False, max_length=200, label=_("Leave this field empty"))

    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("website"), "").strip())
