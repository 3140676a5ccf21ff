"""Pages of the dashboards app: the public dashboard, SDGs across the apps, the annual report, open data.

The committee dashboard keeps the portal's fixed name ``dashboard`` at ``/dashboard/`` (root urls)."""

from django.urls import path

from humanrights_portal.dashboards.views import dashboards, loop, reports

app_name = "dashboards"

urlpatterns = [
    path("dashboard/public/", dashboards.public_dashboard, name="public"),
    # SDG goals and targets with the tasks and indicators linked to them.
    path("sdgs/", loop.sdg_list, name="sdg-list"),
    path("sdgs/<int:number>/", loop.sdg_detail, name="sdg-detail"),
    # The annual human rights report and the open-data catalogue.
    path("reports/", reports.report_index, name="report-index"),
    path("reports/<int:year>/", reports.annual_report, name="annual-report"),
    path("reports/<int:year>/pdf/", reports.annual_report_pdf, name="annual-report-pdf"),
    path("open-data/", reports.open_data, name="open-data"),
    path("open-data/<slug:dataset>.<str:fmt>", reports.open_data_download, name="open-data-download"),
]
