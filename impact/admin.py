"""The impact app in the admin: read-only look-ups.

Assessments and checklists are changed in the portal's pages, through ``impact.services`` (which
check the roles, keep the workflow and write the audit log).
"""

from django.contrib import admin

from impact.models import Assessment, ChecklistTemplate, CommitteeReview, Finding


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "subject_type", "department", "status", "outcome", "year"]
    list_filter = ["subject_type", "status", "outcome", "year"]
    search_fields = ["code", "title"]
    list_select_related = ["department"]


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(ReadOnlyAdmin):
    list_display = ["title", "subject_type", "version", "state", "published_at"]
    list_filter = ["subject_type", "state"]


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ["assessment", "number", "response"]
    list_select_related = ["assessment"]


@admin.register(CommitteeReview)
class CommitteeReviewAdmin(ReadOnlyAdmin):
    list_display = ["assessment", "committee", "conclusion", "submitted_at"]
    list_select_related = ["assessment", "committee"]
