"""Download files written once per registry version and served from disk.

At national size the activities CSV takes minutes to write, longer than an app server lets a
request run, and every visitor asking for it would repeat the work. So the downloads are written
by a background task, once per registry version across all app servers (`request_build`: a
unique row per version, inserted with the task), into `CITYPARTNERS_DOWNLOADS_DIR`, a directory
every app server mounts (shared storage); or ahead of time by `citypartners exportopendata`.
Until a version's file is there, a request for it is told to come back (503, Retry-After).
A file is written under a temporary name and renamed into place, so readers never see half a
file; files of older versions are removed when a newer one is written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from citypartners.jobs.services import enqueue
from citypartners.opendata.models import DownloadBuild
from citypartners.opendata.versioning import Version, current_version

Producer = Callable[[], Iterable[str] | bytes]


def _directory() -> Path:
    directory = Path(settings.CITYPARTNERS_DOWNLOADS_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _stem(version: Version) -> str:
    return f"v{version.number}-{int(version.changed_at.timestamp() * 1_000_000)}"


def path_for(name: str, version: Version) -> Path:
    return _directory() / f"{_stem(version)}--{name}"


def ensure(name: str, produce: Producer, version: Version | None = None) -> Path:
    """The file for this version, written now if it is not there yet."""
    version = version or current_version()
    path = path_for(name, version)
    if path.exists():
        return path
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
    try:
        with os.fdopen(handle, "wb") as out:
            content = produce()
            if isinstance(content, bytes):
                out.write(content)
            else:
                for text in content:
                    out.write(text.encode("utf-8"))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    for old in path.parent.glob(f"*--{name}"):
        if old != path:
            old.unlink(missing_ok=True)
    return path


def request_build(version: Version) -> bool:
    """Enqueue the writing of this version's files unless it was asked for already (anywhere).

    True if this call enqueued it. The row and the task are written in one transaction, so a
    version is never marked as asked for without a task that writes it.
    """
    try:
        with transaction.atomic():
            DownloadBuild.objects.create(version=version.number)
            enqueue("citypartners.opendata.tasks.write_downloads", version=version.number)
    except IntegrityError:
        return False
    return True


def write_all(version: Version) -> list[Path]:
    """Write every download file of `version` that is not there yet."""
    from citypartners.opendata.exports import download_files

    return [ensure(name, produce, version) for name, (_type, produce) in download_files().items()]
