"""Forms of the plan and task pages. They only parse input; every rule lives in ``plans.services``."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core import selectors as core_selectors
from humanrights_portal.core.forms import ACCEPTED_EXTENSIONS, DateInput, add_service_errors
from humanrights_portal.core.models import Department
from plans.filters import PlanFilter, TaskFilter
from plans.models import AreaKind, BasePlan, PlanStatus, PolicyTask

BUDGET_FIELD = re.compile(r"^budget_(\d{4})$")
MIN_YEAR, MAX_YEAR = 1990, 2100


# ---------------------------------------------------------------- list filters


def plan_filter_form(data, *, show_drafts: bool) -> forms.Form:
    form = PlanFilter(data or None).form
    form.fields["q"].help_text = _("Words of the title or vision.")
    form.fields["organisation"].label = _("Local government")
    if not show_drafts:
        form.fields["status"].choices = [
            choice for choice in form.fields["status"].choices if choice[0] != PlanStatus.DRAFT
        ]
    return form


def task_filter_form(data, *, plans, areas=None) -> forms.Form:
    """The ``TaskFilter`` form; plans and areas as selects (areas once a plan is chosen)."""
    form = TaskFilter(data or None).form
    form.fields["q"].help_text = _("A task code, or words of its title or description.")
    form.fields["plan"].widget = forms.Select(choices=[("", _("All plans"))] + [(p.pk, str(p)) for p in plans])
    if areas is None:
        form.fields["area"].widget = forms.HiddenInput()
    else:
        form.fields["area"].widget = forms.Select(choices=[("", _("All areas"))] + [(a.pk, str(a)) for a in areas])
    form.fields["sdg_target"].help_text = _("For example 5.2 or 16.b.")
    return form


class PlanYearForm(forms.Form):
    """The year whose roll-ups the plan page shows: one of the plan's years."""

    year = forms.IntegerField(label=_("Year"))

    def __init__(self, *args, plan: BasePlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["year"].widget = forms.Select(choices=[(year, year) for year in plan.years])

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year not in self.plan.years:
            raise ValidationError(
                _("Choose a year between %(start)s and %(end)s."),
                code="out_of_period",
                params={"start": self.plan.start_year, "end": self.plan.end_year},
            )
        return year


# ---------------------------------------------------------------- plans and areas


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    organisation = forms.CharField(
        label=_("Local government"), max_length=100, help_text=_("The city or province whose plan this is.")
    )
    start_year = forms.IntegerField(label=_("First year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    end_year = forms.IntegerField(label=_("Last year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    area_kind = forms.ChoiceField(label=_("Its parts are called"), choices=AreaKind.choices)
    vision = forms.CharField(label=_("Vision"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    drafting_process = forms.CharField(
        label=_("How it was drafted"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Surveys, expert meetings, consultations, committee review …"),
    )

    @classmethod
    def initial_for(cls, plan: BasePlan) -> dict:
        return {name: getattr(plan, name) for name in cls.base_fields}


class PlanDocumentForm(forms.Form):
    document = forms.FileField(
        label=_("Plan document"),
        help_text=_("The adopted plan as a PDF, HWP or office document."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_EXTENSIONS}),
    )


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("adopted_on", timezone.localdate())
        kwargs.setdefault("prefix", "adopt")
        super().__init__(*args, **kwargs)


class AreaForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


# ---------------------------------------------------------------- tasks


class TaskForm(forms.Form):
    """A policy task, with one planned-budget field per year of the plan (``budget_<year>``)."""

    area = forms.ModelChoiceField(label=_("Area"), queryset=None, empty_label=_("Choose…"))
    code = forms.CharField(label=_("Code"), max_length=20)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    responsible_department = forms.ModelChoiceField(
        label=_("Responsible department"), queryset=None, empty_label=_("Choose…")
    )
    cooperating_departments = forms.ModelMultipleChoiceField(
        label=_("Co-operating departments"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    sdg_targets = forms.ModelMultipleChoiceField(
        label=_("SDG targets"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=100000, initial=0)

    def __init__(self, *args, plan: BasePlan, task: PolicyTask | None = None, **kwargs):
        if task is not None and not args and "data" not in kwargs:
            kwargs.setdefault("initial", {}).update(self.initial_for(task))
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["area"].queryset = plan.areas.order_by("number")
        departments = Department.objects.active()
        self.fields["responsible_department"].queryset = departments
        self.fields["cooperating_departments"].queryset = departments
        self.fields["target_groups"].queryset = core_selectors.vulnerable_group_list()
        self.fields["sdg_targets"].queryset = core_selectors.sdg_target_list()
        self.fields["sdg_targets"].label_from_instance = lambda target: f"{target.code} {target.title}"
        # One field per year of the plan; years outside the period appear when the task already has a
        # budget there or the data names one, so the service's error lands at that field.
        years = set(self.plan.years)
        if task is not None:
            years.update(budget.year for budget in task.budgets.all())
        for key in self.data:
            match = BUDGET_FIELD.match(key)
            if match and MIN_YEAR <= int(match.group(1)) <= MAX_YEAR:
                years.add(int(match.group(1)))
        self.budget_years = sorted(years)
        for year in self.budget_years:
            label = _("Planned budget %(year)s (KRW)") % {"year": year}
            if year not in self.plan.years:
                label = _("Planned budget %(year)s (KRW, outside the plan's period)") % {"year": year}
            self.fields[f"budget_{year}"] = forms.IntegerField(
                label=label, required=False, min_value=0, max_value=10**15
            )

    @staticmethod
    def initial_for(task: PolicyTask) -> dict:
        initial = {
            "area": task.area_id,
            "code": task.code,
            "title": task.title,
            "description": task.description,
            "responsible_department": task.responsible_department_id,
            "cooperating_departments": [department.pk for department in task.cooperating_departments.all()],
            "target_groups": [group.pk for group in task.target_groups.all()],
            "sdg_targets": [target.pk for target in task.sdg_targets.all()],
            "order": task.order,
        }
        initial.update({f"budget_{budget.year}": budget.planned_amount for budget in task.budgets.all()})
        return initial

    @property
    def budget_fields(self):
        return [self[f"budget_{year}"] for year in self.budget_years]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "area": data["area"],
            "code": data["code"],
            "title": data["title"],
            "description": data["description"],
            "responsible_department": data["responsible_department"],
            "cooperating_departments": list(data["cooperating_departments"]),
            "target_groups": list(data["target_groups"]),
            "sdg_targets": list(data["sdg_targets"]),
            "order": data["order"] or 0,
            "budgets": {
                year: data[f"budget_{year}"] for year in self.budget_years if data.get(f"budget_{year}") is not None
            },
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """Budget errors go to the year they name; everything else as ``add_service_errors`` does."""
        if not hasattr(error, "error_dict") or "budgets" not in error.error_dict:
            add_service_errors(self, error)
            return
        for field, messages in error.message_dict.items():
            if field != "budgets":
                add_service_errors(self, ValidationError({field: messages}))
                continue
            for message in messages:
                year = next((year for year in self.budget_years if str(year) in message), None)
                self.add_error(f"budget_{year}" if year else None, message)
