"""The feedback app's background task: telling the office of a barrier report."""

from django_tasks import task

from citypartners.feedback import services
from citypartners.jobs.services import retry_later

MAX_ATTEMPTS = 6


@task()
def notify_office(*, report: int, attempt: int = 1) -> bool:
    with retry_later(notify_office, attempt=attempt, max_attempts=MAX_ATTEMPTS, report=report):
        return services.notify_office(report_id=report)
    return False
