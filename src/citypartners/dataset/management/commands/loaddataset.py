"""`citypartners loaddataset PATH [--force]`: load a dataset directory (validated, atomic,
idempotent), keeping every record an editor changed since the last load unless forced."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from citypartners.dataset.errors import DatasetError
from citypartners.dataset.loading import load_dataset


class Command(BaseCommand):
    help = (
        "Load a dataset directory (e.g. data/berlin). Loading the same files twice changes "
        "nothing. Records edited in the back office since the last load are kept and the "
        "differences reported; --force applies the files to them too (their values stay in "
        "the history)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.CITYPARTNERS_DATASET))
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite records edited in the back office with the files' values.",
        )

    def handle(self, *args, **options):
        path = Path(options["path"])
        try:
            report = load_dataset(path, force=options["force"])
        except DatasetError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        self.stdout.write(report.summary())
        verdict = (
            "Dataset loaded." if report.changed else "Dataset already up to date; nothing changed."
        )
        self.stdout.write(self.style.SUCCESS(verdict))
        kept = sum(report.kept.values())
        if kept:
            self.stdout.write(
                self.style.WARNING(
                    f"{kept} record(s) edited in the back office were kept as the editors left "
                    f"them ({len(report.conflicts)} conflict(s) listed above). To take the "
                    "editors' work into the files: citypartners exportdataset DIR. To overwrite "
                    "it with the files: citypartners loaddataset --force (the editors' values "
                    "stay in each record's history)."
                )
            )
