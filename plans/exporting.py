"""A plan's annual implementation report as an Excel workbook, in the layout the officials use.

Sheet 1 lists every task's record of the year (area, code, title, department, status, progress,
budgets, execution rate, review, narrative) under title rows, with a total row; sheet 2 sums it up
per area and per department (``selectors.plan_progress``, computed by PostgreSQL).
"""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from plans import selectors
from plans.models import BasePlan, ProgressStatus, ReviewState

AMOUNT = "#,##0"
PERCENT = "0.0%"
WHOLE = "0"


def _safe(value):
    """Text that a spreadsheet would take for a formula is kept as text."""
    if isinstance(value, str) and value.startswith("="):
        return "'" + value
    return value


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def annual_report_workbook(*, user, plan: BasePlan, year: int) -> tuple[bytes, int]:
    """The workbook's bytes and the number of task rows in it."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    records = list(
        selectors.record_list(user=user, filters={"plan": plan.pk, "year": year}).order_by(
            "task__area__number", "task__order", "task__code"
        )
    )
    progress = selectors.plan_progress(user=user, plan=plan, year=year)

    bold = Font(bold=True)
    title_font = Font(bold=True, size=14)
    header_fill = PatternFill("solid", start_color="DDE4EE")
    thin = Side(style="thin", color="999999")
    header_border = Border(bottom=thin, top=thin)
    wrap = Alignment(wrap_text=True, vertical="top")

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Annual report")[:31]
    columns = [
        (_("Area"), 28, None),
        (_("Task code"), 12, None),
        (_("Task"), 40, None),
        (_("Responsible department"), 20, None),
        (_("Status"), 12, None),
        (_("Progress (%)"), 12, WHOLE),
        (_("Budget planned (KRW)"), 18, AMOUNT),
        (_("Budget executed (KRW)"), 18, AMOUNT),
        (_("Execution rate"), 12, PERCENT),
        (_("Review"), 12, None),
        (_("What was done"), 60, None),
    ]
    sheet.append([plan.title])
    sheet["A1"].font = title_font
    sheet.append([_("Annual implementation report %(year)s") % {"year": year} + f" · {plan.organisation}"])
    sheet["A2"].font = bold
    sheet.append([_("Exported on %(date)s") % {"date": timezone.localdate().isoformat()}])
    sheet.append([])
    header_row = 5
    sheet.append([label for label, _width, _format in columns])
    for index, (_label, width, _format) in enumerate(columns, start=1):
        cell = sheet.cell(row=header_row, column=index)
        cell.font = bold
        cell.fill = header_fill
        cell.border = header_border
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)

    status_labels = {value: str(label) for value, label in ProgressStatus.choices}
    review_labels = {value: str(label) for value, label in ReviewState.choices}
    for record in records:
        task = record.task
        sheet.append(
            [
                _safe(str(task.area)),
                _safe(task.code),
                _safe(task.title),
                _safe(task.responsible_department.name),
                status_labels.get(record.progress_status, record.progress_status),
                record.progress,
                record.budget_planned,
                record.budget_executed,
                _ratio(record.budget_executed, record.budget_planned),
                review_labels.get(record.review_state, record.review_state),
                _safe(record.narrative),
            ]
        )
    first, last = header_row + 1, header_row + len(records)
    for row in sheet.iter_rows(min_row=first, max_row=last):
        for cell, (_label, _width, number_format) in zip(row, columns, strict=False):
            if number_format:
                cell.number_format = number_format
        row[2].alignment = wrap
        row[10].alignment = wrap
    total = progress.total
    sheet.append(
        [
            _("Total"),
            None,
            _("%(count)s tasks") % {"count": total.tasks},
            None,
            None,
            total.average_progress,
            total.budget_planned,
            total.budget_executed,
            _ratio(total.budget_executed, total.budget_planned),
            None,
            None,
        ]
    )
    total_row = sheet.max_row
    for cell, (_label, _width, number_format) in zip(sheet[total_row], columns, strict=False):
        cell.font = bold
        cell.border = header_border
        if number_format:
            cell.number_format = "0.0" if number_format == WHOLE else number_format
    if records:
        sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{last}"

    summary = workbook.create_sheet(_("Summary")[:31])
    summary_columns = [
        (None, 34),
        (_("Tasks"), 8),
        (_("Records"), 9),
        (_("Not started"), 11),
        (_("On track"), 10),
        (_("Delayed"), 9),
        (_("Completed"), 11),
        (_("Confirmed"), 11),
        (_("Budget planned (KRW)"), 18),
        (_("Budget executed (KRW)"), 18),
        (_("Execution rate"), 12),
        (_("Average progress (%)"), 12),
    ]
    for index, (_label, width) in enumerate(summary_columns, start=1):
        summary.column_dimensions[get_column_letter(index)].width = width
    summary.append([plan.title])
    summary["A1"].font = title_font
    summary.append([_("Progress in %(year)s by area and by department") % {"year": year}])
    summary["A2"].font = bold

    def table(heading: str, rows) -> None:
        summary.append([])
        summary.append([heading, *(label for label, _width in summary_columns[1:])])
        for cell in summary[summary.max_row]:
            cell.font = bold
            cell.fill = header_fill
            cell.border = header_border
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for roll_up in rows:
            summary.append(
                [
                    _safe(roll_up.label),
                    roll_up.tasks,
                    roll_up.records,
                    roll_up.not_started,
                    roll_up.on_track,
                    roll_up.delayed,
                    roll_up.completed,
                    roll_up.confirmed,
                    roll_up.budget_planned,
                    roll_up.budget_executed,
                    _ratio(roll_up.budget_executed, roll_up.budget_planned),
                    roll_up.average_progress,
                ]
            )
            line = summary[summary.max_row]
            line[8].number_format = AMOUNT
            line[9].number_format = AMOUNT
            line[10].number_format = PERCENT
            line[11].number_format = "0.0"

    table(_("Area"), [*progress.by_area, progress.total])
    for cell in summary[summary.max_row]:
        cell.font = bold
    summary.cell(row=summary.max_row, column=1, value=_("Total"))
    table(_("Responsible department"), progress.by_department)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), len(records)
