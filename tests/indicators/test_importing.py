"""Import of indicator values from CSV/XLSX: every row checked, all or nothing, idempotent, fast."""

import csv
import io
import time
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from openpyxl import Workbook, load_workbook

from humanrights_portal.core.models import AuditEvent
from indicators import importing, services
from indicators.models import (
    IndicatorStatus,
    Measurement,
    MeasurementImport,
    MeasurementRevision,
    MeasurementState,
    Periodicity,
)
from tests.factories import indicator_area, indicator_framework, indicator_of, measurement_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


HEADER = ["indicator_code", "year", "period", "dimension", "category", "value", "source"]
THIS_YEAR = timezone.localdate().year


def make_world(office, department, other_department):
    """A framework with sex and age dimensions; two indicators of ``department``, one of ``other_department``."""
    framework = indicator_framework(actor=office)
    area = indicator_area(framework, actor=office)
    services.dimension_save(
        framework=framework,
        actor=office,
        code="sex",
        name_ko="성별",
        name_en="Sex",
        categories=[("female", "여성", "Female"), ("male", "남성", "Male"), ("other", "기타", "Other")],
    )
    services.dimension_save(
        framework=framework,
        actor=office,
        code="age",
        name_ko="연령",
        name_en="Age group",
        categories=[("under-20", "20세 미만", "Under 20"), ("20-64", "20-64세", "20-64"), ("other", "기타", "Other")],
    )
    yearly = indicator_of(
        framework,
        actor=office,
        area=area,
        code="1-01",
        name_ko="인권교육 이수율",
        responsible_department=department,
        plausible_min=Decimal("0"),
        plausible_max=Decimal("100"),
    )
    quarterly = indicator_of(
        framework,
        actor=office,
        area=area,
        code="1-02",
        name_ko="인권상담 건수",
        unit="건",
        periodicity=Periodicity.QUARTER,
        responsible_department=department,
    )
    foreign = indicator_of(
        framework,
        actor=office,
        area=area,
        code="1-03",
        name_ko="저상버스 도입률",
        responsible_department=other_department,
    )
    return {"framework": framework, "area": area, "yearly": yearly, "quarterly": quarterly, "foreign": foreign}


@pytest.fixture
def world(office_staff, department, other_department, private_media):
    return make_world(office_staff, department, other_department)


def csv_bytes(rows, header=HEADER, bom=False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header:
        writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(framework, actor, content: bytes, name="values.csv") -> MeasurementImport:
    return importing.import_upload(framework=framework, upload=SimpleUploadedFile(name, content), actor=actor)


GOOD_ROWS = [
    ["1-01", 2019, "", "", "", "61.5", "교육청 통계"],
    ["1-01", 2020, 0, "", "", "64", "교육청 통계"],
    ["1-01", 2020, 0, "sex", "female", "66.25", ""],
    ["1-01", 2020, 0, "sex", "male", "61.75", ""],
    ["1-02", 2020, 3, "", "", "120", "상담 기록"],
    ["1-02", 2020, 4, "age", "under-20", "15", ""],
]


def values():
    return {
        (m.indicator.code, m.year, m.period, m.category.code if m.category else None): m.value
        for m in Measurement.objects.select_related("indicator", "category")
    }


# ---------------------------------------------------------------- good files


def test_a_good_csv_is_previewed_then_imported_in_one_go(world, official):
    measurement_import = upload(world["framework"], official, csv_bytes(GOOD_ROWS))
    assert measurement_import.token
    assert measurement_import.file.name.endswith(".csv")
    assert measurement_import.original_name == "values.csv"

    check = importing.import_check(measurement_import=measurement_import)
    assert check.ok
    assert (check.rows, check.valid_rows, check.error_rows) == (6, 6, 0)
    assert (check.to_create, check.to_update, check.unchanged) == (6, 0, 0)
    assert not Measurement.objects.exists()  # the preview writes nothing

    result = importing.import_confirm(measurement_import=measurement_import, actor=official)
    assert (result.to_create, result.to_update, result.unchanged) == (6, 0, 0)
    assert values() == {
        ("1-01", 2019, 0, None): Decimal("61.5"),
        ("1-01", 2020, 0, None): Decimal("64"),
        ("1-01", 2020, 0, "female"): Decimal("66.25"),
        ("1-01", 2020, 0, "male"): Decimal("61.75"),
        ("1-02", 2020, 3, None): Decimal("120"),
        ("1-02", 2020, 4, "under-20"): Decimal("15"),
    }
    first = Measurement.objects.get(indicator__code="1-01", year=2019)
    assert first.state == MeasurementState.DRAFT
    assert first.entered_by == official
    assert first.source_note == "교육청 통계"
    assert first.version == 1
    measurement_import.refresh_from_db()
    assert measurement_import.confirmed_at is not None
    assert (measurement_import.row_count, measurement_import.created_count) == (6, 6)
    assert (measurement_import.updated_count, measurement_import.unchanged_count) == (0, 0)
    events = AuditEvent.objects.filter(action="indicators.measurement.import")
    assert events.count() == 1
    assert events.get().changes["created"] == 6


def test_a_good_xlsx_and_a_csv_with_bom_import_alike(world, official, office_staff):
    rows = [
        [code, year, period or None, dim or None, cat or None, float(value), src or None]
        for code, year, period, dim, cat, value, src in GOOD_ROWS
    ]
    rows[0][5] = 0.1 + 0.2  # an Excel float artefact is rounded to four places
    measurement_import = upload(world["framework"], official, xlsx_bytes(rows), name="값.xlsx")
    assert measurement_import.file.name.endswith(".xlsx")
    check = importing.import_check(measurement_import=measurement_import)
    assert check.ok, check.errors
    importing.import_confirm(measurement_import=measurement_import, actor=official)
    assert values()[("1-01", 2019, 0, None)] == Decimal("0.3")
    assert len(values()) == 6

    Measurement.objects.all().delete()
    with_bom = upload(world["framework"], office_staff, csv_bytes(GOOD_ROWS, bom=True))
    assert importing.import_check(measurement_import=with_bom).ok
    importing.import_confirm(measurement_import=with_bom, actor=office_staff)
    assert len(values()) == 6


def test_a_category_alone_is_found_when_only_one_dimension_has_it(world, official):
    content = csv_bytes([["1-01", 2020, "", "", "female", "60", ""]])
    check = importing.import_check(measurement_import=upload(world["framework"], official, content))
    assert check.ok
    assert check.parsed[0].category.code == "female"


def test_the_optional_columns_may_be_left_out(world, official):
    content = csv_bytes([["1-01", 2020, "55"]], header=["indicator_code", "year", "value"])
    measurement_import = upload(world["framework"], official, content)
    importing.import_confirm(measurement_import=measurement_import, actor=official)
    assert values() == {("1-01", 2020, 0, None): Decimal("55")}


# ---------------------------------------------------------------- bad files


def test_unreadable_files_are_refused_at_upload(world, official):
    with pytest.raises(ValidationError) as error:
        upload(world["framework"], official, "지표,연도\n".encode("cp949"))
    assert "UTF-8" in error.value.message_dict["file"][0]
    with pytest.raises(ValidationError):
        upload(world["framework"], official, b"\x00\x01\x02binary", name="values.csv")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("word/document.xml", "<w/>")
    with pytest.raises(ValidationError) as error:
        upload(world["framework"], official, archive.getvalue(), name="values.xlsx")
    assert "neither" in error.value.message_dict["file"][0]
    assert not MeasurementImport.objects.exists()


FUTURE = THIS_YEAR + 1

BAD_ROWS = [
    ("unknown code", ["9-99", 2020, "", "", "", "1", ""], "indicator_code", "no indicator with the code “9-99”"),
    ("other department", ["1-03", 2020, "", "", "", "1", ""], "indicator_code", "belongs to another department"),
    ("year not a number", ["1-01", "20x0", "", "", "", "1", ""], "year", "Not a whole number."),
    ("year in the future", ["1-01", FUTURE, "", "", "", "1", ""], "year", f"between 1990 and {THIS_YEAR}"),
    ("year too old", ["1-01", 1980, "", "", "", "1", ""], "year", "between 1990"),
    ("period on a yearly", ["1-01", 2020, 1, "", "", "1", ""], "period", "the period must be 0 to 0"),
    ("period 5 on a quarterly", ["1-02", 2020, 5, "", "", "1", ""], "period", "the period must be 0 to 4"),
    ("period not a number", ["1-02", 2020, "Q1", "", "", "1", ""], "period", "Not a whole number from 0 up."),
    ("value not a number", ["1-01", 2020, "", "", "", "많음", ""], "value", "Not a number."),
    ("value too precise", ["1-01", 2020, "", "", "", "1.23456", ""], "value", "At most four decimal places."),
    ("value above plausible", ["1-01", 2020, "", "", "", "150", ""], "value", "above the highest plausible value"),
    ("value below plausible", ["1-01", 2020, "", "", "", "-1", ""], "value", "below the lowest plausible value"),
    ("unknown dimension", ["1-01", 2020, "", "colour", "red", "1", ""], "dimension", "no dimension “colour”"),
    ("unknown category", ["1-01", 2020, "", "sex", "unknown", "1", ""], "category", "no category “unknown”"),
    ("unknown category alone", ["1-01", 2020, "", "", "unknown", "1", ""], "category", "no category “unknown”"),
    ("ambiguous category", ["1-01", 2020, "", "", "other", "1", ""], "dimension", "Several dimensions"),
    ("dimension without category", ["1-01", 2020, "", "sex", "", "1", ""], "category", "Give the category"),
    ("empty code", ["", 2020, "", "", "", "1", ""], "indicator_code", "This value is required."),
    ("empty year", ["1-01", "", "", "", "", "1", ""], "year", "This value is required."),
    ("empty value", ["1-01", 2020, "", "", "", "", ""], "value", "This value is required."),
    ("source too long", ["1-01", 2020, "", "", "", "1", "x" * 301], "source", "At most 300 characters."),
]


@pytest.mark.parametrize(
    ("row", "column", "message"), [case[1:] for case in BAD_ROWS], ids=[case[0] for case in BAD_ROWS]
)
def test_each_kind_of_error_is_reported_at_its_row_and_column(world, official, row, column, message):
    measurement_import = upload(world["framework"], official, csv_bytes([GOOD_ROWS[0], row]))
    check = importing.import_check(measurement_import=measurement_import)
    assert [(error.row, error.column) for error in check.errors] == [(3, column)], check.errors
    assert message in check.errors[0].message
    assert (check.rows, check.valid_rows, check.error_rows) == (2, 1, 1)
    with pytest.raises(importing.ImportRejected):
        importing.import_confirm(measurement_import=measurement_import, actor=official)
    assert not Measurement.objects.exists()
    measurement_import.refresh_from_db()
    assert measurement_import.confirmed_at is None


def test_a_duplicate_row_names_the_first_one(world, official):
    rows = [GOOD_ROWS[0], GOOD_ROWS[1], ["1-01", "2019", "0", "", "", "70", ""]]
    check = importing.import_check(measurement_import=upload(world["framework"], official, csv_bytes(rows)))
    assert [(error.row, error.column) for error in check.errors] == [(4, "")]
    assert "Row 2 already has a value" in check.errors[0].message


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["indicator_code", "year", "colour", "value"], [(1, "colour", "Unknown column.")]),
        (["indicator_code", "year"], [(1, "value", "This column is missing.")]),
        (["indicator_code", "year", "value", "year"], [(1, "year", "This column appears twice.")]),
    ],
)
def test_a_wrong_header_is_the_only_error_reported(world, official, header, expected):
    content = csv_bytes([["1-01", 2020, "1", "1"]], header=header)
    check = importing.import_check(measurement_import=upload(world["framework"], official, content))
    assert [(error.row, error.column, error.message) for error in check.errors] == expected


def test_empty_files(world, official):
    empty = importing.import_check(measurement_import=upload(world["framework"], official, b""))
    assert [(e.row, e.column) for e in empty.errors] == [(1, "")]
    header_only = importing.import_check(measurement_import=upload(world["framework"], official, csv_bytes([])))
    assert [(e.row, e.message) for e in header_only.errors] == [(2, "The file has no rows of values.")]


def test_a_mixed_file_is_refused_whole(world, official):
    rows = [*GOOD_ROWS, ["1-01", 2021, "", "", "", "abc", ""], ["9-99", 2021, "", "", "", "1", ""]]
    measurement_import = upload(world["framework"], official, csv_bytes(rows))
    check = importing.import_check(measurement_import=measurement_import)
    assert [(error.row, error.column) for error in check.errors] == [(8, "value"), (9, "indicator_code")]
    assert (check.rows, check.valid_rows, check.error_rows, check.to_create) == (8, 6, 2, 6)
    with pytest.raises(importing.ImportRejected) as rejected:
        importing.import_confirm(measurement_import=measurement_import, actor=official)
    assert len(rejected.value.check.errors) == 2
    assert not Measurement.objects.exists()
    assert not AuditEvent.objects.filter(action="indicators.measurement.import").exists()


def test_errors_as_csv_with_a_bom():
    errors = [importing.RowError(3, "value", "Not a number."), importing.RowError(4, "", "Row 2, again")]
    content = importing.errors_csv(errors)
    assert content.startswith("\ufeff".encode())
    assert list(csv.reader(io.StringIO(content.decode("utf-8-sig")))) == [
        ["row", "column", "message"],
        ["3", "value", "Not a number."],
        ["4", "", "Row 2, again"],
    ]


# ---------------------------------------------------------------- idempotence and corrections


def test_importing_the_same_file_again_changes_nothing(world, official):
    content = csv_bytes(GOOD_ROWS)
    first = upload(world["framework"], official, content)
    importing.import_confirm(measurement_import=first, actor=official)
    before = {m.pk: (m.value, m.version, m.entered_at) for m in Measurement.objects.all()}

    again = importing.import_confirm(measurement_import=first, actor=official)  # the same confirmation twice
    assert (again.to_create, again.to_update, again.unchanged) == (6, 0, 0)  # the recorded result
    second = upload(world["framework"], official, content)  # the same content uploaded again
    check = importing.import_check(measurement_import=second)
    assert (check.to_create, check.to_update, check.unchanged) == (0, 0, 6)
    result = importing.import_confirm(measurement_import=second, actor=official)
    assert (result.to_create, result.to_update, result.unchanged) == (0, 0, 6)

    assert {m.pk: (m.value, m.version, m.entered_at) for m in Measurement.objects.all()} == before
    assert not MeasurementRevision.objects.exists()
    second.refresh_from_db()
    assert (second.created_count, second.updated_count, second.unchanged_count) == (0, 0, 6)


def test_changed_values_keep_a_revision_and_go_back_to_draft(world, official, office_staff):
    importing.import_confirm(
        measurement_import=upload(world["framework"], official, csv_bytes(GOOD_ROWS)), actor=official
    )
    services.measurements_verify(measurements=list(Measurement.objects.all()), actor=office_staff)
    yearly = world["yearly"]
    yearly.refresh_from_db()
    assert yearly.status != IndicatorStatus.NO_DATA
    assert yearly.latest_value == Decimal("64")

    changed = [list(row) for row in GOOD_ROWS]
    changed[1][5] = "66.5"  # the 2020 total of 1-01
    changed[2][6] = "새 출처"  # only the source of the female value
    measurement_import = upload(world["framework"], official, csv_bytes(changed))
    check = importing.import_check(measurement_import=measurement_import)
    assert (check.to_create, check.to_update, check.unchanged) == (0, 2, 4)
    importing.import_confirm(measurement_import=measurement_import, actor=official)

    total = Measurement.objects.get(indicator=yearly, year=2020, category=None)
    assert (total.value, total.state, total.version, total.verified_by) == (
        Decimal("66.5"),
        MeasurementState.DRAFT,
        2,
        None,
    )
    revision = total.revisions.get()
    assert (revision.value, revision.state, revision.changed_by) == (Decimal("64"), MeasurementState.VERIFIED, official)
    female = Measurement.objects.get(indicator=yearly, year=2020, category__code="female")
    assert (female.source_note, female.state, female.revisions.count()) == ("새 출처", MeasurementState.DRAFT, 1)
    assert Measurement.objects.filter(state=MeasurementState.VERIFIED).count() == 4
    yearly.refresh_from_db()
    assert (yearly.latest_year, yearly.latest_value) == (2019, Decimal("61.5"))  # 2020 needs verifying again


def test_an_empty_source_keeps_the_recorded_one(world, official):
    measurement_of(world["yearly"], actor=official, year=2020, value="64", source_note="교육청 통계")
    content = csv_bytes([["1-01", 2020, "", "", "", "64.0000", ""]])
    check = importing.import_check(measurement_import=upload(world["framework"], official, content))
    assert (check.to_create, check.to_update, check.unchanged) == (0, 0, 1)


# ---------------------------------------------------------------- who may import what


def test_the_office_may_import_for_every_department(world, office_staff):
    rows = [["1-01", 2020, "", "", "", "1", ""], ["1-03", 2020, "", "", "", "2", ""]]
    measurement_import = upload(world["framework"], office_staff, csv_bytes(rows))
    importing.import_confirm(measurement_import=measurement_import, actor=office_staff)
    assert len(values()) == 2


def test_only_the_uploader_and_the_office_reach_an_import(world, users):
    measurement_import = upload(world["framework"], users["official"], csv_bytes(GOOD_ROWS))
    token = measurement_import.token
    assert importing.import_get(user=users["official"], token=token) == measurement_import
    assert importing.import_get(user=users["office_staff"], token=token) == measurement_import
    with pytest.raises(MeasurementImport.DoesNotExist):
        importing.import_get(user=users["other_official"], token=token)
    for name in ("committee_member", "ombudsman", "user_without_role"):
        with pytest.raises(PermissionDenied):
            importing.import_get(user=users[name], token=token)
    with pytest.raises(PermissionDenied):
        importing.import_confirm(measurement_import=measurement_import, actor=users["other_official"])
    with pytest.raises(PermissionDenied):
        upload(world["framework"], users["committee_member"], csv_bytes(GOOD_ROWS))
    # The office confirms an official's file: the rows are still checked against the official's department.
    importing.import_confirm(measurement_import=measurement_import, actor=users["office_staff"])
    assert len(values()) == 6


def test_an_official_file_for_another_department_is_refused_even_when_the_office_confirms(world, users):
    rows = [["1-03", 2020, "", "", "", "2", ""]]
    measurement_import = upload(world["framework"], users["official"], csv_bytes(rows))
    with pytest.raises(importing.ImportRejected):
        importing.import_confirm(measurement_import=measurement_import, actor=users["office_staff"])
    assert not Measurement.objects.exists()


# ---------------------------------------------------------------- the template


def test_the_template_has_an_example_row_per_indicator_and_the_categories(world, official):
    from indicators import selectors

    indicators = selectors.indicators_for_entry(user=official).filter(framework=world["framework"]).order_by("code")
    content = importing.template_workbook(framework=world["framework"], indicators=indicators)
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    rows = list(workbook["values"].iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert [row[0] for row in rows[1:]] == ["1-01", "1-02"]
    assert [row[2] for row in rows[1:]] == [0, 1]
    categories = list(workbook["categories"].iter_rows(values_only=True))
    assert categories[0] == ("dimension", "dimension_name", "category", "category_name")
    assert ("sex", "성별", "female", "여성") in categories
    assert len(categories) == 7


# ---------------------------------------------------------------- speed


def test_ten_thousand_rows_import_in_under_ten_seconds(office_staff, department, private_media):
    framework = indicator_framework(actor=office_staff)
    area = indicator_area(framework, actor=office_staff)
    services.dimension_save(
        framework=framework,
        actor=office_staff,
        code="sex",
        name_ko="성별",
        categories=[("female", "여성", ""), ("male", "남성", ""), ("other", "기타", "")],
    )
    services.dimension_save(
        framework=framework,
        actor=office_staff,
        code="age",
        name_ko="연령",
        categories=[(f"age-{n}", f"연령 {n}", "") for n in range(4)],
    )
    codes = [f"B-{n:02d}" for n in range(50)]
    for code in codes:
        indicator_of(framework, actor=office_staff, area=area, code=code, responsible_department=department)
    breakdowns = (
        [("", "")] + [("sex", c) for c in ("female", "male", "other")] + [("age", f"age-{n}") for n in range(4)]
    )
    rows = [
        [code, year, 0, dimension, category, f"{(index % 997) / 10:.1f}", "통계청"]
        for index, (code, year, (dimension, category)) in enumerate(
            (code, year, breakdown) for code in codes for year in range(2000, 2025) for breakdown in breakdowns
        )
    ]
    assert len(rows) == 10_000
    content = csv_bytes(rows)

    started = time.perf_counter()
    measurement_import = upload(framework, office_staff, content)
    check = importing.import_check(measurement_import=measurement_import)
    assert check.ok
    assert check.to_create == 10_000
    importing.import_confirm(measurement_import=measurement_import, actor=office_staff)
    elapsed = time.perf_counter() - started
    assert Measurement.objects.count() == 10_000
    assert elapsed < 10, f"10,000 rows took {elapsed:.1f} s"

    # Every value changed: 10,000 revisions and updates, still in one transaction and in time.
    changed = [[*row[:5], f"{float(row[5]) + 1:.1f}", row[6]] for row in rows]
    started = time.perf_counter()
    measurement_import = upload(framework, office_staff, csv_bytes(changed))
    result = importing.import_confirm(measurement_import=measurement_import, actor=office_staff)
    elapsed = time.perf_counter() - started
    assert result.to_update == 10_000
    assert MeasurementRevision.objects.count() == 10_000
    assert elapsed < 10, f"10,000 changed rows took {elapsed:.1f} s"
