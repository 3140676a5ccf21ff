"""Production: every secret from the environment, HTTPS only, hardened headers.

``DJANGO_SETTINGS_MODULE=humanrights_portal.settings.production python manage.py check --deploy``
passes with no warnings (tested).
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
PORTAL_ALLOW_DEMO_DATA = env.bool("PORTAL_ALLOW_DEMO_DATA", default=False)
PORTAL_STATISTICS_MAX_AGE = env.int("PORTAL_STATISTICS_MAX_AGE", default=300)
