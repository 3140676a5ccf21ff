"""The filter form of the public indicator list. It only parses input; ``indicators.filters`` is the rule."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.filters import IndicatorFilter
from indicators.models import Direction, IndicatorStatus, IndicatorType


def _select(all_label, choices) -> forms.Select:
    return forms.Select(choices=[("", all_label), *choices])


def indicator_filter_form(data, *, frameworks, areas=None, sdg_goals=()) -> forms.Form:
    """The ``IndicatorFilter`` form: frameworks, areas (once a framework is chosen) and SDG goals as selects."""
    form = IndicatorFilter(data or None).form
    form.fields["q"].help_text = _("An indicator code, or words of its name.")
    form.fields["framework"].widget = _select(
        _("All frameworks"), [(framework.pk, framework.display_name) for framework in frameworks]
    )
    form.fields["area"].label = _("Area or goal")
    if areas is not None:
        form.fields["area"].widget = _select(_("All areas"), [(area.pk, str(area)) for area in areas])
    elif not (data or {}).get("area"):
        form.fields["area"].widget = forms.HiddenInput()  # an area is chosen once a framework is
    # The filter's own fields validate; the widgets only name the empty choice.
    form.fields["status"].widget = _select(_("All statuses"), IndicatorStatus.choices)
    form.fields["kind"].widget = _select(_("All types"), IndicatorType.choices)
    form.fields["direction"].widget = _select(_("Both directions"), Direction.choices)
    form.fields["department"].empty_label = _("All departments")
    form.fields["department"].label_from_instance = lambda department: department.name  # in the page's language
    form.fields["sdg_goal"].widget = _select(_("All SDG goals"), [(goal.number, str(goal)) for goal in sdg_goals])
    return form
