"""`citypartners worker`: run background tasks (newsletter mails, confirmations, clean-ups)."""

from django.core.management.base import BaseCommand

from citypartners.taskqueue.worker import Worker


class Command(BaseCommand):
    help = "Run queued background tasks until stopped (SIGTERM/Ctrl-C finish the current task)."

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="Stop when no task is due.")
        parser.add_argument("--name", help="Worker name shown in task locks (default host:pid).")
        parser.add_argument("--poll", type=float, help="Seconds between looks for due tasks.")

    def handle(self, *args, burst=False, name=None, poll=None, **options):
        done = Worker(name=name, poll=poll).run(burst=burst)
        if burst:
            self.stdout.write(f"{done} task(s) run")
