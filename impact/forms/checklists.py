"""Forms of the checklist template pages. They only parse input; the rules live in ``impact.services``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core import selectors as core_selectors
from impact.filters import TemplateFilter
from impact.forms.assessments import empty_choice_label
from impact.models import ChecklistCriterion, ChecklistTemplate, SubjectType


def template_filter_form(data, *, public: bool) -> forms.Form:
    """The ``TemplateFilter`` form; the public sees versions in use only, so no state to choose."""
    form = TemplateFilter(data or None).form
    for name in ("subject_type", "state"):
        empty_choice_label(form.fields[name], _("All"))
    if public:
        del form.fields["state"]
    return form


class TemplateCreateForm(forms.Form):
    subject_type = forms.ChoiceField(label=_("Subject type"), choices=[("", _("Choose…")), *SubjectType.choices])
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the checklist is for and what changed in this version."),
    )
    copy_from = forms.ModelChoiceField(
        label=_("Start from the criteria of"),
        queryset=None,
        required=False,
        empty_label=_("The version in use for this subject type (default)"),
        help_text=_(
            "The new version starts as a draft with a copy of these criteria;"
            " the version you copy from does not change."
        ),
    )

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = templates
        self.fields["copy_from"].label_from_instance = lambda template: (
            f"{template.get_subject_type_display()} · v{template.version} · {template.title}"
            f" ({template.get_state_display()})"
        )


class TemplateEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    @staticmethod
    def initial_for(template: ChecklistTemplate) -> dict:
        return {"title": template.title, "description": template.description}


class CriterionForm(forms.Form):
    number = forms.IntegerField(
        label=_("Number"),
        required=False,
        min_value=1,
        max_value=32767,
        help_text=_("Optional: the next free number is used when left empty."),
    )
    section = forms.CharField(
        label=_("Section"),
        max_length=100,
        help_text=_("The right or group the criterion belongs to, e.g. “Privacy”."),
        widget=forms.TextInput(attrs={"list": "criterion-sections", "autocomplete": "off"}),
    )
    text = forms.CharField(label=_("Criterion"), widget=forms.Textarea(attrs={"rows": 3}))
    guidance = forms.CharField(
        label=_("Guidance for the assessor"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    right = forms.ModelChoiceField(label=_("Right"), queryset=None, required=False, empty_label=_("None"))
    group = forms.ModelChoiceField(label=_("Group of people"), queryset=None, required=False, empty_label=_("None"))

    def __init__(self, *args, criterion: ChecklistCriterion | None = None, **kwargs):
        if criterion is not None and not args and "data" not in kwargs:
            kwargs.setdefault("initial", {}).update(self.initial_for(criterion))
        super().__init__(*args, **kwargs)
        self.fields["right"].queryset = core_selectors.right_category_list()
        self.fields["group"].queryset = core_selectors.vulnerable_group_list()
        self.fields["right"].label_from_instance = lambda row: row.name
        self.fields["group"].label_from_instance = lambda row: row.name

    @staticmethod
    def initial_for(criterion: ChecklistCriterion) -> dict:
        return {
            "number": criterion.number,
            "section": criterion.section,
            "text": criterion.text,
            "guidance": criterion.guidance,
            "right": criterion.right_id,
            "group": criterion.group_id,
        }
