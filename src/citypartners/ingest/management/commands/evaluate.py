"""`citypartners evaluate GOLD.json...`: precision, recall and F1 against gold, with a baseline."""

from django.core.management.base import BaseCommand, CommandError

from citypartners.ingest.evaluation import evaluate, format_report


class Command(BaseCommand):
    help = "Score the extraction against gold files and show a naive dateparser baseline beside it."

    def add_arguments(self, parser):
        parser.add_argument("gold", nargs="+", metavar="GOLD.json")
        parser.add_argument("--no-baseline", action="store_true")

    def handle(self, *args, **options):
        for gold in options["gold"]:
            try:
                report = evaluate(gold, with_baseline=not options["no_baseline"])
            except (OSError, ValueError) as error:
                raise CommandError(f"{gold}: {error}") from error
            self.stdout.write(format_report(report))
