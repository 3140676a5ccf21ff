"""The shared pagination component links to the other pages, keeping the filters in the URL."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def test_page_links_keep_the_query_and_change_only_the_page():
    request = RequestFactory().get("/plans/tasks/", {"q": "장애인", "page": "2"})
    page_obj = Paginator(list(range(100)), 25).page(2)
    html = render_to_string(
        "components/_pagination.html",
        {"page_obj": page_obj, "page_range": page_obj.paginator.get_elided_page_range(2), "request": request},
        request=request,
    )
    assert 'href="?q=%EC%9E%A5%EC%95%A0%EC%9D%B8&amp;page=1"' in html
    assert 'href="?q=%EC%9E%A5%EC%95%A0%EC%9D%B8&amp;page=3"' in html
    assert "??" not in html
