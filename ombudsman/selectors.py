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
from django.db.models import QuerySet
from django.utils import timezone

from humanrights_portal.core import compiled, permissions
from humanrights_portal.core.models import RightCategory, User, VulnerableGroup
from ombudsman import fragments, workflow
from ombudsman.filters import CaseFilter, CounsellingFilter, RecommendationFilter
from ombudsman.models import (
    CaseEvent,
    CaseStatus,
    Complaint,
    CounsellingSession,
    Recommendation,
)
from ombudsman.services import secret_key_matches
from ombudsman.statistics import figures as case_figures


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
    # The plan tasks following each recommendation up (plans.FollowUp), computed in the same query.
    from plans.selectors import follow_ups_shape, with_follow_ups

    # Every case's page runs the same queries with another id: their SQL is compiled once (core.compiled).
    complaint = Complaint.objects.select_related(
        "handler", "respondent_department", "registered_by", "satisfaction"
    ).filter(receipt_code=receipt_code)
    complaint = compiled.fetch(complaint, key=("case_get", "complaint"))
    if not complaint:
        raise Complaint.DoesNotExist
    complaint = complaint[0]
    recommendations_shape = follow_ups_shape(
        Recommendation, user=user, source="recommendation", select_related=("issued_by",)
    )
    related = {
        "rights": complaint.rights.all(),
        "groups": complaint.groups.all(),
        "events": complaint.events.select_related("actor"),
        "recommendations": with_follow_ups(
            Recommendation, user=user, source="recommendation", select_related=("issued_by",)
        ).filter(complaint=complaint),
        "counselling_sessions": complaint.counselling_sessions.select_related("counsellor"),
    }
    if permissions.can_view_case_internals(user):
        related |= {"notes": complaint.notes.select_related("author"), "attachments": complaint.attachments.all()}
    shapes = {"recommendations": recommendations_shape}
    _load_related(complaint, related, shapes)
    return complaint


def _load_related(instance, querysets: dict[str, QuerySet], shapes: dict[str, tuple]) -> None:
    """Run each related manager's queryset now and keep its rows where ``prefetch_related`` keeps them, so
    ``instance.<name>.all()`` reads them without a query. For one object this is what ``prefetch_related``
    does, without its machinery, which costs more than the queries themselves (3.7 of 14 ms on a case).
    The SQL of each list is compiled once per shape (``shapes`` adds to a list's key what its SQL depends on)."""
    cache = getattr(instance, "_prefetched_objects_cache", None)
    if cache is None:
        cache = instance._prefetched_objects_cache = {}
    for name, queryset in querysets.items():
        compiled.fetch(queryset, key=("related", instance._meta.label, name, shapes.get(name)))
        queryset._prefetch_done = True
        cache[name] = queryset
        for row in queryset:
            # What the related manager does: each row knows its parent without a query.
            if getattr(row, f"{instance._meta.model_name}_id", None) == instance.pk:
                setattr(row, instance._meta.model_name, instance)


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
    """Open cases past their stage deadline; at most ``fragments.COUNT_TTL_SECONDS`` old (see there)."""
    if not permissions.can_view_cases(user):
        raise PermissionDenied
    today = timezone.localdate()
    return fragments.overdue_counts.get_or_render(today, lambda: Complaint.objects.overdue(today).count())


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
    found = Complaint.objects.select_related("satisfaction").filter(pk=pk, anonymised_at__isnull=True)
    found = compiled.fetch(found, key=("complaint_for_tracking_session",))  # the SQL compiled once (core.compiled)
    return found[0] if found else None


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
    rows = compiled.fetch(rows, key=("public_timeline",))
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
) -> list[Recommendation]:
    """What the complainant may read of the recommendations. Given the public timeline, a case
    that never had one issued costs no query (not even an empty one to compile)."""
    if timeline is not None and all(entry.kind != CaseEvent.Kind.RECOMMENDATION_ISSUED for entry in timeline):
        return []
    # ``complaint`` too: the related manager sets it on each row, which would otherwise load it one by one.
    return list(
        complaint.recommendations.only(
            "complaint",
            "agency",
            "public_summary",
            "issued_on",
            "response",
            "response_date",
            "implemented",
            "implemented_on",
        )
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
    # The raw figures: plain aggregates, or the summary tables at scale (ombudsman/statistics.py).
    raw = case_figures(year=year, public=public)

    def labelled(pairs, label_of) -> list[dict]:
        return [{"key": key, "label": str(label_of(key)), "count": count} for key, count in pairs]

    status_labels = dict(CaseStatus.choices)
    right_names = {right.pk: right for right in RightCategory.objects.all()}
    group_names = {group.pk: group for group in VulnerableGroup.objects.all()}
    channel_labels = dict(Complaint._meta.get_field("channel").choices)
    response_labels = dict(Recommendation.Response.choices)
    day = 86400
    median, p90 = raw["median_seconds"], raw["p90_seconds"]
    satisfaction = {
        key: (round(value, 2) if isinstance(value, float) else value) for key, value in raw["satisfaction"].items()
    }
    statistics = CaseStatistics(
        year=year,
        counselling_sessions=raw["counselling_sessions"],
        cases_received=raw["received"],
        cases_closed=raw["closed"],
        open_cases=raw["open"],
        overdue_cases=raw["overdue"],
        by_status=labelled(raw["by_status"], lambda key: status_labels.get(key, key)),
        by_year=[{"key": key, "label": str(key), "count": count} for key, count in raw["by_year"]],
        by_right=labelled(raw["by_right"], lambda key: right_names[key].name),
        by_group=labelled(raw["by_group"], lambda key: group_names[key].name),
        by_agency=labelled(raw["by_agency"], lambda key: key),
        by_channel=labelled(raw["by_channel"], lambda key: channel_labels.get(key, key)),
        handling_days_median=round(median / day, 1) if median is not None else None,
        handling_days_p90=round(p90 / day, 1) if p90 is not None else None,
        recommendations_by_response=labelled(raw["by_response"], lambda key: response_labels[key]),
        recommendations_implemented=raw["implemented"],
        satisfaction=satisfaction,
        min_cell=min_cell,
    )
    if public:
        for name in ("by_status", "by_year", "by_right", "by_group", "by_channel", "recommendations_by_response"):
            rows = _suppress(getattr(statistics, name), min_cell)
            setattr(statistics, name, rows)
            if any(row["count"] is None for row in rows):
                statistics.suppressed.append(name)
        if satisfaction["answers"] < min_cell:
            statistics.satisfaction = {"answers": None, "fairness": None, "speed": None, "clarity": None}
            statistics.suppressed.append("satisfaction")
    return statistics
