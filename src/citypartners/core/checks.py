"""Start-up checks: a production site must not start in a state where every page answers 500.

With the manifest storage of production (`CompressedManifestStaticFilesStorage`), a template's
`{% static %}` raises for every file missing from `staticfiles.json`: before `collectstatic`
every page answered 500 (issue 13). `check --deploy` reports it as an error (not plain
`check`: `migrate` and `collectstatic` run before the manifest exists), and
`citypartners.wsgi` runs these checks before gunicorn takes its first request, so the server
refuses to start and says what to run.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core import checks

TAG = "citypartners_startup"


# A deployment check: `migrate` and `collectstatic` must run before the manifest exists.
@checks.register(TAG, deploy=True)
def static_manifest_exists(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    backend = settings.STORAGES.get("staticfiles", {}).get("BACKEND", "")
    if "Manifest" not in backend:
        return []
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        return []
    return [
        checks.Error(
            f"The static files manifest {manifest} is missing: every page would answer 500.",
            hint="Run `citypartners collectstatic --noinput` after each install or upgrade "
            "(docs/deployment.md), with the same CITYPARTNERS_STATIC_ROOT as the server.",
            id="citypartners.E001",
        )
    ]


def fail_fast() -> None:
    """Run the start-up checks; stop the process with their messages if any is an error."""
    messages = checks.run_checks(tags=[TAG], include_deployment_checks=True)
    errors = [m for m in messages if m.level >= checks.ERROR]
    if errors:
        raise SystemExit("citypartners refuses to start:\n" + "\n".join(str(e) for e in errors))
