"""Open data: the catalogue (``/open-data/``) and the downloads (``/open-data/<dataset>.<csv|xlsx|json>``)."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from humanrights_portal.dashboards import opendata
from plans import services as plan_services
from plans.models import PolicyTask
from tests.dashboards.test_reports import YEAR, build_report_data, build_report_data_more

pytestmark = pytest.mark.django_db

EVERYONE = [
    None,
    "user_without_role",
    "official",
    "other_official",
    "office_staff",
    "ombudsman",
    "committee_member",
    "administrator",
]
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def data(users, department, other_department):
    return build_report_data(users, department, other_department)


def rows_of(response, fmt: str) -> tuple[list[str], list[dict]]:
    """The header and the rows of a download, whatever its format (every value as the file gives it)."""
    if fmt == "csv":
        text = response.content.decode("utf-8")
        assert text.startswith("\ufeff")
        lines = list(csv.reader(io.StringIO(text[1:])))
        return lines[0], [dict(zip(lines[0], line, strict=True)) for line in lines[1:]]
    if fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(response.content)).active
        lines = [list(row) for row in sheet.iter_rows(values_only=True)]
        return lines[0], [dict(zip(lines[0], line, strict=True)) for line in lines[1:]]
    document = json.loads(response.content)
    assert set(document) == {"dataset", "columns", "rows"}
    return document["columns"], document["rows"]


# ---------------------------------------------------------------- the catalogue


@pytest.mark.parametrize("name", EVERYONE)
def test_catalogue_is_public_and_lists_every_dataset_with_its_columns(client_for, name):
    response = client_for(name).get("/open-data/")
    html = response.content.decode()

    assert response.status_code == 200
    for dataset in opendata.DATASETS.values():
        assert f'id="dataset-{dataset.slug}"' in html
        for fmt in opendata.FORMATS:
            assert f'href="/open-data/{dataset.slug}.{fmt}"' in html
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in html
    assert html.count("<caption>") == len(opendata.DATASETS)
    assert 'href="/api/docs/"' in html


def test_catalogue_carries_the_filters_into_the_links_they_apply_to(client, data, department):
    response = client.get("/open-data/", {"year": YEAR, "department": department.code})
    html = response.content.decode()

    assert response.status_code == 200
    assert f'href="/open-data/annual_records.csv?year={YEAR}&amp;department={department.code}"' in html
    assert f'href="/open-data/indicators.json?department={department.code}"' in html
    assert f'href="/open-data/ombudsman_statistics.xlsx?year={YEAR}"' in html
    assert 'href="/open-data/plans.csv"' in html  # no filter applies to the list of plans


@pytest.mark.parametrize("query", [{"year": "abc"}, {"department": "nowhere"}, {"area": "999999"}, {"group": "x"}])
def test_catalogue_with_bad_filters_is_400_with_the_errors(client, query):
    response = client.get("/open-data/", query)

    assert response.status_code == 400
    assert "portal-error-summary" in response.content.decode()


# ---------------------------------------------------------------- downloads


@pytest.mark.parametrize("fmt", opendata.FORMATS)
@pytest.mark.parametrize("slug", list(opendata.DATASETS))
def test_every_dataset_in_every_format(client, data, slug, fmt):
    response = client.get(f"/open-data/{slug}.{fmt}")

    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert response["Content-Disposition"] == f'attachment; filename="{slug.replace("_", "-")}.{fmt}"'
    header, rows = rows_of(response, fmt)
    assert header == opendata.DATASETS[slug].column_names
    assert rows, slug


@pytest.mark.parametrize("name", EVERYONE)
def test_downloads_are_public_and_the_same_for_everyone(client_for, data, name):
    anonymous = client_for(None).get("/open-data/annual_records.json").content
    response = client_for(name).get("/open-data/annual_records.json")

    assert response.status_code == 200
    assert response.content == anonymous


def test_annual_records_are_the_confirmed_ones(client, data):
    _header, rows = rows_of(client.get("/open-data/annual_records.json", {"year": YEAR}), "json")

    assert sorted(row["task_code"] for row in rows) == ["1-01", "1-02"]  # 2-01 is only submitted
    first = next(row for row in rows if row["task_code"] == "1-01")
    assert first["year"] == YEAR
    assert first["progress_status"] == "completed"
    assert first["progress_status_label"] == "Completed"
    assert first["budget_planned"] == 100_000_000
    assert first["budget_executed"] == 90_000_000
    assert "office_comment" not in first


def test_plan_tasks_give_their_groups_and_follow_the_filters(client, data, department, other_department):
    _header, rows = rows_of(client.get("/open-data/plan_tasks.json"), "json")
    assert [row["code"] for row in rows] == ["1-01", "1-02", "2-01"]
    assert rows[0]["target_groups"] == ["women"]
    assert rows[0]["responsible_department_code"] == department.code

    _header, rows = rows_of(client.get("/open-data/plan_tasks.csv", {"department": other_department.code}), "csv")
    assert [row["code"] for row in rows] == ["1-02"]
    assert rows[0]["target_groups"] == "women"

    _header, rows = rows_of(client.get("/open-data/plan_tasks.json", {"group": "women"}), "json")
    assert len(rows) == 3
    assert rows[0]["target_groups"] == ["women"]
    _header, rows = rows_of(client.get("/open-data/plan_tasks.json", {"group": "migrants"}), "json")
    assert rows == []


def test_measurements_are_the_verified_values(client, data):
    _header, rows = rows_of(client.get("/open-data/measurements.json", {"year": YEAR}), "json")

    assert len(rows) == 3  # two totals and the women's value; the draft is left out
    women = next(row for row in rows if row["category"])
    assert women["group_code"] == "women"
    assert women["value"] == "40.0000"
    assert all(row["verified_on"] for row in rows)


def test_indicators_give_status_and_latest_value(client, data):
    _header, rows = rows_of(client.get("/open-data/indicators.xlsx"), "xlsx")

    by_code = {row["code"]: row for row in rows}
    assert by_code["1-01"]["latest_year"] == YEAR
    assert by_code["1-01"]["latest_value"] == 70
    assert by_code["1-02"]["direction"] == "lower"


def test_impact_assessments_and_figures(client, data):
    _header, rows = rows_of(client.get("/open-data/impact_assessments.json"), "json")
    assert len(rows) == 4
    assert sorted(row["outcome"] for row in rows) == ["not_revised", "revised", "revised", "revised"]
    assert "assessor" not in rows[0]
    assert "description" not in rows[0]

    _header, rows = rows_of(client.get("/open-data/impact_figures.csv", {"year": YEAR}), "csv")
    assert [row["subject_type"] for row in rows] == ["ordinance", "building"]
    assert rows[:1] == [
        {
            "year": str(YEAR),
            "subject_type": "ordinance",
            "subject_type_label": "Ordinance",
            "requested": "3",
            "assessed": "3",
            "revised": "2",
            "partially_revised": "0",
            "not_revised": "1",
            "awaiting_outcome": "0",
        }
    ]
    _header, rows = rows_of(client.get("/open-data/impact_buildings.json", {"year": YEAR}), "json")
    assert [(row["facility_use"], row["assessed"], row["renovated"]) for row in rows] == [("polling_station", 1, 1)]


def test_ombudsman_statistics_are_suppressed(client, data):
    _header, rows = rows_of(client.get("/open-data/ombudsman_statistics.json", {"year": YEAR}), "json")

    by_key = {(row["measure"], row["key"]): row for row in rows}
    assert by_key[("counselling_sessions", "")]["value"] == 6
    assert by_key[("cases_received", "")]["value"] == 7
    women = next(row for row in rows if row["measure"] == "by_group" and row["label"] == "Women")
    assert women["value"] == 5
    assert women["suppressed"] is False
    older = next(row for row in rows if row["measure"] == "by_group" and row["label"] == "Older persons")
    assert older["value"] is None
    assert older["suppressed"] is True
    assert all(row["min_cell"] == 5 and row["year"] == YEAR for row in rows)
    assert not any(row["measure"] == "by_agency" for row in rows)

    _header, rows = rows_of(client.get("/open-data/ombudsman_statistics.csv", {"year": YEAR}), "csv")
    older = next(row for row in rows if row["measure"] == "by_group" and row["label"] == "Older persons")
    assert older["value"] == ""
    assert older["suppressed"] == "true"


def test_trends_and_group_gaps(client, data):
    _header, rows = rows_of(client.get("/open-data/trends.json"), "json")
    this_year = next(row for row in rows if row["year"] == YEAR)
    assert this_year["records"] == 2
    assert this_year["tasks_completed"] == 1
    assert this_year["completion_percent"] == 50.0
    assert this_year["indicators_improved"] == 1
    assert this_year["indicators_worsened"] == 1

    _header, rows = rows_of(client.get("/open-data/group_gaps.json", {"year": YEAR}), "json")
    assert rows == [
        {
            "indicator_id": rows[0]["indicator_id"],
            "indicator_code": "1-01",
            "indicator_name": "Human rights training",
            "unit": "%",
            "direction": "higher",
            "year": YEAR,
            "dimension": "Sex",
            "category": "Women",
            "group_code": "women",
            "value": "40.0000",
            "total": "70.0000",
            "gap": "-30.0000",
            "is_behind": True,
        }
    ]


def test_formulas_stay_text_in_csv_and_xlsx(client, data, users):
    task = PolicyTask.objects.get(code="2-01")
    plan_services.task_save(
        area=task.area,
        actor=users["office_staff"],
        task=task,
        code=task.code,
        title='=HYPERLINK("http://evil.example","click")',
        responsible_department=task.responsible_department,
    )

    _header, rows = rows_of(client.get("/open-data/plan_tasks.csv"), "csv")
    assert rows[-1]["title"] == '\'=HYPERLINK("http://evil.example","click")'
    _header, rows = rows_of(client.get("/open-data/plan_tasks.xlsx"), "xlsx")
    assert rows[-1]["title"].startswith("'=")
    _header, rows = rows_of(client.get("/open-data/plan_tasks.json"), "json")
    assert rows[-1]["title"].startswith("=HYPERLINK")  # JSON is data, not a spreadsheet


@pytest.mark.parametrize(
    "url",
    ["/open-data/nothing.csv", "/open-data/plans.pdf", "/open-data/plans.CSV", "/open-data/plans.", "/open-data/plans"],
)
def test_unknown_dataset_or_format_is_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("query", [{"year": "1800"}, {"year": "x"}, {"department": "nowhere"}, {"group": "aliens"}])
def test_bad_filters_are_400(client, query):
    response = client.get("/open-data/annual_records.json", query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert set(json.loads(response.content)["errors"]) == set(query)

    response = client.get("/open-data/annual_records.csv", query)
    assert response.status_code == 400
    assert "portal-error-summary" in response.content.decode()


def test_filter_names_the_file(client, data, department):
    response = client.get("/open-data/annual_records.csv", {"year": YEAR, "department": department.code})
    assert response["Content-Disposition"] == f'attachment; filename="annual-records-{YEAR}-{department.code}.csv"'
    # a filter that does not apply is left out of the data and the name
    response = client.get("/open-data/plans.csv", {"year": YEAR})
    assert response["Content-Disposition"] == 'attachment; filename="plans.csv"'


@pytest.mark.parametrize(
    ("slug", "query"),
    [
        ("plan_tasks", {}),
        ("annual_records", {"year": YEAR}),
        ("measurements", {}),
        ("ombudsman_statistics", {"year": YEAR}),
        ("trends", {}),
    ],
)
def test_downloads_run_a_fixed_number_of_queries(client, users, data, django_assert_num_queries, slug, query):
    with CaptureQueriesContext(connection) as first:
        assert client.get(f"/open-data/{slug}.json", query).status_code == 200
    build_report_data_more(users)
    with django_assert_num_queries(len(first.captured_queries)):
        assert client.get(f"/open-data/{slug}.json", query).status_code == 200


def test_catalogue_runs_a_fixed_number_of_queries(client, users, data, django_assert_num_queries):
    # The years with data (4) and the choices of the filter form: departments, plan areas, groups.
    with django_assert_num_queries(7):
        assert client.get("/open-data/").status_code == 200
    build_report_data_more(users)
    with django_assert_num_queries(7):
        assert client.get("/open-data/").status_code == 200
