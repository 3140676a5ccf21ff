"""Forms of one assessment's pages: the workspace of the office and the department's response.

They only parse input; every rule (what must be answered, which note or reason is required, who may
act in which status) lives in ``impact.services``. Dynamic field names follow the services' error
keys (``answer-<criterion id>``, ``note-<criterion id>``, ``response-<finding id>``,
``reason-<finding id>``) so a service's ``ValidationError`` lands on the right field.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.forms import DateInput, MultipleFileField
from humanrights_portal.core.models import User
from humanrights_portal.core.roles import Role
from impact.models import Answer, CommitteeReview, Outcome, ResponseKind

LONG_TEXT = 20000


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def office_staff_users():
    """The people who may assess: active members of the human rights office."""
    return User.objects.filter(groups__name=Role.OFFICE_STAFF, is_active=True).order_by("display_name", "username")


class TransitionForm(forms.Form):
    """The status the user saw when the page was shown: the services refuse a move from another one."""

    expected_status = forms.CharField(widget=forms.HiddenInput, required=False)

    def expected(self) -> str | None:
        return self.cleaned_data.get("expected_status") or None


class StartForm(TransitionForm):
    assessor = forms.ModelChoiceField(label=_("Assessor"), queryset=None, empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessor"].queryset = office_staff_users()


class AssignForm(forms.Form):
    assessor = forms.ModelChoiceField(label=_("Assessor"), queryset=None, empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessor"].queryset = office_staff_users()


# ---------------------------------------------------------------- the checklist (one page)


def answer_field(criterion_id: int) -> str:
    return f"answer-{criterion_id}"


def note_field(criterion_id: int) -> str:
    return f"note-{criterion_id}"


class ChecklistForm(forms.Form):
    """Per criterion: a radio group yes / no / partly / n.a. and a note. Blank answers are a draft."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            criterion = row.criterion
            self.fields[answer_field(criterion.pk)] = forms.ChoiceField(
                label=f"{criterion.number}. {criterion.text}",
                choices=Answer.choices,
                required=False,
                widget=forms.RadioSelect,
                help_text=criterion.guidance,
                error_messages={
                    "invalid_choice": _("Criterion %(number)s: choose yes, no, partly or not applicable.")
                    % {"number": criterion.number}
                },
            )
            self.fields[note_field(criterion.pk)] = forms.CharField(
                label=_("Note on criterion %(number)s") % {"number": criterion.number},
                required=False,
                max_length=LONG_TEXT,
                widget=_textarea(3),
                help_text=_("Required when the answer is “no” or “partly”: say what is missing."),
            )
        if not self.is_bound:
            for row in self.rows:
                self.initial[answer_field(row.criterion_id)] = row.answer
                self.initial[note_field(row.criterion_id)] = row.note

    def answers(self) -> dict[int, dict[str, str]]:
        return {
            row.criterion_id: {
                "answer": self.cleaned_data.get(answer_field(row.criterion_id), ""),
                "note": self.cleaned_data.get(note_field(row.criterion_id), ""),
            }
            for row in self.rows
            if answer_field(row.criterion_id) in self.cleaned_data
        }


# ---------------------------------------------------------------- findings


class CriterionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.number}. {obj.text[:80]}"


class FindingForm(forms.Form):
    criterion = CriterionChoiceField(
        label=_("Criterion"),
        queryset=None,
        required=False,
        empty_label=_("Overall (the subject as a whole)"),
        help_text=_("The checklist criterion the finding is about, or the subject as a whole."),
    )
    finding = forms.CharField(label=_("Finding"), widget=_textarea(5), max_length=LONG_TEXT, required=False)
    recommendation = forms.CharField(
        label=_("Recommendation"), widget=_textarea(5), max_length=LONG_TEXT, required=False
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = criteria


class IssueForm(TransitionForm):
    summary = forms.CharField(
        label=_("Summary of the findings"),
        widget=_textarea(6),
        max_length=LONG_TEXT,
        required=False,
        help_text=_("What the department reads first: the main problems found and what should change."),
    )


# ---------------------------------------------------------------- the department's response


def response_field(finding_id: int) -> str:
    return f"response-{finding_id}"


def reason_field(finding_id: int) -> str:
    return f"reason-{finding_id}"


class RespondForm(TransitionForm):
    """Per recommendation: accepted / partially accepted / rejected, and the reason or action taken."""

    SAVE = "save"
    SUBMIT = "submit"

    def __init__(self, *args, findings, **kwargs):
        super().__init__(*args, **kwargs)
        self.findings = list(findings)
        for finding in self.findings:
            self.fields[response_field(finding.pk)] = forms.ChoiceField(
                label=_("Response to recommendation %(number)s") % {"number": finding.number},
                choices=ResponseKind.choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Recommendation %(number)s: choose accepted, partially accepted or rejected.")
                    % {"number": finding.number}
                },
            )
            self.fields[reason_field(finding.pk)] = forms.CharField(
                label=_("Reason or action taken for recommendation %(number)s") % {"number": finding.number},
                required=False,
                max_length=LONG_TEXT,
                widget=_textarea(3),
                help_text=_("Required when the recommendation is partially accepted or rejected."),
            )
        if not self.is_bound:
            for finding in self.findings:
                self.initial[response_field(finding.pk)] = finding.response
                self.initial[reason_field(finding.pk)] = finding.response_reason

    def responses(self) -> dict[int, dict[str, str]]:
        return {
            finding.pk: {
                "response": self.cleaned_data.get(response_field(finding.pk), ""),
                "reason": self.cleaned_data.get(reason_field(finding.pk), ""),
            }
            for finding in self.findings
            if response_field(finding.pk) in self.cleaned_data
        }


# ---------------------------------------------------------------- outcome, committee, closing


class OutcomeForm(TransitionForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Choose revised, partially revised or not revised.")},
    )
    outcome_on = forms.DateField(label=_("Date of the outcome"), widget=DateInput(), required=False)
    outcome_summary = forms.CharField(
        label=_("What changed"),
        widget=_textarea(5),
        max_length=LONG_TEXT,
        required=False,
        help_text=_("Required when the subject was revised or partially revised."),
    )


class CommitteeRequestForm(TransitionForm):
    note = forms.CharField(label=_("Note for the committee"), widget=_textarea(4), max_length=LONG_TEXT, required=False)


class CommitteeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.committee.name} — {obj}"


class ReviewForm(forms.Form):
    committee = CommitteeChoiceField(label=_("Committee"), queryset=None, empty_label=_("Choose…"))
    meeting = MeetingChoiceField(
        label=_("Meeting"),
        queryset=None,
        required=False,
        empty_label=_("Not at a meeting"),
        help_text=_("The meeting of that committee at which the opinion was adopted, if any."),
    )
    conclusion = forms.ChoiceField(
        label=_("Conclusion"),
        choices=CommitteeReview.Conclusion.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Choose the committee's conclusion.")},
    )
    text = forms.CharField(label=_("Opinion"), widget=_textarea(8), max_length=LONG_TEXT, required=False)

    def __init__(self, *args, committees, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
        self.fields["meeting"].queryset = meetings


class CloseForm(TransitionForm):
    public_summary = forms.CharField(
        label=_("Public summary"),
        widget=_textarea(6),
        max_length=LONG_TEXT,
        required=False,
        help_text=_("Shown on the public pages once the assessment is closed: what was assessed and what changed."),
    )


class WithdrawForm(TransitionForm):
    reason = forms.CharField(
        label=_("Reason for withdrawing"), widget=_textarea(4), max_length=LONG_TEXT, required=False
    )


class AttachmentsForm(forms.Form):
    attachments = MultipleFileField(
        label=_("Files"), help_text=_("Site photos, drafts of the ordinance, reports: images, PDF or office documents.")
    )
    criterion = CriterionChoiceField(
        label=_("Criterion"),
        queryset=None,
        required=False,
        empty_label=_("The assessment as a whole"),
        help_text=_("The checklist criterion the files are evidence for, if any."),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = criteria

    def clean_attachments(self):
        files = self.cleaned_data["attachments"]
        if not files:
            raise forms.ValidationError(_("Choose at least one file."))
        return files
