"""The newsletter in the back office: editions side by side in both languages, preview, test
mail, sending with progress; subscribers with their consent log, JSON export and erasure.

Every action calls the same services as the public pages and the worker. Subscribers cannot
be added here: consent must come from the person, through the double opt-in.
"""

from __future__ import annotations

import json

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from citypartners.backoffice.models import AuditKind
from citypartners.backoffice.scoping import RulesPermissions
from citypartners.backoffice.services import record_audit_event
from citypartners.newsletter import queries, services
from citypartners.newsletter.enums import ConsentChannel, EditionStatus
from citypartners.newsletter.models import (
    ConsentRecord,
    ConsentText,
    Edition,
    EditionSection,
    Subscriber,
)


class EditionSectionInline(TranslationStackedInline):
    model = EditionSection
    fields = ("position", "title", "body", "partnership", "topics")
    autocomplete_fields = ("partnership", "topics")
    extra = 0


@admin.register(Edition)
class EditionAdmin(RulesPermissions, TranslationAdmin):
    list_display = ("subject", "status", "progress", "created_at", "sent_at")
    list_filter = ("status",)
    search_fields = ("subject_de", "subject_en")
    readonly_fields = ("status", "progress", "sending_at", "sent_at")
    fields = ("subject", "body", "status", "progress", "sending_at", "sent_at")
    inlines = [EditionSectionInline]
    change_form_template = "admin/newsletter/edition/change_form.html"

    def get_queryset(self, request):
        return queries.editions_with_progress()

    @admin.display(description=_("sent / failed / remaining"))
    def progress(self, obj: Edition) -> str:
        if obj.pk is None or obj.status == EditionStatus.DRAFT:
            return "–"
        p = queries.progress_of(obj)
        return f"{p.sent} / {p.failed} / {p.remaining}"

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.status == EditionStatus.DRAFT)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", wrap(self.preview_view), name="newsletter_edition_preview"),
            path("<int:pk>/send-test/", wrap(self.send_test_view), name="newsletter_edition_test"),
            path("<int:pk>/send/", wrap(self.send_view), name="newsletter_edition_send"),
            *super().get_urls(),
        ]

    def _edition(self, request, pk: int) -> Edition:
        edition = get_object_or_404(Edition, pk=pk)
        if not self.has_view_permission(request, edition):
            raise PermissionDenied
        return edition

    def preview_view(self, request, pk: int):
        edition = self._edition(request, pk)
        previews = []
        for language in ("de", "en"):
            message = services.edition_message(
                edition, services.TestRecipient(email=request.user.email, language=language)
            )
            previews.append(
                {
                    "language": language,
                    "subject": message.subject,
                    "text": message.body,
                    "html": message.alternatives[0][0] if message.alternatives else "",
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": edition,
            "title": _("Preview: %(subject)s") % {"subject": edition},
            "previews": previews,
        }
        return TemplateResponse(request, "admin/newsletter/edition/preview.html", context)

    def send_test_view(self, request, pk: int):
        edition = self._edition(request, pk)
        change_url = reverse("admin:newsletter_edition_change", args=[pk])
        if request.method != "POST":
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": edition,
                "title": _("Send a test to myself"),
            }
            return TemplateResponse(request, "admin/newsletter/edition/send_test.html", context)
        if not request.user.email:
            self.message_user(
                request,
                _("Your account has no e-mail address to send the test to."),
                messages.ERROR,
            )
            return HttpResponseRedirect(change_url)
        try:
            services.send_test(edition=edition, email=request.user.email)
        except Exception as error:  # the editor must see any mail failure, whatever it is
            self.message_user(
                request,
                _("The test mail could not be sent: %(error)s") % {"error": error},
                messages.ERROR,
            )
        else:
            self.message_user(
                request,
                _("A test mail in German and one in English went to %(email)s.")
                % {"email": request.user.email},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(change_url)

    def send_view(self, request, pk: int):
        edition = self._edition(request, pk)
        if not self.has_change_permission(request, edition):
            raise PermissionDenied
        if request.method == "POST":
            try:
                count = services.send_edition(edition=edition, by=request.user.get_username())
            except services.EditionNotDraft:
                self.message_user(request, _("This edition has been sent already."), messages.ERROR)
            else:
                self.message_user(
                    request,
                    ngettext(
                        "The edition is being sent to %(count)d subscriber.",
                        "The edition is being sent to %(count)d subscribers.",
                        count,
                    )
                    % {"count": count},
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(reverse("admin:newsletter_edition_change", args=[pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": edition,
            "title": _("Send: %(subject)s") % {"subject": edition},
            "recipients": queries.recipients_of(edition).count(),
        }
        return TemplateResponse(request, "admin/newsletter/edition/send.html", context)


class ConsentRecordInline(admin.TabularInline):
    model = ConsentRecord
    fields = ("at", "event", "channel", "consent_text", "language", "interests", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "language", "status", "requested_at", "confirmed_at")
    list_filter = ("status", "language")
    search_fields = ("email",)
    fields = (
        "email",
        "language",
        "status",
        "partnerships",
        "topics",
        "consent_text",
        "created_at",
        "requested_at",
        "confirmed_at",
        "unsubscribed_at",
    )
    readonly_fields = fields
    inlines = [ConsentRecordInline]
    actions = ["export_json", "unsubscribe_selected", "erase_selected"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # erasure goes through its own action, which explains what it removes

    @admin.action(description=_("Export everything stored about them (JSON)"), permissions=["view"])
    def export_json(self, request, queryset):
        data = [services.export_subscriber_data(subscriber=s) for s in queryset]
        # Every export of personal data is in the audit log: who, when, from where, how many.
        record_audit_event(
            kind=AuditKind.SUBSCRIBERS_EXPORTED,
            request=request,
            user=request.user,
            detail=f"{len(data)} subscriber(s), ids "
            + ", ".join(str(pk) for pk in queryset.values_list("pk", flat=True)),
        )
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="subscriber-data.json"'
        return response

    @admin.action(description=_("Unsubscribe them"), permissions=["change"])
    def unsubscribe_selected(self, request, queryset):
        done = sum(
            services.unsubscribe(
                subscriber=s,
                channel=ConsentChannel.BACK_OFFICE,
                note=f"by {request.user.get_username()}",
            )
            for s in queryset
        )
        self.message_user(request, _("%(count)d unsubscribed.") % {"count": done})

    @admin.action(
        description=_("Erase them with their consent log (on request)"), permissions=["change"]
    )
    def erase_selected(self, request, queryset):
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Erase subscribers"),
                "subscribers": queryset,
                "action": "erase_selected",
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/newsletter/subscriber/erase.html", context)
        count = 0
        for subscriber in queryset:
            services.erase_subscriber(subscriber=subscriber, by=request.user.get_username())
            count += 1
        self.message_user(request, _("%(count)d erased.") % {"count": count}, messages.SUCCESS)
        return None


@admin.register(ConsentText)
class ConsentTextAdmin(RulesPermissions, TranslationAdmin):
    list_display = ("version", "text", "created_at")
    list_filter = ("created_at",)
    search_fields = ("text_de", "text_en")
    fields = ("version", "text")

    def has_change_permission(self, request, obj=None):
        """A version people have agreed to stays as it was; publish a new version instead."""
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or not (obj.records.exists() or obj.subscribers.exists()))

    def has_delete_permission(self, request, obj=None):
        return False
