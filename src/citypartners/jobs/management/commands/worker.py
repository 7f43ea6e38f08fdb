"""`citypartners worker`: the task engine's worker (`db_worker`), restarted after database errors.

A thin alias kept because the deployment units and `make run` name it; it accepts the engine's
options (`--batch`, `--interval`, `--queue-name`, `--max-tasks`, `--worker-id`) and the old
`--burst`. See `citypartners.jobs.worker` for what it adds to the engine's loop.
"""

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from citypartners.jobs.worker import CityWorker, new_worker_id


class Command(DbWorkerCommand):
    help = "Run background tasks until stopped (SIGTERM/Ctrl-C finish the current task)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(
            queue_name="*",
            reload=False,
            worker_id=None,
            interval=settings.CITYPARTNERS_TASK_POLL_SECONDS,
        )
        parser.add_argument("--burst", action="store_true", help="Same as --batch.")

    def handle(self, *args, verbosity=1, burst=False, **options):
        self.configure_logging(verbosity)
        batch = options["batch"] or burst
        excluded = options["exclude_queues"]
        worker = CityWorker(
            queue_names=options["queue_name"].split(","),
            excluded_queue_names=excluded.split(",") if excluded else [],
            interval=options["interval"],
            batch=batch,
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"] and not batch,
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"] or new_worker_id(),
        )
        worker.configure_signals()
        worker.run()
        if batch:
            self.stdout.write(f"{worker.tasks_run} task(s) run")
