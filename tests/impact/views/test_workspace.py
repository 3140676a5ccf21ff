"""One assessment's pages: the assessment page (staff and public), the office's workspace and every step
of the workflow. Permissions per role, happy paths through the views, bad input, query counts."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from impact import services
from impact.models import Assessment, AssessmentAttachment, AssessmentStatus, CriterionAnswer, Finding
from plans import services as plans_services
from tests.factories import assessment_in_status, checklist_published, png_bytes

pytestmark = pytest.mark.django_db

S = AssessmentStatus
TODAY = timezone.localdate()
ROLES = [
    None,
    "official",
    "other_official",
    "office_staff",
    "committee_member",
    "ombudsman",
    "administrator",
    "user_without_role",
]


@pytest.fixture(autouse=True)
def _english(settings):
    """The assertions read the English source strings; pages and services answer in English here."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def checklist(users):
    return checklist_published(actor=users["office_staff"])


@pytest.fixture
def make(users, checklist, private_media):
    """``make("findings_issued")``: an assessment of the official's department walked to that status."""

    def build(status, **fields):
        return assessment_in_status(
            status,
            office=users["office_staff"],
            department_official=users["official"],
            committee_member=users["committee_member"],
            **fields,
        )

    return build


def committee(office):
    return plans_services.committee_save(actor=office, name="광주광역시 인권증진시민위원회", organisation="광주광역시")


def rows_of(assessment):
    return list(
        CriterionAnswer.objects.filter(assessment=assessment).select_related("criterion").order_by("criterion__number")
    )


def attach(assessment, office):
    upload = SimpleUploadedFile("현장 사진.png", png_bytes(), content_type="image/png")
    return services.attachments_add(assessment=assessment, actor=office, uploads=[upload])[0]


# ---------------------------------------------------------------- permissions, every view x every role

#: view name → (status of the assessment, what the URL takes, expected GET status per role).
#: ``None`` is anonymous; 302 means "sent to the login page".
STAFF_200 = {
    "official": 200,
    "other_official": 200,
    "office_staff": 200,
    "committee_member": 200,
    "ombudsman": 200,
    "administrator": 200,
}
OFFICE_ONLY = {
    None: 302,
    "official": 403,
    "other_official": 403,
    "office_staff": 200,
    "committee_member": 403,
    "ombudsman": 403,
    "administrator": 403,
    "user_without_role": 403,
}
DEPARTMENT_ONLY = {**OFFICE_ONLY, "official": 200, "office_staff": 403, "user_without_role": 404}
DEPARTMENT_OR_OFFICE = {**OFFICE_ONLY, "official": 200, "user_without_role": 404}
MATRIX = {
    "assessment-detail": ("in_assessment", "assessment", {**STAFF_200, None: 404, "user_without_role": 404}),
    "assessment-start": ("requested", "assessment", OFFICE_ONLY),
    "assessment-assign": ("in_assessment", "assessment", OFFICE_ONLY),
    "checklist": ("in_assessment", "assessment", OFFICE_ONLY),
    "finding-create": ("in_assessment", "assessment", OFFICE_ONLY),
    "finding-edit": ("findings_issued", "finding", OFFICE_ONLY),
    "finding-delete": ("findings_issued", "finding", OFFICE_ONLY),
    "findings-issue": ("in_assessment", "assessment", OFFICE_ONLY),
    "respond": ("findings_issued", "assessment", DEPARTMENT_ONLY),
    "outcome": ("responded", "assessment", DEPARTMENT_OR_OFFICE),
    "committee-review-request": ("outcome_recorded", "assessment", OFFICE_ONLY),
    "review-create": ("committee_review", "assessment", {**OFFICE_ONLY, "committee_member": 200}),
    "assessment-close": ("outcome_recorded", "assessment", OFFICE_ONLY),
    "assessment-withdraw": ("requested", "assessment", DEPARTMENT_OR_OFFICE),
    "attachments-add": ("in_assessment", "assessment", DEPARTMENT_OR_OFFICE),
    "attachment-download": ("in_assessment", "attachment", {**STAFF_200, None: 302, "user_without_role": 403}),
}
CASES = [(view, role) for view in MATRIX for role in ROLES]


def url_for(view, assessment, users):
    kind = MATRIX[view][1]
    if kind == "finding":
        return reverse(f"impact:{view}", args=[assessment.findings.get().pk])
    if kind == "attachment":
        attachment = attach(assessment, users["office_staff"])
        return reverse(f"impact:{view}", args=[assessment.pk, attachment.pk])
    return reverse(f"impact:{view}", args=[assessment.pk])


@pytest.mark.parametrize(("view", "role"), CASES, ids=[f"{view}-{role}" for view, role in CASES])
def test_every_page_for_every_role(client_for, users, make, view, role):
    status, _kind, expected = MATRIX[view]
    assessment = make(status)
    url = url_for(view, assessment, users)
    response = client_for(role).get(url)
    assert response.status_code == expected[role]
    if expected[role] == 302:
        assert response["Location"].startswith(reverse("login"))


ACTION_VIEWS = [view for view in MATRIX if view not in ("assessment-detail", "attachment-download")]
FORBIDDEN_POSTS = [
    (view, role) for view in ACTION_VIEWS for role in ROLES if role is not None and MATRIX[view][2][role] in (403, 404)
]


@pytest.mark.parametrize(("view", "role"), FORBIDDEN_POSTS, ids=[f"{view}-{role}" for view, role in FORBIDDEN_POSTS])
def test_who_may_not_act_gets_4xx_and_nothing_changes(client_for, users, make, view, role):
    status, _kind, expected = MATRIX[view]
    assessment = make(status)
    url = url_for(view, assessment, users)
    before = Assessment.objects.filter(pk=assessment.pk).values().get()
    findings = Finding.objects.count()
    response = client_for(role).post(url, {"expected_status": status, "reason": "x", "public_summary": "x"})
    assert response.status_code == expected[role]
    assert Assessment.objects.filter(pk=assessment.pk).values().get() == before
    assert Finding.objects.count() == findings


def test_the_public_reads_a_closed_assessment_summary_only(client_for, make):
    assessment = make("closed")
    for role in (None, "user_without_role"):
        response = client_for(role).get(assessment.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert "외국인 주민을 지원 대상에 포함하도록 개정됨" in html  # public summary
        assert "지원 대상에 외국인 주민을 포함하도록 제3조를 개정할 것" in html  # recommendation
        assert "개정안에 반영" in html  # the department's response
        assert "Revised" in html
        assert "차별 소지가 있는 조항이 있음" not in html  # checklist note
        assert "data-assessor" not in html
        assert "impact-history" not in html
        assert "data-actions" not in html
        assert "attachments-title" not in html
        assert f"/impact/{assessment.pk}/attachments/" not in html


@pytest.mark.parametrize("status", ["requested", "in_assessment", "findings_issued", "committee_review", "withdrawn"])
def test_the_public_gets_404_before_closing(client, make, status):
    assert client.get(make(status).get_absolute_url()).status_code == 404


# ---------------------------------------------------------------- the assessment page for staff


def test_detail_shows_everything_and_only_the_allowed_actions(client_for, users, make):
    assessment = make("findings_issued")
    attach(assessment, users["office_staff"])
    url = assessment.get_absolute_url()

    official = client_for("official").get(url)
    html = official.content.decode()
    assert 'aria-current="step"' in html
    assert html.count('aria-current="step"') == 1
    assert reverse("impact:respond", args=[assessment.pk]) in html
    assert reverse("impact:assessment-start", args=[assessment.pk]) not in html
    assert "Welfare and Health Bureau" in official.context["next_step"]
    assert "차별 소지가 있는 조항이 있음" in html  # the checklist note
    assert "현장 사진.png" in html
    assert "data-assessor" in html
    assert "impact-history" in html

    other = client_for("other_official").get(url).content.decode()
    assert reverse("impact:respond", args=[assessment.pk]) not in other
    assert "data-actions" not in other

    office = client_for("office_staff").get(url).content.decode()
    assert reverse("impact:respond", args=[assessment.pk]) not in office
    assert reverse("impact:assessment-assign", args=[assessment.pk]) in office


@pytest.mark.parametrize(
    ("status", "role", "present", "absent"),
    [
        ("requested", "office_staff", ["assessment-start", "assessment-withdraw"], ["checklist", "respond"]),
        ("requested", "official", ["assessment-withdraw", "assessment-edit"], ["assessment-start"]),
        ("in_assessment", "office_staff", ["checklist", "finding-create", "findings-issue"], ["respond"]),
        ("responded", "official", ["outcome"], ["assessment-close"]),
        ("outcome_recorded", "office_staff", ["committee-review-request", "assessment-close"], ["outcome"]),
        ("committee_review", "committee_member", ["review-create"], ["assessment-close"]),
        ("committee_review", "ombudsman", [], ["review-create", "assessment-close"]),
        ("closed", "office_staff", [], ["assessment-close", "attachments-add", "assessment-assign"]),
    ],
)
def test_actions_follow_status_and_role(client_for, make, status, role, present, absent):
    assessment = make(status)
    html = client_for(role).get(assessment.get_absolute_url()).content.decode()
    for name in present:
        assert reverse(f"impact:{name}", args=[assessment.pk]) in html
    for name in absent:
        assert reverse(f"impact:{name}", args=[assessment.pk]) not in html


def test_overdue_stage_is_shown(client_for, users, checklist, private_media):
    from tests.factories import assessment_requested

    assessment = assessment_requested(actor=users["official"], department=users["official"].department)
    Assessment.objects.filter(pk=assessment.pk).update(stage_deadline=TODAY - datetime.timedelta(days=3))
    html = client_for("office_staff").get(assessment.get_absolute_url()).content.decode()
    assert "data-overdue" in html


def detail_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_detail_query_count_does_not_grow(client_for, users, make, django_assert_num_queries):
    office = users["office_staff"]
    client = client_for("office_staff")
    assessment = make("in_assessment")
    url = assessment.get_absolute_url()
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200
    rows = rows_of(assessment)
    services.checklist_save(
        assessment=assessment,
        actor=office,
        answers={row.criterion_id: {"answer": "no", "note": "미흡"} for row in rows},
    )
    for number in range(4):
        services.finding_save(
            assessment=assessment,
            actor=office,
            criterion=rows[0].criterion,
            finding=f"발견 {number}",
            recommendation="권고",
        )
        attach(assessment, office)
        services.assessment_assign(assessment=assessment, assessor=office, actor=office)
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200


def test_public_detail_query_count_is_constant(client, make, django_assert_num_queries):
    assessment = make("closed")
    with django_assert_num_queries(7):
        assert client.get(assessment.get_absolute_url()).status_code == 200


# ---------------------------------------------------------------- start and assign


def test_office_starts_an_assessment(client_for, users, make):
    assessment = make("requested")
    client = client_for("office_staff")
    page = client.get(reverse("impact:assessment-start", args=[assessment.pk]))
    assert 'name="expected_status" value="requested"' in page.content.decode()
    response = client.post(
        reverse("impact:assessment-start", args=[assessment.pk]),
        {"assessor": users["office_staff"].pk, "expected_status": "requested"},
    )
    assert response.status_code == 303
    assert response["Location"] == reverse("impact:checklist", args=[assessment.pk])
    assessment.refresh_from_db()
    assert assessment.status == S.IN_ASSESSMENT
    assert assessment.assessor == users["office_staff"]


def test_start_with_a_stale_status_is_a_400_with_a_message(client_for, users, make):
    assessment = make("requested")
    response = client_for("office_staff").post(
        reverse("impact:assessment-start", args=[assessment.pk]),
        {"assessor": users["office_staff"].pk, "expected_status": "in_assessment"},
    )
    assert response.status_code == 400
    assert "changed by someone else" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == S.REQUESTED


def test_start_refuses_an_assessor_outside_the_office(client_for, users, make):
    assessment = make("requested")
    response = client_for("office_staff").post(
        reverse("impact:assessment-start", args=[assessment.pk]),
        {"assessor": users["official"].pk, "expected_status": "requested"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["assessor"]


def test_office_changes_the_assessor(client_for, users, make):
    from humanrights_portal.core.roles import Role
    from tests.factories import UserFactory

    colleague = UserFactory(username="office2", roles=[Role.OFFICE_STAFF])
    assessment = make("in_assessment")
    response = client_for("office_staff").post(
        reverse("impact:assessment-assign", args=[assessment.pk]), {"assessor": colleague.pk}
    )
    assert response.status_code == 303
    assessment.refresh_from_db()
    assert assessment.assessor == colleague
    bad = client_for("office_staff").post(reverse("impact:assessment-assign", args=[assessment.pk]), {"assessor": "x"})
    assert bad.status_code == 400


# ---------------------------------------------------------------- the checklist


def checklist_data(rows, answers):
    data = {"action": "save"}
    for row, (answer, note) in zip(rows, answers, strict=True):
        data[f"answer-{row.criterion_id}"] = answer
        data[f"note-{row.criterion_id}"] = note
    return data


def test_checklist_page_has_a_fieldset_per_criterion(client_for, make):
    assessment = make("in_assessment")
    rows = rows_of(assessment)
    html = client_for("office_staff").get(reverse("impact:checklist", args=[assessment.pk])).content.decode()
    assert html.count("<fieldset") == len(rows)
    assert html.count("<legend") == len(rows)
    assert rows[0].criterion.text in html
    assert f'id="id_answer-{rows[0].criterion_id}_0"' in html
    assert f'id="id_note-{rows[0].criterion_id}"' in html
    assert reverse("impact:findings-issue", args=[assessment.pk]) in html


def test_checklist_saves_a_draft(client_for, make):
    assessment = make("in_assessment")
    rows = rows_of(assessment)
    data = checklist_data(rows, [("yes", ""), ("partly", "점자 안내 없음"), ("", "")])
    response = client_for("office_staff").post(reverse("impact:checklist", args=[assessment.pk]), data)
    assert response.status_code == 303
    assert [row.answer for row in rows_of(assessment)] == ["yes", "partly", ""]
    assert rows_of(assessment)[1].note == "점자 안내 없음"


def test_checklist_no_without_note_is_a_field_error_and_keeps_everything(client_for, make):
    assessment = make("in_assessment")
    rows = rows_of(assessment)
    data = checklist_data(rows, [("no", ""), ("yes", "경사로 있음"), ("partly", "일부 미흡")])
    response = client_for("office_staff").post(reverse("impact:checklist", args=[assessment.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    form = response.context["form"]
    assert list(form.errors) == [f"note-{rows[0].criterion_id}"]
    assert f'id="id_note-{rows[0].criterion_id}-error"' in html
    assert f'href="#id_note-{rows[0].criterion_id}"' in html  # the error summary links to the field
    assert "data-error-summary" in html
    assert re.search(rf'<input[^>]*id="id_answer-{rows[0].criterion_id}_1"[^>]*checked', html)
    assert "경사로 있음" in html
    assert "일부 미흡" in html
    assert [row.answer for row in rows_of(assessment)] == ["", "", ""]  # nothing saved


def test_checklist_invalid_choice_is_a_field_error(client_for, make):
    assessment = make("in_assessment")
    rows = rows_of(assessment)
    data = checklist_data(rows, [("maybe", ""), ("", ""), ("", "")])
    response = client_for("office_staff").post(reverse("impact:checklist", args=[assessment.pk]), data)
    assert response.status_code == 400
    assert f"answer-{rows[0].criterion_id}" in response.context["form"].errors
    assert f'href="#id_answer-{rows[0].criterion_id}_0"' in response.content.decode()


def test_checklist_after_findings_is_read_only(client_for, make):
    assessment = make("findings_issued")
    client = client_for("office_staff")
    page = client.get(reverse("impact:checklist", args=[assessment.pk]))
    assert page.status_code == 200
    assert "data-unavailable" in page.content.decode()
    rows = rows_of(assessment)
    response = client.post(
        reverse("impact:checklist", args=[assessment.pk]), checklist_data(rows, [("yes", "")] * len(rows))
    )
    assert response.status_code == 400
    assert "while the assessment is in progress" in response.content.decode()


def test_checklist_query_count_does_not_grow_with_criteria(client_for, users, private_media, django_assert_num_queries):
    office = users["office_staff"]
    checklist_published(actor=office)
    many = [("평등·차별금지", f"기준 {number}") for number in range(12)]
    checklist_published(actor=office, subject_type="regulation", criteria=many)
    client = client_for("office_staff")
    few = assessment_in_status("in_assessment", office=office, department_official=users["official"])
    lots = assessment_in_status(
        "in_assessment", office=office, department_official=users["official"], subject_type="regulation"
    )
    for assessment in (few, lots):
        with django_assert_num_queries(11):
            assert client.get(reverse("impact:checklist", args=[assessment.pk])).status_code == 200


# ---------------------------------------------------------------- findings


def test_office_adds_edits_and_deletes_a_finding(client_for, make):
    assessment = make("in_assessment")
    rows = rows_of(assessment)
    client = client_for("office_staff")
    page = client.get(reverse("impact:finding-create", args=[assessment.pk]) + f"?criterion={rows[1].criterion_id}")
    assert page.context["form"]["criterion"].value() == str(rows[1].criterion_id)
    created = client.post(
        reverse("impact:finding-create", args=[assessment.pk]),
        {"criterion": rows[1].criterion_id, "finding": "경사로 없음", "recommendation": "경사로를 설치할 것"},
    )
    assert created.status_code == 303
    finding = assessment.findings.get()
    assert finding.criterion_id == rows[1].criterion_id

    edited = client.post(
        reverse("impact:finding-edit", args=[finding.pk]),
        {"criterion": "", "finding": "경사로 없음", "recommendation": "주출입구에 경사로를 설치할 것"},
    )
    assert edited.status_code == 303
    finding.refresh_from_db()
    assert finding.criterion is None
    assert finding.recommendation == "주출입구에 경사로를 설치할 것"

    assert client.get(reverse("impact:finding-delete", args=[finding.pk])).status_code == 200
    assert client.post(reverse("impact:finding-delete", args=[finding.pk])).status_code == 303
    assert not assessment.findings.exists()


def test_finding_without_recommendation_keeps_what_was_typed(client_for, make):
    assessment = make("in_assessment")
    response = client_for("office_staff").post(
        reverse("impact:finding-create", args=[assessment.pk]),
        {"criterion": "", "finding": "안내 부족", "recommendation": " "},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["recommendation"]
    assert "안내 부족" in response.content.decode()
    assert not assessment.findings.exists()


def test_finding_on_a_criterion_of_another_checklist_is_refused(client_for, users, make):
    assessment = make("in_assessment")
    building = checklist_published(actor=users["office_staff"], subject_type="building")
    foreign = building.criteria.first()
    response = client_for("office_staff").post(
        reverse("impact:finding-create", args=[assessment.pk]),
        {"criterion": foreign.pk, "finding": "f", "recommendation": "r"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["criterion"]


def test_finding_of_an_issued_assessment_cannot_be_deleted(client_for, make):
    assessment = make("findings_issued")
    finding = assessment.findings.get()
    response = client_for("office_staff").post(reverse("impact:finding-delete", args=[finding.pk]))
    assert response.status_code == 400
    assert Finding.objects.filter(pk=finding.pk).exists()


def test_unknown_finding_is_404(client_for, make):
    make("in_assessment")
    assert client_for("office_staff").get(reverse("impact:finding-edit", args=[999999])).status_code == 404


# ---------------------------------------------------------------- issuing the findings


def test_issue_with_unanswered_criteria_links_back_to_the_checklist(client_for, make):
    assessment = make("in_assessment")
    rows = rows_of(assessment)
    response = client_for("office_staff").post(
        reverse("impact:findings-issue", args=[assessment.pk]),
        {"summary": "접근성 미흡 2건", "expected_status": "in_assessment"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    checklist_url = reverse("impact:checklist", args=[assessment.pk])
    for row in rows:
        assert f'href="{checklist_url}#id_answer-{row.criterion_id}_0"' in html
    assert "접근성 미흡 2건" in html  # the summary typed is kept
    assessment.refresh_from_db()
    assert assessment.status == S.IN_ASSESSMENT


def test_issue_without_summary_and_recommendation(client_for, users, make):
    assessment = make("in_assessment")
    rows = rows_of(assessment)
    services.checklist_save(
        assessment=assessment,
        actor=users["office_staff"],
        answers={row.criterion_id: {"answer": "no", "note": "미흡"} for row in rows},
    )
    response = client_for("office_staff").post(
        reverse("impact:findings-issue", args=[assessment.pk]), {"summary": "", "expected_status": "in_assessment"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["summary"]
    assert reverse("impact:finding-create", args=[assessment.pk]) in response.content.decode()


def test_office_issues_the_findings(client_for, users, make):
    assessment = make("in_assessment")
    rows = rows_of(assessment)
    services.checklist_save(
        assessment=assessment,
        actor=users["office_staff"],
        answers={row.criterion_id: {"answer": "yes", "note": ""} for row in rows},
    )
    response = client_for("office_staff").post(
        reverse("impact:findings-issue", args=[assessment.pk]),
        {"summary": "차별 소지 없음", "expected_status": "in_assessment"},
    )
    assert response.status_code == 303
    assessment.refresh_from_db()
    assert assessment.status == S.FINDINGS_ISSUED
    assert assessment.findings_summary == "차별 소지 없음"


# ---------------------------------------------------------------- the department's response


def respond_data(finding, response, reason, action="save", expected="findings_issued"):
    return {
        f"response-{finding.pk}": response,
        f"reason-{finding.pk}": reason,
        "action": action,
        "expected_status": expected,
    }


def test_department_saves_a_draft_then_sends(client_for, make):
    assessment = make("findings_issued")
    finding = assessment.findings.get()
    client = client_for("official")
    url = reverse("impact:respond", args=[assessment.pk])
    page = client.get(url).content.decode()
    assert f'id="id_response-{finding.pk}_0"' in page
    assert "<legend" in page
    draft = client.post(url, respond_data(finding, "partially_accepted", "예산 확보 후 반영"))
    assert draft.status_code == 303
    finding.refresh_from_db()
    assert finding.response == "partially_accepted"
    assessment.refresh_from_db()
    assert assessment.status == S.FINDINGS_ISSUED

    sent = client.post(url, respond_data(finding, "accepted", "", action="submit"))
    assert sent.status_code == 303
    assessment.refresh_from_db()
    assert assessment.status == S.RESPONDED
    finding.refresh_from_db()
    assert finding.response == "accepted"


def test_rejected_without_reason_is_a_field_error(client_for, make):
    assessment = make("findings_issued")
    finding = assessment.findings.get()
    response = client_for("official").post(
        reverse("impact:respond", args=[assessment.pk]), respond_data(finding, "rejected", "", action="submit")
    )
    assert response.status_code == 400
    assert f"reason-{finding.pk}" in response.context["form"].errors
    assert f'href="#id_reason-{finding.pk}"' in response.content.decode()
    finding.refresh_from_db()
    assert finding.response == ""


def test_failed_send_keeps_the_saved_draft(client_for, make):
    assessment = make("findings_issued")
    finding = assessment.findings.get()
    response = client_for("official").post(
        reverse("impact:respond", args=[assessment.pk]), respond_data(finding, "", "검토 중", action="submit")
    )
    assert response.status_code == 400
    assert response.context["draft_saved"]
    assert f"response-{finding.pk}" in response.context["form"].errors
    assert "검토 중" in response.content.decode()
    finding.refresh_from_db()
    assert finding.response_reason == "검토 중"
    assessment.refresh_from_db()
    assert assessment.status == S.FINDINGS_ISSUED


def test_send_with_a_stale_status(client_for, make):
    assessment = make("findings_issued")
    finding = assessment.findings.get()
    response = client_for("official").post(
        reverse("impact:respond", args=[assessment.pk]),
        respond_data(finding, "accepted", "", action="submit", expected="requested"),
    )
    assert response.status_code == 400
    assert "changed by someone else" in response.content.decode()


# ---------------------------------------------------------------- outcome, committee, closing, withdrawal


def test_outcome_in_the_future_is_refused_and_kept(client_for, make):
    assessment = make("responded")
    future = TODAY + datetime.timedelta(days=5)
    response = client_for("official").post(
        reverse("impact:outcome", args=[assessment.pk]),
        {
            "outcome": "revised",
            "outcome_on": future.isoformat(),
            "outcome_summary": "제3조 개정",
            "expected_status": "responded",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["outcome_on"]
    html = response.content.decode()
    assert future.isoformat() in html
    assert "제3조 개정" in html


def test_outcome_with_a_bad_date_is_a_field_error(client_for, make):
    assessment = make("responded")
    response = client_for("office_staff").post(
        reverse("impact:outcome", args=[assessment.pk]),
        {"outcome": "revised", "outcome_on": "2018-13-45", "outcome_summary": "x", "expected_status": "responded"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["outcome_on"]


def test_department_records_the_outcome(client_for, make):
    assessment = make("responded")
    response = client_for("official").post(
        reverse("impact:outcome", args=[assessment.pk]),
        {
            "outcome": "partially_revised",
            "outcome_on": TODAY.isoformat(),
            "outcome_summary": "제3조 개정",
            "expected_status": "responded",
        },
    )
    assert response.status_code == 303
    assessment.refresh_from_db()
    assert assessment.status == S.OUTCOME_RECORDED
    assert assessment.outcome == "partially_revised"


def test_office_puts_before_the_committee_and_a_member_reviews(client_for, users, make):
    assessment = make("outcome_recorded")
    response = client_for("office_staff").post(
        reverse("impact:committee-review-request", args=[assessment.pk]),
        {"note": "3월 정기회의 안건", "expected_status": "outcome_recorded"},
    )
    assert response.status_code == 303
    assessment.refresh_from_db()
    assert assessment.status == S.COMMITTEE_REVIEW

    body = committee(users["office_staff"])
    meeting = plans_services.meeting_record(
        committee=body, actor=users["office_staff"], held_on=TODAY, kind="regular", title="제3차 정기회의"
    )
    other = plans_services.committee_save(actor=users["office_staff"], name="다른 위원회", organisation="광주광역시")
    client = client_for("committee_member")
    url = reverse("impact:review-create", args=[assessment.pk])
    assert client.get(url).status_code == 200
    wrong = client.post(url, {"committee": other.pk, "meeting": meeting.pk, "conclusion": "agreed", "text": "동의"})
    assert wrong.status_code == 400
    assert wrong.context["form"].errors["meeting"]
    assert "동의" in wrong.content.decode()
    empty = client.post(url, {"committee": body.pk, "meeting": "", "conclusion": "", "text": ""})
    assert empty.status_code == 400
    assert set(empty.context["form"].errors) == {"conclusion", "text"}
    ok = client.post(
        url, {"committee": body.pk, "meeting": meeting.pk, "conclusion": "agreed", "text": "개정 결과에 동의함"}
    )
    assert ok.status_code == 303
    assert assessment.reviews.get().meeting == meeting


def test_close_needs_a_public_summary_and_a_review(client_for, users, make):
    assessment = make("outcome_recorded")
    services.committee_review_request(assessment=assessment, actor=users["office_staff"])
    client = client_for("office_staff")
    url = reverse("impact:assessment-close", args=[assessment.pk])
    response = client.post(url, {"public_summary": "", "expected_status": "committee_review"})
    assert response.status_code == 400
    assert response.context["form"].errors["public_summary"]
    assert reverse("impact:review-create", args=[assessment.pk]) in response.content.decode()


def test_office_closes_an_assessment(client_for, make):
    assessment = make("outcome_recorded")
    url = reverse("impact:assessment-close", args=[assessment.pk])
    client = client_for("office_staff")
    assert "제3조에 외국인 주민을 지원 대상으로 추가" in client.get(url).content.decode()  # prefilled
    response = client.post(url, {"public_summary": "외국인 주민 포함", "expected_status": "outcome_recorded"})
    assert response.status_code == 303
    assessment.refresh_from_db()
    assert assessment.status == S.CLOSED
    assert assessment.public_summary == "외국인 주민 포함"


def test_withdraw_needs_a_reason(client_for, make):
    assessment = make("requested")
    url = reverse("impact:assessment-withdraw", args=[assessment.pk])
    client = client_for("official")
    assert client.post(url, {"reason": " ", "expected_status": "requested"}).status_code == 400
    response = client.post(url, {"reason": "조례안 철회", "expected_status": "requested"})
    assert response.status_code == 303
    assessment.refresh_from_db()
    assert assessment.status == S.WITHDRAWN


def test_transition_pages_in_the_wrong_status_explain_and_refuse(client_for, make):
    assessment = make("requested")
    client = client_for("office_staff")
    page = client.get(reverse("impact:assessment-close", args=[assessment.pk]))
    assert page.status_code == 200
    assert "data-unavailable" in page.content.decode()
    response = client.post(
        reverse("impact:assessment-close", args=[assessment.pk]),
        {"public_summary": "요약", "expected_status": "requested"},
    )
    assert response.status_code == 400
    assert "요약" in response.content.decode()


# ---------------------------------------------------------------- evidence


def test_files_are_attached_and_downloaded(client_for, make):
    assessment = make("in_assessment")
    criterion = rows_of(assessment)[0].criterion
    client = client_for("official")
    url = reverse("impact:attachments-add", args=[assessment.pk])
    response = client.post(
        url,
        {
            "attachments": [
                SimpleUploadedFile("사진1.png", png_bytes(), content_type="image/png"),
                SimpleUploadedFile("사진2.png", png_bytes(), content_type="image/png"),
            ],
            "criterion": criterion.pk,
        },
    )
    assert response.status_code == 303
    attachments = list(AssessmentAttachment.objects.filter(assessment=assessment))
    assert len(attachments) == 2
    assert attachments[0].criterion == criterion

    download = client_for("committee_member").get(attachments[0].get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == png_bytes()


def test_a_file_that_is_not_a_document_is_a_field_error(client_for, make):
    assessment = make("in_assessment")
    response = client_for("office_staff").post(
        reverse("impact:attachments-add", args=[assessment.pk]),
        {"attachments": [SimpleUploadedFile("script.png", b"#!/bin/sh\necho", content_type="image/png")]},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["attachments"]
    assert not AssessmentAttachment.objects.exists()
    missing = client_for("office_staff").post(reverse("impact:attachments-add", args=[assessment.pk]), {})
    assert missing.status_code == 400


def test_attachment_of_another_assessment_is_404(client_for, users, make):
    first = make("in_assessment")
    second = make("in_assessment")
    attachment = attach(first, users["office_staff"])
    url = reverse("impact:attachment-download", args=[second.pk, attachment.pk])
    assert client_for("office_staff").get(url).status_code == 404
