"""Self-service pages: the invitation's link (public) and the registration form (back office)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from citypartners.editors import services
from citypartners.editors.forms import JoinForm, RegistrationForm
from citypartners.editors.scope import scope_of
from citypartners.homes.models import Home

_STATUS = {
    services.InvitationState.INVALID: 404,
    services.InvitationState.EXPIRED: 410,
    services.InvitationState.ACCEPTED: 410,
}


@never_cache
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation's link: the new editor chooses a user name and password, then sets up
    two-factor authentication before anything else in the back office opens."""
    state, invitation = services.find_invitation(token)
    if state != services.InvitationState.VALID:
        return render(request, "editors/join.html", {"state": state.value}, status=_STATUS[state])
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(
                token=token,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                return render(request, "editors/join.html", {"state": "invalid"}, status=410)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("backoffice-two-factor")
    context = {"state": "valid", "form": form, "home": invitation.home, "email": invitation.email}
    return render(request, "editors/join.html", context)


def register_partnership(request: HttpRequest) -> HttpResponse:
    """A home's editor registers a partnership with its source; a national reviewer decides."""
    scope = scope_of(request.user)
    if not request.user.has_perm("sources.add_claim"):
        raise PermissionDenied
    homes = Home.objects.select_related("place").order_by("position", "slug")
    if scope.is_scoped:
        homes = homes.filter(pk__in=scope.home_ids)
    if not homes.exists():
        raise PermissionDenied  # an account of no home has nothing to register
    form = RegistrationForm(request.POST or None, request.FILES or None, homes=homes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim = services.register_partnership(
                home=data["home"],
                user=request.user,
                kind=data["kind"],
                since=data["since"],
                partner=data["partner"],
                partner_name=data["partner_name"],
                partner_country=data["partner_country"],
                title=data["title"],
                publisher=data["publisher"],
                url=data["url"],
                copy=data["copy"],
                language=data["language"],
                source_kind=data["source_kind"],
                evidence=data["evidence"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Registered. A national reviewer checks it against the source and decides."),
            )
            return redirect("admin:sources_claim_review_source", claim.source_id)
    context = {
        **admin.site.each_context(request),
        "title": _("Register a partnership"),
        "form": form,
        "media": form.media,
    }
    return TemplateResponse(request, "editors/register_partnership.html", context)
