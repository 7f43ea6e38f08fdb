"""`citypartners exportdataset [DIR]`: write the registry in the dataset format."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from citypartners.dataset.exporting import export_dataset


class Command(BaseCommand):
    help = "Write the whole registry as dataset files into DIR (the format loaddataset reads)."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Directory to write the dataset files into.")

    def handle(self, *args, **options):
        directory = Path(options["directory"])
        try:
            written = export_dataset(directory)
        except OSError as error:
            reason = error.strerror or str(error)
            raise CommandError(f"Cannot write the dataset to {directory}: {reason}.") from error
        for path in written:
            self.stdout.write(f"wrote {path}")
