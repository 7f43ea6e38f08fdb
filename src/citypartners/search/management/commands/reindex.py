"""`citypartners reindex`: write the search entries anew from the registry."""

from django.core.management.base import BaseCommand

from citypartners.search.services import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the search index from the registry (safe to run at any time)."

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} entries."))
