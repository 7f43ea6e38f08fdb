"""`PartialDateField`: a date-with-precision stored as its ISO string cut to the precision.

The string form ("1993", "1993-09", "1993-09-01", "" for unknown) is human-readable in dumps,
sorts correctly as text (a year before the days of that year) and is the same on SQLite and
PostgreSQL. On the model instance the value is always a `PartialDate`.
"""

from __future__ import annotations

import contextlib
from functools import lru_cache

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import gettext_lazy as _

from citypartners.core.date_input import parse_date_input
from citypartners.core.dates import InvalidPartialDate, PartialDate


class _PartialDateDescriptor(DeferredAttribute):
    """Coerces whatever is assigned (str, date, PartialDate, None) into a PartialDate."""

    def __set__(self, instance, value):
        # An unreadable value is kept as given; full_clean() reports it with the field's name.
        with contextlib.suppress(InvalidPartialDate):
            value = PartialDate.coerce(value)
        instance.__dict__[self.field.attname] = value


class PartialDateFormField(forms.CharField):
    """Accepts what editors type: "1 September 1993", "1.9.1993", "Sept. 1993", "1993"."""

    default_error_messages = {
        "invalid": _("Enter a date such as 1993, September 1993 or 1 September 1993.")
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault(
            "help_text",
            _("Year, month and year, or full date; leave empty when the sources do not say."),
        )
        super().__init__(**kwargs)

    def run_validators(self, value):
        # The typed text was checked by to_python; the length limit applies to what is stored.
        super().run_validators(value.isoformat() if isinstance(value, PartialDate) else value)

    def prepare_value(self, value):
        if isinstance(value, PartialDate):
            return value.isoformat()
        return value

    def to_python(self, value):
        text = super().to_python(value)
        try:
            return parse_date_input(text)
        except InvalidPartialDate as error:
            raise ValidationError(
                f"{self.error_messages['invalid']} ({error})", code="invalid"
            ) from error


# Reading a date from its text, kept per process: a national home page reads two dates of each
# of its hundreds of partner rows, most of them shared (issue 16). A PartialDate is frozen, so
# rows may share one.
_read = lru_cache(maxsize=16384)(PartialDate.from_iso)


class PartialDateField(models.CharField):
    """A model field holding a `PartialDate`."""

    descriptor_class = _PartialDateDescriptor
    description = "A date with a precision of day, month or year, or unknown"

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 10
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, "citypartners.core.fields.PartialDateField", args, kwargs

    def from_db_value(self, value, expression, connection):
        return _read(value)

    def to_python(self, value):
        try:
            return PartialDate.coerce(value)
        except InvalidPartialDate as error:
            raise ValidationError(str(error), code="invalid") from error

    def get_prep_value(self, value):
        if isinstance(value, PartialDate):
            return value.isoformat()
        if value is None:
            return ""
        return PartialDate.from_iso(str(value)).isoformat()

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        # `blank` means unknown is allowed; the value itself was validated in to_python.
        if not self.blank and not PartialDate.coerce(value).is_known:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def clean(self, value, model_instance):
        value = self.to_python(value)
        self.validate(value, model_instance)
        self.run_validators(value.isoformat())
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PartialDateFormField, **kwargs})
