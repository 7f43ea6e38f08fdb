"""What the task engine does not record: which workers are alive, and which periodic runs began.

`WorkerBeat` is one row per worker process, stamped with the database's clock (never a
machine's own) while the process lives; a running task whose worker has not stamped for the
lock timeout is put back in the queue. `PeriodicRun` has one row per periodic job and period:
its unique key is what lets every worker try to schedule a job while only one succeeds.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerBeat(models.Model):
    """The last sign of life of one worker process."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    host = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"))
    seen_at = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return self.worker_id


class PeriodicRun(models.Model):
    """A periodic job scheduled for one period; the unique key makes it once across machines."""

    name = models.CharField(_("job"), max_length=200)
    period_start = models.DateTimeField(_("period"))
    scheduled_at = models.DateTimeField(_("scheduled"), auto_now_add=True)

    class Meta:
        verbose_name = _("periodic run")
        verbose_name_plural = _("periodic runs")
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(fields=["name", "period_start"], name="periodic_run_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} @ {self.period_start:%Y-%m-%d %H:%M}"
