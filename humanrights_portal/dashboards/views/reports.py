"""The annual human rights report (HTML and PDF) and the open-data catalogue with its downloads.

All public: the report goes to the city council and is published, open data is what anyone may
download. The figures are what an anonymous visitor may see, whoever asks (``reporting`` and
``opendata`` compute them with public visibility), so staff see the same report. Every page works
without JavaScript.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET

from humanrights_portal.dashboards import opendata, reporting
from humanrights_portal.dashboards.forms import DashboardFilterForm

LANGUAGES = ("ko", "en")


def _report_crumb() -> tuple[str, str]:
    return (_("Annual reports"), reverse("dashboards:report-index"))


def _requested_language(request: HttpRequest) -> str | None:
    """``?lang=ko|en`` or the active language; ``None`` when the parameter is not a language we write in."""
    lang = request.GET.get("lang")
    if lang is None or lang == "":
        return (translation.get_language() or "ko").split("-")[0]
    return lang if lang in LANGUAGES else None


def _index_page(request: HttpRequest, *, status: int = 200, **context) -> HttpResponse:
    years = reporting.report_years()
    return render(
        request,
        "dashboards/report_index.html",
        {"years": years, "breadcrumb": [(_("Annual reports"), None)], **context},
        status=status,
    )


def _report_year(year: int, years: list[int]) -> int:
    if year not in years:
        raise Http404(_("There is no report for this year."))
    return year


@login_not_required
@require_GET
def report_index(request: HttpRequest) -> HttpResponse:
    """The years a report can be read for, newest first, each as a web page and a PDF in both languages."""
    return _index_page(request)


@login_not_required
@require_GET
def annual_report(request: HttpRequest, year: int) -> HttpResponse:
    """The annual report of ``year`` as an accessible web page (in the active language or ``?lang=``)."""
    lang = _requested_language(request)
    if lang is None:
        return _index_page(request, status=400, error=_("Choose Korean (ko) or English (en) for the report."))
    _report_year(year, reporting.report_years())
    with translation.override(lang):
        report = reporting.annual_report(year=year)
        return render(
            request,
            "dashboards/annual_report.html",
            {
                "report": report,
                "base_template": "base.html",
                "for_print": False,
                "breadcrumb": [_report_crumb(), (str(year), None)],
            },
        )


@login_not_required
@require_GET
def annual_report_pdf(request: HttpRequest, year: int) -> HttpResponse:
    """The same report as a PDF (A4, page numbers, running header), rendered by WeasyPrint."""
    lang = _requested_language(request)
    if lang is None:
        return _index_page(request, status=400, error=_("Choose Korean (ko) or English (en) for the report."))
    _report_year(year, reporting.report_years())
    with translation.override(lang):
        report = reporting.annual_report(year=year)
        html = render(
            request,
            "dashboards/annual_report.html",
            {"report": report, "base_template": "dashboards/annual_report_pdf.html", "for_print": True},
        ).content.decode("utf-8")
        try:
            pdf = reporting.report_pdf(html=html, base_url=request.build_absolute_uri("/"))
        except reporting.PdfUnavailable:
            return _index_page(request, status=503, pdf_unavailable=year)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="human-rights-report-{year}-{lang}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---------------------------------------------------------------- open data


FILTER_LABELS = {
    "year": _lazy("year"),
    "department": _lazy("department"),
    "area": _lazy("plan area"),
    "group": _lazy("group of people"),
}


def _catalogue(form, *, valid: bool) -> list[dict]:
    """Each dataset with its download links; the chosen filters go into the links they apply to."""
    entries = []
    for dataset in opendata.DATASETS.values():
        query = QueryDict(mutable=True)
        if valid:
            for name in dataset.filters:
                value = form.data.get(name)
                if value:
                    query[name] = value
        suffix = f"?{query.urlencode()}" if query else ""
        entries.append(
            {
                "dataset": dataset,
                "filters": [FILTER_LABELS[name] for name in dataset.filters],
                "links": [
                    (fmt, reverse("dashboards:open-data-download", args=[dataset.slug, fmt]) + suffix)
                    for fmt in opendata.FORMATS
                ],
            }
        )
    return entries


def _open_data_page(request: HttpRequest, form, *, valid: bool) -> HttpResponse:
    context = {
        "form": form,
        "entries": _catalogue(form, valid=valid),
        "invalid": not valid,
        "api_docs_url": reverse("api-docs"),
        "breadcrumb": [(_("Open data"), None)],
    }
    return render(request, "dashboards/open_data.html", context, status=200 if valid else 400)


@login_not_required
@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    """The catalogue: every public dataset, what its columns mean, and its CSV, XLSX and JSON links.

    The dashboard filters chosen here are carried into the links of the datasets they apply to."""
    form = DashboardFilterForm(request.GET)
    return _open_data_page(request, form, valid=form.is_valid())


@login_not_required
@require_GET
def open_data_download(request: HttpRequest, dataset: str, fmt: str) -> HttpResponse:
    """``/open-data/<dataset>.<csv|xlsx|json>`` with the dashboard filters that apply in the query string."""
    found = opendata.DATASETS.get(dataset)
    if found is None or fmt not in opendata.FORMATS:
        raise Http404(_("There is no such dataset."))
    form = DashboardFilterForm(request.GET)
    if not form.is_valid():
        if fmt == "json":
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        return _open_data_page(request, form, valid=False)
    filters = opendata.applicable(found, opendata.OpenDataFilters.from_form(form))
    return opendata.download_response(found, filters, fmt)
