"""`citypartners reindex`: write the search entries anew from the registry, then analyse."""

import time

from django.core.management.base import BaseCommand

from citypartners.search.services import analyze_tables, rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the registry (safe to run at any time: on PostgreSQL "
        "searches and saves go on while it builds), then refresh the planner's statistics."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()

        def progress(step: str) -> None:
            if options["verbosity"] >= 2:
                self.stdout.write(f"{time.perf_counter() - started:8.1f} s  {step}")

        count = rebuild_index(progress=progress)
        # Whatever bulk write came before the reindex (a COPY, a restore) is analysed too.
        analyze_tables()
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Search index rebuilt: {count} entries in {seconds:.1f} s.")
        )
