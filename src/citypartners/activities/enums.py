"""Choices for activities."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("visit")
    CONFERENCE = "conference", _("conference")
    MEETING = "meeting", _("meeting")
    VIDEO_CONFERENCES = "video_conferences", _("video-conference series")
    CULTURAL = "cultural", _("cultural programme")
    CONCERTS = "concerts", _("concerts")
    EXHIBITION = "exhibition", _("exhibition")
    ANNIVERSARY = "anniversary", _("anniversary")
    ELECTION = "election", _("election")
    FUNDING = "funding", _("funding programme")
    INSTITUTION = "institution", _("institutional change")
    OTHER = "other", _("activity")


class Timing(models.TextChoices):
    UPCOMING = "upcoming", _("upcoming")
    CURRENT = "current", _("current")
    PAST = "past", _("past")
    UNDATED = "undated", _("date not stated")
