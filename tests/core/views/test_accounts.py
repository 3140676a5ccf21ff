import pytest
from django.urls import reverse

from humanrights_portal.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="192.0.2.10")


def test_login_page_is_public(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'for="id_username"' in html
    assert 'for="id_password"' in html
    assert 'autocomplete="username"' in html


def test_login_with_valid_credentials_goes_to_dashboard(client, official, password):
    response = login(client, "official", password)
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


def test_login_follows_next(client, official, password):
    response = client.post(
        "/accounts/login/?next=/api/v1/me/",
        {"username": "official", "password": password, "next": "/api/v1/me/"},
        REMOTE_ADDR="192.0.2.10",
    )
    assert response["Location"] == "/api/v1/me/"


def test_login_with_wrong_password_shows_error_and_keeps_username(client, official):
    response = login(client, "official", "wrong-password")
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-error-summary" in html
    assert 'value="official"' in html
    assert 'aria-invalid="true"' not in html or "id_username" in html


def test_login_with_empty_fields_gives_field_errors(client):
    response = client.post(reverse("login"), {"username": "", "password": ""}, REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_username-error"' in html
    assert 'id="id_password-error"' in html
    assert 'href="#id_username"' in html


def test_lockout_after_repeated_failures(client, official, password, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "official", "wrong-password")
    response = login(client, "official", password)
    assert response.status_code == 429
    assert "30" in response.content.decode()
    # another address is not locked out for the same account
    other = client.post(reverse("login"), {"username": "official", "password": password}, REMOTE_ADDR="192.0.2.99")
    assert other.status_code == 302


def test_logout_requires_post_and_signs_out(client_for):
    client = client_for("official")
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 302


def test_password_change_requires_login(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_password_change_with_bad_input_keeps_user_on_form(client_for):
    client = client_for("official")
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "short", "new_password2": "different"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_old_password-error"' in html
    assert 'id="id_new_password2-error"' in html


def test_password_change_succeeds_and_is_audited(client_for, official, password):
    client = client_for("official")
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "새로운-비밀번호-2026", "new_password2": "새로운-비밀번호-2026"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    official.refresh_from_db()
    assert official.check_password("새로운-비밀번호-2026")
    assert AuditEvent.objects.filter(action="user.change_password", actor=official).exists()
    # the session survives the change
    assert client.get(reverse("password_change_done")).status_code == 200


def test_signed_in_user_visiting_login_is_redirected(client_for):
    response = client_for("committee_member").get(reverse("login"))
    assert response.status_code == 302
