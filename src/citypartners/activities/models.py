"""Activity: something that happened or will happen within a partnership.

Its date is a `PartialDate` or a range of two, at the precision the source gives. Whether an
activity is upcoming, current or past is computed from the first and last day those dates may
stand for (`starts_on`, `ends_on`, kept by the service), so a year-precision activity of the
current year counts as current, and undated ones are listed apart instead of being guessed.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citypartners.activities.enums import ActivityKind, Timing
from citypartners.core.dates import DateRange, InvalidPartialDate
from citypartners.core.fields import PartialDateField
from citypartners.core.models import TimeStampedModel


class ActivityQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, today: dt.date):
        return self.filter(starts_on__gt=today)

    def current(self, today: dt.date):
        return self.filter(starts_on__lte=today, ends_on__gte=today)

    def past(self, today: dt.date):
        return self.filter(ends_on__lt=today)

    def undated(self):
        return self.filter(starts_on__isnull=True)

    def chronological(self):
        return self.order_by(models.F("starts_on").asc(nulls_last=True), "position", "pk")


class Activity(TimeStampedModel):
    """A visit, conference, concert series, anniversary, election or other happening."""

    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    starts = PartialDateField(_("date"))
    ends = PartialDateField(_("until"))
    starts_on = models.DateField(editable=False, null=True)
    ends_on = models.DateField(editable=False, null=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_published = models.BooleanField(_("published"), default=True)
    topics = models.ManyToManyField("partnerships.Topic", blank=True, related_name="activities")
    organisations = models.ManyToManyField(
        "network.Organisation", blank=True, related_name="activities"
    )
    sources = models.ManyToManyField("sources.Source", related_name="activities")

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "starts_on", "position"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_start",
            )
        ]
        indexes = [
            # Everything a count of one partnership's activities in a date range reads, so
            # PostgreSQL answers it from the index alone; with the id, a home's calendar
            # orders its thousands of activities from the index too (no heap reads). The id
            # is a key column, not INCLUDE, which SQLite does not know.
            models.Index(
                fields=["partnership", "starts_on", "ends_on", "is_published", "id"],
                name="activity_partnership_dates_idx",
            ),
            models.Index(fields=["starts_on", "ends_on"], name="activity_dates_idx"),
            # The chronological order with its tie-breaker, so a page of a million activities
            # is read off the index (measured in BENCHMARKS.md: 107 ms -> 11 ms).
            models.Index(fields=["starts_on", "id"], name="activity_start_order_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """The end, when given, is not before the start (at the precision each states)."""
        try:
            DateRange(self.starts, self.ends if self.ends.is_known else None)
        except InvalidPartialDate as error:
            raise ValidationError({"ends": str(error)}) from error

    @property
    def dates(self) -> DateRange:
        return DateRange(self.starts, self.ends if self.ends.is_known else None)

    def timing(self, today: dt.date) -> Timing:
        if self.starts_on is None:
            return Timing.UNDATED
        if self.starts_on > today:
            return Timing.UPCOMING
        if self.ends_on < today:
            return Timing.PAST
        return Timing.CURRENT


class ActivityTally(models.Model):
    """How many published activities each partnership has of each kind.

    Kept by database triggers (migrations `0004` and `0007`), so that no way of writing
    activities can miss it: the ORM, bulk loads, COPY, raw SQL. It lets the open-data API give
    the exact total of a list over a million activities without counting them
    (`opendata.queries`). Rows of partnership id `REGISTRY` (0) hold the totals per kind. There is
    no foreign key to the partnership: a deleted partnership leaves only rows of count 0,
    which the triggers remove.
    """

    # The rows of this id hold the registry's total of each kind (no partnership has id 0).
    REGISTRY = 0

    partnership_id = models.BigIntegerField()
    kind = models.CharField(max_length=20)
    count = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership_id", "kind"], name="activity_tally_key")
        ]

    def __str__(self) -> str:
        return f"{self.partnership_id} {self.kind}: {self.count}"
