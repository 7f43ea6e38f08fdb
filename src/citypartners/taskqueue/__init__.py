"""A small durable task queue: background work without an extra server, Redis when configured.

Any app can declare a task (`@task("app.name")` in its `tasks.py`) and enqueue it with ids in
the same database transaction as the change that needs it, so work is never lost and never
runs for a change that was rolled back. `citypartners worker` runs the tasks.
"""
