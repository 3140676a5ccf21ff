"""The annual reporting pages: permissions per role, the department's one-page formset, review, queries."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from plans import services
from plans.models import AnnualRecord, RecordAttachment, ReportingRound, ReviewState

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """The assertions read the English source strings; pages and services answer in English here."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


TODAY = timezone.localdate()
STAFF = ["official", "other_official", "office_staff", "committee_member", "ombudsman", "administrator"]
EVERYONE = [*STAFF, "user_without_role"]
NOT_OFFICE = ["official", "other_official", "committee_member", "ombudsman", "administrator", "user_without_role"]


def make_plan(
    office, department, other_department, *, tasks=3, due_on=None, title="제2차 광주광역시 인권증진 기본계획"
):
    """An adopted plan with ``tasks`` tasks of ``department`` and one of ``other_department``; 2019 round open."""
    plan = services.plan_create(actor=office, title=title, organisation="광주광역시", start_year=2018, end_year=2022)
    area = services.area_save(plan=plan, actor=office, number=1, title="사회적 소수자 인권 증진")
    for number in range(1, tasks + 1):
        services.task_save(
            area=area,
            actor=office,
            code=f"1-{number}",
            title=f"장애인 이동권 보장 과제 {number}",
            responsible_department=department,
            budgets={2019: 1_000_000 * number},
            order=number,
        )
    services.task_save(
        area=area,
        actor=office,
        code="9-1",
        title="도시 공간 접근성 개선",
        responsible_department=other_department,
        budgets={2019: 5_000_000},
        order=99,
    )
    plan = services.plan_adopt(plan=plan, actor=office, adopted_on=datetime.date(2018, 3, 2))
    reporting_round = services.reporting_round_open(
        plan=plan, year=2019, due_on=due_on or TODAY + datetime.timedelta(days=30), actor=office
    )
    return plan, reporting_round


@pytest.fixture
def world(users, department, other_department, private_media):
    office = users["office_staff"]
    plan, reporting_round = make_plan(office, department, other_department)
    records = list(
        AnnualRecord.objects.filter(task__responsible_department=department).order_by("task__order", "task__code")
    )
    other_record = AnnualRecord.objects.get(task__responsible_department=other_department)
    attachment = RecordAttachment(
        record=records[0], original_name="실적 보고서.pdf", content_type="application/pdf", size=8, uploaded_by=office
    )
    attachment.file.save("report.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return {
        "office": office,
        "plan": plan,
        "round": reporting_round,
        "records": records,
        "other_record": other_record,
        "attachment": attachment,
    }


def urls(world):
    reporting_round = world["round"]
    record = world["records"][0]
    return {
        "reporting": reverse("plans:reporting"),
        "round-open": reverse("plans:round-open", args=[world["plan"].pk]),
        "round-detail": reverse("plans:round-detail", args=[reporting_round.pk]),
        "round-close": reverse("plans:round-close", args=[reporting_round.pk]),
        "department-records": reverse("plans:department-records", args=[reporting_round.pk, "welfare"]),
        "record-review": reverse("plans:record-review", args=[record.pk]),
        "record-attachment": reverse("plans:record-attachment", args=[record.pk, world["attachment"].pk]),
        "task-import": reverse("plans:task-import", args=[world["plan"].pk]),
        "export": reverse("plans:annual-report-export", args=[world["plan"].pk, 2019]),
    }


POST_ONLY = {"round-close", "record-review"}


def values_of(record, **overrides):
    values = {
        "record": record.pk,
        "version": record.version,
        "planned_activities": record.planned_activities,
        "budget_planned": record.budget_planned,
        "budget_executed": record.budget_executed,
        "progress": record.progress,
        "progress_status": record.progress_status,
        "narrative": record.narrative,
    }
    values.update(overrides)
    return values


def formset_data(records, action="save", changes=None):
    """What the department page posts: one form per record, ``changes`` by record pk."""
    changes = changes or {}
    data = {
        "form-TOTAL_FORMS": str(len(records)),
        "form-INITIAL_FORMS": str(len(records)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "action": action,
    }
    for index, record in enumerate(records):
        for name, value in values_of(record, **changes.get(record.pk, {})).items():
            data[f"form-{index}-{name}"] = value
    return data


def snapshot():
    return list(AnnualRecord.objects.order_by("pk").values())


def good(number):
    return {
        "planned_activities": f"저상버스 {number}대 도입",
        "budget_executed": "900,000",
        "progress": "50",
        "progress_status": "on_track",
        "narrative": f"과제 {number} 추진 실적: 상반기 도입 완료",
    }


# ---------------------------------------------------------------- permissions


@pytest.mark.parametrize(
    "page",
    [
        "reporting",
        "round-open",
        "round-detail",
        "round-close",
        "department-records",
        "record-review",
        "record-attachment",
        "task-import",
        "export",
    ],
)
def test_anonymous_is_sent_to_login(client, world, page):
    url = urls(world)[page]
    response = client.post(url) if page in POST_ONLY else client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("official", 200),
        ("other_official", 200),
        ("office_staff", 200),
        ("committee_member", 403),
        ("ombudsman", 403),
        ("administrator", 403),
        ("user_without_role", 403),
    ],
)
def test_reporting_page_is_for_officials_and_the_office(client_for, world, role, status):
    assert client_for(role).get(urls(world)["reporting"]).status_code == status


@pytest.mark.parametrize("role", EVERYONE)
def test_round_page_is_for_every_staff_role(client_for, world, role):
    expected = 403 if role == "user_without_role" else 200
    assert client_for(role).get(urls(world)["round-detail"]).status_code == expected


@pytest.mark.parametrize("role", EVERYONE)
def test_export_is_for_every_staff_role(client_for, world, role):
    expected = 403 if role == "user_without_role" else 200
    assert client_for(role).get(urls(world)["export"]).status_code == expected


@pytest.mark.parametrize("role", EVERYONE)
def test_attachment_is_for_every_staff_role(client_for, world, role):
    response = client_for(role).get(urls(world)["record-attachment"])
    if role == "user_without_role":
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4"


def test_unknown_attachment_is_404(client_for, world):
    url = reverse("plans:record-attachment", args=[world["records"][1].pk, world["attachment"].pk])
    assert client_for("office_staff").get(url).status_code == 404


@pytest.mark.parametrize("page", ["round-open", "task-import"])
@pytest.mark.parametrize("role", NOT_OFFICE)
def test_office_pages_refuse_everyone_else(client_for, world, page, role):
    assert client_for(role).get(urls(world)[page]).status_code == 403


@pytest.mark.parametrize("page", ["round-open", "task-import", "department-records"])
def test_office_opens_the_office_pages(client_for, world, page):
    assert client_for("office_staff").get(urls(world)[page]).status_code == 200


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_closes_a_round(client_for, world, role):
    assert client_for(role).post(urls(world)["round-close"]).status_code == 403
    assert ReportingRound.objects.get().closed_at is None


def test_office_closes_a_round(client_for, world):
    response = client_for("office_staff").post(urls(world)["round-close"])
    assert response.status_code == 303
    assert ReportingRound.objects.get().closed_at is not None
    again = client_for("office_staff").post(urls(world)["round-close"])
    assert again.status_code == 400
    assert "already closed" in again.content.decode()


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_reviews(client_for, world, role):
    office = world["office"]
    record = world["records"][0]
    services.record_save(record=record, actor=office, narrative="실적")
    services.record_submit(record=record, actor=office)
    response = client_for(role).post(urls(world)["record-review"], {"decision": "confirm", "comment": ""})
    assert response.status_code == 403
    assert AnnualRecord.objects.get(pk=record.pk).review_state == ReviewState.SUBMITTED


@pytest.mark.parametrize(
    "role", ["other_official", "committee_member", "ombudsman", "administrator", "user_without_role"]
)
def test_department_page_refuses_other_departments_and_read_only_roles(client_for, world, role):
    url = urls(world)["department-records"]
    before = snapshot()
    client = client_for(role)
    assert client.get(url).status_code == 403
    data = formset_data(world["records"], "submit", {r.pk: good(i) for i, r in enumerate(world["records"])})
    assert client.post(url, data).status_code == 403
    assert snapshot() == before


def test_other_official_cannot_smuggle_records_into_their_own_page(client_for, world):
    """The other department's page, posted with the welfare department's record ids: refused, nothing changed."""
    url = reverse("plans:department-records", args=[world["round"].pk, "urban"])
    before = snapshot()
    data = formset_data(world["records"][:1], "save", {world["records"][0].pk: good(1)})
    response = client_for("other_official").post(url, data)
    assert response.status_code == 400
    assert "out of date" in response.content.decode()
    assert snapshot() == before


def test_official_sees_only_their_department_page(client_for, world):
    client = client_for("official")
    assert client.get(urls(world)["department-records"]).status_code == 200
    other = reverse("plans:department-records", args=[world["round"].pk, "urban"])
    assert client.get(other).status_code == 403
    assert client.get(reverse("plans:department-records", args=[world["round"].pk, "nowhere"])).status_code == 404
    assert client.get(reverse("plans:department-records", args=[999999, "welfare"])).status_code == 404


@pytest.mark.parametrize("page", ["round-close", "record-review"])
def test_actions_are_post_only(client_for, world, page):
    assert client_for("office_staff").get(urls(world)[page]).status_code == 405


# ---------------------------------------------------------------- the reporting page


def test_official_sees_the_to_do_list_with_the_office_comment(client_for, world):
    office = world["office"]
    first, second, third = world["records"]
    services.record_save(record=first, actor=office, narrative="실적")
    services.record_submit(record=first, actor=office)
    services.record_return(record=first, actor=office, comment="집행액 증빙을 보완해 주세요.")
    services.record_save(record=second, actor=office, narrative="실적")
    services.record_submit(record=second, actor=office)
    response = client_for("official").get(urls(world)["reporting"])
    body = response.content.decode()
    assert response.status_code == 200
    to_do = [item["record"].pk for item in response.context["to_do"]]
    assert sorted(to_do) == sorted([first.pk, third.pk])
    assert "집행액 증빙을 보완해 주세요." in body
    assert world["other_record"].task.title not in body
    assert reverse("plans:department-records", args=[world["round"].pk, "welfare"]) in body


def test_to_do_ignores_closed_rounds_of_the_same_plan(client_for, world, department, other_department):
    office = world["office"]
    second = services.reporting_round_open(plan=world["plan"], year=2020, due_on=TODAY, actor=office)
    services.reporting_round_close(reporting_round=world["round"], actor=office)
    response = client_for("official").get(urls(world)["reporting"])
    years = {item["record"].year for item in response.context["to_do"]}
    assert years == {2020}
    assert all(item["round"] == second for item in response.context["to_do"])


def test_office_sees_completion_per_department_and_overdue_rounds(client_for, users, department, other_department):
    office = users["office_staff"]
    make_plan(office, department, other_department, due_on=TODAY - datetime.timedelta(days=1))
    record = AnnualRecord.objects.get(task__responsible_department=other_department)
    services.record_save(record=record, actor=office, narrative="실적")
    services.record_submit(record=record, actor=office)
    response = client_for("office_staff").get(reverse("plans:reporting"))
    assert response.status_code == 200
    (entry,) = response.context["round_rows"]
    by_code = {row["completion"].department_code: row for row in entry["completion_rows"]}
    assert by_code["welfare"]["completion"].draft == 3
    assert by_code["welfare"]["overdue"] is True
    assert by_code["urban"]["completion"].submitted == 1
    assert by_code["urban"]["completion"].done_percent == 100.0
    assert by_code["urban"]["overdue"] is False
    body = response.content.decode()
    assert "portal-round--overdue" in body


def test_round_page_lists_overdue_departments(client_for, users, department, other_department):
    office = users["office_staff"]
    _plan, reporting_round = make_plan(office, department, other_department, due_on=TODAY - datetime.timedelta(days=3))
    record = AnnualRecord.objects.get(task__responsible_department=other_department)
    services.record_save(record=record, actor=office, narrative="실적")
    services.record_submit(record=record, actor=office)
    response = client_for("committee_member").get(reverse("plans:round-detail", args=[reporting_round.pk]))
    assert response.status_code == 200
    overdue = [row["completion"].department_code for row in response.context["overdue_rows"]]
    assert overdue == ["welfare"]
    assert response.context["totals"]["records"] == 4
    assert response.context["totals"]["submitted"] == 1
    # The committee reads; it gets no link to a department's editing page.
    assert all(row["url"] is None for row in response.context["rows"])


# ---------------------------------------------------------------- opening a round


def test_office_opens_a_round(client_for, users, department, other_department):
    office = users["office_staff"]
    plan, _round = make_plan(office, department, other_department)
    url = reverse("plans:round-open", args=[plan.pk])
    response = client_for("office_staff").post(url, {"year": "2020", "due_on": "2021-01-31"})
    assert response.status_code == 303
    opened = ReportingRound.objects.get(plan=plan, year=2020)
    assert response["Location"] == reverse("plans:round-detail", args=[opened.pk])
    assert AnnualRecord.objects.filter(year=2020).count() == 4


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"year": "2019", "due_on": "2020-01-31"}, "year"),  # already open
        ({"year": "2030", "due_on": "2031-01-31"}, "year"),  # outside the plan
        ({"year": "abc", "due_on": "2020-01-31"}, "year"),
        ({"year": "2020", "due_on": "31/01/2021"}, "due_on"),
    ],
)
def test_round_open_errors_are_at_the_fields(client_for, users, department, other_department, data, field):
    office = users["office_staff"]
    plan, _round = make_plan(office, department, other_department)
    response = client_for("office_staff").post(reverse("plans:round-open", args=[plan.pk]), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert f'value="{data["year"]}"' in response.content.decode()
    assert ReportingRound.objects.count() == 1


# ---------------------------------------------------------------- the department's one-page formset


def test_department_page_shows_every_record_in_one_formset(client_for, world):
    response = client_for("official").get(urls(world)["department-records"])
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    assert response.context["formset"].total_form_count() == 3
    for index, record in enumerate(world["records"]):
        assert f'name="form-{index}-record" value="{record.pk}"' in body
        assert f'name="form-{index}-version" value="{record.version}"' in body
    assert world["other_record"].task.code not in body
    assert 'value="save"' in body
    assert 'value="submit"' in body


def test_save_all_saves_every_changed_record(client_for, world):
    records = world["records"]
    changes = {records[0].pk: good(1), records[2].pk: good(3)}
    response = client_for("official").post(urls(world)["department-records"], formset_data(records, "save", changes))
    assert response.status_code == 303
    first, second, third = (AnnualRecord.objects.get(pk=r.pk) for r in records)
    assert first.progress == 50
    assert first.budget_executed == 900_000
    assert first.narrative.startswith("과제 1")
    assert third.planned_activities == "저상버스 3대 도입"
    assert first.version == records[0].version + 1
    assert second.version == records[1].version  # unchanged: not saved
    assert {r.review_state for r in (first, second, third)} == {ReviewState.DRAFT}


def test_save_and_submit_all(client_for, world):
    records = world["records"]
    changes = {r.pk: good(i) for i, r in enumerate(records)}
    client = client_for("official")
    response = client.post(urls(world)["department-records"], formset_data(records, "submit", changes))
    assert response.status_code == 303
    saved = list(AnnualRecord.objects.filter(pk__in=[r.pk for r in records]))
    assert {r.review_state for r in saved} == {ReviewState.SUBMITTED}
    assert {r.submitted_by.username for r in saved} == {"official"}
    page = client.get(urls(world)["department-records"])
    assert page.context["formset"].total_form_count() == 0
    body = page.content.decode()
    assert body.count('data-state="submitted"') == 3
    assert "form-0-progress" not in body
    # Nothing is left to do.
    assert client.get(urls(world)["reporting"]).context["to_do"] == []


def test_bad_input_in_some_rows_saves_nothing_and_keeps_everything_typed(client_for, world):
    records = world["records"]
    changes = {
        records[0].pk: {**good(1), "progress": "150"},
        records[1].pk: {**good(2), "progress_status": "completed", "progress": "60"},
        records[2].pk: {**good(3), "budget_executed": "-5"},
    }
    before = snapshot()
    response = client_for("official").post(urls(world)["department-records"], formset_data(records, "save", changes))
    assert response.status_code == 400
    assert snapshot() == before
    forms = {
        form.cleaned_data.get("record") or int(form["record"].value()): form for form in response.context["formset"]
    }
    assert list(forms[records[0].pk].errors) == ["progress"]
    assert list(forms[records[1].pk].errors) == ["progress"]
    assert list(forms[records[2].pk].errors) == ["budget_executed"]
    body = response.content.decode()
    assert 'id="id_form-0-progress_error"' in body
    assert 'aria-invalid="true"' in body
    assert 'value="150"' in body
    assert 'value="-5"' in body
    for number in (1, 2, 3):
        assert f"과제 {number} 추진 실적: 상반기 도입 완료" in body
        assert f"저상버스 {number}대 도입" in body
    summary = response.context["summary_errors"]
    assert len(summary) == 3
    assert summary[0]["message"].startswith("1-1")
    assert summary[0]["anchor"] == "id_form-0-progress"
    assert "data-error-summary" in body
    assert 'href="#id_form-2-budget_executed"' in body


def test_submit_without_narrative_submits_nothing(client_for, world):
    records = world["records"]
    changes = {r.pk: good(i) for i, r in enumerate(records)}
    changes[records[1].pk]["narrative"] = ""
    before = snapshot()
    response = client_for("official").post(urls(world)["department-records"], formset_data(records, "submit", changes))
    assert response.status_code == 400
    assert snapshot() == before
    (error,) = response.context["summary_errors"]
    assert error["message"].startswith("1-2")
    assert error["anchor"] == "id_form-1-narrative"
    assert "과제 0 추진 실적" in response.content.decode()


def test_unparsable_numbers_are_field_errors(client_for, world):
    records = world["records"]
    changes = {records[0].pk: {"budget_planned": "백만원"}, records[1].pk: good(2)}
    before = snapshot()
    response = client_for("official").post(urls(world)["department-records"], formset_data(records, "save", changes))
    assert response.status_code == 400
    assert snapshot() == before
    assert "백만원" in response.content.decode()
    assert response.context["summary_errors"][0]["anchor"] == "id_form-0-budget_planned"


def test_stale_version_is_refused_with_a_clear_error(client_for, world):
    records = world["records"]
    data = formset_data(records, "save", {records[0].pk: good(1), records[1].pk: good(2)})
    # Somebody else (the office) saves the first record after the page was loaded.
    services.record_save(record=records[0], actor=world["office"], narrative="사무국이 먼저 수정")
    response = client_for("official").post(urls(world)["department-records"], data)
    assert response.status_code == 400
    assert "changed by someone else" in response.content.decode()
    assert AnnualRecord.objects.get(pk=records[0].pk).narrative == "사무국이 먼저 수정"
    assert AnnualRecord.objects.get(pk=records[1].pk).narrative == ""


def test_returned_record_shows_the_comment_and_can_be_fixed(client_for, world):
    office = world["office"]
    record = world["records"][0]
    services.record_save(record=record, actor=office, narrative="실적")
    record = services.record_submit(record=record, actor=office)
    record = services.record_return(record=record, actor=office, comment="진척률 근거를 적어 주세요.")
    client = client_for("official")
    page = client.get(urls(world)["department-records"])
    body = page.content.decode()
    assert "진척률 근거를 적어 주세요." in body
    assert body.index("진척률 근거를 적어 주세요.") < body.index(f'id="record-{record.pk}"')
    records = [record, *world["records"][1:]]
    response = client.post(
        urls(world)["department-records"],
        formset_data(records, "save", {record.pk: {"narrative": "근거: 이용 실적 보고서"}}),
    )
    assert response.status_code == 303
    assert AnnualRecord.objects.get(pk=record.pk).narrative == "근거: 이용 실적 보고서"


def test_submitted_and_confirmed_records_are_read_only(client_for, world):
    office = world["office"]
    first = world["records"][0]
    services.record_save(record=first, actor=office, narrative="확정된 실적")
    first = services.record_submit(record=first, actor=office)
    services.record_confirm(record=first, actor=office)
    response = client_for("official").get(urls(world)["department-records"])
    body = response.content.decode()
    assert response.context["formset"].total_form_count() == 2
    assert "확정된 실적" in body
    assert f'value="{first.pk}"' not in body


def test_closed_round_is_read_only(client_for, world):
    services.reporting_round_close(reporting_round=world["round"], actor=world["office"])
    client = client_for("official")
    assert client.get(urls(world)["department-records"]).context["formset"].total_form_count() == 0
    before = snapshot()
    records = world["records"]
    response = client.post(urls(world)["department-records"], formset_data(records, "save", {records[0].pk: good(1)}))
    assert response.status_code == 400
    assert snapshot() == before


def test_office_fills_any_department_page(client_for, world):
    url = reverse("plans:department-records", args=[world["round"].pk, "urban"])
    record = world["other_record"]
    response = client_for("office_staff").post(url, formset_data([record], "submit", {record.pk: good(9)}))
    assert response.status_code == 303
    assert AnnualRecord.objects.get(pk=record.pk).review_state == ReviewState.SUBMITTED


# ---------------------------------------------------------------- the office's review


def _submitted(world, index=0):
    record = services.record_save(record=world["records"][index], actor=world["office"], narrative="실적")
    return services.record_submit(record=record, actor=world["office"])


def test_office_confirms_from_the_department_page(client_for, world):
    record = _submitted(world)
    client = client_for("office_staff")
    page = client.get(urls(world)["department-records"]).content.decode()
    assert f'action="{urls(world)["record-review"]}"' in page
    response = client.post(urls(world)["record-review"], {"decision": "confirm", "comment": ""})
    assert response.status_code == 303
    assert response["Location"].startswith(urls(world)["department-records"])
    record.refresh_from_db()
    assert record.review_state == ReviewState.CONFIRMED
    assert record.reviewed_by.username == "office"


def test_return_needs_a_comment(client_for, world):
    record = _submitted(world)
    response = client_for("office_staff").post(urls(world)["record-review"], {"decision": "return", "comment": " "})
    assert response.status_code == 400
    assert response.context["form"].errors["comment"]
    assert AnnualRecord.objects.get(pk=record.pk).review_state == ReviewState.SUBMITTED
    response = client_for("office_staff").post(
        urls(world)["record-review"], {"decision": "return", "comment": "예산 집행 증빙 보완"}
    )
    assert response.status_code == 303
    record.refresh_from_db()
    assert record.review_state == ReviewState.RETURNED
    assert record.office_comment == "예산 집행 증빙 보완"


def test_review_of_a_draft_is_an_error_not_a_crash(client_for, world):
    response = client_for("office_staff").post(urls(world)["record-review"], {"decision": "confirm"})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    response = client_for("office_staff").post(urls(world)["record-review"], {"decision": "approve"})
    assert response.status_code == 400


# ---------------------------------------------------------------- query counts


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["official", "office_staff"])
def test_query_counts_do_not_grow_with_records(client_for, users, department, other_department, role):
    office = users["office_staff"]
    _plan, small = make_plan(office, department, other_department, tasks=3, title="작은 계획")
    _plan, large = make_plan(office, department, other_department, tasks=20, title="큰 계획")
    client = client_for(role)
    for name in ("department-records", "round-detail"):

        def url(reporting_round, name=name):
            if name == "department-records":
                return reverse("plans:department-records", args=[reporting_round.pk, "welfare"])
            return reverse("plans:round-detail", args=[reporting_round.pk])

        assert _count(client, url(small)) == _count(client, url(large))


def test_pinned_query_counts(client_for, world, django_assert_num_queries):
    _submitted(world, 1)
    office = client_for("office_staff")
    office.get(urls(world)["reporting"])  # warm the content-type cache
    # session, user with roles; open rounds, completion (one per round), plans
    with django_assert_num_queries(5):
        assert office.get(urls(world)["reporting"]).status_code == 200
    # session, user with roles; round, completion
    with django_assert_num_queries(4):
        assert office.get(urls(world)["round-detail"]).status_code == 200
    # session, user with roles; round, department, records
    with django_assert_num_queries(5):
        assert office.get(urls(world)["department-records"]).status_code == 200
    official = client_for("official")
    # session, user with roles, department; open rounds, to-do
    with django_assert_num_queries(5):
        assert official.get(urls(world)["reporting"]).status_code == 200
