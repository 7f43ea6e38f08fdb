"""The base every registry model shares: when a row was created and last changed."""

from functools import cache

from django.db import models
from django.utils.encoding import force_str


@cache
def _choice_labels(field: models.Field) -> dict:
    """A field's choices as {value: label}, built once: choices are fixed with the class."""
    return dict(field.flatchoices)


class TimeStampedModel(models.Model):
    """Created/modified stamps, so every record can say when it was last checked."""

    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    modified_at = models.DateTimeField(auto_now=True, editable=False)

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: models.Field) -> str:
        """What `get_<field>_display()` returns, as Django's, but without building a dict of
        all the field's choices on every call: a partnership page with hundreds of
        activities shows hundreds of kinds and states."""
        value = getattr(self, field.attname)
        try:
            label = _choice_labels(field).get(value, value)
        except TypeError:  # an unhashable value, which Django's version handles
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)
