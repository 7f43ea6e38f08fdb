"""The back office's groups and what each may do.

Editors maintain the registry's content and ingest documents; reviewers also accept or reject
what ingested documents claim; administrators also delete sources and manage users, groups and
the audit log. Subscribers' addresses are personal data: only administrators and the newsletter
role (added to an editor's account for whoever sends the newsletter) see and export them.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

EDITORS = "editors"
REVIEWERS = "reviewers"
ADMINISTRATORS = "administrators"
NEWSLETTER = "newsletter"
# Members of this group edit (and, as reviewers, review) every home's records; everyone else
# in the editor and reviewer groups works only for the homes of their memberships
# (`editors.scope`). Administrators and superusers are national too: they manage accounts
# and could give themselves any membership anyway.
NATIONAL = "national office"

CONTENT_MODELS = [
    ("places", ["place", "placealias"]),
    ("partnerships", ["partnership", "statuschange", "milestone", "partnershiptopic",
                      "partnershiporganisation", "programme", "topic"]),
    ("activities", ["activity"]),
    ("network", ["organisation", "contactperson", "proposal"]),
    ("newsletter", ["edition", "editionsection", "consenttext"]),
    ("partnersearch", ["partnersearch"]),
]  # fmt: skip
VIEW_ONLY_MODELS = [
    ("sources", ["source"]),
    ("django_tasks_database", ["dbtaskresult"]),
    ("jobs", ["workerbeat"]),
]
# Editors add and correct the sources they cite (from the "+" beside every sources field);
# deleting a source, which would take the citations of many facts with it, is for administrators.
SOURCE_EDITING = [("sources", ["source"])]
# Subscribers' addresses, their consent log and what was sent to them.
SUBSCRIBER_MODELS = [("newsletter", ["subscriber"])]
SUBSCRIBER_VIEW_MODELS = [("newsletter", ["consentrecord", "delivery"])]
# Editors may ingest documents (which creates claims) and read claims; reviewers decide on them.
INGEST_PERMISSIONS = [("sources", ["claim"])]
# Reviewers see the invitations of new homes' editors; national reviewers send them.
INVITATION_MODELS = [("editors", ["invitation"])]
# Who works for which home: administrators manage the memberships.
MEMBERSHIP_MODELS = [("editors", ["membership"])]
ADMIN_ONLY_MODELS = [
    ("sources", ["source"]),
    ("auth", ["user", "group"]),
    ("backoffice", ["auditevent"]),
    ("django_tasks_database", ["dbtaskresult"]),
]


def _permissions(models: list[tuple[str, list[str]]], actions: tuple[str, ...]) -> list[Permission]:
    codenames = [
        f"{action}_{model}" for _app, names in models for model in names for action in actions
    ]
    apps = [app for app, _names in models]
    return list(Permission.objects.filter(content_type__app_label__in=apps, codename__in=codenames))


def ensure_groups() -> None:
    """Create or update the editor, reviewer and administrator groups with their permissions."""
    actions = ("view", "add", "change", "delete")
    editor_perms = (
        _permissions(CONTENT_MODELS, actions)
        + _permissions(VIEW_ONLY_MODELS, ("view",))
        + _permissions(SOURCE_EDITING, ("view", "add", "change"))
        + _permissions(INGEST_PERMISSIONS, ("view", "add"))
    )
    reviewer_perms = (
        editor_perms
        + _permissions(INGEST_PERMISSIONS, ("change",))
        + _permissions(INVITATION_MODELS, ("view", "add"))
    )
    subscriber_perms = _permissions(SUBSCRIBER_MODELS, actions) + _permissions(
        SUBSCRIBER_VIEW_MODELS, ("view",)
    )
    for name, permissions in [
        (EDITORS, editor_perms),
        (REVIEWERS, reviewer_perms),
        (NEWSLETTER, subscriber_perms),
        (
            ADMINISTRATORS,
            reviewer_perms
            + _permissions(ADMIN_ONLY_MODELS, actions)
            + _permissions(INVITATION_MODELS + MEMBERSHIP_MODELS, actions)
            + subscriber_perms,
        ),
        (NATIONAL, []),  # a scope, not a set of permissions: those come from the other groups
    ]:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
