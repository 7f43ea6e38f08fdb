"""Newsletter sending throughput and confirmation latency, against a real SMTP server on loopback.

Creates a throw-away SQLite database (or uses DATABASE_URL if you point it at an empty
PostgreSQL database), subscribes N confirmed readers, sends one edition with
`citypartners worker --burst`, and prints mails per second. Then it starts a worker, enqueues
one confirmation and prints how long the mail took to arrive (the worker looks for new tasks
every CITYPARTNERS_TASK_POLL_SECONDS).

    .venv/bin/python bench/newsletter_send.py [N]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aiosmtpd.controller import Controller

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.mailserver import MailServer, free_port

CITYPARTNERS = [sys.executable, "-m", "citypartners"]
N = int(sys.argv[1]) if len(sys.argv) > 1 else 300

SEED = f"""
from django.utils import timezone
from citypartners.newsletter.models import ConsentText, Edition, Subscriber
from citypartners.newsletter.services import send_edition
now = timezone.now()
text = ConsentText.objects.current()
Subscriber.objects.bulk_create([
    Subscriber(email=f"r{{n}}@example.org", language="de" if n % 2 else "en",
               status="confirmed", consent_text=text, requested_at=now, confirmed_at=now)
    for n in range({N})
])
print(send_edition(edition=Edition.objects.create(subject_de="Ausgabe", subject_en="Edition",
    body_de="Text", body_en="Text")))
"""
SIGN_UP = """
from citypartners.newsletter.models import ConsentText
from citypartners.newsletter.services import subscribe
subscribe(email="latency@example.org", language="en", consent_text=ConsentText.objects.current())
"""


def run(args, env):
    return subprocess.run(args, env=env, check=True, capture_output=True, text=True).stdout


def main() -> None:
    server = MailServer(port=free_port())
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "CITYPARTNERS_TEST_DATABASE_URL"}
        env.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
        env.update(
            CITYPARTNERS_VAR_DIR=tmp,
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(server.port),
            CITYPARTNERS_LOG_LEVEL="WARNING",
        )
        database = env["DATABASE_URL"].split("://")[0]
        run([*CITYPARTNERS, "migrate", "--noinput"], env)
        run([*CITYPARTNERS, "shell", "--no-imports", "-c", SEED], env)
        started = time.perf_counter()
        run([*CITYPARTNERS, "worker", "--burst"], env)
        seconds = time.perf_counter() - started
        sent = len(server.messages)
        print(
            f"edition to {sent} recipients on {database}: {seconds:.1f} s, "
            f"{sent / seconds:.0f} mails/s"
        )
        print(
            f"  (batch size {env.get('CITYPARTNERS_NEWSLETTER_BATCH_SIZE', '50')}, one worker, "
            "including its start-up)"
        )
        for label, extra in (("database polling (1 s)", {}),):
            worker_env = {**env, **extra}
            worker = subprocess.Popen([*CITYPARTNERS, "worker"], env=worker_env)
            time.sleep(3)  # started and idle
            server.messages.clear()
            started = time.perf_counter()
            run([*CITYPARTNERS, "shell", "--no-imports", "-c", SIGN_UP], worker_env)
            command = time.perf_counter() - started
            while not server.messages and time.perf_counter() - started < 30:
                time.sleep(0.005)
            arrived = time.perf_counter() - started
            worker.terminate()
            worker.wait(timeout=30)
            print(
                f"confirmation mail, {label}: arrived {arrived * 1000:.0f} ms after launching "
                f"a sign-up command that itself took {command * 1000:.0f} ms (Django start-up)"
            )
    controller.stop()


if __name__ == "__main__":
    main()
