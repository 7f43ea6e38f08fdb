"""The proposals review queue: editors read a proposal, write a note, accept or decline it.

Accepting creates an unpublished activity (to be edited and published in the activities list)
and tells the proposer by mail; declining tells them too. Both go through `network.services`.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from citypartners.backoffice.scoping import ScopedAdmin
from citypartners.editors.scope import home_filter
from citypartners.network import services
from citypartners.network.enums import ProposalStatus
from citypartners.network.models import Proposal


@admin.register(Proposal)
class ProposalAdmin(ScopedAdmin, admin.ModelAdmin):
    list_display = ("title", "partnership", "organisation_name", "status", "created_at")
    list_filter = ("status", ("partnership", admin.RelatedOnlyFieldListFilter))
    search_fields = ("title", "organisation_name", "contact_name", "contact_email")
    fields = (
        "status",
        "partnership",
        "title",
        "description",
        "starts",
        "ends",
        "topics",
        "organisation_name",
        "contact_name",
        "contact_email",
        "language",
        "decision_note",
        "decided_at",
        "decided_by",
        "activity_link",
    )
    readonly_fields = tuple(f for f in fields if f != "decision_note")
    actions = ["accept_selected", "reject_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("partnership", "activity")

    def scope_rows(self, queryset, scope):
        return queryset.filter(home_filter(scope, "partnership__home"))

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("activity created"))
    def activity_link(self, obj: Proposal):
        if obj.activity_id is None:
            return "–"
        url = reverse("admin:activities_activity_change", args=[obj.activity_id])
        return format_html('<a href="{}">{}</a>', url, obj.activity)

    def _decide(self, request, queryset, decide, done_text):
        count = 0
        for proposal in queryset.filter(status=ProposalStatus.SUBMITTED):
            decide(proposal=proposal, by=request.user, note=proposal.decision_note)
            count += 1
        skipped = queryset.count() - count
        self.message_user(request, done_text % {"count": count}, messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                _("%(count)d had been decided already and stayed as they were.")
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(
        description=_("Accept: create an unpublished activity and tell the proposer"),
        permissions=["change"],
    )
    def accept_selected(self, request, queryset):
        self._decide(
            request,
            queryset,
            services.accept_proposal,
            _("%(count)d accepted; edit and publish their activities."),
        )

    @admin.action(description=_("Decline and tell the proposer"), permissions=["change"])
    def reject_selected(self, request, queryset):
        self._decide(request, queryset, services.reject_proposal, _("%(count)d declined."))
