"""Choices for search."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    """What a search result is; also the order of groups when their best hits tie."""

    PARTNERSHIP = "partnership", _("partnerships")
    PLACE = "place", _("places")
    TOPIC = "topic", _("topics")
    ACTIVITY = "activity", _("activities")
    ORGANISATION = "organisation", _("organisations")
    SOURCE = "source", _("sources")
