"""The back-office log-in: password, and a one-time code for accounts that switched 2FA on.

Two-factor authentication is optional per account. An account with a confirmed authenticator
cannot log in without a valid code; the error never says which of the two was wrong.
"""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_otp import match_token, user_has_device


class LoginForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=10,
        help_text=_(
            "Only if your account uses two-factor authentication: the code from the app, or "
            "one of your backup codes."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user):
            device = match_token(user, (cleaned.get("otp_token") or "").strip())
            if device is None:
                raise ValidationError(
                    self.error_messages["invalid_login"],
                    code="invalid_login",
                    params={"username": self.username_field.verbose_name},
                )
            user.otp_device = device
        return cleaned
