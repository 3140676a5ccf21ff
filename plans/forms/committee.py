"""Forms of the committee pages. They only parse input; every rule lives in ``plans.services``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.forms import DateInput
from plans.filters import OpinionFilter
from plans.models import CommitteeMember, Meeting, ReviewOpinion

AGENDA_ROWS = 5


class MemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    role = forms.ChoiceField(label=_("Role"), choices=CommitteeMember.Role.choices, initial=CommitteeMember.Role.MEMBER)
    affiliation = forms.CharField(label=_("Affiliation"), max_length=200, required=False)
    term_start = forms.DateField(label=_("Term from"), widget=DateInput())
    term_end = forms.DateField(label=_("Term until"), widget=DateInput())


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices, initial=Meeting.Kind.REGULAR)
    title = forms.CharField(label=_("Title"), max_length=200)
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendance"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The members who attended."),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members


class AgendaItemForm(forms.Form):
    item = forms.CharField(label=_("Agenda item"), max_length=300, required=False)
    decision = forms.CharField(label=_("Decision"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("decision", "").strip() and not data.get("item", "").strip():
            self.add_error("item", _("Name the agenda item this decision belongs to."))
        return data


AgendaFormSet = forms.formset_factory(AgendaItemForm, extra=AGENDA_ROWS, max_num=50, validate_max=True)


def agenda_rows(formset) -> list[tuple[str, str]]:
    """The (item, decision) pairs typed in a valid formset; blank rows are ignored."""
    return [
        (form.cleaned_data["item"], form.cleaned_data.get("decision", ""))
        for form in formset.forms
        if form.cleaned_data.get("item", "").strip()
    ]


def opinion_filter_form(data) -> forms.Form:
    return OpinionFilter(data or None).form


class OpinionForm(forms.Form):
    committee = forms.ModelChoiceField(label=_("Committee"), queryset=None, empty_label=_("Choose…"))
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=None,
        required=False,
        empty_label=_("Not at a meeting"),
        help_text=_("The meeting at which the committee adopted the opinion, if any."),
    )
    text = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000)

    def __init__(self, *args, committees, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda meeting: f"{meeting.committee} — {meeting}"


class OpinionReplyForm(forms.Form):
    reflection = forms.ChoiceField(
        label=_("How was the opinion reflected?"),
        choices=[
            (value, label)
            for value, label in ReviewOpinion.Reflection.choices
            if value != ReviewOpinion.Reflection.PENDING
        ],
        widget=forms.RadioSelect,
    )
    reply = forms.CharField(
        label=_("Reply of the human rights office"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )
