"""The back office asks the permission rules about each record (`editors.rules`).

Django's admin checks model permissions only: every editor could open every partnership. The
mixins here make it ask django-rules about the record at hand, and show each account only its
homes' rows:

- lists, search and autocomplete hold the rows within the account's scope (`get_queryset`);
- a record outside it, opened by its address or posted to, answers 403 (`get_object` reads
  the record without the scope filter, so that the permission check, not a "not found", says
  no), also its history and its old versions;
- choices of a record's home list the account's homes only, and a save that would move a
  record out of the account's homes is refused even if the form was tampered with.
"""

from __future__ import annotations

import rules
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet

from citypartners.editors.scope import Scope, scope_of


def _perm(opts, action: str) -> str:
    return f"{opts.app_label}.{get_permission_codename(action, opts)}"


class RulesPermissions:
    """has_*_permission answered by the rules for the record (or the model, without one)."""

    def has_view_permission(self, request, obj=None) -> bool:
        user = request.user
        return rules.has_perm(_perm(self.opts, "view"), user, obj) or rules.has_perm(
            _perm(self.opts, "change"), user, obj
        )

    def has_add_permission(self, request, *args) -> bool:
        return rules.has_perm(_perm(self.opts, "add"), request.user, None)

    def has_change_permission(self, request, obj=None) -> bool:
        return rules.has_perm(_perm(self.opts, "change"), request.user, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return rules.has_perm(_perm(self.opts, "delete"), request.user, obj)


class ScopedAdmin(RulesPermissions):
    """A model admin whose rows belong to homes (or to the account's scope in general)."""

    def scope_rows(self, queryset: QuerySet, scope: Scope) -> QuerySet:
        """The rows of `queryset` within `scope` (not called for national accounts)."""
        raise NotImplementedError

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        scope = scope_of(request.user)
        return queryset if scope.is_national else self.scope_rows(queryset, scope)

    def get_object(self, request, object_id, from_field=None):
        # Without the scope filter: a record outside the scope must answer 403, not "not found".
        queryset = self.model._default_manager.all()
        field = self.opts.pk if from_field is None else self.opts.get_field(from_field)
        try:
            return queryset.get(**{field.name: field.to_python(object_id)})
        except (self.model.DoesNotExist, ValidationError, ValueError):
            return None

    def _check_current(self, request, object_id) -> None:
        obj = self.get_object(request, object_id)
        if obj is not None and not self.has_view_permission(request, obj):
            raise PermissionDenied

    def history_view(self, request, object_id, extra_context=None):
        self._check_current(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # An old version may name a home of the account's: the record as it is now decides.
        obj = self.get_object(request, object_id)
        if obj is not None and not self.has_change_permission(request, obj):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        # The form's choices are limited already; this refuses what a tampered post slips by:
        # the record as it would be saved (its new home) must be within the account's scope.
        if not rules.has_perm(_perm(self.opts, "change" if change else "add"), request.user, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


class ScopedInline(RulesPermissions):
    """An inline of a partnership: allowed where the partnership (its parent) is."""

    def _parent_allows(self, request, obj) -> bool:
        if obj is None:
            return True
        return rules.has_perm(_perm(obj._meta, "change"), request.user, obj)

    def has_view_permission(self, request, obj=None) -> bool:
        return rules.has_perm(_perm(self.opts, "view"), request.user, None) and (
            obj is None
            or rules.has_perm(_perm(obj._meta, "view"), request.user, obj)
            or self._parent_allows(request, obj)
        )

    def has_add_permission(self, request, obj=None) -> bool:
        return rules.has_perm(_perm(self.opts, "add"), request.user, None) and self._parent_allows(
            request, obj
        )

    def has_change_permission(self, request, obj=None) -> bool:
        return rules.has_perm(
            _perm(self.opts, "change"), request.user, None
        ) and self._parent_allows(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return rules.has_perm(
            _perm(self.opts, "delete"), request.user, None
        ) and self._parent_allows(request, obj)
