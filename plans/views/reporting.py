"""The annual reporting round: to-do lists, rounds, the department's one-page records, review, import, export.

Server-rendered and usable without JavaScript. Reads go through ``plans.selectors``, writes through
``plans.services`` (and ``plans.importing`` for the task import); who may do what is decided by
``core.permissions``. Login is required by ``LoginRequiredMiddleware``; a signed-in user without the
role gets a 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from humanrights_portal.core import permissions
from humanrights_portal.core import selectors as core_selectors
from humanrights_portal.core.forms import add_service_errors
from humanrights_portal.core.models import Department
from humanrights_portal.core.services import audit_record
from plans import exporting, importing, selectors, services
from plans.forms import reporting as forms
from plans.models import AnnualRecord, BasePlan, ReportingRound, ReviewState

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---------------------------------------------------------------- helpers


def _see_other(url: str) -> HttpResponse:
    response = redirect(url)
    response.status_code = 303
    return response


def _get_plan(user, pk: int) -> BasePlan:
    try:
        return selectors.plan_get(user=user, pk=pk)
    except BasePlan.DoesNotExist:
        raise Http404 from None


def _get_round(user, pk: int) -> ReportingRound:
    try:
        return selectors.round_get(user=user, pk=pk)
    except ReportingRound.DoesNotExist:
        raise Http404 from None


def _get_record(user, pk: int) -> AnnualRecord:
    try:
        return selectors.record_get(user=user, pk=pk)
    except AnnualRecord.DoesNotExist:
        raise Http404 from None


def _department_url(reporting_round: ReportingRound, code: str) -> str:
    return reverse("plans:department-records", args=[reporting_round.pk, code])


def _attachment_disposition(filename: str, fallback: str) -> str:
    """``attachment`` with an ASCII file name and the real one in RFC 5987 ``filename*``."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


# ---------------------------------------------------------------- the reporting page


@require_GET
def reporting(request: HttpRequest) -> HttpResponse:
    """Officials: their department's to-do list; the office: every open round's completion."""
    user = request.user
    if not permissions.can_report_on_tasks(user):
        raise PermissionDenied
    rounds = list(selectors.open_rounds())
    context: dict = {"rounds": rounds, "is_office": permissions.can_manage_plans(user)}
    if context["is_office"]:
        context["round_rows"] = [
            {
                "round": reporting_round,
                "completion_rows": _completion_rows(
                    user, reporting_round, selectors.round_completion(user=user, reporting_round=reporting_round)
                ),
            }
            for reporting_round in rounds
        ]
        context["plans"] = list(selectors.plan_list(user=user).order_by("-start_year", "title"))
    else:
        department = user.department
        by_plan_year = {(r.plan_id, r.year): r for r in rounds}
        to_do = []
        for record in selectors.department_to_do(user=user):
            reporting_round = by_plan_year.get((record.task.area.plan_id, record.year))
            if reporting_round is not None:
                url = _department_url(reporting_round, department.code) + f"#record-{record.pk}"
                to_do.append({"record": record, "round": reporting_round, "url": url})
        context.update(
            department=department,
            to_do=to_do,
            round_links=[(r, _department_url(r, department.code)) for r in rounds],
        )
    return render(request, "plans/reporting.html", context)


# ---------------------------------------------------------------- rounds


@never_cache
@require_http_methods(["GET", "POST"])
def round_open(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    if not permissions.can_manage_plans(user):
        raise PermissionDenied
    plan = _get_plan(user, pk)
    if request.method == "GET":
        form = forms.RoundOpenForm()
        return render(request, "plans/round_open.html", {"plan": plan, "form": form})
    form = forms.RoundOpenForm(request.POST)
    if form.is_valid():
        try:
            reporting_round = services.reporting_round_open(plan=plan, actor=user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The reporting round %(year)s is open.") % {"year": reporting_round.year})
            return _see_other(reverse("plans:round-detail", args=[reporting_round.pk]))
    return render(request, "plans/round_open.html", {"plan": plan, "form": form}, status=400)


def _completion_rows(user, reporting_round: ReportingRound, completion) -> list[dict]:
    """Completion per department, with the overdue flag and a link where the user may open the page."""
    is_office = permissions.can_manage_plans(user)
    own = getattr(user, "department_id", None) if permissions.can_report_on_tasks(user) else None
    return [
        {
            "completion": row,
            "overdue": reporting_round.is_overdue and row.to_do > 0,
            "url": _department_url(reporting_round, row.department_code)
            if (is_office or row.department_id == own)
            else None,
        }
        for row in completion
    ]


def _round_context(user, reporting_round: ReportingRound) -> dict:
    completion = selectors.round_completion(user=user, reporting_round=reporting_round)
    is_office = permissions.can_manage_plans(user)
    rows = _completion_rows(user, reporting_round, completion)
    totals = {
        name: sum(getattr(row, name) for row in completion)
        for name in ("records", "draft", "submitted", "confirmed", "returned")
    }
    done = totals["submitted"] + totals["confirmed"]
    totals["done_percent"] = round(100 * done / totals["records"], 1) if totals["records"] else 100.0
    return {
        "round": reporting_round,
        "plan": reporting_round.plan,
        "rows": rows,
        "totals": totals,
        "overdue_rows": [row for row in rows if row["overdue"]],
        "is_office": is_office,
        "can_export": permissions.is_staff_member(user),
    }


@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = _get_round(request.user, pk)
    return render(request, "plans/round_detail.html", _round_context(request.user, reporting_round))


@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    if not permissions.can_manage_plans(user):
        raise PermissionDenied
    reporting_round = _get_round(user, pk)
    try:
        services.reporting_round_close(reporting_round=reporting_round, actor=user, request=request)
    except ValidationError as error:
        context = _round_context(user, reporting_round)
        context["close_errors"] = error.messages
        return render(request, "plans/round_detail.html", context, status=400)
    messages.success(request, _("The reporting round has been closed."))
    return _see_other(reverse("plans:round-detail", args=[pk]))


# ---------------------------------------------------------------- the department's records, on one page


@dataclass
class Row:
    record: AnnualRecord
    form: forms.RecordForm | None = None


def _department_or_404(code: str) -> Department:
    try:
        return core_selectors.department_list().get(code=code)
    except Department.DoesNotExist:
        raise Http404 from None


def _error_summary(rows: list[Row], extra: list[str]) -> list[dict]:
    """Every error of the page, each naming its task and linking to the field (or the row)."""
    errors = [{"message": message, "anchor": None} for message in extra]
    for row in rows:
        form = row.form
        if form is None or not form.is_bound or not form.errors:
            continue
        code = row.record.task.code
        first_field = form["planned_activities"].auto_id
        for message in form.non_field_errors():
            errors.append({"message": f"{code}: {message}", "anchor": first_field})
        for field in form.hidden_fields():
            for message in field.errors:
                errors.append({"message": f"{code}: {message}", "anchor": first_field})
        for field in form.visible_fields():
            for message in field.errors:
                errors.append(
                    {
                        "message": _("%(code)s, %(field)s: %(error)s")
                        % {"code": code, "field": field.label, "error": message},
                        "anchor": field.auto_id,
                    }
                )
    return errors


def _render_records(
    request: HttpRequest,
    reporting_round: ReportingRound,
    department: Department,
    records: list[AnnualRecord],
    formset,
    rows: list[Row],
    *,
    status: int = 200,
    page_errors: list[str] | None = None,
) -> HttpResponse:
    user = request.user
    context = {
        "round": reporting_round,
        "plan": reporting_round.plan,
        "department": department,
        "formset": formset,
        "rows": rows,
        "editable_count": sum(1 for row in rows if row.form is not None),
        "summary_errors": _error_summary(rows, page_errors or []),
        "is_office": permissions.can_manage_plans(user),
        "review_form": forms.ReviewForm(),
        "submitted": [row.record for row in rows if row.record.review_state == ReviewState.SUBMITTED],
    }
    response = render(request, "plans/department_records.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _changed(record: AnnualRecord, values: dict) -> bool:
    return any(getattr(record, name) != value for name, value in values.items())


@never_cache
@require_http_methods(["GET", "POST"])
def department_records(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Every record of a department for a round, in one formset: save all, or save and submit all."""
    user = request.user
    if not permissions.can_report_on_tasks(user):
        raise PermissionDenied
    reporting_round = _get_round(user, pk)
    department = _department_or_404(code)
    if not permissions.can_manage_plans(user) and user.department_id != department.pk:
        raise PermissionDenied
    records = list(selectors.reporting_records(user=user, reporting_round=reporting_round, department=department))
    editable = [record for record in records if record.is_editable] if reporting_round.is_open else []

    if request.method == "GET":
        formset = forms.RecordFormSet(initial=[forms.RecordForm.initial_for(record) for record in editable])
        by_record = {record.pk: form for record, form in zip(editable, formset.forms, strict=True)}
        rows = [Row(record, by_record.get(record.pk)) for record in records]
        return _render_records(request, reporting_round, department, records, formset, rows)

    formset = forms.RecordFormSet(request.POST)
    page_errors: list[str] = []
    if not reporting_round.is_open:
        page_errors.append(_("This reporting round is closed: its records can no longer be changed."))
    if not formset.is_valid() and formset.non_form_errors():
        page_errors.extend(formset.non_form_errors())
    records_by_pk = {record.pk: record for record in records}
    pairs: list[tuple[AnnualRecord, forms.RecordForm]] = []
    if not page_errors:
        for form in formset.forms:
            record = records_by_pk.get(form.posted_record_id())
            if record is None or any(record is paired for paired, _form in pairs):
                page_errors.append(_("The page was out of date. Reload it and enter the changes again."))
                break
            pairs.append((record, form))
    if page_errors:
        rows = [Row(record) for record in records]
        return _render_records(
            request, reporting_round, department, records, formset, rows, status=400, page_errors=page_errors
        )

    submit = request.POST.get("action") == "submit"
    saved = submitted = 0
    failed = False
    with transaction.atomic():
        for record, form in pairs:
            if not form.is_valid():
                failed = True
                continue
            version = form.cleaned_data["version"]
            values = form.values()
            try:
                current = record
                if _changed(record, values):
                    current = services.record_save(
                        record=record, actor=user, version=version, request=request, **values
                    )
                    version = current.version
                    saved += 1
                if submit:
                    services.record_submit(record=current, actor=user, version=version, request=request)
                    submitted += 1
            except ValidationError as error:
                add_service_errors(form, error)
                failed = True
        if failed:
            transaction.set_rollback(True)

    if failed:
        by_record = {record.pk: form for record, form in pairs}
        rows = [Row(record, by_record.get(record.pk)) for record in records]
        return _render_records(request, reporting_round, department, records, formset, rows, status=400)
    if submit:
        messages.success(
            request,
            ngettext(
                "%(count)d record has been submitted to the human rights office.",
                "%(count)d records have been submitted to the human rights office.",
                submitted,
            )
            % {"count": submitted},
        )
    else:
        messages.success(
            request, ngettext("%(count)d record saved.", "%(count)d records saved.", saved) % {"count": saved}
        )
    return _see_other(_department_url(reporting_round, department.code))


# ---------------------------------------------------------------- the office's review


@require_POST
def record_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm (with an optional comment) or return (comment required) a submitted record."""
    user = request.user
    if not permissions.can_manage_plans(user):
        raise PermissionDenied
    record = _get_record(user, pk)
    form = forms.ReviewForm(request.POST)
    if form.is_valid():
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        try:
            if decision == forms.ReviewForm.CONFIRM:
                services.record_confirm(record=record, actor=user, comment=comment, request=request)
            else:
                services.record_return(record=record, actor=user, comment=comment, request=request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if decision == forms.ReviewForm.CONFIRM:
                messages.success(request, _("The record of %(code)s is confirmed.") % {"code": record.task.code})
            else:
                messages.success(
                    request,
                    _("The record of %(code)s has been returned to the department.") % {"code": record.task.code},
                )
            return _see_other(_review_back_url(user, record))
    context = {"record": record, "form": form, "back_url": _review_back_url(user, record)}
    return render(request, "plans/round_record_review.html", context, status=400)


def _review_back_url(user, record: AnnualRecord) -> str:
    reporting_round = next(
        (r for r in selectors.open_rounds() if r.plan_id == record.task.area.plan_id and r.year == record.year), None
    )
    if reporting_round is None:
        return record.get_absolute_url()
    return _department_url(reporting_round, record.task.responsible_department.code) + "#review-title"


# ---------------------------------------------------------------- evidence


@require_POST
def record_attachments_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Evidence for a record, added by its department (or the office) from the task page."""
    record = _get_record(request.user, pk)
    form = forms.RecordAttachmentsForm(request.POST, request.FILES)
    back = record.get_absolute_url()
    if form.is_valid():
        try:
            stored = services.record_attachments_add(
                record=record, actor=request.user, uploads=form.cleaned_data["attachments"], request=request
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                ngettext("%(count)d file attached.", "%(count)d files attached.", len(stored)) % {"count": len(stored)},
            )
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return _see_other(back)


@require_GET
def record_attachment(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    """Evidence of a record, for staff only."""
    if not permissions.is_staff_member(request.user):
        raise PermissionDenied
    record = _get_record(request.user, pk)
    attachment = next((a for a in record.attachments.all() if a.pk == attachment_id), None)
    if attachment is None or not attachment.file:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- import and export


@never_cache
@require_http_methods(["GET", "POST"])
def task_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload the tasks of a plan (XLSX or CSV): every row is checked; nothing is written if one is wrong."""
    user = request.user
    if not permissions.can_manage_plans(user):
        raise PermissionDenied
    plan = _get_plan(user, pk)
    context = {"plan": plan, "columns": importing.COLUMNS, "years": list(plan.years)}
    if request.method == "GET":
        if request.GET.get("template"):
            response = HttpResponse(importing.template_workbook(plan), content_type=XLSX)
            response["Content-Disposition"] = _attachment_disposition(
                f"{plan.title}-tasks.xlsx", f"plan-{plan.pk}-tasks.xlsx"
            )
            return response
        return render(request, "plans/task_import.html", {**context, "form": forms.TaskImportForm()})
    form = forms.TaskImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "plans/task_import.html", {**context, "form": form}, status=400)
    result = importing.task_import(plan=plan, file=form.cleaned_data["file"], actor=user, request=request)
    if not result.ok:
        context.update(form=forms.TaskImportForm(), result=result, file_name=form.cleaned_data["file"].name)
        return render(request, "plans/task_import.html", context, status=400)
    messages.success(
        request,
        _(
            "%(tasks)d tasks imported (%(created)d new, %(updated)d updated) in %(areas)d areas, "
            "with %(budgets)d planned budgets."
        )
        % {
            "tasks": result.rows,
            "created": result.tasks_created,
            "updated": result.tasks_updated,
            "areas": result.areas_created + result.areas_updated,
            "budgets": result.budgets,
        },
    )
    return _see_other(reverse("plans:task-import", args=[plan.pk]))


@require_GET
def annual_report_export(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """The plan's annual report as an Excel workbook, for every staff role; each export is audited."""
    user = request.user
    if not permissions.is_staff_member(user):
        raise PermissionDenied
    plan = _get_plan(user, pk)
    if year not in plan.years:
        raise Http404
    content, rows = exporting.annual_report_workbook(user=user, plan=plan, year=year)
    with transaction.atomic():
        audit_record(
            actor=user, action="plan.report.export", target=plan, changes={"year": year, "rows": rows}, request=request
        )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = _attachment_disposition(
        f"{plan.title}-{year}.xlsx", f"plan-{plan.pk}-{year}.xlsx"
    )
    response["Cache-Control"] = "no-store"
    return response
