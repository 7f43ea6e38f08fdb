#!/usr/bin/env python3
"""Two app servers behind nginx, sharing PostgreSQL and Redis, with a worker beside each (issue 13).

Everything runs on loopback and is started by this script, in a temporary directory, so that
stopping and restarting the databases never disturbs anyone else on the machine:
- a private PostgreSQL cluster (initdb, run as the `postgres` user when started as root);
- a private Redis with the guide's memory limit and eviction policy;
- an aiosmtpd SMTP sink (tests/mailserver.py);
- two gunicorn app servers with the command line of deploy/citypartners-web.service, each with
  a `citypartners worker` beside it, in production mode (CITYPARTNERS_ENV=production);
- Debian's nginx (/usr/sbin/nginx) with its own prefix and a configuration made from
  deploy/nginx.conf: the shipped upstream, proxy and media settings, with both app servers in
  the upstream block and the TLS server turned into a plain listener on loopback (it sends
  `X-Forwarded-Proto: https`, as the TLS server would).

Then it measures, and prints (it asserts nothing):
1. an edit (through the ORM, as the back office saves) seen on server B: time until B answers
   the new text, first and for good;
2. a newsletter edition to N recipients sent by both workers: mails per recipient, time;
3. load at a fixed rate while server A is stopped with SIGTERM, and again with SIGKILL:
   requests, status codes, connection errors, errors beyond those in flight, p95;
4. load while PostgreSQL, then Redis, is stopped for a few seconds and started again: status
   codes, time until every answer is 200 again, and tasks queued before the restart (due during
   it) delivered afterwards by the workers, which were not restarted.

    .venv/bin/python bench/two_servers.py                       # ports 8130-8139, N=2000
    .venv/bin/python bench/two_servers.py --recipients 500 --rate 15 --phase-seconds 30

The public pages' rate limit is switched off (CITYPARTNERS_PAGE_RATE_LIMIT=0): all the load
comes from one address.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
import loadgen  # noqa: E402

PG_BIN = Path("/usr/lib/postgresql/15/bin")
# The SMTP sink, in a process of its own (in this one, busy with Django, it once stopped
# accepting): one line per recipient of every message accepted.
SMTP_SINK = """
import sys, time
from aiosmtpd.controller import Controller

class Sink:
    def __init__(self, path):
        self.file = open(path, "a", buffering=1)

    async def handle_DATA(self, server, session, envelope):
        for recipient in envelope.rcpt_tos:
            self.file.write(recipient + "\\n")
        return "250 Message accepted for delivery"

Controller(Sink(sys.argv[2]), hostname="127.0.0.1", port=int(sys.argv[1])).start()
while True:
    time.sleep(3600)
"""
NGINX = "/usr/sbin/nginx"
LOAD_PATHS = [
    "/de/", "/en/", "/en/partnerships/berlin-paris/", "/de/partnerschaften/berlin-moscow/",
    "/en/activities/", "/api/v1/partnerships", "/en/search/?q=Paris", "/de/kontakt/",
    "/robots.txt", "/health/ready",
]  # fmt: skip


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {message}", flush=True)


def as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def http_get(url: str, timeout: float = 5.0, headers: dict | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for(condition, seconds: float, step: float = 0.1) -> float | None:
    """Seconds until `condition()` was true, or None after `seconds`."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        with contextlib.suppress(Exception):
            if condition():
                return time.monotonic() - started
        time.sleep(step)
    return None


class Machine:
    """The processes of the set-up, their files and ports."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.root = Path(tempfile.mkdtemp(prefix="cp-twosrv-"))
        self.root.chmod(0o755)
        self.var = self.root / "var"
        (self.var / "media").mkdir(parents=True)
        self.pgdata = self.root / "pg"
        port = args.base_port
        self.nginx_port, self.smtp_port, self.app_ports = port, port + 1, [port + 2, port + 3]
        self.env = dict(
            {k: v for k, v in os.environ.items() if not k.startswith(("CITYPARTNERS_", "DJANGO"))},
            CITYPARTNERS_ENV="production",
            CITYPARTNERS_SECRET_KEY=secrets.token_urlsafe(64),
            CITYPARTNERS_ALLOWED_HOSTS="localhost,127.0.0.1",
            CITYPARTNERS_BASE_URL="https://localhost",
            CITYPARTNERS_VAR_DIR=str(self.var),
            CITYPARTNERS_TRUSTED_PROXIES="127.0.0.1",
            DATABASE_URL=f"postgresql://postgres@127.0.0.1:{args.pg_port}/citypartners",
            REDIS_URL=f"redis://127.0.0.1:{args.redis_port}/0",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(self.smtp_port),
            CITYPARTNERS_LOG_LEVEL="WARNING",
            CITYPARTNERS_PAGE_RATE_LIMIT="0",
            CITYPARTNERS_RATE_LIMIT_PER_CLIENT="100000",
            CITYPARTNERS_RATE_LIMIT_PER_EMAIL="100000",
        )
        self.redis: subprocess.Popen | None = None
        self.apps: list[subprocess.Popen | None] = [None, None]
        self.workers: list[subprocess.Popen] = []
        self.mailbox = self.root / "recipients.txt"
        self.smtp: subprocess.Popen | None = None

    def logfile(self, name: str):
        return open(self.root / name, "ab")

    # --- PostgreSQL and Redis, private to this run
    def start_postgres(self) -> None:
        if not self.pgdata.exists():
            self.pgdata.mkdir()
            shutil.chown(self.pgdata, "postgres", "postgres") if os.geteuid() == 0 else None
            subprocess.run(
                as_postgres([str(PG_BIN / "initdb"), "-D", str(self.pgdata), "-A", "trust",
                             "-U", "postgres", "--no-sync", "-E", "UTF8"]),
                check=True, capture_output=True,
            )  # fmt: skip
        subprocess.run(
            as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.pgdata), "-l",
                         str(self.pgdata / "log"), "-w", "-o",
                         f"-p {self.args.pg_port} -k {self.pgdata} -c listen_addresses=127.0.0.1",
                         "start"]),
            check=True, capture_output=True,
        )  # fmt: skip

    def stop_postgres(self) -> None:
        subprocess.run(
            as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.pgdata), "-m", "fast", "-w",
                         "stop"]),
            check=False, capture_output=True,
        )  # fmt: skip

    def start_redis(self) -> None:
        self.redis = subprocess.Popen(
            ["redis-server", "--port", str(self.args.redis_port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.root),
             "--maxmemory", "256mb", "--maxmemory-policy", "volatile-lru"],
            stdout=self.logfile("redis.log"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for(
            lambda: (
                subprocess.run(
                    ["redis-cli", "-p", str(self.args.redis_port), "ping"], capture_output=True
                ).stdout.strip()
                == b"PONG"
            ),
            10,
        )

    def stop_redis(self) -> None:
        if self.redis and self.redis.poll() is None:
            self.redis.terminate()
            self.redis.wait(10)

    # --- the application
    def citypartners(self, *args: str) -> str:
        return subprocess.run(
            [str(REPO / ".venv/bin/citypartners"), *args],
            env=self.env, cwd=REPO, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip

    def prepare_database(self) -> None:
        subprocess.run(
            [str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.args.pg_port),
             "-U", "postgres", "citypartners"],
            check=True,
        )  # fmt: skip
        self.citypartners("migrate", "--noinput")
        self.citypartners("collectstatic", "--noinput")
        self.citypartners("loaddataset", "data/berlin")

    def gunicorn_command(self, port: int) -> list[str]:
        """deploy/citypartners-web.service's ExecStart, on `port`, with 2 workers (2 cores)."""
        service = (REPO / "deploy/citypartners-web.service").read_text()
        line = re.search(r"^ExecStart=(.*?[^\\])$", service, re.M | re.S).group(1)
        words = line.replace("\\\n", " ").split()
        words[0] = str(REPO / ".venv/bin/gunicorn")
        command = " ".join(words).replace("127.0.0.1:8000", f"127.0.0.1:{port}")
        command = command.replace("--workers 4", "--workers 2")
        return command.split()

    def start_app(self, index: int) -> None:
        port = self.app_ports[index]
        self.apps[index] = subprocess.Popen(
            self.gunicorn_command(port),
            env=self.env, cwd=REPO, start_new_session=True,
            stdout=self.logfile(f"app{index}.log"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for(lambda: http_get(f"http://127.0.0.1:{port}/health/live")[0] == 200, 60)

    def start_workers(self) -> None:
        for index in range(2):
            worker = subprocess.Popen(
                [str(REPO / ".venv/bin/citypartners"), "worker"],
                env=self.env, cwd=REPO, start_new_session=True,
                stdout=self.logfile(f"worker{index}.log"), stderr=subprocess.STDOUT,
            )  # fmt: skip
            self.workers.append(worker)

    # --- nginx with the shipped configuration
    def nginx_config(self) -> str:
        shipped = (REPO / "deploy/nginx.conf").read_text()
        shipped = re.sub(r"(?m)^\s*#.*\n", "", shipped)
        upstream = "\n".join(
            f"    server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;" for port in self.app_ports
        )
        shipped = re.sub(r"(?m)^\s*server 127\.0\.0\.1:8000 .*$", upstream, shipped)
        # the port-80 server only redirects to TLS: left out; the TLS server listens in plain
        blocks = shipped.split("\nserver {")
        server = "server {" + blocks[2]
        server = re.sub(r"(?m)^\s*listen .*\n", "", server, count=0)
        server = re.sub(r"(?m)^\s*(ssl_\w+|http2) .*\n", "", server)
        server = server.replace(
            "server {", f"server {{\n    listen 127.0.0.1:{self.nginx_port};", 1
        )
        server = server.replace("$scheme", "https")  # TLS terminates here in production
        server = server.replace("/srv/citypartners/var/", f"{self.var}/")
        server = server.replace("partnerschaften.example.berlin", "localhost")
        return f"""
worker_processes 1;
pid {self.root}/nginx.pid;
error_log {self.root}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log {self.root}/nginx-access.log;
    client_body_temp_path {self.root}/nginx-body;
    proxy_temp_path {self.root}/nginx-proxy;
    fastcgi_temp_path {self.root}/nginx-fastcgi;
    uwsgi_temp_path {self.root}/nginx-uwsgi;
    scgi_temp_path {self.root}/nginx-scgi;
{blocks[0]}
{server}
}}
"""

    def start_nginx(self) -> None:
        (self.root / "nginx.conf").write_text(self.nginx_config())
        subprocess.run(
            [NGINX, "-p", str(self.root), "-c", str(self.root / "nginx.conf"), "-t"],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            [NGINX, "-p", str(self.root), "-c", str(self.root / "nginx.conf")], check=True
        )

    def stop_nginx(self) -> None:
        pid_file = self.root / "nginx.pid"
        if pid_file.exists():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pid_file.read_text()), signal.SIGQUIT)

    def start(self) -> None:
        log(f"set-up in {self.root}")
        self.mailbox.touch()
        self.smtp = subprocess.Popen(
            [sys.executable, "-c", SMTP_SINK, str(self.smtp_port), str(self.mailbox)],
            stdout=self.logfile("smtp.log"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.start_postgres()
        self.start_redis()
        self.prepare_database()
        (self.var / "media" / "probe.txt").write_text("media served by nginx\n")
        for index in range(2):
            self.start_app(index)
        self.start_workers()
        self.start_nginx()
        log(
            f"nginx :{self.nginx_port} -> gunicorn :{self.app_ports[0]} (A), "
            f":{self.app_ports[1]} (B); PostgreSQL :{self.args.pg_port}, "
            f"Redis :{self.args.redis_port}, SMTP :{self.smtp_port}"
        )

    def stop(self) -> None:
        self.stop_nginx()
        for process in [*self.apps, *self.workers]:
            if process is not None and process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in [*self.apps, *self.workers]:
            if process is not None:
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
        self.stop_redis()
        self.stop_postgres()
        if self.smtp:
            self.smtp.terminate()
            self.smtp.wait(10)

    def recipients(self) -> list[str]:
        """Every recipient of every mail the sink accepted, in order."""
        return self.mailbox.read_text().splitlines()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.nginx_port}"


def django_setup(env: dict) -> None:
    """This process uses the same settings as the servers, to edit and to seed as they would."""
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "citypartners.settings"
    import django

    django.setup()


# ------------------------------------------------------------------ measurements
def sanity(machine: Machine) -> dict:
    checks = {}
    home = http_get(machine.base + "/de/")[1].decode()
    static = re.search(r'(?:href|src)="(/static/[^"]+)"', home).group(1)
    for path in ("/de/", "/en/partnerships/berlin-paris/", static, "/media/probe.txt"):
        checks[path] = http_get(machine.base + path)[0]
    return checks


def edit_seen_on_b(machine: Machine) -> dict:
    """Edit a partnership's English summary as the back office does (model save, full_clean),
    then poll server B directly until it answers the new text; times count from the commit."""
    from citypartners.partnerships.models import Partnership

    url = f"http://127.0.0.1:{machine.app_ports[1]}/en/partnerships/berlin-paris/"
    headers = {"X-Forwarded-Proto": "https"}
    for _ in range(5):  # B's page cache holds the page before the edit
        http_get(url, headers=headers)
    before = http_get(url, headers=headers)[1]
    marker = f"Edited for the two-server test {secrets.token_hex(4)}"
    partnership = Partnership.objects.get(slug="berlin-paris")
    partnership.summary_en = marker
    partnership.full_clean()
    started = time.monotonic()
    partnership.save()  # committed when it returns (autocommit): B may show it from now on
    edited = time.monotonic()
    saved = edited - started
    polls = []  # (sent, answered, new text?) in seconds after the commit
    while time.monotonic() - edited < 10:
        sent = time.monotonic() - edited
        body = http_get(url, headers=headers)[1]
        polls.append((sent, time.monotonic() - edited, marker.encode() in body))
        if polls[-1][2] and polls[-1][0] > 3:
            break
        time.sleep(0.01)
    first = next((p for p in polls if p[2]), None)
    stale = [p for p in polls if not p[2]]
    return {
        "cached before": marker.encode() not in before,
        "save took s": round(saved, 3),
        "first new answer s": round(first[1], 3) if first else None,
        "  (its request sent at s)": round(first[0], 3) if first else None,
        "last old answer s": round(stale[-1][1], 3) if stale else "none after the commit",
        "old answers after the commit": len(stale),
        "answers polled": len(polls),
    }


def newsletter(machine: Machine, recipients: int) -> dict:
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from citypartners.newsletter.models import ConsentText, Edition, Subscriber
    from citypartners.newsletter.services import send_edition

    already = len(machine.recipients())
    now = timezone.now()
    text = ConsentText.objects.current()
    readers = [
        Subscriber(email=f"reader{n}@example.org", language="de" if n % 2 else "en",
                   status="confirmed", consent_text=text, requested_at=now, confirmed_at=now)
        for n in range(recipients)
    ]  # fmt: skip
    Subscriber.objects.bulk_create(readers)
    edition = Edition.objects.create(
        subject_de="Ausgabe", subject_en="Edition", body_de="Text", body_en="Text"
    )
    started = time.monotonic()
    send_edition(edition=edition, by="two-server benchmark")

    def done() -> bool:
        pending = DBTaskResult.objects.filter(
            task_path="citypartners.newsletter.tasks.send_deliveries",
            status__in=["READY", "RUNNING"],
        ).exists()
        return not pending and len(machine.recipients()) - already >= recipients

    waited = wait_for(done, 900, step=0.2)
    seconds = time.monotonic() - started
    per_recipient = collections.Counter(machine.recipients()[already:])
    wanted = {f"reader{n}@example.org" for n in range(recipients)}
    counts = collections.Counter(per_recipient.get(address, 0) for address in wanted)
    pids = {str(w.pid): name for w, name in zip(machine.workers, "AB", strict=True)}
    by_worker: collections.Counter = collections.Counter()
    for ids in DBTaskResult.objects.filter(
        task_path="citypartners.newsletter.tasks.send_deliveries"
    ).values_list("worker_ids", flat=True):
        pid = ids[-1].split(":")[1] if ids else "?"
        by_worker[pids.get(pid, pid)] += 1
    return {
        "recipients": recipients,
        "mails": sum(per_recipient[a] for a in wanted),
        "mails per recipient": dict(sorted(counts.items())),
        "batches per worker": dict(by_worker),
        "seconds": seconds if waited is not None else None,
    }


class Load:
    """Open-loop load through nginx in a thread, logging every request."""

    def __init__(self, machine: Machine, rate: float, seconds: float) -> None:
        self.entries: list[tuple[float, float, str]] = []
        self.result: loadgen.LoadResult | None = None
        self.started = time.monotonic()
        zipf = loadgen.Zipf(LOAD_PATHS, seed=int(self.started))

        def run() -> None:
            self.result = loadgen.open_loop(
                machine.base, zipf, rate=rate, duration=seconds, timeout=15, log=self.entries
            )

        self.thread = threading.Thread(target=run)
        self.thread.start()

    def join(self) -> loadgen.LoadResult:
        self.thread.join()
        return self.result


def summarise(load: Load, fault_at: float | None = None, back_at: float | None = None) -> dict:
    entries = load.entries
    statuses = collections.Counter(status for _, _, status in entries)
    latencies = sorted(done - due for due, done, _ in entries)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000 if latencies else 0.0
    summary = {
        "load average (1 min) after": round(os.getloadavg()[0], 1),
        "requests": len(entries),
        "statuses": dict(sorted(statuses.items())),
        "p50 ms": round(statistics.median(latencies) * 1000, 1) if latencies else 0.0,
        "p95 ms": round(p95, 1),
    }
    bad = [(due, done, s) for due, done, s in entries if s not in ("200", "301", "302", "304")]
    summary["not 2xx/3xx"] = len(bad)
    summary["500s"] = statuses.get("500", 0)
    if fault_at is not None:
        in_flight = [e for e in entries if e[0] <= fault_at <= e[1]]
        summary["in flight at the fault"] = len(in_flight)
        summary["failed and not in flight"] = len([e for e in bad if e not in in_flight])
    if back_at is not None:
        # time from the service being back until the last answer that was not 200 was due
        later_bad = [due for due, _, s in bad if due >= (fault_at or back_at)]
        summary["not 2xx/3xx due after it was back"] = len([d for d in later_bad if d > back_at])
        last_bad = max(later_bad, default=None)
        summary["all 200 again after"] = (
            round(max(0.0, last_bad - back_at), 2) if last_bad is not None else 0.0
        )
    return summary


def stop_server(machine: Machine, sig: signal.Signals, rate: float, seconds: float) -> dict:
    load = Load(machine, rate, seconds)
    time.sleep(seconds / 3)
    fault_at = time.monotonic()
    os.killpg(machine.apps[0].pid, sig)
    load.join()
    machine.apps[0].wait(30)
    summary = summarise(load, fault_at=fault_at)
    machine.start_app(0)  # for the next phase
    return summary


def queue_confirmations(count: int, *, due_in: float, tag: str) -> list[str]:
    """Pending subscribers and their confirmation tasks, due `due_in` seconds from now."""
    import datetime as dt

    from django.utils import timezone

    from citypartners.jobs.services import enqueue
    from citypartners.newsletter.models import ConsentText, Subscriber

    text = ConsentText.objects.current()
    now = timezone.now()
    addresses = [f"{tag}{n}@example.org" for n in range(count)]
    for address in addresses:
        subscriber = Subscriber.objects.create(
            email=address, language="en", consent_text=text, requested_at=now
        )
        enqueue(
            "citypartners.newsletter.tasks.send_confirmation",
            run_after=now + dt.timedelta(seconds=due_in),
            subscriber=subscriber.pk,
        )
    return addresses


def restart_service(machine: Machine, name: str, rate: float, seconds: float, down: float) -> dict:
    from django.db import connections

    queued = queue_confirmations(5, due_in=seconds / 3 + 1, tag=f"after-{name.lower()}-")
    connections.close_all()
    load = Load(machine, rate, seconds)
    time.sleep(seconds / 3)
    fault_at = time.monotonic()
    if name == "PostgreSQL":
        machine.stop_postgres()
    else:
        machine.stop_redis()
    time.sleep(down)
    if name == "PostgreSQL":
        machine.start_postgres()
    else:
        machine.start_redis()
    back_at = time.monotonic()

    def delivered() -> bool:
        got = set(machine.recipients())
        return all(address in got for address in queued)

    mails_after = wait_for(delivered, 120, step=0.1)
    load.join()
    summary = summarise(load, fault_at=fault_at, back_at=back_at)
    summary["down for s"] = round(back_at - fault_at, 1)
    summary["queued tasks delivered after restart s"] = (
        round(mails_after, 1) if mails_after is not None else "never"
    )
    summary["workers still running"] = sum(w.poll() is None for w in machine.workers)
    summary["app servers still running"] = sum(a.poll() is None for a in machine.apps)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-port", type=int, default=8130)
    parser.add_argument("--pg-port", type=int, default=55432)
    parser.add_argument("--redis-port", type=int, default=56379)
    parser.add_argument("--recipients", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=20, help="requests per second")
    parser.add_argument("--phase-seconds", type=float, default=30)
    parser.add_argument("--down-seconds", type=float, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    machine = Machine(args)
    results: dict[str, dict] = {}
    try:
        machine.start()
        django_setup(machine.env)
        results["sanity (status through nginx)"] = sanity(machine)
        log(f"sanity: {results['sanity (status through nginx)']}")
        results["edit on A seen on B"] = edit_seen_on_b(machine)
        log(f"edit: {results['edit on A seen on B']}")
        results["newsletter"] = newsletter(machine, args.recipients)
        log(f"newsletter: {results['newsletter']}")
        results["steady load"] = summarise(
            (load := Load(machine, args.rate, args.phase_seconds), load.join())[0]
        )
        log(f"steady: {results['steady load']}")
        for sig in (signal.SIGTERM, signal.SIGKILL):
            key = f"server A stopped with {sig.name}"
            results[key] = stop_server(machine, sig, args.rate, args.phase_seconds)
            log(f"{key}: {results[key]}")
        for name in ("PostgreSQL", "Redis"):
            key = f"{name} restarted"
            results[key] = restart_service(
                machine, name, args.rate, args.phase_seconds, args.down_seconds
            )
            log(f"{key}: {results[key]}")
    finally:
        machine.stop()
        if not args.keep:
            for name in ("app0.log", "app1.log", "worker0.log", "worker1.log", "nginx-error.log"):
                path = machine.root / name
                if path.exists():
                    lines = path.read_text(errors="replace").splitlines()
                    errors = [line for line in lines if "Traceback" in line or "ERROR" in line]
                    print(f"--- {name}: {len(lines)} lines, {len(errors)} with ERROR/Traceback")
            shutil.rmtree(machine.root, ignore_errors=True)
        else:
            print(f"kept {machine.root}")
    print()
    print(f"rate {args.rate}/s through nginx, phases of {args.phase_seconds:.0f} s, "
          f"outages of {args.down_seconds:.0f} s")  # fmt: skip
    for name, figures in results.items():
        print(f"{name}:")
        for key, value in figures.items():
            print(f"    {key}: {value}")


if __name__ == "__main__":
    main()
