"""``/api/v1/``: each app contributes its ``api/urls.py`` and the links shown at the root."""

from django.urls import include, path

from humanrights_portal.core.api import urls as core_api_urls
from humanrights_portal.core.api.views import ApiRootView

API_MODULES = [core_api_urls]

urlpatterns = [
    path(
        "",
        ApiRootView.as_view(root_routes=[route for module in API_MODULES for route in module.root_routes]),
        name="api-root",
    ),
    *[path("", include(module.urlpatterns)) for module in API_MODULES],
]
