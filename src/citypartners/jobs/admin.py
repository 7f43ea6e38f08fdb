"""Background tasks in the back office: what is queued, running or failed, and retrying failures.

Replaces the engine's own read-only list with one that filters by state and task and has a
"retry" action; tasks are still never edited by hand.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from citypartners.jobs import services
from citypartners.jobs.models import WorkerBeat

admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    list_display = ("task_name", "status", "enqueued_at", "started_at", "finished_at", "attempts")
    list_filter = ("status", "task_path", "queue_name")
    search_fields = ("task_path", "traceback")
    actions = ["retry"]

    @admin.display(description=_("attempts"))
    def attempts(self, obj: DBTaskResult) -> int:
        return len(obj.worker_ids)

    def has_retry_permission(self, request) -> bool:
        """Administrators (who may change task results) retry; editors only look."""
        return request.user.has_perm("django_tasks_database.change_dbtaskresult")

    @admin.action(description=_("Retry the selected failed tasks"), permissions=["retry"])
    def retry(self, request, queryset):
        count = services.retry_failed(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d failed task queued again.",
                "%(count)d failed tasks queued again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(WorkerBeat)
class WorkerBeatAdmin(admin.ModelAdmin):
    list_display = ("worker_id", "host", "pid", "started_at", "seen_at")
    list_filter = ("host",)
    search_fields = ("worker_id", "host")
    readonly_fields = ("worker_id", "host", "pid", "started_at", "seen_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
