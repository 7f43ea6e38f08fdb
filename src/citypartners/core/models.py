"""The base every registry model shares: when a row was created and last changed."""

from django.db import models


class TimeStampedModel(models.Model):
    """Created/modified stamps, so every record can say when it was last checked."""

    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    modified_at = models.DateTimeField(auto_now=True, editable=False)

    class Meta:
        abstract = True
