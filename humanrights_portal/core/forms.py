"""Forms shared by the apps: accounts (Django's, with the portal's labels), evidence uploads, and a form base
whose fields are copied cheaply for each instance."""

import copy

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.utils import pretty_name
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.uploads import ALLOWED_TYPES, OLE_EXTENSIONS


def _shallow_copy(instance):
    """``copy.copy`` for a plain object, without its ``__reduce_ex__`` round (fields and widgets have no
    ``__copy__``, ``__slots__`` or custom reduction: ``_FAST_FIELDS`` and ``_FAST_WIDGETS`` check)."""
    duplicate = object.__new__(type(instance))
    duplicate.__dict__.update(instance.__dict__)
    return duplicate


def _flat_choices_copy(choices):
    """What ``copy.deepcopy`` gives for normalised flat choices: a new list of the same immutable pairs."""
    if isinstance(choices, list) and all(
        type(pair) is tuple and not isinstance(pair[1], list | tuple) for pair in choices
    ):
        return list(choices)
    return copy.deepcopy(choices)


_FAST_WIDGETS = {forms.Widget.__deepcopy__, forms.widgets.ChoiceWidget.__deepcopy__}
_FAST_FIELDS = {forms.Field.__deepcopy__, forms.ChoiceField.__deepcopy__, forms.ModelChoiceField.__deepcopy__}


def _widget_copy(widget):
    copier = type(widget).__deepcopy__
    duplicate = _shallow_copy(widget)
    duplicate.attrs = widget.attrs.copy()
    if copier is forms.widgets.ChoiceWidget.__deepcopy__:
        duplicate.choices = copy.copy(widget.choices)
    return duplicate


def field_copy(field: forms.Field, memo: dict) -> forms.Field:
    """The field's own ``__deepcopy__``, done for the common fields without ``copy``'s generic machinery.

    Django's form copies every declared field for every instance (so an instance may change its fields);
    for an 18-field form that generic deep copy costs more than validating it. Fields and widgets that
    override ``__deepcopy__`` beyond Django's simple ones (multi-value fields, multi-widgets, custom
    classes) still go through ``copy.deepcopy``.
    """
    copier = type(field).__deepcopy__
    if copier not in _FAST_FIELDS or type(field.widget).__deepcopy__ not in _FAST_WIDGETS:
        return copy.deepcopy(field, memo)
    duplicate = _shallow_copy(field)
    duplicate.widget = _widget_copy(field.widget)
    duplicate.error_messages = field.error_messages.copy()
    duplicate.validators = field.validators[:]
    if copier is forms.ChoiceField.__deepcopy__:
        duplicate._choices = _flat_choices_copy(field._choices)
    elif copier is forms.ModelChoiceField.__deepcopy__ and field.queryset is not None:
        # One clone (Django's copy clones twice: here and in the queryset setter); the widget's
        # choices follow the new queryset as the setter would make them.
        duplicate._queryset = field.queryset.all()
        duplicate.widget.choices = duplicate.choices
    return duplicate


class _FieldTemplates(dict):
    """A form class's ``base_fields``, deep-copied field by field with ``field_copy``."""

    def __deepcopy__(self, memo):
        return {name: field_copy(field, memo) for name, field in self.items()}


class QuickCopyFormMetaclass(forms.forms.DeclarativeFieldsMetaclass):
    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        new_class.base_fields = _FieldTemplates(new_class.base_fields)
        return new_class


class HelpOnDemandBoundField(forms.BoundField):
    """Django's ``BoundField``, but the field's help text is translated when it is shown, not when the form
    is bound: Django's ``__init__`` reads ``field.help_text or ""``, which translates every lazy help text
    of the form on each validation. The rest of ``__init__`` is Django's (5.2), attribute for attribute
    (``tests/core/test_quick_copy_form.py`` compares the two)."""

    def __init__(self, form, field, name):
        self.form = form
        self.field = field
        self.name = name
        self.html_name = form.add_prefix(name)
        self.html_initial_name = form.add_initial_prefix(name)
        self.html_initial_id = form.add_initial_prefix(self.auto_id)
        self.label = pretty_name(name) if field.label is None else field.label
        self.renderer = form.renderer

    @cached_property
    def help_text(self):
        return self.field.help_text or ""


class QuickCopyForm(forms.Form, metaclass=QuickCopyFormMetaclass):
    """A ``Form`` whose instances get their fields copied as Django does, in a quarter of the time
    (``field_copy``), and whose help texts are translated only when shown (``HelpOnDemandBoundField``).
    For the public pages that every citizen and every robot request."""

    bound_field_class = HelpOnDemandBoundField


class ReferenceMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, but an optional field left empty cleans to ``[]`` rather than ``queryset.none()``
    (a queryset clone on every submission that ticks nothing)."""

    def clean(self, value):
        if not self.required and not value:
            return []
        return super().clean(value)


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
