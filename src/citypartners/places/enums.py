"""Choices for places."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    COUNTRY = "country", _("country")
    STATE = "state", _("federal state")
    CITY = "city", _("city")
    BOROUGH = "borough", _("borough")
