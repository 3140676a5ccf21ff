"""Pages of the ombudsman app: the citizens' complaint pages and the office's case work."""

from django.urls import path

from ombudsman.views import public, staff

app_name = "ombudsman"

urlpatterns = [
    # Citizens (no account).
    path("complaints/new/", public.complaint_new, name="complaint-new"),
    path("complaints/receipt/", public.complaint_receipt, name="complaint-receipt"),
    path("complaints/track/", public.complaint_track, name="complaint-track"),
    path("complaints/track/status/", public.complaint_status, name="complaint-status"),
    path("complaints/track/add/", public.complaint_add_information, name="complaint-add-information"),
    path("complaints/track/withdraw/", public.complaint_withdraw, name="complaint-withdraw"),
    path("complaints/track/survey/", public.complaint_survey, name="complaint-survey"),
    path("complaints/track/end/", public.complaint_track_end, name="complaint-track-end"),
    path("complaints/statistics/", public.public_statistics, name="public-statistics"),
    # The office.
    path("ombudsman/", staff.case_list, name="case-list"),
    path("ombudsman/export/<str:fmt>/", staff.case_export, name="case-export"),
    path("ombudsman/cases/new/", staff.case_register, name="case-register"),
    path("ombudsman/cases/<str:receipt_code>/", staff.case_detail, name="case-detail"),
    path("ombudsman/cases/<str:receipt_code>/transition/", staff.case_transition, name="case-transition"),
    path("ombudsman/cases/<str:receipt_code>/assign/", staff.case_assign, name="case-assign"),
    path("ombudsman/cases/<str:receipt_code>/notes/", staff.case_note_add, name="case-note-add"),
    path("ombudsman/cases/<str:receipt_code>/attachments/", staff.case_attachment_add, name="case-attachment-add"),
    path(
        "ombudsman/cases/<str:receipt_code>/attachments/<int:pk>/",
        staff.attachment_download,
        name="attachment-download",
    ),
    path(
        "ombudsman/cases/<str:receipt_code>/recommendations/new/",
        staff.recommendation_new,
        name="recommendation-new",
    ),
    path("ombudsman/recommendations/<int:pk>/response/", staff.recommendation_response, name="recommendation-response"),
    path(
        "ombudsman/recommendations/<int:pk>/implementation/",
        staff.recommendation_implementation,
        name="recommendation-implementation",
    ),
    path("ombudsman/counselling/", staff.counselling_list, name="counselling-list"),
    path("ombudsman/counselling/new/", staff.counselling_new, name="counselling-new"),
    path("ombudsman/counselling/<int:pk>/", staff.counselling_detail, name="counselling-detail"),
    path(
        "ombudsman/counselling/<int:pk>/register-case/",
        staff.counselling_register_case,
        name="counselling-register-case",
    ),
    path("ombudsman/statistics/", staff.statistics, name="statistics"),
]
