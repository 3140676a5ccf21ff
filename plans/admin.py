"""The plans app in the admin: read-only look-ups.

Plans, tasks, records and the committee's work are changed in the portal's pages, through
``plans.services`` (which check the roles, keep the workflow and write the audit log).
"""

from django.contrib import admin

from plans.models import (
    AnnualRecord,
    BasePlan,
    Committee,
    CommitteeMember,
    Meeting,
    PlanArea,
    PolicyTask,
    ReportingRound,
    ReviewOpinion,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BasePlan)
class BasePlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "start_year", "end_year", "status", "adopted_on"]
    list_filter = ["status", "organisation"]
    search_fields = ["title", "title_en", "organisation"]


@admin.register(PlanArea)
class PlanAreaAdmin(ReadOnlyAdmin):
    list_display = ["plan", "number", "title"]
    list_filter = ["plan"]
    list_select_related = ["plan"]
    search_fields = ["title"]


@admin.register(PolicyTask)
class PolicyTaskAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "area", "responsible_department"]
    list_filter = ["area__plan", "responsible_department"]
    list_select_related = ["area", "responsible_department"]
    search_fields = ["code", "title"]


@admin.register(ReportingRound)
class ReportingRoundAdmin(ReadOnlyAdmin):
    list_display = ["plan", "year", "due_on", "opened_at", "closed_at"]
    list_filter = ["year", "plan"]
    list_select_related = ["plan"]


@admin.register(AnnualRecord)
class AnnualRecordAdmin(ReadOnlyAdmin):
    list_display = ["task", "year", "progress_status", "progress", "review_state", "budget_planned", "budget_executed"]
    list_filter = ["year", "review_state", "progress_status", "task__responsible_department"]
    list_select_related = ["task"]
    search_fields = ["task__code", "task__title"]
    show_full_result_count = False


@admin.register(Committee)
class CommitteeAdmin(ReadOnlyAdmin):
    list_display = ["name", "organisation", "term_years", "regular_meetings_per_year"]
    search_fields = ["name", "name_en"]


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(ReadOnlyAdmin):
    list_display = ["name", "committee", "role", "affiliation", "term_start", "term_end"]
    list_filter = ["committee", "role"]
    list_select_related = ["committee"]
    search_fields = ["name", "affiliation"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["held_on", "title", "committee", "kind"]
    list_filter = ["committee", "kind"]
    list_select_related = ["committee"]
    search_fields = ["title"]
    date_hierarchy = "held_on"


@admin.register(ReviewOpinion)
class ReviewOpinionAdmin(ReadOnlyAdmin):
    list_display = ["committee", "plan", "task", "submitted_at", "reflection"]
    list_filter = ["reflection", "committee"]
    list_select_related = ["committee", "plan", "task"]
    search_fields = ["text", "office_reply"]
