"""The editors' back office: Django admin with both languages side by side and a change history.

Every model is registered with reversion's `VersionAdmin` (who changed what, when, with the
field-level change message and the full previous version) and modeltranslation's
`TranslationAdmin` (German and English fields next to each other). Writes that keep derived
state (a partnership's current state, an activity's first and last day) call the same
services the dataset loader uses.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
)
from reversion.admin import VersionAdmin

from citypartners.activities.models import Activity
from citypartners.activities.services import refresh_activity_dates
from citypartners.backoffice.errors import error_summary
from citypartners.backoffice.ingest_admin import ClaimAdmin
from citypartners.backoffice.login import LoginForm
from citypartners.backoffice.models import AuditEvent
from citypartners.backoffice.saving import WritesOnlyChanges
from citypartners.backoffice.scoping import ScopedAdmin, ScopedInline
from citypartners.core.fields import PartialDateField
from citypartners.core.slugs import unique_slug
from citypartners.editors.queries import memberships_of
from citypartners.editors.scope import (
    home_filter,
    places_for_homes,
    readable_sources,
    scope_of,
    sources_in,
)
from citypartners.editors.services import record_submission
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


DATE_HINT = _("For example 1.9.1993, Sept. 1993 or 1993; leave empty when the sources do not say.")
SOURCE_LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("pl", _("Polish")),
    ("uk", _("Ukrainian")),
    ("other", _("another language")),
]


def citable_sources(request):
    """The sources an account may cite: public ones, and those of its own homes."""
    return readable_sources(scope_of(request.user), Source.objects.all())


class FieldHintsMixin:
    """Date fields say what they accept; cited sources can be added on the spot ("+").

    Choices follow the account's scope (`editors.scope`): a record's home lists the account's
    homes, a partnership its homes' partnerships, sources the public ones and its own.
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scope = scope_of(request.user)
        if scope.is_scoped and db_field.related_model is Place and db_field.name == "home":
            kwargs["queryset"] = places_for_homes(scope, Place.objects.all())
        elif scope.is_scoped and db_field.related_model is Partnership:
            kwargs["queryset"] = Partnership.objects.filter(home_filter(scope, "home"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Source and scope_of(request.user).is_scoped:
            kwargs["queryset"] = citable_sources(request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(db_field, PartialDateField):
            field.help_text = DATE_HINT
            field.widget.attrs.setdefault("placeholder", "1.9.1993")
            field.widget.attrs.setdefault("size", 14)
        return field


class RegistryAdmin(
    ScopedAdmin, WritesOnlyChanges, FieldHintsMixin, VersionAdmin, TranslationAdmin
):
    """Both languages side by side, plus history; lists always searchable.

    A failed save lists its errors at the top with links to the fields (`error_summary`); the
    slug is made from the name when left empty (`slug_from`), as the browser does while typing.
    """

    list_per_page = 50
    # The path from a row to its home place, for the scope filter of lists; None for records
    # of no single home (places, topics, organisations), which every editor may read.
    home_path: str | None = None
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    slug_field = "slug"
    slug_from: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and self.slug_from and db_field.name == self.slug_field:
            field.required = False
            field.help_text = _("Made from the name when left empty.")
        return field

    def scope_rows(self, queryset, scope):
        if self.home_path is None:
            return queryset
        return queryset.filter(home_filter(scope, self.home_path))

    def slug_texts(self, obj) -> list[str]:
        return [str(getattr(obj, name, "") or "") for name in self.slug_from]

    def save_model(self, request, obj, form, change):
        if self.slug_from and not getattr(obj, self.slug_field):
            slug = unique_slug(
                model=type(obj),
                texts=self.slug_texts(obj),
                field=self.slug_field,
                fallback=obj._meta.model_name,
            )
            setattr(obj, self.slug_field, slug)
        super().save_model(request, obj, form, change)

    def render_change_form(self, request, context, *args, **kwargs):
        adminform = context.get("adminform")
        if adminform is not None and adminform.form.is_bound:
            formsets = [inline.formset for inline in context.get("inline_admin_formsets", [])]
            context["error_summary"] = error_summary(adminform.form, formsets)
        return super().render_change_form(request, context, *args, **kwargs)


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
    slug_from = ("name_en", "name_de", "name_local")
    autocomplete_fields = ("parent",)
    inlines = [PlaceAliasInline]

    def get_search_results(self, request, queryset, search_term):
        # The home of a partnership or programme, chosen by typing: the account's homes only.
        queryset, distinct = super().get_search_results(request, queryset, search_term)
        scope = scope_of(request.user)
        if scope.is_scoped and request.GET.get("field_name") == "home":
            queryset = places_for_homes(scope, queryset)
        return queryset, distinct

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_alias_forms(place=form.instance)


class StatusChangeInline(
    ScopedInline, WritesOnlyChanges, FieldHintsMixin, TranslationStackedInline
):
    """One step per block: step, date and order on one line, the notes below, then sources."""

    model = StatusChange
    fields = (("kind", "on", "position"), "note", "sources")
    autocomplete_fields = ("sources",)
    extra = 0


class MilestoneInline(ScopedInline, WritesOnlyChanges, FieldHintsMixin, TranslationStackedInline):
    model = Milestone
    fields = (("kind", "on", "position"), "title", "description", "sources")
    autocomplete_fields = ("sources",)
    extra = 0


class PartnershipTopicInline(ScopedInline, FieldHintsMixin, admin.TabularInline):
    model = PartnershipTopic
    fields = ("topic", "role", "position", "sources")
    autocomplete_fields = ("topic", "sources")
    extra = 0


class PartnershipOrganisationInline(
    ScopedInline, WritesOnlyChanges, FieldHintsMixin, TranslationStackedInline
):
    model = PartnershipOrganisation
    fields = (("organisation", "position"), "role", "sources")
    autocomplete_fields = ("organisation", "sources")
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(RegistryAdmin):
    home_path = "home"
    list_display = ("__str__", "kind", "operator", "since", "status", "is_published")
    # Only the homes of the rows the account sees (its own), not every place of the registry.
    list_filter = (
        "kind",
        "operator",
        "status",
        "is_published",
        ("home", admin.RelatedOnlyFieldListFilter),
    )
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
    slug_from = ("name_en", "name_de")
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

    def slug_texts(self, obj) -> list[str]:
        return [*super().slug_texts(obj), f"{obj.home.slug}-{obj.partner.slug}"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_partnership_state(form.instance)


@admin.register(Topic)
class TopicAdmin(RegistryAdmin):
    list_display = ("name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("slug", "name_de", "name_en")
    prepopulated_fields = {"slug": ("name_en",)}
    slug_from = ("name_en", "name_de")
    autocomplete_fields = ("parent",)


@admin.register(Activity)
class ActivityAdmin(RegistryAdmin):
    home_path = "partnership__home"
    list_display = ("title", "partnership", "kind", "starts", "ends", "is_published")
    list_filter = ("kind", "is_published", ("partnership", admin.RelatedOnlyFieldListFilter))
    search_fields = ("slug", "title_de", "title_en", "description_de", "description_en")
    autocomplete_fields = ("partnership", "topics", "organisations", "sources")
    prepopulated_fields = {"slug": ("title_en",)}
    slug_from = ("title_en", "title_de")

    def save_model(self, request, obj, form, change):
        refresh_activity_dates(obj)
        super().save_model(request, obj, form, change)


@admin.register(Organisation)
class OrganisationAdmin(RegistryAdmin):
    list_display = ("name", "acronym", "kind", "place")
    list_filter = ("kind",)
    search_fields = ("slug", "name_de", "name_en", "acronym")
    autocomplete_fields = ("place", "sources")
    prepopulated_fields = {"slug": ("name_en",)}
    slug_from = ("acronym", "name_en", "name_de")


@admin.register(ContactPerson)
class ContactPersonAdmin(RegistryAdmin):
    list_display = ("name", "organisation", "has_consent")
    list_filter = ("has_consent",)
    search_fields = ("name", "email", "organisation__name_de", "organisation__name_en")
    autocomplete_fields = ("organisation", "partnerships", "topics")


@admin.register(Programme)
class ProgrammeAdmin(RegistryAdmin):
    home_path = "home"
    list_display = ("name", "home", "office")
    search_fields = ("name_de", "name_en")
    autocomplete_fields = ("home", "office", "topics", "boroughs", "sources")


@admin.register(Source)
class SourceAdmin(RegistryAdmin):
    """Editors add a source where they cite it: the "+" beside every sources field opens this
    form in a small window and puts the new source into the field (Django's related-object
    popup). The key is made from the title."""

    list_display = ("title", "publisher", "language", "kind", "published_on")
    list_filter = ("language", "kind")
    search_fields = ("key", "title", "publisher", "url", "sha256")
    exclude = ("text",)
    readonly_fields = ("file_name", "sha256")
    slug_field = "key"
    slug_from = ("title",)

    def scope_rows(self, queryset, scope):
        return sources_in(scope, queryset)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        scope = scope_of(request.user)
        if not change and not scope.keeps_shared:
            # A home's editor added it (where it cites it): it is the home's to cite and edit.
            first = memberships_of(request.user).first()
            if first is not None:
                record_submission(source_id=obj.pk, home_id=first.home_id, user_id=request.user.pk)

    def get_search_results(self, request, queryset, search_term):
        # Choosing a source to cite (autocomplete) offers the public ones too; the list shows
        # the account's own.
        match = request.resolver_match
        is_autocomplete = match is not None and match.url_name == "autocomplete"
        if is_autocomplete and scope_of(request.user).is_scoped:
            queryset = citable_sources(request)
        return super().get_search_results(request, queryset, search_term)

    def get_fields(self, request, obj=None):
        first = ["title", "publisher", "published_on", "url", "language", "kind", "copy"]
        first += ["is_public"]
        rest = [name for name in super().get_fields(request, obj) if name not in first]
        return first + rest

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "language":
            return forms.ChoiceField(
                choices=[("", "---------"), *SOURCE_LANGUAGES],
                label=db_field.verbose_name,
                initial=request.LANGUAGE_CODE if request.LANGUAGE_CODE in ("de", "en") else "",
            )
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "kind" and field is not None:
            field.help_text = _(
                "A planned activity may cite the office's own announcement: choose "
                "“official announcement”."
            )
        return field


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
