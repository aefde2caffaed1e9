from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import ApiToken, Membership, Unit, User
from .scoped_admin import ScopedAdmin


class UnitAdminForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["code", "name", "kind", "parent", "email", "is_active"]

    def clean_parent(self):
        from .actions import check_parent

        parent = self.cleaned_data.get("parent")
        try:
            check_parent(self.instance, parent)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
        return parent


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    form = UnitAdminForm
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name", "name_folded"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["path", "depth"]

    def save_model(self, request, obj, form, change):
        # A new parent moves the whole subtree (set_parent re-paths it and records the move); the rest is saved
        # as it is.
        if change and "parent" in form.changed_data:
            from .actions import set_parent

            new_parent = obj.parent
            obj.parent = Unit.objects.get(pk=obj.pk).parent
            super().save_model(request, obj, form, change)
            set_parent(obj, new_parent, actor=request.user)
            return
        super().save_model(request, obj, form, change)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "full_name", "email", "is_active"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (*BaseUserAdmin.fieldsets, ("dondoc", {"fields": ("full_name", "phone", "job_title")}))

    def has_module_permission(self, request):
        from dondoc.units.scope import Scope

        return request.user.is_staff and Scope.for_user(request.user).is_admin

    has_view_permission = has_change_permission = has_add_permission = has_delete_permission = (
        lambda self, request, obj=None: self.has_module_permission(request)
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "name", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]

    def has_module_permission(self, request):
        from dondoc.units.scope import Scope

        return request.user.is_staff and Scope.for_user(request.user).is_admin

    has_view_permission = has_change_permission = lambda self, request, obj=None: self.has_module_permission(
        request
    )

    def has_add_permission(self, request):
        return False
