"""Checklist template pages: who reads and manages which version, drafts and publishing, bad input."""

import pytest
from django.urls import reverse
from django.utils import translation

from humanrights_portal.core.models import RightCategory, VulnerableGroup
from impact import services
from impact.models import ChecklistCriterion, ChecklistTemplate
from tests.factories import checklist_published

pytestmark = pytest.mark.django_db

STAFF = ["official", "other_official", "office_staff", "committee_member", "ombudsman", "administrator"]
EVERYONE = [None, *STAFF, "user_without_role"]
NOT_OFFICE = ["official", "other_official", "committee_member", "ombudsman", "administrator", "user_without_role"]
LIST = reverse("impact:template-list")
CREATE = reverse("impact:template-create")


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def world(users):
    """Ordinance checklist: v1 retired, v2 in use, v3 a draft; building checklist v1 in use."""
    office = users["office_staff"]
    retired = checklist_published(actor=office, subject_type="ordinance", title="조례 체크리스트 2017")
    published = services.template_create(actor=office, subject_type="ordinance", title="조례 체크리스트 2018")
    published = services.template_publish(template=published, actor=office)
    draft = services.template_create(actor=office, subject_type="ordinance", title="조례 체크리스트 2019(안)")
    building = checklist_published(actor=office, subject_type="building", title="공공건축물 체크리스트")
    retired.refresh_from_db()
    return {"retired": retired, "published": published, "draft": draft, "building": building}


def _html(response) -> str:
    return response.content.decode()


def _detail(template):
    return reverse("impact:template-detail", args=[template.pk])


def _shown(html, world) -> set[str]:
    return {name for name, template in world.items() if f'data-template="{template.pk}"' in html}


# ---------------------------------------------------------------- list


@pytest.mark.parametrize("role", EVERYONE)
def test_list_opens_for_everyone(client_for, world, role):
    response = client_for(role).get(LIST)
    assert response.status_code == 200
    html = _html(response)
    assert "<caption>" in html
    staff = role not in (None, "user_without_role")
    assert _shown(html, world) == (
        {"retired", "published", "draft", "building"} if staff else {"published", "building"}
    )
    assert (f'href="{CREATE}"' in html) == (role == "office_staff")
    assert ('name="state"' in html) == staff


def test_list_shows_counts(client_for, world, users, department):
    from tests.factories import assessment_requested

    assessment = assessment_requested(actor=users["official"], department=department)
    services.assessment_start(assessment=assessment, actor=users["office_staff"])
    html = _html(client_for("office_staff").get(LIST))
    row = html.split(f'data-template="{world["published"].pk}"', 1)[1].split("</tr>", 1)[0]
    assert 'data-col="criteria">3<' in row
    assert 'data-col="assessments">1<' in row
    assert 'data-template-state="published"' in row
    draft_row = html.split(f'data-template="{world["draft"].pk}"', 1)[1].split("</tr>", 1)[0]
    assert 'data-col="criteria">3<' in draft_row  # copied from the version in use
    assert 'data-col="assessments">0<' in draft_row


def test_list_filters(client_for, world):
    client = client_for("committee_member")
    assert _shown(_html(client.get(LIST, {"subject_type": "building"})), world) == {"building"}
    assert _shown(_html(client.get(LIST, {"state": "draft"})), world) == {"draft"}
    assert _shown(_html(client.get(LIST, {"state": "retired", "subject_type": "ordinance"})), world) == {"retired"}
    # The public has no state filter: the value is ignored.
    assert _shown(_html(client_for(None).get(LIST, {"state": "draft"})), world) == {"published", "building"}


@pytest.mark.parametrize(
    ("role", "params", "field"),
    [
        (None, {"subject_type": "castle"}, "subject_type"),
        ("office_staff", {"subject_type": "castle"}, "subject_type"),
        ("office_staff", {"state": "sleeping"}, "state"),
    ],
)
def test_list_bad_filters_give_400(client_for, world, role, params, field):
    response = client_for(role).get(LIST, params)
    assert response.status_code == 400
    html = _html(response)
    assert f'id="id_{field}-error"' in html
    assert 'id="template-table"' not in html


@pytest.mark.parametrize("count", [2, 6])
def test_list_query_count(client_for, users, django_assert_num_queries, count):
    office = users["office_staff"]
    for subject_type in ("ordinance", "regulation", "policy", "building", "event", "ordinance")[:count]:
        checklist_published(actor=office, subject_type=subject_type)
    for role, expected in [(None, 2), ("office_staff", 4)]:  # count, page (+ session, user with roles)
        client = client_for(role)
        client.get(LIST)
        with django_assert_num_queries(expected):
            assert client.get(LIST).status_code == 200


# ---------------------------------------------------------------- detail


@pytest.mark.parametrize("role", EVERYONE)
def test_published_detail_for_everyone(client_for, world, role):
    response = client_for(role).get(_detail(world["published"]))
    assert response.status_code == 200
    html = _html(response)
    assert "개인정보·사생활" in html  # a section
    assert "개인정보의 수집·이용 범위가 목적에 필요한 최소한으로 정해져 있는가?" in html
    assert (f"{CREATE}?copy_from={world['published'].pk}" in html) == (role == "office_staff")
    assert reverse("impact:template-publish", args=[world["published"].pk]) not in html
    assert "Edit criterion" not in html


@pytest.mark.parametrize("role", [None, "user_without_role"])
def test_public_cannot_read_drafts_or_retired_versions(client_for, world, role):
    assert client_for(role).get(_detail(world["draft"])).status_code == 404
    assert client_for(role).get(_detail(world["retired"])).status_code == 404


@pytest.mark.parametrize("role", STAFF)
def test_staff_read_drafts(client_for, world, role):
    html = _html(client_for(role).get(_detail(world["draft"])))
    office = role == "office_staff"
    assert (reverse("impact:template-publish", args=[world["draft"].pk]) in html) == office
    assert (reverse("impact:criterion-create", args=[world["draft"].pk]) in html) == office
    assert (reverse("impact:template-edit", args=[world["draft"].pk]) in html) == office
    criterion = world["draft"].criteria.first()
    assert (reverse("impact:criterion-edit", args=[criterion.pk]) in html) == office
    assert (reverse("impact:criterion-delete", args=[criterion.pk]) in html) == office


def test_draft_says_which_version_will_be_retired(client_for, world):
    html = _html(client_for("office_staff").get(_detail(world["draft"])))
    assert "version 2, in use now, is retired" in html


def test_criteria_grouped_by_section(client_for, world, users):
    office = users["office_staff"]
    services.criterion_save(template=world["draft"], actor=office, section="평등·차별금지", text="추가 기준")
    html = _html(client_for("office_staff").get(_detail(world["draft"])))
    section = html.split("평등·차별금지</h3>", 1)[1].split("</section>", 1)[0]
    assert "성별, 장애, 나이, 국적 등을 이유로 한 차별적 조항이 없는가?" in section
    assert "추가 기준" in section
    assert html.count("평등·차별금지</h3>") == 1


def test_unknown_template_gives_404(client_for, world):
    assert client_for("office_staff").get(reverse("impact:template-detail", args=[999999])).status_code == 404
    assert client_for("office_staff").get(reverse("impact:criterion-edit", args=[999999])).status_code == 404


# ---------------------------------------------------------------- office-only pages: permissions


def _office_urls(world):
    draft = world["draft"]
    criterion = draft.criteria.first()
    return {
        "template-create": CREATE,
        "template-edit": reverse("impact:template-edit", args=[draft.pk]),
        "criterion-create": reverse("impact:criterion-create", args=[draft.pk]),
        "criterion-edit": reverse("impact:criterion-edit", args=[criterion.pk]),
    }


def _actions(world):
    draft = world["draft"]
    return {
        "template-publish": reverse("impact:template-publish", args=[draft.pk]),
        "criterion-delete": reverse("impact:criterion-delete", args=[draft.criteria.first().pk]),
    }


@pytest.mark.parametrize("page", ["template-create", "template-edit", "criterion-create", "criterion-edit"])
def test_office_pages(client_for, world, page):
    url = _office_urls(world)[page]
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))
    for role in NOT_OFFICE:
        client = client_for(role)
        assert client.get(url).status_code == 403, role
        assert client.post(url, {"title": "x", "section": "x", "text": "x"}).status_code == 403, role
    assert client_for("office_staff").get(url).status_code == 200


@pytest.mark.parametrize("action", ["template-publish", "criterion-delete"])
def test_office_actions(client_for, world, action):
    url = _actions(world)[action]
    assert client_for(None).post(url).status_code == 302
    for role in NOT_OFFICE:
        assert client_for(role).post(url).status_code == 403, role
    assert client_for("office_staff").get(url).status_code == 405
    draft = ChecklistTemplate.objects.get(pk=world["draft"].pk)
    assert draft.state == ChecklistTemplate.State.DRAFT
    assert draft.criteria.count() == 3


# ---------------------------------------------------------------- creating and editing versions


def test_create_a_new_version_from_the_one_in_use(client_for, world):
    client = client_for("office_staff")
    response = client.post(CREATE, {"subject_type": "building", "title": "공공건축물 체크리스트 v2", "description": ""})
    assert response.status_code == 303
    template = ChecklistTemplate.objects.get(title="공공건축물 체크리스트 v2")
    assert response["Location"] == _detail(template)
    assert template.version == 2
    assert template.state == ChecklistTemplate.State.DRAFT
    assert template.criteria.count() == 3


def test_make_a_new_version_prefills_the_form(client_for, world):
    html = _html(client_for("office_staff").get(CREATE, {"copy_from": world["retired"].pk}))
    assert f'<option value="{world["retired"].pk}" selected>' in html
    assert '<option value="ordinance" selected>' in html


def test_create_copying_another_type_gives_field_error(client_for, world):
    data = {"subject_type": "event", "title": "행사 체크리스트", "copy_from": world["building"].pk}
    response = client_for("office_staff").post(CREATE, data)
    assert response.status_code == 400
    html = _html(response)
    assert 'id="id_copy_from-error"' in html
    assert 'value="행사 체크리스트"' in html
    assert not ChecklistTemplate.objects.filter(subject_type="event").exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"subject_type": "", "title": "제목"}, "subject_type"),
        ({"subject_type": "castle", "title": "제목"}, "subject_type"),
        ({"subject_type": "event", "title": ""}, "title"),
        ({"subject_type": "event", "title": "   "}, "title"),
        ({"subject_type": "event", "title": "제목", "copy_from": "abc"}, "copy_from"),
    ],
)
def test_create_bad_input(client_for, world, data, field):
    response = client_for("office_staff").post(CREATE, data)
    assert response.status_code == 400
    assert f'id="id_{field}-error"' in _html(response)


def test_edit_a_draft(client_for, world):
    url = reverse("impact:template-edit", args=[world["draft"].pk])
    client = client_for("office_staff")
    assert 'value="조례 체크리스트 2019(안)"' in _html(client.get(url))
    response = client.post(url, {"title": "조례 체크리스트 2019", "description": "개정 사항 반영"})
    assert response.status_code == 303
    draft = ChecklistTemplate.objects.get(pk=world["draft"].pk)
    assert draft.title == "조례 체크리스트 2019"
    assert draft.description == "개정 사항 반영"
    response = client.post(url, {"title": "", "description": "남은 설명"})
    assert response.status_code == 400
    html = _html(response)
    assert 'id="id_title-error"' in html
    assert "남은 설명" in html


@pytest.mark.parametrize("name", ["published", "retired"])
def test_frozen_versions_cannot_be_edited(client_for, world, name):
    template = world[name]
    client = client_for("office_staff")
    for url in (
        reverse("impact:template-edit", args=[template.pk]),
        reverse("impact:criterion-create", args=[template.pk]),
        reverse("impact:criterion-edit", args=[template.criteria.first().pk]),
    ):
        assert client.get(url).status_code == 302
        response = client.post(url, {"title": "바뀜", "section": "바뀜", "text": "바뀜"})
        assert response.status_code == 302
        assert response["Location"] == _detail(template)
    template.refresh_from_db()
    assert template.title != "바뀜"
    assert not template.criteria.filter(text="바뀜").exists()
    response = client.post(reverse("impact:criterion-delete", args=[template.criteria.first().pk]))
    assert response.status_code == 400
    assert 'id="template-action-error"' in _html(response)
    assert template.criteria.count() == 3


# ---------------------------------------------------------------- publishing


def test_publish_retires_the_version_in_use(client_for, world):
    response = client_for("office_staff").post(reverse("impact:template-publish", args=[world["draft"].pk]))
    assert response.status_code == 303
    states = dict(ChecklistTemplate.objects.filter(subject_type="ordinance").values_list("version", "state"))
    assert states == {1: "retired", 2: "retired", 3: "published"}


def test_publishing_an_empty_draft_gives_400(client_for, world, users):
    empty = services.template_create(actor=users["office_staff"], subject_type="event", title="행사 체크리스트")
    response = client_for("office_staff").post(reverse("impact:template-publish", args=[empty.pk]))
    assert response.status_code == 400
    assert "Add at least one criterion before publishing." in _html(response)
    empty.refresh_from_db()
    assert empty.state == ChecklistTemplate.State.DRAFT


def test_publishing_twice_gives_400(client_for, world):
    client = client_for("office_staff")
    url = reverse("impact:template-publish", args=[world["draft"].pk])
    assert client.post(url).status_code == 303
    assert client.post(url).status_code == 400


# ---------------------------------------------------------------- criteria


def test_add_a_criterion(client_for, world):
    draft = world["draft"]
    right = RightCategory.objects.active().first()
    group = VulnerableGroup.objects.active().first()
    url = reverse("impact:criterion-create", args=[draft.pk])
    client = client_for("office_staff")
    html = _html(client.get(url))
    assert '<datalist id="criterion-sections">' in html
    assert '<option value="장애인 접근성">' in html
    data = {"number": "", "section": "이주민", "text": "외국인 주민도 이용할 수 있는가?", "guidance": "다국어 안내"}
    data.update(right=right.pk, group=group.pk)
    response = client.post(url, data)
    assert response.status_code == 303
    criterion = draft.criteria.get(section="이주민")
    assert response["Location"] == f"{_detail(draft)}#criterion-{criterion.pk}"
    assert criterion.number == 4
    assert criterion.right == right
    assert criterion.group == group
    assert criterion.guidance == "다국어 안내"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"number": "1", "section": "이주민", "text": "중복 번호"}, "number"),
        ({"number": "0", "section": "이주민", "text": "영번"}, "number"),
        ({"number": "abc", "section": "이주민", "text": "숫자 아님"}, "number"),
        ({"section": "", "text": "구분 없음"}, "section"),
        ({"section": "이주민", "text": ""}, "text"),
        ({"section": "이주민", "text": "권리", "right": "999999"}, "right"),
        ({"section": "이주민", "text": "집단", "group": "abc"}, "group"),
    ],
)
def test_criterion_bad_input(client_for, world, data, field):
    response = client_for("office_staff").post(reverse("impact:criterion-create", args=[world["draft"].pk]), data)
    assert response.status_code == 400
    html = _html(response)
    assert f'id="id_{field}-error"' in html
    assert world["draft"].criteria.count() == 3
    if data.get("text"):
        assert data["text"] in html


def test_edit_a_criterion(client_for, world):
    criterion = world["draft"].criteria.get(number=2)
    url = reverse("impact:criterion-edit", args=[criterion.pk])
    client = client_for("office_staff")
    assert "장애인이 제도와 서비스를 동등하게 이용할 수 있도록 규정하고 있는가?" in _html(client.get(url))
    response = client.post(url, {"number": "", "section": "장애인 접근성", "text": "고친 기준"})
    assert response.status_code == 303
    criterion.refresh_from_db()
    assert criterion.text == "고친 기준"
    assert criterion.number == 2
    response = client.post(url, {"number": "3", "section": "장애인 접근성", "text": "번호 충돌"})
    assert response.status_code == 400
    assert 'id="id_number-error"' in _html(response)
    criterion.refresh_from_db()
    assert criterion.number == 2


def test_delete_a_criterion(client_for, world):
    criterion = world["draft"].criteria.get(number=1)
    response = client_for("office_staff").post(reverse("impact:criterion-delete", args=[criterion.pk]))
    assert response.status_code == 303
    assert response["Location"] == _detail(world["draft"])
    assert not ChecklistCriterion.objects.filter(pk=criterion.pk).exists()
