"""Declaring periodic jobs, and the exception with which a task asks to run again later.

Apps declare their tasks with `django_tasks.task` in a `tasks.py` module; a task that should
also run on a schedule is wrapped in `periodic(every=...)`. The worker imports every app's
`tasks` module at start, so every periodic job is known to every worker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules
from django_tasks.base import Task


class Retry(Exception):
    """Raised by a service on a temporary problem (e.g. an SMTP 4xx): run the task again later."""

    def __init__(self, message: str, *, delay: dt.timedelta | None = None) -> None:
        super().__init__(message)
        self.delay = delay


@dataclass(frozen=True)
class Periodic:
    task: Task
    every: dt.timedelta

    @property
    def name(self) -> str:
        return self.task.module_path


_periodic: dict[str, Periodic] = {}


def periodic(*, every: dt.timedelta):
    """Run the decorated task (which takes no arguments) once every `every`, on one machine."""

    def register(task: Task) -> Task:
        _periodic[task.module_path] = Periodic(task, every)
        return task

    return register


def discover() -> None:
    """Import every installed app's `tasks` module so its tasks and schedules register."""
    autodiscover_modules("tasks")


def periodic_jobs() -> list[Periodic]:
    return list(_periodic.values())
