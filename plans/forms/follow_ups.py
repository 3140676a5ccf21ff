"""Forms of the follow-up page: turn a recommendation or a finding into a new or existing plan task.

They only parse input; every rule (who may, one source, no duplicates, no completed plan) lives in
``plans.services``.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.models import Department
from plans import selectors
from plans.models import PolicyTask

MAX_ID = 2_147_483_647


class FollowUpSourceForm(forms.Form):
    """The query string of the page: ``?recommendation=<id>`` or ``?finding=<id>``, and the task search."""

    recommendation = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    finding = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    q = forms.CharField(
        label=_("Search tasks"),
        required=False,
        max_length=100,
        help_text=_("A task code or words of its title, within adopted plans."),
    )

    def clean(self):
        data = super().clean()
        if not self.errors and (data.get("recommendation") is None) == (data.get("finding") is None):
            raise ValidationError(_("Open this page from one recommendation or one finding."))
        return data


class FollowUpLinkForm(forms.Form):
    """Link an existing task (of an adopted plan) to the source."""

    task = forms.IntegerField(label=_("Task"), min_value=1, max_value=MAX_ID)
    note = forms.CharField(
        label=_("How the task takes it up"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, tasks=(), **kwargs):
        kwargs.setdefault("prefix", "link")
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["task"].widget = forms.RadioSelect(choices=[(task.pk, task) for task in tasks])

    def clean_task(self):
        try:
            return selectors.follow_up_task_get(user=self.user, pk=self.cleaned_data["task"])
        except PolicyTask.DoesNotExist:
            raise ValidationError(_("Choose a task of an adopted plan."), code="unknown") from None


class FollowUpTaskForm(forms.Form):
    """Create a new task in an area of an adopted plan to carry out the source."""

    area = forms.ModelChoiceField(label=_("Area"), queryset=None, empty_label=_("Choose…"))
    code = forms.CharField(label=_("Code"), max_length=20)
    title = forms.CharField(label=_("Title"), max_length=300)
    responsible_department = forms.ModelChoiceField(
        label=_("Responsible department"), queryset=None, empty_label=_("Choose…")
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(
        label=_("How the task takes it up"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("prefix", "new")
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = selectors.follow_up_areas(user=user)
        self.fields["area"].label_from_instance = lambda area: f"{area.plan.title} — {area.number}. {area.title}"
        self.fields["responsible_department"].queryset = Department.objects.active()

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("area", "code", "title", "responsible_department", "description", "note")}
