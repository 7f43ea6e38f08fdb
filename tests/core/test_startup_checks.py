"""A production server without its static files manifest refuses to start (issue 13: every page
answered 500 until `collectstatic` was run, and `check --deploy` said nothing)."""

from __future__ import annotations

import os
import subprocess
import sys

from django.core import checks

from citypartners.core.checks import TAG
from tests.conftest import REPO

MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def _errors() -> list[str]:
    messages = checks.run_checks(tags=[TAG], include_deployment_checks=True)
    return [m.id for m in messages if m.level >= checks.ERROR]


def test_missing_manifest_is_an_error_with_manifest_storage(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    settings.STATIC_ROOT = tmp_path
    assert _errors() == ["citypartners.E001"]
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    assert _errors() == []


def test_development_storage_needs_no_manifest(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    assert _errors() == []


def _production_env(static_root) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITYPARTNERS_")}
    env |= {
        "CITYPARTNERS_ENV": "production",
        "CITYPARTNERS_SECRET_KEY": "x" * 64,
        "CITYPARTNERS_ALLOWED_HOSTS": "example.org",
        "CITYPARTNERS_BASE_URL": "https://example.org",
        "CITYPARTNERS_STATIC_ROOT": str(static_root),
        "CITYPARTNERS_VAR_DIR": str(static_root.parent),
        "DJANGO_SETTINGS_MODULE": "citypartners.settings",
    }
    return env


def test_the_wsgi_application_refuses_to_start_without_the_manifest(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "import citypartners.wsgi"],
        env=_production_env(tmp_path / "static"),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "citypartners.E001" in result.stderr and "collectstatic" in result.stderr


def test_check_deploy_reports_the_missing_manifest(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "citypartners", "check", "--deploy"],
        env=_production_env(tmp_path / "static"),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "citypartners.E001" in result.stderr
