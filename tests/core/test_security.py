"""Secure by default: headers on every page type, no inline code, safe production configuration,
login throttling, and the classic attacks on search, login and forms."""

import os
import re
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.conftest import REPO

PAGES = [
    "/de/", "/en/", "/en/partnerships/berlin-mexico-city/", "/de/partnerschaften/germany-mexico-digital-dialogue/",
    "/en/contact/", "/de/quellen/", "/en/sources/berlin-mexico-city-de/", "/en/search/?q=Peking",
    "/en/newsletter/", "/de/netzwerk/", "/en/activities/", "/de/barrierefreiheit/", "/en/open-data/",
    "/de/leichte-sprache/", "/en/report-a-barrier/", "/api/v1/docs",
    "/backoffice/login/",
]  # fmt: skip


@pytest.mark.parametrize("url", PAGES)
def test_every_page_type_sends_the_security_headers(client, db, url):
    response = client.get(url)
    assert response.status_code == 200, url
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "url", [page for page in PAGES if not page.startswith(("/backoffice", "/api"))]
)
def test_public_pages_carry_no_inline_script_or_style(client, db, url):
    html = client.get(url).content.decode()
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert all('type="application/ld+json"' in attributes for attributes in scripts), scripts
    assert not re.search(r"\sstyle=", html)
    assert "<style" not in html
    # nothing is loaded from elsewhere (links people may follow to other sites are fine)
    assert not re.search(r'\ssrc="https?://(?!testserver)', html), "third-party resource"
    assert not re.search(r'<link[^>]+href="https?://(?!testserver)', html), "third-party resource"


def _settings_check(*command: str, **environment) -> subprocess.CompletedProcess:
    # a clean deployment environment: none of ours, and not the browser tests' async switch
    skipped = ("CITYPARTNERS_", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skipped)}
    env |= {"DATABASE_URL": "sqlite:////tmp/citypartners-check.sqlite3"} | environment
    command = command or ("check", "--deploy", "--fail-level", "WARNING")
    return subprocess.run(
        [sys.executable, "-m", "citypartners", *command],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=False,
    )


GOOD_SECRET = "k" * 20 + "-very-long-random-looking-production-secret-0123456789"


def test_production_configuration_passes_check_deploy(tmp_path):
    production = {
        "CITYPARTNERS_ENV": "production",
        "CITYPARTNERS_SECRET_KEY": GOOD_SECRET,
        "CITYPARTNERS_ALLOWED_HOSTS": "partnerschaften.example.berlin",
        "CITYPARTNERS_BASE_URL": "https://partnerschaften.example.berlin",
        "CITYPARTNERS_STATIC_ROOT": str(tmp_path / "static"),
    }
    # as the deployment guide says: collectstatic after installing, then the check
    collected = _settings_check("collectstatic", "--noinput", **production)
    assert collected.returncode == 0, collected.stderr
    result = _settings_check(**production)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("environment", "named"),
    [
        ({"CITYPARTNERS_ALLOWED_HOSTS": "example.berlin"}, "CITYPARTNERS_SECRET_KEY is not set"),
        ({"CITYPARTNERS_SECRET_KEY": "short", "CITYPARTNERS_ALLOWED_HOSTS": "example.berlin"},
         "CITYPARTNERS_SECRET_KEY is shorter than 50 characters"),
        ({"CITYPARTNERS_SECRET_KEY": GOOD_SECRET}, "CITYPARTNERS_ALLOWED_HOSTS is not set"),
        ({"CITYPARTNERS_SECRET_KEY": GOOD_SECRET, "CITYPARTNERS_ALLOWED_HOSTS": "example.berlin",
          "CITYPARTNERS_DEBUG": "true"}, "CITYPARTNERS_DEBUG must not be on"),
    ],
)  # fmt: skip
def test_unsafe_production_configuration_refuses_to_start(environment, named):
    result = _settings_check(CITYPARTNERS_ENV="production", **environment)
    assert result.returncode != 0
    assert named in result.stderr


def test_health_endpoints_report_database_and_cache(client, db):
    assert client.get("/health/live").json() == {"status": "ok"}
    assert client.get("/health/ready").json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_search_reflects_no_markup(client, db):
    html = client.get("/en/search/", {"q": '<script>alert("x")</script>'}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


@pytest.mark.parametrize(
    "attack", ["' OR 1=1 --", '"; DROP TABLE places_place; --', "%' UNION SELECT 1 --"]
)
def test_search_treats_sql_as_text(client, db, attack):
    from citypartners.places.models import Place

    places = Place.objects.count()
    response = client.get("/en/search/", {"q": attack})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Search" in html and "Traceback" not in html
    assert Place.objects.count() == places  # nothing was dropped or changed


def test_stored_markup_in_a_text_field_is_escaped_on_the_page(client, db):
    from citypartners.partnerships.models import Partnership

    Partnership.objects.filter(slug="berlin-paris").update(
        summary_en='<img src=x onerror="alert(1)">'
    )
    html = client.get("/en/partnerships/berlin-paris/").content.decode()
    assert '<img src=x onerror="alert(1)">' not in html
    assert "&lt;img src=x onerror=" in html


def test_login_is_locked_after_five_failures_and_says_nothing_about_the_account(db):
    User.objects.create_user(
        "alice", "alice@example.org", "the-right-long-passphrase", is_staff=True
    )
    client = Client()
    answers = {
        client.post("/backoffice/login/", {"username": name, "password": "wrong"})
        .content.decode()
        .count("errornote")
        for name in ["alice", "nobody-by-this-name"]
    }
    assert answers == {1}  # the same answer for a known and an unknown account
    for _attempt in range(4):
        client.post("/backoffice/login/", {"username": "alice", "password": "wrong"})
    locked = client.post(
        "/backoffice/login/", {"username": "alice", "password": "the-right-long-passphrase"}
    )
    assert locked.status_code == 429
    assert (
        "blocked for one hour" in locked.content.decode()
        or "eine Stunde" in locked.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_login_does_not_redirect_to_another_site(db):
    User.objects.create_user("bob", "bob@example.org", "the-right-long-passphrase", is_staff=True)
    client = Client()
    response = client.post(
        "/backoffice/login/?next=https://evil.example/steal",
        {
            "username": "bob",
            "password": "the-right-long-passphrase",
            "next": "https://evil.example/steal",
        },
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_back_office_forms_refuse_a_post_without_csrf_token(db, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post("/backoffice/partnerships/topic/add/", {"slug": "x", "kind": "theme"})
    assert response.status_code == 403
    from citypartners.partnerships.models import Topic

    assert not Topic.objects.filter(slug="x").exists()


PROBE = """
from django.test import Client
client = Client(HTTP_HOST="partnerschaften.example.berlin")
for path in ("/health/live", "/health/ready", "/en/"):
    response = client.get(path)
    print(path, response.status_code, response.get("Location", ""))
"""


def test_production_redirects_pages_to_https_but_not_the_health_probes(tmp_path):
    """A load balancer probes gunicorn itself over plain HTTP; a 301 to https counts as a
    failed probe (bench/two_servers.py waited in vain for /health/live to answer 200)."""
    result = _settings_check(
        "shell",
        "--no-imports",
        "-c",
        PROBE,
        CITYPARTNERS_ENV="production",
        CITYPARTNERS_SECRET_KEY=GOOD_SECRET,
        CITYPARTNERS_ALLOWED_HOSTS="partnerschaften.example.berlin",
        CITYPARTNERS_BASE_URL="https://partnerschaften.example.berlin",
        CITYPARTNERS_STATIC_ROOT=str(tmp_path / "static"),
    )
    answers = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert answers["/health/live"].startswith("200"), result.stderr
    assert answers["/health/ready"].startswith("200"), result.stderr
    assert answers["/en/"] == "301 https://partnerschaften.example.berlin/en/"
