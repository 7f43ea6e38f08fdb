"""Download files written once per registry version and served from disk.

At national size the activities CSV takes minutes to write, longer than an app server lets a
request run, and every visitor asking for it would repeat the work. So each download is written
once per registry version into `CITYPARTNERS_DOWNLOADS_DIR` (by the first request that needs it,
or ahead of time by `citypartners exportopendata`), then served as a file. A file is written
under a temporary name and renamed into place, so readers never see half a file; files of older
versions are removed when a newer one is written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings

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
