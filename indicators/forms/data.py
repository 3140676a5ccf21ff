"""Forms of the entry, verification and import pages. They only parse input; the rules live in
``indicators.services`` (values) and ``indicators.importing`` (files)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from indicators.importing import MAX_BYTES
from indicators.models import DisaggregationCategory, Indicator, Measurement, Periodicity

TOTAL = "total"


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form: at the field it names, else at the top."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            target = name if name in form.fields and name != NON_FIELD_ERRORS else None
            form.add_error(target, messages)
    else:
        form.add_error(None, error.messages)


class MeasurementForm(forms.Form):
    """One value of an indicator: a new one, or a correction of a stored one (with its version)."""

    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    period = forms.IntegerField(label=_("Quarter or month"), min_value=0, max_value=12, initial=0)
    category = forms.ChoiceField(label=_("Disaggregation"))
    value = forms.DecimalField(label=_("Value"), max_digits=18, decimal_places=4)
    source_note = forms.CharField(label=_("Source"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, indicator: Indicator, dimensions, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.categories: dict[str, DisaggregationCategory] = {}
        choices: list = [(TOTAL, _("Total (no disaggregation)"))]
        for dimension in dimensions:
            group = []
            for category in dimension.categories.all():
                category.dimension = dimension
                self.categories[str(category.pk)] = category
                group.append((str(category.pk), category.name))
            if group:
                choices.append((dimension.name, group))
        self.fields["category"].choices = choices
        self.fields["category"].initial = TOTAL
        help_texts = {
            Periodicity.YEAR: _("0: this indicator is measured yearly."),
            Periodicity.QUARTER: _("0 for the whole year, or the quarter (1-4)."),
            Periodicity.MONTH: _("0 for the whole year, or the month (1-12)."),
        }
        self.fields["period"].help_text = help_texts.get(indicator.periodicity, "")
        if indicator.unit:
            self.fields["value"].help_text = _("In %(unit)s.") % {"unit": indicator.unit}

    @staticmethod
    def initial_for(measurement: Measurement) -> dict:
        return {
            "year": measurement.year,
            "period": measurement.period,
            "category": str(measurement.category_id) if measurement.category_id else TOTAL,
            "value": format(measurement.value.normalize(), "f"),  # 66.25 rather than 66.2500, 100 not 1E+2
            "source_note": measurement.source_note,
            "version": measurement.version,
        }

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        category = data["category"]
        return {
            "year": data["year"],
            "period": data["period"],
            "category": None if category == TOTAL else self.categories[category],
            "value": data["value"],
            "source_note": data["source_note"],
            "version": data["version"],
        }


class IdListField(forms.Field):
    """Several ``name=<id>`` values (ticked checkboxes) as a list of whole numbers."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        try:
            return sorted({int(item) for item in value})
        except (TypeError, ValueError):
            raise ValidationError(_("The selection is not valid."), code="invalid") from None


class VerifyForm(forms.Form):
    """The drafts ticked on the verification page (the view verifies only drafts the office may verify)."""

    measurement = IdListField(
        label=_("Values to verify"), error_messages={"required": _("Tick at least one value to verify.")}
    )


class ImportUploadForm(forms.Form):
    framework = forms.TypedChoiceField(label=_("Framework"), coerce=int, empty_value=None)
    file = forms.FileField(
        label=_("File of values"),
        help_text=_("An Excel workbook (.xlsx) or a CSV file (UTF-8) with one value per row, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.frameworks = {framework.pk: framework for framework in frameworks}
        self.fields["framework"].choices = [("", _("Choose a framework"))] + [
            (framework.pk, framework.display_name) for framework in frameworks
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(_("The file is larger than 10 MB."))
        return upload

    def chosen_framework(self):
        return self.frameworks[self.cleaned_data["framework"]]
