"""Barrier reports in the back office: the office reads them, answers and records the outcome."""

from django.contrib import admin

from citypartners.feedback.models import BarrierReport


@admin.register(BarrierReport)
class BarrierReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "page_url", "status", "language", "notified_at"]
    list_filter = ["status", "language"]
    search_fields = ["description", "page_url", "email", "name"]
    readonly_fields = [
        "created_at",
        "page_url",
        "description",
        "name",
        "email",
        "language",
        "notified_at",
    ]
    fields = [*readonly_fields, "status", "office_note"]

    def has_add_permission(self, request) -> bool:
        return False
