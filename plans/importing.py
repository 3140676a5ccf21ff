"""Import of a plan's areas and policy tasks from an XLSX workbook or a CSV file.

Every row is parsed and checked first; the errors come back per row and column (spreadsheet row
numbers: the header is row 1). Nothing is written unless the whole file is valid; then the areas and
tasks are written through ``plans.services`` in one transaction.

Columns: ``area_number, area_title, code, title, description, department_code,
cooperating_department_codes, target_group_codes, sdg_target_codes`` and one ``budget_<year>``
column per year of the plan (planned budget in KRW; blank for none). Code lists are comma-separated.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from humanrights_portal.core import permissions
from humanrights_portal.core.models import Department, SdgTarget, User, VulnerableGroup
from plans import services
from plans.models import BasePlan, PlanArea, PolicyTask

COLUMNS = (
    "area_number",
    "area_title",
    "code",
    "title",
    "description",
    "department_code",
    "cooperating_department_codes",
    "target_group_codes",
    "sdg_target_codes",
)
REQUIRED_COLUMNS = ("area_number", "area_title", "code", "title", "department_code")
BUDGET_PREFIX = "budget_"
MAX_ROWS = 2000
MAX_LENGTHS = {"area_title": 200, "code": 20, "title": 300}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ParsedTask:
    row: int
    area_number: int
    area_title: str
    code: str
    title: str
    description: str
    department: Department
    cooperating: list[Department]
    groups: list[VulnerableGroup]
    sdg_targets: list[SdgTarget]
    budgets: dict[int, int]


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    areas_created: int = 0
    areas_updated: int = 0
    tasks_created: int = 0
    tasks_updated: int = 0
    budgets: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class UnreadableFile(Exception):
    pass


# ---------------------------------------------------------------- reading the file


def _text(value) -> str:
    """A cell as text: numbers that are whole come out without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableFile(_("The file is not an Excel workbook (.xlsx) that can be read.")) from error
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for _, row in zip(range(MAX_ROWS + 2), sheet.iter_rows(values_only=True), strict=False)]
    finally:
        workbook.close()


def _read_csv(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(_("The CSV file is not in UTF-8. Save it as “CSV UTF-8” and try again.")) from error
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        return [row for _, row in zip(range(MAX_ROWS + 2), reader, strict=False)]
    except csv.Error as error:
        raise UnreadableFile(_("The CSV file cannot be read: %(error)s") % {"error": error}) from error


def read_table(upload) -> list[list]:
    content = upload.read()
    if (upload.name or "").lower().endswith(".xlsx"):
        return _read_xlsx(content)
    return _read_csv(content)


# ---------------------------------------------------------------- checking every row


def _codes(value: str) -> list[str]:
    return [code.strip() for code in value.replace(";", ",").split(",") if code.strip()]


def _whole_number(value) -> int | None:
    """An integer from a cell (``12``, ``12.0``, ``"1,250,000"``), or ``None`` when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = _text(value).replace(",", "").replace(" ", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or number != number.to_integral_value():
        return None
    return int(number)


def _header(raw: list, plan: BasePlan, errors: list[RowError]) -> dict[int, str]:
    """Column index → column name; the budget columns' years are checked against the plan."""
    columns: dict[int, str] = {}
    seen: set[str] = set()
    for index, cell in enumerate(raw):
        name = _text(cell).lower()
        if not name:
            continue
        if name in seen:
            errors.append(RowError(1, name, _("This column appears twice.")))
            continue
        seen.add(name)
        if name.startswith(BUDGET_PREFIX):
            year = _whole_number(name[len(BUDGET_PREFIX) :])
            if year is None:
                errors.append(RowError(1, name, _("A budget column is called budget_ and a year, e.g. budget_2019.")))
                continue
            if year not in plan.years:
                errors.append(
                    RowError(
                        1,
                        name,
                        _("%(year)s is outside the plan's period (%(start)s-%(end)s).")
                        % {"year": year, "start": plan.start_year, "end": plan.end_year},
                    )
                )
                continue
        elif name not in COLUMNS:
            errors.append(RowError(1, name, _("Unknown column.")))
            continue
        columns[index] = name
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            errors.append(RowError(1, name, _("This column is missing.")))
    return columns


def _lookups(rows: list[dict]) -> tuple[dict, dict, dict]:
    """The departments, groups and SDG targets the file names, in three queries."""
    department_codes: set[str] = set()
    group_codes: set[str] = set()
    sdg_codes: set[str] = set()
    for values in rows:
        department_codes.add(_text(values.get("department_code")))
        department_codes.update(_codes(_text(values.get("cooperating_department_codes"))))
        group_codes.update(_codes(_text(values.get("target_group_codes"))))
        sdg_codes.update(_codes(_text(values.get("sdg_target_codes"))))
    departments = {d.code: d for d in Department.objects.active().filter(code__in=department_codes)}
    groups = {g.code: g for g in VulnerableGroup.objects.active().filter(code__in=group_codes)}
    targets = {t.code: t for t in SdgTarget.objects.filter(code__in=sdg_codes)}
    return departments, groups, targets


def parse(*, plan: BasePlan, table: list[list]) -> tuple[list[ParsedTask], list[RowError]]:
    """Check every row of the table (header first); return the tasks and every error found."""
    errors: list[RowError] = []
    if not table or not any(_text(cell) for cell in table[0]):
        return [], [RowError(1, "", _("The file is empty: the first row must name the columns."))]
    columns = _header(table[0], plan, errors)
    rows: list[tuple[int, dict]] = []
    for number, raw in enumerate(table[1:], start=2):
        if number > MAX_ROWS + 1:
            errors.append(RowError(number, "", _("A file may have at most %(max)s tasks.") % {"max": MAX_ROWS}))
            break
        values = {name: raw[index] for index, name in columns.items() if index < len(raw)}
        if any(_text(value) for value in values.values()):
            rows.append((number, values))
    if errors:  # a wrong header makes every row wrong: say only that
        return [], errors
    if not rows:
        return [], [RowError(2, "", _("The file has no task rows."))]

    lookups = _lookups([values for _, values in rows])
    parsed: list[ParsedTask] = []
    seen = _Seen()
    for number, values in rows:
        task, row_errors = _parse_row(number, values, columns, lookups, seen)
        errors.extend(row_errors)
        if task is not None:
            parsed.append(task)
    return parsed, errors


@dataclass
class _Seen:
    """What earlier rows said: codes (no duplicates) and area titles (one title per area number)."""

    codes: dict[str, int] = field(default_factory=dict)
    area_titles: dict[int, tuple[str, int]] = field(default_factory=dict)


def _parse_row(
    number: int, values: dict, columns: dict[int, str], lookups: tuple[dict, dict, dict], seen: _Seen
) -> tuple[ParsedTask | None, list[RowError]]:
    departments, groups, targets = lookups
    row_errors: list[RowError] = []

    def error(column: str, message: str) -> None:
        row_errors.append(RowError(number, column, message))

    text = {name: _text(values.get(name)) for name in COLUMNS}
    for name in REQUIRED_COLUMNS:
        if not text[name]:
            error(name, _("This value is required."))
    for name, limit in MAX_LENGTHS.items():
        if len(text[name]) > limit:
            error(name, _("At most %(max)s characters.") % {"max": limit})

    area_number = None
    if text["area_number"]:
        area_number = _whole_number(values.get("area_number"))
        if area_number is None or not 1 <= area_number <= 32767:
            error("area_number", _("Not a whole number from 1 up."))
            area_number = None
        elif text["area_title"]:
            first = seen.area_titles.setdefault(area_number, (text["area_title"], number))
            if first[0] != text["area_title"]:
                error(
                    "area_title",
                    _("Area %(number)s is called “%(title)s” in row %(row)s.")
                    % {"number": area_number, "title": first[0], "row": first[1]},
                )

    code = text["code"]
    if code in seen.codes:
        error("code", _("The code %(code)s is also used in row %(row)s.") % {"code": code, "row": seen.codes[code]})
    elif code:
        seen.codes[code] = number

    no_department = _("There is no department with the code “%(code)s”.")
    department = departments.get(text["department_code"])
    if text["department_code"] and department is None:
        error("department_code", no_department % {"code": text["department_code"]})

    def resolve(column: str, known: dict, message: str) -> list:
        found = []
        for item in _codes(text[column]):
            if item in known:
                found.append(known[item])
            else:
                error(column, message % {"code": item})
        return found

    cooperating = resolve("cooperating_department_codes", departments, no_department)
    task_groups = resolve("target_group_codes", groups, _("There is no target group with the code “%(code)s”."))
    task_targets = resolve("sdg_target_codes", targets, _("There is no SDG target with the code “%(code)s”."))

    budgets: dict[int, int] = {}
    for name in columns.values():
        if not name.startswith(BUDGET_PREFIX) or not _text(values.get(name)):
            continue
        amount = _whole_number(values.get(name))
        if amount is None:
            error(name, _("Not a whole number of won."))
        elif amount < 0:
            error(name, _("A budget cannot be negative."))
        else:
            budgets[int(name[len(BUDGET_PREFIX) :])] = amount

    if row_errors:
        return None, row_errors
    return (
        ParsedTask(
            row=number,
            area_number=area_number,
            area_title=text["area_title"],
            code=code,
            title=text["title"],
            description=text["description"],
            department=department,
            cooperating=cooperating,
            groups=task_groups,
            sdg_targets=task_targets,
            budgets=budgets,
        ),
        [],
    )


# ---------------------------------------------------------------- writing


def _service_errors(row: int, error: ValidationError) -> list[RowError]:
    column_of = {"code": "code", "title": "title", "budgets": "budget", "number": "area_number"}
    if hasattr(error, "error_dict"):
        return [
            RowError(row, column_of.get(name, name if name in COLUMNS else ""), message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [RowError(row, "", message) for message in error.messages]


def task_import(*, plan: BasePlan, file, actor: User, request: HttpRequest | None = None) -> ImportResult:
    """Check the whole file, then write its areas and tasks in one transaction (or nothing)."""
    if not permissions.can_manage_plans(actor):
        raise PermissionDenied
    try:
        table = read_table(file)
    except UnreadableFile as error:
        return ImportResult(errors=[RowError(1, "", str(error))])
    tasks, errors = parse(plan=plan, table=table)
    if errors:
        return ImportResult(errors=errors)
    result = ImportResult(rows=len(tasks))
    try:
        _write(plan=plan, tasks=tasks, actor=actor, request=request, result=result)
    except _Rejected as rejected:
        return ImportResult(errors=rejected.errors)
    return result


class _Rejected(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__("import rejected")
        self.errors = errors


@transaction.atomic
def _write(*, plan: BasePlan, tasks: list[ParsedTask], actor: User, request, result: ImportResult) -> None:
    areas = {area.number: area for area in PlanArea.objects.filter(plan=plan)}
    existing = {task.code: task for task in PolicyTask.objects.filter(area__plan=plan)}
    saved_areas: dict[int, PlanArea] = {}
    for order, parsed in enumerate(tasks, start=1):
        try:
            area = saved_areas.get(parsed.area_number)
            if area is None:
                known = areas.get(parsed.area_number)
                area = services.area_save(
                    plan=plan,
                    actor=actor,
                    number=parsed.area_number,
                    title=parsed.area_title,
                    description=known.description if known else "",
                    request=request,
                )
                saved_areas[parsed.area_number] = area
                if known:
                    result.areas_updated += 1
                else:
                    result.areas_created += 1
            task = existing.get(parsed.code)
            services.task_save(
                area=area,
                actor=actor,
                task=task,
                code=parsed.code,
                title=parsed.title,
                description=parsed.description,
                responsible_department=parsed.department,
                cooperating_departments=parsed.cooperating,
                target_groups=parsed.groups,
                sdg_targets=parsed.sdg_targets,
                budgets=parsed.budgets,
                order=order,
                request=request,
            )
        except ValidationError as error:
            raise _Rejected(_service_errors(parsed.row, error)) from error
        if task is None:
            result.tasks_created += 1
        else:
            result.tasks_updated += 1
        result.budgets += len(parsed.budgets)


# ---------------------------------------------------------------- the template file


def template_workbook(plan: BasePlan) -> bytes:
    """An empty workbook with the header row for this plan (one budget column per year)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "tasks"
    header = [*COLUMNS, *(f"{BUDGET_PREFIX}{year}" for year in plan.years)]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(name) + 2)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
