"""``/api/v1/`` statistics endpoints of the dashboards and the SDG browse (filled in by the API helper)."""

urlpatterns: list = []

root_routes: list = []
