"""Task: one piece of background work, stored in the database so that nothing is lost.

The row is the durable record whatever transports the wake-up signal (polling, or Redis when
`REDIS_URL` is set). A worker claims a due task by setting `locked_by`/`locked_at`; a task
whose worker went silent for longer than the lock timeout is handed to another worker, so a
killed worker delays its work but never loses it. Tasks receive ids, never personal data or
secrets, because the payload is stored in clear.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citypartners.taskqueue.enums import TaskStatus


class TaskQuerySet(models.QuerySet):
    def due(self, now):
        return self.filter(status=TaskStatus.QUEUED, run_at__lte=now)

    def stale(self, locked_before):
        return self.filter(status=TaskStatus.RUNNING, locked_at__lt=locked_before)

    def open(self):
        return self.filter(status__in=[TaskStatus.QUEUED, TaskStatus.RUNNING])


class Task(models.Model):
    """A named function to call with a JSON payload of ids, at or after `run_at`."""

    name = models.CharField(_("task"), max_length=100)
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.QUEUED
    )
    run_at = models.DateTimeField(_("run at"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("maximum attempts"), default=5)
    locked_by = models.CharField(_("locked by"), max_length=100, blank=True)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["run_at", "pk"]
        verbose_name = _("background task")
        verbose_name_plural = _("background tasks")
        indexes = [models.Index(fields=["status", "run_at"], name="task_status_run_at_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=TaskStatus.RUNNING) | models.Q(locked_at__isnull=False),
                name="task_running_is_locked",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} #{self.pk}"
