"""Choices for editors' memberships and submissions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    """What a member does for a home (and for every home below it)."""

    EDITOR = "editor", _("editor")
    REVIEWER = "reviewer", _("reviewer")


class SubmissionChannel(models.TextChoices):
    """How a home's editor handed in a source."""

    FORM = "form", _("registration form")
    UPLOAD = "upload", _("document upload")
