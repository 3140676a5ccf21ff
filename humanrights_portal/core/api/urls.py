from django.urls import path

from humanrights_portal.core.api import views

urlpatterns = [
    path("departments/", views.DepartmentListView.as_view(), name="api-department-list"),
    path("vulnerable-groups/", views.VulnerableGroupListView.as_view(), name="api-vulnerable-group-list"),
    path("rights/", views.RightCategoryListView.as_view(), name="api-right-category-list"),
    path("sdg-targets/", views.SdgTargetListView.as_view(), name="api-sdg-target-list"),
    path("auth/token/", views.TokenObtainView.as_view(), name="api-token-obtain"),
    path("me/", views.CurrentUserView.as_view(), name="api-current-user"),
    path("audit-events/", views.AuditEventListView.as_view(), name="api-audit-event-list"),
    path(
        "personal-data-accesses/",
        views.PersonalDataAccessListView.as_view(),
        name="api-personal-data-access-list",
    ),
]

root_routes = [
    ("departments", "api-department-list"),
    ("vulnerable-groups", "api-vulnerable-group-list"),
    ("rights", "api-right-category-list"),
    ("sdg-goals", "api-sdg-goal-list"),
    ("sdg-targets", "api-sdg-target-list"),
    ("me", "api-current-user"),
    ("audit-events", "api-audit-event-list"),
    ("personal-data-accesses", "api-personal-data-access-list"),
]
