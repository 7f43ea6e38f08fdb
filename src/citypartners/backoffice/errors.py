"""The error summary at the top of a back-office form after a failed save.

Django's admin says "Please correct the error below" and leaves each message beside its field,
which on a long form with inlines can be a screen or more away. The summary lists every error
once, in the form's order, each linking to its field (GOV.UK's error-summary pattern).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FormError:
    """One error: which field (in words), what is wrong, and the id of the field to jump to."""

    label: str
    message: str
    anchor: str = ""


def _form_errors(form: forms.BaseForm, prefix_label: str = "") -> list[FormError]:
    found = []
    for name, messages in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS:
            label, anchor = prefix_label or _("Form"), ""
        else:
            field = form.fields.get(name)
            label = str(field.label) if field is not None and field.label else name
            label = f"{prefix_label} – {label}" if prefix_label else label
            anchor = form[name].auto_id if field is not None else ""
        found.extend(FormError(label, str(message), anchor or "") for message in messages)
    return found


def error_summary(form: forms.BaseForm, formsets: list[forms.BaseFormSet]) -> list[FormError]:
    """Every error of the main form and of its inline formsets, each with its field's id."""
    found = _form_errors(form)
    for formset in formsets:
        name = str(formset.model._meta.verbose_name)
        found.extend(FormError(name, str(message)) for message in formset.non_form_errors())
        for number, inline_form in enumerate(formset.forms, start=1):
            if inline_form.errors:
                found.extend(_form_errors(inline_form, f"{name} {number}".capitalize()))
    return found
