"""``/api/v1/`` endpoints of the ombudsman app."""

from django.urls import path

from ombudsman.api import views

urlpatterns = [
    # Citizens (no account).
    path("complaints/", views.ComplaintSubmitView.as_view(), name="api-complaint-submit"),
    path("complaints/status/", views.ComplaintStatusView.as_view(), name="api-complaint-status"),
    path(
        "complaints/status/information/",
        views.ComplaintAddInformationView.as_view(),
        name="api-complaint-add-information",
    ),
    path("complaints/status/withdraw/", views.ComplaintWithdrawView.as_view(), name="api-complaint-withdraw"),
    path("complaints/status/survey/", views.ComplaintSurveyView.as_view(), name="api-complaint-survey"),
    # The office.
    path("cases/", views.CaseListView.as_view(), name="api-case-list"),
    path("cases/<str:receipt_code>/", views.CaseDetailView.as_view(), name="api-case-detail"),
    path("cases/<str:receipt_code>/transition/", views.CaseTransitionView.as_view(), name="api-case-transition"),
    path("cases/<str:receipt_code>/assign/", views.CaseAssignView.as_view(), name="api-case-assign"),
    path("cases/<str:receipt_code>/notes/", views.CaseNoteAddView.as_view(), name="api-case-note-add"),
    path(
        "cases/<str:receipt_code>/recommendations/",
        views.CaseRecommendationIssueView.as_view(),
        name="api-case-recommendation-issue",
    ),
    path("recommendations/", views.RecommendationListView.as_view(), name="api-recommendation-list"),
    path(
        "recommendations/<int:pk>/response/",
        views.RecommendationResponseView.as_view(),
        name="api-recommendation-response",
    ),
    path(
        "recommendations/<int:pk>/implementation/",
        views.RecommendationImplementationView.as_view(),
        name="api-recommendation-implementation",
    ),
    path("counselling-sessions/", views.CounsellingSessionListView.as_view(), name="api-counselling-list"),
    path(
        "counselling-sessions/<int:pk>/",
        views.CounsellingSessionDetailView.as_view(),
        name="api-counselling-detail",
    ),
    path(
        "counselling-sessions/<int:pk>/register-case/",
        views.CounsellingRegisterCaseView.as_view(),
        name="api-counselling-register-case",
    ),
    path("ombudsman/statistics/", views.CaseStatisticsView.as_view(), name="api-ombudsman-statistics"),
    path(
        "ombudsman/statistics/public/",
        views.PublicCaseStatisticsView.as_view(),
        name="api-ombudsman-statistics-public",
    ),
]

root_routes = [
    ("complaints", "api-complaint-submit"),
    ("complaint-status", "api-complaint-status"),
    ("cases", "api-case-list"),
    ("recommendations", "api-recommendation-list"),
    ("counselling-sessions", "api-counselling-list"),
    ("ombudsman-statistics", "api-ombudsman-statistics"),
    ("ombudsman-statistics-public", "api-ombudsman-statistics-public"),
]
