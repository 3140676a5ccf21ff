from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db

STAFF = ["official", "other_official", "office_staff", "ombudsman", "committee_member", "administrator"]


def test_home_is_public_and_korean_by_default(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert "본문 바로가기" in html
    assert 'href="#main-content"' in html
    assert "<main" in html
    assert "<footer" in html


def test_language_switcher_sets_english_and_back(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    client.post(reverse("set_language"), {"language": "ko", "next": "/"})
    assert '<html lang="ko">' in client.get("/").content.decode()


def test_language_switcher_ignores_unknown_language_and_foreign_next(client):
    response = client.post(reverse("set_language"), {"language": "xx", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert '<html lang="ko">' in client.get("/").content.decode()


def test_home_query_count(client, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200


def test_privacy_policy_is_public(client):
    response = client.get(reverse("privacy"))
    assert response.status_code == 200
    assert "개인정보" in response.content.decode()


def test_healthz_reports_database_ok(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_reports_database_error_without_traceback(client):
    with mock.patch("humanrights_portal.core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz/")
    assert response.status_code == 503
    body = response.json()
    assert body == {**body, "status": "error", "database": "error"}
    assert "Traceback" not in response.content.decode()
    assert "down" not in response.content.decode()


def test_healthz_rejects_post(client):
    assert client.post("/healthz/").status_code == 405


def test_dashboard_redirects_anonymous_to_login(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/dashboard/"


@pytest.mark.parametrize("name", STAFF)
def test_dashboard_for_every_role(client_for, name, users):
    response = client_for(name).get("/dashboard/")
    assert response.status_code == 200
    assert str(users[name]) in response.content.decode()


def test_dashboard_shows_the_roles_of_the_user(client_for):
    html = client_for("ombudsman").get("/dashboard/").content.decode()
    assert "인권옴부즈맨" in html or "Ombudsman" in html
    assert "/admin/" not in html


def test_dashboard_links_administration_for_administrators(client_for):
    assert "/admin/" in client_for("administrator").get("/dashboard/").content.decode()


def test_dashboard_forbidden_without_a_role(client_for):
    response = client_for("user_without_role").get("/dashboard/")
    assert response.status_code == 403
    assert "<h1" in response.content.decode()


# The dashboard's query count is pinned with data in tests/dashboards/test_pages.py.


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "<main" in response.content.decode()


def test_security_headers(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_policy_header_is_the_one_django_csp_builds(client, rf, settings):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    from humanrights_portal.core.middleware import PortalCSPMiddleware

    def plain(_request):
        return HttpResponse("ok")

    def updated(_request):
        response = HttpResponse("ok")
        response._csp_update = {"style-src": ["'unsafe-inline'"]}
        return response

    def exempt(_request):
        response = HttpResponse("ok")
        response._csp_exempt = True
        return response

    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    for view in (plain, updated, exempt):
        ours = PortalCSPMiddleware(view)(rf.get("/x/"))
        theirs = CSPMiddleware(view)(rf.get("/x/"))
        for header in ("Content-Security-Policy", "Content-Security-Policy-Report-Only"):
            assert ours.get(header) == theirs.get(header), (view.__name__, header)
    assert "'unsafe-inline'" in PortalCSPMiddleware(updated)(rf.get("/x/"))["Content-Security-Policy"]
    assert "Content-Security-Policy" not in PortalCSPMiddleware(exempt)(rf.get("/x/"))

    settings.CONTENT_SECURITY_POLICY = {**settings.CONTENT_SECURITY_POLICY, "EXCLUDE_URL_PREFIXES": ["/x/"]}
    assert "Content-Security-Policy" not in PortalCSPMiddleware(plain)(rf.get("/x/"))
    assert "'unsafe-inline'" in client.get("/api/docs/")["Content-Security-Policy"]  # csp_update on a view


def test_server_error_page_renders_without_database(rf):
    from humanrights_portal.core.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "일시적인 오류" in response.content.decode()


def test_an_unreachable_database_is_a_503_with_retry_after(rf):
    """A PostgreSQL restart or fail-over is temporary: clients and proxies are told to retry."""
    from django.db import OperationalError

    from humanrights_portal.core.views import server_error

    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(rf.get("/complaints/new/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "잠시 서비스를 이용할 수 없습니다" in response.content.decode()
