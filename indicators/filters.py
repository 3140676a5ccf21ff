"""One FilterSet per list, shared by the HTML pages, the API and the dashboards."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from humanrights_portal.core.filters import YearFilter
from humanrights_portal.core.models import Department
from indicators.models import (
    Direction,
    Indicator,
    IndicatorFramework,
    IndicatorStatus,
    IndicatorType,
    Measurement,
    MeasurementState,
)


class FrameworkFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"), max_length=200)

    class Meta:
        model = IndicatorFramework
        fields = ["organisation"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(name_en__icontains=value))


class IndicatorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"), max_length=200)
    framework = django_filters.NumberFilter(field_name="framework", label=_("Framework"))
    area = django_filters.NumberFilter(field_name="area", label=_("Area"))
    status = django_filters.ChoiceFilter(choices=IndicatorStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=IndicatorType.choices, label=pgettext_lazy("indicator", "Type"))
    direction = django_filters.ChoiceFilter(choices=Direction.choices, label=_("Direction"))
    department = django_filters.ModelChoiceFilter(
        field_name="responsible_department",
        queryset=Department.objects.active(),
        to_field_name="code",
        label=_("Responsible department"),
    )
    sdg_goal = django_filters.NumberFilter(
        field_name="sdg_targets__goal__number", label=_("SDG goal"), distinct=True, min_value=1, max_value=17
    )

    class Meta:
        model = Indicator
        fields = ["framework", "area", "status", "kind", "department"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(code__iexact=value) | Q(name_ko__icontains=value) | Q(name_en__icontains=value))


class MeasurementFilter(django_filters.FilterSet):
    framework = django_filters.NumberFilter(field_name="indicator__framework", label=_("Framework"))
    indicator = django_filters.NumberFilter(field_name="indicator", label=_("Indicator"))
    code = django_filters.CharFilter(field_name="indicator__code", label=_("Indicator code"), max_length=20)
    year = YearFilter(field_name="year", label=_("Year"))
    state = django_filters.ChoiceFilter(choices=MeasurementState.choices, label=_("State"))
    totals_only = django_filters.BooleanFilter(
        field_name="category", lookup_expr="isnull", label=_("Totals only (no disaggregation)")
    )
    dimension = django_filters.CharFilter(field_name="category__dimension__code", label=_("Dimension"), max_length=40)

    class Meta:
        model = Measurement
        fields = ["framework", "indicator", "year", "state"]
