"""Forms of the assessment list, the request form and the figures page.

They only parse input; every rule (what a building or an event request must say, who may request
for which department) lives in ``impact.services``.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core import permissions
from humanrights_portal.core import selectors as core_selectors
from humanrights_portal.core.forms import DateInput
from impact.filters import AssessmentFilter
from impact.models import Assessment, SubjectType
from impact.services import SUBJECT_FIELDS, TYPE_SPECIFIC_FIELDS
from plans import selectors as plan_selectors

#: Filters the public does not get: it sees closed assessments only, and nothing is overdue for it.
STAFF_ONLY_FILTERS = ("status", "overdue")

# ---------------------------------------------------------------- list filters


def empty_choice_label(field, label) -> None:
    """Name the empty choice of a django-filter choice field (its iterator adds it to the choices)."""
    choices = [choice for choice in field.choices if choice[0] != ""]
    field.empty_label = label
    field.choices = choices


def assessment_filter_form(data, *, public: bool) -> forms.Form:
    """The ``AssessmentFilter`` form with accessible labels; without status and overdue for the public."""
    form = AssessmentFilter(data or None).form
    form.fields["q"].help_text = _("A reference such as HRIA-2018-0042, or words of the subject.")
    form.fields["department"].label_from_instance = lambda department: department.name
    form.fields["department"].empty_label = _("All departments")
    form.fields["year"].widget = forms.NumberInput(attrs={"min": 1900, "max": 2100, "inputmode": "numeric"})
    for name in ("subject_type", "outcome", "facility_use", "status"):
        empty_choice_label(form.fields[name], _("All"))
    empty_choice_label(form.fields["ordering"], _("Latest request first"))
    form.fields["overdue"].widget = forms.Select(
        choices=[("", _("All")), ("true", _("Overdue only")), ("false", _("Not overdue"))]
    )
    form.fields["overdue"].label = _("Deadline")
    if public:
        for name in STAFF_ONLY_FILTERS:
            del form.fields[name]
    return form


# ---------------------------------------------------------------- request form

ACCESSIBILITY_FIELDS = (
    "step_free_entrance",
    "accessible_toilet",
    "lift_or_ramp",
    "tactile_guidance",
    "accessible_parking",
)


class KnownSelect(forms.NullBooleanSelect):
    """Yes / no / not known, for the accessibility facts of a building."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", _("Not known")), ("true", _("Yes")), ("false", _("No"))]


class AssessmentForm(forms.ModelForm):
    """The subject of an assessment: the common fields and the fieldsets of each subject type.

    ``department`` is offered when requesting: the office chooses any active department, an
    official gets only their own (another one is refused with a field error). On the edit page the
    department is fixed and shown read-only.
    """

    subject_type = forms.ChoiceField(
        label=_("What is to be assessed"), choices=SubjectType.choices, widget=forms.RadioSelect
    )
    department = forms.ModelChoiceField(
        label=_("Responsible department"),
        queryset=None,
        empty_label=_("Choose…"),
        error_messages={"invalid_choice": _("You can request assessments only for your own department.")},
    )
    related_tasks = forms.ModelMultipleChoiceField(
        label=_("Related plan tasks"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Optional: the tasks of a human rights plan this subject carries out."
            " Hold Ctrl (⌘ on a Mac) to choose several."
        ),
    )

    class Meta:
        model = Assessment
        fields = list(SUBJECT_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "legislative_notice_start": DateInput(),
            "legislative_notice_end": DateInput(),
            "event_start": DateInput(),
            "event_end": DateInput(),
        }
        help_texts = {
            "title": _("For example the name of the ordinance, the policy, the building or the event."),
            "article_numbers": _("For example “Articles 3 and 7”."),
        }

    def __init__(self, *args, user, assessment: Assessment | None = None, **kwargs):
        if assessment is not None and not args and "data" not in kwargs:
            kwargs.setdefault("initial", {}).update(self.initial_for(assessment))
        super().__init__(*args, **kwargs)
        self.user = user
        self.assessment = assessment
        self.official_department = None
        if assessment is not None:
            del self.fields["department"]
        elif permissions.is_office_staff(user):
            self.fields["department"].queryset = core_selectors.department_list().filter(is_active=True)
        else:
            # An official requests for their own department only: the one choice offered, preselected.
            department_id = getattr(user, "department_id", None)
            self.fields["department"].queryset = core_selectors.department_list().filter(pk=department_id)
            self.fields["department"].empty_label = None
            self.fields["department"].help_text = _("Officials request assessments for their own department.")
            self.official_department = department_id
        if "department" in self.fields:
            self.fields["department"].label_from_instance = lambda department: department.name
        self.fields["related_tasks"].queryset = plan_selectors.task_list(user=user).order_by(
            "-area__plan__start_year", "area__plan__title", "code", "pk"
        )
        self.fields["related_tasks"].label_from_instance = lambda task: (
            f"{task.code} {task.title} ({task.area.plan.title})"
        )
        self.fields["revision_kind"].choices = [("", _("Choose…")), *self.fields["revision_kind"].choices[1:]]
        self.fields["facility_use"].choices = [("", _("Choose…")), *self.fields["facility_use"].choices[1:]]
        for name in ACCESSIBILITY_FIELDS:
            self.fields[name].widget = KnownSelect()

    @staticmethod
    def initial_for(assessment: Assessment) -> dict:
        initial = {name: getattr(assessment, name) for name in SUBJECT_FIELDS}
        initial["related_tasks"] = [task.pk for task in assessment.related_tasks.all()]
        return initial

    def _post_clean(self):
        """No model validation here: ``services`` checks the subject (and says which field is wrong)."""

    def field_group(self, names):
        return [self[name] for name in names]

    @property
    def common_fields(self):
        return self.field_group(["title", "description"])

    @property
    def legislation_fields(self):
        return self.field_group(TYPE_SPECIFIC_FIELDS["legislation"])

    @property
    def building_fields(self):
        return self.field_group(TYPE_SPECIFIC_FIELDS[SubjectType.BUILDING])

    @property
    def event_fields(self):
        return self.field_group(TYPE_SPECIFIC_FIELDS[SubjectType.EVENT])

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {name: data.get(name) for name in SUBJECT_FIELDS}
        for name, value in arguments.items():
            if value is None and not Assessment._meta.get_field(name).null:
                arguments[name] = ""
        arguments["related_tasks"] = list(data.get("related_tasks") or [])
        return arguments


# ---------------------------------------------------------------- figures


class FiguresFilterForm(forms.Form):
    """The year and subject type of the figures page (both optional: all years, all types)."""

    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)
    subject_type = forms.ChoiceField(
        label=_("Subject type"), required=False, choices=[("", _("All")), *SubjectType.choices]
    )

    def set_years(self, years) -> None:
        """Offer the years that have assessments as a select (the chosen one stays offered)."""
        years = sorted(set(years), reverse=True)
        chosen = self.cleaned_data.get("year") if self.is_bound and hasattr(self, "cleaned_data") else None
        if chosen and chosen not in years:
            years = sorted([*years, chosen], reverse=True)
        self.fields["year"].widget = forms.Select(choices=[("", _("All years"))] + [(year, year) for year in years])
