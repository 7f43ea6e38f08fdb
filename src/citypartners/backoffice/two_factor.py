"""The page where an editor switches two-factor authentication on or off for their account."""

from __future__ import annotations

import segno
from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device

from citypartners.backoffice.services import disable_two_factor, enable_two_factor, pending_device


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
        if not enabled and enable_two_factor(user=user, token=token, request=request):
            messages.success(request, _("Two-factor authentication is switched on."))
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
