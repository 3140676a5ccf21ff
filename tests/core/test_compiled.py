"""core.compiled: querysets of one shape compiled once, then run with each queryset's own WHERE values."""

from unittest import mock

import pytest
from django.db.models.sql.compiler import SQLCompiler

from humanrights_portal.core import compiled
from ombudsman.models import CaseEvent
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_shapes():
    compiled._compiled.clear()
    yield
    compiled._compiled.clear()


def events_of(complaint):
    return complaint.events.select_related("actor").order_by("occurred_at", "pk")


def note(complaint, text):
    return CaseEvent.objects.create(complaint=complaint, kind=CaseEvent.Kind.INFORMATION_ADDED, reason=text)


def test_a_second_queryset_of_the_shape_runs_the_kept_sql_with_its_own_values(ombudsman):
    first, second = ComplaintFactory(), ComplaintFactory()
    note(first, "첫째")
    theirs = note(second, "둘째")
    theirs.actor = ombudsman
    theirs.save()

    rows = list(compiled.fetch(events_of(first), key=("test", "events")))
    assert [row.complaint_id for row in rows] == [first.pk] * len(rows)
    with mock.patch.object(SQLCompiler, "pre_sql_setup", autospec=True) as setup:
        again = compiled.fetch(events_of(second), key=("test", "events"))
        rows = list(again)
    setup.assert_not_called()  # no select list, joins or ordering compiled this time
    assert [row.reason for row in rows if row.kind == CaseEvent.Kind.INFORMATION_ADDED] == ["둘째"]
    assert {row.complaint_id for row in rows} == {second.pk}
    assert [row.actor for row in rows if row.pk == theirs.pk] == [
        ombudsman
    ]  # select_related built from the kept layout
    assert list(again) == list(events_of(second))
    assert not hasattr(again.query, "__dict__") or "get_compiler" not in again.query.__dict__
    assert again.count() == events_of(second).count()  # other uses of the query compile as usual


def test_another_shape_under_the_same_key_is_compiled_as_usual():
    complaint = ComplaintFactory()
    note(complaint, "메모")
    compiled.fetch(events_of(complaint), key=("test", "events"))

    filtered = events_of(complaint).filter(kind=CaseEvent.Kind.INFORMATION_ADDED)  # another WHERE
    assert [row.reason for row in compiled.fetch(filtered, key=("test", "events"))] == ["메모"]
    plain = complaint.events.order_by("pk")  # another select list (no join)
    assert list(compiled.fetch(plain, key=("test", "events"))) == list(complaint.events.order_by("pk"))


def test_querysets_matching_nothing_are_evaluated_as_usual():
    assert list(compiled.fetch(CaseEvent.objects.none(), key=("test", "none"))) == []
    assert list(compiled.fetch(CaseEvent.objects.filter(pk__in=[]), key=("test", "in"))) == []
    assert ("test", "none") not in compiled._compiled


def test_a_shape_without_a_where_runs_its_kept_sql_as_it_is():
    complaint = ComplaintFactory()
    everything = compiled.fetch(CaseEvent.objects.order_by("-pk")[:5], key=("test", "all"))
    assert list(everything) == list(complaint.events.order_by("-pk")[:5])
    assert compiled._compiled[("test", "all")].where_sql == ""
    added = note(complaint, "나중에")
    with mock.patch.object(SQLCompiler, "pre_sql_setup", autospec=True) as setup:
        again = list(compiled.fetch(CaseEvent.objects.order_by("-pk")[:5], key=("test", "all")))
    setup.assert_not_called()
    assert again[0] == added  # the kept SQL, run afresh
    other_page = compiled.fetch(CaseEvent.objects.order_by("-pk")[1:6], key=("test", "all"))  # another LIMIT
    assert list(other_page) == list(CaseEvent.objects.order_by("-pk")[1:6])
    filtered = CaseEvent.objects.filter(reason="나중에").order_by("-pk")[:5]  # a WHERE now: compiled as usual
    assert list(compiled.fetch(filtered, key=("test", "all"))) == [added]


def test_values_lists_run_the_kept_sql_too():
    first, second = ComplaintFactory(), ComplaintFactory()
    note(second, "추가 정보")

    def reasons(complaint):
        return complaint.events.order_by("occurred_at", "pk").values_list("kind", "reason")

    assert list(compiled.fetch(reasons(first), key=("test", "values"))) == list(reasons(first))
    with mock.patch.object(SQLCompiler, "pre_sql_setup", autospec=True) as setup:
        rows = list(compiled.fetch(reasons(second), key=("test", "values")))
    setup.assert_not_called()
    assert rows == list(reasons(second))
    assert ("information_added", "추가 정보") in rows
