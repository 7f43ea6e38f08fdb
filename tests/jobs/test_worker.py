"""The worker as operators run it: a separate process, killed with SIGKILL mid-send, restarted.

On PostgreSQL (the several-machines set-up) its connections are also cut under it.

These tests use a database of their own (a SQLite file, or a fresh PostgreSQL database when
the suite runs on PostgreSQL), because the worker process must see committed data.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from aiosmtpd.controller import Controller

from tests.mailserver import MailServer, free_port

CITYPARTNERS = [sys.executable, "-m", "citypartners"]
RECIPIENTS = 24

SEED = f"""
from django.utils import timezone
from citypartners.newsletter.models import ConsentText, Edition, Subscriber
from citypartners.newsletter.services import send_edition
now = timezone.now()
for n in range({RECIPIENTS}):
    Subscriber.objects.create(email=f"r{{n:02d}}@example.org", language="de" if n % 2 else "en",
        status="confirmed", consent_text=ConsentText.objects.current(), requested_at=now,
        confirmed_at=now)
edition = Edition.objects.create(subject_de="Ausgabe", subject_en="Edition", body_de="Text",
    body_en="Text")
print(send_edition(edition=edition))
"""
REPORT = """
from citypartners.newsletter.models import Delivery
print(sorted(Delivery.objects.values_list("status", flat=True).distinct()))
"""


class KillingMailServer(MailServer):
    """Kills the worker while it is sending message number `kill_at`, before accepting it."""

    def __init__(self, port: int, kill_at: int) -> None:
        super().__init__(port=port)
        self.kill_at = kill_at
        self.seen = 0
        self.victim: subprocess.Popen | None = None

    async def handle_DATA(self, server, session, envelope):
        self.seen += 1
        if self.victim is not None and self.seen == self.kill_at:
            os.kill(self.victim.pid, signal.SIGKILL)
            self.victim = None
            return "451 4.3.0 connection is going away"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def worker_env(tmp_path):
    """Environment for subprocesses: an own migrated database, fast lock timeout and polling."""
    test_url = os.environ.get("CITYPARTNERS_TEST_DATABASE_URL", "")
    env = {k: v for k, v in os.environ.items() if k != "CITYPARTNERS_TEST_DATABASE_URL"}
    drop = None
    if test_url:
        import psycopg

        name = f"cp_worker_{uuid.uuid4().hex[:12]}"
        parts = urlsplit(test_url)
        admin_url = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))

        def drop():
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'worker.sqlite3'}"
    env.update(
        CITYPARTNERS_VAR_DIR=str(tmp_path),
        CITYPARTNERS_TASK_LOCK_TIMEOUT="2",
        CITYPARTNERS_TASK_POLL_SECONDS="0.1",
        CITYPARTNERS_NEWSLETTER_BATCH_SIZE="5",
        CITYPARTNERS_LOG_LEVEL="WARNING",
        REDIS_URL="",
        PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"),
    )
    subprocess.run(
        [*CITYPARTNERS, "migrate", "--noinput"], env=env, check=True, capture_output=True
    )
    try:
        yield env
    finally:
        if drop:
            drop()


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_worker_killed_mid_send_and_restarted_sends_every_mail_exactly_once(worker_env, tmp_path):
    server = KillingMailServer(port=free_port(), kill_at=8)
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    env = {**worker_env, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(server.port)}
    log = (tmp_path / "worker.log").open("w")
    try:
        seeded = subprocess.run(
            [*CITYPARTNERS, "shell", "--no-imports", "-c", SEED],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        assert seeded.stdout.strip() == str(RECIPIENTS)

        first = subprocess.Popen([*CITYPARTNERS, "worker"], env=env, stdout=log, stderr=log)
        server.victim = first
        assert first.wait(timeout=60) == -signal.SIGKILL
        received_before_restart = len(server.messages)
        assert 0 < received_before_restart < RECIPIENTS

        second = subprocess.Popen([*CITYPARTNERS, "worker"], env=env, stdout=log, stderr=log)
        try:
            assert _wait(lambda: len(server.messages) >= RECIPIENTS, timeout=60)
            time.sleep(1.5)  # anything left to (wrongly) send again would arrive now
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=30)
    finally:
        controller.stop()
        log.close()

    recipients = [m.to for m in server.messages]
    assert len(recipients) == RECIPIENTS
    assert sorted(set(recipients)) == [f"r{n:02d}@example.org" for n in range(RECIPIENTS)]
    subjects = {m.to: m.message["Subject"] for m in server.messages}
    assert subjects["r01@example.org"] == "Ausgabe" and subjects["r00@example.org"] == "Edition"
    report = subprocess.run(
        [*CITYPARTNERS, "shell", "--no-imports", "-c", REPORT],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert report.stdout.strip() == "['sent']"


def test_worker_burst_runs_due_tasks_and_stops(worker_env):
    env = worker_env
    subprocess.run(
        [
            *CITYPARTNERS,
            "shell",
            "--no-imports",
            "-c",
            SEED.replace(f"range({RECIPIENTS})", "range(0)"),
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    done = subprocess.run(
        [*CITYPARTNERS, "worker", "--burst"], env=env, check=True, capture_output=True, text=True
    )
    # the periodic jobs: clean-ups (unconfirmed sign-ups, undeliverable messages to contacts
    # and to partner searches, finished tasks) and the partner searches' expiry reminders
    assert done.stdout.strip() == "5 task(s) run"
    again = subprocess.run(
        [*CITYPARTNERS, "worker", "--burst"], env=env, check=True, capture_output=True, text=True
    )
    # another process (or machine) in the same period: they ran already, once is enough
    assert again.stdout.strip() == "0 task(s) run"


def test_worker_survives_its_database_connections_being_cut(worker_env, tmp_path):
    url = worker_env["DATABASE_URL"]
    if not url.startswith("postgresql"):
        pytest.skip(
            "cutting a server's connections needs PostgreSQL (CITYPARTNERS_TEST_DATABASE_URL)"
        )
    import psycopg

    server = MailServer(port=free_port())
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    env = {**worker_env, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(server.port)}
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen([*CITYPARTNERS, "worker"], env=env, stdout=log, stderr=log)
    name = urlsplit(url).path.lstrip("/")
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            assert _wait(
                lambda: (
                    conn.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> "
                        "pg_backend_pid()",
                        [name],
                    ).fetchone()[0]
                    > 0
                ),
                timeout=30,
            )
            cut = conn.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            ).fetchone()[0]
        assert cut > 0
        subprocess.run(
            [
                *CITYPARTNERS,
                "shell",
                "--no-imports",
                "-c",
                SEED.replace(f"range({RECIPIENTS})", "range(3)"),
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        assert _wait(lambda: len(server.messages) >= 3, timeout=60)
        assert worker.poll() is None
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
        controller.stop()
        log.close()
    assert sorted(m.to for m in server.messages) == [f"r{n:02d}@example.org" for n in range(3)]
