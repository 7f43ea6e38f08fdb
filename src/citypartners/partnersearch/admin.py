"""Partner searches in the back office: editors post what partner their municipality seeks,
renew a post for another year, and see when it ends. Publishing and renewing go through
`partnersearch.services`; the scoping of editors to their own homes applies to `place`."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from citypartners.partnersearch import services
from citypartners.partnersearch.forms import PartnerSearchForm
from citypartners.partnersearch.models import PartnerSearch


@admin.register(PartnerSearch)
class PartnerSearchAdmin(admin.ModelAdmin):
    form = PartnerSearchForm
    list_display = ("title", "place", "owner", "expires_on", "is_current")
    list_filter = ("size", "language")
    search_fields = ("title", "place__name", "offers")
    autocomplete_fields = ("place",)
    filter_horizontal = ("countries", "topics")
    readonly_fields = ("owner", "expires_on", "reminded_on")
    actions = ["renew_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("place", "owner")

    @admin.display(boolean=True, description=_("public"))
    def is_current(self, obj: PartnerSearch) -> bool:
        return obj.expires_on >= timezone.localdate()

    def get_fields(self, request, obj=None):
        fields = list(PartnerSearchForm.Meta.fields)
        return fields + list(self.readonly_fields) if obj else fields

    def save_model(self, request, obj, form, change):
        if change:
            obj.full_clean()
            obj.save()
        else:
            services.publish_partner_search(search=obj, owner=request.user)

    @admin.action(description=_("Renew for another year"), permissions=["change"])
    def renew_selected(self, request, queryset):
        count = 0
        for search in queryset:
            services.renew_partner_search(search=search)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d partner search renewed for a year.",
                "%(count)d partner searches renewed for a year.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
