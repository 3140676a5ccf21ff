"""``{% memo %}``: parts of the layout rendered once per language and per value they depend on."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from humanrights_portal.core.templatetags import portal

TEMPLATE = Template(
    '{% load i18n portal %}{% memo "test-part" role %}{{ role }} {{ other }} {% translate "Home" %}{% endmemo %}'
)


@pytest.fixture(autouse=True)
def _empty_memo():
    portal._MEMO.clear()
    yield
    portal._MEMO.clear()


def render(**context) -> str:
    return TEMPLATE.render(Context(context))


def test_the_block_is_rendered_once_per_value_and_language():
    with translation.override("en"):
        assert render(role="staff", other="first") == "staff first Home"
        # Same value, same language: the kept HTML (what is not a memo value is not re-read).
        assert render(role="staff", other="second") == "staff first Home"
        assert render(role="public", other="third") == "public third Home"
    with translation.override("ko"):
        assert render(role="staff", other="fourth") == "staff fourth 홈"


def test_the_memo_is_bounded(monkeypatch):
    monkeypatch.setattr(portal, "MEMO_MAX_ENTRIES", 2)
    with translation.override("en"):
        for number in range(5):
            assert render(role=number, other=number) == f"{number} {number} Home"
    assert len(portal._MEMO) == 2


def test_a_memo_needs_a_name():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load portal %}{% memo %}x{% endmemo %}")


@pytest.mark.django_db
def test_the_menu_follows_the_role(client_for):
    from django.urls import reverse

    case_list = reverse("ombudsman:case-list")
    assert case_list not in client_for(None).get("/").content.decode()
    assert case_list in client_for("ombudsman").get("/").content.decode()
    assert case_list not in client_for(None).get("/").content.decode()
