"""One FilterSet per list, shared by the HTML pages, the API, the exports and the dashboards."""

import re

import django_filters
from django.contrib.postgres.search import SearchQuery
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.filters import StableOrderingFilter, YearFilter
from humanrights_portal.core.models import RightCategory, User, VulnerableGroup
from humanrights_portal.core.roles import Role
from ombudsman.models import CaseStatus, Channel, Complaint, CounsellingSession, Recommendation

SEARCH_TOKEN = re.compile(r"\w+", re.UNICODE)
MAX_SEARCH_TOKENS = 8


def korean_search_query(text: str) -> SearchQuery | None:
    """A prefix query for every word typed (docs/adr/0008-korean-search.md).

    Korean attaches particles and endings to the end of a word (경찰 → 경찰에, 경찰의), so
    ``경찰:*`` finds every form with PostgreSQL's ``simple`` configuration and a GIN index.
    """
    tokens = SEARCH_TOKEN.findall(text or "")[:MAX_SEARCH_TOKENS]
    if not tokens:
        return None
    return SearchQuery(" & ".join(f"{token}:*" for token in tokens), search_type="raw", config="simple")


def handler_choices(request=None):
    return User.objects.filter(groups__name=Role.OMBUDSMAN, is_active=True).order_by("display_name", "username")


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"), max_length=200)
    status = django_filters.MultipleChoiceFilter(choices=CaseStatus.choices, label=_("Status"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Received through"))
    handler = django_filters.ModelChoiceFilter(queryset=handler_choices, label=_("Handler"))
    received_after = django_filters.DateFilter(
        field_name="received_at", lookup_expr="date__gte", label=_("Received from")
    )
    received_before = django_filters.DateFilter(
        field_name="received_at", lookup_expr="date__lte", label=_("Received until")
    )
    year = YearFilter(field_name="received_at", lookup_expr="year", label=_("Year received"))
    agency = django_filters.CharFilter(
        field_name="respondent_agency", lookup_expr="icontains", label=_("Agency or facility"), max_length=200
    )
    right = django_filters.ModelChoiceFilter(
        field_name="rights",
        queryset=RightCategory.objects.active(),
        to_field_name="code",
        label=_("Right affected"),
    )
    group = django_filters.ModelChoiceFilter(
        field_name="groups",
        queryset=VulnerableGroup.objects.active(),
        to_field_name="code",
        label=_("Group concerned"),
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue only"))
    ordering = StableOrderingFilter(
        fields=(
            ("received_at", "received"),
            ("stage_deadline", "deadline"),
            ("receipt_code", "code"),
            ("status", "status"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = Complaint
        fields = ["status", "channel", "handler"]

    def filter_q(self, queryset, name, value):
        query = korean_search_query(value)
        if query is None:
            return queryset
        return queryset.filter(Q(search_vector=query) | Q(receipt_code__iexact=value.strip()))

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Q(pk__in=Complaint.objects.overdue(timezone.localdate()).values("pk"))
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class CounsellingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"), max_length=200)
    channel = django_filters.ChoiceFilter(choices=CounsellingSession.SessionChannel.choices, label=_("Channel"))
    outcome = django_filters.ChoiceFilter(choices=CounsellingSession.Outcome.choices, label=_("Outcome"))
    held_after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte", label=_("From"))
    held_before = django_filters.DateFilter(field_name="held_on", lookup_expr="lte", label=_("Until"))
    year = YearFilter(field_name="held_on", lookup_expr="year", label=_("Year"))
    group = django_filters.ModelChoiceFilter(
        field_name="groups",
        queryset=VulnerableGroup.objects.active(),
        to_field_name="code",
        label=_("Group concerned"),
    )

    class Meta:
        model = CounsellingSession
        fields = ["channel", "outcome"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(topic__icontains=value) | Q(summary__icontains=value))


class RecommendationFilter(django_filters.FilterSet):
    response = django_filters.ChoiceFilter(choices=Recommendation.Response.choices, label=_("Response"))
    implemented = django_filters.BooleanFilter(label=_("Implemented"))
    year = YearFilter(field_name="issued_on", lookup_expr="year", label=_("Year issued"))
    agency = django_filters.CharFilter(lookup_expr="icontains", label=_("Addressed to"), max_length=200)

    class Meta:
        model = Recommendation
        fields = ["response", "implemented"]


class StatisticsFilter(django_filters.FilterSet):
    """The filters of the statistics (dashboard and API)."""

    year = YearFilter(field_name="received_at", lookup_expr="year", label=_("Year"))

    class Meta:
        model = Complaint
        fields = ["year"]
