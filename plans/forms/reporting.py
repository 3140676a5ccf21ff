"""Forms of the annual reporting pages. They only parse input; every rule lives in ``plans.services``."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.forms import DateInput, MultipleFileField
from plans.models import ProgressStatus

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class AmountField(forms.IntegerField):
    """A sum in KRW: accepts ``1,250,000`` as typed from a spreadsheet."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(",", "").replace(" ", "").replace("\u00a0", "")
        return super().to_python(value)


# ---------------------------------------------------------------- rounds


class RoundOpenForm(forms.Form):
    year = forms.IntegerField(label=_("Reporting year"), widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    due_on = forms.DateField(
        label=_("Due on"), widget=DateInput(), help_text=_("The date by which departments submit their records.")
    )


# ---------------------------------------------------------------- the department's records (one formset)


class RecordForm(forms.Form):
    """One annual record in the department's one-page formset."""

    record = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    planned_activities = forms.CharField(
        label=_("Planned activities"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "krds-input"}),
    )
    budget_planned = AmountField(
        label=_("Budget planned (KRW)"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "krds-input", "autocomplete": "off"}),
    )
    budget_executed = AmountField(
        label=_("Budget executed (KRW)"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "krds-input", "autocomplete": "off"}),
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "krds-input", "autocomplete": "off"}),
    )
    progress_status = forms.ChoiceField(
        label=_("Status"), choices=ProgressStatus.choices, widget=forms.Select(attrs={"class": "krds-form-select"})
    )
    narrative = forms.CharField(
        label=_("What was done"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "krds-input"}),
    )

    VALUE_FIELDS = (
        "planned_activities",
        "budget_planned",
        "budget_executed",
        "progress",
        "progress_status",
        "narrative",
    )

    @classmethod
    def initial_for(cls, record) -> dict:
        initial = {"record": record.pk, "version": record.version}
        initial.update({name: getattr(record, name) for name in cls.VALUE_FIELDS})
        for name in ("budget_planned", "budget_executed"):  # shown as typed in a spreadsheet: 1,250,000
            initial[name] = f"{initial[name]:,}"
        return initial

    def posted_record_id(self) -> int | None:
        """The record this form is about, even when its other fields do not parse."""
        self.is_valid()
        return self.cleaned_data.get("record")

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.VALUE_FIELDS}


RecordFormSet = forms.formset_factory(RecordForm, extra=0, max_num=1000, absolute_max=1000, validate_max=True)


# ---------------------------------------------------------------- the office's review


class RecordAttachmentsForm(forms.Form):
    attachments = MultipleFileField(label=_("Evidence"), help_text=_("Reports, photos or budget statements."))


class ReviewForm(forms.Form):
    CONFIRM = "confirm"
    RETURN = "return"

    decision = forms.ChoiceField(
        label=_("Review decision"), choices=[(CONFIRM, _("Confirm")), (RETURN, _("Return to the department"))]
    )
    comment = forms.CharField(
        label=_("Comment to the department"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional when confirming; required when returning the record."),
    )


# ---------------------------------------------------------------- import


class TaskImportForm(forms.Form):
    file = forms.FileField(
        label=_("File of tasks"),
        help_text=_("An Excel workbook (.xlsx) or a CSV file (UTF-8) with one task per row, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".xlsx", ".csv")):
            raise ValidationError(_("Choose an .xlsx or .csv file."))
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        return upload
