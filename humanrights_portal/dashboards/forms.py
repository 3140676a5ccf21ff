"""The dashboards' filter form: year, department, plan area and vulnerable group, read from the URL so a
filtered view can be bookmarked and shared. The HTML pages and the statistics API use the same form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.models import Department, VulnerableGroup
from humanrights_portal.dashboards.selectors import DashboardFilters, dashboard_years, default_year, years_with_data
from plans.models import PlanArea, PlanStatus


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, area):
        return f"{area.plan.title} — {area.number}. {area.title}"


class DashboardFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.active(),
        to_field_name="code",
        required=False,
        empty_label=_("All departments"),
    )
    area = AreaChoiceField(
        label=_("Plan area"),
        queryset=PlanArea.objects.filter(plan__status__in=(PlanStatus.ADOPTED, PlanStatus.COMPLETED))
        .select_related("plan")
        .order_by("-plan__start_year", "plan_id", "number"),
        required=False,
        empty_label=_("All areas"),
    )
    group = forms.ModelChoiceField(
        label=_("Group of people"),
        queryset=VulnerableGroup.objects.active(),
        to_field_name="code",
        required=False,
        empty_label=_("Everyone"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        by_app = years_with_data()
        self.years = dashboard_years(by_app)
        self.default_year = default_year(by_app)
        self.fields["year"].choices = [(year, str(year)) for year in self.years]
        self.fields["year"].initial = self.default_year

    def filters(self) -> DashboardFilters:
        """The filters of a valid form (call ``is_valid()`` first)."""
        data = self.cleaned_data
        return DashboardFilters(
            year=data.get("year") or self.default_year,
            department=data.get("department"),
            area=data.get("area"),
            group=data.get("group"),
        )
