"""`citypartners createeditor USERNAME [--admin]`: create a back-office account in its group.

The password is asked for interactively (or read from CITYPARTNERS_EDITOR_PASSWORD for
automation); no password is ever stored in the repository.
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from citypartners.backoffice.roles import (
    ADMINISTRATORS,
    EDITORS,
    NATIONAL,
    REVIEWERS,
    ensure_groups,
)
from citypartners.backoffice.services import two_factor_required
from citypartners.editors.services import grant_membership
from citypartners.homes.models import Home


class Command(BaseCommand):
    help = (
        "Create a back-office account: editor, reviewer (--reviewer) or administrator (--admin), "
        "for the default home, another (--home SLUG) or every home (--national)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        role = parser.add_mutually_exclusive_group()
        role.add_argument("--reviewer", action="store_true", help="Also accept or reject claims.")
        role.add_argument("--admin", action="store_true", help="Make the account an administrator.")
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument(
            "--home",
            help="The home (its slug) whose records the account edits; default: the "
            "installation's default home (CITYPARTNERS_HOME).",
        )
        scope.add_argument(
            "--national", action="store_true", help="Edit (or review) every home's records."
        )

    def handle(self, *args, **options):
        User = get_user_model()
        username = options["username"]
        if User.objects.filter(username=username).exists():
            raise CommandError(
                f"An account named {username!r} exists already; nothing was changed."
            )
        home = None
        if not options.get("admin") and not options.get("national"):
            homes = Home.objects.select_related("place")
            home = (
                homes.filter(slug=options["home"]).first()
                if options.get("home")
                else homes.default().first()
            )
            if home is None:
                raise CommandError(
                    f"No home {options.get('home') or '(the default home)'!r}; load the data "
                    "first, or pass --home SLUG or --national."
                )
        password = os.environ.get("CITYPARTNERS_EDITOR_PASSWORD") or self._ask_password()
        user = User(username=username, email=options["email"], is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from error
        user.set_password(password)
        user.is_superuser = bool(options.get("admin"))
        user.save()
        ensure_groups()
        role = "administrator" if options.get("admin") else "editor"
        role = "reviewer" if options.get("reviewer") else role
        group = {"administrator": ADMINISTRATORS, "reviewer": REVIEWERS, "editor": EDITORS}[role]
        user.groups.add(Group.objects.get(name=group))
        if options.get("national"):
            user.groups.add(Group.objects.get(name=NATIONAL))
        where = "every home" if home is None else home.slug
        if home is not None:
            grant_membership(
                user=user, home=home, role="reviewer" if role == "reviewer" else "editor"
            )
        self.stdout.write(
            self.style.SUCCESS(f"Created {role} {username!r} for {where}; log in at /backoffice/.")
        )
        if two_factor_required(user):
            self.stdout.write(
                "Two-factor authentication is required for this account: after logging in, "
                "scan the code with an authenticator app and keep the backup codes shown."
            )

    def _ask_password(self) -> str:
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ; nothing was created.")
        return first
