"""Entering, verifying and importing indicator values: officials for their department, the office for all.

Reads go through ``indicators.selectors``, writes through ``indicators.services`` (one value, the
verification) and ``indicators.importing`` (files); who may do what is decided by
``core.permissions``. Every page works without JavaScript.
"""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Count, F
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from humanrights_portal.core import permissions
from indicators import importing, selectors, services
from indicators.forms import data as forms
from indicators.models import Indicator, IndicatorFramework, MeasurementImport

PAGE_SIZE = 50
ERRORS_SHOWN = 500


# ---------------------------------------------------------------- helpers


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _page(queryset, number: str | None):
    paginator = Paginator(queryset, PAGE_SIZE)
    page_obj = paginator.get_page(number)
    page_range = list(paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))
    return page_obj, page_range


def _attachment(filename: str, fallback: str) -> str:
    """``attachment`` with an ASCII file name and the real one in RFC 5987 ``filename*``."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def plain_number(value: Decimal | None) -> str:
    """``66.2500`` as ``66.25`` and ``100.0000`` as ``100`` (never ``1E+2``)."""
    return "" if value is None else format(value.normalize(), "f")


def _with_shown_values(measurements) -> list:
    measurements = list(measurements)
    for measurement in measurements:
        measurement.shown_value = plain_number(measurement.value)
    return measurements


def _require_importer(request: HttpRequest) -> None:
    if not permissions.can_import_measurements(request.user):
        raise PermissionDenied


def _entry_crumb() -> tuple[str, str]:
    return (_("Enter indicator values"), reverse("indicators:entry"))


def _get_import(request: HttpRequest, token: str) -> MeasurementImport:
    try:
        return importing.import_get(user=request.user, token=token)
    except MeasurementImport.DoesNotExist:
        raise Http404 from None


def _import_frameworks(user) -> list[IndicatorFramework]:
    """The frameworks that have indicators the user may enter values for."""
    framework_ids = selectors.indicators_for_entry(user=user).values("framework_id")
    return list(selectors.framework_list(user=user).filter(pk__in=framework_ids))


# ---------------------------------------------------------------- the entry page


@require_GET
def entry(request: HttpRequest) -> HttpResponse:
    """The indicators the user may enter values for, by framework, with their latest value and status."""
    user = request.user
    _require_importer(request)
    indicators = selectors.indicators_for_entry(user=user).order_by(
        "framework__organisation", "framework__name", "framework_id", "area__number", "code"
    )
    can_verify = permissions.can_verify_measurements(user)
    indicators = list(indicators)
    for indicator in indicators:
        indicator.shown_latest_value = plain_number(indicator.latest_value)
    context = {
        "indicators": indicators,
        "can_verify": can_verify,
        "draft_count": selectors.drafts_to_verify(user=user).count() if can_verify else None,
        "breadcrumb": [(_("Enter indicator values"), None)],
    }
    return render(request, "indicators/entry.html", context)


# ---------------------------------------------------------------- one indicator's values


def _get_indicator(request: HttpRequest, pk: int) -> Indicator:
    try:
        return selectors.indicator_list(user=request.user).get(pk=pk)
    except Indicator.DoesNotExist:
        raise Http404 from None


def _render_values(request, *, indicator, form, editing=None, status=200) -> HttpResponse:
    measurements = (
        selectors.measurement_list(user=request.user, filters={"indicator": indicator.pk})
        .annotate(revision_count=Count("revisions"))
        .order_by("-year", "-period", F("category__dimension__code").asc(nulls_first=True), "category__order", "pk")
    )
    page_obj, page_range = _page(measurements, request.GET.get("page"))
    context = {
        "indicator": indicator,
        "form": form,
        "editing": editing,
        "plausible_min": plain_number(indicator.plausible_min),
        "plausible_max": plain_number(indicator.plausible_max),
        "page_obj": page_obj,
        "page_range": page_range,
        "measurements": _with_shown_values(page_obj.object_list),
        "breadcrumb": [_entry_crumb(), (indicator.code, None)],
    }
    return render(request, "indicators/indicator_values.html", context, status=status)


@require_http_methods(["GET", "POST"])
def indicator_values(request: HttpRequest, pk: int) -> HttpResponse:
    """The indicator's values and a form to add one or correct one (``?edit=<id>``)."""
    user = request.user
    _require_importer(request)
    indicator = _get_indicator(request, pk)
    if not permissions.can_enter_measurements(user, indicator):
        raise PermissionDenied
    dimensions = list(indicator.framework.dimensions.prefetch_related("categories"))
    if request.method == "GET":
        editing = None
        edit = request.GET.get("edit", "")
        if edit:
            if not edit.isdigit():
                raise Http404
            editing = selectors.measurement_list(user=user, filters={"indicator": indicator.pk}).filter(pk=edit).first()
            if editing is None:
                raise Http404
        initial = forms.MeasurementForm.initial_for(editing) if editing else {}
        form = forms.MeasurementForm(initial=initial, indicator=indicator, dimensions=dimensions)
        return _render_values(request, indicator=indicator, form=form, editing=editing)
    form = forms.MeasurementForm(request.POST, indicator=indicator, dimensions=dimensions)
    if form.is_valid():
        try:
            services.measurement_save(indicator=indicator, actor=user, request=request, **form.service_arguments())
        except ValidationError as error:
            forms.add_service_errors(form, error)
        else:
            messages.success(request, _("The value has been saved. The human rights office will verify it."))
            return _see_other(reverse("indicators:indicator-values", args=[indicator.pk]))
    return _render_values(request, indicator=indicator, form=form, status=400)


# ---------------------------------------------------------------- verification (the office)


def _render_verify(request, *, form, status=200) -> HttpResponse:
    drafts = selectors.drafts_to_verify(user=request.user).order_by(
        "indicator__framework__name", "indicator__code", "year", "period", "category__order", "pk"
    )
    page_obj, page_range = _page(drafts, request.GET.get("page"))
    context = {
        "summary_errors": [{"message": message, "anchor": None} for message in form.errors.get("measurement", [])],
        "page_obj": page_obj,
        "page_range": page_range,
        "drafts": _with_shown_values(page_obj.object_list),
        "breadcrumb": [_entry_crumb(), (_("Verify values"), None)],
    }
    return render(request, "indicators/verify.html", context, status=status)


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.can_verify_measurements(user):
        raise PermissionDenied
    if request.method == "GET":
        return _render_verify(request, form=forms.VerifyForm())
    form = forms.VerifyForm(request.POST)
    if not form.is_valid():
        return _render_verify(request, form=form, status=400)
    drafts = list(selectors.drafts_to_verify(user=user).filter(pk__in=form.cleaned_data["measurement"]))
    count = services.measurements_verify(measurements=drafts, actor=user, request=request) if drafts else 0
    if count:
        messages.success(request, _("%(count)d values verified.") % {"count": count})
    else:
        messages.info(request, _("Nothing was verified: the values ticked are no longer drafts."))
    return _see_other(reverse("indicators:verify"))


# ---------------------------------------------------------------- import


@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require_importer(request)
    frameworks = _import_frameworks(user)
    context = {
        "frameworks": frameworks,
        "columns": importing.COLUMNS,
        "breadcrumb": [_entry_crumb(), (_("Import values"), None)],
    }
    if request.method == "GET":
        initial = {"framework": request.GET["framework"]} if request.GET.get("framework", "").isdigit() else {}
        form = forms.ImportUploadForm(initial=initial, frameworks=frameworks)
        return render(request, "indicators/import_upload.html", {**context, "form": form})
    form = forms.ImportUploadForm(request.POST, request.FILES, frameworks=frameworks)
    if form.is_valid():
        try:
            measurement_import = importing.import_upload(
                framework=form.chosen_framework(), upload=form.cleaned_data["file"], actor=user, request=request
            )
        except ValidationError as error:
            forms.add_service_errors(form, error)
        else:
            return _see_other(reverse("indicators:import-preview", args=[measurement_import.token]))
    return render(request, "indicators/import_upload.html", {**context, "form": form}, status=400)


def _render_preview(request, measurement_import, check, *, status=200) -> HttpResponse:
    context = {
        "import": measurement_import,
        "check": check,
        "errors_shown": check.errors[:ERRORS_SHOWN] if check else [],
        "more_errors": max(0, len(check.errors) - ERRORS_SHOWN) if check else 0,
        "breadcrumb": [
            _entry_crumb(),
            (_("Import values"), reverse("indicators:import")),
            (measurement_import.original_name, None),
        ],
    }
    return render(request, "indicators/import_preview.html", context, status=status)


@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    """GET: every row checked, nothing written. POST: checked again and written at once, or nothing."""
    measurement_import = _get_import(request, token)
    if request.method == "GET":
        check = (
            None if measurement_import.confirmed_at else importing.import_check(measurement_import=measurement_import)
        )
        return _render_preview(request, measurement_import, check)
    if measurement_import.confirmed_at:
        messages.info(request, _("This file has already been imported."))
        return _see_other(request.path)
    try:
        check = importing.import_confirm(measurement_import=measurement_import, actor=request.user, request=request)
    except importing.ImportRejected as rejected:
        importing.import_reject(measurement_import=measurement_import, check=rejected.check)
        return _render_preview(request, measurement_import, rejected.check, status=400)
    except IntegrityError:
        messages.error(request, _("Values were entered by someone else in the meantime. Check the file again."))
        return _see_other(request.path)
    messages.success(
        request,
        _("The file has been imported: %(created)d values added, %(updated)d changed, %(unchanged)d unchanged.")
        % {"created": check.to_create, "updated": check.to_update, "unchanged": check.unchanged},
    )
    return _see_other(request.path)


@require_GET
def import_errors_csv(request: HttpRequest, token: str) -> HttpResponse:
    measurement_import = _get_import(request, token)
    check = importing.import_check(measurement_import=measurement_import)
    response = HttpResponse(importing.errors_csv(check.errors), content_type=importing.CONTENT_TYPES["csv"])
    name = measurement_import.original_name.rsplit(".", 1)[0] or "import"
    response["Content-Disposition"] = _attachment(f"{name}-errors.csv", f"import-{measurement_import.pk}-errors.csv")
    return response


@require_GET
def import_template(request: HttpRequest, pk: int) -> HttpResponse:
    """An XLSX with the header, an example row per indicator of the user's (all for the office), the categories."""
    user = request.user
    _require_importer(request)
    try:
        framework = selectors.framework_list(user=user).get(pk=pk)
    except IndicatorFramework.DoesNotExist:
        raise Http404 from None
    indicators = selectors.indicators_for_entry(user=user).filter(framework=framework).order_by("area__number", "code")
    content = importing.template_workbook(framework=framework, indicators=indicators)
    response = HttpResponse(content, content_type=importing.CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = _attachment(
        f"{framework.name}-values.xlsx", f"framework-{framework.pk}-values.xlsx"
    )
    return response
