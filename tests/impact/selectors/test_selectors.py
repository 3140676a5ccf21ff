"""Reads of the impact app: what each role sees, the figures (assessed, revised, renovated, failed
criteria) and query counts that do not grow with the rows."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from impact import selectors, services
from impact.models import (
    Assessment,
    AssessmentAttachment,
    AssessmentStatus,
    ChecklistTemplate,
    CriterionAnswer,
)
from plans.models import Committee
from tests.factories import (
    area_of,
    assessment_in_status,
    checklist_published,
    complaint_in_status,
    plan_adopted,
    png_bytes,
    task_of,
)

pytestmark = pytest.mark.django_db

S = AssessmentStatus
STAFF = ["official", "other_official", "office_staff", "ombudsman", "committee_member", "administrator"]
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
def walk(office_staff, official, make):
    """An assessment with the given answers by criterion number (default "yes"), walked to ``status``."""

    def build(status, answers=None, outcome="", **fields):
        assessment = make(S.IN_ASSESSMENT, **fields)
        rows = {row.criterion.number: row for row in assessment.answers.select_related("criterion")}
        given = dict.fromkeys(rows, "yes") | (answers or {})
        services.checklist_save(
            assessment=assessment,
            actor=office_staff,
            answers={rows[n].criterion_id: {"answer": a, "note": "미흡"} for n, a in given.items()},
        )
        if status == S.IN_ASSESSMENT:
            return assessment
        if any(answer in ("no", "partly") for answer in given.values()):
            services.finding_save(assessment=assessment, actor=office_staff, finding="미흡", recommendation="개선")
        assessment = services.findings_issue(assessment=assessment, actor=office_staff, summary="요약")
        if status == S.FINDINGS_ISSUED:
            return assessment
        services.responses_save(
            assessment=assessment,
            actor=official,
            responses={f.pk: {"response": "accepted", "reason": ""} for f in assessment.findings.all()},
        )
        assessment = services.responses_submit(assessment=assessment, actor=official)
        if status == S.RESPONDED:
            return assessment
        assessment = services.outcome_record(
            assessment=assessment, actor=official, outcome=outcome, outcome_on=TODAY(), summary="개정"
        )
        if status == S.OUTCOME_RECORDED:
            return assessment
        return services.assessment_close(assessment=assessment, actor=office_staff, public_summary="공개 요약")

    return build


# ---------------------------------------------------------------- visibility


@pytest.fixture
def one_of_each(make):
    return {status: make(status) for status in [*S.values]}


def test_staff_see_every_assessment_and_the_public_closed_ones_only(users, one_of_each):
    for name in STAFF:
        assert selectors.assessment_list(user=users[name]).count() == len(S.values)
        assert selectors.assessment_get(user=users[name], pk=one_of_each[S.REQUESTED].pk)
    for user in (AnonymousUser(), users["user_without_role"]):
        visible = selectors.assessment_list(user=user)
        assert list(visible) == [one_of_each[S.CLOSED]]
        assert selectors.assessment_get(user=user, pk=one_of_each[S.CLOSED].pk).status == S.CLOSED
        for status in S.values:
            if status != S.CLOSED:
                with pytest.raises(Assessment.DoesNotExist):
                    selectors.assessment_get(user=user, pk=one_of_each[status].pk)
        assert selectors.status_counts(user=user)["total"] == 1


def test_attachments_are_for_staff_only(users, make, office_staff, private_media):
    assessment = make(S.IN_ASSESSMENT)
    (attachment,) = services.attachments_add(
        assessment=assessment, actor=office_staff, uploads=[SimpleUploadedFile("a.png", png_bytes())]
    )
    for name in STAFF:
        found = selectors.assessment_attachment(user=users[name], assessment_pk=assessment.pk, pk=attachment.pk)
        assert found == attachment
    for user in (AnonymousUser(), users["user_without_role"]):
        with pytest.raises(AssessmentAttachment.DoesNotExist):
            selectors.assessment_attachment(user=user, assessment_pk=assessment.pk, pk=attachment.pk)
    other = make(S.REQUESTED)
    with pytest.raises(AssessmentAttachment.DoesNotExist):
        selectors.assessment_attachment(user=office_staff, assessment_pk=other.pk, pk=attachment.pk)


def test_the_public_sees_checklists_in_use_only(users, office_staff, checklists):
    services.template_create(actor=office_staff, subject_type="ordinance", title="초안")
    assert selectors.template_list(user=office_staff).count() == 3
    public = selectors.template_list(user=AnonymousUser())
    assert {t.state for t in public} == {ChecklistTemplate.State.PUBLISHED}
    row = public.get(pk=checklists["ordinance"].pk)
    assert (row.criterion_count, row.assessment_count) == (3, 0)
    draft = ChecklistTemplate.objects.get(state="draft")
    with pytest.raises(ChecklistTemplate.DoesNotExist):
        selectors.template_get(user=AnonymousUser(), pk=draft.pk)
    assert selectors.template_get(user=users["committee_member"], pk=draft.pk) == draft
    assert list(selectors.template_list(user=office_staff, filters={"state": "draft"})) == [draft]
    with pytest.raises(selectors.InvalidFilters):
        selectors.template_list(user=office_staff, filters={"state": "lost"})


def test_filters_and_status_counts(users, make, office_staff):
    closed = make(S.CLOSED)
    make(S.REQUESTED)
    building = make(S.FINDINGS_ISSUED, subject_type="building", title="투표소")
    Assessment.objects.filter(pk=building.pk).update(stage_deadline=TODAY() - datetime.timedelta(days=1))
    assert list(selectors.assessment_list(user=office_staff, filters={"status": "closed"})) == [closed]
    assert list(selectors.assessment_list(user=office_staff, filters={"facility_use": "polling_station"})) == [building]
    assert list(selectors.assessment_list(user=office_staff, filters={"overdue": "true"})) == [building]
    assert list(selectors.assessment_list(user=office_staff, filters={"q": "투표"})) == [building]
    assert selectors.assessment_list(user=office_staff, filters={"department": "welfare"}).count() == 3
    with pytest.raises(selectors.InvalidFilters):
        selectors.assessment_list(user=office_staff, filters={"status": "lost"})
    counts = selectors.status_counts(user=office_staff)
    assert (counts["total"], counts["overdue"], counts[S.CLOSED], counts[S.REQUESTED]) == (3, 1, 1, 1)


def test_to_do_lists(users, make, office_staff, official, other_official):
    issued, responded, requested = make(S.FINDINGS_ISSUED), make(S.RESPONDED), make(S.REQUESTED)
    outcome, closed = make(S.OUTCOME_RECORDED), make(S.CLOSED)
    assert set(selectors.department_to_do(user=official)) == {issued, responded}
    assert not selectors.department_to_do(user=other_official).exists()
    assert not selectors.department_to_do(user=office_staff).exists()
    assert set(selectors.office_to_do(user=office_staff)) == {requested, outcome}
    for name in ("official", "committee_member", "ombudsman", "administrator"):
        assert not selectors.office_to_do(user=users[name]).exists()
    assert closed not in selectors.office_to_do(user=office_staff)


def test_checklist_sections_and_progress(walk, make, django_assert_num_queries):
    assessment = make(S.IN_ASSESSMENT)
    with django_assert_num_queries(1):
        sections = selectors.checklist_sections(assessment=assessment)
    assert [section.title for section in sections] == ["평등·차별금지", "장애인 접근성", "개인정보·사생활"]
    with django_assert_num_queries(1):
        progress = selectors.checklist_progress(assessment=assessment)
    assert (progress["total"], progress["answered"]) == (3, 0)
    answered = walk(S.IN_ASSESSMENT, answers={1: "no", 3: "not_applicable"})
    progress = selectors.checklist_progress(assessment=answered)
    assert (progress["answered"], progress["yes"], progress["no"], progress["not_applicable"]) == (3, 1, 1, 1)


# ---------------------------------------------------------------- figures


def _row(figures, subject_type, year=None):
    year = year or TODAY().year
    return next(row for row in figures.rows if (row.year, row.subject_type) == (year, subject_type))


def test_figures_count_assessed_revised_partially_not_and_awaiting(walk, make):
    walk(S.CLOSED, {1: "no"}, outcome="revised")
    walk(S.OUTCOME_RECORDED, {1: "no"}, outcome="revised")
    walk(S.CLOSED, {2: "partly"}, outcome="partially_revised")
    walk(S.CLOSED, outcome="not_revised")
    walk(S.RESPONDED)  # assessed, awaiting its outcome
    walk(S.FINDINGS_ISSUED)  # assessed, awaiting its outcome
    make(S.REQUESTED)  # requested, not assessed yet
    make(S.IN_ASSESSMENT)
    make(S.WITHDRAWN)  # left out entirely
    make(S.REQUESTED, subject_type="regulation")

    figures = selectors.impact_figures()
    row = _row(figures, "ordinance")
    assert (row.requested, row.assessed) == (8, 6)
    assert (row.revised, row.partially_revised, row.not_revised, row.awaiting_outcome) == (2, 1, 1, 2)
    assert row.with_outcome == 4
    assert row.revised_share == 50.0
    regulation = _row(figures, "regulation")
    assert (regulation.requested, regulation.assessed, regulation.revised_share) == (1, 0, None)
    (total,) = [t for t in figures.totals if t.subject_type == "ordinance"]
    assert (total.year, total.requested, total.revised) == (0, 8, 2)
    assert [t.subject_type for t in figures.totals] == ["ordinance", "regulation"]
    assert figures.years == [TODAY().year]
    # filters
    assert selectors.impact_figures(year=TODAY().year - 1).rows == []
    assert {r.subject_type for r in selectors.impact_figures(subject_type="regulation").rows} == {"regulation"}


def test_figures_by_year_follow_the_request_year(walk, official, office_staff):
    old = walk(S.CLOSED, outcome="revised")
    Assessment.objects.filter(pk=old.pk).update(year=2018)
    walk(S.CLOSED, outcome="not_revised")
    figures = selectors.impact_figures()
    assert [(row.year, row.revised, row.not_revised) for row in figures.rows] == [
        (2018, 1, 0),
        (TODAY().year, 0, 1),
    ]
    assert figures.years == [TODAY().year, 2018]
    assert [(r.year, r.assessed) for r in selectors.impact_figures(year=2018).rows] == [(2018, 1)]


def test_buildings_are_counted_by_use_and_renovation(walk, make):
    station = {"subject_type": "building", "facility_use": "polling_station"}
    walk(S.CLOSED, {1: "no"}, outcome="revised", **station)
    walk(S.CLOSED, {1: "no"}, outcome="revised", **station)
    walk(S.CLOSED, outcome="not_revised", **station)
    walk(S.RESPONDED, **station)  # assessed, not renovated yet
    make(S.REQUESTED, **station)  # not assessed: not counted
    walk(S.CLOSED, {2: "partly"}, outcome="partially_revised", subject_type="building", facility_use="welfare")
    facilities = selectors.impact_figures().facilities
    rows = {row.facility_use: row for row in facilities}
    polling = rows["polling_station"]
    assert (polling.assessed, polling.renovated, polling.partially_renovated, polling.not_renovated) == (4, 2, 0, 1)
    assert polling.facility_use_label
    assert (rows["welfare"].assessed, rows["welfare"].partially_renovated) == (1, 1)


def test_criteria_most_often_failed_come_first(walk, make, checklists):
    walk(S.CLOSED, {3: "no"}, outcome="revised")
    walk(S.CLOSED, {3: "no", 1: "partly"}, outcome="revised")
    walk(S.FINDINGS_ISSUED, {3: "no", 1: "partly", 2: "partly"})
    walk(S.RESPONDED, {1: "no"})
    # not assessed yet, or withdrawn: their answers do not count
    walk(S.IN_ASSESSMENT, {2: "no"})
    withdrawn = walk(S.IN_ASSESSMENT, {2: "no"})
    services.assessment_withdraw(assessment=withdrawn, actor=withdrawn.requested_by, reason="철회")
    failed = selectors.impact_figures().failed_criteria
    assert [(row.number, row.failed, row.partly) for row in failed] == [(3, 3, 0), (1, 1, 2), (2, 0, 1)]
    top = failed[0]
    assert (top.answered, top.failure_share, top.subject_type) == (4, 75.0, "ordinance")
    assert top.section == "개인정보·사생활"
    assert [row.number for row in selectors.impact_figures(top=1).failed_criteria] == [3]


def test_not_applicable_and_blank_answers_are_not_counted_as_answered(walk):
    walk(S.CLOSED, {3: "no", 1: "not_applicable"}, outcome="revised")
    walk(S.CLOSED, {1: "partly"}, outcome="revised")
    rows = {row.number: row for row in selectors.impact_figures().failed_criteria}
    assert (rows[3].answered, rows[1].answered, rows[1].partly) == (2, 1, 1)
    assert set(rows) == {1, 3}
    assert CriterionAnswer.objects.filter(answer="not_applicable").count() == 1


# ---------------------------------------------------------------- query counts


def test_impact_figures_takes_a_constant_number_of_queries(walk, make, django_assert_num_queries):
    walk(S.CLOSED, {1: "no"}, outcome="revised")
    with django_assert_num_queries(4):
        selectors.impact_figures()
    for outcome in ("revised", "partially_revised", "not_revised"):
        walk(S.CLOSED, {2: "partly"}, outcome=outcome, subject_type="building")
        walk(S.CLOSED, {3: "no"}, outcome=outcome)
    make(S.REQUESTED, subject_type="regulation")
    Assessment.objects.filter(subject_type="regulation").update(year=2019)
    with django_assert_num_queries(4):
        figures = selectors.impact_figures()
    assert len(figures.rows) == 3
    with django_assert_num_queries(4):
        selectors.impact_figures(year=2019, subject_type="regulation")


@pytest.fixture
def links(office_staff, department, ombudsman):
    """``links(n)``: n plan tasks and n ombudsman recommendations to link an assessment to."""
    plan = plan_adopted(actor=office_staff)
    area = area_of(plan, actor=office_staff)
    made = {"tasks": 0}

    def build(count):
        tasks, recommendations = [], []
        for _ in range(count):
            made["tasks"] += 1
            tasks.append(task_of(area, actor=office_staff, department=department, code=f"1-{made['tasks']:02d}"))
            complaint = complaint_in_status("recommendation_issued", actor=ombudsman)
            recommendations.append(complaint.recommendations.get())
        return {"related_tasks": tasks, "related_recommendations": recommendations}

    return build


def test_assessment_get_takes_a_constant_number_of_queries(
    make, links, office_staff, private_media, django_assert_num_queries
):
    def read(pk):
        assessment = selectors.assessment_get(user=office_staff, pk=pk)
        return (
            [(f.criterion, f.responded_by) for f in assessment.findings.all()],
            list(assessment.attachments.all()),
            list(assessment.related_tasks.all()),
            [r.complaint for r in assessment.related_recommendations.all()],
            [(r.committee, r.meeting, r.author) for r in assessment.reviews.all()],
            [e.actor for e in assessment.events.all()],
            (assessment.department, assessment.assessor, assessment.requested_by, assessment.checklist),
        )

    # one query for the assessment and one per related list (recommendations with their cases: two)
    small = make(S.REQUESTED, **links(1))
    with django_assert_num_queries(8):
        read(small.pk)

    big = make(S.IN_ASSESSMENT, **links(3))
    for number in range(3):
        services.finding_save(assessment=big, actor=office_staff, finding=f"발견 {number}", recommendation="권고")
    services.attachments_add(
        assessment=big,
        actor=office_staff,
        uploads=[SimpleUploadedFile(f"{n}.png", png_bytes() + bytes([n])) for n in range(2)],
    )
    rows = {row.criterion_id: {"answer": "no", "note": "미흡"} for row in big.answers.all()}
    services.checklist_save(assessment=big, actor=office_staff, answers=rows)
    big = services.findings_issue(assessment=big, actor=office_staff, summary="3건")
    with django_assert_num_queries(8):
        result = read(big.pk)
    assert (len(result[0]), len(result[1]), len(result[2]), len(result[3])) == (3, 2, 3, 3)

    reviewed = make(S.CLOSED, **links(2))
    assert reviewed.reviews.filter(committee=Committee.objects.get()).exists()
    with django_assert_num_queries(8):
        result = read(reviewed.pk)
    assert len(result[4]) == 1
