"""The page where an editor switches two-factor authentication on or off for their account, and
the middleware that sends an account that must use it to that page first.

When two-factor authentication is required (`CITYPARTNERS_REQUIRE_TWO_FACTOR`, or a superuser
such as the first administrator made by `createeditor --admin`), a signed-in account without an
authenticator sees only this page until it has set one up; an account with one whose session
was not verified with a code is logged out and asked to log in with the code.
"""

from __future__ import annotations

import segno
from django import forms
from django.contrib import admin, messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device

from citypartners.backoffice.services import (
    disable_two_factor,
    enable_two_factor,
    pending_device,
    two_factor_required,
)


class CodeForm(forms.Form):
    token = forms.CharField(label=_("Code from your authenticator app"), max_length=10)


def two_factor_view(request):
    user = request.user
    enabled = user_has_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        if enabled and disable_two_factor(user=user, token=token, request=request):
            messages.success(request, _("Two-factor authentication is switched off."))
            return redirect("backoffice-two-factor")
        codes = None if enabled else enable_two_factor(user=user, token=token, request=request)
        if codes:
            messages.success(request, _("Two-factor authentication is switched on."))
            messages.warning(
                request,
                _(
                    "Your backup codes, each usable once instead of a code from the app when "
                    "you cannot use your phone. Keep them safe now; they are not shown again: %s"
                )
                % " ".join(codes),
            )
            return redirect("backoffice-two-factor")
        form.add_error(
            "token", _("The code is not right. Check your device's clock and try the newest code.")
        )
    context = {
        **admin.site.each_context(request),
        "title": _("Two-factor authentication"),
        "form": form,
        "enabled": enabled,
    }
    if not enabled:
        device = pending_device(user=user)
        context["qr_data_uri"] = segno.make(device.config_url, error="m").svg_data_uri(scale=4)
        context["secret"] = device.config_url.split("secret=")[1].split("&")[0]
    return TemplateResponse(request, "backoffice/two_factor.html", context)


class RequireTwoFactorMiddleware:
    """Keeps an account that must use two-factor authentication on its set-up page until it
    has an authenticator, and out of the back office until its session is verified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The path first: looking at the user loads the session, which public pages must not.
        if not request.path.startswith(reverse("admin:index")):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and two_factor_required(user):
            setup = reverse("backoffice-two-factor")
            allowed = {setup, reverse("admin:logout"), reverse("admin:jsi18n")}
            if not user_has_device(user):
                if request.path not in allowed:
                    messages.warning(
                        request,
                        _("Set up two-factor authentication before using the back office."),
                    )
                    return redirect(setup)
            elif not user.is_verified() and request.path != reverse("admin:login"):
                logout(request)
                return redirect(f"{reverse('admin:login')}?next={request.path}")
        return self.get_response(request)
