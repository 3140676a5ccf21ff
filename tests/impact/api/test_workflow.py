"""The impact API end to end: a request walked through every action, bad input, stale statuses, queries."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from impact import services
from impact.models import Assessment, AssessmentAttachment, CriterionAnswer, Finding
from plans import services as plans_services
from tests.factories import area_of, plan_adopted, png_bytes, task_of
from tests.impact.api.conftest import API

pytestmark = pytest.mark.django_db

A = f"{API}/impact-assessments"


def test_a_request_walks_the_whole_workflow(api_client_for, users, checklists, department, private_media):
    office, official, member = (api_client_for(name) for name in ("office_staff", "official", "committee_member"))
    plan = plan_adopted(actor=users["office_staff"])
    task = task_of(area_of(plan, actor=users["office_staff"]), actor=users["office_staff"], department=department)
    requested = official.post(
        f"{A}/",
        {
            "department": "welfare",
            "subject_type": "ordinance",
            "title": "광주광역시 장애인 일자리 지원 조례 일부개정조례안",
            "revision_kind": "partial",
            "article_numbers": "제3조",
            "legislative_notice_start": "2026-01-05",
            "legislative_notice_end": "2026-01-25",
            "address": "무시되는 주소",
            "related_tasks": [task.pk],
        },
        format="json",
    )
    assert requested.status_code == 201, requested.content
    body = requested.json()
    pk = body["id"]
    assert body["status"] == "requested"
    assert body["code"].startswith("HRIA-")
    assert body["address"] == ""  # fields of other subject types are cleared
    assert body["related_tasks"] == [{"id": task.pk, "code": task.code, "title": task.title}]
    assert body["allowed_transitions"] == ["in_assessment", "withdrawn"]

    started = office.post(f"{A}/{pk}/start/", {"expected_status": "requested"}, format="json").json()
    assert started["status"] == "in_assessment"
    assert started["checklist"]["id"] == checklists["ordinance"].pk
    criteria = [row["criterion"]["id"] for section in started["answers"] for row in section["rows"]]
    assert len(criteria) == 3
    assert started["progress"]["answered"] == 0

    answers = [{"criterion": criteria[0], "answer": "no", "note": "외국인 주민이 제외됨"}] + [
        {"criterion": criterion, "answer": "yes"} for criterion in criteria[1:]
    ]
    saved = office.put(f"{A}/{pk}/checklist/", {"answers": answers}, format="json")
    assert saved.status_code == 200, saved.content
    assert saved.json()["progress"]["no"] == 1
    finding = office.post(
        f"{A}/{pk}/findings/",
        {"criterion": criteria[0], "finding": "제3조에서 외국인 주민 제외", "recommendation": "포함하도록 개정"},
        format="json",
    )
    assert finding.status_code == 201, finding.content
    finding_id = finding.json()["id"]
    assert finding.json()["criterion_number"] == 1
    upload = SimpleUploadedFile("조례안.png", png_bytes(), content_type="image/png")
    attached = office.post(
        f"{A}/{pk}/attachments/", {"attachments": [upload], "criterion": criteria[0]}, format="multipart"
    )
    assert attached.status_code == 201, attached.content
    assert attached.json()[0]["download_url"] == f"/impact/{pk}/attachments/{attached.json()[0]['id']}/"
    issued = office.post(
        f"{A}/{pk}/issue-findings/", {"summary": "차별 소지 1건", "expected_status": "in_assessment"}, format="json"
    )
    assert issued.status_code == 200, issued.content
    assert issued.json()["status"] == "findings_issued"

    responded = official.post(
        f"{API}/impact-findings/{finding_id}/response/",
        {"response": "partially_accepted", "reason": "예산 사정으로 일부만 반영"},
        format="json",
    )
    assert responded.status_code == 200, responded.content
    assert responded.json()["response"] == "partially_accepted"
    submitted = official.post(f"{A}/{pk}/submit-responses/", {"note": "검토 완료"}, format="json")
    assert submitted.json()["status"] == "responded"
    outcome = official.post(
        f"{A}/{pk}/outcome/",
        {
            "outcome": "partially_revised",
            "outcome_on": timezone.localdate().isoformat(),
            "outcome_summary": "일부 개정",
        },
        format="json",
    )
    assert outcome.status_code == 200, outcome.content
    assert outcome.json()["outcome"] == "partially_revised"
    assert office.post(f"{A}/{pk}/send-to-committee/", {}, format="json").json()["status"] == "committee_review"
    committee = plans_services.committee_save(
        actor=users["office_staff"], name="인권증진시민위원회", organisation="광주광역시"
    )
    review = member.post(
        f"{A}/{pk}/reviews/",
        {"committee": committee.pk, "conclusion": "further_action", "text": "나머지 조항도 개정 필요"},
        format="json",
    )
    assert review.status_code == 201, review.content
    assert review.json()["author"]["username"] == users["committee_member"].username
    closed = office.post(f"{A}/{pk}/close/", {"public_summary": "일부 개정됨", "note": "종결"}, format="json")
    assert closed.json()["status"] == "closed"
    public = api_client_for(None).get(f"{A}/{pk}/").json()
    assert public["public_summary"] == "일부 개정됨"
    assert public["outcome"] == "partially_revised"
    assert [event["to_status"] for event in closed.json()["events"]] == [
        "requested",
        "in_assessment",
        "findings_issued",
        "responded",
        "outcome_recorded",
        "committee_review",
        "closed",
    ]


def test_findings_are_edited_and_deleted_while_assessing(api_client_for, walk, users):
    assessment = walk("in_assessment")
    api = api_client_for("office_staff")
    created = api.post(
        f"{A}/{assessment.pk}/findings/", {"finding": "전반적 검토", "recommendation": "용어 정비"}, format="json"
    ).json()
    assert created["criterion"] is None
    criterion = assessment.answers.order_by("criterion__number").last().criterion
    changed = api.patch(
        f"{API}/impact-findings/{created['id']}/",
        {"criterion": criterion.pk, "finding": "개인정보 조항"},
        format="json",
    ).json()
    assert (changed["criterion"], changed["finding"], changed["recommendation"]) == (
        criterion.pk,
        "개인정보 조항",
        "용어 정비",
    )
    listed = api.get(f"{A}/{assessment.pk}/findings/").json()
    assert [row["id"] for row in listed] == [created["id"]]
    assert api.delete(f"{API}/impact-findings/{created['id']}/").status_code == 204
    assert not Finding.objects.filter(pk=created["id"]).exists()


def test_assign_and_withdraw(api_client_for, walk, users):
    office = api_client_for("office_staff")
    assessment = walk("in_assessment")
    assigned = office.post(f"{A}/{assessment.pk}/assign/", {"assessor": users["office_staff"].pk}, format="json")
    assert assigned.json()["assessor"]["id"] == users["office_staff"].pk
    refused = office.post(f"{A}/{assessment.pk}/assign/", {"assessor": users["official"].pk}, format="json")
    assert refused.status_code == 400
    assert "assessor" in refused.json()
    unknown = office.post(f"{A}/{assessment.pk}/assign/", {"assessor": 2147483647}, format="json")
    assert unknown.status_code == 400
    assert "assessor" in unknown.json()
    requested = walk("requested")
    withdrawn = api_client_for("official").post(
        f"{A}/{requested.pk}/withdraw/", {"reason": "조례안 철회", "expected_status": "requested"}, format="json"
    )
    assert withdrawn.json()["status"] == "withdrawn"
    no_reason = office.post(f"{A}/{walk('requested').pk}/withdraw/", {"reason": "  "}, format="json")
    assert no_reason.status_code == 400
    assert "reason" in no_reason.json()


# ---------------------------------------------------------------- stale statuses


def test_a_stale_expected_status_gives_409_and_changes_nothing(api_client_for, walk):
    assessment = walk("in_assessment")
    api = api_client_for("office_staff")
    response = api.post(f"{A}/{assessment.pk}/start/", {"expected_status": "requested"}, format="json")
    assert response.status_code == 409
    assert response.json()["status"] == "in_assessment"
    assert "detail" in response.json()
    closing = api.post(
        f"{A}/{assessment.pk}/close/", {"public_summary": "", "expected_status": "outcome_recorded"}, format="json"
    )
    assert closing.status_code == 409
    assessment.refresh_from_db()
    assert assessment.status == "in_assessment"
    # Without expected_status (or with the right one) a transition out of order is a plain 400.
    wrong = api.post(f"{A}/{assessment.pk}/send-to-committee/", {}, format="json")
    assert wrong.status_code == 400
    assert "non_field_errors" in wrong.json()
    same = api.post(f"{A}/{assessment.pk}/send-to-committee/", {"expected_status": "in_assessment"}, format="json")
    assert same.status_code == 400
    bogus = api.post(f"{A}/{assessment.pk}/start/", {"expected_status": "lost"}, format="json")
    assert bogus.status_code == 400
    assert "expected_status" in bogus.json()


# ---------------------------------------------------------------- bad input


def test_bad_requests_give_field_errors(api_client_for, checklists):
    api = api_client_for("office_staff")
    response = api.post(
        f"{A}/",
        {
            "department": "nowhere",
            "subject_type": "castle",
            "title": "",
            "legislative_notice_start": "soon",
            "expected_attendance": -1,
            "step_free_entrance": "maybe",
            "related_tasks": ["x"],
        },
        format="json",
    )
    assert response.status_code == 400
    assert {
        "department",
        "subject_type",
        "title",
        "legislative_notice_start",
        "expected_attendance",
        "step_free_entrance",
        "related_tasks",
    } <= set(response.json())
    building = api.post(
        f"{A}/", {"department": "welfare", "subject_type": "building", "title": "투표소"}, format="json"
    )
    assert building.status_code == 400
    assert {"address", "facility_use"} <= set(building.json())
    tasks = api.post(
        f"{A}/",
        {"department": "welfare", "subject_type": "policy", "title": "정책", "related_tasks": [999999]},
        format="json",
    )
    assert tasks.status_code == 400
    assert "related_tasks" in tasks.json()
    notice = api.post(
        f"{A}/",
        {
            "department": "welfare",
            "subject_type": "ordinance",
            "title": "조례",
            "revision_kind": "new",
            "legislative_notice_start": "2026-02-01",
            "legislative_notice_end": "2026-01-01",
        },
        format="json",
    )
    assert notice.status_code == 400
    assert "legislative_notice_end" in notice.json()
    for body in ([], "text", {"department": ["welfare"]}):
        assert api.post(f"{A}/", body, format="json").status_code == 400
    assert Assessment.objects.count() == 0


def test_bad_checklists_keep_the_service_keys(api_client_for, walk, checklists):
    assessment = walk("in_assessment")
    rows = list(assessment.answers.order_by("criterion__number"))
    api = api_client_for("office_staff")
    url = f"{A}/{assessment.pk}/checklist/"
    response = api.post(
        url,
        {
            "answers": [
                {"criterion": rows[0].criterion_id, "answer": "maybe"},
                {"criterion": rows[1].criterion_id, "answer": "no", "note": " "},
            ]
        },
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {f"answer-{rows[0].criterion_id}", f"note-{rows[1].criterion_id}"}
    other = checklists["building"].criteria.first()
    foreign = api.post(url, {"answers": [{"criterion": other.pk, "answer": "yes"}]}, format="json")
    assert foreign.status_code == 400
    assert "answers" in foreign.json()
    for body in (
        {"answers": "yes"},
        {"answers": [{"criterion": "first"}]},
        {"answers": [{"criterion": rows[0].criterion_id}, {"criterion": rows[0].criterion_id}]},
        {},
    ):
        bad = api.post(url, body, format="json")
        assert bad.status_code == 400, body
        assert "answers" in bad.json(), body
    assert not CriterionAnswer.objects.filter(assessment=assessment).exclude(answer="").exists()
    issued = api.post(f"{A}/{assessment.pk}/issue-findings/", {"summary": ""}, format="json")
    assert issued.status_code == 400
    assert {f"answer-{row.criterion_id}" for row in rows} | {"summary"} <= set(issued.json())


def test_bad_findings_responses_outcomes_and_reviews(api_client_for, walk, checklists, private_media):
    office = api_client_for("office_staff")
    assessment = walk("in_assessment")
    finding = office.post(
        f"{A}/{assessment.pk}/findings/",
        {"criterion": checklists["building"].criteria.first().pk, "finding": "", "recommendation": ""},
        format="json",
    )
    assert finding.status_code == 400
    assert {"criterion", "finding", "recommendation"} <= set(finding.json())
    missing = office.post(f"{A}/{assessment.pk}/findings/", {"criterion": 999999}, format="json")
    assert missing.status_code == 400
    not_a_file = office.post(f"{A}/{assessment.pk}/attachments/", {"attachments": "x"}, format="multipart")
    assert not_a_file.status_code == 400
    assert "attachments" in not_a_file.json()
    fake = SimpleUploadedFile("virus.png", b"MZ not an image", content_type="image/png")
    refused = office.post(f"{A}/{assessment.pk}/attachments/", {"attachments": [fake]}, format="multipart")
    assert refused.status_code == 400
    assert "attachments" in refused.json()
    assert not AssessmentAttachment.objects.exists()

    issued = walk("findings_issued")
    official = api_client_for("official")
    finding_id = issued.findings.get().pk
    rejected = official.post(
        f"{API}/impact-findings/{finding_id}/response/", {"response": "rejected", "reason": ""}, format="json"
    )
    assert rejected.status_code == 400
    assert set(rejected.json()) == {"reason"}
    unknown = official.post(f"{API}/impact-findings/{finding_id}/response/", {"response": "never"}, format="json")
    assert unknown.status_code == 400
    assert "response" in unknown.json()
    early = official.post(f"{A}/{issued.pk}/submit-responses/", {}, format="json")
    assert early.status_code == 400
    assert f"response-{finding_id}" in early.json()

    responded = walk("responded")
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    outcome = official.post(f"{A}/{responded.pk}/outcome/", {"outcome": "revised", "outcome_on": future}, format="json")
    assert outcome.status_code == 400
    assert {"outcome_on", "outcome_summary"} <= set(outcome.json())
    bad = official.post(f"{A}/{responded.pk}/outcome/", {"outcome": "maybe", "outcome_on": "x"}, format="json")
    assert bad.status_code == 400
    assert {"outcome", "outcome_on"} <= set(bad.json())

    review = walk("committee_review")
    member = api_client_for("committee_member")
    unknown_committee = member.post(
        f"{A}/{review.pk}/reviews/", {"committee": 999999, "conclusion": "agreed", "text": "동의"}, format="json"
    )
    assert unknown_committee.status_code == 400
    assert "committee" in unknown_committee.json()
    empty = member.post(f"{A}/{review.pk}/reviews/", {"committee": 1, "conclusion": "shrug"}, format="json")
    assert empty.status_code == 400
    assert {"conclusion", "text"} <= set(empty.json())
    no_review = office.post(f"{A}/{review.pk}/close/", {"public_summary": ""}, format="json")
    assert no_review.status_code == 400
    assert {"public_summary", "reviews"} <= set(no_review.json())


def test_updates_until_the_findings_are_issued(api_client_for, walk):
    api = api_client_for("official")
    requested = walk("requested")
    changed = api.patch(f"{A}/{requested.pk}/", {"title": "전부개정조례안", "article_numbers": "제1조"}, format="json")
    assert changed.status_code == 200
    assert (changed.json()["title"], changed.json()["article_numbers"]) == ("전부개정조례안", "제1조")
    blank = api.patch(f"{A}/{requested.pk}/", {"title": ""}, format="json")
    assert blank.status_code == 400
    assert "title" in blank.json()
    issued = walk("findings_issued")
    late = api.patch(f"{A}/{issued.pk}/", {"title": "늦은 수정"}, format="json")
    assert late.status_code == 400
    assert "non_field_errors" in late.json()


def test_list_filters_and_bad_filters(api_client_for, walk, users, other_department):
    closed = walk("closed")
    walk("requested")
    building = walk("findings_issued", subject_type="building", title="제1투표소")
    api = api_client_for("office_staff")

    def ids(**params):
        return [row["id"] for row in api.get(f"{A}/", params).json()["results"]]

    assert ids(status="closed") == [closed.pk]
    assert ids(subject_type="building", facility_use="polling_station") == [building.pk]
    assert ids(outcome="revised") == [closed.pk]
    assert ids(q="투표소") == [building.pk]
    assert len(ids(department="welfare", year=timezone.localdate().year)) == 3
    assert ids(department="urban") == []
    for params in ({"status": "lost"}, {"year": "soon"}, {"department": "nowhere"}):
        response = api.get(f"{A}/", params)
        assert response.status_code == 400
        assert set(params) <= set(response.json())


# ---------------------------------------------------------------- queries


@pytest.mark.parametrize(("role", "expected"), [(None, 2), ("office_staff", 2)])
def test_the_list_takes_a_fixed_number_of_queries(api_client_for, walk, django_assert_num_queries, role, expected):
    api = api_client_for(role)
    for _ in range(3):
        walk("closed")
    api.get(f"{A}/")  # the user's roles are read once and cached
    with django_assert_num_queries(expected):
        assert len(api.get(f"{A}/").json()["results"]) == 3
    for _ in range(7):
        walk("closed")
    with django_assert_num_queries(expected):
        assert len(api.get(f"{A}/").json()["results"]) == 10


def _closed_with(users, walk, private_media, findings: int, files: int):
    """A closed assessment with ``findings`` recommendations (all responded to) and ``files`` attachments."""
    office, official = users["office_staff"], users["official"]
    assessment = walk("in_assessment")
    rows = list(assessment.answers.all())
    services.checklist_save(
        assessment=assessment,
        actor=office,
        answers={row.criterion_id: {"answer": "partly", "note": "보완 필요"} for row in rows},
    )
    for number in range(findings):
        services.finding_save(
            assessment=assessment,
            actor=office,
            criterion=rows[number % len(rows)].criterion,
            finding=f"발견 {number}",
            recommendation=f"권고 {number}",
        )
    uploads = [SimpleUploadedFile(f"사진{n}.png", png_bytes(), content_type="image/png") for n in range(files)]
    if uploads:
        services.attachments_add(assessment=assessment, actor=office, uploads=uploads)
    services.findings_issue(assessment=assessment, actor=office, summary="요약")
    services.responses_save(
        assessment=assessment,
        actor=official,
        responses={finding.pk: {"response": "accepted", "reason": ""} for finding in assessment.findings.all()},
    )
    services.responses_submit(assessment=assessment, actor=official)
    services.outcome_record(
        assessment=assessment, actor=official, outcome="revised", outcome_on=timezone.localdate(), summary="개정"
    )
    return services.assessment_close(assessment=assessment, actor=office, public_summary="개정됨")


@pytest.mark.parametrize(("role", "expected"), [(None, 7), ("office_staff", 9)])
def test_the_detail_takes_a_fixed_number_of_queries(
    api_client_for, walk, users, private_media, django_assert_num_queries, role, expected
):
    api = api_client_for(role)
    small = _closed_with(users, walk, private_media, findings=1, files=0)
    large = _closed_with(users, walk, private_media, findings=6, files=3)
    api.get(f"{A}/{small.pk}/")
    with django_assert_num_queries(expected):
        small_body = api.get(f"{A}/{small.pk}/").json()
    with django_assert_num_queries(expected):
        large_body = api.get(f"{A}/{large.pk}/").json()
    assert (len(small_body["findings"]), len(large_body["findings"])) == (1, 6)
