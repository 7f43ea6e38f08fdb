"""`citypartners loaddataset PATH`: load a dataset directory (validated, atomic, idempotent)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from citypartners.dataset.errors import DatasetError
from citypartners.dataset.loading import load_dataset


class Command(BaseCommand):
    help = (
        "Load a dataset directory (e.g. data/berlin). Loading the same files twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.CITYPARTNERS_DATASET))

    def handle(self, *args, **options):
        path = Path(options["path"])
        try:
            report = load_dataset(path)
        except DatasetError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        self.stdout.write(report.summary())
        verdict = (
            "Dataset loaded." if report.changed else "Dataset already up to date; nothing changed."
        )
        self.stdout.write(self.style.SUCCESS(verdict))
