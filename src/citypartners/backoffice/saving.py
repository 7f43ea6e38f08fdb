"""Saving a back-office form writes only what changed.

Browsers send text areas with CRLF line endings while the dataset and the database hold LF, so
an untouched description looked "changed" on every save and the history filled with empty
changes. `LineEndingsTextField` normalises line endings where the form reads its input, so an
untouched text compares equal to the stored one. `WritesOnlyChanges` then skips the save, the
history row (django-reversion records a version on each save) and the admin's log entry when
neither the form nor any inline changed.
"""

from __future__ import annotations

from typing import Any

import reversion
from django import forms
from django.db import models


def normalise_line_endings(value: Any) -> Any:
    """CRLF and lone CR become LF; other values pass unchanged."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


class LineEndingsTextField(forms.CharField):
    """A text area's field that reads CRLF and CR as LF, before comparing or cleaning."""

    def to_python(self, value: Any) -> Any:
        return normalise_line_endings(super().to_python(value))


class WritesOnlyChanges:
    """Admin mixin (model admins and inlines): text areas normalise line endings, and saving an
    unchanged change form writes nothing, neither the record nor a history row."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField) and not db_field.choices:
            kwargs.setdefault("form_class", LineEndingsTextField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        if change and not form.has_changed():
            return  # inline rows are saved by save_related only where they changed
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        inline_only = change and not form.has_changed() and any(f.has_changed() for f in formsets)
        if inline_only and reversion.is_active():
            # Only an inline row changed: the record itself is not written, but its history
            # shows the change (the version follows the inline rows).
            reversion.add_to_revision(form.instance)

    def log_change(self, request, obj, message):
        if not message:  # Django's "No fields changed."
            return None
        return super().log_change(request, obj, message)
