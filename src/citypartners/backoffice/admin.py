"""The editors' back office: Django admin with both languages side by side and a change history.

Every model is registered with reversion's `VersionAdmin` (who changed what, when, with the
field-level change message and the full previous version) and modeltranslation's
`TranslationAdmin` (German and English fields next to each other). Writes that keep derived
state (a partnership's current state, an activity's first and last day) call the same
services the dataset loader uses.
"""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from reversion.admin import VersionAdmin

from citypartners.activities.models import Activity
from citypartners.activities.services import refresh_activity_dates
from citypartners.backoffice.ingest_admin import ClaimAdmin
from citypartners.backoffice.login import LoginForm
from citypartners.backoffice.models import AuditEvent
from citypartners.backoffice.saving import WritesOnlyChanges
from citypartners.network.models import ContactPerson, Organisation
from citypartners.partnerships.models import (
    Milestone,
    Partnership,
    PartnershipOrganisation,
    PartnershipTopic,
    Programme,
    StatusChange,
    Topic,
)
from citypartners.partnerships.services import refresh_partnership_state
from citypartners.places.models import Place, PlaceAlias
from citypartners.places.services import refresh_alias_forms
from citypartners.sources.models import Claim, Source

admin.site.login_form = LoginForm
admin.site.site_header = _("City partnerships – back office")
admin.site.site_title = _("Back office")
admin.site.index_title = _("Registry")


class RegistryAdmin(WritesOnlyChanges, VersionAdmin, TranslationAdmin):
    """Both languages side by side, plus history; lists always searchable."""

    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class PlaceAliasInline(admin.TabularInline):
    model = PlaceAlias
    fields = ("name", "language")
    extra = 1


@admin.register(Place)
class PlaceAdmin(RegistryAdmin):
    list_display = ("name", "kind", "country_code", "parent", "geonames_id")
    list_filter = ("kind", "country_code")
    search_fields = ("slug", "name_de", "name_en", "name_local", "aliases__name")
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ("parent",)
    inlines = [PlaceAliasInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_alias_forms(place=form.instance)


class StatusChangeInline(WritesOnlyChanges, TranslationTabularInline):
    model = StatusChange
    fields = ("position", "kind", "on", "note", "sources")
    autocomplete_fields = ("sources",)
    extra = 0


class MilestoneInline(WritesOnlyChanges, TranslationStackedInline):
    model = Milestone
    fields = ("position", "kind", "on", "title", "description", "sources")
    autocomplete_fields = ("sources",)
    extra = 0


class PartnershipTopicInline(admin.TabularInline):
    model = PartnershipTopic
    fields = ("position", "topic", "role", "sources")
    autocomplete_fields = ("topic", "sources")
    extra = 0


class PartnershipOrganisationInline(WritesOnlyChanges, TranslationTabularInline):
    model = PartnershipOrganisation
    fields = ("position", "organisation", "role", "sources")
    autocomplete_fields = ("organisation", "sources")
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(RegistryAdmin):
    list_display = ("__str__", "kind", "operator", "since", "status", "is_published")
    list_filter = ("kind", "operator", "status", "is_published", "home")
    search_fields = (
        "slug",
        "name_de",
        "name_en",
        "partner__name_de",
        "partner__name_en",
        "partner__aliases__name",
    )
    readonly_fields = ("status", "status_since", "since")
    autocomplete_fields = ("home", "partner", "sources")
    inlines = [
        StatusChangeInline,
        MilestoneInline,
        PartnershipTopicInline,
        PartnershipOrganisationInline,
    ]
    fieldsets = (
        (None, {"fields": ("slug", "kind", "operator", "home", "partner", "name", "is_published")}),
        (_("Texts"), {"fields": ("summary", "description", "sources")}),
        (
            _("Current state (kept from the history below)"),
            {"fields": ("status", "status_since", "since")},
        ),
    )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_partnership_state(form.instance)


@admin.register(Topic)
class TopicAdmin(RegistryAdmin):
    list_display = ("name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("slug", "name_de", "name_en")


@admin.register(Activity)
class ActivityAdmin(RegistryAdmin):
    list_display = ("title", "partnership", "kind", "starts", "ends", "is_published")
    list_filter = ("kind", "is_published", "partnership")
    search_fields = ("slug", "title_de", "title_en", "description_de", "description_en")
    autocomplete_fields = ("partnership", "topics", "organisations", "sources")

    def save_model(self, request, obj, form, change):
        refresh_activity_dates(obj)
        super().save_model(request, obj, form, change)


@admin.register(Organisation)
class OrganisationAdmin(RegistryAdmin):
    list_display = ("name", "acronym", "kind", "place")
    list_filter = ("kind",)
    search_fields = ("slug", "name_de", "name_en", "acronym")
    autocomplete_fields = ("place", "sources")


@admin.register(ContactPerson)
class ContactPersonAdmin(RegistryAdmin):
    list_display = ("name", "organisation", "has_consent")
    list_filter = ("has_consent",)
    search_fields = ("name", "email", "organisation__name_de", "organisation__name_en")
    autocomplete_fields = ("organisation", "partnerships", "topics")


@admin.register(Programme)
class ProgrammeAdmin(RegistryAdmin):
    list_display = ("name", "home", "office")
    search_fields = ("name_de", "name_en")
    autocomplete_fields = ("home", "office", "topics", "boroughs", "sources")


@admin.register(Source)
class SourceAdmin(RegistryAdmin):
    list_display = ("title", "publisher", "language", "kind", "published_on")
    list_filter = ("language", "kind")
    search_fields = ("key", "title", "publisher", "url", "sha256")
    exclude = ("text",)


admin.site.register(Claim, ClaimAdmin)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the log-in signals, never by hand."""

    list_display = ("at", "kind", "username", "ip_address")
    list_filter = ("kind",)
    search_fields = ("username", "ip_address")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
