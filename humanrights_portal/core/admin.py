from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.models import (
    AuditEvent,
    Department,
    PersonalDataAccess,
    RightCategory,
    SdgGoal,
    SdgTarget,
    User,
    VulnerableGroup,
)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ["username", "display_name", "department", "is_active", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_superuser", "groups", "department"]
    list_select_related = ["department"]
    search_fields = ["username", "display_name", "email"]
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Portal"), {"fields": ["display_name", "department"]}),
    )


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ko", "name_en", "kind", "is_human_rights_office", "is_active", "sort_order"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name_ko", "name_en"]


@admin.register(VulnerableGroup, RightCategory)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ko", "name_en", "is_active", "sort_order"]
    list_filter = ["is_active"]
    search_fields = ["code", "name_ko", "name_en"]


class SdgTargetInline(admin.TabularInline):
    model = SdgTarget
    extra = 0
    fields = ["code", "title_ko", "title_en", "sort_order"]


@admin.register(SdgGoal)
class SdgGoalAdmin(admin.ModelAdmin):
    list_display = ["number", "title_ko", "title_en"]
    inlines = [SdgTargetInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Logs are evidence: nobody edits or deletes them, not even an administrator."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "actor_label", "action", "target_repr", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor_label", "action", "target_repr", "target_id"]
    date_hierarchy = "occurred_at"


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyAdmin):
    list_display = ["accessed_at", "actor", "subject_repr", "fields", "purpose", "ip_address"]
    list_select_related = ["actor"]
    search_fields = ["actor__username", "subject_repr", "subject_id"]
    date_hierarchy = "accessed_at"
