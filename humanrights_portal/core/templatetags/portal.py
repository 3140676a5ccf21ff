"""Template helpers that render KRDS form components with accessible error wiring."""

from django import forms, template
from django.utils import translation

register = template.Library()


def _widget_kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkbox_group"
    if isinstance(widget, forms.RadioSelect):
        return "radio_group"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


@register.inclusion_tag("components/_form_field.html")
def form_field(field, hint=None, css_class=""):
    """One labelled field: label, hint, control, and errors tied to it with aria-describedby."""
    kind = _widget_kind(field)
    hint = hint if hint is not None else field.help_text
    described_by = []
    if hint:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    attrs = {}
    if described_by and kind not in ("checkbox_group", "radio_group"):
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if kind in ("input", "textarea", "file"):
        attrs["class"] = "krds-input"
    elif kind == "select":
        attrs["class"] = "krds-form-select"
    return {
        "field": field,
        "kind": kind,
        "hint": hint,
        "described_by": " ".join(described_by),
        "widget": field.as_widget(attrs=attrs) if kind not in ("checkbox_group", "radio_group") else None,
        "css_class": css_class,
    }


@register.inclusion_tag("components/_error_summary.html")
def error_summary(*forms_):
    """The list of every error at the top of a form, each linking to its field."""
    errors = []
    for form in forms_:
        if form is None or not form.errors:
            continue
        for error in form.non_field_errors():
            errors.append({"message": error, "anchor": None})
        for field in form:
            for error in field.errors:
                anchor = field.auto_id
                if _widget_kind(field) in ("checkbox_group", "radio_group"):
                    anchor = f"{field.auto_id}_0"
                errors.append({"message": f"{field.label}: {error}", "anchor": anchor})
    return {"errors": errors}


# ---------------------------------------------------------------- parts of the layout rendered once


#: Rendered ``{% memo %}`` blocks of this process, by name, language and the values they vary with.
_MEMO: dict[tuple, str] = {}
#: Bound on the kept blocks (a few per language and role in practice).
MEMO_MAX_ENTRIES = 512


class MemoNode(template.Node):
    def __init__(self, name: str, vary: list, nodelist) -> None:
        self.name = name
        self.vary = vary
        self.nodelist = nodelist

    def render(self, context) -> str:
        key = (self.name, translation.get_language(), *(value.resolve(context) for value in self.vary))
        html = _MEMO.get(key)
        if html is None:
            html = self.nodelist.render(context)
            if len(_MEMO) < MEMO_MAX_ENTRIES:
                _MEMO[key] = html
        return html


@register.tag
def memo(parser, token):
    """``{% memo "name" value … %}…{% endmemo %}``: render the block once per process for each language and
    each combination of the values given, then reuse the HTML (the layout's masthead, menu and footer are
    the same on every page). Only for parts that depend on nothing else: no CSRF token, no user, no path."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% memo %} needs a name")
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(bits[1].strip("\"'"), [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
