"""``/api/v1/`` endpoints of the impact app (filled in by the API helper)."""

urlpatterns: list = []

root_routes: list = []
