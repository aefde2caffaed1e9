"""Base classes of the scoped admin: back-office users see and change only what their roles reach."""

from django.contrib import admin

from dondoc.units.scope import Scope


class ScopedAdmin(admin.ModelAdmin):
    """Filters the admin's querysets through the user's Scope. `scope_field` names the unit relation
    ("" for a Unit itself). An app whose rows are scoped otherwise (tasks, by their lead and partners)
    overrides `scoped()`."""

    scope_field = ""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        scope = Scope.for_user(request.user)
        if scope.is_admin:
            return qs
        return self.scoped(qs, scope)

    def scoped(self, qs, scope: Scope):
        return qs.filter(scope.unit_q(self.scope_field))

    def _can_write(self, request):
        scope = Scope.for_user(request.user)
        return scope.is_admin or bool(scope.office_paths)

    def has_view_permission(self, request, obj=None):
        return (
            request.user.is_active and request.user.is_staff and not Scope.for_user(request.user).is_anonymous
        )

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_change_permission(self, request, obj=None):
        return request.user.is_staff and self._can_write(request)

    def has_add_permission(self, request):
        return request.user.is_staff and self._can_write(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_staff and Scope.for_user(request.user).is_admin


class OfficeAdmin(admin.ModelAdmin):
    """Shared catalogues (programmes, documents): every back-office user reads them, the office edits them."""

    def has_view_permission(self, request, obj=None):
        return (
            request.user.is_active and request.user.is_staff and not Scope.for_user(request.user).is_anonymous
        )

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_change_permission(self, request, obj=None):
        scope = Scope.for_user(request.user)
        return request.user.is_staff and (scope.is_admin or bool(scope.office_paths))

    has_add_permission = lambda self, request: self.has_change_permission(request)  # noqa: E731

    def has_delete_permission(self, request, obj=None):
        return request.user.is_staff and Scope.for_user(request.user).is_admin
