"""Partnership and what it carries: topics, a dated and sourced history of states, milestones.

A partnership joins a home place (Berlin) with a partner place (Mexico City; or Germany with
Mexico for a federal dialogue). It has no single "since" field of record: its history is a list
of `StatusChange` rows, each dated at the precision its source gives and citing that source,
and `Milestone` rows for the steps around it (declarations, memoranda, work plans). The current
`status` and `since` on the partnership are kept by `services.record_status_change` from that
history so that lists can filter and sort on them without reading the history.
"""

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

from citypartners.core.fields import PartialDateField
from citypartners.core.models import TimeStampedModel
from citypartners.partnerships.enums import (
    MilestoneKind,
    Operator,
    PartnershipKind,
    Status,
    StatusKind,
    TopicKind,
    TopicRole,
)


class Topic(TimeStampedModel):
    """A theme (culture, digital policy, AI) or a form of cooperation (visits, youth exchange)."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=10, choices=TopicKind.choices, default=TopicKind.THEME
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("broader topic"),
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


class PartnershipQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def of_home(self, home):
        return self.filter(home=home)

    def city_partnerships(self):
        return self.filter(kind=PartnershipKind.CITY_PARTNERSHIP)

    def current(self):
        """Partnerships that exist now (active or dormant), not merely planned or ended."""
        return self.filter(status__in=[Status.ACTIVE, Status.DORMANT, Status.SUSPENDED])

    def presented_by(self, home):
        """What a home's site is about: the home's own partnerships, seen from either side
        (Paris's section shows Berlin–Paris), and its country's dialogues and cooperations
        (Germany–Mexico for Berlin), not the whole registry."""
        country = home.parent_id if home.parent and home.parent.kind == "country" else None
        return self.filter(
            models.Q(home=home)
            | models.Q(partner=home)
            | models.Q(
                home_id=country,
                kind__in=[PartnershipKind.BILATERAL_DIALOGUE, PartnershipKind.PROJECT_COOPERATION],
            )
        )


class Partnership(TimeStampedModel):
    """A partnership between two places."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=PartnershipKind.choices)
    operator = models.CharField(_("run by"), max_length=16, choices=Operator.choices)
    home = models.ForeignKey(
        "places.Place",
        on_delete=models.PROTECT,
        related_name="home_partnerships",
        verbose_name=_("home"),
    )
    partner = models.ForeignKey(
        "places.Place",
        on_delete=models.PROTECT,
        related_name="partner_partnerships",
        verbose_name=_("partner"),
    )
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("Only when it has a name of its own.")
    )
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("current state"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    status_since = PartialDateField(_("in this state since"))
    since = PartialDateField(_("partner since"))
    is_published = models.BooleanField(_("published"), default=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="partnerships")
    topics = models.ManyToManyField(
        Topic, through="PartnershipTopic", blank=True, related_name="partnerships"
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["since", "slug"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.UniqueConstraint(
                fields=["home", "partner", "kind"], name="partnership_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(home=models.F("partner")), name="partnership_two_places"
            ),
        ]
        indexes = [
            models.Index(fields=["home", "kind", "status"], name="partnership_home_kind_idx"),
            models.Index(fields=["since"], name="partnership_since_idx"),
            # Published partnerships by partner (the partner-country filters of the API and the
            # site) and their count, both from the index alone at national size.
            models.Index(
                fields=["partner", "id"],
                condition=models.Q(is_published=True),
                name="partnership_published_idx",
            ),
            # The few unpublished ones, whose activities the API's totals take away.
            models.Index(
                fields=["id"],
                condition=models.Q(is_published=False),
                name="partnership_unpublished_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"{self.home} – {self.partner}"


class PartnershipTopic(models.Model):
    """A topic of a partnership, in a role, with the sources that name it."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="topic_links"
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="partnership_links")
    role = models.CharField(
        _("role"), max_length=10, choices=TopicRole.choices, default=TopicRole.FOCUS
    )
    position = models.PositiveSmallIntegerField(default=0)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        ordering = ["partnership", "role", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "topic", "role"], name="partnership_topic_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.topic} ({self.get_role_display()})"


# The history and the milestones read in date order everywhere (the back office's inlines, the
# public page, the API, exports): dated rows first, by their ISO string, which sorts a year
# before the months and days of that year ("1993" < "1993-03" < "1993-09-01"); rows without a
# date last, because a source that gives no date cannot be placed before a dated step (Kyiv's
# undated "in force" comes after its signing on 14 September 2023). The hand-set position only
# breaks ties. Decision record 0013.
DATE_ORDER = [
    "partnership",
    Case(When(on="", then=Value(1)), default=Value(0)).asc(),
    "on",
    "position",
    "pk",
]


class StatusChange(TimeStampedModel):
    """A dated step in a partnership's life, citing the sources that report it."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="status_changes"
    )
    kind = models.CharField(_("step"), max_length=10, choices=StatusKind.choices)
    on = PartialDateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    sources = models.ManyToManyField("sources.Source", related_name="status_changes")

    class Meta:
        ordering = DATE_ORDER
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on}"


class Milestone(TimeStampedModel):
    """A step around a partnership (declaration, memorandum, launch, work plan)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=MilestoneKind.choices)
    on = PartialDateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    sources = models.ManyToManyField("sources.Source", related_name="milestones")

    class Meta:
        ordering = DATE_ORDER
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class PartnershipOrganisation(models.Model):
    """An organisation's role in a partnership, as a source states it."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="organisation_roles"
    )
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="partnership_roles"
    )
    role = models.CharField(_("role"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    sources = models.ManyToManyField("sources.Source", related_name="+")

    class Meta:
        ordering = ["partnership", "position"]
        verbose_name = _("organisation's role")
        verbose_name_plural = _("organisations' roles")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="partnership_org_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.role}"


class Programme(TimeStampedModel):
    """A home place's partnership programme: what it is about, how it works, who runs it."""

    home = models.OneToOneField("places.Place", on_delete=models.PROTECT, related_name="programme")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    office = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="programmes", verbose_name=_("focus areas")
    )
    boroughs_note = models.TextField(_("note on the boroughs' partnerships"), blank=True)
    boroughs = models.ManyToManyField(
        "places.Place",
        blank=True,
        related_name="+",
        verbose_name=_("boroughs with partnerships of their own"),
    )
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="programmes")

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name
