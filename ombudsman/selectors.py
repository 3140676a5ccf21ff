"""Reads of the ombudsman app, scoped to the user, with their joins prepared.

Who sees what (``core/permissions.py``): the ombudsman role sees every case in full; office
staff and committee members see anonymised cases (no identity, notes or attachments);
department officials and the public see no case at all, only anonymous statistics. Citizens
reach their own complaint with its receipt code and secret key.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Prefetch, Q, QuerySet
from django.utils import timezone

from humanrights_portal.core import permissions
from humanrights_portal.core.models import RightCategory, User, VulnerableGroup
from ombudsman import workflow
from ombudsman.filters import CaseFilter, CounsellingFilter, RecommendationFilter
from ombudsman.models import (
    CaseEvent,
    CaseStatus,
    Complaint,
    CounsellingSession,
    InternalNote,
    Recommendation,
    SatisfactionSurvey,
)
from ombudsman.services import secret_key_matches


class InvalidFilters(Exception):
    """The filters did not validate; ``errors`` maps each field to its messages."""

    def __init__(self, errors):
        super().__init__("invalid filters")
        self.errors = errors


def _filtered(filterset_class, queryset: QuerySet, filters, *, request=None) -> QuerySet:
    if not filters:  # None or no parameters: every filter would let everything through
        return queryset
    filterset = filterset_class(filters, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise InvalidFilters(filterset.errors)
    return filterset.qs


# ---------------------------------------------------------------- cases (staff)


def case_list(*, user, filters=None) -> QuerySet[Complaint]:
    """Cases for the list page, the API and the exports: one query, no per-row lookups."""
    if not permissions.can_view_cases(user):
        raise PermissionDenied
    queryset = Complaint.objects.select_related("handler", "respondent_department").defer(
        "description", "search_vector", "secret_key_hash"
    )
    return _filtered(CaseFilter, queryset, filters)


#: The columns a row of the staff case list shows (``case_list_rows``); the handler's names make its label.
CASE_ROW_FIELDS = (
    "receipt_code",
    "title",
    "status",
    "channel",
    "received_at",
    "respondent_agency",
    "stage_deadline",
    "handler_id",
    "handler__display_name",
    "handler__first_name",
    "handler__last_name",
    "handler__username",
)


def case_list_rows(queryset: QuerySet[Complaint]) -> QuerySet:
    """``case_list`` reduced to the columns of the HTML list, as tuples: one query, no model instances."""
    return queryset.values_list(*CASE_ROW_FIELDS)


def case_get(*, user, receipt_code: str) -> Complaint:
    """One case with everything its page shows; internals only for the ombudsman role."""
    if not permissions.can_view_cases(user):
        raise PermissionDenied
    prefetches = [
        "rights",
        "groups",
        Prefetch("events", queryset=CaseEvent.objects.select_related("actor")),
        Prefetch("recommendations", queryset=Recommendation.objects.select_related("issued_by")),
        Prefetch("counselling_sessions", queryset=CounsellingSession.objects.select_related("counsellor")),
    ]
    if permissions.can_view_case_internals(user):
        prefetches += [
            Prefetch("notes", queryset=InternalNote.objects.select_related("author")),
            "attachments",
        ]
    queryset = Complaint.objects.select_related("handler", "respondent_department", "registered_by", "satisfaction")
    return queryset.prefetch_related(*prefetches).get(receipt_code=receipt_code)


def case_attachment(*, user, receipt_code: str, attachment_id: int):
    if not permissions.can_view_case_internals(user):
        raise PermissionDenied
    complaint = Complaint.objects.get(receipt_code=receipt_code)
    return complaint.attachments.get(pk=attachment_id, removed_at__isnull=True)


def handler_list() -> QuerySet[User]:
    """Members of the ombudsman role a case can be assigned to."""
    from ombudsman.filters import handler_choices

    return handler_choices()


def overdue_count(*, user) -> int:
    if not permissions.can_view_cases(user):
        raise PermissionDenied
    return Complaint.objects.overdue(timezone.localdate()).count()


# ---------------------------------------------------------------- the citizen's view


def complaint_for_citizen(*, receipt_code: str, secret_key: str) -> Complaint | None:
    """The complaint whose code and key match, or ``None``: a wrong code and a wrong key look the same."""
    complaint = (
        Complaint.objects.filter(receipt_code=receipt_code.strip().upper(), anonymised_at__isnull=True)
        .select_related("satisfaction")
        .first()
    )
    return complaint if secret_key_matches(complaint, secret_key) else None


def complaint_for_tracking_session(*, pk: int | None) -> Complaint | None:
    """The complaint a citizen opened with code and key (id in their signed tracking cookie); never anonymised."""
    if not pk:
        return None
    try:
        return Complaint.objects.select_related("satisfaction").get(pk=pk, anonymised_at__isnull=True)
    except Complaint.DoesNotExist:
        return None


@dataclass(frozen=True)
class PublicTimelineEntry:
    occurred_at: datetime.datetime
    label: str
    message: str = ""
    kind: str = ""


def public_timeline(complaint: Complaint) -> list[PublicTimelineEntry]:
    """The timeline the complainant may see: plain words, no staff names, no internal reasons."""
    kinds = dict(CaseEvent.Kind.choices)
    rows = (
        complaint.events.filter(is_public=True)
        .order_by("occurred_at", "id")
        .values_list("occurred_at", "kind", "to_status", "public_message")
    )
    entries = []
    for occurred_at, kind, to_status, message in rows:
        if kind == CaseEvent.Kind.TRANSITION and to_status == CaseStatus.RECOMMENDATION_ISSUED:
            continue  # the recommendation's own entry says it, with its summary
        if kind in (CaseEvent.Kind.RECEIVED, CaseEvent.Kind.TRANSITION):
            label = workflow.PUBLIC_EVENT_LABELS.get(to_status, kinds[kind])
        else:
            label = kinds[kind]
        entries.append(PublicTimelineEntry(occurred_at=occurred_at, label=str(label), message=message, kind=kind))
    return entries


def public_recommendations(
    complaint: Complaint, timeline: list[PublicTimelineEntry] | None = None
) -> QuerySet[Recommendation]:
    """What the complainant may read of the recommendations. Given the public timeline, a case
    that never had one issued costs no query."""
    if timeline is not None and all(entry.kind != CaseEvent.Kind.RECOMMENDATION_ISSUED for entry in timeline):
        return Recommendation.objects.none()
    # ``complaint`` too: the related manager sets it on each row, which would otherwise load it one by one.
    return complaint.recommendations.only(
        "complaint",
        "agency",
        "public_summary",
        "issued_on",
        "response",
        "response_date",
        "implemented",
        "implemented_on",
    )


# ---------------------------------------------------------------- counselling and recommendations


def counselling_list(*, user, filters=None) -> QuerySet[CounsellingSession]:
    if not permissions.can_handle_complaints(user):
        raise PermissionDenied
    queryset = CounsellingSession.objects.select_related("counsellor", "complaint").prefetch_related("groups")
    return _filtered(CounsellingFilter, queryset, filters)


def counselling_get(*, user, pk: int) -> CounsellingSession:
    if not permissions.can_handle_complaints(user):
        raise PermissionDenied
    return (
        CounsellingSession.objects.select_related("counsellor", "complaint")
        .prefetch_related("groups", "rights")
        .get(pk=pk)
    )


def recommendation_list(*, user, filters=None) -> QuerySet[Recommendation]:
    if not permissions.can_view_cases(user):
        raise PermissionDenied
    queryset = Recommendation.objects.select_related("complaint", "issued_by")
    return _filtered(RecommendationFilter, queryset, filters)


def recommendation_get(*, user, pk: int) -> Recommendation:
    if not permissions.can_view_cases(user):
        raise PermissionDenied
    return Recommendation.objects.select_related("complaint", "issued_by").get(pk=pk)


def complaints_due_for_anonymisation(now: datetime.datetime | None = None) -> QuerySet[Complaint]:
    """Finished cases whose retention period (``PORTAL_COMPLAINT_RETENTION_DAYS``) has passed."""
    from ombudsman.services import retention_cutoff

    return Complaint.objects.filter(
        status__in=workflow.TERMINAL_STATUSES, anonymised_at__isnull=True, closed_at__lt=retention_cutoff(now)
    ).order_by("closed_at", "id")


# ---------------------------------------------------------------- statistics


@dataclass
class CaseStatistics:
    """Figures for the dashboards; ``suppressed`` marks cells hidden because they are too small."""

    year: int | None
    counselling_sessions: int
    cases_received: int
    cases_closed: int
    open_cases: int
    overdue_cases: int
    by_status: list[dict]
    by_year: list[dict]
    by_right: list[dict]
    by_group: list[dict]
    by_agency: list[dict]
    by_channel: list[dict]
    handling_days_median: float | None
    handling_days_p90: float | None
    recommendations_by_response: list[dict]
    recommendations_implemented: dict
    satisfaction: dict
    min_cell: int = 0
    suppressed: list[str] = field(default_factory=list)


def _rows(queryset, key: str, label_of) -> list[dict]:
    return [{"key": row[key], "label": str(label_of(row)), "count": row["count"]} for row in queryset]


def _suppress(rows: list[dict], min_cell: int) -> list[dict]:
    """Replace counts between 1 and ``min_cell - 1`` with ``None`` (shown as "fewer than N")."""
    if not min_cell:
        return rows
    return [{**row, "count": row["count"] if row["count"] >= min_cell else None} for row in rows]


def case_statistics(*, user=None, year: int | None = None, public: bool = False) -> CaseStatistics:
    """Counts by status, year, right, group, agency and channel; handling time; recommendations.

    ``public=True`` gives the anonymous version for the public dashboard: small cells suppressed
    (``PORTAL_STATISTICS_MIN_CELL``) and no agency names. Staff statistics need a staff role.
    """
    if not public and not permissions.can_view_case_statistics(user):
        raise PermissionDenied
    min_cell = settings.PORTAL_STATISTICS_MIN_CELL if public else 0
    cases = Complaint.objects.all()
    sessions = CounsellingSession.objects.all()
    recommendations = Recommendation.objects.all()
    if year:
        cases = cases.filter(received_at__year=year)
        sessions = sessions.filter(held_on__year=year)
        recommendations = recommendations.filter(issued_on__year=year)

    status_labels = dict(CaseStatus.choices)
    by_status = _rows(
        cases.values("status").annotate(count=Count("id")).order_by("status"),
        "status",
        lambda row: status_labels.get(row["status"], row["status"]),
    )
    by_year = [
        {"key": row["year"], "label": str(row["year"]), "count": row["count"]}
        for row in Complaint.objects.values(year=F("received_at__year")).annotate(count=Count("id")).order_by("year")
    ]
    right_names = {right.pk: right for right in RightCategory.objects.all()}
    by_right = _rows(
        cases.filter(rights__isnull=False).values("rights").annotate(count=Count("id")).order_by("-count", "rights"),
        "rights",
        lambda row: right_names[row["rights"]].name,
    )
    group_names = {group.pk: group for group in VulnerableGroup.objects.all()}
    by_group = _rows(
        cases.filter(groups__isnull=False).values("groups").annotate(count=Count("id")).order_by("-count", "groups"),
        "groups",
        lambda row: group_names[row["groups"]].name,
    )
    by_agency = (
        []
        if public
        else _rows(
            cases.values("respondent_agency").annotate(count=Count("id")).order_by("-count", "respondent_agency")[:20],
            "respondent_agency",
            lambda row: row["respondent_agency"],
        )
    )
    channel_labels = dict(Complaint._meta.get_field("channel").choices)
    by_channel = _rows(
        cases.values("channel").annotate(count=Count("id")).order_by("channel"),
        "channel",
        lambda row: channel_labels.get(row["channel"], row["channel"]),
    )

    handled = cases.filter(closed_at__isnull=False).annotate(
        handling=ExpressionWrapper(F("closed_at") - F("received_at"), output_field=DurationField())
    )
    median, p90 = _percentiles(handled)

    response_labels = dict(Recommendation.Response.choices)
    recommendations_by_response = _rows(
        recommendations.values("response").annotate(count=Count("id")).order_by("response"),
        "response",
        lambda row: response_labels[row["response"]],
    )
    implemented = recommendations.aggregate(
        yes=Count("id", filter=Q(implemented=True)),
        no=Count("id", filter=Q(implemented=False)),
        unknown=Count("id", filter=Q(implemented__isnull=True)),
    )
    surveys = SatisfactionSurvey.objects.filter(complaint__in=cases)
    satisfaction = surveys.aggregate(
        answers=Count("id"), fairness=Avg("fairness"), speed=Avg("speed"), clarity=Avg("clarity")
    )
    satisfaction = {
        key: (round(value, 2) if isinstance(value, float) else value) for key, value in satisfaction.items()
    }

    totals = cases.aggregate(
        received=Count("id"),
        closed=Count("id", filter=Q(status__in=workflow.TERMINAL_STATUSES)),
        open=Count("id", filter=Q(status__in=workflow.OPEN_STATUSES)),
        overdue=Count("id", filter=Q(status__in=workflow.OPEN_STATUSES, stage_deadline__lt=timezone.localdate())),
    )
    statistics = CaseStatistics(
        year=year,
        counselling_sessions=sessions.count(),
        cases_received=totals["received"],
        cases_closed=totals["closed"],
        open_cases=totals["open"],
        overdue_cases=totals["overdue"],
        by_status=by_status,
        by_year=by_year,
        by_right=by_right,
        by_group=by_group,
        by_agency=by_agency,
        by_channel=by_channel,
        handling_days_median=median,
        handling_days_p90=p90,
        recommendations_by_response=recommendations_by_response,
        recommendations_implemented=implemented,
        satisfaction=satisfaction,
        min_cell=min_cell,
    )
    if public:
        for name in ("by_status", "by_year", "by_right", "by_group", "by_channel", "recommendations_by_response"):
            setattr(statistics, name, _suppress(getattr(statistics, name), min_cell))
        if satisfaction["answers"] < min_cell:
            statistics.satisfaction = {"answers": None, "fairness": None, "speed": None, "clarity": None}
            statistics.suppressed.append("satisfaction")
    return statistics


PERCENTILES_SQL = (
    "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM handling)),"
    " percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM handling))"
    " FROM ({inner}) AS handled"
)


def _percentiles(handled: QuerySet) -> tuple[float | None, float | None]:
    """Median and 90th percentile of handling time in days, computed by PostgreSQL."""
    from django.db import connection

    sql, params = handled.values("handling").query.sql_with_params()
    with connection.cursor() as cursor:
        percentiles = PERCENTILES_SQL.format(inner=sql)
        cursor.execute(percentiles, params)
        median, p90 = cursor.fetchone()
    day = 86400
    return (round(median / day, 1) if median is not None else None, round(p90 / day, 1) if p90 is not None else None)
