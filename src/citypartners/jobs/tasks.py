"""The task engine's own periodic upkeep: pruning finished tasks."""

import datetime as dt

from django_tasks import task

from citypartners.jobs import services
from citypartners.jobs.registry import periodic


@periodic(every=dt.timedelta(days=1))
@task()
def prune_finished() -> dict[str, int]:
    return services.prune_finished()
