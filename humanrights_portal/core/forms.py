"""Account forms: Django's, with the portal's labels and autocomplete hints."""

from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _


class PortalAuthenticationForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].label = _("Password")


class PortalPasswordChangeForm(PasswordChangeForm):
    def save(self, commit=True):  # the view saves through core.services.user_change_password
        return self.user
