"""`citypartners exportopendata`: write every download file for the current registry version.

The first request for a download writes it too, but at national size the activities files take
minutes: run this after bulk changes (or from cron) so visitors get files already written.
"""

import time

from django.core.management.base import BaseCommand

from citypartners.opendata import exports, files
from citypartners.opendata.versioning import current_version


class Command(BaseCommand):
    help = "Write the open-data download files for the current registry version."

    def handle(self, *args, **options):
        version = current_version()
        for name, (_content_type, produce) in exports.download_files().items():
            started = time.perf_counter()
            path = files.ensure(name, produce, version)
            self.stdout.write(
                f"{path.name}: {path.stat().st_size:,} bytes, {time.perf_counter() - started:.1f} s"
            )
