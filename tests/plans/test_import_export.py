"""Import of tasks from XLSX/CSV (row-level errors, all or nothing) and the annual report export (XLSX)."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from humanrights_portal.core.models import AuditEvent
from plans import importing, services
from plans.models import AnnualRecord, PlanArea, PolicyTask, TaskBudget

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """The assertions read the English source strings; pages and services answer in English here."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


HEADER = [
    "area_number",
    "area_title",
    "code",
    "title",
    "description",
    "department_code",
    "cooperating_department_codes",
    "target_group_codes",
    "sdg_target_codes",
    "budget_2019",
    "budget_2020",
]
GOOD_ROWS = [
    [
        1,
        "사회적 소수자 인권 증진",
        "1-1",
        "장애인 이동권 보장",
        "저상버스 확대",
        "welfare",
        "urban",
        "persons-with-disabilities",
        "10.2, 11.2",
        1_000_000,
        1_200_000,
    ],
    [1, "사회적 소수자 인권 증진", "1-2", "이주민 통번역 지원", "", "welfare", "", "migrants", "", "500,000", ""],
    [2, "인권 행정 체계", "2-1", "인권영향평가 제도화", "", "urban", "welfare,urban", "", "16.7", 300_000, 300_000],
]


def xlsx(rows, header=HEADER, name="tasks.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def csv_file(rows, header=HEADER, bom=True, name="tasks.csv"):
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    content = ("\ufeff" if bom else "") + buffer.getvalue()
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def plan(users, department, other_department):
    return services.plan_create(
        actor=users["office_staff"],
        title="제2차 인권증진 기본계획",
        organisation="광주광역시",
        start_year=2018,
        end_year=2022,
    )


def import_url(plan):
    return reverse("plans:task-import", args=[plan.pk])


def assert_nothing_written(plan):
    assert not PlanArea.objects.filter(plan=plan).exists()
    assert not PolicyTask.objects.filter(area__plan=plan).exists()
    assert not TaskBudget.objects.exists()


# ---------------------------------------------------------------- import


@pytest.mark.parametrize("make", [xlsx, csv_file, lambda rows: csv_file(rows, bom=False)])
def test_valid_file_creates_areas_tasks_and_budgets(client_for, plan, make):
    response = client_for("office_staff").post(import_url(plan), {"file": make(GOOD_ROWS)})
    assert response.status_code == 303
    assert list(PlanArea.objects.filter(plan=plan).values_list("number", "title")) == [
        (1, "사회적 소수자 인권 증진"),
        (2, "인권 행정 체계"),
    ]
    task = PolicyTask.objects.get(code="1-1")
    assert task.responsible_department.code == "welfare"
    assert [d.code for d in task.cooperating_departments.all()] == ["urban"]
    assert [g.code for g in task.target_groups.all()] == ["persons-with-disabilities"]
    assert sorted(t.code for t in task.sdg_targets.all()) == ["10.2", "11.2"]
    assert dict(task.budgets.values_list("year", "planned_amount")) == {2019: 1_000_000, 2020: 1_200_000}
    assert dict(PolicyTask.objects.get(code="1-2").budgets.values_list("year", "planned_amount")) == {2019: 500_000}
    # The responsible department is never its own co-operating department.
    assert [d.code for d in PolicyTask.objects.get(code="2-1").cooperating_departments.all()] == ["welfare"]
    follow = client_for("office_staff").get(response["Location"])
    assert "3" in follow.content.decode()


def test_reimport_updates_instead_of_duplicating(users, plan):
    office = users["office_staff"]
    assert importing.task_import(plan=plan, file=xlsx(GOOD_ROWS), actor=office).ok
    changed = [row.copy() for row in GOOD_ROWS]
    changed[0][3] = "장애인 이동권 보장(수정)"
    result = importing.task_import(plan=plan, file=xlsx(changed), actor=office)
    assert result.ok
    assert (result.tasks_created, result.tasks_updated, result.areas_updated) == (0, 3, 2)
    assert PolicyTask.objects.filter(area__plan=plan).count() == 3
    assert PolicyTask.objects.get(code="1-1").title == "장애인 이동권 보장(수정)"


def test_bad_rows_are_reported_per_row_and_column_and_nothing_is_written(client_for, plan):
    rows = [
        GOOD_ROWS[0],
        [1, "사회적 소수자 인권 증진", "1-2", "없는 부서", "", "no-such-department", "", "", "", 100, ""],
        [1, "사회적 소수자 인권 증진", "1-1", "중복 코드", "", "welfare", "", "", "", 100, ""],
        [2, "인권 행정 체계", "2-1", "예산 오류", "", "urban", "", "", "", "백만원", -5],
        [3, "", "3-1", "", "", "welfare", "", "no-group", "99.9", "", ""],
    ]
    response = client_for("office_staff").post(import_url(plan), {"file": xlsx(rows)})
    assert response.status_code == 400
    assert_nothing_written(plan)
    errors = {(e.row, e.column) for e in response.context["result"].errors}
    assert errors == {
        (3, "department_code"),
        (4, "code"),
        (5, "budget_2019"),
        (5, "budget_2020"),
        (6, "area_title"),
        (6, "title"),
        (6, "target_group_codes"),
        (6, "sdg_target_codes"),
    }
    body = response.content.decode()
    assert "no-such-department" in body
    assert "data-import-errors" in body
    duplicate = next(e for e in response.context["result"].errors if e.column == "code")
    assert "2" in duplicate.message  # the duplicate names the row that has the code first


def test_budget_year_outside_the_plan_is_a_column_error(users, plan):
    header = [*HEADER[:-1], "budget_2030"]
    rows = [[*row[:-1], 100] for row in GOOD_ROWS]
    result = importing.task_import(plan=plan, file=csv_file(rows, header=header), actor=users["office_staff"])
    assert [(e.row, e.column) for e in result.errors] == [(1, "budget_2030")]
    assert "2018-2022" in result.errors[0].message
    assert_nothing_written(plan)


def test_missing_and_unknown_columns(users, plan):
    header = ["area_number", "area_title", "code", "title", "notes"]
    result = importing.task_import(
        plan=plan, file=xlsx([[1, "a", "1-1", "t", "x"]], header=header), actor=users["office_staff"]
    )
    assert {(e.row, e.column) for e in result.errors} == {(1, "notes"), (1, "department_code")}
    assert_nothing_written(plan)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tasks.xlsx", b"not a zip file"),
        ("tasks.csv", "과제".encode("euc-kr")),
        ("tasks.csv", b""),
    ],
)
def test_unreadable_files_are_errors_not_crashes(client_for, plan, name, content):
    upload = SimpleUploadedFile(name, content)
    response = client_for("office_staff").post(import_url(plan), {"file": upload})
    assert response.status_code == 400
    assert_nothing_written(plan)


def test_wrong_file_type_is_a_field_error(client_for, plan):
    response = client_for("office_staff").post(import_url(plan), {"file": SimpleUploadedFile("tasks.pdf", b"%PDF")})
    assert response.status_code == 400
    assert response.context["form"].errors["file"]


def test_template_download_has_the_header_row(client_for, users, plan):
    response = client_for("office_staff").get(import_url(plan) + "?template=1")
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header == [*importing.COLUMNS, "budget_2018", "budget_2019", "budget_2020", "budget_2021", "budget_2022"]
    # The template, filled in, imports.
    sheet.append([1, "분야", "1-1", "과제", "", "welfare", "", "", "", None, 1000])
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    result = importing.task_import(
        plan=plan, file=SimpleUploadedFile("t.xlsx", buffer.getvalue()), actor=users["office_staff"]
    )
    assert result.ok, result.errors


# ---------------------------------------------------------------- export


@pytest.fixture
def reported(users, plan):
    """The plan adopted with three tasks and a 2019 round: two records filled, one confirmed."""
    office = users["office_staff"]
    assert importing.task_import(plan=plan, file=xlsx(GOOD_ROWS), actor=office).ok
    plan = services.plan_adopt(plan=plan, actor=office, adopted_on=datetime.date(2018, 3, 2))
    services.reporting_round_open(plan=plan, year=2019, due_on=datetime.date(2020, 1, 31), actor=office)
    first = AnnualRecord.objects.get(task__code="1-1")
    first = services.record_save(
        record=first,
        actor=office,
        budget_executed=800_000,
        progress=100,
        progress_status="completed",
        narrative="=완료",
    )
    first = services.record_submit(record=first, actor=office)
    services.record_confirm(record=first, actor=office)
    second = AnnualRecord.objects.get(task__code="2-1")
    services.record_save(
        record=second, actor=office, budget_executed=150_000, progress=40, progress_status="delayed", narrative="지연"
    )
    return plan


def test_export_opens_with_openpyxl_and_has_the_rows_and_sums(client_for, reported):
    response = client_for("committee_member").get(reverse("plans:annual-report-export", args=[reported.pk, 2019]))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert f'filename="plan-{reported.pk}-2019.xlsx"' in disposition
    assert "filename*=UTF-8''%EC%A0%9C2%EC%B0%A8" in disposition
    workbook = load_workbook(io.BytesIO(response.content))
    report, summary = workbook.worksheets
    assert report["A1"].value == "제2차 인권증진 기본계획"
    rows = list(report.iter_rows(min_row=6, values_only=True))
    by_code = {row[1]: row for row in rows if row[1]}
    assert set(by_code) == {"1-1", "1-2", "2-1"}
    assert by_code["1-1"][5] == 100
    assert by_code["1-1"][6] == 1_000_000
    assert by_code["1-1"][7] == 800_000
    assert by_code["1-1"][8] == pytest.approx(0.8)
    assert by_code["1-1"][10] == "'=완료"  # never a formula
    total = rows[-1]
    assert total[6] == 1_500_000 + 300_000
    assert total[7] == 950_000
    assert report.cell(row=6, column=7).number_format == "#,##0"
    assert report.cell(row=5, column=1).font.bold
    summary_values = [row for row in summary.iter_rows(values_only=True) if row and row[0]]
    labels = [row[0] for row in summary_values]
    assert "1. 사회적 소수자 인권 증진" in labels
    assert "Welfare and Health Bureau" in labels  # the export's language (English here), like its headings
    assert "Urban Space Bureau" in labels
    area_row = next(row for row in summary_values if row[0] == "1. 사회적 소수자 인권 증진")
    assert area_row[1] == 2
    assert area_row[8] == 1_500_000
    assert area_row[9] == 800_000
    assert AuditEvent.objects.filter(action="plan.report.export").count() == 1


def test_export_of_a_year_outside_the_plan_is_404(client_for, reported):
    assert (
        client_for("office_staff").get(reverse("plans:annual-report-export", args=[reported.pk, 2030])).status_code
        == 404
    )


def test_export_query_count_does_not_grow(client_for, reported, users, django_assert_num_queries):
    office = users["office_staff"]
    bigger = services.plan_create(
        actor=office, title="큰 계획", organisation="광주광역시", start_year=2018, end_year=2022
    )
    rows = [
        [1 + n % 3, f"분야 {1 + n % 3}", f"B-{n}", f"과제 {n}", "", "welfare", "urban", "", "", 1000, ""]
        for n in range(20)
    ]
    assert importing.task_import(plan=bigger, file=xlsx(rows), actor=office).ok
    bigger = services.plan_adopt(plan=bigger, actor=office, adopted_on=datetime.date(2018, 3, 2))
    services.reporting_round_open(plan=bigger, year=2019, due_on=datetime.date(2020, 1, 31), actor=office)
    client = client_for("office_staff")
    client.get(reverse("plans:annual-report-export", args=[reported.pk, 2019]))
    # session, user with roles; plan and its areas; records; roll-ups (4); audit (savepoint, insert, release)
    for plan in (reported, bigger):
        with django_assert_num_queries(12):
            assert client.get(reverse("plans:annual-report-export", args=[plan.pk, 2019])).status_code == 200
