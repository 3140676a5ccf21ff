"""The ombudsman's records in the admin: read-only, and never the complainant's identity.

Cases are worked on in the office's pages (``/ombudsman/``), where every view of an identity is
logged; the admin is for looking things up, so it leaves identities and the key hash out entirely.
"""

from django.contrib import admin

from ombudsman.models import Complaint, CounsellingSession, Recommendation, SatisfactionSurvey


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ["receipt_code", "title", "status", "channel", "received_at", "respondent_agency", "stage_deadline"]
    list_filter = ["status", "channel", "is_anonymous"]
    search_fields = ["receipt_code", "title", "respondent_agency"]
    date_hierarchy = "received_at"
    exclude = ["complainant_name", "complainant_email", "complainant_phone", "secret_key_hash", "affected_party"]
    show_full_result_count = False


@admin.register(CounsellingSession)
class CounsellingSessionAdmin(ReadOnlyAdmin):
    list_display = ["held_on", "topic", "channel", "outcome", "counsellor", "complaint"]
    list_filter = ["channel", "outcome"]
    list_select_related = ["counsellor", "complaint"]
    search_fields = ["topic"]
    date_hierarchy = "held_on"


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ["complaint", "agency", "issued_on", "response_due", "response", "implemented"]
    list_filter = ["response", "implemented"]
    list_select_related = ["complaint"]
    search_fields = ["agency", "complaint__receipt_code"]


@admin.register(SatisfactionSurvey)
class SatisfactionSurveyAdmin(ReadOnlyAdmin):
    list_display = ["complaint", "fairness", "speed", "clarity", "submitted_at"]
    list_select_related = ["complaint"]
    exclude = ["comment"]
