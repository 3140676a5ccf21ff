"""The committee pages: permissions per role, the office's forms, opinions and replies, queries."""

import datetime

import pytest
from django.urls import reverse

from plans import services
from plans.models import AgendaItem, CommitteeMember, Meeting, ReviewOpinion
from tests.factories import area_of, plan_adopted, task_of

pytestmark = pytest.mark.django_db

STAFF = ["official", "other_official", "office_staff", "committee_member", "ombudsman", "administrator"]
NOT_OFFICE = ["official", "other_official", "committee_member", "ombudsman", "administrator", "user_without_role"]


@pytest.fixture
def world(users, department):
    office = users["office_staff"]
    plan = plan_adopted(actor=office)
    area = area_of(plan, actor=office)
    task = task_of(area, actor=office, department=department, code="1-01")
    committee = services.committee_save(
        actor=office,
        name="인권증진시민위원회",
        organisation="광주광역시",
        description="시민 위원 20명",
        established_year=2012,
    )
    member = services.member_save(
        committee=committee,
        actor=office,
        name="김현직",
        role="co_chair",
        affiliation="시민사회",
        term_start=datetime.date(2024, 1, 1),
        term_end=datetime.date(2099, 12, 31),
    )
    former = services.member_save(
        committee=committee,
        actor=office,
        name="박전임",
        term_start=datetime.date(2018, 1, 1),
        term_end=datetime.date(2019, 12, 31),
    )
    meeting = services.meeting_record(
        committee=committee,
        actor=office,
        held_on=datetime.date(2025, 3, 10),
        kind="regular",
        title="2025년 제1차 정기회의",
        minutes="회의록 본문",
        agenda=[("연차보고 심의", "원안 의결")],
        attendees=[member],
    )
    opinion = services.opinion_submit(
        committee=committee,
        actor=users["committee_member"],
        plan=plan,
        task=task,
        meeting=meeting,
        text="장애인 이동권 보완",
    )
    return {
        "plan": plan,
        "task": task,
        "committee": committee,
        "member": member,
        "former": former,
        "meeting": meeting,
        "opinion": opinion,
    }


def _urls(world):
    return {
        "committee-list": reverse("plans:committee-list"),
        "committee-detail": reverse("plans:committee-detail", args=[world["committee"].pk]),
        "meeting-detail": reverse("plans:meeting-detail", args=[world["meeting"].pk]),
        "opinion-list": reverse("plans:opinion-list"),
        "member-create": reverse("plans:member-create", args=[world["committee"].pk]),
        "member-edit": reverse("plans:member-edit", args=[world["member"].pk]),
        "meeting-create": reverse("plans:meeting-create", args=[world["committee"].pk]),
        "opinion-create": reverse("plans:opinion-create") + f"?plan={world['plan'].pk}&task={world['task'].pk}",
        "opinion-reply": reverse("plans:opinion-reply", args=[world["opinion"].pk]),
    }


READ_PAGES = ["committee-list", "committee-detail", "meeting-detail", "opinion-list"]
OFFICE_PAGES = ["member-create", "member-edit", "meeting-create", "opinion-reply"]
EVERY_PAGE = [*READ_PAGES, *OFFICE_PAGES, "opinion-create"]


# ---------------------------------------------------------------- permissions


@pytest.mark.parametrize("page", EVERY_PAGE)
def test_anonymous_is_sent_to_login(client, world, page):
    for response in (client.get(_urls(world)[page]), client.post(_urls(world)[page])):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", [*STAFF, "user_without_role"])
@pytest.mark.parametrize("page", READ_PAGES)
def test_every_staff_role_reads_the_committee_pages(client_for, world, role, page):
    assert client_for(role).get(_urls(world)[page]).status_code == (200 if role in STAFF else 403)


@pytest.mark.parametrize("role", NOT_OFFICE)
@pytest.mark.parametrize("page", OFFICE_PAGES)
def test_only_the_office_manages(client_for, world, role, page):
    client = client_for(role)
    assert client.get(_urls(world)[page]).status_code == 403
    before = (CommitteeMember.objects.count(), Meeting.objects.count(), ReviewOpinion.objects.get().reflection)
    data = {"name": "침입자", "role": "member", "term_start": "2025-01-01", "term_end": "2026-12-31"}
    data.update(
        {"reflection": "reflected", "reply": "반영", "held_on": "2025-05-01", "kind": "regular", "title": "회의"}
    )
    assert client.post(_urls(world)[page], data).status_code == 403
    after = (CommitteeMember.objects.count(), Meeting.objects.count(), ReviewOpinion.objects.get().reflection)
    assert after == before
    assert CommitteeMember.objects.get(pk=world["member"].pk).name == "김현직"


@pytest.mark.parametrize("page", OFFICE_PAGES)
def test_the_office_opens_its_forms(client_for, world, page):
    assert client_for("office_staff").get(_urls(world)[page]).status_code == 200


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("official", 403),
        ("other_official", 403),
        ("office_staff", 200),
        ("committee_member", 200),
        ("ombudsman", 403),
        ("administrator", 403),
        ("user_without_role", 403),
    ],
)
def test_opinions_are_written_by_the_committee_and_the_office(client_for, world, role, status):
    client = client_for(role)
    url = _urls(world)["opinion-create"]
    assert client.get(url).status_code == status
    response = client.post(url, {"committee": world["committee"].pk, "text": "새 의견"})
    assert response.status_code == (303 if status == 200 else 403)
    assert ReviewOpinion.objects.count() == (2 if status == 200 else 1)


def test_unknown_objects_give_404(client_for, world):
    client = client_for("office_staff")
    assert client.get(reverse("plans:committee-detail", args=[999999])).status_code == 404
    assert client.get(reverse("plans:meeting-detail", args=[999999])).status_code == 404
    assert client.get(reverse("plans:member-edit", args=[999999])).status_code == 404
    assert client.get(reverse("plans:meeting-create", args=[999999])).status_code == 404
    assert client.get(reverse("plans:opinion-reply", args=[999999])).status_code == 404
    for query in ("", "?plan=999999", "?plan=abc", "?task=999999", "?record=99999999999999"):
        assert client.get(reverse("plans:opinion-create") + query).status_code == 404, query


# ---------------------------------------------------------------- what the pages show


def test_committee_detail_shows_members_meetings_and_opinions(client_for, world):
    html = client_for("official").get(_urls(world)["committee-detail"]).content.decode()
    assert "시민 위원 20명" in html
    current, past = html.split('id="past-members-title"')
    assert "김현직" in current
    assert "시민사회" in current
    assert "박전임" in past
    assert html.count("<caption>") == 4  # current and past members, meetings of 2025, opinions
    assert "2025년 제1차 정기회의" in html
    assert "장애인 이동권 보완" in html
    assert 'href="' + reverse("plans:member-create", args=[world["committee"].pk]) not in html


def test_committee_list_counts(client_for, world):
    html = client_for("committee_member").get(_urls(world)["committee-list"]).content.decode()
    row = html.split("인권증진시민위원회")[1].split("</tr>")[0]
    assert "<td>2</td>" in row  # members
    assert "<td>1</td>" in row  # meetings


def test_meeting_detail_shows_agenda_attendance_minutes_opinions(client_for, world):
    html = client_for("committee_member").get(_urls(world)["meeting-detail"]).content.decode()
    for text in ("연차보고 심의", "원안 의결", "김현직", "회의록 본문", "장애인 이동권 보완"):
        assert text in html
    assert "박전임" not in html


# ---------------------------------------------------------------- the office's forms


def test_member_create_and_edit(client_for, world):
    client = client_for("office_staff")
    data = {
        "name": "이신임",
        "role": "member",
        "affiliation": "대학",
        "term_start": "2025-01-01",
        "term_end": "2026-12-31",
    }
    response = client.post(_urls(world)["member-create"], data)
    assert response.status_code == 303
    member = CommitteeMember.objects.get(name="이신임")
    assert (member.committee, member.affiliation) == (world["committee"], "대학")
    assert client.get(_urls(world)["member-edit"]).content.decode().count('value="김현직"') == 1
    edit = client.post(_urls(world)["member-edit"], {**data, "name": "김현직", "role": "chair"})
    assert edit.status_code == 303
    world["member"].refresh_from_db()
    assert world["member"].role == "chair"


def test_member_bad_input_keeps_values(client_for, world):
    client = client_for("office_staff")
    data = {
        "name": "최오류",
        "role": "member",
        "affiliation": "변호사",
        "term_start": "2026-01-01",
        "term_end": "2025-01-01",
    }
    response = client.post(_urls(world)["member-create"], data)
    assert response.status_code == 400
    assert "term_end" in response.context["form"].errors
    html = response.content.decode()
    assert 'value="최오류"' in html
    assert 'value="변호사"' in html
    assert 'value="2026-01-01"' in html
    empty = client.post(_urls(world)["member-create"], {"term_start": "어제"})
    assert empty.status_code == 400
    assert {"name", "term_start", "term_end"} <= set(empty.context["form"].errors)
    assert not CommitteeMember.objects.filter(name="최오류").exists()


def _meeting_data(world, **overrides):
    data = {
        "held_on": "2025-06-02",
        "kind": "extraordinary",
        "title": "임시회의",
        "minutes": "안건을 논의함",
        "attendees": [world["member"].pk, world["former"].pk],
        "agenda-TOTAL_FORMS": "5",
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "1000",
        "agenda-0-item": "시행계획 심의",
        "agenda-0-decision": "수정 의결",
        "agenda-2-item": "기타 안건",
    }
    data.update(overrides)
    return data


def test_meeting_create_records_agenda_and_attendance(client_for, world):
    client = client_for("office_staff")
    form = client.get(_urls(world)["meeting-create"]).content.decode()
    assert form.count('name="agenda-') >= 10  # 5 rows of (item, decision)
    assert "김현직" in form
    assert "박전임" in form
    response = client.post(_urls(world)["meeting-create"], _meeting_data(world))
    assert response.status_code == 303
    meeting = Meeting.objects.get(title="임시회의")
    assert response["Location"] == meeting.get_absolute_url()
    assert list(meeting.agenda.values_list("number", "title", "decision")) == [
        (1, "시행계획 심의", "수정 의결"),
        (2, "기타 안건", ""),
    ]
    assert set(meeting.attendees.all()) == {world["member"], world["former"]}


def test_meeting_bad_input_keeps_values(client_for, world):
    client = client_for("office_staff")
    data = _meeting_data(world, held_on="언젠가", title="", **{"agenda-1-decision": "결정만 있음"})
    response = client.post(_urls(world)["meeting-create"], data)
    assert response.status_code == 400
    assert {"held_on", "title"} <= set(response.context["form"].errors)
    assert "item" in response.context["agenda"].forms[1].errors
    html = response.content.decode()
    assert "시행계획 심의" in html
    assert "결정만 있음" in html
    assert "안건을 논의함" in html
    assert 'value="언젠가"' in html
    stranger = client.post(_urls(world)["meeting-create"], _meeting_data(world, attendees=[999999]))
    assert stranger.status_code == 400
    assert "attendees" in stranger.context["form"].errors
    broken = client.post(_urls(world)["meeting-create"], {"held_on": "2025-01-01", "title": "x", "kind": "regular"})
    assert broken.status_code == 400  # no management form: an error, not a 500
    assert Meeting.objects.count() == 1
    assert AgendaItem.objects.count() == 1


# ---------------------------------------------------------------- opinions and replies


def test_opinion_and_reply_flow(client_for, world):
    writer = client_for("committee_member")
    url = _urls(world)["opinion-create"]
    page = writer.get(url).content.decode()
    assert world["task"].title in page
    assert world["plan"].title in page
    response = writer.post(
        url, {"committee": world["committee"].pk, "meeting": world["meeting"].pk, "text": "예산 확대"}
    )
    assert response.status_code == 303
    opinion = ReviewOpinion.objects.get(text="예산 확대")
    assert (opinion.plan, opinion.task, opinion.meeting) == (world["plan"], world["task"], world["meeting"])
    assert opinion.reflection == ReviewOpinion.Reflection.PENDING

    office = client_for("office_staff")
    listing = office.get(reverse("plans:opinion-list"), {"reflection": "pending"}).content.decode()
    assert "예산 확대" in listing
    assert reverse("plans:opinion-reply", args=[opinion.pk]) in listing
    reply_url = reverse("plans:opinion-reply", args=[opinion.pk])
    assert office.get(reply_url).status_code == 200
    replied = office.post(reply_url, {"reflection": "partially_reflected", "reply": "내년 예산에 일부 반영"})
    assert replied.status_code == 303
    opinion.refresh_from_db()
    assert (opinion.reflection, opinion.office_reply) == ("partially_reflected", "내년 예산에 일부 반영")
    reflected = client_for("committee_member").get(reverse("plans:opinion-list"), {"reflection": "partially_reflected"})
    assert "내년 예산에 일부 반영" in reflected.content.decode()
    assert reply_url not in reflected.content.decode()


def test_opinion_on_a_record_fixes_its_task(client_for, world, users):
    office = users["office_staff"]
    services.reporting_round_open(plan=world["plan"], year=2019, due_on=datetime.date(2020, 2, 1), actor=office)
    record = world["task"].records.get(year=2019)
    url = reverse("plans:opinion-create") + f"?record={record.pk}"
    assert (
        client_for("committee_member").post(url, {"committee": world["committee"].pk, "text": "기록 의견"}).status_code
        == 303
    )
    opinion = ReviewOpinion.objects.get(text="기록 의견")
    assert (opinion.plan, opinion.task, opinion.record) == (world["plan"], world["task"], record)


def test_opinion_bad_input_keeps_values(client_for, world, users):
    office = users["office_staff"]
    other = services.committee_save(actor=office, name="다른 위원회", organisation="광주광역시")
    client = client_for("committee_member")
    url = _urls(world)["opinion-create"]
    empty = client.post(url, {"committee": "", "text": ""})
    assert empty.status_code == 400
    assert {"committee", "text"} <= set(empty.context["form"].errors)
    wrong = client.post(url, {"committee": other.pk, "meeting": world["meeting"].pk, "text": "유지될 의견"})
    assert wrong.status_code == 400
    assert "meeting" in wrong.context["form"].errors
    assert "유지될 의견" in wrong.content.decode()
    assert ReviewOpinion.objects.count() == 1


def test_reply_bad_input_keeps_values(client_for, world):
    client = client_for("office_staff")
    url = _urls(world)["opinion-reply"]
    missing = client.post(url, {"reply": "반영 내용만"})
    assert missing.status_code == 400
    assert "reflection" in missing.context["form"].errors
    assert "반영 내용만" in missing.content.decode()
    pending = client.post(url, {"reflection": "pending", "reply": "x"})
    assert pending.status_code == 400
    blank = client.post(url, {"reflection": "reflected", "reply": "   "})
    assert blank.status_code == 400
    assert "reply" in blank.context["form"].errors
    assert ReviewOpinion.objects.get().reflection == "pending"


def test_opinion_list_filters(client_for, world):
    client = client_for("official")
    assert (
        "장애인 이동권 보완" in client.get(reverse("plans:opinion-list"), {"plan": world["plan"].pk}).content.decode()
    )
    assert "장애인 이동권 보완" not in client.get(reverse("plans:opinion-list"), {"year": 2001}).content.decode()
    bad = client.get(reverse("plans:opinion-list"), {"reflection": "lost", "year": "soon"})
    assert bad.status_code == 400
    assert {"reflection", "year"} <= set(bad.context["form"].errors)


# ---------------------------------------------------------------- query counts


def _grow(world, users, count):
    office = users["office_staff"]
    for number in range(count):
        member = services.member_save(
            committee=world["committee"],
            actor=office,
            name=f"위원 {number}",
            term_start=datetime.date(2024, 1, 1),
            term_end=datetime.date(2099, 1, 1) if number % 2 else datetime.date(2024, 6, 1),
        )
        meeting = services.meeting_record(
            committee=world["committee"],
            actor=office,
            held_on=datetime.date(2020 + number % 3, 1, 1 + number),
            kind="regular",
            title=f"회의 {number}",
            agenda=[(f"안건 {number}", "의결")],
            attendees=[member, world["member"]],
        )
        services.opinion_submit(
            committee=world["committee"], actor=office, plan=world["plan"], task=world["task"], text=f"의견 {number}"
        )
        services.opinion_submit(
            committee=world["committee"],
            actor=office,
            plan=world["plan"],
            meeting=world["meeting"],
            text=f"회의 의견 {number}",
        )
        del meeting


def _queries(client, django_assert_num_queries, url, count):
    client.get(url)  # warm caches (content types, sessions)
    with django_assert_num_queries(count):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("rows", [1, 8])
def test_committee_detail_queries(client_for, world, users, django_assert_num_queries, rows):
    _grow(world, users, rows)
    # session, user with roles, committee, members, meeting filter choice, meetings, opinion filter choice, opinions
    _queries(client_for("committee_member"), django_assert_num_queries, _urls(world)["committee-detail"], 8)


@pytest.mark.parametrize("rows", [1, 8])
def test_meeting_detail_queries(client_for, world, users, django_assert_num_queries, rows):
    _grow(world, users, rows)
    # session, user with roles, meeting, agenda, attendees, opinions
    _queries(client_for("committee_member"), django_assert_num_queries, _urls(world)["meeting-detail"], 6)


@pytest.mark.parametrize("rows", [1, 30])
def test_opinion_list_queries(client_for, world, users, django_assert_num_queries, rows):
    _grow(world, users, rows)
    # session, user with roles, committee choices of the filter form, count, one page
    _queries(client_for("office_staff"), django_assert_num_queries, reverse("plans:opinion-list"), 5)
