"""Choices for homes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HomeKind(models.TextChoices):
    """What level of government or programme a home is."""

    STATE = "state", _("federal state")
    BOROUGH = "borough", _("borough")
    MUNICIPALITY = "municipality", _("municipality")
    DISTRICT = "district", _("district")
    FEDERAL_PROGRAMME = "federal_programme", _("federal programme")


class HomeLanguage(models.TextChoices):
    """The language a home's office and editors are written to in (the site's languages)."""

    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")
