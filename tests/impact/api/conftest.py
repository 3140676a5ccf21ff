"""Shared set-up of the impact API tests: published checklists and assessments in each status."""

import pytest

from tests.factories import assessment_in_status, checklist_published

API = "/api/v1"
ROLES = [
    None,
    "official",
    "other_official",
    "office_staff",
    "committee_member",
    "ombudsman",
    "administrator",
    "user_without_role",
]
STAFF = {"official", "other_official", "office_staff", "committee_member", "ombudsman", "administrator"}


@pytest.fixture
def checklists(users):
    office = users["office_staff"]
    return {
        "ordinance": checklist_published(actor=office, subject_type="ordinance"),
        "building": checklist_published(actor=office, subject_type="building"),
    }


@pytest.fixture
def walk(users, checklists):
    """``walk("findings_issued")``: an assessment of the official's department (복지건강국) in that status."""

    def make(status, **fields):
        return assessment_in_status(
            status,
            office=users["office_staff"],
            department_official=users["official"],
            committee_member=users["committee_member"],
            **fields,
        )

    return make
