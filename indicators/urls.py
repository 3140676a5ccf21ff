"""Pages of the indicators app: frameworks and indicators (public), entering, verifying and importing values."""

from django.urls import path

from indicators.views import data, public

app_name = "indicators"

urlpatterns = [
    path("indicators/", public.framework_list, name="framework-list"),
    path("indicators/frameworks/<int:pk>/", public.framework_detail, name="framework-detail"),
    path("indicators/list/", public.indicator_list, name="indicator-list"),
    path("indicators/<int:pk>/", public.indicator_detail, name="indicator-detail"),
    path("indicators/<int:pk>/chart-data/", public.indicator_chart_data, name="indicator-chart-data"),
    # Officials and the office.
    path("indicators/entry/", data.entry, name="entry"),
    path("indicators/<int:pk>/values/", data.indicator_values, name="indicator-values"),
    path("indicators/verify/", data.verify, name="verify"),
    path("indicators/import/", data.import_upload, name="import"),
    path("indicators/import/<str:token>/", data.import_preview, name="import-preview"),
    path("indicators/import/<str:token>/errors.csv", data.import_errors_csv, name="import-errors"),
    path("indicators/frameworks/<int:pk>/template/", data.import_template, name="import-template"),
]
