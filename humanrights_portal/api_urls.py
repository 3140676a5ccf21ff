"""``/api/v1/``: each app contributes its ``api/urls.py`` and the links shown at the root."""

from django.urls import include, path

from humanrights_portal.core.api import urls as core_api_urls
from humanrights_portal.core.api.views import ApiRootView
from humanrights_portal.dashboards.api import urls as dashboards_api_urls
from impact.api import urls as impact_api_urls
from indicators.api import urls as indicators_api_urls
from ombudsman.api import urls as ombudsman_api_urls
from plans.api import urls as plans_api_urls

API_MODULES = [
    core_api_urls,
    ombudsman_api_urls,
    plans_api_urls,
    indicators_api_urls,
    impact_api_urls,
    dashboards_api_urls,
]

urlpatterns = [
    path(
        "",
        ApiRootView.as_view(root_routes=[route for module in API_MODULES for route in module.root_routes]),
        name="api-root",
    ),
    *[path("", include(module.urlpatterns)) for module in API_MODULES],
]
