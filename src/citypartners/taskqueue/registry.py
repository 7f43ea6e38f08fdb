"""Declaring tasks: a name bound to a function that receives the payload as keywords.

Apps declare their tasks in a `tasks.py` module; the worker imports every app's `tasks`
module at start. A task that hits a temporary problem raises `Retry`; any other exception
is also retried with backoff until the task's attempts are used up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


class Retry(Exception):
    """Raised by a task to run again later (e.g. a temporary SMTP failure)."""

    def __init__(self, message: str, *, delay: dt.timedelta | None = None) -> None:
        super().__init__(message)
        self.delay = delay


class UnknownTask(LookupError):
    pass


@dataclass(frozen=True)
class Periodic:
    name: str
    every: dt.timedelta


_tasks: dict[str, Callable[..., object]] = {}
_periodic: list[Periodic] = []


def task(name: str, *, every: dt.timedelta | None = None):
    """Register the decorated function as task `name`; `every` also runs it periodically."""

    def register(function: Callable[..., object]) -> Callable[..., object]:
        _tasks[name] = function
        if every is not None and all(p.name != name for p in _periodic):
            _periodic.append(Periodic(name, every))
        return function

    return register


def discover() -> None:
    """Import every installed app's `tasks` module so its tasks register."""
    autodiscover_modules("tasks")


def function_for(name: str) -> Callable[..., object]:
    if name not in _tasks:
        discover()
    try:
        return _tasks[name]
    except KeyError:
        raise UnknownTask(f"no task is registered as {name!r}") from None


def periodic_tasks() -> list[Periodic]:
    return list(_periodic)
