"""Choices for feedback."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    NEW = "new", _("new")
    IN_PROGRESS = "in_progress", _("in progress")
    ANSWERED = "answered", _("answered")
    RESOLVED = "resolved", _("barrier removed")
    DECLINED = "declined", _("not a barrier")
