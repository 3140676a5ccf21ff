"""The case list's rows, written by the ``case_rows`` tag: escaped, with the handler only for the office."""

from django.template import Context, Template

ROW = {
    "url": "/ombudsman/cases/HR-2026-00001/",
    "receipt_code": "HR-2026-00001",
    "title": '<script>alert("x")</script> & 진정',
    "badge": "bg-light-primary",
    "status_label": "조사",
    "channel_label": "온라인",
    "received_on": "2026-01-02",
    "respondent_agency": "시청 <b>복지과</b>",
    "handler": "김담당",
    "stage_deadline": "2026-02-01",
    "is_overdue": True,
}
TEMPLATE = Template("{% load case_table %}{% case_rows cases show_internals %}")


def render(cases, show_internals):
    return TEMPLATE.render(Context({"cases": cases, "show_internals": show_internals}))


def test_every_cell_is_escaped():
    html = render([ROW], True)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 진정" in html
    assert "시청 &lt;b&gt;복지과&lt;/b&gt;" in html
    assert '<th scope="row"><a href="/ombudsman/cases/HR-2026-00001/">HR-2026-00001</a></th>' in html


def test_the_handler_column_is_for_the_office_only():
    assert "<td>김담당</td>" in render([ROW], True)
    assert "김담당" not in render([ROW], False)
    assert render([ROW], True).count("<td>") == render([ROW], False).count("<td>") + 1


def test_overdue_rows_carry_the_badge():
    assert 'class="krds-badge bg-danger"' in render([ROW], False)
    assert "bg-danger" not in render([{**ROW, "is_overdue": False}], False)
    assert render([ROW, ROW], False).count("<tr>") == 2
    assert render([], False) == ""
