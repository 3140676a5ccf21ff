"""One FilterSet per list, shared by the HTML pages, the API and the dashboards."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from humanrights_portal.core.filters import StableOrderingFilter, YearFilter
from humanrights_portal.core.models import Department
from impact.models import Assessment, AssessmentStatus, ChecklistTemplate, FacilityUse, Outcome, SubjectType


class AssessmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"), max_length=200)
    subject_type = django_filters.ChoiceFilter(choices=SubjectType.choices, label=_("Subject type"))
    status = django_filters.ChoiceFilter(
        choices=AssessmentStatus.choices, label=pgettext_lazy("impact assessment", "Status")
    )
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.active(), to_field_name="code", label=_("Responsible department")
    )
    year = YearFilter(label=_("Year"))
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices, label=_("Outcome"))
    facility_use = django_filters.ChoiceFilter(choices=FacilityUse.choices, label=_("Use of the facility"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue only"))
    ordering = StableOrderingFilter(
        fields=(("requested_on", "requested_on"), ("stage_deadline", "deadline"), ("code", "code")),
        label=_("Sort by"),
    )

    class Meta:
        model = Assessment
        fields = ["subject_type", "status", "department", "year", "outcome", "facility_use"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(title__icontains=value) | Q(description__icontains=value))

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue(timezone.localdate())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


class TemplateFilter(django_filters.FilterSet):
    subject_type = django_filters.ChoiceFilter(choices=SubjectType.choices, label=_("Subject type"))
    state = django_filters.ChoiceFilter(choices=ChecklistTemplate.State.choices, label=_("State"))

    class Meta:
        model = ChecklistTemplate
        fields = ["subject_type", "state"]
