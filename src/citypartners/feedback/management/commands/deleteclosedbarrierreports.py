"""`citypartners deleteclosedbarrierreports`: delete barrier reports closed over a year ago.

Run it daily (cron or the worker); the privacy notice promises the deletion.
"""

from django.core.management.base import BaseCommand

from citypartners.feedback.services import RETENTION_DAYS, delete_closed_reports


class Command(BaseCommand):
    help = "Delete barrier reports that were dealt with more than a year ago."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=RETENTION_DAYS)

    def handle(self, *args, **options):
        count = delete_closed_reports(older_than_days=options["days"])
        self.stdout.write(self.style.SUCCESS(f"Deleted {count} closed barrier reports."))
