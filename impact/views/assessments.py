"""The assessment list (one page for everyone), its export, the request form and the figures.

Staff see every assessment with the full filters, the status summary and their to-do list; the
public sees closed assessments and the yearly figures. Reads go through ``impact.selectors``
(already scoped to the user), writes through ``impact.services``; who may do what is decided by
``core.permissions``. Every page works without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from humanrights_portal.core import permissions
from humanrights_portal.core.forms import add_service_errors
from impact import exporting, selectors, services
from impact.forms import assessments as forms
from impact.models import Assessment, AssessmentStatus, SubjectType

PAGE_SIZE = 25
TO_DO_LIMIT = 10
EXPORT_FORMATS = ("csv", "xlsx")
#: Parameters of the page itself, not filters.
NOT_FILTERS = ("page", "format", "table")


# ---------------------------------------------------------------- helpers


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _list_crumb() -> tuple[str, str]:
    return (_("Impact assessments"), reverse("impact:assessment-list"))


def _filter_data(request: HttpRequest):
    """The GET filters; the public has no status or overdue filter (it sees closed assessments only)."""
    data = request.GET.copy()
    for key in NOT_FILTERS:
        data.pop(key, None)
    if not permissions.can_view_impact_assessments(request.user):
        for key in forms.STAFF_ONLY_FILTERS:
            data.pop(key, None)
    return data


def _page(queryset, number: str | None):
    paginator = Paginator(queryset, PAGE_SIZE)
    page_obj = paginator.get_page(number)
    page_range = list(paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))
    return page_obj, page_range


def _list_url(data, **changes) -> str:
    """The list with ``data``'s filters and ``changes`` (a value None drops the filter)."""
    query = data.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    encoded = query.urlencode()
    return reverse("impact:assessment-list") + (f"?{encoded}" if encoded else "")


def _status_rows(counts: dict[str, int], data) -> list[dict]:
    return [
        {
            "status": status,
            "label": label,
            "count": counts.get(status, 0),
            "url": _list_url(data, status=status, overdue=None),
        }
        for status, label in AssessmentStatus.choices
    ]


def _to_do(user) -> tuple[str | None, list[Assessment]]:
    if permissions.can_assess_impact(user):
        return "office", list(selectors.office_to_do(user=user)[:TO_DO_LIMIT])
    if permissions.is_department_official(user):
        return "department", list(selectors.department_to_do(user=user)[:TO_DO_LIMIT])
    return None, []


# ---------------------------------------------------------------- list and export


def _list_response(request: HttpRequest, *, status: int = 200, export_error: str | None = None) -> HttpResponse:
    user = request.user
    is_staff = permissions.can_view_impact_assessments(user)
    data = _filter_data(request)
    form = forms.assessment_filter_form(data, public=not is_staff)
    query = data.urlencode()
    context = {
        "form": form,
        "is_staff": is_staff,
        "can_request": permissions.can_request_impact_assessment(user),
        "can_manage_checklists": permissions.can_manage_checklists(user),
        "query": query,
        "export_error": export_error,
        "breadcrumb": [(_("Impact assessments"), None)],
    }
    try:
        queryset = selectors.assessment_list(user=user, filters=data)
        if is_staff:
            summary_filters = data.copy()
            for key in forms.STAFF_ONLY_FILTERS:
                summary_filters.pop(key, None)
            counts = selectors.status_counts(user=user, filters=summary_filters)
            context.update(
                counts=counts,
                status_rows=_status_rows(counts, data),
                overdue_url=_list_url(data, overdue="true", status=None),
            )
    except selectors.InvalidFilters:
        form.is_valid()
        return render(request, "impact/assessment_list.html", {**context, "invalid": True}, status=400)
    if export_error:
        return render(request, "impact/assessment_list.html", {**context, "invalid": True}, status=status)
    to_do_kind, to_do = _to_do(user)
    page_obj, page_range = _page(queryset, request.GET.get("page"))
    context.update(
        page_obj=page_obj,
        page_range=page_range,
        assessments=page_obj.object_list,
        to_do_kind=to_do_kind,
        to_do=to_do,
    )
    return render(request, "impact/assessment_list.html", context, status=status)


@login_not_required
@require_GET
def assessment_list(request: HttpRequest) -> HttpResponse:
    return _list_response(request)


@login_not_required
@require_GET
def assessment_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as CSV or XLSX: every column for staff, closed assessments' public facts otherwise."""
    fmt = request.GET.get("format", "csv")
    if fmt not in EXPORT_FORMATS:
        return _list_response(request, status=400, export_error=_("Choose CSV or XLSX as the download format."))
    user = request.user
    try:
        queryset = selectors.assessment_list(user=user, filters=_filter_data(request))
    except selectors.InvalidFilters:
        return _list_response(request)
    return exporting.assessment_export_response(queryset, staff=permissions.can_view_impact_assessments(user), fmt=fmt)


# ---------------------------------------------------------------- request and edit


def _form_page(request, *, form, assessment=None, status=200) -> HttpResponse:
    if assessment is None:
        title = _("Request an impact assessment")
        action = reverse("impact:assessment-request")
        crumbs = [_list_crumb(), (title, None)]
    else:
        title = _("Edit the request")
        action = reverse("impact:assessment-edit", args=[assessment.pk])
        crumbs = [_list_crumb(), (assessment.code, assessment.get_absolute_url()), (title, None)]
    context = {
        "form": form,
        "assessment": assessment,
        "action": action,
        "page_title": title,
        "subject_types": SubjectType,
        "breadcrumb": crumbs,
    }
    return render(request, "impact/assessment_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def assessment_request(request: HttpRequest) -> HttpResponse:
    """A department (for itself) or the office (for any department) asks for an assessment."""
    user = request.user
    if not permissions.can_request_impact_assessment(user):
        raise PermissionDenied
    if request.method == "GET":
        initial = {}
        if request.GET.get("subject_type") in SubjectType.values:
            initial["subject_type"] = request.GET["subject_type"]
        if not permissions.is_office_staff(user):
            initial["department"] = user.department_id
        return _form_page(request, form=forms.AssessmentForm(user=user, initial=initial))
    form = forms.AssessmentForm(request.POST, user=user)
    if form.is_valid():
        arguments = form.service_arguments()
        try:
            assessment = services.assessment_request(
                actor=user, department=form.cleaned_data["department"], request=request, **arguments
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The assessment has been requested. Its reference is %(code)s.") % {"code": assessment.code},
            )
            return _see_other(assessment.get_absolute_url())
    return _form_page(request, form=form, status=400)


def _get_assessment(request: HttpRequest, pk: int) -> Assessment:
    try:
        return selectors.assessment_get(user=request.user, pk=pk)
    except Assessment.DoesNotExist:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct the subject while the assessment is not yet done: its department or the office."""
    user = request.user
    if not permissions.can_request_impact_assessment(user):
        raise PermissionDenied
    assessment = _get_assessment(request, pk)
    if not permissions.can_withdraw_impact_request(user, assessment):
        raise PermissionDenied
    if assessment.status not in services.EDITABLE_STATUSES:
        messages.error(request, _("The subject can be changed until the findings are issued."))
        return redirect(assessment.get_absolute_url())
    if request.method == "GET":
        return _form_page(request, form=forms.AssessmentForm(user=user, assessment=assessment), assessment=assessment)
    form = forms.AssessmentForm(request.POST, user=user, assessment=assessment)
    if form.is_valid():
        try:
            services.assessment_update(assessment=assessment, actor=user, request=request, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The request has been saved."))
            return _see_other(assessment.get_absolute_url())
    return _form_page(request, form=form, assessment=assessment, status=400)


# ---------------------------------------------------------------- figures


def _figures_summary(figures) -> dict:
    totals = {
        name: sum(getattr(row, name) for row in figures.totals)
        for name in ("requested", "assessed", "revised", "partially_revised", "not_revised", "awaiting_outcome")
    }
    legislation = [row for row in figures.totals if row.subject_type in (SubjectType.ORDINANCE, SubjectType.REGULATION)]
    if legislation:
        totals["legislation_assessed"] = sum(row.assessed for row in legislation)
        totals["legislation_revised"] = sum(row.revised for row in legislation)
    return totals


@login_not_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    """The yearly figures by subject type, the buildings by use and the criteria most often failed."""
    data = request.GET.copy()
    fmt = data.pop("format", [""])[-1]
    table = data.pop("table", ["years"])[-1]
    form = forms.FiguresFilterForm(data)
    context = {
        "form": form,
        "query": data.urlencode(),
        "tables": exporting.FIGURE_TABLES,
        "breadcrumb": [_list_crumb(), (_("Figures"), None)],
    }
    valid = form.is_valid()
    if fmt not in ("", "csv") or table not in exporting.FIGURE_TABLES:
        form.add_error(None, _("Choose one of the CSV downloads offered on this page."))
        valid = False
    if not valid:
        form.set_years(selectors.impact_figures().years)
        return render(request, "impact/figures.html", {**context, "invalid": True}, status=400)
    year = form.cleaned_data.get("year")
    subject_type = form.cleaned_data.get("subject_type") or None
    result = selectors.impact_figures(year=year, subject_type=subject_type)
    if fmt == "csv":
        return exporting.figures_csv_response(result, table=table)
    form.set_years(result.years)
    context.update(
        figures=result,
        year=year,
        subject_type_label=SubjectType(subject_type).label if subject_type else None,
        summary=_figures_summary(result),
    )
    return render(request, "impact/figures.html", context)
