"""Forms shared by the apps: accounts (Django's, with the portal's labels) and evidence uploads."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.uploads import ALLOWED_TYPES, OLE_EXTENSIONS


class PortalAuthenticationForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
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
