"""Versioned checklist templates: drafts change, publishing retires the version in use, published and
retired versions are frozen, assessments keep the version they were answered against."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from humanrights_portal.core.models import AuditEvent, RightCategory, VulnerableGroup
from impact import services
from impact.models import ChecklistTemplate
from tests.factories import assessment_in_status, checklist_published

pytestmark = pytest.mark.django_db

State = ChecklistTemplate.State
NOT_OFFICE = ["official", "other_official", "ombudsman", "committee_member", "administrator", "user_without_role"]


def draft(actor, subject_type="ordinance", **fields):
    return services.template_create(actor=actor, subject_type=subject_type, title="조례 체크리스트", **fields)


def test_only_the_office_manages_checklists(users, office_staff):
    template = draft(office_staff)
    criterion = services.criterion_save(template=template, actor=office_staff, section="아동", text="아동의 의견?")
    for name in NOT_OFFICE:
        user = users[name]
        with pytest.raises(PermissionDenied):
            draft(user)
        with pytest.raises(PermissionDenied):
            services.template_update(template=template, actor=user, title="변경")
        with pytest.raises(PermissionDenied):
            services.criterion_save(template=template, actor=user, section="노인", text="노인?")
        with pytest.raises(PermissionDenied):
            services.criterion_delete(criterion=criterion, actor=user)
        with pytest.raises(PermissionDenied):
            services.template_publish(template=template, actor=user)
    assert ChecklistTemplate.objects.count() == 1


def test_create_checks_its_input(office_staff):
    with pytest.raises(ValidationError) as error:
        services.template_create(actor=office_staff, subject_type="song", title="x")
    assert set(error.value.message_dict) == {"subject_type"}
    with pytest.raises(ValidationError) as error:
        services.template_create(actor=office_staff, subject_type="ordinance", title="  ")
    assert set(error.value.message_dict) == {"title"}
    building = checklist_published(actor=office_staff, subject_type="building")
    with pytest.raises(ValidationError) as error:
        draft(office_staff, copy_from=building)
    assert set(error.value.message_dict) == {"copy_from"}


def test_versions_count_per_subject_type_and_a_new_version_copies_the_one_in_use(office_staff):
    right = RightCategory.objects.get(code="equality")
    group = VulnerableGroup.objects.get(code="migrants")
    first = draft(office_staff)
    services.criterion_save(template=first, actor=office_staff, section="평등·차별금지", text="차별?", right=right)
    services.criterion_save(template=first, actor=office_staff, section="이주민", text="다국어?", group=group)
    services.template_publish(template=first, actor=office_staff)
    building = draft(office_staff, subject_type="building")
    assert (first.version, building.version) == (1, 1)
    assert not building.criteria.exists()  # nothing in use to copy

    second = draft(office_staff, description="2019 개정")
    assert (second.version, second.state) == (2, State.DRAFT)
    copied = list(second.criteria.order_by("number").values_list("number", "section", "text", "right", "group"))
    assert copied == [(1, "평등·차별금지", "차별?", right.pk, None), (2, "이주민", "다국어?", None, group.pk)]
    assert set(second.criteria.values_list("pk", flat=True)).isdisjoint(first.criteria.values_list("pk", flat=True))
    audit = AuditEvent.objects.get(action="impact.template.create", target_id=str(second.pk))
    assert audit.changes == {"copied_from": first.pk}
    # an explicit copy of an older version
    third = draft(office_staff, copy_from=first)
    assert third.version == 3
    assert third.criteria.count() == 2


def test_publishing_retires_the_version_in_use(office_staff):
    first = checklist_published(actor=office_staff)
    assert (first.state, first.published_at is not None) == (State.PUBLISHED, True)
    second = draft(office_staff)
    services.criterion_save(template=second, actor=office_staff, section="노인", text="대면 신청?")
    published = services.template_publish(template=second, actor=office_staff)
    first.refresh_from_db()
    assert (first.state, published.state) == (State.RETIRED, State.PUBLISHED)
    assert services.published_template("ordinance") == published
    assert ChecklistTemplate.objects.filter(subject_type="ordinance", state=State.PUBLISHED).count() == 1
    audit = AuditEvent.objects.get(action="impact.template.publish", target_id=str(published.pk))
    assert audit.changes == {"retired": [first.pk]}


def test_an_empty_draft_cannot_be_published(office_staff):
    with pytest.raises(ValidationError):
        services.template_publish(template=draft(office_staff), actor=office_staff)


@pytest.mark.parametrize("state", ["published", "retired"])
def test_published_and_retired_versions_are_frozen(office_staff, state):
    template = checklist_published(actor=office_staff)
    if state == "retired":
        checklist_published(actor=office_staff)
        template.refresh_from_db()
    assert template.state == state
    assert not template.is_editable
    criterion = template.criteria.first()
    for call in (
        lambda: services.template_update(template=template, actor=office_staff, title="변경"),
        lambda: services.criterion_save(template=template, actor=office_staff, section="노인", text="추가?"),
        lambda: services.criterion_save(
            template=template, actor=office_staff, instance=criterion, section="x", text="변경"
        ),
        lambda: services.criterion_delete(criterion=criterion, actor=office_staff),
        lambda: services.template_publish(template=template, actor=office_staff),
    ):
        with pytest.raises(ValidationError):
            call()
    criterion.refresh_from_db()
    assert criterion.section != "x"
    assert template.criteria.count() == 3


def test_criterion_rules_on_a_draft(office_staff):
    template = draft(office_staff)
    first = services.criterion_save(template=template, actor=office_staff, section=" 아동 ", text=" 의견 청취? ")
    assert (first.number, first.section, first.text) == (1, "아동", "의견 청취?")
    second = services.criterion_save(template=template, actor=office_staff, section="노인", text="대면?", number=5)
    assert second.number == 5
    assert services.criterion_save(template=template, actor=office_staff, section="여성", text="성별?").number == 6
    for number, keys in ((5, {"number"}), (0, {"number"})):
        with pytest.raises(ValidationError) as error:
            services.criterion_save(template=template, actor=office_staff, section="x", text="y", number=number)
        assert set(error.value.message_dict) == keys
    with pytest.raises(ValidationError) as error:
        services.criterion_save(template=template, actor=office_staff, section=" ", text="")
    assert set(error.value.message_dict) == {"section", "text"}
    moved = services.criterion_save(
        template=template, actor=office_staff, instance=first, section="아동", text="아동의 의견?", number=2
    )
    assert (moved.pk, moved.number) == (first.pk, 2)
    other = draft(office_staff, subject_type="event")
    with pytest.raises(ValidationError):
        services.criterion_save(template=other, actor=office_staff, instance=first, section="아동", text="?")
    updated = services.template_update(template=template, actor=office_staff, title=" 새 제목 ", description="설명")
    assert (updated.title, updated.description) == ("새 제목", "설명")
    with pytest.raises(ValidationError) as error:
        services.template_update(template=template, actor=office_staff, title=" ")
    assert set(error.value.message_dict) == {"title"}
    services.criterion_delete(criterion=second, actor=office_staff)
    assert list(template.criteria.values_list("number", flat=True)) == [2, 6]


def test_assessments_keep_the_version_they_were_answered_against(office_staff, official):
    first = checklist_published(actor=office_staff)
    closed = assessment_in_status("closed", office=office_staff, department_official=official)
    in_progress = assessment_in_status("in_assessment", office=office_staff, department_official=official)
    second = draft(office_staff)
    services.criterion_save(template=second, actor=office_staff, section="환경", text="폭염 영향?")
    services.template_publish(template=second, actor=office_staff)
    for assessment in (closed, in_progress):
        assessment.refresh_from_db()
        assert assessment.checklist == first
        assert set(assessment.answers.values_list("criterion__template", flat=True)) == {first.pk}
    # the assessment in progress still answers its own version's criteria
    row = in_progress.answers.first()
    services.checklist_save(
        assessment=in_progress, actor=office_staff, answers={row.criterion_id: {"answer": "yes", "note": ""}}
    )
    new = assessment_in_status("in_assessment", office=office_staff, department_official=official)
    assert new.checklist == second
    assert new.answers.count() == 4
    assert first.assessments.count() == 2
