"""One FilterSet per list, shared by the HTML pages, the API and the dashboards."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.filters import YearFilter
from humanrights_portal.core.models import Department, VulnerableGroup
from plans.models import (
    AnnualRecord,
    BasePlan,
    Meeting,
    PlanArea,
    PlanStatus,
    PolicyTask,
    ProgressStatus,
    ReviewOpinion,
    ReviewState,
)


class PlanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"), max_length=200)
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, label=_("Status"))
    year = YearFilter(method="filter_year", label=_("In force in"))

    class Meta:
        model = BasePlan
        fields = ["status", "organisation"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(title_en__icontains=value) | Q(vision__icontains=value))

    def filter_year(self, queryset, name, value):
        return queryset.filter(start_year__lte=value, end_year__gte=value)


class TaskFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"), max_length=200)
    plan = django_filters.NumberFilter(field_name="area__plan", label=_("Plan"))
    area = django_filters.NumberFilter(field_name="area", label=_("Area"))
    department = django_filters.ModelChoiceFilter(
        field_name="responsible_department",
        queryset=Department.objects.active(),
        to_field_name="code",
        label=_("Responsible department"),
    )
    group = django_filters.ModelChoiceFilter(
        field_name="target_groups",
        queryset=VulnerableGroup.objects.active(),
        to_field_name="code",
        label=_("Target group"),
    )
    sdg_target = django_filters.CharFilter(field_name="sdg_targets__code", label=_("SDG target"), max_length=8)

    class Meta:
        model = PolicyTask
        fields = ["plan", "area", "department", "group"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(code__iexact=value) | Q(title__icontains=value) | Q(description__icontains=value))


class RecordFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="task__area__plan", label=_("Plan"))
    area = django_filters.NumberFilter(field_name="task__area", label=_("Area"))
    year = YearFilter(field_name="year", label=_("Year"))
    department = django_filters.ModelChoiceFilter(
        field_name="task__responsible_department",
        queryset=Department.objects.active(),
        to_field_name="code",
        label=_("Department"),
    )
    progress_status = django_filters.ChoiceFilter(choices=ProgressStatus.choices, label=_("Progress"))
    review_state = django_filters.ChoiceFilter(choices=ReviewState.choices, label=_("Review"))
    group = django_filters.ModelChoiceFilter(
        field_name="task__target_groups",
        queryset=VulnerableGroup.objects.active(),
        to_field_name="code",
        label=_("Target group"),
    )

    class Meta:
        model = AnnualRecord
        fields = ["plan", "year", "department", "progress_status", "review_state"]


class MeetingFilter(django_filters.FilterSet):
    year = YearFilter(field_name="held_on", lookup_expr="year", label=_("Year"))
    kind = django_filters.ChoiceFilter(choices=Meeting.Kind.choices, label=_("Kind"))

    class Meta:
        model = Meeting
        fields = ["committee", "kind"]


class OpinionFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="plan", label=_("Plan"))
    reflection = django_filters.ChoiceFilter(choices=ReviewOpinion.Reflection.choices, label=_("Reflection"))
    year = YearFilter(field_name="submitted_at", lookup_expr="year", label=_("Year"))

    class Meta:
        model = ReviewOpinion
        fields = ["committee", "plan", "reflection"]


class AreaFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="plan", label=_("Plan"))

    class Meta:
        model = PlanArea
        fields = ["plan"]
