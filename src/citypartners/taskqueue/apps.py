"""The task queue app."""

from django.apps import AppConfig


class TaskQueueConfig(AppConfig):
    name = "citypartners.taskqueue"
    label = "taskqueue"
    verbose_name = "Background tasks"
