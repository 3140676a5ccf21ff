"""``/api/v1/`` endpoints of the impact app."""

from django.urls import path

from impact.api import views

urlpatterns = [
    # Assessments: lists, requests, one assessment.
    path("impact-assessments/", views.AssessmentListView.as_view(), name="api-impact-assessment-list"),
    path("impact-assessments/<int:pk>/", views.AssessmentDetailView.as_view(), name="api-impact-assessment-detail"),
    # One endpoint per action.
    path("impact-assessments/<int:pk>/start/", views.AssessmentStartView.as_view(), name="api-impact-assessment-start"),
    path(
        "impact-assessments/<int:pk>/assign/", views.AssessmentAssignView.as_view(), name="api-impact-assessment-assign"
    ),
    path("impact-assessments/<int:pk>/checklist/", views.ChecklistSaveView.as_view(), name="api-impact-checklist"),
    path(
        "impact-assessments/<int:pk>/findings/", views.AssessmentFindingsView.as_view(), name="api-impact-finding-list"
    ),
    path(
        "impact-assessments/<int:pk>/issue-findings/",
        views.FindingsIssueView.as_view(),
        name="api-impact-findings-issue",
    ),
    path(
        "impact-assessments/<int:pk>/submit-responses/",
        views.ResponsesSubmitView.as_view(),
        name="api-impact-responses-submit",
    ),
    path("impact-assessments/<int:pk>/outcome/", views.OutcomeRecordView.as_view(), name="api-impact-outcome"),
    path(
        "impact-assessments/<int:pk>/send-to-committee/",
        views.CommitteeReviewRequestView.as_view(),
        name="api-impact-send-to-committee",
    ),
    path("impact-assessments/<int:pk>/reviews/", views.AssessmentReviewsView.as_view(), name="api-impact-review-list"),
    path("impact-assessments/<int:pk>/close/", views.AssessmentCloseView.as_view(), name="api-impact-assessment-close"),
    path(
        "impact-assessments/<int:pk>/withdraw/",
        views.AssessmentWithdrawView.as_view(),
        name="api-impact-assessment-withdraw",
    ),
    path("impact-assessments/<int:pk>/attachments/", views.AttachmentsAddView.as_view(), name="api-impact-attachments"),
    # Findings and the department's responses.
    path("impact-findings/<int:pk>/", views.FindingDetailView.as_view(), name="api-impact-finding-detail"),
    path("impact-findings/<int:pk>/response/", views.FindingResponseView.as_view(), name="api-impact-finding-response"),
    # Checklist templates.
    path("checklist-templates/", views.TemplateListView.as_view(), name="api-impact-template-list"),
    path("checklist-templates/<int:pk>/", views.TemplateDetailView.as_view(), name="api-impact-template-detail"),
    path(
        "checklist-templates/<int:pk>/criteria/",
        views.TemplateCriterionCreateView.as_view(),
        name="api-impact-criterion-create",
    ),
    path(
        "checklist-templates/<int:pk>/publish/",
        views.TemplatePublishView.as_view(),
        name="api-impact-template-publish",
    ),
    path("checklist-criteria/<int:pk>/", views.CriterionDetailView.as_view(), name="api-impact-criterion-detail"),
    # The figures for the dashboards (public).
    path("impact/statistics/", views.StatisticsView.as_view(), name="api-impact-statistics"),
]

root_routes = [
    ("impact-assessments", "api-impact-assessment-list"),
    ("checklist-templates", "api-impact-template-list"),
    ("impact-statistics", "api-impact-statistics"),
]
