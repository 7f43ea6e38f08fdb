"""The background-jobs app, and the task engine's app under a name of ours."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class JobsConfig(AppConfig):
    default = True
    name = "citypartners.jobs"
    label = "jobs"
    verbose_name = _("Task workers")


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks-db's app (the queue's table), named for the back office in both languages:
    the engine calls it "Tasks Database Backend" and its model "Task Result", in English only.

    The model's names are set on its options, not its Meta, so no migration of the engine's
    app follows from them (migrations read the Meta as declared).
    """

    verbose_name = _("Background tasks")

    def ready(self) -> None:
        super().ready()
        options = self.get_model("DBTaskResult")._meta
        options.verbose_name = _("task")
        options.verbose_name_plural = _("tasks")
