"""The back office's groups and what each may do.

Editors maintain the registry's content; administrators also manage sources, users and groups.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

EDITORS = "editors"
ADMINISTRATORS = "administrators"

CONTENT_MODELS = [
    ("places", ["place", "placealias"]),
    ("partnerships", ["partnership", "statuschange", "milestone", "partnershiptopic",
                      "partnershiporganisation", "programme", "topic"]),
    ("activities", ["activity"]),
    ("network", ["organisation", "contactperson", "proposal"]),
    ("sources", ["claim"]),
    ("newsletter", ["edition", "editionsection", "consenttext", "subscriber"]),
]  # fmt: skip
VIEW_ONLY_MODELS = [
    ("sources", ["source"]),
    ("newsletter", ["consentrecord", "delivery"]),
    ("taskqueue", ["task"]),
]
ADMIN_ONLY_MODELS = [("sources", ["source"]), ("auth", ["user", "group"])]


def _permissions(models: list[tuple[str, list[str]]], actions: tuple[str, ...]) -> list[Permission]:
    codenames = [
        f"{action}_{model}" for _app, names in models for model in names for action in actions
    ]
    apps = [app for app, _names in models]
    return list(Permission.objects.filter(content_type__app_label__in=apps, codename__in=codenames))


def ensure_groups() -> None:
    """Create or update the editor and administrator groups with their permissions."""
    actions = ("view", "add", "change", "delete")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editor_perms = _permissions(CONTENT_MODELS, actions) + _permissions(VIEW_ONLY_MODELS, ("view",))
    editors.permissions.set(editor_perms)
    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.set(editor_perms + _permissions(ADMIN_ONLY_MODELS, actions))
