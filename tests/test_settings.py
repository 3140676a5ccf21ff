"""Configuration: production passes Django's deployment checks; the embedded database works."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def run_manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=environment, capture_output=True, text=True, check=False
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="humanrights_portal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="portal.example.go.kr",
        DATABASE_URL="postgres://portal:secret@127.0.0.1:1/portal",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_collectstatic_hashes_every_served_file(tmp_path):
    """The deploy step must work: the manifest storage refuses any CSS url() to a missing file."""
    static_root = tmp_path / "static"
    result = run_manage(
        "collectstatic",
        "--noinput",
        DJANGO_SETTINGS_MODULE="humanrights_portal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="portal.example.go.kr",
        DATABASE_URL="postgres://portal:secret@127.0.0.1:1/portal",
        DJANGO_STATIC_ROOT=str(static_root),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = (static_root / "staticfiles.json").read_text(encoding="utf-8")
    for served in ("krds/css/component/output.css", "css/portal.css", "js/portal.js", "htmx/htmx.min.js"):
        assert f'"{served}"' in manifest
    assert '"krds/css/component/component.css"' not in manifest


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="humanrights_portal.settings.production",
        DJANGO_ALLOWED_HOSTS="portal.example.go.kr",
        DATABASE_URL="postgres://portal:secret@127.0.0.1:1/portal",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_forbids_demo_data_and_inline_scripts():
    from importlib import import_module

    environment = {
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "a.example",
        "DATABASE_URL": "postgres://a@b/c",
    }
    old = {key: os.environ.get(key) for key in environment}
    os.environ.update(environment)
    try:
        production = import_module("humanrights_portal.settings.production")
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    assert production.PORTAL_ALLOW_DEMO_DATA is False
    assert production.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"] == ["'self'"]
    assert production.SESSION_COOKIE_SECURE
    assert production.CSRF_COOKIE_SECURE
    assert production.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")


def test_database_url_takes_precedence_over_the_embedded_server():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default']; print(d['HOST'], d['PORT'], d['NAME'])",
        DJANGO_SETTINGS_MODULE="humanrights_portal.settings.local",
        DATABASE_URL="postgres://portal:secret@db.internal:6543/portal",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("db.internal 6543 portal")


def test_tests_run_on_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.mark.skipif("DATABASE_URL" in os.environ, reason="the suite runs on a given database")
def test_embedded_server_is_reused_and_reports_status():
    from humanrights_portal import embedded_db

    socket_dir = embedded_db.ensure_running()
    assert embedded_db.ensure_running() == socket_dir
    result = subprocess.run(
        [sys.executable, "-m", "humanrights_portal.embedded_db", "status"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "Running" in result.stdout
