import pytest
from django.db import transaction

from humanrights_portal.core import services

pytestmark = pytest.mark.django_db

ALL = [None, "official", "other_official", "office_staff", "ombudsman", "committee_member", "administrator"]


def test_api_root_lists_collections(api_client_for):
    response = api_client_for(None).get("/api/v1/")
    assert response.status_code == 200
    body = response.json()
    assert body["departments"].endswith("/api/v1/departments/")
    assert body["sdg-goals"].endswith("/api/v1/sdg-goals/")


def test_api_root_is_browsable(client):
    response = client.get("/api/v1/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert "text/html" in response["Content-Type"]


def test_openapi_schema(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/departments/" in schema["paths"]
    assert "/api/v1/auth/token/" in schema["paths"]
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_api_docs_served_locally_without_cdn(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn." not in html
    assert "unpkg" not in html
    assert "<script>" not in html.replace(" ", "")  # no inline script: the CSP forbids it
    redoc = client.get("/api/redoc/")
    assert redoc.status_code == 200
    assert "cdn." not in redoc.content.decode()


def test_departments_are_public_paginated_and_filterable(api_client_for, department, other_department):
    api = api_client_for(None)
    body = api.get("/api/v1/departments/").json()
    assert {"welfare", "urban"} <= {row["code"] for row in body["results"]}
    assert body["count"] == len(body["results"])
    only = api.get("/api/v1/departments/?q=도시").json()
    assert [row["code"] for row in only["results"]] == ["urban"]
    assert api.get("/api/v1/departments/?page_size=1").json()["next"] is not None


def test_bad_filter_value_is_400(api_client_for):
    response = api_client_for(None).get("/api/v1/sdg-targets/?goal=five")
    assert response.status_code == 400
    assert "goal" in response.json()


def test_bad_page_is_404_json(api_client_for):
    response = api_client_for(None).get("/api/v1/departments/?page=999")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_sdg_goals_with_targets(api_client_for, django_assert_num_queries):
    api = api_client_for(None)
    with django_assert_num_queries(2):
        body = api.get("/api/v1/sdg-goals/").json()
    assert len(body) == 17
    assert len(body[4]["targets"]) == 9
    assert body[4]["number"] == 5


def test_sdg_targets_filter_by_goal(api_client_for, django_assert_num_queries):
    api = api_client_for(None)
    with django_assert_num_queries(2):
        body = api.get("/api/v1/sdg-targets/?goal=16&page_size=100").json()
    assert body["count"] == 12
    assert body["results"][0]["code"] == "16.1"


def test_reference_lists_query_counts(api_client_for, django_assert_num_queries):
    api = api_client_for(None)
    for url in ("/api/v1/vulnerable-groups/", "/api/v1/rights/"):
        with django_assert_num_queries(1):
            assert api.get(url).status_code == 200
    with django_assert_num_queries(2):
        assert api.get("/api/v1/departments/").status_code == 200


@pytest.mark.parametrize("name", ALL)
def test_me_endpoint(api_client_for, name, users):
    response = api_client_for(name).get("/api/v1/me/")
    if name is None:
        assert response.status_code in (401, 403)
        return
    assert response.status_code == 200
    assert response.json()["username"] == users[name].username


@pytest.mark.parametrize("name", ALL)
def test_audit_and_access_logs_are_for_administrators_only(api_client_for, name):
    api = api_client_for(name)
    for url in ("/api/v1/audit-events/", "/api/v1/personal-data-accesses/"):
        response = api.get(url)
        if name == "administrator":
            assert response.status_code == 200
        else:
            assert response.status_code in (401, 403)


def test_audit_event_list_query_count_does_not_grow(api_client_for, department, django_assert_num_queries):
    api = api_client_for("administrator")
    with transaction.atomic():
        for number in range(30):
            services.audit_record(actor=None, action=f"test.{number}", target=department)
    with django_assert_num_queries(2):
        body = api.get("/api/v1/audit-events/?action=test.").json()
    assert body["count"] == 30


def test_token_auth_for_scripts(api_client_for, official, password):
    api = api_client_for(None)
    response = api.post("/api/v1/auth/token/", {"username": "official", "password": password}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/me/").json()["username"] == "official"


def test_token_with_wrong_password_is_field_level_400(api_client_for, official):
    response = api_client_for(None).post(
        "/api/v1/auth/token/", {"username": "official", "password": "nope"}, format="json"
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_token_with_an_over_long_username_is_400_not_500(api_client_for, client):
    """Found by the fuzz test: the lockout log holds 255 characters; the form and the API stop at 150."""
    response = api_client_for(None).post(
        "/api/v1/auth/token/", {"username": "x" * 400, "password": "false"}, format="json"
    )
    assert response.status_code == 400
    assert "username" in response.json()
    login = client.post("/accounts/login/", {"username": "x" * 400, "password": "false"})
    assert login.status_code == 200
    assert 'aria-invalid="true"' in login.content.decode()


def test_token_with_missing_fields_names_them(api_client_for):
    response = api_client_for(None).post("/api/v1/auth/token/", {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}


def test_malformed_json_is_400_not_500(api_client_for):
    response = api_client_for(None).post(
        "/api/v1/auth/token/", data='{"username": "x", ', content_type="application/json"
    )
    assert response.status_code == 400
    assert "detail" in response.json()


def test_unsupported_media_type_is_415(api_client_for):
    response = api_client_for(None).post("/api/v1/auth/token/", data="<xml/>", content_type="application/xml")
    assert response.status_code == 415


def test_django_validation_errors_become_field_errors():
    from django.core.exceptions import ValidationError

    from humanrights_portal.core.api.exceptions import portal_exception_handler

    response = portal_exception_handler(ValidationError({"title": ["Too long."], "__all__": ["Bad."]}), {})
    assert response.status_code == 400
    assert response.data == {"title": ["Too long."], "non_field_errors": ["Bad."]}
    plain = portal_exception_handler(ValidationError("Bad."), {})
    assert plain.data == {"non_field_errors": ["Bad."]}
