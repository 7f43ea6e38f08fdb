"""When the database cannot be reached, pages fail fast with a friendly 503, not a 500."""

import json
import os
import subprocess
import sys
import time

from tests.conftest import REPO

PROBE = """
import json, os, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citypartners.settings")
django.setup()
from django.test import Client
started = time.monotonic()
response = Client(raise_request_exception=False).get("/de/")
print(json.dumps({"status": response.status_code, "retry": response.get("Retry-After"),
                  "body": response.content.decode(), "seconds": time.monotonic() - started}))
"""


def test_pages_answer_503_quickly_while_the_database_is_unreachable():
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITYPARTNERS_")}
    env["DATABASE_URL"] = (
        "postgresql://postgres@127.0.0.1:1/unreachable"  # nothing listens on port 1
    )
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    assert answer["retry"] == "10"
    assert (
        "Vorübergehend nicht erreichbar" in answer["body"]
        and "No data has been lost" in answer["body"]
    )
    assert answer["seconds"] < 5
    assert time.monotonic() - started < 30
