"""Background work on Django's task framework (`django.tasks`, the django-tasks backport on 5.2).

The engine is django-tasks' database backend (`django_tasks_db`): a task is enqueued as a row in
the same transaction as the change that needs it, and `citypartners worker` runs the engine's
own worker. This app adds only what the engine leaves to its users: a worker that survives
database restarts, worker heartbeats with which tasks of a killed worker are run again,
periodic jobs that run once per period across all machines, retries of temporary failures,
a back-office list with a retry action, and the pruning of finished tasks. See
docs/decisions/0011-django-tasks-database-backend.md.
"""
