"""`citypartners evaluate GOLD.json... [--split build|measure|all]`: extraction against gold.

Prints precision, recall and F1 of partnerships and events for each part of the split, the
baseline's beside them, and our errors by class with up to three examples each. Reads the real
corpus's gold (``../shared/ingest-corpus/{de,en}/gold.json``) and the project's own.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from citypartners.ingest.evaluation import evaluate, format_report


class Command(BaseCommand):
    # The system checks import every URL and view (a third of the start-up); reading documents
    # needs none of them, and `citypartners check` still runs them.
    requires_system_checks: list[str] = []
    help = (
        "Score the extraction against gold files, by error class, with a dateparser baseline "
        "beside it."
    )

    def add_arguments(self, parser):
        parser.add_argument("gold", nargs="+", metavar="GOLD.json")
        parser.add_argument(
            "--split",
            choices=["build", "measure", "all"],
            default="all",
            help="Which part of the documents (split by home place) to score; all reports both.",
        )
        parser.add_argument("--no-baseline", action="store_true")
        parser.add_argument("--per-document", action="store_true")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        try:
            report = evaluate(
                options["gold"],
                with_baseline=not options["no_baseline"],
                split=options["split"],
            )
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"{' '.join(options['gold'])}: {error}") from error
        if options["format"] == "json":
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=1))
        else:
            self.stdout.write(format_report(report, per_document=options["per_document"]))
