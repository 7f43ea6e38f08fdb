"""Background tasks in the back office: read-only, to see what is queued, running or failed."""

from django.contrib import admin

from citypartners.taskqueue.models import Task


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("name", "status", "run_at", "attempts", "locked_by", "finished_at")
    list_filter = ("status", "name")
    search_fields = ("name", "locked_by", "last_error")
    readonly_fields = [field.name for field in Task._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
