"""The summary tables behind the complaint statistics (``ombudsman.statistics``) give exactly the
plain aggregates, follow the freshness rule, and read with a fixed number of queries."""

import dataclasses
import datetime
import zoneinfo

import pytest
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

from humanrights_portal.core.models import RightCategory, VulnerableGroup
from ombudsman import selectors, services, statistics
from ombudsman.models import CaseStatus, Channel, Complaint
from tests.factories import ComplaintFactory
from tests.ombudsman.selectors.test_selectors import at, known_cases  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

YEARS = [None, 2024, 2025, 2019]


@pytest.fixture
def more_cases(known_cases, ombudsman):  # noqa: F811
    """The known cases plus a spread of others: both years, several channels, rights and groups, a
    case received on New Year's Eve in UTC (already 1 January in Seoul)."""
    rights = list(RightCategory.objects.order_by("pk")[:4])
    groups = list(VulnerableGroup.objects.order_by("pk")[:3])
    for index in range(12):
        complaint = ComplaintFactory(
            received_at=at(2024 + index % 2, 1 + index % 12, 3),
            channel=[Channel.ONLINE, Channel.PHONE, Channel.VISIT][index % 3],
            registered_by=ombudsman,
            rights=rights[: 1 + index % 3],
            groups=groups[index % 3 : index % 3 + 1],
            respondent_agency=f"기관 {index % 4}",
        )
        if index % 2:
            services.case_transition(complaint=complaint, to=CaseStatus.SCREENING, actor=ombudsman)
            Complaint.objects.filter(pk=complaint.pk).update(stage_deadline=datetime.date(2024, 1, 1 + index))
    ComplaintFactory(received_at=datetime.datetime(2024, 12, 31, 20, tzinfo=datetime.UTC), title="섣달그믐")
    return known_cases


def all_figures():
    return {(year, public): statistics.plain_figures(year=year, public=public) for year in YEARS for public in (0, 1)}


def test_the_summary_gives_exactly_the_plain_aggregates(more_cases):
    statistics.refresh()
    for (year, public), plain in all_figures().items():
        summary = statistics.summary_figures(year=year, public=bool(public))
        assert summary == plain, (year, public)
        assert [type(value) for value in summary.values()] == [type(value) for value in plain.values()]
    assert statistics.summary_figures(year=2025, public=False)["received"] == 11  # 4 + 6 + New Year's Eve


@pytest.mark.parametrize("min_cell", [0, 2, 5])
def test_case_statistics_are_the_same_either_way(more_cases, ombudsman, settings, min_cell):
    settings.PORTAL_STATISTICS_MIN_CELL = min_cell
    settings.PORTAL_STATISTICS_MAX_AGE = 0
    plain = {
        (year, public): dataclasses.asdict(selectors.case_statistics(user=ombudsman, year=year, public=public))
        for year in YEARS
        for public in (False, True)
    }
    statistics.refresh()
    settings.PORTAL_STATISTICS_MAX_AGE = 600
    for (year, public), expected in plain.items():
        assert dataclasses.asdict(selectors.case_statistics(user=ombudsman, year=year, public=public)) == expected


def test_the_known_figures_from_the_summary(known_cases, ombudsman, settings):  # noqa: F811
    settings.PORTAL_STATISTICS_MAX_AGE = 600
    statistics.refresh()
    figures = selectors.case_statistics(user=ombudsman, year=2025)
    assert (figures.cases_received, figures.cases_closed, figures.open_cases, figures.overdue_cases) == (4, 3, 1, 1)
    assert figures.counselling_sessions == 2
    assert figures.handling_days_median == 20.0
    assert figures.satisfaction == {"answers": 1, "fairness": 5.0, "speed": 3.0, "clarity": 4.0}
    assert selectors.case_statistics(user=ombudsman).by_year == [
        {"key": 2024, "label": "2024", "count": 1},
        {"key": 2025, "label": "2025", "count": 4},
    ]


def test_max_age_zero_never_reads_the_summary(known_cases, ombudsman, settings):  # noqa: F811
    settings.PORTAL_STATISTICS_MAX_AGE = 0
    statistics.refresh()
    ComplaintFactory(received_at=at(2025, 5, 1))
    assert selectors.case_statistics(user=ombudsman, year=2025).cases_received == 5


def test_a_fresh_summary_is_served_and_a_stale_one_refreshed(known_cases, ombudsman, settings):  # noqa: F811
    settings.PORTAL_STATISTICS_MAX_AGE = 600
    statistics.refresh()
    ComplaintFactory(received_at=at(2025, 5, 1))
    assert selectors.case_statistics(user=ombudsman, year=2025).cases_received == 4  # at most 600 s old
    with connections["default"].cursor() as cursor:
        cursor.execute("UPDATE ombudsman_stat_state SET refreshed_at = now() - interval '601 seconds'")
    assert selectors.case_statistics(user=ombudsman, year=2025).cases_received == 5
    assert statistics.summary_state()["age"] < 60


def test_the_first_read_builds_the_summary(known_cases, ombudsman, settings):  # noqa: F811
    settings.PORTAL_STATISTICS_MAX_AGE = 600
    assert statistics.summary_state() is None
    assert selectors.case_statistics(user=ombudsman, year=2025).cases_received == 4
    assert statistics.summary_state()["time_zone"] == "Asia/Seoul"


@pytest.mark.django_db(transaction=True)  # the refresh's transaction-level lock is released on commit
def test_while_another_process_refreshes_the_last_version_is_served(known_cases, ombudsman, settings):  # noqa: F811
    settings.PORTAL_STATISTICS_MAX_AGE = 600
    statistics.refresh()
    ComplaintFactory(received_at=at(2025, 5, 1))
    with connections["default"].cursor() as cursor:
        cursor.execute("UPDATE ombudsman_stat_state SET refreshed_at = now() - interval '1 hour'")
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [statistics.LOCK_KEY])
        assert statistics.refresh(wait=False) is False
        assert selectors.case_statistics(user=ombudsman, year=2025).cases_received == 4  # stale, not blocked
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [statistics.LOCK_KEY])
    finally:
        other.close()
    assert selectors.case_statistics(user=ombudsman, year=2025).cases_received == 5


def test_another_time_zone_counts_its_own_years(more_cases, ombudsman, settings):
    settings.PORTAL_STATISTICS_MAX_AGE = 600
    statistics.refresh()
    seoul = selectors.case_statistics(user=ombudsman, year=2024)
    with timezone.override(zoneinfo.ZoneInfo("UTC")):
        utc = dataclasses.asdict(selectors.case_statistics(user=ombudsman, year=2024))
        settings.PORTAL_STATISTICS_MAX_AGE = 0
        assert utc == dataclasses.asdict(selectors.case_statistics(user=ombudsman, year=2024))
    assert utc["cases_received"] == seoul.cases_received + 1  # New Year's Eve in UTC is 2025 in Seoul


def test_the_summary_reads_a_fixed_number_of_queries(known_cases, ombudsman, settings, django_assert_num_queries):  # noqa: F811
    settings.PORTAL_STATISTICS_MAX_AGE = 600
    statistics.refresh()
    # state, rights, groups, then 8 (staff) or 7 (public, no agencies) reads of the summary
    with django_assert_num_queries(11):
        selectors.case_statistics(user=ombudsman, year=2025)
    with django_assert_num_queries(10):
        selectors.case_statistics(year=None, public=True)
    for index in range(20):
        ComplaintFactory(received_at=at(2025, 1 + index % 12, 5), respondent_agency=f"기관 {index}")
    statistics.refresh()
    with django_assert_num_queries(11):
        selectors.case_statistics(user=ombudsman, year=2025)
    with django_assert_num_queries(10):
        selectors.case_statistics(year=None, public=True)


def test_cases_by_year_for_the_trends(more_cases, settings):
    settings.PORTAL_STATISTICS_MAX_AGE = 0
    assert statistics.cases_by_year() is None
    settings.PORTAL_STATISTICS_MAX_AGE = 600
    statistics.refresh()
    group = VulnerableGroup.objects.get(code="psychiatric-patients")
    expected_all = {}
    for complaint in Complaint.objects.all():
        year = timezone.localtime(complaint.received_at).year
        received, closed = expected_all.get(year, (0, 0))
        expected_all[year] = (received + 1, closed + (complaint.status in statistics.workflow.TERMINAL_STATUSES))
    assert {year: (received, closed) for year, received, closed in statistics.cases_by_year()} == expected_all
    in_group = Complaint.objects.filter(groups=group)
    assert sum(received for _, received, _ in statistics.cases_by_year(group_id=group.pk)) == in_group.count()


def test_refresh_statistics_command(known_cases, capsys):  # noqa: F811
    call_command("refresh_statistics")
    assert "statistics summary refreshed" in capsys.readouterr().out
    assert statistics.summary_state()["age"] < 60
