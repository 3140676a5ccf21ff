"""Settings shared by every environment; all configuration comes from environment variables.

Each variable is documented in README.md ("Configuration"). ``local``, ``test`` and
``production`` refine these defaults.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    env.read_env(str(env_file))

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# ---------------------------------------------------------------- applications
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "humanrights_portal.core.apps.PortalStaticFilesConfig",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "csp",
    "humanrights_portal.core",
    "humanrights_portal.dashboards",
    "indicators",
    "plans",
    "ombudsman",
    "impact",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "humanrights_portal.core.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # django-axes must come last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "humanrights_portal.urls"
WSGI_APPLICATION = "humanrights_portal.wsgi.application"
AUTH_USER_MODEL = "core.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "humanrights_portal.core.context_processors.portal",
            ],
        },
    },
]

# ---------------------------------------------------------------- database
if "DATABASE_URL" in env:
    DATABASES = {"default": env.db("DATABASE_URL")}
else:
    from humanrights_portal.embedded_db import database_settings

    DATABASES = {"default": database_settings()}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Choice lists and exports read with .iterator(): plain client-side fetches, no DECLARE/FETCH/CLOSE
# round trips (and safe behind a transaction-pooling PgBouncer).
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------- authentication
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# django-axes: lock a username + client address pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)

# ---------------------------------------------------------------- i18n
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

# ---------------------------------------------------------------- static and uploaded files
NODE_MODULES = BASE_DIR / "node_modules"
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("krds", NODE_MODULES / "krds-uiux" / "resources"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("chartjs", NODE_MODULES / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "humanrights_portal.core.storage.PortalStaticFilesStorage"},
}
# Uploaded evidence is private: kept outside the web root and served only by
# permission-checked views, never under STATIC_URL or a public MEDIA_URL.
PRIVATE_MEDIA_ROOT = Path(env("PORTAL_PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media")))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
MEDIA_URL = "/files/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# ---------------------------------------------------------------- e-mail
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
if "EMAIL_URL" in env:
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="인권옴부즈맨 <no-reply@humanrights.example.go.kr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# ---------------------------------------------------------------- cache
CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://portal")
    if "CACHE_URL" in env
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}
}

# ---------------------------------------------------------------- REST API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "humanrights_portal.core.api.pagination.PortalPageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "humanrights_portal.core.api.exceptions.portal_exception_handler",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_VERSIONING_CLASS": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Human Rights Office Portal API",
    "DESCRIPTION": (
        "REST API of the human rights office portal: ombudsman cases, action plans, "
        "indicators, impact assessments and their statistics. Session authentication for "
        "the browser, token authentication (`Authorization: Token <key>`) for scripts."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "ombudsman.models.CaseStatus",
        "CaseChannelEnum": "ombudsman.models.Channel",
        "CounsellingChannelEnum": "ombudsman.models.CounsellingSession.SessionChannel",
        "RecommendationResponseEnum": "ombudsman.models.Recommendation.Response",
        "PlanStatusEnum": "plans.models.PlanStatus",
        "ProgressStatusEnum": "plans.models.ProgressStatus",
        "ReviewStateEnum": "plans.models.ReviewState",
        "MeetingKindEnum": "plans.models.Meeting.Kind",
        "ReflectionEnum": "plans.models.ReviewOpinion.Reflection",
        "IndicatorStatusEnum": "indicators.models.IndicatorStatus",
        "IndicatorTypeEnum": "indicators.models.IndicatorType",
        "IndicatorDirectionEnum": "indicators.models.Direction",
        "IndicatorPeriodicityEnum": "indicators.models.Periodicity",
        "MeasurementStateEnum": "indicators.models.MeasurementState",
    },
}

# ---------------------------------------------------------------- security headers
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# ---------------------------------------------------------------- the portal
PORTAL_ORGANISATION_KO = env("PORTAL_ORGANISATION_KO", default="광주광역시")
PORTAL_ORGANISATION_EN = env("PORTAL_ORGANISATION_EN", default="Gwangju Metropolitan City")
PORTAL_OFFICE_ADDRESS = env(
    "PORTAL_OFFICE_ADDRESS", default="(61945) 광주광역시 서구 내방로 111 광주광역시청 인권평화협력관"
)
PORTAL_OFFICE_PHONE = env("PORTAL_OFFICE_PHONE", default="062-613-2030")
# The portal's public address, for links in e-mails (no trailing slash).
PORTAL_SITE_URL = env("PORTAL_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
PORTAL_DEMO_PASSWORD = env("PORTAL_DEMO_PASSWORD", default="demo-portal-2026!")
# seed_demo creates accounts with a published password: never allowed in production settings.
PORTAL_ALLOW_DEMO_DATA = env.bool("PORTAL_ALLOW_DEMO_DATA", default=True)

# ---------------------------------------------------------------- logging
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
PORTAL_DOMAIN_APPS = ["plans", "ombudsman", "impact", "indicators"]

# ---------------------------------------------------------------- ombudsman
# Evidence a citizen may attach: at most this many files of at most this size each.
PORTAL_ATTACHMENT_MAX_COUNT = env.int("PORTAL_ATTACHMENT_MAX_COUNT", default=5)
PORTAL_ATTACHMENT_MAX_BYTES = env.int("PORTAL_ATTACHMENT_MAX_MB", default=10) * 1024 * 1024
# Closed cases keep the complainant's personal data this long, then `anonymise_closed_complaints` removes it.
PORTAL_COMPLAINT_RETENTION_DAYS = env.int("PORTAL_COMPLAINT_RETENTION_DAYS", default=3 * 365)
# Rates per client address ("count/period"): public submission and status look-up.
PORTAL_COMPLAINT_SUBMIT_RATE = env("PORTAL_COMPLAINT_SUBMIT_RATE", default="10/h")
PORTAL_COMPLAINT_TRACK_RATE = env("PORTAL_COMPLAINT_TRACK_RATE", default="20/10m")
# How long a citizen's browser stays on their complaint after a successful look-up (signed cookie).
PORTAL_TRACKING_MINUTES = env.int("PORTAL_TRACKING_MINUTES", default=30)
# Days a case may stay in each stage before it counts as overdue (overrides ombudsman.workflow).
PORTAL_OMBUDSMAN_STAGE_DAYS = env.dict("PORTAL_OMBUDSMAN_STAGE_DAYS", cast={"value": int}, default={})
# Public statistics hide counts below this, so that nobody can be identified from a small cell.
PORTAL_STATISTICS_MIN_CELL = env.int("PORTAL_STATISTICS_MIN_CELL", default=5)
# Seconds the statistics of the dashboards may lag behind the data (ombudsman/statistics.py): 0 computes
# them from the cases on every request (exact; fine for small data), more reads a summary rebuilt when older.
PORTAL_STATISTICS_MAX_AGE = env.int("PORTAL_STATISTICS_MAX_AGE", default=0)
