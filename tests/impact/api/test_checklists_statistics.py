"""Checklist templates and the public figures through the API."""

import pytest
from django.utils import timezone

from impact import services
from impact.models import ChecklistCriterion, ChecklistTemplate
from tests.factories import assessment_in_status
from tests.impact.api.conftest import API

pytestmark = pytest.mark.django_db

T = f"{API}/checklist-templates"


def test_a_new_checklist_version_is_drafted_and_published(api_client_for, checklists):
    api = api_client_for("office_staff")
    current = checklists["ordinance"]
    created = api.post(f"{T}/", {"subject_type": "ordinance", "title": "조례·규칙 체크리스트 2판"}, format="json")
    assert created.status_code == 201, created.content
    draft = created.json()
    assert (draft["version"], draft["state"], len(draft["criteria"])) == (2, "draft", 3)
    added = api.post(
        f"{T}/{draft['id']}/criteria/",
        {"section": "이주민", "text": "이주민이 차별 없이 이용할 수 있는가?", "group": "migrants", "right": None},
        format="json",
    )
    assert added.status_code == 201, added.content
    assert added.json()["number"] == 4
    criterion = added.json()["id"]
    changed = api.patch(f"{API}/checklist-criteria/{criterion}/", {"guidance": "외국인 주민 포함 여부"}, format="json")
    assert changed.json()["guidance"] == "외국인 주민 포함 여부"
    assert changed.json()["text"].startswith("이주민")
    first = draft["criteria"][0]["id"]
    assert api.delete(f"{API}/checklist-criteria/{first}/").status_code == 204
    assert api.patch(f"{T}/{draft['id']}/", {"description": "2026년 개정"}, format="json").json()["title"] == (
        "조례·규칙 체크리스트 2판"
    )
    published = api.post(f"{T}/{draft['id']}/publish/", format="json")
    assert published.status_code == 200
    assert published.json()["state"] == "published"
    current.refresh_from_db()
    assert current.state == ChecklistTemplate.State.RETIRED
    listed = api_client_for(None).get(f"{T}/").json()["results"]
    assert {row["id"] for row in listed} == {draft["id"], checklists["building"].pk}
    frozen = api.patch(f"{API}/checklist-criteria/{criterion}/", {"text": "늦은 수정"}, format="json")
    assert frozen.status_code == 400
    assert "non_field_errors" in frozen.json()


def test_bad_checklist_input_gives_field_errors(api_client_for, checklists):
    api = api_client_for("office_staff")
    response = api.post(f"{T}/", {"subject_type": "castle", "title": ""}, format="json")
    assert response.status_code == 400
    assert {"subject_type"} <= set(response.json())
    blank = api.post(f"{T}/", {"subject_type": "event", "title": " "}, format="json")
    assert blank.status_code == 400
    assert "title" in blank.json()
    other = api.post(
        f"{T}/", {"subject_type": "event", "title": "행사", "copy_from": checklists["building"].pk}, format="json"
    )
    assert other.status_code == 400
    assert "copy_from" in other.json()
    missing = api.post(f"{T}/", {"subject_type": "event", "title": "행사", "copy_from": 999999}, format="json")
    assert missing.status_code == 400
    assert "copy_from" in missing.json()
    draft = services.template_create(actor=checklists["ordinance"].created_by, subject_type="ordinance", title="초안")
    criterion = api.post(
        f"{T}/{draft.pk}/criteria/",
        {"section": "", "text": "", "number": 1, "right": "flying", "group": "martians"},
        format="json",
    )
    assert criterion.status_code == 400
    assert {"right", "group"} <= set(criterion.json())
    taken = api.post(f"{T}/{draft.pk}/criteria/", {"section": "평등", "text": "x", "number": 1}, format="json")
    assert taken.status_code == 400
    assert "number" in taken.json()
    empty = api.post(f"{T}/{draft.pk}/criteria/", {"section": "", "text": ""}, format="json")
    assert empty.status_code == 400
    assert {"section", "text"} <= set(empty.json())
    published = api.post(f"{T}/{checklists['ordinance'].pk}/criteria/", {"section": "a", "text": "b"}, format="json")
    assert published.status_code == 400
    assert api.get(f"{T}/", {"state": "lost"}).status_code == 400


def test_the_public_sees_only_checklists_in_use(api_client_for, checklists, users):
    draft = services.template_create(actor=users["office_staff"], subject_type="ordinance", title="초안")
    anonymous = api_client_for(None)
    assert anonymous.get(f"{T}/{draft.pk}/").status_code == 404
    assert anonymous.get(f"{API}/checklist-criteria/{draft.criteria.first().pk}/").status_code == 404
    public = anonymous.get(f"{T}/{checklists['ordinance'].pk}/").json()
    assert "created_by" not in public
    assert len(public["criteria"]) == 3
    staff = api_client_for("ombudsman").get(f"{T}/{draft.pk}/").json()
    assert staff["created_by"]["username"] == users["office_staff"].username


def test_the_template_list_takes_a_fixed_number_of_queries(api_client_for, users, django_assert_num_queries):
    api = api_client_for("office_staff")
    api.get(f"{T}/")  # the user's roles are read once and cached
    for subject_type in ("ordinance", "policy"):
        template = services.template_create(actor=users["office_staff"], subject_type=subject_type, title="t")
        services.criterion_save(template=template, actor=users["office_staff"], section="평등", text="x")
    with django_assert_num_queries(2):
        assert api.get(f"{T}/").json()["count"] == 2
    for subject_type in ("regulation", "building", "event"):
        services.template_create(actor=users["office_staff"], subject_type=subject_type, title="t")
    with django_assert_num_queries(2):
        assert api.get(f"{T}/", {"page_size": 100}).json()["count"] == 5
    assert ChecklistCriterion.objects.count() == 2


# ---------------------------------------------------------------- statistics


@pytest.fixture
def figures_world(users, checklists):
    """Ordinances: 2 revised, 1 not revised, 1 awaiting its outcome, 1 withdrawn; one polling station renovated."""
    office, official = users["office_staff"], users["official"]

    def walk(status, **fields):
        return assessment_in_status(status, office=office, department_official=official, **fields)

    walk("closed")
    walk("outcome_recorded")
    walk("closed", outcome="not_revised")
    walk("responded")
    walk("withdrawn")
    walk("closed", subject_type="building", title="제1투표소")


def test_statistics_give_the_figures(api_client_for, figures_world):
    year = timezone.localdate().year
    response = api_client_for(None).get(f"{API}/impact/statistics/")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"year", "subject_type", "rows", "totals", "facilities", "failed_criteria", "years"}
    assert data["years"] == [year]
    ordinances = next(row for row in data["rows"] if row["subject_type"] == "ordinance")
    assert {key: ordinances[key] for key in ("year", "requested", "assessed", "revised", "not_revised")} == {
        "year": year,
        "requested": 4,
        "assessed": 4,
        "revised": 2,
        "not_revised": 1,
    }
    assert ordinances["awaiting_outcome"] == 1
    assert ordinances["revised_share"] == pytest.approx(66.7)
    assert [total["subject_type"] for total in data["totals"]] == ["ordinance", "building"]
    assert data["facilities"] == [
        {
            "year": year,
            "facility_use": "polling_station",
            "facility_use_label": data["facilities"][0]["facility_use_label"],
            "assessed": 1,
            "renovated": 1,
            "partially_renovated": 0,
            "not_renovated": 0,
        }
    ]
    assert data["failed_criteria"][0]["failed"] == 4
    assert data["failed_criteria"][0]["number"] == 1
    only = api_client_for("official").get(f"{API}/impact/statistics/", {"subject_type": "building", "year": year})
    assert [row["subject_type"] for row in only.json()["rows"]] == ["building"]
    assert only.json()["subject_type"] == "building"
    assert only.json()["year"] == year
    empty = api_client_for(None).get(f"{API}/impact/statistics/", {"year": 1999}).json()
    assert (empty["rows"], empty["totals"], empty["facilities"]) == ([], [], [])


def test_statistics_bad_parameters_give_400(api_client_for):
    api = api_client_for(None)
    for params in ({"year": "soon"}, {"year": 3000}, {"subject_type": "castle"}):
        response = api.get(f"{API}/impact/statistics/", params)
        assert response.status_code == 400
        assert set(params) <= set(response.json())
    assert api.get(f"{API}/impact/statistics/", {"subject_type": ""}).status_code == 200


def test_statistics_take_a_fixed_number_of_queries(api_client_for, users, checklists, django_assert_num_queries):
    api = api_client_for(None)
    office, official = users["office_staff"], users["official"]
    for _ in range(3):
        assessment_in_status("closed", office=office, department_official=official)
    with django_assert_num_queries(4):
        api.get(f"{API}/impact/statistics/")
    for _ in range(4):
        assessment_in_status("closed", office=office, department_official=official, subject_type="building")
    with django_assert_num_queries(4):
        assert len(api.get(f"{API}/impact/statistics/").json()["rows"]) == 2
