"""RegistryVersion: one number that changes whenever anything in the registry changes.

Open-data responses are cached and answered with ETag / Last-Modified. Hashing every response
body would cost the full query work on each request; instead each response's validator is the
registry version plus the request, and a cached body is looked up under the same key. The
counter lives in the database (not only in a cache) so that every app server process sees an
edit at once, whichever cache backend is configured, and an edit that is rolled back rolls
back its bump too.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistryVersion(models.Model):
    """The single row (id 1) counting edits to the registry, and when the last one happened."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "registry version"
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="registry_version_one_row")
        ]

    def __str__(self) -> str:
        return f"registry version {self.number}"


class DownloadBuild(models.Model):
    """The writing of one registry version's download files was asked for, once for all servers.

    The first app server that finds a version's files missing inserts this row and enqueues the
    task that writes them, in one transaction; the unique version makes every other server's
    insert fail, so the files are written once per version, by one worker.
    """

    version = models.PositiveBigIntegerField(_("registry version"), unique=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)

    class Meta:
        verbose_name = _("download build")
        verbose_name_plural = _("download builds")

    def __str__(self) -> str:
        return f"downloads of version {self.version}"
