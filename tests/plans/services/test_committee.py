"""The human rights committee: members, meetings, review opinions and the office's replies."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from humanrights_portal.core.models import AuditEvent
from plans import services
from plans.models import AgendaItem, AnnualRecord, Committee, CommitteeMember, Meeting, ReviewOpinion
from tests.factories import area_of, plan_adopted, task_of

pytestmark = pytest.mark.django_db

NOT_OFFICE = ["official", "other_official", "ombudsman", "committee_member", "administrator", "user_without_role"]
R = ReviewOpinion.Reflection


def make_committee(actor, **fields):
    data = {
        "name": "광주광역시 인권증진시민위원회",
        "name_en": "Human Rights Improvement Citizen Committee",
        "organisation": "광주광역시",
        "established_year": 2009,
        "term_years": 2,
        "regular_meetings_per_year": 4,
    }
    data.update(fields)
    return services.committee_save(actor=actor, **data)


def make_member(committee, actor, name="김위원", **fields):
    data = {
        "name": name,
        "role": CommitteeMember.Role.MEMBER,
        "affiliation": "광주인권회의",
        "term_start": datetime.date(2019, 1, 1),
        "term_end": datetime.date(2020, 12, 31),
    }
    data.update(fields)
    return services.member_save(committee=committee, actor=actor, **data)


@pytest.fixture
def committee(office_staff):
    return make_committee(office_staff)


@pytest.fixture
def plan(office_staff):
    return plan_adopted(actor=office_staff)


@pytest.fixture
def task(plan, office_staff, department):
    return task_of(area_of(plan, actor=office_staff), actor=office_staff, department=department, code="1-01")


@pytest.fixture
def record(plan, task, office_staff):
    services.reporting_round_open(plan=plan, year=2019, due_on=datetime.date(2020, 2, 28), actor=office_staff)
    return AnnualRecord.objects.get(task=task, year=2019)


# ---------------------------------------------------------------- committees and members


def test_office_creates_and_updates_a_committee(committee, office_staff):
    assert committee.term_years == 2
    services.committee_save(actor=office_staff, committee=committee, regular_meetings_per_year=5)
    committee.refresh_from_db()
    assert committee.regular_meetings_per_year == 5
    assert Committee.objects.count() == 1
    actions = sorted(AuditEvent.objects.filter(action__startswith="committee.").values_list("action", flat=True))
    assert actions == ["committee.create", "committee.update"]


def test_committee_needs_a_name(office_staff):
    with pytest.raises(ValidationError) as excinfo:
        make_committee(office_staff, name="")
    assert "name" in excinfo.value.message_dict


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_manages_committees_and_members(users, committee, role):
    with pytest.raises(PermissionDenied):
        make_committee(users[role], name="다른 위원회")
    with pytest.raises(PermissionDenied):
        make_member(committee, users[role])
    assert Committee.objects.count() == 1
    assert not CommitteeMember.objects.exists()


def test_member_with_a_term_and_a_portal_account(committee, office_staff, committee_member):
    member = make_member(committee, office_staff, role=CommitteeMember.Role.CO_CHAIR, user=committee_member)
    assert member.committee == committee
    assert list(committee_member.committee_memberships.all()) == [member]
    services.member_save(committee=committee, actor=office_staff, member=member, term_end=datetime.date(2022, 12, 31))
    member.refresh_from_db()
    assert member.term_end == datetime.date(2022, 12, 31)
    assert AuditEvent.objects.filter(action="committee.member.update").exists()


def test_a_term_cannot_end_before_it_starts(committee, office_staff):
    with pytest.raises(ValidationError) as excinfo:
        make_member(committee, office_staff, term_start=datetime.date(2020, 1, 1), term_end=datetime.date(2019, 12, 31))
    assert "term_end" in excinfo.value.message_dict
    assert not CommitteeMember.objects.exists()


# ---------------------------------------------------------------- meetings


def test_meeting_with_agenda_items_and_attendees(committee, office_staff):
    members = [make_member(committee, office_staff, name=name) for name in ("김위원", "이위원", "박위원")]
    meeting = services.meeting_record(
        committee=committee,
        actor=office_staff,
        held_on=datetime.date(2019, 3, 21),
        kind=Meeting.Kind.REGULAR,
        title=" 2019년 제1차 정기회의 ",
        minutes="참석 위원 3명",
        agenda=[("제2차 인권기본계획 2019년 시행계획 심의", "원안 가결"), ("인권교육 추진 계획 보고", "")],
        attendees=members[:2],
    )
    assert meeting.title == "2019년 제1차 정기회의"
    assert list(meeting.agenda.values_list("number", "title", "decision")) == [
        (1, "제2차 인권기본계획 2019년 시행계획 심의", "원안 가결"),
        (2, "인권교육 추진 계획 보고", ""),
    ]
    assert set(meeting.attendees.all()) == set(members[:2])
    assert AuditEvent.objects.filter(action="committee.meeting", target_id=str(meeting.pk)).exists()


def test_a_member_of_another_committee_cannot_attend(committee, office_staff):
    ours = make_member(committee, office_staff)
    theirs = make_member(make_committee(office_staff, name="울산광역시 인권위원회"), office_staff, name="울산위원")
    with pytest.raises(ValidationError) as excinfo:
        services.meeting_record(
            committee=committee,
            actor=office_staff,
            held_on=datetime.date(2019, 6, 20),
            kind=Meeting.Kind.REGULAR,
            title="2019년 제2차 정기회의",
            agenda=[("안건", "")],
            attendees=[ours, theirs],
        )
    assert "attendees" in excinfo.value.message_dict
    assert not Meeting.objects.exists()
    assert not AgendaItem.objects.exists()


def test_meeting_needs_a_valid_kind_and_title(committee, office_staff):
    with pytest.raises(ValidationError) as excinfo:
        services.meeting_record(
            committee=committee, actor=office_staff, held_on=datetime.date(2019, 6, 20), kind="party", title=" "
        )
    assert {"kind", "title"} <= set(excinfo.value.message_dict)


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_records_meetings(users, committee, role):
    with pytest.raises(PermissionDenied):
        services.meeting_record(
            committee=committee, actor=users[role], held_on=datetime.date(2019, 6, 20), kind="regular", title="회의"
        )
    assert not Meeting.objects.exists()


# ---------------------------------------------------------------- opinions


def test_committee_member_gives_an_opinion_on_a_plan_a_task_and_a_record(
    committee, plan, task, record, committee_member, office_staff
):
    meeting = services.meeting_record(
        committee=committee, actor=office_staff, held_on=datetime.date(2019, 9, 5), kind="regular", title="제3차"
    )
    on_plan = services.opinion_submit(
        committee=committee, actor=committee_member, plan=plan, text=" 성과지표를 구체화할 것 ", meeting=meeting
    )
    on_task = services.opinion_submit(committee=committee, actor=committee_member, plan=plan, task=task, text="확대")
    on_record = services.opinion_submit(
        committee=committee, actor=committee_member, plan=plan, record=record, text="집행률 저조"
    )
    assert (on_plan.text, on_plan.subject, on_plan.meeting) == ("성과지표를 구체화할 것", plan, meeting)
    assert on_task.subject == task
    assert (on_record.task, on_record.subject) == (task, record)  # the record's task is filled in
    assert all(o.reflection == R.PENDING and o.author == committee_member for o in (on_plan, on_task, on_record))
    assert AuditEvent.objects.filter(action="committee.opinion").count() == 3


def test_opinion_on_a_task_of_another_plan_is_refused(committee, plan, committee_member, office_staff, department):
    other_plan = plan_adopted(actor=office_staff, title="울산광역시 인권증진 기본계획")
    foreign_task = task_of(area_of(other_plan, actor=office_staff), actor=office_staff, department=department)
    with pytest.raises(ValidationError) as excinfo:
        services.opinion_submit(committee=committee, actor=committee_member, plan=plan, task=foreign_task, text="의견")
    assert "task" in excinfo.value.message_dict
    assert not ReviewOpinion.objects.exists()


def test_opinion_on_a_record_of_another_plan_is_refused(committee, plan, committee_member, office_staff, department):
    other_plan = plan_adopted(actor=office_staff, title="울산광역시 인권증진 기본계획")
    foreign_task = task_of(area_of(other_plan, actor=office_staff), actor=office_staff, department=department)
    services.reporting_round_open(plan=other_plan, year=2019, due_on=datetime.date(2020, 2, 28), actor=office_staff)
    foreign_record = AnnualRecord.objects.get(task=foreign_task)
    with pytest.raises(ValidationError):
        services.opinion_submit(
            committee=committee, actor=committee_member, plan=plan, record=foreign_record, text="의견"
        )
    assert not ReviewOpinion.objects.exists()


def test_opinion_on_a_record_of_another_task_is_refused(
    committee, plan, task, record, committee_member, office_staff, department
):
    other_task = task_of(task.area, actor=office_staff, department=department, code="1-02")
    with pytest.raises(ValidationError) as excinfo:
        services.opinion_submit(
            committee=committee, actor=committee_member, plan=plan, task=other_task, record=record, text="의견"
        )
    assert "record" in excinfo.value.message_dict


def test_opinion_at_a_meeting_of_another_committee_is_refused(committee, plan, committee_member, office_staff):
    other = make_committee(office_staff, name="울산광역시 인권위원회")
    meeting = services.meeting_record(
        committee=other, actor=office_staff, held_on=datetime.date(2018, 5, 1), kind="regular", title="울산 회의"
    )
    with pytest.raises(ValidationError) as excinfo:
        services.opinion_submit(committee=committee, actor=committee_member, plan=plan, meeting=meeting, text="의견")
    assert "meeting" in excinfo.value.message_dict


def test_opinion_needs_a_text(committee, plan, committee_member):
    with pytest.raises(ValidationError) as excinfo:
        services.opinion_submit(committee=committee, actor=committee_member, plan=plan, text="  ")
    assert "text" in excinfo.value.message_dict


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("committee_member", True),
        ("office_staff", True),
        ("official", False),
        ("other_official", False),
        ("ombudsman", False),
        ("administrator", False),
        ("user_without_role", False),
    ],
)
def test_who_may_give_opinions(users, committee, plan, role, allowed):
    if allowed:
        services.opinion_submit(committee=committee, actor=users[role], plan=plan, text="의견")
        assert ReviewOpinion.objects.count() == 1
    else:
        with pytest.raises(PermissionDenied):
            services.opinion_submit(committee=committee, actor=users[role], plan=plan, text="의견")
        assert not ReviewOpinion.objects.exists()


@pytest.fixture
def opinion(committee, plan, committee_member):
    return services.opinion_submit(committee=committee, actor=committee_member, plan=plan, text="성과지표 구체화")


@pytest.mark.parametrize("reflection", [R.REFLECTED, R.PARTIALLY_REFLECTED, R.NOT_REFLECTED])
def test_office_replies_how_the_opinion_was_reflected(opinion, office_staff, reflection):
    replied = services.opinion_reply(opinion=opinion, actor=office_staff, reflection=reflection, reply=" 반영함 ")
    opinion.refresh_from_db()
    assert (opinion.reflection, opinion.office_reply, opinion.replied_by) == (reflection, "반영함", office_staff)
    assert opinion.replied_at is not None
    assert replied.replied_at == opinion.replied_at
    event = AuditEvent.objects.get(action="committee.opinion.reply")
    assert event.changes == {"reflection": ["pending", reflection]}


@pytest.mark.parametrize("reflection", [R.PENDING, "ignored", ""])
def test_a_reply_must_say_how_the_opinion_was_reflected(opinion, office_staff, reflection):
    with pytest.raises(ValidationError) as excinfo:
        services.opinion_reply(opinion=opinion, actor=office_staff, reflection=reflection, reply="검토 중")
    assert "reflection" in excinfo.value.message_dict
    opinion.refresh_from_db()
    assert opinion.reflection == R.PENDING


def test_an_empty_reply_is_refused(opinion, office_staff):
    with pytest.raises(ValidationError) as excinfo:
        services.opinion_reply(opinion=opinion, actor=office_staff, reflection=R.REFLECTED, reply="  ")
    assert "reply" in excinfo.value.message_dict
    opinion.refresh_from_db()
    assert (opinion.reflection, opinion.replied_at) == (R.PENDING, None)


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_replies(users, opinion, role):
    with pytest.raises(PermissionDenied):
        services.opinion_reply(opinion=opinion, actor=users[role], reflection=R.REFLECTED, reply="반영")
    opinion.refresh_from_db()
    assert opinion.reflection == R.PENDING
