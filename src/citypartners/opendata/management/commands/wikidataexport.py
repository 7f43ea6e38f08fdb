"""`citypartners wikidataexport`: the partnerships as QuickStatements, with Q-ids when mapped.

Without `--mapping` it prints the same file as the download, items written as GEONAMES:<id>.
With `--mapping FILE` (the Wikidata Query Service's CSV or TSV result of the lookup query from
`--lookup-query`) it writes Q-ids instead and reports every GeoNames id still without one.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from citypartners.opendata import exports, queries


class Command(BaseCommand):
    help = "Write the partnerships as Wikidata QuickStatements (P190 with start time and source)."

    def add_arguments(self, parser):
        parser.add_argument("--mapping", type=Path, help="Query Service result: geonames,item")
        parser.add_argument(
            "--lookup-query", action="store_true", help="Print the SPARQL lookup query instead"
        )
        parser.add_argument("--output", type=Path, help="Write to this file instead of stdout")

    def handle(self, *args, mapping=None, lookup_query=False, output=None, **options):
        rows = queries.partnerships()
        if lookup_query:
            text = exports.wikidata_lookup_query(rows)
        else:
            qids = {}
            if mapping is not None:
                try:
                    qids = exports.read_qid_mapping(mapping.read_text(encoding="utf-8"))
                except OSError as error:
                    raise CommandError(f"cannot read {mapping}: {error}") from error
            text = exports.quickstatements(rows, qids)
            unmapped = sorted(set(exports.GEONAMES_TOKEN.findall(text)))
            if mapping is not None and unmapped:
                self.stderr.write(
                    f"{len(unmapped)} GeoNames ids have no Wikidata item in {mapping}: "
                    + ", ".join(unmapped)
                )
            _usable, skipped = exports.twinnings(rows)
            for partnership in skipped:
                self.stderr.write(f"skipped {partnership.slug}: a place has no GeoNames id")
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
