"""``/api/v1/`` endpoints of the indicators app."""

from django.urls import path

from indicators.api import views

urlpatterns = [
    # Frameworks and indicators (public reads, office writes).
    path("indicator-frameworks/", views.FrameworkListView.as_view(), name="api-indicator-framework-list"),
    path(
        "indicator-frameworks/<int:pk>/",
        views.FrameworkDetailView.as_view(),
        name="api-indicator-framework-detail",
    ),
    path("indicators/", views.IndicatorListView.as_view(), name="api-indicator-list"),
    # Before ``indicators/<id>/``, so the summary is never read as an indicator.
    path("indicators/summary/", views.StatusSummaryView.as_view(), name="api-indicator-summary"),
    path("indicators/<int:pk>/", views.IndicatorDetailView.as_view(), name="api-indicator-detail"),
    # Values: public reads (verified only), entry by officials, verification by the office.
    path("measurements/", views.MeasurementListView.as_view(), name="api-measurement-list"),
    path("measurements/verify/", views.MeasurementVerifyView.as_view(), name="api-measurement-verify"),
    path(
        "measurements/<int:pk>/revisions/",
        views.MeasurementRevisionListView.as_view(),
        name="api-measurement-revisions",
    ),
]

root_routes = [
    ("indicator-frameworks", "api-indicator-framework-list"),
    ("indicators", "api-indicator-list"),
    ("indicator-summary", "api-indicator-summary"),
    ("measurements", "api-measurement-list"),
    ("measurements-verify", "api-measurement-verify"),
]
