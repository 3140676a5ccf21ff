"""Each service's rules and who may call it: requests, checklists, findings, responses, outcomes,
committee reviews, withdrawal, attachments and assignment."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from humanrights_portal.core.models import AuditEvent
from impact import services
from impact.models import AssessmentAttachment, AssessmentStatus, CommitteeReview, Finding
from plans.models import Committee, Meeting
from tests.factories import assessment_in_status, assessment_requested, checklist_published, png_bytes

pytestmark = pytest.mark.django_db

S = AssessmentStatus
ROLES = ["official", "other_official", "office_staff", "ombudsman", "committee_member", "administrator"]
ROLES += ["user_without_role"]
TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def checklists(office_staff):
    return {
        "ordinance": checklist_published(actor=office_staff),
        "building": checklist_published(actor=office_staff, subject_type="building"),
    }


@pytest.fixture
def make(office_staff, official, committee_member):
    def build(status, **fields):
        return assessment_in_status(
            status, office=office_staff, department_official=official, committee_member=committee_member, **fields
        )

    return build


@pytest.fixture
def committee(db):
    return Committee.objects.create(name="광주광역시 인권증진시민위원회", organisation="광주광역시")


def allowed(users, names, call):
    """Run ``call(user)`` for every role; return the names that were not refused."""
    passed = set()
    for name in names:
        try:
            call(users[name])
        except PermissionDenied:
            continue
        passed.add(name)
    return passed


# ---------------------------------------------------------------- permissions, role by role


def test_who_may_request_for_a_department(users, department):
    def call(user):
        assessment_requested(actor=user, department=department)

    assert allowed(users, ROLES, call) == {"official", "office_staff"}


def test_an_official_may_not_request_for_another_department(official, other_department):
    with pytest.raises(PermissionDenied):
        assessment_requested(actor=official, department=other_department)


def test_only_the_office_starts_answers_and_issues(users, make, checklists):
    for name in ROLES:
        if name == "office_staff":
            continue
        requested, in_assessment = make(S.REQUESTED), make(S.IN_ASSESSMENT)
        row = in_assessment.answers.first()
        with pytest.raises(PermissionDenied):
            services.assessment_start(assessment=requested, actor=users[name])
        with pytest.raises(PermissionDenied):
            services.checklist_save(assessment=in_assessment, actor=users[name], answers={row.criterion_id: {}})
        with pytest.raises(PermissionDenied):
            services.finding_save(assessment=in_assessment, actor=users[name], finding="f", recommendation="r")
        with pytest.raises(PermissionDenied):
            services.findings_issue(assessment=in_assessment, actor=users[name], summary="s")
        with pytest.raises(PermissionDenied):
            services.assessment_assign(assessment=in_assessment, actor=users[name], assessor=users["office_staff"])


def test_only_the_department_answers_the_findings(users, make):
    issued = make(S.FINDINGS_ISSUED)
    finding = issued.findings.get()

    def call(user):
        services.responses_save(
            assessment=issued, actor=user, responses={finding.pk: {"response": "accepted", "reason": ""}}
        )

    assert allowed(users, ROLES, call) == {"official"}  # not even the office answers for the department
    for name in ROLES:
        if name != "official":
            with pytest.raises(PermissionDenied):
                services.responses_submit(assessment=issued, actor=users[name])


def test_who_records_the_outcome(users, make):
    def call(user):
        services.outcome_record(
            assessment=make(S.RESPONDED), actor=user, outcome="not_revised", outcome_on=TODAY(), summary=""
        )

    assert allowed(users, ROLES, call) == {"official", "office_staff"}


def test_who_sends_to_the_committee_reviews_and_closes(users, make, committee):
    outcome = make(S.OUTCOME_RECORDED)
    review = make(S.COMMITTEE_REVIEW)
    for name in ROLES:
        if name == "office_staff":
            continue
        with pytest.raises(PermissionDenied):
            services.committee_review_request(assessment=outcome, actor=users[name])
        with pytest.raises(PermissionDenied):
            services.assessment_close(assessment=outcome, actor=users[name], public_summary="요약")

    def call(user):
        services.committee_review_submit(
            assessment=review, actor=user, committee=committee, conclusion="noted", text="의견"
        )

    assert allowed(users, ROLES, call) == {"office_staff", "committee_member"}
    assert set(CommitteeReview.objects.values_list("author__username", flat=True)) == {"office", "committee"}


def test_who_withdraws_and_corrects_a_request(users, make):
    def withdraw(user):
        services.assessment_withdraw(assessment=make(S.REQUESTED), actor=user, reason="철회")

    def update(user):
        services.assessment_update(assessment=make(S.REQUESTED), actor=user, title="수정된 제목")

    assert allowed(users, ROLES, withdraw) == {"official", "office_staff"}
    assert allowed(users, ROLES, update) == {"official", "office_staff"}


def test_who_adds_evidence(users, make, private_media):
    assessment = make(S.IN_ASSESSMENT)

    def call(user):
        upload = SimpleUploadedFile("현장사진.png", png_bytes(), content_type="image/png")
        services.attachments_add(assessment=assessment, actor=user, uploads=[upload])

    assert allowed(users, ROLES, call) == {"official", "office_staff"}


# ---------------------------------------------------------------- requests


def test_a_request_gets_a_yearly_reference_and_its_first_event(official, department):
    first = assessment_requested(actor=official, department=department)
    second = assessment_requested(
        actor=official, department=department, title="광주광역시 노인복지 조례 일부개정조례안"
    )
    year = TODAY().year
    assert first.code == f"HRIA-{year}-0001"
    assert second.code == f"HRIA-{year}-0002"
    assert (first.status, first.year, first.requested_by, first.requested_on) == (S.REQUESTED, year, official, TODAY())
    event = first.events.get()
    assert (event.from_status, event.to_status, event.actor) == ("", S.REQUESTED, official)
    assert AuditEvent.objects.filter(action="impact.request", target_id=str(first.pk), actor=official).exists()
    back_dated = assessment_requested(
        actor=official, department=department, requested_on=datetime.date(2018, 4, 2), title="소급 요청"
    )
    assert (back_dated.code, back_dated.year) == ("HRIA-2018-0001", 2018)


@pytest.mark.parametrize(
    ("subject_type", "fields", "keys"),
    [
        ("ordinance", {"revision_kind": ""}, {"revision_kind"}),
        ("regulation", {"revision_kind": ""}, {"revision_kind"}),
        ("building", {"address": " ", "facility_use": ""}, {"address", "facility_use"}),
        ("event", {"event_start": None}, {"event_start"}),
        (
            "event",
            {"event_start": datetime.date(2026, 10, 3), "event_end": datetime.date(2026, 10, 1)},
            {"event_end"},
        ),
        (
            "ordinance",
            {
                "legislative_notice_start": datetime.date(2026, 3, 10),
                "legislative_notice_end": datetime.date(2026, 3, 1),
            },
            {"legislative_notice_end"},
        ),
        ("ordinance", {"title": "  "}, {"title"}),
    ],
)
def test_what_each_subject_type_must_say(official, department, subject_type, fields, keys):
    with pytest.raises(ValidationError) as error:
        assessment_requested(actor=official, department=department, subject_type=subject_type, **fields)
    assert set(error.value.message_dict) == keys


def test_fields_of_other_subject_types_are_cleared(official, department):
    assessment = assessment_requested(
        actor=official, department=department, address="광주광역시 서구", venue="5·18민주광장", step_free_entrance=True
    )
    assert (assessment.address, assessment.venue, assessment.step_free_entrance) == ("", "", None)
    with pytest.raises(TypeError):
        assessment_requested(actor=official, department=department, status="closed")


def test_the_subject_can_be_corrected_until_findings(make, official, office_staff):
    requested = make(S.REQUESTED)
    updated = services.assessment_update(assessment=requested, actor=official, title=" 전부개정조례안 ")
    assert updated.title == "전부개정조례안"
    audit = AuditEvent.objects.get(action="impact.update", target_id=str(requested.pk))
    assert audit.changes["title"][1] == " 전부개정조례안 "
    started = make(S.IN_ASSESSMENT)
    with pytest.raises(ValidationError) as error:
        services.assessment_update(assessment=started, actor=office_staff, subject_type="policy")
    assert set(error.value.message_dict) == {"subject_type"}
    with pytest.raises(ValidationError):
        services.assessment_update(assessment=make(S.FINDINGS_ISSUED), actor=office_staff, title="늦은 수정")


def test_start_needs_a_checklist_in_use_and_an_office_assessor(make, office_staff, official):
    policy = make(S.REQUESTED, subject_type="policy")
    with pytest.raises(ValidationError):
        services.assessment_start(assessment=policy, actor=office_staff)
    requested = make(S.REQUESTED)
    with pytest.raises(ValidationError) as error:
        services.assessment_start(assessment=requested, actor=office_staff, assessor=official)
    assert set(error.value.message_dict) == {"assessor"}
    started = services.assessment_start(assessment=requested, actor=office_staff)
    assert started.assessor == office_staff
    assert started.answers.count() == started.checklist.criteria.count() == 3
    assert not started.answers.exclude(answer="").exists()


def test_assignment_names_an_office_member_while_open(make, office_staff, official, users):
    assessment = make(S.IN_ASSESSMENT)
    with pytest.raises(ValidationError) as error:
        services.assessment_assign(assessment=assessment, actor=office_staff, assessor=official)
    assert set(error.value.message_dict) == {"assessor"}
    assert services.assessment_assign(assessment=assessment, actor=office_staff, assessor=office_staff)
    assert AuditEvent.objects.filter(action="impact.assign", target_id=str(assessment.pk)).exists()
    with pytest.raises(ValidationError):
        services.assessment_assign(assessment=make(S.CLOSED), actor=office_staff, assessor=office_staff)


# ---------------------------------------------------------------- checklist and findings


def test_checklist_save_is_a_draft_with_errors_per_criterion(make, office_staff):
    assessment = make(S.IN_ASSESSMENT)
    first, second, third = assessment.answers.order_by("criterion__number")
    services.checklist_save(assessment=assessment, actor=office_staff, answers={first.criterion_id: {"answer": "yes"}})
    first.refresh_from_db()
    assert first.answer == "yes"
    with pytest.raises(ValidationError) as error:
        services.checklist_save(
            assessment=assessment,
            actor=office_staff,
            answers={
                first.criterion_id: {"answer": "perhaps"},
                second.criterion_id: {"answer": "no", "note": "  "},
                third.criterion_id: {"answer": "partly", "note": "일부 미흡"},
                999999: {"answer": "yes"},
                "x": {"answer": "yes"},
            },
        )
    assert set(error.value.message_dict) == {f"answer-{first.criterion_id}", f"note-{second.criterion_id}", "answers"}
    third.refresh_from_db()
    assert third.answer == ""  # nothing is saved when anything is wrong


def test_checklist_and_findings_change_only_in_assessment(make, office_staff):
    issued = make(S.FINDINGS_ISSUED)
    row = issued.answers.first()
    with pytest.raises(ValidationError):
        services.checklist_save(assessment=issued, actor=office_staff, answers={row.criterion_id: {"answer": "yes"}})
    with pytest.raises(ValidationError):
        services.finding_save(assessment=issued, actor=office_staff, finding="f", recommendation="r")
    with pytest.raises(ValidationError):
        services.finding_delete(finding=issued.findings.get(), actor=office_staff)


def test_finding_rules(make, office_staff, checklists):
    assessment = make(S.IN_ASSESSMENT)
    foreign = checklists["building"].criteria.first()
    with pytest.raises(ValidationError) as error:
        services.finding_save(
            assessment=assessment, actor=office_staff, criterion=foreign, finding=" ", recommendation=""
        )
    assert set(error.value.message_dict) == {"criterion", "finding", "recommendation"}
    overall = services.finding_save(assessment=assessment, actor=office_staff, finding="전반", recommendation="권고")
    second = services.finding_save(assessment=assessment, actor=office_staff, finding="둘째", recommendation="권고")
    assert (overall.number, overall.criterion, second.number) == (1, None, 2)
    services.finding_delete(finding=overall, actor=office_staff)
    assert list(assessment.findings.values_list("number", flat=True)) == [2]


def test_findings_issue_errors_name_each_problem(make, office_staff):
    assessment = make(S.IN_ASSESSMENT)
    first, second, third = assessment.answers.order_by("criterion__number")
    services.checklist_save(
        assessment=assessment, actor=office_staff, answers={first.criterion_id: {"answer": "no", "note": "차별 조항"}}
    )
    with pytest.raises(ValidationError) as error:
        services.findings_issue(assessment=assessment, actor=office_staff, summary=" ")
    assert set(error.value.message_dict) == {
        f"answer-{second.criterion_id}", f"answer-{third.criterion_id}", "findings", "summary",
    }  # fmt: skip
    services.checklist_save(
        assessment=assessment,
        actor=office_staff,
        answers={second.criterion_id: {"answer": "yes"}, third.criterion_id: {"answer": "not_applicable"}},
    )
    services.finding_save(
        assessment=assessment, actor=office_staff, criterion=first.criterion, finding="차별", recommendation="개정"
    )
    issued = services.findings_issue(assessment=assessment, actor=office_staff, summary=" 1건 ")
    assert (issued.status, issued.findings_summary, issued.findings_issued_on) == (S.FINDINGS_ISSUED, "1건", TODAY())


def test_a_checklist_fully_met_needs_no_recommendation(make, office_staff):
    assessment = make(S.IN_ASSESSMENT)
    answers = {row.criterion_id: {"answer": "yes"} for row in assessment.answers.all()}
    services.checklist_save(assessment=assessment, actor=office_staff, answers=answers)
    issued = services.findings_issue(assessment=assessment, actor=office_staff, summary="문제 없음")
    assert issued.status == S.FINDINGS_ISSUED


# ---------------------------------------------------------------- responses


def test_responses_are_saved_as_a_draft_and_checked(make, official):
    issued = make(S.FINDINGS_ISSUED)
    finding = issued.findings.get()
    with pytest.raises(ValidationError) as error:
        services.responses_save(assessment=issued, actor=official, responses={finding.pk: {"response": "maybe"}})
    assert set(error.value.message_dict) == {f"response-{finding.pk}"}
    for kind in ("rejected", "partially_accepted"):
        with pytest.raises(ValidationError) as error:
            services.responses_save(
                assessment=issued, actor=official, responses={finding.pk: {"response": kind, "reason": " "}}
            )
        assert set(error.value.message_dict) == {f"reason-{finding.pk}"}
    with pytest.raises(ValidationError) as error:
        services.responses_save(assessment=issued, actor=official, responses={424242: {"response": "accepted"}})
    assert set(error.value.message_dict) == {"responses"}
    with pytest.raises(ValidationError) as error:
        services.responses_submit(assessment=issued, actor=official)
    assert set(error.value.message_dict) == {f"response-{finding.pk}"}

    services.responses_save(
        assessment=issued, actor=official, responses={finding.pk: {"response": "rejected", "reason": "상위법 사항"}}
    )
    finding.refresh_from_db()
    assert (finding.response, finding.response_reason, finding.responded_by) == ("rejected", "상위법 사항", official)
    assert finding.responded_at is not None
    services.responses_save(assessment=issued, actor=official, responses={finding.pk: {"response": ""}})
    finding.refresh_from_db()
    assert (finding.response, finding.responded_at, finding.responded_by) == ("", None, None)


def test_responses_only_while_findings_await_them(make, official):
    responded = make(S.RESPONDED)
    finding = responded.findings.get()
    with pytest.raises(ValidationError):
        services.responses_save(assessment=responded, actor=official, responses={finding.pk: {"response": "accepted"}})
    assert Finding.objects.get(pk=finding.pk).response == "accepted"


# ---------------------------------------------------------------- outcome, review, withdrawal


@pytest.mark.parametrize(
    ("outcome", "outcome_on", "summary", "keys"),
    [
        ("maybe", 0, "", {"outcome"}),
        ("revised", None, "개정", {"outcome_on"}),
        ("revised", -3, "개정", {"outcome_on"}),  # in the future
        ("revised", 400, "개정", {"outcome_on"}),  # before the request
        ("revised", 0, " ", {"outcome_summary"}),
        ("partially_revised", 0, "", {"outcome_summary"}),
    ],
)
def test_outcome_rules(make, official, outcome, outcome_on, summary, keys):
    assessment = make(S.RESPONDED)
    day = None if outcome_on is None else TODAY() - datetime.timedelta(days=outcome_on)
    with pytest.raises(ValidationError) as error:
        services.outcome_record(assessment=assessment, actor=official, outcome=outcome, outcome_on=day, summary=summary)
    assert set(error.value.message_dict) == keys
    assessment.refresh_from_db()
    assert (assessment.status, assessment.outcome) == (S.RESPONDED, "")


def test_an_outcome_is_dated_and_says_what_changed(make, official):
    assessment = make(S.RESPONDED)
    recorded = services.outcome_record(
        assessment=assessment, actor=official, outcome="revised", outcome_on=TODAY(), summary=" 제3조 개정 "
    )
    assert (recorded.outcome, recorded.outcome_on, recorded.outcome_summary) == ("revised", TODAY(), "제3조 개정")
    not_revised = services.outcome_record(
        assessment=make(S.RESPONDED), actor=official, outcome="not_revised", outcome_on=TODAY(), summary=""
    )
    assert not_revised.outcome == "not_revised"


def test_committee_review_rules(make, committee, committee_member):
    outcome = make(S.OUTCOME_RECORDED)
    with pytest.raises(ValidationError):
        services.committee_review_submit(
            assessment=outcome, actor=committee_member, committee=committee, conclusion="agreed", text="동의"
        )
    review = make(S.COMMITTEE_REVIEW)
    other = Committee.objects.create(name="울산광역시 인권위원회", organisation="울산광역시")
    meeting = Meeting.objects.create(committee=other, held_on=TODAY(), title="정기회의")
    with pytest.raises(ValidationError) as error:
        services.committee_review_submit(
            assessment=review, actor=committee_member, committee=committee, meeting=meeting, conclusion="", text=" "
        )
    assert set(error.value.message_dict) == {"meeting", "conclusion", "text"}
    own = Meeting.objects.create(committee=committee, held_on=TODAY(), title="정기회의")
    saved = services.committee_review_submit(
        assessment=review, actor=committee_member, committee=committee, meeting=own, conclusion="agreed", text=" 동의 "
    )
    assert (saved.text, saved.meeting, saved.author) == ("동의", own, committee_member)
    assert AuditEvent.objects.filter(action="impact.review", target_id=str(saved.pk)).exists()


def test_withdrawal_needs_a_reason_and_is_possible_before_findings_only(make, official, office_staff):
    with pytest.raises(ValidationError) as error:
        services.assessment_withdraw(assessment=make(S.REQUESTED), actor=official, reason="  ")
    assert set(error.value.message_dict) == {"reason"}
    started = services.assessment_withdraw(assessment=make(S.IN_ASSESSMENT), actor=office_staff, reason="조례안 폐기")
    assert (started.status, started.closed_on, started.stage_deadline) == (S.WITHDRAWN, TODAY(), None)
    for status in (S.FINDINGS_ISSUED, S.RESPONDED, S.OUTCOME_RECORDED, S.COMMITTEE_REVIEW, S.CLOSED):
        with pytest.raises(ValidationError):
            services.assessment_withdraw(assessment=make(status), actor=office_staff, reason="철회")


# ---------------------------------------------------------------- attachments


def test_attachments_are_typed_by_their_content(make, office_staff, private_media, checklists):
    assessment = make(S.IN_ASSESSMENT)
    criterion = assessment.checklist.criteria.first()
    upload = SimpleUploadedFile("site.jpg", png_bytes(), content_type="image/jpeg")
    (stored,) = services.attachments_add(
        assessment=assessment, actor=office_staff, uploads=[upload], criterion=criterion
    )
    assert (stored.content_type, stored.original_name, stored.size) == ("image/png", "site.jpg", len(png_bytes()))
    assert stored.file.name.endswith(".png")
    assert (private_media / stored.file.name).exists()
    assert stored.criterion == criterion
    fake = SimpleUploadedFile("virus.png", b"MZ\x90\x00 not an image", content_type="image/png")
    with pytest.raises(ValidationError) as error:
        services.attachments_add(assessment=assessment, actor=office_staff, uploads=[fake])
    assert set(error.value.message_dict) == {"attachments"}
    foreign = checklists["building"].criteria.first()
    with pytest.raises(ValidationError) as error:
        services.attachments_add(
            assessment=assessment,
            actor=office_staff,
            uploads=[SimpleUploadedFile("a.png", png_bytes())],
            criterion=foreign,
        )
    assert set(error.value.message_dict) == {"criterion"}
    assert AssessmentAttachment.objects.count() == 1


def test_no_attachments_once_finished(make, office_staff, private_media):
    for status in (S.CLOSED, S.WITHDRAWN):
        with pytest.raises(ValidationError):
            services.attachments_add(
                assessment=make(status), actor=office_staff, uploads=[SimpleUploadedFile("a.png", png_bytes())]
            )
    assert not AssessmentAttachment.objects.exists()
