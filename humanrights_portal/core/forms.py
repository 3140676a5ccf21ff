"""Forms shared by the apps: accounts (Django's, with the portal's labels) and evidence uploads."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.uploads import ALLOWED_TYPES, OLE_EXTENSIONS


class PortalAuthenticationForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        # Django sets ``max_length`` on this field after creating it, so no validator enforces it; an
        # over-long name would reach authentication and the lockout log (255 characters): a 500.
        self.fields["username"].validators.append(MaxLengthValidator(self.fields["username"].max_length or 150))
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].label = _("Password")


class PortalPasswordChangeForm(PasswordChangeForm):
    def save(self, commit=True):  # the view saves through core.services.user_change_password
        return self.user


#: What the file picker offers; the server still judges each file by its content (``core.uploads``).
ACCEPTED_EXTENSIONS = ",".join(
    sorted({f".{extension}" for extension in (*ALLOWED_TYPES.values(), *OLE_EXTENSIONS)} | {".jpeg"})
)


class MultipleFileInput(forms.ClearableFileInput):
    """Django's documented pattern for choosing several files in one input."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPTED_EXTENSIONS}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_file_clean = super().clean
        if isinstance(data, list | tuple):
            return [single_file_clean(item, initial) for item in data if item]
        cleaned = single_file_clean(data, initial)
        return [cleaned] if cleaned else []


def add_service_errors(form: forms.Form, error: ValidationError, *, aliases: dict[str, str] | None = None) -> None:
    """Put a service's ``ValidationError`` on the form: at the field it names (or its alias), else at the top."""
    aliases = aliases or {}
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            field = aliases.get(field, field)
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            form.add_error(target, messages)
    else:
        form.add_error(None, error.messages)


class DateInput(forms.DateInput):
    """The browser's date picker, with ISO dates (what KRDS date fields show)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
