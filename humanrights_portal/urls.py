from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from humanrights_portal.core import views as core_views
from humanrights_portal.core.metrics import metrics
from humanrights_portal.dashboards.views import dashboards as dashboard_views

# Swagger UI and Redoc set inline style attributes; their scripts stay external.
docs_csp = csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]})

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz/", core_views.healthz, name="healthz"),
    # Prometheus metrics, closed to the public (core/metrics.py).
    path("metrics/", metrics, name="metrics"),
    path("privacy/", core_views.privacy_policy, name="privacy"),
    path("dashboard/", dashboard_views.committee_dashboard, name="dashboard"),
    path("", include("humanrights_portal.dashboards.urls")),
    path("accounts/", include("humanrights_portal.core.account_urls")),
    path("", include("ombudsman.urls")),
    path("", include("plans.urls")),
    path("", include("indicators.urls")),
    path("", include("impact.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("humanrights_portal.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", docs_csp(SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    path("api/redoc/", docs_csp(SpectacularRedocView.as_view(url_name="api-schema")), name="api-redoc"),
]

handler403 = "humanrights_portal.core.views.permission_denied"
handler404 = "humanrights_portal.core.views.page_not_found"
handler500 = "humanrights_portal.core.views.server_error"
