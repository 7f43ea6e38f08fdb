"""Choices for partnerships: their kinds, who runs them, and the states they pass through."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnershipKind(models.TextChoices):
    CITY_PARTNERSHIP = "city_partnership", _("city partnership")
    BOROUGH_PARTNERSHIP = "borough_partnership", _("borough partnership")
    BILATERAL_DIALOGUE = "bilateral_dialogue", _("bilateral dialogue")
    PROJECT_COOPERATION = "project_cooperation", _("project cooperation")


class Operator(models.TextChoices):
    """Who runs the partnership."""

    FEDERAL = "federal", _("federal government")
    STATE = "state", _("federal state")
    MUNICIPALITY = "municipality", _("municipality")
    BOROUGH = "borough", _("borough")
    CIVIL_SOCIETY = "civil_society", _("civil society")


class StatusKind(models.TextChoices):
    """A dated step in a partnership's life, as a source reports it."""

    DECLARED = "declared", _("declaration of intent")
    AGREED = "agreed", _("agreed")
    SIGNED = "signed", _("signed")
    ACTIVE = "active", _("in force")
    DORMANT = "dormant", _("dormant")
    SUSPENDED = "suspended", _("suspended")
    ENDED = "ended", _("ended")


class Status(models.TextChoices):
    """The current state shown to the public, the same words everywhere."""

    PLANNED = "planned", _("agreed, not yet signed")
    ACTIVE = "active", _("active")
    DORMANT = "dormant", _("dormant")
    SUSPENDED = "suspended", _("suspended")
    ENDED = "ended", _("ended")


# Which public state each step leads to.
STATUS_AFTER = {
    StatusKind.DECLARED: Status.PLANNED,
    StatusKind.AGREED: Status.PLANNED,
    StatusKind.SIGNED: Status.ACTIVE,
    StatusKind.ACTIVE: Status.ACTIVE,
    StatusKind.DORMANT: Status.DORMANT,
    StatusKind.SUSPENDED: Status.SUSPENDED,
    StatusKind.ENDED: Status.ENDED,
}
# Steps that mark the start of the partnership (its "partner since" date).
START_KINDS = (StatusKind.SIGNED, StatusKind.ACTIVE)


class TopicKind(models.TextChoices):
    THEME = "theme", _("theme")
    FORM = "form", _("form of cooperation")


class TopicRole(models.TextChoices):
    """How a topic belongs to a partnership."""

    FOCUS = "focus", _("focus area")
    KEY_AREA = "key_area", _("key area")
    THEME = "theme", _("topic")
    FORM = "form", _("form of exchange")


class MilestoneKind(models.TextChoices):
    DECLARATION = "declaration", _("joint declaration")
    MEMORANDUM = "memorandum", _("memorandum of understanding")
    AGREEMENT = "agreement", _("agreement")
    LAUNCH = "launch", _("launch")
    WORK_PLAN = "work_plan", _("work plan")
    MANDATE = "mandate", _("mandate")
    OTHER = "other", _("milestone")
