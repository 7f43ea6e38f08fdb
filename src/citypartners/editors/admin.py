"""The back office's pages for memberships (administrators) and invitations (national reviewers).

An invitation is made by filling in the home, the address and the language: saving it sends
the mail through the task queue (`editors.services.invite`). "Send again" makes a new link and
sends it; the old link stops working.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from citypartners.backoffice.scoping import RulesPermissions
from citypartners.editors import services
from citypartners.editors.models import Invitation, Membership
from citypartners.jobs.services import enqueue


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "home", "role", "created_at")
    list_filter = ("role", "home")
    search_fields = ("user__username", "user__email", "home__slug")
    autocomplete_fields = ("user",)

    def save_model(self, request, obj, form, change):
        services.grant_membership(user=obj.user, home=obj.home, role=obj.role)


@admin.register(Invitation)
class InvitationAdmin(RulesPermissions, admin.ModelAdmin):
    list_display = ("home", "email", "language", "sent_at", "expires_at", "accepted_at", "user")
    list_filter = ("language",)
    search_fields = ("email", "home__slug")
    fields = ("home", "email", "language")
    actions = ["send_again"]

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj is not None else ()

    def has_change_permission(self, request, obj=None):
        return False  # an invitation is sent, never edited: send a new one instead

    def save_model(self, request, obj, form, change):
        invitation = services.invite(
            home=obj.home, email=obj.email, language=obj.language, by=request.user
        )
        obj.pk = invitation.pk
        obj._state.adding = False

    @admin.action(description=_("Send again (with a new link)"))
    def send_again(self, request, queryset):
        waiting = list(queryset.filter(accepted_at__isnull=True).values_list("pk", flat=True))
        for pk in waiting:
            enqueue(services.SEND_INVITATION_TASK, invitation=pk)
        messages.success(
            request,
            ngettext(
                "%(count)d invitation will be sent again.",
                "%(count)d invitations will be sent again.",
                len(waiting),
            )
            % {"count": len(waiting)},
        )
