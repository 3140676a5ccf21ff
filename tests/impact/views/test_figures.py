"""The public figures page: numbers against data made through the services, filters, CSV, queries."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from impact.models import Assessment
from tests.factories import assessment_in_status, assessment_requested, checklist_published

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = TODAY.year
EVERYONE = [
    None,
    "official",
    "other_official",
    "office_staff",
    "committee_member",
    "ombudsman",
    "administrator",
    "user_without_role",
]
FIGURES = reverse("impact:figures")


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def world(users, department):
    """Ordinances this year: 3 revised and 1 not revised of 5 assessed (1 awaiting its outcome), 1 more
    only requested, 1 withdrawn; buildings: 1 of 2 polling stations renovated."""
    office, official = users["office_staff"], users["official"]
    checklist_published(actor=office, subject_type="ordinance")
    checklist_published(actor=office, subject_type="building")
    for _ in range(3):
        assessment_in_status("closed", office=office, department_official=official, outcome="revised")
    assessment_in_status("outcome_recorded", office=office, department_official=official, outcome="not_revised")
    assessment_in_status("findings_issued", office=office, department_official=official)
    assessment_requested(actor=official, department=department)
    assessment_in_status("withdrawn", office=office, department_official=official)
    assessment_in_status(
        "closed", office=office, department_official=official, subject_type="building", outcome="revised"
    )
    assessment_in_status(
        "closed", office=office, department_official=official, subject_type="building", outcome="not_revised"
    )


def _cell(html, table_id, row, column):
    table = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    line = table.split(f'data-row="{row}"', 1)[1].split("</tr>", 1)[0]
    return line.split(f'data-col="{column}">', 1)[1].split("</td>", 1)[0]


@pytest.mark.parametrize("role", EVERYONE)
def test_figures_open_for_everyone(client_for, world, role):
    response = client_for(role).get(FIGURES)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<caption>") == 4
    assert 'scope="col"' in html
    assert 'scope="row"' in html


def test_figures_by_year_and_type(client_for, world):
    html = client_for(None).get(FIGURES).content.decode()
    row = f"{YEAR}-ordinance"
    assert _cell(html, "figures-by-year", row, "requested") == "6"
    assert _cell(html, "figures-by-year", row, "assessed") == "5"
    assert _cell(html, "figures-by-year", row, "revised") == "3"
    assert _cell(html, "figures-by-year", row, "partially_revised") == "0"
    assert _cell(html, "figures-by-year", row, "not_revised") == "1"
    assert _cell(html, "figures-by-year", row, "awaiting_outcome") == "1"
    assert _cell(html, "figures-by-year", row, "sentence") == "3 of 5 revised"
    assert _cell(html, "figures-totals", "ordinance", "sentence") == "3 of 5 revised"
    assert _cell(html, "figures-totals", "building", "assessed") == "2"
    assert _cell(html, "figures-buildings", f"{YEAR}-polling_station", "assessed") == "2"
    assert _cell(html, "figures-buildings", f"{YEAR}-polling_station", "renovated") == "1"
    assert _cell(html, "figures-buildings", f"{YEAR}-polling_station", "sentence") == "1 of 2 renovated"
    summary = html.split('id="figures-summary"', 1)[1].split("</div>", 1)[0]
    assert "8 assessments requested, 7 carried out." in summary
    assert "Ordinances and regulations: 3 of 5 assessed were revised." in summary
    assert "Polling station: 1 of 2 renovated." in summary


def test_criteria_most_often_failed(client_for, world):
    html = client_for(None).get(FIGURES).content.decode()
    table = html.split('id="figures-criteria"', 1)[1].split("</table>", 1)[0]
    rows = table.split("<tr data-criterion=")[1:]
    assert len(rows) == 2
    # The first ordinance criterion was answered "no" in the 5 assessed ordinances, the building one in 2.
    assert "성별, 장애, 나이, 국적 등을 이유로 한 차별적 조항이 없는가?" in rows[0]
    assert 'data-col="failed">5<' in rows[0]
    assert 'data-col="answered">5<' in rows[0]
    assert 'data-col="share">100.0%<' in rows[0]
    assert "주출입구에 턱이 없거나 경사로가 설치되어 있는가?" in rows[1]
    assert 'data-col="failed">2<' in rows[1]


def test_filters(client_for, world):
    client = client_for(None)
    html = client.get(FIGURES, {"subject_type": "building"}).content.decode()
    assert 'id="figures-by-year"' in html
    assert f'data-row="{YEAR}-ordinance"' not in html
    assert _cell(html, "figures-by-year", f"{YEAR}-building", "sentence") == "1 of 2 revised"
    html = client.get(FIGURES, {"year": YEAR}).content.decode()
    assert _cell(html, "figures-by-year", f"{YEAR}-ordinance", "revised") == "3"
    assert f'<option value="{YEAR}" selected>' in html
    html = client.get(FIGURES, {"year": YEAR - 5}).content.decode()
    assert 'id="figures-by-year"' not in html
    assert "No assessment matches this choice yet." in html
    assert f'<option value="{YEAR - 5}" selected>' in html


@pytest.mark.parametrize(
    ("params", "field"),
    [({"year": "abc"}, "year"), ({"year": "12"}, "year"), ({"subject_type": "castle"}, "subject_type")],
)
def test_bad_filters_give_400(client_for, world, params, field):
    response = client_for(None).get(FIGURES, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}-error"' in html
    assert 'id="figures-by-year"' not in html


@pytest.mark.parametrize("params", [{"format": "pdf"}, {"format": "csv", "table": "secrets"}])
def test_bad_downloads_give_400(client_for, world, params):
    response = client_for(None).get(FIGURES, params)
    assert response.status_code == 400
    assert "Choose one of the CSV downloads offered on this page." in response.content.decode()


def _csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def test_csv_downloads(client_for, world):
    client = client_for(None)
    rows = _csv(client.get(FIGURES, {"format": "csv"}))
    assert rows[0] == [
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
    assert [str(YEAR), "ordinance", "Ordinance", "6", "5", "3", "0", "1", "1"] in rows
    buildings = _csv(client.get(FIGURES, {"format": "csv", "table": "buildings"}))
    assert buildings[0][:4] == ["year", "facility_use", "facility_use_label", "assessed"]
    assert buildings[1] == [str(YEAR), "polling_station", "Polling station", "2", "1", "0", "1"]
    criteria = _csv(client.get(FIGURES, {"format": "csv", "table": "criteria", "subject_type": "ordinance"}))
    assert criteria[0][-1] == "failure_share_percent"
    assert len(criteria) == 2
    assert criteria[1][5:] == ["5", "0", "5", "100.0"]


@pytest.mark.parametrize("count", [2, 6])
def test_figures_query_count(client_for, users, department, django_assert_num_queries, count):
    office, official = users["office_staff"], users["official"]
    checklist_published(actor=office, subject_type="ordinance")
    for number in range(count):
        assessment_in_status(
            "closed" if number % 2 else "findings_issued",
            office=office,
            department_official=official,
            title=f"조례안 {number}",
        )
    assert Assessment.objects.count() == count
    client = client_for(None)
    client.get(FIGURES)
    # rows by year and type, buildings, failed criteria, years
    with django_assert_num_queries(4):
        assert client.get(FIGURES).status_code == 200
    with django_assert_num_queries(4):
        assert client.get(FIGURES, {"format": "csv", "table": "criteria"}).status_code == 200
