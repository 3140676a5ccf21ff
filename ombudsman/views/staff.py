"""The office's pages: case list and exports, case detail and its actions, counselling, statistics.

Server-rendered and usable without JavaScript. Reads go through ``ombudsman.selectors``, writes
through ``ombudsman.services``; who may do what is decided by ``core.permissions``. Login is
required by ``LoginRequiredMiddleware``; a signed-in user without the role gets a 403.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from functools import wraps
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from humanrights_portal.core import compiled, permissions
from humanrights_portal.core.forms import add_service_errors
from humanrights_portal.core.models import User
from humanrights_portal.core.services import audit_record, personal_data_access_record
from ombudsman import fragments, selectors, services, workflow
from ombudsman.forms import staff as staff_forms
from ombudsman.models import (
    CHANNEL_LABELS,
    STATUS_LABELS,
    Attachment,
    CaseStatus,
    Channel,
    Complaint,
    CounsellingSession,
    Recommendation,
)

_CODE_SLOT = "__receipt_code__"
PAGE_SIZE = 25
MAX_PAGE = 4000
EXPORT_LIMIT = 10_000
RECOMMENDABLE_STATUSES = {CaseStatus.INVESTIGATING, CaseStatus.RECOMMENDATION_ISSUED, CaseStatus.FOLLOW_UP}


# ---------------------------------------------------------------- helpers


class _PeekPaginator:
    ELLIPSIS = "…"


@dataclass
class PeekPage:
    """A page found by fetching one row more than it shows: no COUNT over the table (see ``peek_paginate``)."""

    object_list: list
    number: int
    more: bool
    paginator: _PeekPaginator = field(default_factory=_PeekPaginator)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self.more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.more or self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


#: Pages of an unfiltered list whose SQL is kept once compiled (``peek_paginate``'s ``shape``).
COMPILED_PAGES = 10


def peek_paginate(
    queryset, page: str | None, per_page: int = PAGE_SIZE, *, shape: tuple | None = None
) -> tuple[PeekPage, list]:
    """Slice ``per_page + 1`` rows: the extra row says whether there is a next page.

    The total is never counted, so a page costs one indexed query however large the table is;
    the links show previous / next and the pages around the current one, not the last page.
    ``shape`` names a queryset whose SQL depends on nothing but the page (no filter values, no search
    term): its first pages run SQL compiled once (``core.compiled``).
    """
    try:
        number = min(max(int(page or 1), 1), MAX_PAGE)
    except ValueError:
        number = 1
    offset = (number - 1) * per_page
    rows = queryset[offset : offset + per_page + 1]
    if shape is not None and number <= COMPILED_PAGES:
        rows = compiled.fetch(rows, key=(*shape, number))
    rows = list(rows)
    page_obj = PeekPage(object_list=rows[:per_page], number=number, more=len(rows) > per_page)
    page_range: list = []
    if number > 1:
        page_range.append(1)
    if number > 3:
        page_range.append(_PeekPaginator.ELLIPSIS)
    if number > 2:
        page_range.append(number - 1)
    page_range.append(number)
    if page_obj.more:
        page_range.append(number + 1)
    return page_obj, page_range


def _see_other(url: str) -> HttpResponse:
    response = redirect(url)
    response.status_code = 303
    return response


def _get_case(user, receipt_code: str) -> Complaint:
    try:
        return selectors.case_get(user=user, receipt_code=receipt_code)
    except Complaint.DoesNotExist:
        raise Http404 from None


def handler_action(view):
    """POST only (GET → 405), ombudsman role only (others → 403)."""

    @require_POST
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not permissions.can_handle_complaints(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _case_filter_data(request: HttpRequest):
    """The GET filters; the handler filter is for the ombudsman role only (handler workload is internal)."""
    data = request.GET.copy()
    data.pop("page", None)
    if not permissions.can_view_case_internals(request.user):
        data.pop("handler", None)
    return data


# ---------------------------------------------------------------- case list and exports


def _case_filter_fields(data, *, show_internals: bool, form=None) -> str:
    """The filter form's fields as HTML. Without errors it depends only on the language, the role and the
    query string, so it is rendered once per such key and kept in memory (``ombudsman.fragments``);
    ``form`` (bound, with errors) is rendered every time."""

    def render_fields(bound=form) -> str:
        if bound is None:
            bound = staff_forms.case_filter_form(data, show_handler=show_internals)
        return render_to_string(
            "ombudsman/partials/_case_filter_fields.html", {"form": bound, "show_internals": show_internals}
        )

    if form is not None:
        return render_fields()
    key = (get_language(), show_internals, tuple((name, tuple(values)) for name, values in data.lists()))
    return fragments.case_filter_fields.get_or_render(key, render_fields)


def _case_rows(rows) -> list[dict]:
    """Rows of ``selectors.case_list_rows`` as the table shows them (what ``get_absolute_url``, the ``date``
    filter, ``is_open``/``is_overdue`` and ``str(handler)`` give), prepared in one pass."""
    today = timezone.localdate()
    url_prefix, url_suffix = reverse("ombudsman:case-detail", args=[_CODE_SLOT]).split(_CODE_SLOT)
    handlers: dict[int, str] = {}
    status_labels = {value: str(label) for value, label in STATUS_LABELS.items()}  # translated once, not per row
    channel_labels = {value: str(label) for value, label in CHANNEL_LABELS.items()}
    prepared = []
    for code, title, status, channel, received_at, agency, deadline, handler_id, *names in rows:
        is_open = status in workflow.OPEN_STATUSES
        if handler_id is None:
            handler = "—"
        elif (handler := handlers.get(handler_id)) is None:
            display_name, first_name, last_name, username = names
            label = str(User(display_name=display_name, first_name=first_name, last_name=last_name, username=username))
            handler = handlers[handler_id] = label or "—"
        prepared.append(
            {
                "url": url_prefix + quote(code, safe=RFC3986_SUBDELIMS + "/~:@") + url_suffix,
                "receipt_code": code,
                "title": title,
                "badge": "bg-light-primary" if is_open else "bg-light-gray",
                "status_label": status_labels.get(status, status),
                "channel_label": channel_labels.get(channel, channel),
                "received_on": timezone.localtime(received_at).strftime("%Y-%m-%d") if received_at else "",
                "respondent_agency": agency,
                "handler": handler,
                "stage_deadline": deadline.strftime("%Y-%m-%d") if deadline else "—",
                "is_overdue": bool(is_open and deadline and deadline < today),
            }
        )
    return prepared


def _case_list_response(request: HttpRequest) -> HttpResponse:
    user = request.user
    show_internals = permissions.can_view_case_internals(user)
    data = _case_filter_data(request)
    context = {
        "form": None,
        "show_internals": show_internals,
        "can_handle": permissions.can_handle_complaints(user),
        "overdue_count": selectors.overdue_count(user=user),
        "query": data.urlencode(),
    }
    try:
        queryset = selectors.case_list(user=user, filters=data)
    except selectors.InvalidFilters:
        form = staff_forms.case_filter_form(data, show_handler=show_internals)
        form.is_valid()
        context.update(
            form=form, filter_fields=_case_filter_fields(data, show_internals=show_internals, form=form), invalid=True
        )
        return render(request, "ombudsman/case_list.html", context, status=400)
    # Unfiltered (the list as it opens), its SQL is the same for every request: compiled once.
    shape = None if data else ("case_list_rows",)
    page_obj, page_range = peek_paginate(selectors.case_list_rows(queryset), request.GET.get("page"), shape=shape)
    page_obj.object_list = _case_rows(page_obj.object_list)
    context.update(
        filter_fields=_case_filter_fields(data, show_internals=show_internals),
        page_obj=page_obj,
        page_range=page_range,
        cases=page_obj.object_list,
    )
    return render(request, "ombudsman/case_list.html", context)


@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_cases(request.user):
        raise PermissionDenied
    return _case_list_response(request)


class _Echo:
    def write(self, value):
        return value


def _cell(value) -> str | datetime.date | int:
    """Export cell: dates as dates, date-times in local time; text that looks like a formula is defused."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@require_GET
def case_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered list as CSV (streamed, UTF-8 with BOM for Excel) or XLSX; no personal data."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    user = request.user
    if not permissions.can_view_cases(user):
        raise PermissionDenied
    show_internals = permissions.can_view_case_internals(user)
    data = _case_filter_data(request)
    try:
        queryset = selectors.case_list(user=user, filters=data)
    except selectors.InvalidFilters:
        return _case_list_response(request)
    columns = [
        ("receipt_code", _("Receipt code")),
        ("title", _("Title")),
        ("status", _("Status")),
        ("channel", _("Received through")),
        ("received_at", _("Received at")),
        ("incident_date", _("Date of the incident")),
        ("respondent_agency", _("Agency or facility")),
        ("respondent_department__name_ko", _("Responsible department")),
        ("stage_deadline", _("Deadline of the current stage")),
        ("closed_at", _("Closed at")),
    ]
    if show_internals:
        columns.append(("handler__username", _("Handler")))
    rows = list(queryset.values_list(*(name for name, _label in columns))[:EXPORT_LIMIT])
    with transaction.atomic():
        audit_record(
            actor=user,
            action="case.export",
            changes={"format": fmt, "filters": {key: data.getlist(key) for key in data}, "rows": len(rows)},
            request=request,
        )
    status_labels = {value: str(label) for value, label in CaseStatus.choices}
    channel_labels = {value: str(label) for value, label in Channel.choices}
    headers = [str(label) for _name, label in columns]

    def cells(row):
        values = list(row)
        values[2] = status_labels.get(values[2], values[2])
        values[3] = channel_labels.get(values[3], values[3])
        return [_cell(value) for value in values]

    filename = f"cases-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def stream():
            yield "\ufeff"
            yield writer.writerow(headers)
            for row in rows:
                yield writer.writerow(cells(row))

        response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=_("Cases")[:31])
        sheet.append(headers)
        for row in rows:
            sheet.append(cells(row))
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- case detail


def _action_fields(kind: str, form, make_form, *key, **context) -> str:
    """The fields of one action form of the case page. A blank form depends only on the language and
    ``key`` (status, current handler, recommendation), so its HTML is kept in memory
    (``ombudsman.fragments``); a bound form that failed is rendered every time, with its errors."""

    def render_fields() -> str:
        return render_to_string(
            "ombudsman/partials/_case_action_fields.html",
            {"kind": kind, "form": form if form is not None else make_form(), **context},
        )

    if form is not None:
        return render_fields()
    return fragments.case_action_fields.get_or_render((get_language(), kind, *key), render_fields)


def _render_detail(request: HttpRequest, complaint: Complaint, *, status: int = 200, **bound) -> HttpResponse:
    """The case page; ``bound`` replaces one blank form by the bound one that failed (status 400)."""
    user = request.user
    can_handle = permissions.can_handle_complaints(user)
    show_identity = permissions.can_view_complainant_identity(user)
    if show_identity:
        services.identity_view_record(actor=user, complaint=complaint, request=request)
    context = {
        "complaint": complaint,
        "show_identity": show_identity,
        "show_internals": permissions.can_view_case_internals(user),
        "can_handle": can_handle,
        "events": complaint.events.all(),
        "status_labels": dict(CaseStatus.choices),
        "public_labels": workflow.PUBLIC_STATUS_LABELS,
        "failed_form": next(
            (form for value in bound.values() for form in (value.values() if isinstance(value, dict) else [value])),
            None,
        ),
    }
    recommendations = []
    response_forms = bound.get("response_forms", {})
    implementation_forms = bound.get("implementation_forms", {})
    for recommendation in complaint.recommendations.all():
        entry = {"recommendation": recommendation}
        if can_handle:
            pk = recommendation.pk
            pending = recommendation.response == Recommendation.Response.PENDING
            # Only the form the template shows: the response while it is pending, then the implementation.
            response_form = entry["response_form"] = response_forms.get(pk)
            if pending or response_form is not None:
                entry["response_fields"] = _action_fields(
                    "response", response_form, lambda pk=pk: staff_forms.ResponseForm(prefix=f"rec{pk}-response"), pk
                )
            implementation_form = entry["implementation_form"] = implementation_forms.get(pk)
            if not pending or implementation_form is not None:
                entry["implementation_fields"] = _action_fields(
                    "implementation",
                    implementation_form,
                    lambda pk=pk: staff_forms.ImplementationForm(prefix=f"rec{pk}-implementation"),
                    pk,
                )
        recommendations.append(entry)
    context["recommendations"] = recommendations
    if can_handle:
        allowed = workflow.allowed_transitions(complaint.status)
        forms_ = {name: bound.get(name) for name in ("transition_form", "assign_form", "note_form", "attachment_form")}
        context.update(forms_)
        context.update(
            can_transition=bool(allowed) or forms_["transition_form"] is not None,
            can_recommend=complaint.status in RECOMMENDABLE_STATUSES,
        )
        if context["can_transition"]:
            context["transition_fields"] = _action_fields(
                "transition",
                forms_["transition_form"],
                lambda: staff_forms.TransitionForm(status=complaint.status),
                complaint.status,
                reason_required=[CaseStatus(value).label for value in allowed if value in workflow.REASON_REQUIRED],
            )
        context["assign_fields"] = _action_fields(
            "assign",
            forms_["assign_form"],
            lambda: staff_forms.AssignForm(initial={"handler": complaint.handler_id}),
            complaint.handler_id,
        )
        context["note_fields"] = _action_fields("note", forms_["note_form"], staff_forms.NoteForm)
        context["attachment_fields"] = _action_fields(
            "attachment", forms_["attachment_form"], staff_forms.AttachmentForm
        )
    response = render(request, "ombudsman/case_detail.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def case_detail(request: HttpRequest, receipt_code: str) -> HttpResponse:
    complaint = _get_case(request.user, receipt_code)
    return _render_detail(request, complaint)


def _failed(request, complaint, form, error: ValidationError, key: str, pk: int | None = None) -> HttpResponse:
    add_service_errors(form, error)
    bound = {key: {pk: form}} if pk is not None else {key: form}
    return _render_detail(request, complaint, status=400, **bound)


@handler_action
def case_transition(request: HttpRequest, receipt_code: str) -> HttpResponse:
    complaint = _get_case(request.user, receipt_code)
    form = staff_forms.TransitionForm(request.POST, status=complaint.status)
    if not form.is_valid():
        return _render_detail(request, complaint, status=400, transition_form=form)
    try:
        services.case_transition(
            complaint=complaint,
            to=form.cleaned_data["to"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
            public_message=form.cleaned_data["public_message"],
            expected_status=form.cleaned_data["expected_status"],
            request=request,
        )
    except ValidationError as error:
        # Resubmitting after reading the page again applies to the status now shown.
        form.data = form.data.copy()
        form.data["expected_status"] = complaint.status
        return _failed(request, complaint, form, error, "transition_form")
    messages.success(
        request, _("The case is now “%(status)s”.") % {"status": CaseStatus(form.cleaned_data["to"]).label}
    )
    return _see_other(complaint.get_absolute_url())


@handler_action
def case_assign(request: HttpRequest, receipt_code: str) -> HttpResponse:
    complaint = _get_case(request.user, receipt_code)
    form = staff_forms.AssignForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, complaint, status=400, assign_form=form)
    try:
        services.case_assign(
            complaint=complaint, handler=form.cleaned_data["handler"], actor=request.user, request=request
        )
    except ValidationError as error:
        return _failed(request, complaint, form, error, "assign_form")
    messages.success(request, _("The handler has been saved."))
    return _see_other(complaint.get_absolute_url())


@handler_action
def case_note_add(request: HttpRequest, receipt_code: str) -> HttpResponse:
    complaint = _get_case(request.user, receipt_code)
    form = staff_forms.NoteForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, complaint, status=400, note_form=form)
    try:
        services.note_add(complaint=complaint, author=request.user, body=form.cleaned_data["body"], request=request)
    except ValidationError as error:
        return _failed(request, complaint, form, error, "note_form")
    messages.success(request, _("The note has been added."))
    return _see_other(complaint.get_absolute_url() + "#notes-title")


@handler_action
def case_attachment_add(request: HttpRequest, receipt_code: str) -> HttpResponse:
    complaint = _get_case(request.user, receipt_code)
    form = staff_forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_detail(request, complaint, status=400, attachment_form=form)
    try:
        stored = services.attachment_add_by_staff(
            complaint=complaint, files=form.cleaned_data["attachments"], actor=request.user, request=request
        )
    except ValidationError as error:
        return _failed(request, complaint, form, error, "attachment_form")
    messages.success(
        request,
        ngettext("%(count)d file attached.", "%(count)d files attached.", len(stored)) % {"count": len(stored)},
    )
    return _see_other(complaint.get_absolute_url() + "#attachments-title")


@require_GET
def attachment_download(request: HttpRequest, receipt_code: str, pk: int) -> FileResponse:
    """Evidence, for the ombudsman role only; each download is written to the personal-data access log."""
    try:
        attachment = selectors.case_attachment(user=request.user, receipt_code=receipt_code, attachment_id=pk)
    except (Complaint.DoesNotExist, Attachment.DoesNotExist):
        raise Http404 from None
    if not attachment.file:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    personal_data_access_record(
        actor=request.user,
        subject=attachment.complaint,
        fields=[f"attachment:{attachment.pk}"],
        purpose="evidence download",
        request=request,
    )
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- recommendations


@require_http_methods(["GET", "POST"])
def recommendation_new(request: HttpRequest, receipt_code: str) -> HttpResponse:
    if not permissions.can_handle_complaints(request.user):
        raise PermissionDenied
    complaint = _get_case(request.user, receipt_code)
    if request.method == "GET":
        form = staff_forms.RecommendationForm(initial={"agency": complaint.respondent_agency})
        return render(request, "ombudsman/recommendation_form.html", {"complaint": complaint, "form": form})
    form = staff_forms.RecommendationForm(request.POST)
    if form.is_valid():
        try:
            services.recommendation_issue(complaint=complaint, actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The recommendation has been issued."))
            return _see_other(complaint.get_absolute_url() + "#recommendations-title")
    return render(request, "ombudsman/recommendation_form.html", {"complaint": complaint, "form": form}, status=400)


def _recommendation_and_case(request: HttpRequest, pk: int) -> tuple[Recommendation, Complaint]:
    try:
        recommendation = selectors.recommendation_get(user=request.user, pk=pk)
    except Recommendation.DoesNotExist:
        raise Http404 from None
    return recommendation, _get_case(request.user, recommendation.complaint.receipt_code)


@handler_action
def recommendation_response(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation, complaint = _recommendation_and_case(request, pk)
    form = staff_forms.ResponseForm(request.POST, prefix=f"rec{pk}-response")
    if form.is_valid():
        try:
            services.recommendation_record_response(
                recommendation=recommendation, actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The agency's response has been recorded."))
            return _see_other(complaint.get_absolute_url() + "#recommendations-title")
    return _render_detail(request, complaint, status=400, response_forms={pk: form})


@handler_action
def recommendation_implementation(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation, complaint = _recommendation_and_case(request, pk)
    form = staff_forms.ImplementationForm(request.POST, prefix=f"rec{pk}-implementation")
    if form.is_valid():
        try:
            services.recommendation_record_implementation(
                recommendation=recommendation,
                actor=request.user,
                implemented=form.cleaned_data["implemented"],
                implemented_on=form.cleaned_data["implemented_on"],
                evidence=form.cleaned_data["evidence"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The implementation has been recorded."))
            return _see_other(complaint.get_absolute_url() + "#recommendations-title")
    return _render_detail(request, complaint, status=400, implementation_forms={pk: form})


# ---------------------------------------------------------------- complaints registered by staff


def _registered(request: HttpRequest, submitted: services.SubmittedComplaint) -> HttpResponse:
    """The receipt code and the secret key, shown once on this page (never in a URL), not cached."""
    response = render(
        request,
        "ombudsman/case_registered.html",
        {"complaint": submitted.complaint, "secret_key": submitted.secret_key},
    )
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def case_register(request: HttpRequest) -> HttpResponse:
    if not permissions.can_handle_complaints(request.user):
        raise PermissionDenied
    context = {"action": reverse("ombudsman:case-register"), "session": None}
    if request.method == "GET":
        return render(request, "ombudsman/case_register.html", {**context, "form": staff_forms.ComplaintRegisterForm()})
    form = staff_forms.ComplaintRegisterForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            submitted = services.complaint_submit(
                registered_by=request.user, request=request, language=get_language(), **form.service_arguments()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _registered(request, submitted)
    return render(request, "ombudsman/case_register.html", {**context, "form": form}, status=400)


# ---------------------------------------------------------------- counselling


@require_GET
def counselling_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_handle_complaints(request.user):
        raise PermissionDenied
    data = request.GET.copy()
    data.pop("page", None)
    form = staff_forms.counselling_filter_form(data)
    context = {"form": form, "query": data.urlencode()}
    try:
        queryset = selectors.counselling_list(user=request.user, filters=data)
    except selectors.InvalidFilters:
        form.is_valid()
        return render(request, "ombudsman/counselling_list.html", {**context, "invalid": True}, status=400)
    page_obj, page_range = peek_paginate(queryset, request.GET.get("page"))
    context.update(page_obj=page_obj, page_range=page_range, sessions=page_obj.object_list)
    return render(request, "ombudsman/counselling_list.html", context)


@require_http_methods(["GET", "POST"])
def counselling_new(request: HttpRequest) -> HttpResponse:
    if not permissions.can_handle_complaints(request.user):
        raise PermissionDenied
    if request.method == "GET":
        form = staff_forms.CounsellingForm(initial={"held_on": timezone.localdate()})
        return render(request, "ombudsman/counselling_form.html", {"form": form})
    form = staff_forms.CounsellingForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        receipt_code = data.pop("receipt_code").strip().upper()
        complaint = None
        if receipt_code:
            try:
                complaint = selectors.case_get(user=request.user, receipt_code=receipt_code)
            except Complaint.DoesNotExist:
                form.add_error("receipt_code", _("There is no case with this receipt code."))
        if not form.errors:
            try:
                session = services.counselling_record(
                    actor=request.user,
                    complaint=complaint,
                    request=request,
                    groups=list(data.pop("groups")),
                    rights=list(data.pop("rights")),
                    **data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The counselling session has been recorded."))
                return _see_other(session.get_absolute_url())
    return render(request, "ombudsman/counselling_form.html", {"form": form}, status=400)


def _get_session(request: HttpRequest, pk: int) -> CounsellingSession:
    try:
        return selectors.counselling_get(user=request.user, pk=pk)
    except CounsellingSession.DoesNotExist:
        raise Http404 from None


@require_GET
def counselling_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_handle_complaints(request.user):
        raise PermissionDenied
    session = _get_session(request, pk)
    return render(request, "ombudsman/counselling_detail.html", {"session": session})


@never_cache
@require_http_methods(["GET", "POST"])
def counselling_register_case(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_handle_complaints(request.user):
        raise PermissionDenied
    session = _get_session(request, pk)
    context = {"action": reverse("ombudsman:counselling-register-case", args=[pk]), "session": session}
    if request.method == "GET":
        form = staff_forms.ComplaintRegisterForm(
            with_channel=False,
            initial={
                "title": session.topic,
                "description": session.summary or session.topic,
                "rights": [right.code for right in session.rights.all()],
                "groups": [group.code for group in session.groups.all()],
            },
        )
        return render(request, "ombudsman/case_register.html", {**context, "form": form})
    form = staff_forms.ComplaintRegisterForm(request.POST, request.FILES, with_channel=False)
    if form.is_valid():
        try:
            submitted = services.counselling_register_case(
                session=session,
                actor=request.user,
                request=request,
                language=get_language(),
                **form.service_arguments(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _registered(request, submitted)
    return render(request, "ombudsman/case_register.html", {**context, "form": form}, status=400)


# ---------------------------------------------------------------- statistics


@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    """Staff statistics (every staff role): no identities, agencies named."""
    if not permissions.can_view_case_statistics(request.user):
        raise PermissionDenied
    form = staff_forms.statistics_filter_form(request.GET)
    if form.is_bound and not form.is_valid():
        return render(request, "ombudsman/statistics.html", {"form": form, "stats": None}, status=400)
    year = form.cleaned_data.get("year") if form.is_bound else None
    stats = selectors.case_statistics(user=request.user, year=year)
    return render(request, "ombudsman/statistics.html", {"form": form, "stats": stats})
