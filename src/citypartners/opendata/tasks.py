"""The open-data app's background task: writing the download files of a registry version."""

from django_tasks import task

from citypartners.opendata import files
from citypartners.opendata.versioning import current_version


@task()
def write_downloads(*, version: int) -> int:
    """Write the files if `version` is still current (else a newer build is asked for)."""
    current = current_version()
    if current.number != version:
        return 0
    return len(files.write_all(current))
