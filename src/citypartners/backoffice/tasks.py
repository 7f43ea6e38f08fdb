"""The back office's background task: ingesting an uploaded document."""

from django_tasks import task

from citypartners.ingest import services


@task()
def ingest_upload(*, stored: str, name: str, home: str | None, max_bytes: int) -> dict:
    return services.ingest_stored_upload(stored=stored, name=name, home=home, max_bytes=max_bytes)
