"""``/api/v1/`` statistics endpoints of the dashboards (``statistics.py``) and the SDG browse (``sdg.py``)."""

from humanrights_portal.dashboards.api import sdg, statistics

urlpatterns = [*statistics.urlpatterns, *sdg.urlpatterns]

root_routes = [*statistics.root_routes, *sdg.root_routes]
