"""Choices for sources and claims."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    OFFICIAL_PAGE = "official_page", _("official web page")
    ANNOUNCEMENT = "announcement", _("official announcement")
    PRESS_REPORT = "press_report", _("press report")
    DOCUMENT = "document", _("document")


class Comparison(models.TextChoices):
    NEW = "new", _("new")
    CONFIRMS = "confirms", _("confirms the registry")
    CONFLICTS = "conflicts", _("conflicts with the registry")


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")
