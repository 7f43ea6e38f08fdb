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

STATES = {
    "READY": _("queued"),
    "RUNNING": _("running"),
    "SUCCESSFUL": _("done"),
    "FAILED": _("failed"),
}


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "status__exact"

    def lookups(self, request, model_admin):
        return list(STATES.items())

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


class TaskFilter(admin.SimpleListFilter):
    title = _("task")
    parameter_name = "task_path__exact"

    def lookups(self, request, model_admin):
        paths = DBTaskResult.objects.order_by("task_path").values_list("task_path", flat=True)
        return [(path, path.rsplit(".", 1)[-1]) for path in paths.distinct()]

    def queryset(self, request, queryset):
        return queryset.filter(task_path=self.value()) if self.value() else queryset


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    list_display = ("task", "state", "queued_at", "started", "finished", "attempts")
    list_display_links = ("task",)
    list_filter = (StateFilter, TaskFilter)
    search_fields = ("task_path", "traceback")
    actions = ["retry"]

    @admin.display(description=_("task"), ordering="task_path")
    def task(self, obj: DBTaskResult) -> str:
        return obj.task_name

    @admin.display(description=_("state"), ordering="status")
    def state(self, obj: DBTaskResult) -> str:
        return STATES.get(obj.status, obj.status)

    @admin.display(description=_("queued at"), ordering="enqueued_at")
    def queued_at(self, obj: DBTaskResult):
        return obj.enqueued_at

    @admin.display(description=_("started at"), ordering="started_at")
    def started(self, obj: DBTaskResult):
        return obj.started_at

    @admin.display(description=_("finished at"), ordering="finished_at")
    def finished(self, obj: DBTaskResult):
        return obj.finished_at

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
