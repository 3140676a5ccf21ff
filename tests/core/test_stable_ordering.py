"""Sorting by a column pages reliably: the primary key breaks ties; no key chosen keeps the list's order
(core.filters.StableOrderingFilter, used by the case list and the assessment list, HTML and API alike)."""

import warnings

import pytest

from impact.filters import AssessmentFilter
from impact.models import Assessment
from ombudsman.filters import CaseFilter
from ombudsman.models import Complaint

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("deadline", ("stage_deadline", "pk")),
        ("-deadline", ("-stage_deadline", "-pk")),
        ("status,-received", ("status", "-received_at", "-pk")),
    ],
)
def test_the_primary_key_breaks_ties_in_the_direction_of_the_last_key(ordering, expected):
    queryset = CaseFilter({"ordering": ordering}, queryset=Complaint.objects.all()).qs

    assert queryset.query.order_by == expected


@pytest.mark.parametrize("ordering", ["", ",", " "])
def test_no_key_chosen_keeps_the_lists_own_order(ordering):
    default = Assessment.objects.order_by("-requested_on", "-pk")
    queryset = AssessmentFilter({"ordering": ordering}, queryset=default).qs

    assert queryset.query.order_by == ("-requested_on", "-pk")


def test_the_api_pages_an_ordered_list_whatever_the_ordering_parameter(api_client_for, office_staff):
    api = api_client_for("office_staff")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # UnorderedObjectListWarning: pages could repeat or skip rows
        for ordering in ("", ",", "deadline"):
            assert api.get("/api/v1/impact-assessments/", {"ordering": ordering}).status_code == 200
