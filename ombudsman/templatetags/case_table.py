"""The rows of the staff case list, written in Python like the admin's change list (``result_list``).

The list is the office's most used page; 25 rows of ten cells each cost more through the template
language than the rest of the page together. The cells are the prepared values of
``views.staff._case_rows`` (all ``str``), every one escaped here with ``html.escape``, which Django's
``escape`` calls after a lazy-string check that would cost more than the escaping; the markup is the same
as a template would give.
"""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def case_rows(cases: list[dict], show_internals: bool) -> SafeString:
    overdue = f' <span class="krds-badge bg-danger">{escape(gettext("Overdue"))}</span>'
    rows = []
    for case in cases:
        handler = f"<td>{escape(case['handler'])}</td>" if show_internals else ""
        rows.append(
            "<tr>"
            f'<th scope="row"><a href="{escape(case["url"])}">{escape(case["receipt_code"])}</a></th>'
            f"<td>{escape(case['title'])}</td>"
            f'<td><span class="krds-badge {escape(case["badge"])}">{escape(case["status_label"])}</span></td>'
            f"<td>{escape(case['channel_label'])}</td>"
            f"<td>{escape(case['received_on'])}</td>"
            f"<td>{escape(case['respondent_agency'])}</td>"
            f"{handler}"
            f"<td>{escape(case['stage_deadline'])}{overdue if case['is_overdue'] else ''}</td>"
            "</tr>"
        )
    return mark_safe("\n".join(rows))  # every value above is escaped
