"""Forms of the office's pages. They only parse input; every rule lives in ``ombudsman.services``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.forms import DateInput, MultipleFileField
from humanrights_portal.core.models import Department, RightCategory, VulnerableGroup
from ombudsman import selectors, workflow
from ombudsman.filters import CaseFilter, CounsellingFilter, StatisticsFilter
from ombudsman.models import CaseStatus, Channel, CounsellingSession, OnBehalfOf, Recommendation


def _dates(form) -> None:
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.widget = DateInput()


# ---------------------------------------------------------------- list filters


def case_filter_form(data, *, show_handler: bool) -> forms.Form:
    """The ``CaseFilter`` form, with accessible widgets; the handler filter only for the ombudsman role."""
    form = CaseFilter(data or None).form
    form.fields["status"].widget = forms.CheckboxSelectMultiple(choices=form.fields["status"].choices)
    form.fields["q"].help_text = _("Words of the title, description or agency, or a receipt code.")
    _dates(form)
    if not show_handler:
        del form.fields["handler"]
    return form


def counselling_filter_form(data) -> forms.Form:
    form = CounsellingFilter(data or None).form
    _dates(form)
    return form


def statistics_filter_form(data) -> forms.Form:
    return StatisticsFilter(data or None).form


# ---------------------------------------------------------------- case actions


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Internal. Required to close, dismiss, withdraw or refer a case."),
    )
    public_message = forms.CharField(
        label=_("Message to the complainant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. Shown on the complainant's status page."),
    )
    expected_status = forms.ChoiceField(choices=CaseStatus.choices, widget=forms.HiddenInput)

    def __init__(self, *args, status: str, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("expected_status", status)
        super().__init__(*args, **kwargs)
        # Any status is accepted here, so that the service explains why a stale choice is refused;
        # the select offers only the statuses the workflow allows now.
        self.fields["to"].choices = CaseStatus.choices
        self.fields["to"].widget.choices = [("", _("Choose…"))] + [
            (value, CaseStatus(value).label) for value in workflow.allowed_transitions(status)
        ]


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(
        label=_("Handler"),
        queryset=None,
        required=False,
        empty_label=_("Nobody (unassigned)"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = selectors.handler_list()


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)


class AttachmentForm(forms.Form):
    attachments = MultipleFileField(
        label=_("Files"),
        help_text=_("Images, PDF or office documents (HWP, Word, Excel, PowerPoint)."),
    )


class RecommendationForm(forms.Form):
    agency = forms.CharField(label=_("Addressed to (agency)"), max_length=200)
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 6}))
    public_summary = forms.CharField(
        label=_("Summary for the complainant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the citizen's status page."),
    )
    issued_on = forms.DateField(label=_("Issued on"), required=False, widget=DateInput(), help_text=_("Empty: today."))
    response_due = forms.DateField(label=_("Response due"), widget=DateInput())


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Response of the agency"),
        choices=[
            (value, label)
            for value, label in Recommendation.Response.choices
            if value != Recommendation.Response.PENDING
        ],
        widget=forms.RadioSelect,
    )
    response_date = forms.DateField(label=_("Response date"), widget=DateInput())
    response_text = forms.CharField(
        label=_("What the agency answered"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ImplementationForm(forms.Form):
    implemented = forms.TypedChoiceField(
        label=_("Implemented"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    implemented_on = forms.DateField(label=_("Implemented on"), required=False, widget=DateInput())
    evidence = forms.CharField(
        label=_("Evidence of implementation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


# ---------------------------------------------------------------- complaints registered by staff


class ComplaintRegisterForm(forms.Form):
    """A complaint received by phone, visit or letter, entered by the ombudsman for the citizen."""

    channel = forms.ChoiceField(
        label=_("Received through"),
        choices=[(value, Channel(value).label) for value in (Channel.PHONE, Channel.VISIT, Channel.LETTER)],
    )
    is_anonymous = forms.BooleanField(label=_("The citizen wishes to remain anonymous"), required=False)
    complainant_name = forms.CharField(label=_("Name of the complainant"), max_length=100, required=False)
    complainant_email = forms.EmailField(label=_("E-mail"), required=False)
    complainant_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    on_behalf_of = forms.ChoiceField(
        label=_("On whose behalf"), choices=OnBehalfOf.choices, initial=OnBehalfOf.SELF, widget=forms.RadioSelect
    )
    affected_party = forms.CharField(label=_("Person or group affected"), max_length=200, required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 8}))
    incident_date = forms.DateField(label=_("Date of the incident"), required=False, widget=DateInput())
    incident_place = forms.CharField(label=_("Place"), max_length=200, required=False)
    respondent_agency = forms.CharField(label=_("Agency or facility complained about"), max_length=200)
    respondent_department = forms.ModelChoiceField(
        label=_("Responsible department"), queryset=Department.objects.active(), required=False
    )
    rights = forms.ModelMultipleChoiceField(
        label=_("Rights affected"),
        queryset=RightCategory.objects.active(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Groups concerned"),
        queryset=VulnerableGroup.objects.active(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent_personal_data = forms.BooleanField(
        label=_("The citizen consented (orally or in writing) to the use of their personal data"), required=False
    )
    consent_sensitive_data = forms.BooleanField(
        label=_("The citizen consented (orally or in writing) to the use of sensitive data"), required=False
    )
    attachments = MultipleFileField(label=_("Evidence"), required=False)

    def __init__(self, *args, with_channel: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_channel:
            del self.fields["channel"]

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["rights"] = list(data["rights"])
        data["groups"] = list(data["groups"])
        return data


# ---------------------------------------------------------------- counselling


class CounsellingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    channel = forms.ChoiceField(label=_("Channel"), choices=CounsellingSession.SessionChannel.choices)
    topic = forms.CharField(label=_("Topic"), max_length=200)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            choice
            for choice in CounsellingSession.Outcome.choices
            if choice[0] != CounsellingSession.Outcome.CASE_REGISTERED
        ],
        help_text=_("To register a case from this session, save it first and use “Register a case”."),
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Groups concerned"),
        queryset=VulnerableGroup.objects.active(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    rights = forms.ModelMultipleChoiceField(
        label=_("Rights concerned"),
        queryset=RightCategory.objects.active(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    receipt_code = forms.CharField(
        label=_("Related case (receipt code)"),
        max_length=20,
        required=False,
        help_text=_("Optional, e.g. HR-2026-00042."),
    )
