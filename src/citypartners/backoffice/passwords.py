"""A password validator for what Django's validators let through (issue 12).

Django's validators refuse common passwords, short ones and ones close to the user's name by
overall similarity; `aaaaaaaaaaaa` (twelve characters, not in the list) and `ed1tor-ed1tor` for
the user `ed1tor` (a repeated name with a digit for a letter) passed. This one refuses
passwords made of one short unit repeated, and passwords that are little more than the user's
name, once common digit-for-letter substitutions are undone.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SUBSTITUTIONS = str.maketrans("013457@$!|+", "oieastasiit")
# What must be left once the name is taken out of the password for it to count as its own.
MIN_OWN_CHARACTERS = 6


def _folded(text: str) -> str:
    """Lower case, digits read as the letters they stand for, only letters and digits kept."""
    return re.sub(r"[^a-z0-9]", "", text.lower().translate(SUBSTITUTIONS))


def _is_repetitive(password: str) -> bool:
    if len(set(password.lower())) <= 2:
        return True
    # one unit repeated (abcabcabc, 121212121212): the string is a rotation of itself
    return (password + password).find(password, 1) < len(password)


class RepetitionAndNameValidator:
    """Refuses a repeated unit (`aaaaaaaaaaaa`, `abcabcabcabc`) and a password that is mostly
    the user's name or e-mail local part, even with digits for letters (`ed1tor-ed1tor`)."""

    def validate(self, password: str, user=None) -> None:
        if _is_repetitive(password):
            raise ValidationError(
                _("This password repeats the same characters; choose a less regular one."),
                code="password_repetitive",
            )
        if user is None:
            return
        folded = _folded(password)
        names = [
            getattr(user, "username", "") or "",
            (getattr(user, "email", "") or "").split("@")[0],
        ]
        for name in filter(None, (_folded(name) for name in names)):
            if len(name) < 3:
                continue
            if name in folded and len(folded.replace(name, "")) < MIN_OWN_CHARACTERS:
                raise ValidationError(
                    _("This password is too close to your user name."),
                    code="password_like_username",
                )

    def get_help_text(self) -> str:
        return _(
            "Your password can't be one character or pattern repeated, nor mostly your user "
            "name (also with digits for letters)."
        )
