"""Public indicator pages: frameworks, the indicator list, an indicator's values; who sees what; query counts."""

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from humanrights_portal.core.models import SdgGoal, SdgTarget
from indicators import services
from indicators.models import IndicatorStatus
from indicators.views.public import format_value
from plans import services as plan_services
from tests.factories import indicator_area, indicator_framework, indicator_of, measurement_of

pytestmark = pytest.mark.django_db

ROLES = [None, "official", "other_official", "office_staff", "committee_member", "ombudsman", "administrator"]
STAFF = ["official", "other_official", "office_staff", "committee_member", "ombudsman", "administrator"]
IMPORTERS = ["official", "other_official", "office_staff"]


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def world(users, department, other_department):
    """Gwangju: 2 areas, a task, sex disaggregation; 1-01 with verified values and a draft; 2-01 without data."""
    office = users["office_staff"]
    framework = indicator_framework(
        actor=office,
        year_developed=2012,
        description="광주광역시 인권지표 체계",
        development_process="Experts, public hearings and the National Human Rights Commission.",
    )
    services.phase_save(framework=framework, actor=office, name="Phase 1", start_year=2018, end_year=2020)
    area1 = indicator_area(framework, actor=office, number=1, title="시민권", title_en="Civil rights")
    area2 = indicator_area(framework, actor=office, number=2, title="사회권", title_en="Social rights")
    task = services.implementation_task_save(
        framework=framework, area=area1, actor=office, number=1, title="Accessible public transport"
    )
    dimension = services.dimension_save(
        framework=framework,
        actor=office,
        code="sex",
        name_ko="성별",
        name_en="Sex",
        categories=[("female", "여성", "Female"), ("male", "남성", "Male")],
    )
    female, male = dimension.categories.order_by("order")
    employment = indicator_of(
        framework,
        actor=office,
        area=area1,
        code="1-01",
        name_ko="장애인 고용률",
        name_en="Employment rate of persons with disabilities",
        definition="Share of persons with disabilities in work.",
        calculation="Employed / population x 100",
        kind="outcome",
        baseline_value=Decimal("50"),
        baseline_year=2016,
        target_value=Decimal("70"),
        target_year=2022,
        data_source="Statistics Korea",
        responsible_department=department,
        implementation_task=task,
        sdg_targets=[SdgTarget.objects.get(code="8.5")],
    )
    for year, value in [(2018, "55"), (2019, "58.5"), (2020, "65.4")]:
        measurement_of(employment, actor=office, year=year, value=value, verify_by=office)
    measurement_of(employment, actor=office, year=2020, value="60.1", category=female, verify_by=office)
    measurement_of(employment, actor=office, year=2020, value="66.3", category=male, verify_by=office)
    measurement_of(employment, actor=office, year=2021, value="70.5")
    draft = measurement_of(employment, actor=office, year=2021, value="77.7")  # corrected once: 1 revision
    measurement_of(employment, actor=office, year=2021, value="88.8", category=female)
    complaints = indicator_of(
        framework,
        actor=office,
        area=area2,
        code="2-01",
        name_ko="차별 진정 건수",
        name_en="Discrimination complaints",
        kind="process",
        unit="cases",
        direction="lower",
        responsible_department=other_department,
    )
    employment.refresh_from_db()
    return {
        "framework": framework,
        "area1": area1,
        "area2": area2,
        "employment": employment,
        "complaints": complaints,
        "draft": draft,
    }


def _urls(world):
    return {
        "framework-list": reverse("indicators:framework-list"),
        "framework-detail": reverse("indicators:framework-detail", args=[world["framework"].pk]),
        "indicator-list": reverse("indicators:indicator-list"),
        "indicator-detail": reverse("indicators:indicator-detail", args=[world["employment"].pk]),
        "indicator-chart-data": reverse("indicators:indicator-chart-data", args=[world["employment"].pk]),
    }


# ---------------------------------------------------------------- every role


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["framework-list", "framework-detail", "indicator-list", "indicator-detail"])
def test_public_pages_open_for_everyone(client_for, world, role, page):
    response = client_for(role).get(_urls(world)[page])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("role", ROLES)
def test_chart_data_opens_for_everyone(client_for, world, role):
    response = client_for(role).get(_urls(world)["indicator-chart-data"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "name", ["indicators:framework-detail", "indicators:indicator-detail", "indicators:indicator-chart-data"]
)
def test_unknown_objects_are_404(client_for, world, name):
    assert client_for(None).get(reverse(name, args=[999_999])).status_code == 404


@pytest.mark.parametrize("page", ["framework-list", "indicator-list", "indicator-detail"])
def test_public_pages_only_answer_get(client_for, world, page):
    assert client_for(None).post(_urls(world)[page]).status_code == 405


# ---------------------------------------------------------------- frameworks


def test_framework_list_shows_counts_by_status(client_for, world):
    response = client_for(None).get(_urls(world)["framework-list"])
    row = response.context["rows"][0]
    framework, counts = row
    assert framework.display_name == "Gwangju Human Rights Indicators"
    assert framework.area_count == 2
    assert framework.indicator_count == 2
    assert counts == [("achieved", "Achieved", 0), ("on_track", "On track", 1), ("off_track", "Off track", 0),
                      ("no_data", "No data", 1)]  # fmt: skip
    html = response.content.decode()
    assert 'id="framework-table"' in html
    assert "<caption>" in html
    assert world["framework"].get_absolute_url() in html
    assert '<td class="portal-number" data-status-count="on_track">1</td>' in html


def test_framework_list_without_frameworks(client_for, db):
    response = client_for(None).get(reverse("indicators:framework-list"))
    assert response.status_code == 200
    assert "No indicator framework has been published yet." in response.content.decode()


def test_framework_detail_shows_areas_tasks_phases_and_dimensions(client_for, world):
    framework = world["framework"]
    response = client_for(None).get(_urls(world)["framework-detail"])
    html = response.content.decode()
    assert "Experts, public hearings and the National Human Rights Commission." in html
    assert "Phase 1 (2018\u20132020)" in html
    assert 'id="area-table"' in html
    area_url = f"{reverse('indicators:indicator-list')}?framework={framework.pk}&amp;area={world['area1'].pk}"
    assert area_url in html
    assert "1. Civil rights" in html
    assert "1. Accessible public transport" in html
    assert "Female, Male" in html
    assert f'href="{reverse("indicators:indicator-list")}?framework={framework.pk}"' in html
    rows = {row["area"].number: row["counts"] for row in response.context["areas"]}
    assert {status: count for status, _label, count in rows[1]}["on_track"] == 1
    assert {status: count for status, _label, count in rows[2]}["no_data"] == 1
    assert response.context["total_count"] == 2
    assert "SDG goal" not in html  # an "areas" framework has no SDG column


def test_goal_framework_shows_the_sdg_goal_of_each_goal(client_for, office_staff):
    framework = indicator_framework(
        actor=office_staff, name="충청남도 지속가능발전목표", organisation="충청남도", area_label="goal"
    )
    goal = indicator_area(
        framework, actor=office_staff, number=3, title="건강과 복지", sdg_goal=SdgGoal.objects.get(number=3)
    )
    indicator_of(framework, actor=office_staff, area=goal, code="3-1")
    response = client_for(None).get(reverse("indicators:framework-detail", args=[framework.pk]))
    html = response.content.decode()
    assert "Where the goals stand" in html
    assert '<th scope="col">SDG goal</th>' in html
    assert "SDG 3." in html


@pytest.mark.parametrize("role", ROLES)
def test_import_template_link_only_for_those_who_import(client_for, world, role):
    html = client_for(role).get(_urls(world)["framework-detail"]).content.decode()
    link = reverse("indicators:import-template", args=[world["framework"].pk])
    assert (link in html) == (role in IMPORTERS)


# ---------------------------------------------------------------- indicator list


def _codes(response):
    return [indicator.code for indicator in response.context["indicators"]]


def test_indicator_list_shows_the_table(client_for, world):
    response = client_for(None).get(_urls(world)["indicator-list"])
    assert _codes(response) == ["1-01", "2-01"]
    html = response.content.decode()
    assert 'id="indicator-table"' in html
    assert "65.4 %" in html
    assert "(2020)" in html
    assert "70 %" in html
    assert "(2022)" in html
    assert 'data-status="on_track"' in html
    assert 'data-status="no_data"' in html
    assert "77.7" not in html  # a draft is never the latest value
    assert world["employment"].get_absolute_url() in html


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({"status": "on_track"}, ["1-01"]),
        ({"status": "no_data"}, ["2-01"]),
        ({"kind": "process"}, ["2-01"]),
        ({"direction": "lower"}, ["2-01"]),
        ({"department": "welfare"}, ["1-01"]),
        ({"sdg_goal": "8"}, ["1-01"]),
        ({"sdg_goal": "5"}, []),
        ({"q": "2-01"}, ["2-01"]),
        ({"q": "Employment"}, ["1-01"]),
        ({"q": "차별"}, ["2-01"]),
    ],
)
def test_indicator_list_filters(client_for, world, params, codes):
    response = client_for(None).get(_urls(world)["indicator-list"], params)
    assert response.status_code == 200
    assert _codes(response) == codes


def test_indicator_list_filters_by_framework_and_area(client_for, world):
    framework = world["framework"]
    response = client_for(None).get(
        _urls(world)["indicator-list"], {"framework": framework.pk, "area": world["area2"].pk}
    )
    assert _codes(response) == ["2-01"]
    html = response.content.decode()
    # Once a framework is chosen its areas become a select.
    assert '<select name="area"' in html
    assert f'<option value="{world["area2"].pk}" selected>2. Social rights</option>' in html


def test_indicator_list_form_offers_every_choice(client_for, world):
    html = client_for(None).get(_urls(world)["indicator-list"]).content.decode()
    assert '<option value="" selected>All statuses</option>' in html
    assert '<option value="on_track">On track</option>' in html
    assert '<option value="" selected>All types</option>' in html
    assert '<option value="lower">Lower is better</option>' in html
    assert '<option value="welfare">Welfare and Health Bureau</option>' in html
    assert '<option value="8">SDG 8.' in html
    assert f'<option value="{world["framework"].pk}">Gwangju Human Rights Indicators</option>' in html
    assert '<input type="hidden" name="area"' in html  # areas are offered once a framework is chosen


def test_indicator_list_without_results(client_for, world):
    response = client_for(None).get(_urls(world)["indicator-list"], {"q": "nothing like this"})
    assert response.status_code == 200
    assert "No indicator matches these filters." in response.content.decode()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "excellent"}, "status"),
        ({"kind": "magic"}, "kind"),
        ({"direction": "sideways"}, "direction"),
        ({"framework": "abc"}, "framework"),
        ({"area": "1.5.3"}, "area"),
        ({"sdg_goal": "18"}, "sdg_goal"),
        ({"department": "no-such-department"}, "department"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_indicator_list_invalid_filters_are_400_with_field_errors(client_for, world, params, field):
    response = client_for(None).get(_urls(world)["indicator-list"], params)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    html = response.content.decode()
    assert f'id="id_{field}-error"' in html
    assert "data-error-summary" in html
    assert 'id="indicator-table"' not in html


def test_invalid_filter_keeps_what_was_typed(client_for, world):
    response = client_for(None).get(_urls(world)["indicator-list"], {"q": "고용", "sdg_goal": "99"})
    assert response.status_code == 400
    assert 'value="고용"' in response.content.decode()


def test_indicator_list_is_paginated_by_25(client_for, world, users):
    for number in range(30):
        indicator_of(world["framework"], actor=users["office_staff"], area=world["area2"], code=f"2-{number + 10}")
    first = client_for(None).get(_urls(world)["indicator-list"])
    assert len(first.context["indicators"]) == 25
    assert first.context["page_obj"].paginator.count == 32
    second = client_for(None).get(_urls(world)["indicator-list"], {"page": 2})
    assert len(second.context["indicators"]) == 7
    assert client_for(None).get(_urls(world)["indicator-list"], {"page": "zzz"}).status_code == 200


# ---------------------------------------------------------------- indicator detail


def test_indicator_detail_describes_the_indicator(client_for, world):
    response = client_for(None).get(_urls(world)["indicator-detail"])
    html = response.content.decode()
    assert "Share of persons with disabilities in work." in html
    assert "Employed / population x 100" in html
    assert "Outcome" in html
    assert "Higher is better" in html
    assert "50 % in 2016" in html
    assert "70 % by 2022" in html
    assert "Statistics Korea" in html
    assert "Welfare and Health Bureau" in html
    assert ">8.5<" in html
    assert "1. Accessible public transport" in html
    assert response.context["summary"] == "Latest value 65.4 % in 2020; target 70 % by 2022; on track."
    assert "Latest value 65.4 % in 2020; target 70 % by 2022; on track." in html


def test_indicator_without_data_says_so(client_for, world):
    response = client_for(None).get(reverse("indicators:indicator-detail", args=[world["complaints"].pk]))
    assert response.status_code == 200
    assert response.context["summary"] == "No verified value yet; target 80 cases by 2020."
    html = response.content.decode()
    assert 'id="series-empty"' in html
    assert 'id="series-total-table"' not in html


def test_summary_without_a_target(client_for, world, users):
    office = users["office_staff"]
    indicator = indicator_of(
        world["framework"], actor=office, area=world["area2"], code="2-02", unit="persons",
        target_value=None, target_year=None, baseline_value=Decimal("1200"), baseline_year=2015,
    )  # fmt: skip
    measurement_of(indicator, actor=office, year=2019, value="1250.5", verify_by=office)
    response = client_for(None).get(reverse("indicators:indicator-detail", args=[indicator.pk]))
    assert response.context["summary"] == "Latest value 1,250.5 persons in 2019; no target set; on track."


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("63.2000"), "63.2"),
        (Decimal("100.0000"), "100"),
        (Decimal("1234567.5000"), "1,234,567.5"),
        (Decimal("-0.2500"), "-0.25"),
        (Decimal("0.0000"), "0"),
        (None, ""),
    ],
)
def test_values_are_shown_as_people_write_them(value, text):
    assert format_value(value) == text


def _table(html, table_id):
    start = html.index(f'id="{table_id}"')
    return html[start : html.index("</table>", start)]


def test_public_sees_the_verified_series_and_disaggregation_only(client_for, world):
    html = client_for(None).get(_urls(world)["indicator-detail"]).content.decode()
    totals = _table(html, "series-total-table")
    assert "<caption>" in totals
    for period, value in [("2018", "55"), ("2019", "58.5"), ("2020", "65.4")]:
        assert f'<th scope="row">{period}</th>\n          <td class="portal-number">{value}</td>' in totals
    assert "2021" not in totals
    sex = _table(html, "series-sex-table")
    assert '<th scope="col" class="portal-number">Female</th>' in sex
    assert '<th scope="col" class="portal-number">Male</th>' in sex
    assert "60.1" in sex
    assert "66.3" in sex
    assert "88.8" not in html
    assert "77.7" not in html
    assert "data-draft" not in html
    assert "Only values verified by the human rights office are shown." in html


@pytest.mark.parametrize("role", STAFF)
def test_staff_see_drafts_marked_and_revision_counts(client_for, world, role):
    html = client_for(role).get(_urls(world)["indicator-detail"]).content.decode()
    totals = _table(html, "series-total-table")
    assert '<tr data-period="2021" data-state="draft">' in totals
    assert "77.7" in totals
    draft_row = totals[totals.index('data-period="2021"') :]
    assert "Draft" in draft_row
    assert '<td class="portal-number" data-revisions>1</td>' in draft_row
    verified_row = totals[totals.index('data-period="2018"') : totals.index('data-period="2019"')]
    assert "Verified" in verified_row
    assert '<td class="portal-number" data-revisions>0</td>' in verified_row
    sex = _table(html, "series-sex-table")
    assert "88.8" in sex
    assert "data-draft" in sex
    # The status and the summary still count verified values only.
    assert "Latest value 65.4 % in 2020" in html


def test_chart_and_table_sit_side_by_side(client_for, world):
    html = client_for(None).get(_urls(world)["indicator-detail"]).content.decode()
    assert '<canvas aria-hidden="true" id="chart-total"></canvas>' in html
    assert '<canvas aria-hidden="true" id="chart-sex"></canvas>' in html
    assert 'data-indicator-chart="total" hidden' in html  # shown by the script only
    assert '<script id="indicator-series" type="application/json">' in html
    assert "/static/chartjs/chart.umd.js" in html
    assert "/static/js/indicator-chart.js" in html
    payload = html.split('<script id="indicator-series" type="application/json">')[1].split("</script>")[0]
    data = json.loads(payload)
    assert [point["value"] for point in data["totals"]] == [55.0, 58.5, 65.4]
    assert "<script>" not in html  # no inline script: the CSP forbids it


def test_plan_tasks_link_to_the_task_and_hide_draft_plans_from_the_public(client_for, world, users, department):
    office = users["office_staff"]
    adopted = plan_services.plan_create(
        actor=office, title="제2차 인권증진 기본계획", organisation="광주광역시", start_year=2018, end_year=2022
    )
    area = plan_services.area_save(plan=adopted, actor=office, number=1, title="사회적 소수자")
    task = plan_services.task_save(
        area=area, actor=office, code="1-1", title="장애인 고용 확대", responsible_department=department
    )
    plan_services.plan_adopt(plan=adopted, actor=office, adopted_on=datetime.date(2018, 3, 2))
    draft = plan_services.plan_create(
        actor=office, title="제3차 계획(안)", organisation="광주광역시", start_year=2023, end_year=2027
    )
    draft_area = plan_services.area_save(plan=draft, actor=office, number=1, title="초안")
    draft_task = plan_services.task_save(
        area=draft_area, actor=office, code="D-1", title="초안 과제", responsible_department=department
    )
    # No service links tasks and indicators yet: the M2M is set directly.
    task.indicators.add(world["employment"])
    draft_task.indicators.add(world["employment"])

    public = client_for(None).get(_urls(world)["indicator-detail"]).content.decode()
    assert reverse("plans:task-detail", args=[task.pk]) in public
    assert "장애인 고용 확대" in public
    assert reverse("plans:task-detail", args=[draft_task.pk]) not in public
    staff = client_for("committee_member").get(_urls(world)["indicator-detail"]).content.decode()
    assert reverse("plans:task-detail", args=[draft_task.pk]) in staff


@pytest.mark.parametrize("role", ROLES)
def test_enter_values_link_for_who_may_enter(client_for, world, role):
    html = client_for(role).get(_urls(world)["indicator-detail"]).content.decode()
    link = reverse("indicators:indicator-values", args=[world["employment"].pk])
    assert (link in html) == (role in ("official", "office_staff"))


# ---------------------------------------------------------------- chart data


def test_chart_data_for_the_public_has_verified_values_only(client_for, world):
    data = client_for(None).get(_urls(world)["indicator-chart-data"]).json()
    assert data["indicator"]["code"] == "1-01"
    assert data["target"] == {"year": 2022, "value": 70.0}
    assert data["baseline"] == {"year": 2016, "value": 50.0}
    assert data["totals"] == [
        {"period": "2018", "year": 2018, "value": 55.0, "state": "verified"},
        {"period": "2019", "year": 2019, "value": 58.5, "state": "verified"},
        {"period": "2020", "year": 2020, "value": 65.4, "state": "verified"},
    ]
    assert data["dimensions"] == [
        {
            "code": "sex",
            "name": "Sex",
            "periods": ["2020"],
            "categories": [
                {"code": "female", "name": "Female", "values": [60.1]},
                {"code": "male", "name": "Male", "values": [66.3]},
            ],
        }
    ]


def test_chart_data_for_staff_includes_drafts(client_for, world):
    data = client_for("office_staff").get(_urls(world)["indicator-chart-data"]).json()
    assert data["totals"][-1] == {"period": "2021", "year": 2021, "value": 77.7, "state": "draft"}
    assert data["dimensions"][0]["periods"] == ["2020", "2021"]
    assert data["dimensions"][0]["categories"][0]["values"] == [60.1, 88.8]
    assert data["dimensions"][0]["categories"][1]["values"] == [66.3, None]


def test_a_corrected_value_leaves_the_public_series(client_for, world, users):
    """A verified value that is corrected goes back to draft: the public no longer sees it."""
    office = users["office_staff"]
    measurement_of(world["employment"], actor=office, year=2020, value="61")
    data = client_for(None).get(_urls(world)["indicator-chart-data"]).json()
    assert [point["year"] for point in data["totals"]] == [2018, 2019]
    world["employment"].refresh_from_db()
    assert world["employment"].status == IndicatorStatus.OFF_TRACK  # 58.5 in 2019 is below the path (60)


# ---------------------------------------------------------------- query counts


def _queries(client, django_assert_num_queries, url, count, params=None):
    client.get(url, params or {})  # warm caches (content types, sessions)
    with django_assert_num_queries(count):
        assert client.get(url, params or {}).status_code == 200


@pytest.mark.parametrize("frameworks", [1, 4])
def test_framework_list_query_count(client_for, users, django_assert_num_queries, frameworks):
    office = users["office_staff"]
    for number in range(frameworks):
        framework = indicator_framework(actor=office, name=f"지표 체계 {number}")
        for code in range(3):
            indicator_of(framework, actor=office, code=f"1-{code}")
    url = reverse("indicators:framework-list")
    _queries(client_for(None), django_assert_num_queries, url, 1)  # frameworks with their counts
    _queries(client_for("office_staff"), django_assert_num_queries, url, 3)  # + session, user with roles


@pytest.mark.parametrize("size", [1, 5])
def test_framework_detail_query_count(client_for, users, django_assert_num_queries, size):
    office = users["office_staff"]
    framework = indicator_framework(actor=office)
    services.phase_save(framework=framework, actor=office, name="1단계", start_year=2018, end_year=2020)
    for number in range(1, size + 1):
        area = indicator_area(framework, actor=office, number=number, sdg_goal=SdgGoal.objects.get(number=number))
        services.implementation_task_save(framework=framework, area=area, actor=office, number=number, title="과제")
        for code in range(size):
            indicator_of(framework, actor=office, area=area, code=f"{number}-{code}")
        services.dimension_save(
            framework=framework, actor=office, code=f"d{number}", name_ko="차원", categories=[("a", "가", "A")]
        )
    url = reverse("indicators:framework-detail", args=[framework.pk])
    # framework, areas with counts (and SDG goals), phases, tasks, dimensions, categories
    _queries(client_for(None), django_assert_num_queries, url, 6)
    _queries(client_for("office_staff"), django_assert_num_queries, url, 8)  # + session, user with roles


@pytest.mark.parametrize("indicators", [3, 30])
def test_indicator_list_query_count(client_for, users, department, django_assert_num_queries, indicators):
    office = users["office_staff"]
    framework = indicator_framework(actor=office)
    area = indicator_area(framework, actor=office)
    target = SdgTarget.objects.get(code="8.5")
    for number in range(indicators):
        indicator_of(
            framework, actor=office, area=area, code=f"1-{number:02d}", responsible_department=department,
            sdg_targets=[target],
        )  # fmt: skip
    url = reverse("indicators:indicator-list")
    # frameworks (form), departments (form), SDG goals (form), count, page
    _queries(client_for(None), django_assert_num_queries, url, 5)
    # + areas of the chosen framework, the department checked by the form and by the selector's filter
    params = {"framework": framework.pk, "department": "welfare", "sdg_goal": 8}
    _queries(client_for(None), django_assert_num_queries, url, 8, params)
    _queries(client_for("office_staff"), django_assert_num_queries, url, 7)  # + session, user with roles


@pytest.mark.parametrize("years", [2, 10])
def test_indicator_detail_query_count(client_for, users, department, django_assert_num_queries, years):
    office = users["office_staff"]
    framework = indicator_framework(actor=office)
    dimension = services.dimension_save(
        framework=framework, actor=office, code="sex", name_ko="성별", categories=[("f", "여", "F"), ("m", "남", "M")]
    )
    indicator = indicator_of(
        framework, actor=office, responsible_department=department, sdg_targets=[SdgTarget.objects.get(code="8.5")]
    )
    for year in range(2010, 2010 + years):
        measurement_of(indicator, actor=office, year=year, value=50 + year - 2010, verify_by=office)
        for category in dimension.categories.all():
            measurement_of(indicator, actor=office, year=year, value=40 + year - 2010, category=category)
    url = reverse("indicators:indicator-detail", args=[indicator.pk])
    # indicator, SDG targets, phase targets, measurements, plan tasks
    _queries(client_for(None), django_assert_num_queries, url, 5)
    _queries(client_for("official"), django_assert_num_queries, url, 7)  # + session, user with roles
    chart_url = reverse("indicators:indicator-chart-data", args=[indicator.pk])
    _queries(client_for(None), django_assert_num_queries, chart_url, 4)  # no plan tasks
