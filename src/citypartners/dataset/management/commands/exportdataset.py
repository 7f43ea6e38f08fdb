"""`citypartners exportdataset [DIR]`: write the registry in the dataset format."""

from pathlib import Path

from django.core.management.base import BaseCommand

from citypartners.dataset.exporting import export_dataset


class Command(BaseCommand):
    help = "Write the whole registry as dataset files into DIR (the format loaddataset reads)."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Directory to write the dataset files into.")

    def handle(self, *args, **options):
        for path in export_dataset(Path(options["directory"])):
            self.stdout.write(f"wrote {path}")
