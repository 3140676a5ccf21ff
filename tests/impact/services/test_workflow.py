"""The assessment state machine: every allowed transition, every forbidden one, the concurrency guard,
and the history and audit records each transition writes."""

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from humanrights_portal.core.models import AuditEvent
from impact import services, workflow
from impact.models import AssessmentEvent, AssessmentStatus, CommitteeReview
from plans.models import Committee
from tests.factories import assessment_in_status, checklist_published

pytestmark = pytest.mark.django_db

S = AssessmentStatus
ALL = list(S.values)


@pytest.fixture(autouse=True)
def checklist(office_staff):
    return checklist_published(actor=office_staff)


@pytest.fixture
def make(office_staff, official, committee_member):
    def build(status, **fields):
        return assessment_in_status(
            status, office=office_staff, department_official=official, committee_member=committee_member, **fields
        )

    return build


def test_the_map_declares_every_status_and_its_exits():
    assert set(workflow.TRANSITIONS) == set(ALL)
    terminal, open_statuses = workflow.TERMINAL_STATUSES, workflow.OPEN_STATUSES
    assert terminal == {S.CLOSED, S.WITHDRAWN}
    assert open_statuses == set(ALL) - terminal
    assert (workflow.MAIN_PATH[0], workflow.MAIN_PATH[-1]) == (S.REQUESTED, S.CLOSED)
    for before, after in itertools.pairwise(workflow.MAIN_PATH):
        assert workflow.can_transition(before, after)
    # side exits: closing without the committee, withdrawing before findings only
    assert workflow.can_transition(S.OUTCOME_RECORDED, S.CLOSED)
    assert {s for s in ALL if workflow.can_transition(s, S.WITHDRAWN)} == {S.REQUESTED, S.IN_ASSESSMENT}
    assert set(workflow.NEXT_ACTOR) == workflow.OPEN_STATUSES
    assessed = workflow.ASSESSED_STATUSES
    assert assessed == {S.FINDINGS_ISSUED, S.RESPONDED, S.OUTCOME_RECORDED, S.COMMITTEE_REVIEW, S.CLOSED}


def test_stage_deadlines_follow_the_settings(settings):
    today = timezone.localdate()
    assert workflow.stage_deadline(S.CLOSED, today) is None
    assert (workflow.stage_deadline(S.REQUESTED, today) - today).days == 7
    settings.PORTAL_IMPACT_STAGE_DAYS = {S.REQUESTED: 3}
    assert (workflow.stage_deadline(S.REQUESTED, today) - today).days == 3


@pytest.mark.parametrize("status", [*workflow.MAIN_PATH, S.WITHDRAWN])
def test_the_factory_reaches_every_status_through_the_services(make, status):
    assessment = make(status)
    assessment.refresh_from_db()
    assert assessment.status == status
    events = list(assessment.events.order_by("occurred_at", "id").values_list("from_status", "to_status"))
    assert events[0] == ("", S.REQUESTED)
    assert events[-1][1] == status
    for (_before, reached), (left, _after) in itertools.pairwise(events):
        assert reached == left  # each event starts where the previous one ended
    if status in workflow.TERMINAL_STATUSES:
        assert assessment.stage_deadline is None
        assert assessment.closed_on == timezone.localdate()
    else:
        assert assessment.stage_deadline == workflow.stage_deadline(status, timezone.localdate())


def _move(assessment, to, actors):
    """Call the service that makes the transition ``from → to`` (with whatever it needs)."""
    office, official, member = actors
    if to == S.IN_ASSESSMENT:
        return services.assessment_start(assessment=assessment, actor=office, expected_status=assessment.status)
    if to == S.WITHDRAWN:
        return services.assessment_withdraw(
            assessment=assessment, actor=official, reason="조례안 철회", expected_status=assessment.status
        )
    if to == S.FINDINGS_ISSUED:
        rows = assessment.answers.all()
        services.checklist_save(
            assessment=assessment, actor=office, answers={row.criterion_id: {"answer": "yes"} for row in rows}
        )
        return services.findings_issue(
            assessment=assessment, actor=office, summary="문제 없음", expected_status=assessment.status
        )
    if to == S.RESPONDED:
        services.responses_save(
            assessment=assessment,
            actor=official,
            responses={finding.pk: {"response": "accepted", "reason": ""} for finding in assessment.findings.all()},
        )
        return services.responses_submit(
            assessment=assessment, actor=official, note="회신", expected_status=assessment.status
        )
    if to == S.OUTCOME_RECORDED:
        return services.outcome_record(
            assessment=assessment,
            actor=official,
            outcome="not_revised",
            outcome_on=timezone.localdate(),
            summary="",
            expected_status=assessment.status,
        )
    if to == S.COMMITTEE_REVIEW:
        return services.committee_review_request(
            assessment=assessment, actor=office, note="위원회 상정", expected_status=assessment.status
        )
    if to == S.CLOSED:
        if assessment.status == S.COMMITTEE_REVIEW:
            committee = Committee.objects.create(name="광주광역시 인권증진시민위원회", organisation="광주광역시")
            services.committee_review_submit(
                assessment=assessment, actor=member, committee=committee, conclusion="agreed", text="동의함"
            )
        return services.assessment_close(
            assessment=assessment, actor=office, public_summary="원안 의결", expected_status=assessment.status
        )
    raise AssertionError(to)


ALLOWED = [(before, after) for before, targets in workflow.TRANSITIONS.items() for after in targets]


@pytest.mark.parametrize(("before", "after"), ALLOWED)
def test_every_allowed_transition_moves_and_records_who_and_why(
    make, before, after, office_staff, official, committee_member
):
    assessment = make(before)
    events_before = AssessmentEvent.objects.filter(assessment=assessment).count()
    moved = _move(assessment, after, (office_staff, official, committee_member))
    moved.refresh_from_db()
    assert moved.status == after
    event = AssessmentEvent.objects.filter(assessment=assessment).latest("id")
    assert AssessmentEvent.objects.filter(assessment=assessment).count() == events_before + 1
    assert (event.from_status, event.to_status) == (before, after)
    expected_actor = official if after in (S.WITHDRAWN, S.RESPONDED, S.OUTCOME_RECORDED) else office_staff
    assert event.actor == expected_actor
    audit = AuditEvent.objects.filter(action=f"impact.{after}", target_id=str(assessment.pk)).get()
    assert audit.actor == expected_actor
    assert audit.changes == {"status": [before, after]}
    if after in (S.WITHDRAWN, S.RESPONDED, S.COMMITTEE_REVIEW):
        assert event.reason
        assert audit.reason == event.reason


FORBIDDEN = {before: [after for after in ALL if after not in workflow.TRANSITIONS[before]] for before in ALL}


@pytest.mark.parametrize("before", ALL)
def test_every_forbidden_transition_is_a_validation_error(make, office_staff, before):
    assessment = make(before)
    for after in FORBIDDEN[before]:
        with pytest.raises(ValidationError), transaction.atomic():
            services._transition(assessment, after, actor=office_staff, reason="forbidden")
        assessment.refresh_from_db()
        assert assessment.status == before
    assert not AssessmentEvent.objects.filter(assessment=assessment, reason="forbidden").exists()
    assert not AuditEvent.objects.filter(target_id=str(assessment.pk), reason="forbidden").exists()


@pytest.mark.parametrize(
    ("status", "call"),
    [
        (S.REQUESTED, "findings_issue"),
        (S.REQUESTED, "responses_submit"),
        (S.IN_ASSESSMENT, "outcome_record"),
        (S.FINDINGS_ISSUED, "assessment_start"),
        (S.FINDINGS_ISSUED, "assessment_withdraw"),
        (S.RESPONDED, "committee_review_request"),
        (S.RESPONDED, "assessment_close"),
        (S.CLOSED, "assessment_withdraw"),
        (S.WITHDRAWN, "assessment_start"),
        (S.CLOSED, "committee_review_request"),
    ],
)
def test_services_refuse_to_move_from_the_wrong_status(make, office_staff, official, status, call):
    assessment = make(status)
    kwargs = {
        "findings_issue": {"actor": office_staff, "summary": "요약"},
        "responses_submit": {"actor": official},
        "outcome_record": {
            "actor": office_staff,
            "outcome": "revised",
            "outcome_on": timezone.localdate(),
            "summary": "x",
        },
        "assessment_start": {"actor": office_staff},
        "assessment_withdraw": {"actor": office_staff, "reason": "철회"},
        "committee_review_request": {"actor": office_staff},
        "assessment_close": {"actor": office_staff, "public_summary": "요약"},
    }[call]
    with pytest.raises(ValidationError):
        getattr(services, call)(assessment=assessment, **kwargs)
    assessment.refresh_from_db()
    assert assessment.status == status


def test_expected_status_guards_against_a_concurrent_change(make, office_staff):
    assessment = make(S.REQUESTED)
    with pytest.raises(ValidationError):
        services.assessment_start(assessment=assessment, actor=office_staff, expected_status=S.IN_ASSESSMENT)
    assessment.refresh_from_db()
    assert assessment.status == S.REQUESTED
    assert not assessment.answers.exists()
    # the status the user saw is right: it moves
    moved = services.assessment_start(assessment=assessment, actor=office_staff, expected_status=S.REQUESTED)
    assert moved.status == S.IN_ASSESSMENT


def test_a_stale_copy_cannot_move_twice(make, office_staff):
    assessment = make(S.REQUESTED)
    stale = type(assessment).objects.get(pk=assessment.pk)
    services.assessment_start(assessment=assessment, actor=office_staff, expected_status=S.REQUESTED)
    with pytest.raises(ValidationError):
        services.assessment_start(assessment=stale, actor=office_staff, expected_status=S.REQUESTED)
    assert AssessmentEvent.objects.filter(assessment=assessment, to_status=S.IN_ASSESSMENT).count() == 1


def test_closing_from_committee_review_needs_a_review(make, office_staff, committee_member):
    assessment = make(S.COMMITTEE_REVIEW)
    with pytest.raises(ValidationError) as error:
        services.assessment_close(assessment=assessment, actor=office_staff, public_summary="요약")
    assert set(error.value.message_dict) == {"reviews"}
    committee = Committee.objects.create(name="광주광역시 인권증진시민위원회", organisation="광주광역시")
    services.committee_review_submit(
        assessment=assessment, actor=committee_member, committee=committee, conclusion="agreed", text="동의함"
    )
    closed = services.assessment_close(assessment=assessment, actor=office_staff, public_summary="요약")
    assert closed.status == S.CLOSED
    assert CommitteeReview.objects.filter(assessment=assessment).count() == 1


def test_closing_straight_after_the_outcome_needs_no_review(make, office_staff):
    assessment = make(S.OUTCOME_RECORDED)
    with pytest.raises(ValidationError) as error:
        services.assessment_close(assessment=assessment, actor=office_staff, public_summary="  ")
    assert set(error.value.message_dict) == {"public_summary"}
    closed = services.assessment_close(assessment=assessment, actor=office_staff, public_summary=" 원안 의결 ")
    assert (closed.status, closed.public_summary, closed.closed_on) == (S.CLOSED, "원안 의결", timezone.localdate())
