"""Forms of the citizens' pages. They read and check what was typed; the rules live in ``services``."""

from __future__ import annotations

import functools

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.forms import MultipleFileField, QuickCopyForm, ReferenceMultipleChoiceField
from humanrights_portal.core.models import Department, RightCategory, VulnerableGroup
from ombudsman import services
from ombudsman.models import OnBehalfOf


def attachments_hint() -> str:
    return _attachments_hint(get_language(), settings.PORTAL_ATTACHMENT_MAX_COUNT, settings.PORTAL_ATTACHMENT_MAX_BYTES)


@functools.lru_cache(maxsize=32)
def _attachments_hint(language: str | None, count: int, size: int) -> str:
    from django.template.defaultfilters import filesizeformat

    return _(
        "Images, PDF or office documents (HWP, Word, Excel, PowerPoint): at most %(count)d files of %(size)s each."
    ) % {"count": count, "size": filesizeformat(size)}


class ComplaintForm(QuickCopyForm):
    """The public complaint form. ``services.complaint_submit`` makes the final decision."""

    # Who is complaining.
    is_anonymous = forms.BooleanField(
        label=_("I want to complain anonymously"),
        required=False,
        help_text=_(
            "Without your name and contact details we cannot reach you; follow your complaint with the receipt "
            "code and secret key instead. Contact details you typed are then not kept."
        ),
    )
    complainant_name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Required unless you complain anonymously."),
    )
    complainant_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send the receipt code and secret key to this address. Give an e-mail or a phone number."),
    )
    complainant_phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel", "inputmode": "tel"}),
        help_text=_("For example 010-1234-5678."),
    )

    # On whose behalf.
    on_behalf_of = forms.ChoiceField(
        label=_("On whose behalf do you complain?"),
        choices=OnBehalfOf.choices,
        initial=OnBehalfOf.SELF,
        widget=forms.RadioSelect,
    )
    affected_party = forms.CharField(
        label=_("Person or group affected"),
        required=False,
        max_length=200,
        help_text=_("Required when you complain for another person or for a group."),
    )

    # What happened.
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("One line that sums up the complaint."))
    description = forms.CharField(
        label=_("What happened"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Describe what happened, who was involved and how your rights were affected."),
    )
    incident_date = forms.DateField(
        label=_("Date of the incident"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("If you know it. For example 2026-03-15."),
    )
    incident_place = forms.CharField(label=_("Place"), required=False, max_length=200)

    # Respondent.
    respondent_agency = forms.CharField(
        label=_("Agency or facility complained about"),
        max_length=200,
        help_text=_("For example the name of a city office, public facility, welfare facility or hospital."),
    )
    respondent_department = forms.ModelChoiceField(
        label=_("Responsible city department"),
        queryset=Department.objects.active(),
        required=False,
        empty_label=_("I don't know"),
        help_text=_("Optional."),
    )

    # Rights and groups.
    rights = ReferenceMultipleChoiceField(
        label=_("Rights affected"),
        queryset=RightCategory.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose any that apply."),
    )
    groups = ReferenceMultipleChoiceField(
        label=_("Groups concerned"),
        queryset=VulnerableGroup.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose any that apply."),
    )

    attachments = MultipleFileField(label=_("Evidence (attachments)"), required=False)

    consent_personal_data = forms.BooleanField(
        label=_("I agree to the collection and use of my personal data as described above."),
        required=False,
        help_text=_("Required unless you complain anonymously."),
    )
    consent_sensitive_data = forms.BooleanField(
        label=_("I agree to the collection and use of sensitive data my complaint may contain."),
        required=False,
        help_text=_("Required: a complaint often contains information about health, disability or similar."),
    )

    # Honeypot: hidden from people (and from assistive technology); only robots fill it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        # The reference querysets are declared on the fields: each form gets a clone (cheaper than a new
        # filter), evaluated only when the choices are rendered or a choice is checked.
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = attachments_hint()
        self.fields["incident_date"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(
                _("Your complaint could not be sent. Please check the form and try again."), code="honeypot"
            )
        # The service's intake rules, checked now so that every problem shows in one round.
        anonymous = bool(cleaned.get("is_anonymous"))
        try:
            services.complaint_intake_validate(
                is_anonymous=anonymous,
                complainant_name="" if anonymous else cleaned.get("complainant_name", "x"),
                complainant_email="" if anonymous else cleaned.get("complainant_email", "x"),
                complainant_phone="" if anonymous else cleaned.get("complainant_phone", ""),
                on_behalf_of=cleaned.get("on_behalf_of", OnBehalfOf.SELF),
                affected_party=cleaned.get("affected_party", "x"),
                consent_personal_data=bool(cleaned.get("consent_personal_data")),
                consent_sensitive_data=bool(cleaned.get("consent_sensitive_data")),
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name in self.fields and name not in self._errors:
                    self.add_error(name, messages)
        return cleaned

    def _chosen(self, name: str) -> list:
        """The reference rows ticked in ``name``. When none is, the field gives ``queryset.none()``, whose
        evaluation still compiles a query: skip it."""
        return list(self.cleaned_data[name]) if self[name].data else []

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "is_anonymous": data["is_anonymous"],
            "complainant_name": data["complainant_name"],
            "complainant_email": data["complainant_email"],
            "complainant_phone": data["complainant_phone"],
            "on_behalf_of": data["on_behalf_of"],
            "affected_party": data["affected_party"],
            "title": data["title"],
            "description": data["description"],
            "incident_date": data["incident_date"],
            "incident_place": data["incident_place"],
            "respondent_agency": data["respondent_agency"],
            "respondent_department": data["respondent_department"],
            "rights": self._chosen("rights"),
            "groups": self._chosen("groups"),
            "attachments": data["attachments"],
            "consent_personal_data": data["consent_personal_data"],
            "consent_sensitive_data": data["consent_sensitive_data"],
        }


def initial_from_data(form_class: type[forms.Form], data) -> dict:
    """What was typed, as ``initial`` for an unbound form (kept on a page that does not validate it)."""
    initial = {}
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.FileField) or name == "website":
            continue
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            initial[name] = data.getlist(name)
        elif isinstance(field, forms.BooleanField):
            initial[name] = data.get(name) in ("on", "true", "True", "1")
        elif name in data:
            initial[name] = data.get(name)
    return initial


class TrackForm(QuickCopyForm):
    receipt_code = forms.CharField(
        label=_("Receipt code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        help_text=_("For example HR-2026-00042."),
    )
    secret_key = forms.CharField(
        label=_("Secret key"),
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        help_text=_("The key shown once on the receipt page. Upper or lower case, with or without dashes."),
    )

    def forget_secret_key(self) -> None:
        """Re-render with the code kept but the key emptied."""
        data = self.data.copy()
        data[self.add_prefix("secret_key")] = ""
        self.data = data


class AddInformationForm(forms.Form):
    prefix = "add"

    text = forms.CharField(
        label=_("Information to add"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("New facts, or anything the ombudsman should know."),
    )
    attachments = MultipleFileField(label=_("More evidence (attachments)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = attachments_hint()


class WithdrawForm(forms.Form):
    prefix = "withdraw"

    reason = forms.CharField(
        label=_("Why do you withdraw the complaint?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional."),
    )
    confirm = forms.BooleanField(
        label=_("I want to withdraw my complaint. I understand that the ombudsman then stops handling it."),
        error_messages={"required": _("Tick the box to confirm that you want to withdraw the complaint.")},
    )


SCORE_CHOICES = [
    (1, _("1 (very poor)")),
    (2, _("2 (poor)")),
    (3, _("3 (neither good nor poor)")),
    (4, _("4 (good)")),
    (5, _("5 (very good)")),
]


def _score_field(label):
    return forms.TypedChoiceField(
        label=label,
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a score from 1 to 5.")},
    )


class SurveyForm(forms.Form):
    prefix = "survey"

    fairness = _score_field(_("How fair was the handling of your complaint?"))
    speed = _score_field(_("How quickly was your complaint handled?"))
    clarity = _score_field(_("How clearly were you informed?"))
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


def year_choices() -> list[tuple[str, str]]:
    this_year = timezone.localdate().year
    return [("", _("All years"))] + [(str(year), str(year)) for year in range(this_year, 2009, -1)]


class StatisticsYearForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Year"),
        choices=year_choices,
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose a year from the list.")},
    )
