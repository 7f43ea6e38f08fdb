"""`citypartners sourceconflicts`: what the ingested sources disagree on."""

from django.core.management.base import BaseCommand

from citypartners.ingest.disagreements import find_disagreements


class Command(BaseCommand):
    help = "List what ingested sources disagree on (counts, missing partners, differing dates)."

    def handle(self, *args, **options):
        found = find_disagreements()
        for item in found:
            newer = f" Newer source: “{item.newer.title}”." if item.newer else ""
            self.stdout.write(f"[{item.kind}] {item.message}{newer}")
        self.stdout.write(f"{len(found)} disagreement(s).")
