"""`citypartners ingest PATH... [--dry-run] [--format text|json] [--home CITY]`.

Each document (a directory stands for the files in it) is read, its facts extracted, and,
without --dry-run, stored as a Source with its Claims in one transaction per document. A
failing document is named with its problem and nothing of it is written; the exit code is
non-zero when any document failed.

Every document has a budget of bytes, PDF pages, HTML depth and seconds
(``CITYPARTNERS_INGEST_*``, see ``reading.Budget``); one over it is refused with a message
saying which, and the batch goes on.

A dry run needs no database: where the tables are missing (a new checkout before
``citypartners migrate``) it reads without the registry's aliases and says so on stderr. A run
that stores refuses at once with a message saying to run ``citypartners migrate``.
"""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from citypartners.ingest.comparison import registry_aliases
from citypartners.ingest.gazetteer import warm_up
from citypartners.ingest.language import RULE_LANGUAGES
from citypartners.ingest.reading import Budget, DocumentError, time_budget
from citypartners.ingest.services import ingest_document


def documents(paths: list[str]) -> list[Path]:
    found = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
            )
        else:
            found.append(path)
    return found


class Command(BaseCommand):
    # The system checks import every URL and view (a third of the start-up); reading documents
    # needs none of them, and `citypartners check` still runs them.
    requires_system_checks: list[str] = []
    help = "Extract partnerships, dated events, counts and organisations from text, HTML or PDF."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--dry-run", action="store_true", help="Extract and print; store nothing."
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--home", help="The home city, when the text does not make it clear.")
        parser.add_argument("--max-bytes", type=int, default=settings.CITYPARTNERS_INGEST_MAX_BYTES)

    def handle(self, *args, **options):
        aliases = self._aliases(dry_run=options["dry_run"])
        warm_up()
        failures = 0
        seconds = Budget.from_env().max_seconds
        for path in documents(options["paths"]):
            try:
                data = path.read_bytes()
                with time_budget(seconds, path=str(path)):
                    result = ingest_document(
                        data=data,
                        path=str(path),
                        home=options["home"],
                        dry_run=options["dry_run"],
                        max_bytes=options["max_bytes"],
                        aliases=aliases,
                    )
            except (DocumentError, OSError) as error:
                failures += 1
                message = str(error) if str(path) in str(error) else f"{path}: {error}"
                self.stderr.write(self.style.ERROR(message))
                continue
            self._print(result, options)
        if failures:
            raise CommandError(f"{failures} document(s) failed; nothing of them was stored.")

    def _aliases(self, *, dry_run: bool) -> dict:
        try:
            return registry_aliases()
        except DatabaseError as error:
            hint = "the database is not set up; run `citypartners migrate` first"
            if not dry_run:
                raise CommandError(f"{hint} ({error}).") from error
            self.stderr.write(
                self.style.WARNING(f"{hint} to use the registry's place names; read without them.")
            )
            return {}

    def _print(self, result, options):
        extraction = result.extraction
        source = extraction["source"]
        if source["language"] not in RULE_LANGUAGES:
            self.stderr.write(
                self.style.WARNING(
                    f"{source['path']}: written in neither German nor English "
                    f"({source['language']}); the rules read those two, so check every claim "
                    "against the document and expect some to be missing."
                )
            )
        if options["format"] == "json":
            self.stdout.write(json.dumps(extraction, ensure_ascii=False))
            return
        home = extraction["home"]["name"] if extraction["home"] else "unknown"
        self.stdout.write(f"{source['path']} ({source['language']}, home: {home})")
        for item in extraction["partnerships"]:
            since = item["since"] or "no date"
            self.stdout.write(
                f"  partner  {item['city']} ({item['country']}) since {since} [{item['precision']}]"
            )
        for item in extraction["events"]:
            span = item["date"] + (f"–{item['end']}" if item["end"] else "")
            self.stdout.write(f"  event    {span}: {item['summary'][:90]}")
        for item in extraction["counts"]:
            verdict = "consistent" if item["consistent"] else "INCONSISTENT"
            self.stdout.write(
                f"  count    states {item['stated']}, lists {item['listed']} ({verdict})"
            )
        for item in extraction["organisations"]:
            self.stdout.write(f"  org      {item['name']} ({item.get('acronym') or '-'})")
        if result.source is not None:
            self.stdout.write(
                f"  stored as source {result.source.key}: {result.created_claims} new claims, "
                f"{result.existing_claims} already known"
            )
        sys.stdout.flush()
