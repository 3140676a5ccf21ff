"""The assessment list, its export and the request form: who sees what, filters, bad input, queries."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from impact import services
from impact.models import Assessment, AssessmentStatus
from tests.factories import assessment_in_status, assessment_requested, checklist_published

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
STAFF = ["official", "other_official", "office_staff", "committee_member", "ombudsman", "administrator"]
EVERYONE = [None, *STAFF, "user_without_role"]
NOT_REQUESTERS = ["committee_member", "ombudsman", "administrator", "user_without_role"]
LIST = reverse("impact:assessment-list")
EXPORT = reverse("impact:assessment-export")
REQUEST = reverse("impact:assessment-request")


@pytest.fixture(autouse=True)
def _english(settings):
    """The assertions read the English source strings; pages and services answer in English here."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def world(users, department, other_department):
    """Checklists for ordinances and buildings; assessments of the welfare bureau in several statuses
    and a building request of the urban bureau."""
    office, official = users["office_staff"], users["official"]
    checklist_published(actor=office, subject_type="ordinance")
    checklist_published(actor=office, subject_type="building")
    closed = assessment_in_status(
        "closed", office=office, department_official=official, title="장애인 일자리 지원 조례 일부개정조례안"
    )
    findings = assessment_in_status(
        "findings_issued", office=office, department_official=official, title="청소년 수련시설 운영 조례안"
    )
    requested = assessment_requested(actor=official, department=department, title="주민참여예산 조례 개정안")
    building = assessment_requested(
        actor=users["other_official"],
        department=other_department,
        subject_type="building",
        title="서구 제3투표소 접근성",
    )
    return {"closed": closed, "findings": findings, "requested": requested, "building": building}


def _html(response) -> str:
    return response.content.decode()


def _codes(response) -> set[str]:
    html = _html(response)
    return {assessment.code for assessment in Assessment.objects.all() if f'data-assessment="{assessment.pk}"' in html}


# ---------------------------------------------------------------- the list: who sees what


@pytest.mark.parametrize("role", EVERYONE)
def test_list_opens_for_everyone(client_for, world, role):
    response = client_for(role).get(LIST)
    assert response.status_code == 200
    html = _html(response)
    assert reverse("impact:figures") in html
    assert "<caption>" in html
    assert 'scope="col"' in html
    assert 'scope="row"' in html


@pytest.mark.parametrize("role", [None, "user_without_role"])
def test_public_sees_closed_assessments_only(client_for, world, role):
    response = client_for(role).get(LIST)
    assert _codes(response) == {world["closed"].code}
    html = _html(response)
    assert 'name="status"' not in html
    assert 'name="overdue"' not in html
    assert 'id="impact-summary"' not in html
    assert "data-to-do" not in html
    assert "Request an assessment" not in html
    # A status filter in the address is ignored for the public, not an error.
    response = client_for(role).get(LIST, {"status": "requested", "overdue": "true"})
    assert response.status_code == 200
    assert _codes(response) == {world["closed"].code}


@pytest.mark.parametrize("role", STAFF)
def test_staff_see_every_assessment_and_the_summary(client_for, world, role):
    response = client_for(role).get(LIST)
    assert _codes(response) == {assessment.code for assessment in world.values()}
    html = _html(response)
    assert 'name="status"' in html
    assert 'name="overdue"' in html
    assert '<dd data-count="total">4</dd>' in html
    assert '<dd data-count="overdue">0</dd>' in html
    assert 'data-status-count="requested"' in html
    requested_count = html.split('data-status-count="requested"', 1)[1].split("</li>", 1)[0]
    assert '<span class="impact-status-counts__number">2</span>' in requested_count
    assert f'href="{LIST}?status=requested"' in requested_count


def test_status_links_keep_the_other_filters(client_for, world):
    html = _html(client_for("office_staff").get(LIST, {"subject_type": "ordinance", "status": "closed", "page": "1"}))
    assert '<dd data-count="total">3</dd>' in html  # the summary counts every status of the other filters
    assert f'href="{LIST}?subject_type=ordinance&amp;status=findings_issued"' in html


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("official", True),
        ("other_official", True),
        ("office_staff", True),
        ("committee_member", False),
        ("ombudsman", False),
        ("administrator", False),
        ("user_without_role", False),
    ],
)
def test_request_button_for_those_allowed(client_for, world, role, shown):
    html = _html(client_for(role).get(LIST))
    assert (f'href="{REQUEST}"' in html) == shown


def test_department_to_do_lists_what_the_department_owes(client_for, world):
    html = _html(client_for("official").get(LIST))
    box = html.split('data-to-do="department"', 1)[1].split("</section>", 1)[0]
    assert f'data-to-do-item="{world["findings"].pk}"' in box
    assert f'data-to-do-item="{world["requested"].pk}"' not in box
    other = _html(client_for("other_official").get(LIST))
    other_box = other.split('data-to-do="department"', 1)[1].split("</section>", 1)[0]
    assert "Nothing is waiting for you." in other_box


def test_office_to_do_lists_requests_and_work_in_progress(client_for, world):
    html = _html(client_for("office_staff").get(LIST))
    box = html.split('data-to-do="office"', 1)[1].split("</section>", 1)[0]
    assert f'data-to-do-item="{world["requested"].pk}"' in box
    assert f'data-to-do-item="{world["building"].pk}"' in box
    assert f'data-to-do-item="{world["findings"].pk}"' not in box
    assert f'data-to-do-item="{world["closed"].pk}"' not in box


@pytest.mark.parametrize("role", ["committee_member", "ombudsman", "administrator"])
def test_no_to_do_for_readers(client_for, world, role):
    assert "data-to-do" not in _html(client_for(role).get(LIST))


# ---------------------------------------------------------------- filters


def test_each_filter(client_for, world, other_department):
    client = client_for("office_staff")
    closed, findings, requested, building = (world[key] for key in ("closed", "findings", "requested", "building"))
    cases = [
        ({"q": "수련시설"}, {findings.code}),
        ({"q": building.code}, {building.code}),
        ({"subject_type": "building"}, {building.code}),
        ({"status": "findings_issued"}, {findings.code}),
        ({"department": "urban"}, {building.code}),
        ({"year": TODAY.year}, {closed.code, findings.code, requested.code, building.code}),
        ({"year": TODAY.year - 1}, set()),
        ({"outcome": "revised"}, {closed.code}),
        ({"facility_use": "polling_station"}, {building.code}),
        ({"overdue": "false"}, {closed.code, findings.code, requested.code, building.code}),
    ]
    for params, expected in cases:
        response = client.get(LIST, params)
        assert response.status_code == 200, params
        assert _codes(response) == expected, params
    # Overdue: the request's stage deadline has passed.
    Assessment.objects.filter(pk=requested.pk).update(stage_deadline=TODAY - datetime.timedelta(days=1))
    response = client.get(LIST, {"overdue": "true"})
    assert _codes(response) == {requested.code}
    assert '<dd data-count="overdue">1</dd>' in _html(client.get(LIST))


def test_ordering(client_for, world):
    client = client_for("office_staff")
    html = _html(client.get(LIST, {"ordering": "code"}))
    positions = sorted(world.values(), key=lambda assessment: html.index(f'data-assessment="{assessment.pk}"'))
    assert [assessment.code for assessment in positions] == sorted(assessment.code for assessment in world.values())
    html = _html(client.get(LIST, {"ordering": "-code"}))
    positions = sorted(world.values(), key=lambda assessment: html.index(f'data-assessment="{assessment.pk}"'))
    assert [a.code for a in positions] == sorted((a.code for a in world.values()), reverse=True)


def test_public_filters_work_on_closed_assessments(client_for, world):
    client = client_for(None)
    assert _codes(client.get(LIST, {"outcome": "revised"})) == {world["closed"].code}
    assert _codes(client.get(LIST, {"subject_type": "building"})) == set()
    assert _codes(client.get(LIST, {"department": "welfare"})) == {world["closed"].code}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "abc"}, "year"),
        ({"year": "99999"}, "year"),
        ({"status": "nonsense"}, "status"),
        ({"subject_type": "castle"}, "subject_type"),
        ({"department": "no-such-bureau"}, "department"),
        ({"outcome": "maybe"}, "outcome"),
        ({"facility_use": "moon"}, "facility_use"),
        ({"ordering": "password"}, "ordering"),
        ({"q": "x" * 201}, "q"),
    ],
)
@pytest.mark.parametrize("role", [None, "office_staff"])
def test_bad_filters_give_400_with_field_errors(client_for, world, role, params, field):
    if role is None and field == "status":
        return  # the public has no status filter: the value is ignored
    response = client_for(role).get(LIST, params)
    assert response.status_code == 400
    html = _html(response)
    assert f'id="id_{field}-error"' in html
    assert 'id="assessment-table"' not in html


def test_pagination_keeps_the_filters(client_for, users, department):
    official = users["official"]
    for number in range(27):
        assessment_requested(actor=official, department=department, title=f"조례안 {number}")
    client = client_for("office_staff")
    html = _html(client.get(LIST, {"subject_type": "ordinance"}))
    assert "page=2" in html
    assert "subject_type=ordinance" in html
    response = client.get(LIST, {"subject_type": "ordinance", "page": 2})
    assert response.status_code == 200
    assert len(_codes(response)) == 2
    assert client.get(LIST, {"page": "last"}).status_code == 200
    assert client.get(LIST, {"page": "abc"}).status_code == 200


# ---------------------------------------------------------------- export


def _csv(response) -> list[list[str]]:
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def test_public_csv_export_has_closed_assessments_and_public_columns(client_for, world):
    response = client_for(None).get(EXPORT, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    header, data = rows[0], rows[1:]
    assert header[:5] == ["code", "year", "subject_type", "subject_type_label", "title"]
    assert "status" not in header
    assert "assessor" not in header
    assert len(data) == 1
    row = dict(zip(header, data[0], strict=True))
    closed = world["closed"]
    assert row["code"] == closed.code
    assert row["year"] == str(TODAY.year)
    assert row["subject_type"] == "ordinance"
    assert row["subject_type_label"] == "Ordinance"
    assert row["department_code"] == "welfare"
    assert row["department"] == "복지건강국"
    assert row["outcome"] == "revised"
    assert row["outcome_label"] == "Revised"
    assert row["public_summary"] == "외국인 주민을 지원 대상에 포함하도록 개정됨"
    assert row["closed_on"] == TODAY.isoformat()


@pytest.mark.parametrize("role", EVERYONE)
def test_export_for_every_role(client_for, world, role):
    rows = _csv(client_for(role).get(EXPORT, {"format": "csv"}))
    staff = role not in (None, "user_without_role")
    assert ("status" in rows[0]) == staff
    codes = {row[0] for row in rows[1:]}
    assert codes == ({a.code for a in world.values()} if staff else {world["closed"].code})


def test_staff_csv_export_has_every_column_and_the_filters(client_for, world):
    response = client_for("committee_member").get(EXPORT, {"format": "csv", "status": "findings_issued"})
    rows = _csv(response)
    header = rows[0]
    for column in ("status", "status_label", "stage_deadline", "overdue", "assessor", "description"):
        assert column in header
    assert len(rows) == 2
    row = dict(zip(header, rows[1], strict=True))
    assert row["code"] == world["findings"].code
    assert row["status"] == "findings_issued"
    assert row["status_label"] == "Findings issued"
    assert row["overdue"] == "no"
    assert row["assessor"] == "office"
    all_rows = _csv(client_for("committee_member").get(EXPORT))  # CSV by default
    assert len(all_rows) == 5


def test_xlsx_export_opens_with_openpyxl(client_for, world):
    from openpyxl import load_workbook

    response = client_for("office_staff").get(EXPORT, {"format": "xlsx", "subject_type": "building"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "code"
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["code"] == world["building"].code
    assert row["facility_use"] == "polling_station"
    assert row["facility_use_label"] == "Polling station"
    public = load_workbook(io.BytesIO(client_for(None).get(EXPORT, {"format": "xlsx"}).content)).active
    assert [row[0] for row in public.iter_rows(min_row=2, values_only=True)] == [world["closed"].code]


def test_export_defuses_formulas(client_for, users, department):
    assessment_requested(actor=users["official"], department=department, title="=HYPERLINK(1)")
    rows = _csv(client_for("office_staff").get(EXPORT, {"format": "csv"}))
    assert rows[1][rows[0].index("title")] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("params", [{"format": "pdf"}, {"format": "csv", "year": "abc"}])
def test_bad_export_requests_give_400(client_for, world, params):
    response = client_for("office_staff").get(EXPORT, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = _html(response)
    assert 'id="assessment-table"' not in html
    assert ('id="export-error"' in html) == ("year" not in params)
    assert ('id="id_year-error"' in html) == ("year" in params)


# ---------------------------------------------------------------- query counts


@pytest.mark.parametrize("count", [3, 10])
def test_list_query_count(client_for, users, department, other_department, django_assert_num_queries, count):
    office = users["office_staff"]
    checklist_published(actor=office, subject_type="ordinance")
    for number in range(count):
        assessment_requested(
            actor=office, department=(department, other_department)[number % 2], title=f"조례안 {number}"
        )
    assessment_in_status("closed", office=office, department_official=users["official"])
    for role, expected, params in [
        # departments of the filter form, count, page
        (None, 3, {}),
        # + session, user with roles, status counts, to-do
        ("office_staff", 7, {}),
        # + the chosen department looked up by the list's filter, the summary's and the form's validation
        ("official", 10, {"department": "welfare"}),
    ]:
        client = client_for(role)
        client.get(LIST, params)
        with django_assert_num_queries(expected):
            assert client.get(LIST, params).status_code == 200


# ---------------------------------------------------------------- request form


def _building_data(**extra):
    data = {
        "subject_type": "building",
        "title": "서구 제5투표소 접근성 평가",
        "description": "투표소 출입구와 화장실",
        "address": "광주광역시 서구 상무대로 1",
        "facility_use": "polling_station",
        "step_free_entrance": "false",
        "accessible_toilet": "true",
        "lift_or_ramp": "unknown",
        "tactile_guidance": "unknown",
        "accessible_parking": "unknown",
    }
    data.update(extra)
    return data


def _ordinance_data(**extra):
    data = {
        "subject_type": "ordinance",
        "title": "광주광역시 외국인주민 지원 조례 일부개정조례안",
        "revision_kind": "partial",
        "article_numbers": "제5조",
        "legislative_notice_start": "2026-03-02",
        "legislative_notice_end": "2026-03-20",
    }
    data.update(extra)
    return data


def test_anonymous_is_sent_to_login(client_for, world):
    for url in (REQUEST, reverse("impact:assessment-edit", args=[world["requested"].pk])):
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ["official", "other_official", "office_staff"])
def test_requesters_open_the_form(client_for, world, role):
    response = client_for(role).get(REQUEST)
    assert response.status_code == 200
    html = _html(response)
    for part in ("part-legislation", "part-building", "part-event"):
        assert f'id="{part}"' in html
    assert "<legend" in html
    assert 'name="related_tasks"' in html


@pytest.mark.parametrize("role", NOT_REQUESTERS)
def test_others_may_not_request(client_for, world, role):
    client = client_for(role)
    assert client.get(REQUEST).status_code == 403
    assert client.post(REQUEST, _building_data(department=world["building"].department_id)).status_code == 403
    assert Assessment.objects.count() == 4


def test_official_requests_for_own_department(client_for, world, department):
    client = client_for("official")
    html = _html(client.get(REQUEST))
    select = html.split('name="department"', 1)[1].split("</select>", 1)[0]
    assert "Welfare and Health Bureau" in select
    assert "Urban Space Bureau" not in select
    response = client.post(REQUEST, _building_data(department=department.pk))
    assert response.status_code == 303
    assessment = Assessment.objects.get(title="서구 제5투표소 접근성 평가")
    assert response["Location"] == reverse("impact:assessment-detail", args=[assessment.pk])
    assert assessment.department == department
    assert assessment.status == AssessmentStatus.REQUESTED
    assert assessment.step_free_entrance is False
    assert assessment.accessible_toilet is True
    assert assessment.lift_or_ramp is None
    assert assessment.requested_by.username == "official"


def test_official_cannot_request_for_another_department(client_for, world, other_department):
    response = client_for("official").post(REQUEST, _building_data(department=other_department.pk))
    assert response.status_code == 400
    html = _html(response)
    assert 'id="id_department-error"' in html
    assert "only for your own department" in html
    assert 'value="서구 제5투표소 접근성 평가"' in html
    assert not Assessment.objects.filter(title="서구 제5투표소 접근성 평가").exists()


def test_office_requests_for_any_department_with_plan_tasks(client_for, world, other_department, users):
    from plans import services as plan_services

    office = users["office_staff"]
    plan = plan_services.plan_create(
        actor=office, title="제2차 인권증진 기본계획", organisation="광주광역시", start_year=2018, end_year=2022
    )
    area = plan_services.area_save(plan=plan, actor=office, number=1, title="분야")
    task = plan_services.task_save(
        area=area, actor=office, code="1-1", title="투표소 접근성 개선", responsible_department=other_department
    )
    client = client_for("office_staff")
    assert "1-1 투표소 접근성 개선" in _html(client.get(REQUEST))
    response = client.post(REQUEST, _building_data(department=other_department.pk, related_tasks=[task.pk]))
    assert response.status_code == 303
    assessment = Assessment.objects.get(title="서구 제5투표소 접근성 평가")
    assert assessment.department == other_department
    assert list(assessment.related_tasks.all()) == [task]


def test_building_without_address_gives_400_and_keeps_input(client_for, world, department):
    response = client_for("official").post(REQUEST, _building_data(department=department.pk, address="  "))
    assert response.status_code == 400
    html = _html(response)
    assert 'id="id_address-error"' in html
    assert "Give the address of the building or facility." in html
    assert 'value="서구 제5투표소 접근성 평가"' in html
    assert "투표소 출입구와 화장실" in html
    assert 'value="polling_station" selected' in html
    assert 'value="false" selected' in html  # step-free entrance: no
    assert 'value="building" id="id_subject_type_3" required checked' in html
    assert not Assessment.objects.filter(title="서구 제5투표소 접근성 평가").exists()


def test_notice_ending_before_it_starts_gives_400(client_for, world, department):
    data = _ordinance_data(department=department.pk, legislative_notice_end="2026-02-01")
    response = client_for("official").post(REQUEST, data)
    assert response.status_code == 400
    html = _html(response)
    assert 'id="id_legislative_notice_end-error"' in html
    assert "The legislative notice cannot end before it starts." in html
    assert 'value="2026-03-02"' in html
    assert 'value="제5조"' in html


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"subject_type": ""}, "subject_type"),
        ({"subject_type": "castle"}, "subject_type"),
        ({"title": ""}, "title"),
        ({"legislative_notice_start": "not-a-date"}, "legislative_notice_start"),
        ({"revision_kind": ""}, "revision_kind"),
        ({"related_tasks": ["999999"]}, "related_tasks"),
        ({"title": "x" * 301}, "title"),
    ],
)
def test_bad_request_input_gives_field_errors(client_for, world, department, data, field):
    response = client_for("office_staff").post(REQUEST, _ordinance_data(department=department.pk, **data))
    assert response.status_code == 400
    assert f'id="id_{field}-error"' in _html(response)


def test_event_dates_are_checked(client_for, world, department):
    data = {
        "subject_type": "event",
        "title": "2026 인권문화제",
        "department": department.pk,
        "event_start": "2026-10-03",
        "event_end": "2026-10-01",
        "expected_attendance": "-5",
    }
    response = client_for("office_staff").post(REQUEST, data)
    assert response.status_code == 400
    html = _html(response)
    assert 'id="id_expected_attendance-error"' in html
    data["expected_attendance"] = "3000"
    response = client_for("office_staff").post(REQUEST, data)
    assert response.status_code == 400
    assert 'id="id_event_end-error"' in _html(response)


# ---------------------------------------------------------------- editing the request


def _edit(assessment):
    return reverse("impact:assessment-edit", args=[assessment.pk])


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("official", 200),
        ("office_staff", 200),
        ("other_official", 403),
        ("committee_member", 403),
        ("ombudsman", 403),
        ("administrator", 403),
        ("user_without_role", 403),
    ],
)
def test_edit_permissions(client_for, world, role, status):
    client = client_for(role)
    url = _edit(world["requested"])
    assert client.get(url).status_code == status
    response = client.post(url, _ordinance_data(title="바뀐 제목"))
    assert response.status_code == (303 if status == 200 else 403)
    changed = Assessment.objects.get(pk=world["requested"].pk).title == "바뀐 제목"
    assert changed == (status == 200)


def test_edit_shows_the_request_and_saves(client_for, world):
    client = client_for("official")
    requested = world["requested"]
    html = _html(client.get(_edit(requested)))
    assert 'value="주민참여예산 조례 개정안"' in html
    assert 'id="assessment-department"' in html
    assert 'name="department"' not in html
    response = client.post(
        _edit(requested), _ordinance_data(title="주민참여예산 조례 전부개정안", revision_kind="full")
    )
    assert response.status_code == 303
    requested.refresh_from_db()
    assert requested.title == "주민참여예산 조례 전부개정안"
    assert requested.revision_kind == "full"
    assert requested.department.code == "welfare"


def test_edit_bad_input_gives_400_and_keeps_input(client_for, world):
    response = client_for("official").post(
        _edit(world["requested"]), _ordinance_data(title="새 제목", legislative_notice_end="2026-01-01")
    )
    assert response.status_code == 400
    html = _html(response)
    assert 'id="id_legislative_notice_end-error"' in html
    assert 'value="새 제목"' in html


def test_subject_type_cannot_change_once_started(client_for, world, users):
    requested = services.assessment_start(assessment=world["requested"], actor=users["office_staff"])
    response = client_for("office_staff").post(_edit(requested), _building_data())
    assert response.status_code == 400
    assert 'id="id_subject_type-error"' in _html(response)


def test_edit_after_findings_is_refused(client_for, world):
    response = client_for("official").get(_edit(world["findings"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("impact:assessment-detail", args=[world["findings"].pk])
    response = client_for("official").post(_edit(world["findings"]), _ordinance_data(title="x"))
    assert response.status_code == 302
    assert Assessment.objects.get(pk=world["findings"].pk).title == "청소년 수련시설 운영 조례안"


def test_edit_unknown_assessment_gives_404(client_for, world):
    assert client_for("office_staff").get(reverse("impact:assessment-edit", args=[999999])).status_code == 404


@pytest.mark.parametrize("url", [LIST, EXPORT, REQUEST])
def test_methods(client_for, world, url):
    response = client_for("office_staff").put(url)
    assert response.status_code == 405
