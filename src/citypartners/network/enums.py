"""Choices for organisations."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    GOVERNMENT = "government", _("government office")
    MINISTRY = "ministry", _("ministry")
    AGENCY = "agency", _("public agency")
    INTERNATIONAL = "international", _("international organisation")
    COMPANY = "company", _("company")
    CULTURE = "culture", _("cultural institution")
    EDUCATION = "education", _("school or university")
    CIVIL_SOCIETY = "civil_society", _("civil society organisation")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("waiting for review")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("declined")
