"""``QuickCopyForm``: each instance gets fields as independent as Django's deep copy makes them."""

import copy

import pytest
from django import forms

from humanrights_portal.core.forms import QuickCopyForm, field_copy
from humanrights_portal.core.models import Department, RightCategory
from ombudsman.forms.public import ComplaintForm, TrackForm


class Sample(QuickCopyForm):
    name = forms.CharField(max_length=20, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    grouped = forms.ChoiceField(choices=[("Group", [("x", "X"), ("y", "Y")])])
    department = forms.ModelChoiceField(queryset=Department.objects.all(), required=False)
    rights = forms.ModelMultipleChoiceField(queryset=RightCategory.objects.all(), required=False)
    when = forms.SplitDateTimeField(required=False)


def _django_copy(name):
    return copy.deepcopy(Sample.base_fields[name])


@pytest.mark.parametrize("name", list(Sample.base_fields))
def test_the_copy_has_what_djangos_deep_copy_gives(name):
    base = Sample.base_fields[name]
    quick = field_copy(base, {})
    django = _django_copy(name)
    assert type(quick) is type(django) is type(base)
    assert quick.__dict__.keys() == django.__dict__.keys()
    assert type(quick.widget) is type(django.widget)
    assert quick.widget.attrs == django.widget.attrs == base.widget.attrs
    assert quick.widget.attrs is not base.widget.attrs
    assert quick.error_messages == base.error_messages
    assert quick.error_messages is not base.error_messages
    assert quick.validators == base.validators
    assert quick.validators is not base.validators
    assert quick.widget is not base.widget


def test_choices_are_copied_not_shared():
    first, second = Sample(), Sample()
    first.fields["kind"].choices = [("c", "C")]
    assert second.fields["kind"].choices == [("a", "A"), ("b", "B")]
    assert list(Sample.base_fields["kind"].widget.choices) == [("a", "A"), ("b", "B")]
    nested = Sample().fields["grouped"]
    nested.choices[0][1].append(("z", "Z"))
    assert Sample.base_fields["grouped"].choices == [("Group", [("x", "X"), ("y", "Y")])]


def test_instances_do_not_share_mutable_state():
    first, second = Sample(), Sample()
    first.fields["name"].widget.attrs["max"] = "2026-01-01"
    first.fields["name"].validators.append(lambda value: None)
    first.fields["name"].error_messages["required"] = "changed"
    first.fields["name"].help_text = "changed"
    assert "max" not in second.fields["name"].widget.attrs
    assert len(second.fields["name"].validators) == len(Sample.base_fields["name"].validators)
    assert second.fields["name"].error_messages["required"] != "changed"
    assert second.fields["name"].help_text == ""
    assert first.fields["when"].fields[0] is not second.fields["when"].fields[0]


def test_each_instance_has_its_own_unevaluated_queryset():
    first, second = Sample(), Sample()
    field = first.fields["department"]
    base = Sample.base_fields["department"]
    assert field.queryset is not base.queryset
    assert field.queryset is not second.fields["department"].queryset
    assert field.queryset._result_cache is None
    assert field.widget.choices.queryset is field.queryset
    assert first.fields["rights"].widget.choices.queryset is first.fields["rights"].queryset


@pytest.mark.django_db
def test_a_model_choice_sees_rows_added_after_an_earlier_form_was_rendered():
    Department.objects.create(code="qc-1", name_ko="첫째", name_en="First")
    rendered = str(Sample()["department"])
    assert "첫째" in rendered
    Department.objects.create(code="qc-2", name_ko="둘째", name_en="Second")
    assert "둘째" in str(Sample()["department"])


@pytest.mark.parametrize("form_class", [ComplaintForm, TrackForm])
def test_public_forms_copy_every_field_without_the_generic_deep_copy(form_class, monkeypatch):
    calls = []
    deepcopy = copy.deepcopy
    monkeypatch.setattr(copy, "deepcopy", lambda value, memo=None: calls.append(value) or deepcopy(value, memo))
    form = form_class()
    assert calls == [form_class.base_fields]
    assert form.fields.keys() == form_class.base_fields.keys()
    assert all(form.fields[name] is not field for name, field in form_class.base_fields.items())


def test_the_bound_field_is_djangos_but_translates_the_help_text_when_shown():
    from django.forms.boundfield import BoundField
    from django.utils.translation import override

    from humanrights_portal.core.forms import HelpOnDemandBoundField

    form = ComplaintForm()
    for name, field in form.fields.items():
        quick, django = HelpOnDemandBoundField(form, field, name), BoundField(form, field, name)
        assert quick.help_text == django.help_text
        assert vars(quick).keys() == vars(django).keys()
        assert {key: value for key, value in vars(quick).items() if key not in ("help_text",)} == {
            key: value for key, value in vars(django).items() if key not in ("help_text",)
        }
    with override("en"):
        bound = ComplaintForm()["title"]
        assert "help_text" not in vars(bound)  # not translated until shown
    with override("ko"):
        assert str(bound.help_text) != "One line that sums up the complaint."  # shown in the language of the page
    assert 'aria-describedby="id_title_helptext"' in str(ComplaintForm()["title"])


@pytest.mark.django_db
def test_an_empty_optional_reference_choice_cleans_to_an_empty_list_and_a_chosen_one_is_checked():
    from django.core.exceptions import ValidationError

    from humanrights_portal.core.forms import ReferenceMultipleChoiceField

    right = RightCategory.objects.create(code="qc-right", name_ko="권리", name_en="Right")
    field = ReferenceMultipleChoiceField(queryset=RightCategory.objects.all(), required=False)
    assert field.clean([]) == []
    assert field.clean(None) == []
    assert list(field.clean([str(right.pk)])) == [right]
    with pytest.raises(ValidationError):
        field.clean(["999999"])
    required = ReferenceMultipleChoiceField(queryset=RightCategory.objects.all())
    with pytest.raises(ValidationError):
        required.clean([])
