"""Who may call each impact endpoint: every endpoint by every role, table-driven."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from humanrights_portal.core.models import AuditEvent
from impact import services
from plans import services as plans_services
from tests.factories import png_bytes
from tests.impact.api.conftest import API, ROLES, STAFF

pytestmark = pytest.mark.django_db

A = f"{API}/impact-assessments"


def _first_criterion(assessment):
    return assessment.answers.order_by("criterion__number").first().criterion


def _finding(assessment, office):
    return services.finding_save(
        assessment=assessment, actor=office, finding="차별 소지 조항", recommendation="조항을 삭제할 것"
    )


def _draft(office):
    return services.template_create(actor=office, subject_type="ordinance", title="조례 체크리스트 개정판")


def _setup(name, walk, users):
    """(method, url, data, format) of one call, with the data it needs put in place."""
    office, official = users["office_staff"], users["official"]
    if name == "request":
        data = {"department": "welfare", "subject_type": "ordinance", "title": "장애인 조례", "revision_kind": "new"}
        return "post", f"{A}/", data, "json"
    if name == "update":
        return "patch", f"{A}/{walk('requested').pk}/", {"title": "장애인 일자리 조례 전부개정안"}, "json"
    if name == "start":
        return "post", f"{A}/{walk('requested').pk}/start/", {"expected_status": "requested"}, "json"
    if name == "withdraw":
        return "post", f"{A}/{walk('requested').pk}/withdraw/", {"reason": "조례안 철회"}, "json"
    if name == "assign":
        return "post", f"{A}/{walk('in_assessment').pk}/assign/", {"assessor": office.pk}, "json"
    if name == "checklist":
        assessment = walk("in_assessment")
        criterion = _first_criterion(assessment)
        data = {"answers": [{"criterion": criterion.pk, "answer": "yes", "note": ""}]}
        return "put", f"{A}/{assessment.pk}/checklist/", data, "json"
    if name == "finding-create":
        data = {"finding": "외국인 주민 제외", "recommendation": "지원 대상에 포함할 것"}
        return "post", f"{A}/{walk('in_assessment').pk}/findings/", data, "json"
    if name == "finding-update":
        finding = _finding(walk("in_assessment"), office)
        return "patch", f"{API}/impact-findings/{finding.pk}/", {"recommendation": "제3조를 개정할 것"}, "json"
    if name == "finding-delete":
        finding = _finding(walk("in_assessment"), office)
        return "delete", f"{API}/impact-findings/{finding.pk}/", None, "json"
    if name == "attachments":
        upload = SimpleUploadedFile("현장사진.png", png_bytes(), content_type="image/png")
        return "post", f"{A}/{walk('in_assessment').pk}/attachments/", {"attachments": [upload]}, "multipart"
    if name == "issue-findings":
        assessment = walk("in_assessment")
        answers = {row.criterion_id: {"answer": "yes", "note": ""} for row in assessment.answers.all()}
        services.checklist_save(assessment=assessment, actor=office, answers=answers)
        return "post", f"{A}/{assessment.pk}/issue-findings/", {"summary": "차별 소지 없음"}, "json"
    if name == "finding-response":
        finding = walk("findings_issued").findings.get()
        data = {"response": "accepted", "reason": "개정안에 반영"}
        return "post", f"{API}/impact-findings/{finding.pk}/response/", data, "json"
    if name == "submit-responses":
        assessment = walk("findings_issued")
        finding = assessment.findings.get()
        services.responses_save(
            assessment=assessment, actor=official, responses={finding.pk: {"response": "accepted", "reason": ""}}
        )
        return "post", f"{A}/{assessment.pk}/submit-responses/", {}, "json"
    if name == "outcome":
        data = {"outcome": "revised", "outcome_on": timezone.localdate().isoformat(), "outcome_summary": "개정함"}
        return "post", f"{A}/{walk('responded').pk}/outcome/", data, "json"
    if name == "send-to-committee":
        return "post", f"{A}/{walk('outcome_recorded').pk}/send-to-committee/", {}, "json"
    if name == "review":
        assessment = walk("committee_review")
        committee = plans_services.committee_save(actor=office, name="인권증진시민위원회", organisation="광주광역시")
        data = {"committee": committee.pk, "conclusion": "agreed", "text": "개정 결과에 동의함"}
        return "post", f"{A}/{assessment.pk}/reviews/", data, "json"
    if name == "close":
        return "post", f"{A}/{walk('outcome_recorded').pk}/close/", {"public_summary": "개정됨"}, "json"
    if name == "template-create":
        data = {"subject_type": "event", "title": "공공행사 인권영향평가 체크리스트"}
        return "post", f"{API}/checklist-templates/", data, "json"
    if name == "template-update":
        return "patch", f"{API}/checklist-templates/{_draft(office).pk}/", {"title": "개정 체크리스트"}, "json"
    if name == "template-publish":
        return "post", f"{API}/checklist-templates/{_draft(office).pk}/publish/", {}, "json"
    if name == "criterion-create":
        data = {"section": "아동", "text": "아동의 의견을 듣는 절차가 있는가?"}
        return "post", f"{API}/checklist-templates/{_draft(office).pk}/criteria/", data, "json"
    if name == "criterion-update":
        criterion = _draft(office).criteria.first()
        return "patch", f"{API}/checklist-criteria/{criterion.pk}/", {"text": "바뀐 기준"}, "json"
    if name == "criterion-delete":
        criterion = _draft(office).criteria.first()
        return "delete", f"{API}/checklist-criteria/{criterion.pk}/", None, "json"
    raise AssertionError(name)


OFFICE = {"office_staff"}
DEPARTMENT_AND_OFFICE = {"official", "office_staff"}
#: Who may call each write endpoint, and the status of a success.
WRITES = {
    "request": (DEPARTMENT_AND_OFFICE, 201),
    "update": (DEPARTMENT_AND_OFFICE, 200),
    "start": (OFFICE, 200),
    "withdraw": (DEPARTMENT_AND_OFFICE, 200),
    "assign": (OFFICE, 200),
    "checklist": (OFFICE, 200),
    "finding-create": (OFFICE, 201),
    "finding-update": (OFFICE, 200),
    "finding-delete": (OFFICE, 204),
    "attachments": (DEPARTMENT_AND_OFFICE, 201),
    "issue-findings": (OFFICE, 200),
    "finding-response": ({"official"}, 200),
    "submit-responses": ({"official"}, 200),
    "outcome": (DEPARTMENT_AND_OFFICE, 200),
    "send-to-committee": (OFFICE, 200),
    "review": ({"committee_member", "office_staff"}, 201),
    "close": (OFFICE, 200),
    "template-create": (OFFICE, 201),
    "template-update": (OFFICE, 200),
    "template-publish": (OFFICE, 200),
    "criterion-create": (OFFICE, 201),
    "criterion-update": (OFFICE, 200),
    "criterion-delete": (OFFICE, 204),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", list(WRITES))
def test_writes_per_role(api_client_for, walk, users, private_media, role, endpoint):
    allowed, success = WRITES[endpoint]
    method, url, data, fmt = _setup(endpoint, walk, users)
    before = AuditEvent.objects.count()
    response = getattr(api_client_for(role), method)(url, data, format=fmt)
    if role in allowed:
        assert response.status_code == success, response.content
        assert AuditEvent.objects.count() > before
    else:
        assert response.status_code == 403, (response.status_code, response.content)
        assert "detail" in response.json()
        assert AuditEvent.objects.count() == before


# ---------------------------------------------------------------- reads


def _public_reads(walk, checklists):
    closed = walk("closed")
    criterion = checklists["ordinance"].criteria.first()
    return {
        "assessment-list": f"{A}/",
        "assessment-detail": f"{A}/{closed.pk}/",
        "finding-list": f"{A}/{closed.pk}/findings/",
        "template-list": f"{API}/checklist-templates/",
        "template-detail": f"{API}/checklist-templates/{checklists['ordinance'].pk}/",
        "criterion-detail": f"{API}/checklist-criteria/{criterion.pk}/",
        "statistics": f"{API}/impact/statistics/",
    }


@pytest.mark.parametrize("role", ROLES)
def test_public_reads_are_open_to_everyone(api_client_for, walk, checklists, role):
    api = api_client_for(role)
    for name, url in _public_reads(walk, checklists).items():
        response = api.get(url)
        assert response.status_code == 200, (name, response.content)


@pytest.mark.parametrize("role", ROLES)
def test_assessments_in_progress_are_for_staff_only(api_client_for, walk, role):
    assessment = walk("findings_issued")
    closed = walk("closed")
    api = api_client_for(role)
    detail = api.get(f"{A}/{assessment.pk}/")
    findings = api.get(f"{A}/{assessment.pk}/findings/")
    reviews = api.get(f"{A}/{closed.pk}/reviews/")
    listed = [row["id"] for row in api.get(f"{A}/").json()["results"]]
    if role in STAFF:
        assert (detail.status_code, findings.status_code, reviews.status_code) == (200, 200, 200)
        assert sorted(listed) == sorted([assessment.pk, closed.pk])
        assert len(reviews.json()) == 1
    else:
        assert (detail.status_code, findings.status_code, reviews.status_code) == (404, 404, 403)
        assert listed == [closed.pk]


def test_the_public_sees_closed_assessments_without_staff_fields(api_client_for, walk, users):
    closed = walk("closed")
    public = api_client_for(None).get(f"{A}/{closed.pk}/").json()
    for hidden in ("assessor", "requested_by", "answers", "events", "reviews", "attachments", "stage_deadline"):
        assert hidden not in public
    assert public["public_summary"] == "외국인 주민을 지원 대상에 포함하도록 개정됨"
    assert public["outcome"] == "revised"
    assert public["findings"][0]["response"] == "accepted"
    assert "responded_by" not in public["findings"][0]
    row = api_client_for(None).get(f"{A}/").json()["results"][0]
    assert "assessor" not in row
    assert row["code"] == closed.code
    staff = api_client_for("committee_member").get(f"{A}/{closed.pk}/").json()
    assert staff["assessor"]["username"] == users["office_staff"].username
    assert [section["title"] for section in staff["answers"]] == ["평등·차별금지", "장애인 접근성", "개인정보·사생활"]
    assert staff["answers"][0]["rows"][0]["answer"] == "no"
    assert staff["progress"] == {"total": 3, "answered": 3, "yes": 2, "no": 1, "partly": 0, "not_applicable": 0}
    assert [event["to_status"] for event in staff["events"]][-1] == "closed"
    assert staff["reviews"][0]["conclusion"] == "agreed"
    assert staff["findings"][0]["responded_by"]["username"] == users["official"].username


def test_unknown_ids_give_404(api_client_for, walk):
    api = api_client_for("office_staff")
    for url in (
        f"{A}/999999/",
        f"{A}/2147483647/findings/",
        f"{A}/999999/reviews/",
        f"{API}/checklist-templates/999999/",
        f"{API}/checklist-criteria/999999/",
    ):
        assert api.get(url).status_code == 404, url
    for url in (
        f"{A}/999999/start/",
        f"{A}/999999/checklist/",
        f"{A}/999999/close/",
        f"{API}/impact-findings/999999/response/",
        f"{API}/checklist-templates/999999/publish/",
    ):
        assert api.post(url, {}, format="json").status_code == 404, url
    assert api.patch(f"{API}/impact-findings/999999/", {}, format="json").status_code == 404
    assert api.delete(f"{API}/checklist-criteria/999999/").status_code == 404


def test_other_department_may_read_but_not_act(api_client_for, walk):
    assessment = walk("findings_issued")
    finding = assessment.findings.get()
    api = api_client_for("other_official")
    assert api.get(f"{A}/{assessment.pk}/").status_code == 200
    response = api.post(
        f"{API}/impact-findings/{finding.pk}/response/", {"response": "rejected", "reason": "남의 일"}, format="json"
    )
    assert response.status_code == 403
    finding.refresh_from_db()
    assert finding.response == ""
    request = api.post(
        f"{A}/",
        {"department": "welfare", "subject_type": "policy", "title": "남의 부서 정책"},
        format="json",
    )
    assert request.status_code == 403


def test_dates_are_plain_iso(api_client_for, walk):
    closed = walk("closed")
    data = api_client_for(None).get(f"{A}/{closed.pk}/").json()
    assert datetime.date.fromisoformat(data["closed_on"]) == timezone.localdate()


@pytest.mark.parametrize("role", [None, "office_staff"])
def test_the_browsable_api_renders(api_client_for, walk, checklists, role):
    closed = walk("closed")
    api = api_client_for(role)
    for url in (
        f"{A}/",
        f"{A}/{closed.pk}/",
        f"{A}/{closed.pk}/findings/",
        f"{API}/checklist-templates/",
        f"{API}/checklist-templates/{checklists['ordinance'].pk}/",
        f"{API}/impact/statistics/",
    ):
        response = api.get(url, HTTP_ACCEPT="text/html")
        assert response.status_code == 200, url
