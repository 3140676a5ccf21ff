"""Downloads of the impact app: the filtered assessment list (CSV or XLSX) and the figures (CSV).

Column names are stable snake_case keys (what scripts and spreadsheets refer to, whatever the
language of the page); coded values (subject type, status, outcome) come with a ``_label`` column
in the language of the request. CSV is UTF-8 with a byte order mark so that Excel reads Korean.
"""

from __future__ import annotations

import csv
import datetime
import io

from django.http import HttpResponse
from django.utils import timezone

from impact.models import (
    FACILITY_USE_LABELS,
    OUTCOME_LABELS,
    STATUS_LABELS,
    SUBJECT_TYPE_LABELS,
    RevisionKind,
)
from impact.workflow import OPEN_STATUSES

EXPORT_LIMIT = 10_000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: (column, queryset field) of what everyone may download: closed assessments' public facts.
PUBLIC_COLUMNS = [
    ("code", "code"),
    ("year", "year"),
    ("subject_type", "subject_type"),
    ("subject_type_label", "subject_type"),
    ("title", "title"),
    ("department_code", "department__code"),
    ("department", "department__name_ko"),
    ("revision_kind", "revision_kind"),
    ("facility_use", "facility_use"),
    ("facility_use_label", "facility_use"),
    ("requested_on", "requested_on"),
    ("findings_issued_on", "findings_issued_on"),
    ("outcome", "outcome"),
    ("outcome_label", "outcome"),
    ("outcome_on", "outcome_on"),
    ("outcome_summary", "outcome_summary"),
    ("public_summary", "public_summary"),
    ("closed_on", "closed_on"),
]

#: Staff get every column: the work in progress too.
STAFF_COLUMNS = [
    *PUBLIC_COLUMNS[:5],
    ("description", "description"),
    *PUBLIC_COLUMNS[5:10],
    ("status", "status"),
    ("status_label", "status"),
    ("stage_deadline", "stage_deadline"),
    ("overdue", "stage_deadline"),
    ("assessor", "assessor__username"),
    *PUBLIC_COLUMNS[10:],
    ("findings_summary", "findings_summary"),
]

LABELS = {
    "subject_type_label": SUBJECT_TYPE_LABELS,
    "status_label": STATUS_LABELS,
    "outcome_label": OUTCOME_LABELS,
    "facility_use_label": FACILITY_USE_LABELS,
}


def _safe(value):
    """A cell a spreadsheet would take for a formula stays text; dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def assessment_table(queryset, *, staff: bool) -> tuple[list[str], list[list]]:
    """The header row and the rows of the filtered list (one query, at most ``EXPORT_LIMIT`` rows)."""
    columns = STAFF_COLUMNS if staff else PUBLIC_COLUMNS
    fields = list(dict.fromkeys(field for _column, field in columns))
    position = {field: index for index, field in enumerate(fields)}
    today = timezone.localdate()
    revision_kinds = set(RevisionKind.values)
    rows = []
    for values in queryset.values_list(*fields)[:EXPORT_LIMIT]:
        row = []
        for column, field in columns:
            value = values[position[field]]
            if column in LABELS:
                value = str(LABELS[column].get(value, "")) if value else ""
            elif column == "overdue":
                status = values[position["status"]]
                value = "yes" if status in OPEN_STATUSES and value is not None and value < today else "no"
            elif column == "revision_kind" and value not in revision_kinds:
                value = ""
            row.append(_safe(value))
        rows.append(row)
    return [column for column, _field in columns], rows


def _csv_bytes(headers: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def assessment_export_response(queryset, *, staff: bool, fmt: str) -> HttpResponse:
    headers, rows = assessment_table(queryset, staff=staff)
    filename = f"impact-assessments-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "csv":
        return _download(_csv_bytes(headers, rows), content_type="text/csv; charset=utf-8", filename=filename)
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "assessments"
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    dates = [index for index, header in enumerate(headers) if header.endswith("_on") or header == "stage_deadline"]
    for line in sheet.iter_rows(min_row=2):
        for index in dates:
            line[index].number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "B2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _download(buffer.getvalue(), content_type=XLSX_TYPE, filename=filename)


# ---------------------------------------------------------------- figures

FIGURE_TABLES = ("years", "buildings", "criteria")


def figures_table(figures, table: str) -> tuple[list[str], list[list]]:
    """One table of the figures page as a header row and rows."""
    if table == "buildings":
        headers = [
            "year",
            "facility_use",
            "facility_use_label",
            "assessed",
            "renovated",
            "partially_renovated",
            "not_renovated",
        ]
        rows = [
            [
                row.year,
                row.facility_use,
                str(row.facility_use_label),
                row.assessed,
                row.renovated,
                row.partially_renovated,
                row.not_renovated,
            ]
            for row in figures.facilities
        ]
        return headers, rows
    if table == "criteria":
        headers = [
            "subject_type",
            "subject_type_label",
            "criterion_number",
            "section",
            "criterion",
            "failed",
            "partly",
            "answered",
            "failure_share_percent",
        ]
        rows = [
            [
                row.subject_type,
                str(row.subject_type_label),
                row.number,
                _safe(row.section),
                _safe(row.text),
                row.failed,
                row.partly,
                row.answered,
                "" if row.failure_share is None else row.failure_share,
            ]
            for row in figures.failed_criteria
        ]
        return headers, rows
    headers = [
        "year",
        "subject_type",
        "subject_type_label",
        "requested",
        "assessed",
        "revised",
        "partially_revised",
        "not_revised",
        "awaiting_outcome",
    ]
    rows = [
        [
            row.year,
            row.subject_type,
            str(row.subject_type_label),
            row.requested,
            row.assessed,
            row.revised,
            row.partially_revised,
            row.not_revised,
            row.awaiting_outcome,
        ]
        for row in figures.rows
    ]
    return headers, rows


def figures_csv_response(figures, *, table: str) -> HttpResponse:
    headers, rows = figures_table(figures, table)
    return _download(
        _csv_bytes(headers, rows),
        content_type="text/csv; charset=utf-8",
        filename=f"impact-figures-{table}-{timezone.localdate():%Y%m%d}.csv",
    )
