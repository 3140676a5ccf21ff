"""The impact demo data (``seed_demo``): the figures of the seed documents, every open status, idempotence."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from humanrights_portal.core.models import AuditEvent, User
from impact import demo, selectors, workflow
from impact.models import (
    Answer,
    Assessment,
    AssessmentEvent,
    AssessmentStatus,
    ChecklistCriterion,
    ChecklistTemplate,
    CommitteeReview,
    CriterionAnswer,
    Finding,
    Outcome,
    SubjectType,
)

pytestmark = pytest.mark.django_db

S = AssessmentStatus
MODELS = (ChecklistTemplate, ChecklistCriterion, Assessment, CriterionAnswer, Finding, AssessmentEvent, CommitteeReview)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS} | {
        "users": User.objects.count(),
        "audit": AuditEvent.objects.filter(action__startswith="impact.").count(),
    }


@pytest.fixture
def demo_data(capsys):
    call_command("seed_demo")  # core, indicators, plans and ombudsman first (INSTALLED_APPS order)
    return capsys.readouterr().out


def test_seed_demo_builds_the_assessments_of_the_seed_documents(demo_data, capsys):
    """One load, several checks (loading the demo takes seconds); then a second load adds nothing."""
    assert "impact: " in demo_data
    assert "49 of 107 ordinances and regulations revised" in demo_data
    check_checklists()
    check_legislation_2017_2018()
    check_polling_stations_2018()
    check_open_work()
    check_trials_and_links()

    first = counts()
    call_command("seed_demo")
    assert "impact: demo data already present, nothing added" in capsys.readouterr().out
    assert counts() == first


def check_checklists():
    for subject_type in SubjectType.values:
        published = ChecklistTemplate.objects.get(subject_type=subject_type, state="published")
        assert 8 <= published.criteria.count() <= 15
        sections = set(published.criteria.values_list("section", flat=True))
        assert len(sections) >= 4
    sections = set(ChecklistCriterion.objects.values_list("section", flat=True))
    assert {"평등·차별금지", "장애인 접근성", "개인정보·사생활", "아동", "이주민", "노인", "여성", "노동"} <= sections
    ordinance = ChecklistTemplate.objects.filter(subject_type=SubjectType.ORDINANCE).order_by("version")
    assert [(t.version, t.state) for t in ordinance] == [(1, "retired"), (2, "published")]
    v1, v2 = ordinance
    assert v2.criteria.count() > v1.criteria.count()
    assert v1.published_at.date() == datetime.date(2017, 7, 3)
    # the assessments of 2017-2018 keep version 1; later ones use version 2
    assert set(
        Assessment.objects.filter(subject_type=SubjectType.ORDINANCE, year__lte=2018).values_list(
            "checklist", flat=True
        )
    ) == {v1.pk}
    assert Assessment.objects.filter(checklist=v2).exists()
    assert ChecklistCriterion.objects.filter(right__isnull=False).exists()
    assert ChecklistCriterion.objects.filter(group__isnull=False).exists()


def _legislation_rows(figures):
    return [
        row
        for row in figures.rows
        if row.year in (2017, 2018) and row.subject_type in (SubjectType.ORDINANCE, SubjectType.REGULATION)
    ]


def check_legislation_2017_2018():
    figures = selectors.impact_figures()
    rows = _legislation_rows(figures)
    assert sum(row.assessed for row in rows) == 107
    assert sum(row.revised for row in rows) == 49
    assert sum(row.not_revised for row in rows) == 58
    assert sum(row.partially_revised for row in rows) == 0
    assert sum(row.awaiting_outcome for row in rows) == 0
    assert {row.subject_type for row in rows} == {SubjectType.ORDINANCE, SubjectType.REGULATION}
    # per year through the year filter as well
    by_year = [selectors.impact_figures(year=year) for year in (2017, 2018)]
    assert sum(row.assessed for figures in by_year for row in _legislation_rows(figures)) == 107

    legislation = Assessment.objects.filter(
        year__in=(2017, 2018), subject_type__in=(SubjectType.ORDINANCE, SubjectType.REGULATION)
    )
    assert legislation.count() == 107
    assert set(legislation.values_list("status", flat=True)) == {S.CLOSED}
    assert min(legislation.values_list("requested_on", flat=True)) >= datetime.date(2017, 7, 1)
    assert legislation.values("title").distinct().count() == 107
    assert all(title.startswith("광주광역시 ") for title in legislation.values_list("title", flat=True))
    assert legislation.filter(title__endswith="일부개정조례안").count() > 30
    assert legislation.values("department").distinct().count() >= 10
    assert legislation.filter(department__code="welfare-health").count() >= 10
    assert legislation.filter(requested_by__username="official").exists()

    revised = legislation.filter(outcome=Outcome.REVISED)
    assert not revised.filter(findings__isnull=True).exists()
    assert not revised.filter(outcome_summary="").exists()
    findings = Finding.objects.filter(assessment__in=legislation)
    assert not findings.filter(response="").exists()
    assert not findings.filter(responded_by__isnull=True).exists()
    assert findings.filter(response="rejected").exists()
    answers = CriterionAnswer.objects.filter(assessment__in=legislation)
    assert not answers.filter(answer="").exists()
    assert answers.filter(answer=Answer.YES).count() > 5 * answers.filter(answer__in=("no", "partly")).count()
    assert not answers.filter(answer__in=("no", "partly"), note="").exists()
    # the history is dated when it happened, and in workflow order
    for assessment in legislation[:5]:
        events = list(assessment.events.order_by("occurred_at"))
        assert [event.to_status for event in events] == [
            S.REQUESTED, S.IN_ASSESSMENT, S.FINDINGS_ISSUED, S.RESPONDED, S.OUTCOME_RECORDED, S.CLOSED,
        ]  # fmt: skip
        assert events[0].occurred_at.date() == assessment.requested_on
        assert events[-1].occurred_at.date() == assessment.closed_on
        assert assessment.findings_issued_on <= assessment.outcome_on <= assessment.closed_on

    # failures are concentrated on a few criteria: the gender balance of committees comes first
    failed = selectors.impact_figures(subject_type=SubjectType.ORDINANCE).failed_criteria
    assert [row.failed for row in failed] == sorted((row.failed for row in failed), reverse=True)
    assert (failed[0].section, failed[0].number) == ("여성", 9)
    assert failed[0].failed + failed[0].partly >= 3 * (failed[-1].failed + failed[-1].partly)


def check_polling_stations_2018():
    figures = selectors.impact_figures(year=2018, subject_type=SubjectType.BUILDING)
    (row,) = [row for row in figures.facilities if row.facility_use == "polling_station"]
    assert (row.year, row.assessed, row.renovated, row.not_renovated) == (2018, 44, 22, 22)
    stations = Assessment.objects.filter(subject_type=SubjectType.BUILDING, year=2018)
    assert stations.count() == 44
    assert min(stations.values_list("requested_on", flat=True)) >= datetime.date(2018, 3, 15)
    for district in ("동구", "서구", "남구", "북구", "광산구"):
        assert stations.filter(address__startswith=f"광주광역시 {district} ").exists()
    renovated = stations.filter(outcome=Outcome.REVISED)
    assert renovated.filter(step_free_entrance=False).exists() or renovated.filter(lift_or_ramp=False).exists()
    assert stations.filter(outcome=Outcome.NOT_REVISED, step_free_entrance=True, lift_or_ramp=True).exists()
    assert not stations.filter(step_free_entrance__isnull=True).exists()
    assert all(day <= datetime.date(2018, 6, 13) for day in renovated.values_list("outcome_on", flat=True))
    failed = figures.failed_criteria
    assert {row.number for row in failed[:2]} == {1, 3}  # step-free entrance, lift or ramp


def check_open_work():
    statuses = set(Assessment.objects.values_list("status", flat=True))
    assert set(workflow.OPEN_STATUSES) | {S.CLOSED, S.WITHDRAWN} <= statuses
    assert Assessment.objects.overdue().exists()
    assert Assessment.objects.open().exclude(pk__in=Assessment.objects.overdue()).exists()
    assert all(assessment.year >= 2019 for assessment in Assessment.objects.open())

    half = Assessment.objects.filter(status=S.IN_ASSESSMENT).first()
    progress = selectors.checklist_progress(assessment=half)
    assert 0 < progress["answered"] < progress["total"]
    assert half.findings.exists()

    official = User.objects.get(username="official")
    to_do = selectors.department_to_do(user=official)
    assert to_do.filter(status=S.FINDINGS_ISSUED).exists()
    assert {assessment.department.code for assessment in to_do} == {"welfare-health"}
    assert selectors.office_to_do(user=User.objects.get(username="office")).filter(status=S.REQUESTED).exists()

    under_review = Assessment.objects.filter(status=S.COMMITTEE_REVIEW)
    assert under_review.filter(reviews__author__username="committee").exists()
    assert under_review.filter(reviews__isnull=True).exists()
    assert CommitteeReview.objects.filter(meeting__isnull=False, assessment__status=S.CLOSED).exists()

    # the public sees closed assessments only
    public = selectors.assessment_list(user=AnonymousUser())
    assert set(public.values_list("status", flat=True)) == {S.CLOSED}


def check_trials_and_links():
    policies = Assessment.objects.filter(subject_type=SubjectType.POLICY, title__startswith="서울특별시")
    assert policies.count() >= 2
    assert set(policies.values_list("outcome", flat=True)) == {Outcome.PARTIALLY_REVISED}
    event = Assessment.objects.get(subject_type=SubjectType.EVENT)
    assert event.status == S.REQUESTED
    assert event.event_start > event.requested_on
    assert Assessment.objects.filter(related_tasks__isnull=False).distinct().count() >= 3
    assert Assessment.objects.filter(related_recommendations__isnull=False).distinct().count() >= 2


def test_the_specifications_hold_the_figures_of_the_seed_documents():
    assert (demo.LEGISLATION_ASSESSED, demo.LEGISLATION_REVISED) == (107, 49)
    assert (demo.POLLING_STATIONS, demo.POLLING_RENOVATED) == (44, 22)
    assert sum(len(rows) for rows in demo.DISTRICT_STATIONS.values()) == 44
    for _type, _title, _description, criteria, _on in demo.CHECKLISTS:
        assert 8 <= len(criteria) <= 15
