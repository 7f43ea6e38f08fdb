"""The back office's background task: ingesting an uploaded document."""

from django_tasks import task

from citypartners.editors.services import record_submission
from citypartners.ingest import services


@task()
def ingest_upload(
    *,
    stored: str,
    name: str,
    home: str | None,
    max_bytes: int,
    submitted_for: int | None = None,
    submitted_by: int | None = None,
) -> dict:
    outcome = services.ingest_stored_upload(
        stored=stored, name=name, home=home, max_bytes=max_bytes
    )
    if submitted_for is not None and outcome.get("source"):
        record_submission(
            source_id=outcome["source"], home_id=submitted_for, user_id=submitted_by, upload=True
        )
    return outcome
