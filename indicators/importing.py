"""Import of indicator values from an XLSX workbook or a CSV file: upload → preview → confirm.

The uploaded file is kept as a ``MeasurementImport`` between its preview and its confirmation. The
preview reads it and checks every row without writing; the confirmation reads it again, checks it
again and writes every value in one transaction, or nothing. Errors come back per row and column
(spreadsheet row numbers: the header is row 1).

Columns (one row per indicator, period and disaggregation): ``indicator_code, year, period`` (optional,
0 for a yearly value), ``dimension`` and ``category`` (optional; both empty for the total), ``value``,
``source`` (optional; empty keeps the source already recorded). A row whose value and source equal the
stored ones changes nothing, so importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import csv
import io
import secrets
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from humanrights_portal.core import permissions
from humanrights_portal.core.models import User
from humanrights_portal.core.services import audit_record
from indicators import services
from indicators.models import (
    DisaggregationCategory,
    Indicator,
    IndicatorFramework,
    Measurement,
    MeasurementImport,
    MeasurementRevision,
    MeasurementState,
    Periodicity,
)

COLUMNS = ("indicator_code", "year", "period", "dimension", "category", "value", "source")
REQUIRED_COLUMNS = ("indicator_code", "year", "value")
MAX_ROWS = 20_000
MAX_BYTES = 10 * 1024 * 1024
SOURCE_MAX_LENGTH = 300
BATCH_SIZE = 1000
UPDATE_BATCH_SIZE = 5000
FOUR_PLACES = Decimal("0.0001")
LARGEST_VALUE = Decimal(10) ** 14  # max_digits 18, decimal_places 4

XLSX, CSV = "xlsx", "csv"
CONTENT_TYPES = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv; charset=utf-8",
}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ParsedRow:
    row: int
    indicator: Indicator
    year: int
    period: int
    category: DisaggregationCategory | None
    value: Decimal
    source: str | None  # None: keep the source already recorded

    @property
    def key(self) -> tuple[int, int, int, int | None]:
        return (self.indicator.pk, self.year, self.period, self.category.pk if self.category else None)


@dataclass
class Check:
    """What a file holds and what importing it would do."""

    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    parsed: list[ParsedRow] = field(default_factory=list)
    to_create: int = 0
    to_update: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_rows(self) -> int:
        return len({error.row for error in self.errors if error.row > 1})

    @property
    def valid_rows(self) -> int:
        return len(self.parsed)


class UnreadableFile(Exception):
    pass


class ImportRejected(Exception):
    """The file has errors: nothing was written."""

    def __init__(self, check: Check):
        super().__init__("import rejected")
        self.check = check


# ---------------------------------------------------------------- access


def import_get(*, user, token: str) -> MeasurementImport:
    """An import its uploader or the office may see; ``DoesNotExist`` for anyone else (no hint it exists)."""
    if not permissions.can_import_measurements(user):
        raise PermissionDenied
    measurement_import = MeasurementImport.objects.select_related("framework", "uploaded_by").get(token=token)
    if not permissions.can_handle_measurement_import(user, measurement_import):
        raise MeasurementImport.DoesNotExist
    return measurement_import


# ---------------------------------------------------------------- reading the file


def file_kind(content: bytes) -> str:
    """``xlsx`` or ``csv`` judged by the content: a zip with ``xl/workbook.xml``, or UTF-8 text."""
    if content[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                if "xl/workbook.xml" in archive.namelist():
                    return XLSX
        except zipfile.BadZipFile:
            pass
        raise UnreadableFile(_("The file is neither an Excel workbook (.xlsx) nor a CSV file."))
    if b"\x00" in content:
        raise UnreadableFile(_("The file is neither an Excel workbook (.xlsx) nor a CSV file."))
    try:
        content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(_("The CSV file is not in UTF-8. Save it as “CSV UTF-8” and try again.")) from error
    return CSV


def _read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableFile(_("The file is not an Excel workbook (.xlsx) that can be read.")) from error
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        return [list(row) for _, row in zip(range(MAX_ROWS + 2), rows, strict=False)]
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


def read_table(content: bytes) -> list[list]:
    kind = file_kind(content)
    return _read_xlsx(content) if kind == XLSX else _read_csv(content)


# ---------------------------------------------------------------- checking every row


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _whole_number(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    try:
        number = Decimal(_text(value).replace(" ", ""))
    except InvalidOperation:
        return None
    if not number.is_finite() or number != number.to_integral_value():
        return None
    return int(number)


def _number(value) -> tuple[Decimal | None, str]:
    """A value as a Decimal with at most four decimal places, or ``None`` and why not."""
    not_a_number = _("Not a number.")
    if isinstance(value, bool):
        return None, not_a_number
    if isinstance(value, int | float):
        try:
            number = Decimal(str(value)).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)  # float artefacts of Excel
        except InvalidOperation:
            return None, not_a_number
    else:
        try:
            number = Decimal(_text(value).replace(",", "").replace(" ", ""))
        except InvalidOperation:
            return None, not_a_number
        if not number.is_finite():
            return None, not_a_number
        if number.as_tuple().exponent < -4:
            return None, _("At most four decimal places.")
    if not number.is_finite():
        return None, not_a_number
    if abs(number) >= LARGEST_VALUE:
        return None, _("The number is too large.")
    return number, ""


def _header(raw: list, errors: list[RowError]) -> dict[int, str]:
    columns: dict[int, str] = {}
    seen: set[str] = set()
    for index, cell in enumerate(raw):
        name = _text(cell).lower().replace(" ", "_")
        if not name:
            continue
        if name in seen:
            errors.append(RowError(1, name, _("This column appears twice.")))
            continue
        seen.add(name)
        if name not in COLUMNS:
            errors.append(RowError(1, name, _("Unknown column.")))
            continue
        columns[index] = name
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            errors.append(RowError(1, name, _("This column is missing.")))
    return columns


@dataclass
class _Lookups:
    indicators: dict[str, Indicator]
    categories: dict[str, dict[str, DisaggregationCategory]]  # dimension code → category code → category
    by_category: dict[str, list[DisaggregationCategory]]  # category code → categories of every dimension


def _lookups(framework: IndicatorFramework, codes: set[str]) -> _Lookups:
    """The framework's indicators named in the file and its categories, in three queries."""
    indicators = {
        indicator.code: indicator for indicator in Indicator.objects.filter(framework=framework, code__in=codes)
    }
    categories: dict[str, dict[str, DisaggregationCategory]] = {}
    by_category: dict[str, list[DisaggregationCategory]] = {}
    for dimension in framework.dimensions.prefetch_related("categories"):
        categories[dimension.code] = {}
        for category in dimension.categories.all():
            category.dimension = dimension
            categories[dimension.code][category.code] = category
            by_category.setdefault(category.code, []).append(category)
    return _Lookups(indicators=indicators, categories=categories, by_category=by_category)


PROBLEM_COLUMNS = {"year": "year", "period": "period", "category": "category", "value": "value"}


def parse(*, framework: IndicatorFramework, table: list[list], uploader: User) -> Check:
    """Check every row of the table (header first) for ``uploader``; nothing is written."""
    check = Check()
    if not table or not any(_text(cell) for cell in table[0]):
        check.errors.append(RowError(1, "", _("The file is empty: the first row must name the columns.")))
        return check
    columns = _header(table[0], check.errors)
    rows: list[tuple[int, dict]] = []
    for number, raw in enumerate(table[1:], start=2):
        if number > MAX_ROWS + 1:
            check.errors.append(
                RowError(number, "", _("A file may have at most %(max)s rows of values.") % {"max": MAX_ROWS})
            )
            break
        values = {name: raw[index] for index, name in columns.items() if index < len(raw)}
        if any(_text(value) for value in values.values()):
            rows.append((number, values))
    check.rows = len(rows)
    if check.errors:  # a wrong header makes every row wrong: say only that
        return check
    if not rows:
        check.errors.append(RowError(2, "", _("The file has no rows of values.")))
        return check

    lookups = _lookups(framework, {_text(values.get("indicator_code")) for _, values in rows})
    seen: dict[tuple, int] = {}
    this_year = timezone.localdate().year
    for number, values in rows:
        parsed = _parse_row(number, values, lookups, seen, uploader, check.errors, this_year)
        if parsed is not None:
            check.parsed.append(parsed)
    return check


def _parse_row(
    number: int,
    values: dict,
    lookups: _Lookups,
    seen: dict[tuple, int],
    uploader: User,
    errors: list[RowError],
    this_year: int,
) -> ParsedRow | None:
    found: list[RowError] = []

    def error(column: str, message: str) -> None:
        found.append(RowError(number, column, message))

    text = {name: _text(values.get(name)) for name in COLUMNS}
    for name in REQUIRED_COLUMNS:
        if not text[name]:
            error(name, _("This value is required."))

    indicator = None
    code = text["indicator_code"]
    if code:
        indicator = lookups.indicators.get(code)
        if indicator is None:
            error(
                "indicator_code",
                _("There is no indicator with the code “%(code)s” in this framework.") % {"code": code},
            )
        elif not permissions.can_enter_measurements(uploader, indicator):
            error(
                "indicator_code",
                _("Indicator %(code)s belongs to another department: you cannot import its values.") % {"code": code},
            )
            indicator = None

    year = None
    if text["year"]:
        year = _whole_number(values.get("year"))
        if year is None:
            error("year", _("Not a whole number."))

    period = 0
    if text["period"]:
        period = _whole_number(values.get("period"))
        if period is None or period < 0:
            error("period", _("Not a whole number from 0 up."))
            period = None

    category = None
    category_ok = True
    dimension_code, category_code = text["dimension"], text["category"]
    if dimension_code and dimension_code not in lookups.categories:
        error("dimension", _("There is no dimension “%(code)s” in this framework.") % {"code": dimension_code})
        category_ok = False
    elif dimension_code and not category_code:
        error("category", _("Give the category of the dimension, or leave both empty for the total."))
        category_ok = False
    elif category_code:
        if dimension_code:
            category = lookups.categories[dimension_code].get(category_code)
            if category is None:
                error(
                    "category",
                    _("There is no category “%(category)s” in the dimension “%(dimension)s”.")
                    % {"category": category_code, "dimension": dimension_code},
                )
        else:
            matches = lookups.by_category.get(category_code, [])
            if len(matches) == 1:
                category = matches[0]
            elif matches:
                error(
                    "dimension",
                    _("Several dimensions have the category “%(code)s”: give the dimension.") % {"code": category_code},
                )
            else:
                error("category", _("There is no category “%(code)s” in this framework.") % {"code": category_code})
        category_ok = category is not None

    value = None
    if text["value"]:
        value, message = _number(values.get("value"))
        if value is None:
            error("value", message)

    source = text["source"] or None
    if source and len(source) > SOURCE_MAX_LENGTH:
        error("source", _("At most %(max)s characters.") % {"max": SOURCE_MAX_LENGTH})

    if indicator is not None and year is not None and period is not None:
        problems = services.measurement_problems(
            indicator=indicator,
            year=year,
            period=period,
            category=category if category_ok else None,
            value=value if value is not None else Decimal(0),
        )
        for name, messages in problems.items():
            if name == "value" and value is None:
                continue
            for message in messages:
                error(PROBLEM_COLUMNS.get(name, ""), message)

    if found:
        errors.extend(found)
        return None
    parsed = ParsedRow(
        row=number, indicator=indicator, year=year, period=period, category=category, value=value, source=source
    )
    first = seen.setdefault(parsed.key, number)
    if first != number:
        errors.append(
            RowError(
                number,
                "",
                _("Row %(row)s already has a value for this indicator, period and disaggregation.") % {"row": first},
            )
        )
        return None
    return parsed


# ---------------------------------------------------------------- comparing with what is stored


def _existing(parsed: list[ParsedRow], *, lock: bool = False) -> dict[tuple, Measurement]:
    if not parsed:
        return {}
    indicator_ids = {row.indicator.pk for row in parsed}
    years = {row.year for row in parsed}
    measurements = Measurement.objects.filter(indicator_id__in=indicator_ids, year__in=years).order_by()
    if lock:
        measurements = measurements.select_for_update()
    return {(m.indicator_id, m.year, m.period, m.category_id): m for m in measurements}


def _changes(row: ParsedRow, measurement: Measurement) -> bool:
    source = measurement.source_note if row.source is None else row.source
    return measurement.value != row.value or measurement.source_note != source


def _compare(check: Check, existing: dict[tuple, Measurement]) -> None:
    check.to_create = check.to_update = check.unchanged = 0
    for row in check.parsed:
        measurement = existing.get(row.key)
        if measurement is None:
            check.to_create += 1
        elif _changes(row, measurement):
            check.to_update += 1
        else:
            check.unchanged += 1


def _check_stored(measurement_import: MeasurementImport) -> Check:
    try:
        with measurement_import.file.open("rb") as handle:
            content = handle.read()
        table = read_table(content)
    except (UnreadableFile, FileNotFoundError, OSError) as error:
        message = str(error) if isinstance(error, UnreadableFile) else _("The uploaded file is no longer available.")
        return Check(errors=[RowError(1, "", message)])
    return parse(framework=measurement_import.framework, table=table, uploader=measurement_import.uploaded_by)


def import_check(*, measurement_import: MeasurementImport) -> Check:
    """The preview: every row checked and compared with the stored values; nothing is written."""
    check = _check_stored(measurement_import)
    if check.parsed:
        _compare(check, _existing(check.parsed))
    return check


# ---------------------------------------------------------------- writes


@transaction.atomic
def import_upload(
    *, framework: IndicatorFramework, upload, actor: User, request: HttpRequest | None = None
) -> MeasurementImport:
    """Keep an uploaded file for its preview. Raises ``ValidationError`` on the ``file`` if unusable."""
    if not permissions.can_import_measurements(actor):
        raise PermissionDenied
    if upload.size > MAX_BYTES:
        raise ValidationError({"file": [_("The file is larger than 10 MB.")]})
    content = upload.read()
    try:
        kind = file_kind(content)
    except UnreadableFile as error:
        raise ValidationError({"file": [str(error)]}) from error
    token = secrets.token_urlsafe(16)
    measurement_import = MeasurementImport(
        token=token, framework=framework, uploaded_by=actor, original_name=(upload.name or "")[:255]
    )
    measurement_import.file.save(f"{token}.{kind}", ContentFile(content), save=False)
    measurement_import.save()
    audit_record(
        actor=actor,
        action="indicators.import.upload",
        target=measurement_import,
        changes={"framework": framework.pk, "file": measurement_import.original_name},
        request=request,
    )
    return measurement_import


def _update_changed(changed: list[Measurement], *, actor: User, now) -> None:
    """Write the changed values (already set on the instances) back as drafts, one statement per batch.

    ``QuerySet.bulk_update`` builds a ``CASE`` per row and field and takes about 25 s for 10,000 rows;
    one ``UPDATE … FROM unnest(…)`` per batch takes well under a second.
    """
    sql = (
        "UPDATE indicators_measurement AS m SET value = v.value, source_note = v.source_note, state = %s, "
        "entered_by_id = %s, entered_at = %s, verified_by_id = NULL, verified_at = NULL, version = v.version "
        "FROM unnest(%s::bigint[], %s::numeric[], %s::text[], %s::integer[]) AS v(id, value, source_note, version) "
        "WHERE m.id = v.id"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(changed), UPDATE_BATCH_SIZE):
            batch = changed[start : start + UPDATE_BATCH_SIZE]
            cursor.execute(
                sql,
                [
                    MeasurementState.DRAFT,
                    actor.pk,
                    now,
                    [m.pk for m in batch],
                    [m.value for m in batch],
                    [m.source_note for m in batch],
                    [m.version for m in batch],
                ],
            )


@transaction.atomic
def import_confirm(*, measurement_import: MeasurementImport, actor: User, request: HttpRequest | None = None) -> Check:
    """Check the stored file again and write every value in this transaction, or raise ``ImportRejected``.

    New values are added as drafts; changed values keep their previous value as a revision and go
    back to draft (verified or not); equal values are left alone. A confirmed import is not run again.
    """
    if not permissions.can_handle_measurement_import(actor, measurement_import):
        raise PermissionDenied
    locked = MeasurementImport.objects.select_for_update().get(pk=measurement_import.pk)
    if locked.confirmed_at is not None:
        return Check(
            rows=locked.row_count,
            to_create=locked.created_count,
            to_update=locked.updated_count,
            unchanged=locked.unchanged_count,
        )
    check = _check_stored(measurement_import)
    if not check.ok:
        raise ImportRejected(check)
    existing = _existing(check.parsed, lock=True)
    _compare(check, existing)

    now = timezone.now()
    created: list[Measurement] = []
    changed: list[Measurement] = []
    revisions: list[MeasurementRevision] = []
    refresh: dict[int, Indicator] = {}
    for row in check.parsed:
        measurement = existing.get(row.key)
        if measurement is None:
            created.append(
                Measurement(
                    indicator=row.indicator,
                    year=row.year,
                    period=row.period,
                    category=row.category,
                    value=row.value,
                    source_note=row.source or "",
                    state=MeasurementState.DRAFT,
                    entered_by=actor,
                    entered_at=now,
                )
            )
            continue
        if not _changes(row, measurement):
            continue
        revisions.append(
            MeasurementRevision(
                measurement=measurement,
                value=measurement.value,
                source_note=measurement.source_note,
                state=measurement.state,
                changed_by=actor,
                changed_at=now,
            )
        )
        if measurement.state == MeasurementState.VERIFIED:
            refresh[row.indicator.pk] = row.indicator
        measurement.value = row.value
        if row.source is not None:
            measurement.source_note = row.source
        measurement.state = MeasurementState.DRAFT
        measurement.entered_by = actor
        measurement.entered_at = now
        measurement.verified_by = None
        measurement.verified_at = None
        measurement.version += 1
        changed.append(measurement)

    Measurement.objects.bulk_create(created, batch_size=BATCH_SIZE)
    MeasurementRevision.objects.bulk_create(revisions, batch_size=BATCH_SIZE)
    _update_changed(changed, actor=actor, now=now)
    for indicator in refresh.values():  # a verified value that changed no longer counts for the status
        services.indicator_status_refresh(indicator=indicator)

    outcome = {
        "row_count": check.rows,
        "error_count": 0,
        "created_count": len(created),
        "updated_count": len(changed),
        "unchanged_count": check.unchanged,
        "confirmed_at": now,
    }
    for name, value in outcome.items():
        setattr(locked, name, value)
        setattr(measurement_import, name, value)
    locked.save(update_fields=list(outcome))
    audit_record(
        actor=actor,
        action="indicators.measurement.import",
        target=locked,
        changes={
            "framework": locked.framework_id,
            "file": locked.original_name,
            "rows": check.rows,
            "created": len(created),
            "updated": len(changed),
            "unchanged": check.unchanged,
        },
        request=request,
    )
    return check


@transaction.atomic
def import_reject(*, measurement_import: MeasurementImport, check: Check) -> None:
    """Record what a rejected confirmation found (rows and rows with errors)."""
    MeasurementImport.objects.filter(pk=measurement_import.pk).update(
        row_count=check.rows, error_count=check.error_rows
    )


# ---------------------------------------------------------------- files for the user


def errors_csv(errors: list[RowError]) -> bytes:
    """``row,column,message`` in UTF-8 with a BOM, so that Excel opens it with the right characters."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["row", "column", "message"])
    for error in errors:
        writer.writerow([error.row, error.column, error.message])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def template_workbook(*, framework: IndicatorFramework, indicators) -> bytes:
    """A workbook with the header row, one example row per indicator, and a sheet of the categories."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "values"
    sheet.append(list(COLUMNS))
    example_year = timezone.localdate().year - 1
    for indicator in indicators:
        value = indicator.latest_value if indicator.latest_value is not None else indicator.baseline_value
        sheet.append(
            [
                indicator.code,
                indicator.latest_year or example_year,
                0 if indicator.periodicity == Periodicity.YEAR else 1,
                "",
                "",
                float(value) if value is not None else None,
                indicator.data_source,
            ]
        )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, name in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(name) + 4)
    sheet.freeze_panes = "A2"

    categories = workbook.create_sheet("categories")
    categories.append(["dimension", "dimension_name", "category", "category_name"])
    for dimension in framework.dimensions.prefetch_related("categories"):
        for category in dimension.categories.all():
            categories.append([dimension.code, dimension.name_ko, category.code, category.name_ko])
    for cell in categories[1]:
        cell.font = Font(bold=True)
    for letter in "ABCD":
        categories.column_dimensions[letter].width = 20
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
