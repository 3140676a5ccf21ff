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
    "humanrights_portal.core.middleware.PortalCSPMiddleware",  # django-csp, its header built once
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
# django-axes first (lock-outs); then Django's ModelBackend that also reads the user's roles with the user.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "humanrights_portal.core.backends.PortalModelBackend",
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
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "humanrights_portal.core.cache.PortalRedisCache"  # one client per pool

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

# ---------------------------------------------------------------- logging (ops: humanrights_portal/core/logging.py)
# One JSON object per line on stderr (LOG_FORMAT=json, the default), each with the request id nginx sent
# (X-Request-ID) or the app made up; LOG_FORMAT=plain for a developer's terminal. One line per request from
# the logger "humanrights_portal.request" (core.middleware.RequestIdMiddleware).
LOG_FORMAT = env("LOG_FORMAT", default="json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "humanrights_portal.core.logging.RequestContextFilter"}},
    "formatters": {
        "json": {"()": "humanrights_portal.core.logging.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain" if LOG_FORMAT == "plain" else "json",
            "filters": ["request_context"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # The request middleware writes the access line (with the request id); runserver's would repeat it.
        "django.server": {"level": "WARNING"},
    },
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
# Days an impact assessment may stay in each stage before it counts as overdue (overrides impact.workflow).
PORTAL_IMPACT_STAGE_DAYS = env.dict("PORTAL_IMPACT_STAGE_DAYS", cast={"value": int}, default={})
# Public statistics hide counts below this, so that nobody can be identified from a small cell.
PORTAL_STATISTICS_MIN_CELL = env.int("PORTAL_STATISTICS_MIN_CELL", default=5)
# Seconds the statistics of the dashboards may lag behind the data (ombudsman/statistics.py): 0 computes
# them from the cases on every request (exact; fine for small data), more reads a summary rebuilt when older.
PORTAL_STATISTICS_MAX_AGE = env.int("PORTAL_STATISTICS_MAX_AGE", default=0)

# ---------------------------------------------------------------- backups (manage.py backup / restore)
# Where `backup` writes its archive when no --output is given (keep it off the web root and the private media).
PORTAL_BACKUP_DIR = Path(env("PORTAL_BACKUP_DIR", default=str(BASE_DIR / "backups")))
# Folder of pg_dump/pg_restore matching the server's major version; empty = found automatically.
PORTAL_PG_BINDIR = env("PORTAL_PG_BINDIR", default="")

# ---------------------------------------------------------------- background jobs (Celery, see celery.py)
from celery.schedules import crontab  # noqa: E402

# Redis as the broker, e.g. redis://127.0.0.1:6379/0. Unset: every task runs in-process when it is called
# (development, `make run`, tests), so the portal needs nothing more; errors then propagate to the caller.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Tasks record what they did in the database (the e-mail outbox, the reminder log): no result backend.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A message is acknowledged only once its task has finished; a worker killed mid-task leaves it to be
# delivered again (every task is idempotent). One message reserved at a time, so a lost worker strands little.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
CELERY_TASK_SOFT_TIME_LIMIT = max(CELERY_TASK_TIME_LIMIT - 60, 1)
# Redis redelivers a message nobody acknowledged after this many seconds: longer than any task runs.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Celery closes the database connection after every task unless told to reuse it; the portal's own signal
# handlers (humanrights_portal/celery.py) apply CONN_MAX_AGE and the health check instead, as for requests.
CELERY_DB_REUSE_MAX = 1000
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = env("CELERY_BEAT_SCHEDULE_FILENAME", default=str(BASE_DIR / ".celerybeat-schedule"))
CELERY_BEAT_SCHEDULE = {
    # Queued e-mails whose task was lost (worker killed, broker restarted) are sent again; old rows purged.
    "requeue-stale-emails": {"task": "humanrights_portal.core.tasks.requeue_stale_emails", "schedule": 60.0},
    # Overdue cases, annual records, measurements and assessments: one e-mail per recipient per day. Hourly
    # during office hours so that a missed run is caught up; the reminder log keeps it to one a day.
    "overdue-reminders": {
        "task": "humanrights_portal.core.tasks.send_overdue_reminders",
        "schedule": crontab(minute=0, hour="9-17"),
    },
    "anonymise-closed-complaints": {
        "task": "ombudsman.tasks.anonymise_closed_complaints",
        "schedule": crontab(minute=30, hour=3),
    },
    # Does nothing while PORTAL_STATISTICS_MAX_AGE is 0 (statistics computed on every request).
    "refresh-statistics": {"task": "ombudsman.tasks.refresh_statistics", "schedule": 300.0},
}
# Sent e-mails keep their address and subject this many days (the body is removed once sent), then go.
PORTAL_OUTBOX_RETENTION_DAYS = env.int("PORTAL_OUTBOX_RETENTION_DAYS", default=30)
# An indicator's value for a period is due this many days after the period ends (indicators/tasks.py).
PORTAL_MEASUREMENT_DUE_DAYS = env.int("PORTAL_MEASUREMENT_DUE_DAYS", default=90)

# ---------------------------------------------------------------- operations: several servers (ops cluster; deploy/)
# Request ids and access lines first of all, so redirects and errors of later middleware carry the id.
MIDDLEWARE.insert(0, "humanrights_portal.core.middleware.RequestIdMiddleware")

# Prometheus metrics (django-prometheus) at /metrics/, open only to PORTAL_METRICS_ALLOWED_IPS (addresses or
# networks; every hop of X-Forwarded-For must be in it) or to "Authorization: Bearer <PORTAL_METRICS_TOKEN>".
# Its middleware and database wrapper only count: no extra queries. Several gunicorn workers: set
# PROMETHEUS_MULTIPROC_DIR (deploy/gunicorn.conf.py cleans up after dead workers).
INSTALLED_APPS.append("django_prometheus")
MIDDLEWARE.insert(0, "django_prometheus.middleware.PrometheusBeforeMiddleware")
# Inside AxesMiddleware, which must stay last (it replaces the response of a locked-out login).
MIDDLEWARE.insert(
    MIDDLEWARE.index("axes.middleware.AxesMiddleware"), "django_prometheus.middleware.PrometheusAfterMiddleware"
)
# humanrights_portal/core/postgresql: django-prometheus' counting wrapper, with a health check that polls the
# socket instead of sending SELECT 1 before every request's first query.
PORTAL_METRICS_DATABASE_ENGINE = "humanrights_portal.core.postgresql"
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = PORTAL_METRICS_DATABASE_ENGINE
PORTAL_METRICS_ALLOWED_IPS = env.list("PORTAL_METRICS_ALLOWED_IPS", default=["127.0.0.1", "::1"])
PORTAL_METRICS_TOKEN = env("PORTAL_METRICS_TOKEN", default="")

# Sessions: in the database (every server sees them); with CACHE_URL=redis://… read through Redis, the
# database staying the record (cached_db), so a Redis restart signs nobody out.
# The signed-in user (with their roles) is kept there too, for PORTAL_USER_CACHE_SECONDS, and forgotten on
# any change to the user, their groups or a group (core/backends.py); 0 reads it from the database each time.
_REDIS_CACHE = env("CACHE_URL", default="").startswith(("redis://", "rediss://"))
if _REDIS_CACHE:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
PORTAL_USER_CACHE_SECONDS = env.int("PORTAL_USER_CACHE_SECONDS", default=60 if _REDIS_CACHE else 0)

# Private attachments (core.storage.PrivateStorage): the folder PRIVATE_MEDIA_ROOT by default — shared by
# every server, e.g. over NFS — or S3-compatible object storage (django-storages) when PORTAL_S3_BUCKET is set.
PORTAL_PRIVATE_STORAGE = None
if env("PORTAL_S3_BUCKET", default=""):
    _s3_options = {
        "bucket_name": env("PORTAL_S3_BUCKET"),
        "endpoint_url": env("PORTAL_S3_ENDPOINT_URL", default=""),
        "region_name": env("PORTAL_S3_REGION", default=""),
        "access_key": env("PORTAL_S3_ACCESS_KEY_ID", default=""),
        "secret_key": env("PORTAL_S3_SECRET_ACCESS_KEY", default=""),
    }
    PORTAL_PRIVATE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **{key: value for key, value in _s3_options.items() if value},
            "location": env("PORTAL_S3_PREFIX", default="private"),
            "default_acl": "private",
            "file_overwrite": False,  # like the folder: a new name, never a replaced file
            "querystring_auth": True,
        },
    }

# Optional read replica (humanrights_portal/db_routers.py): with DATABASE_REPLICA_URL set, the views named in
# PORTAL_READ_REPLICA_VIEWS (dashboards, statistics) read from it; everything else uses the primary. Without
# it neither the router nor the middleware is installed (each costs a little on every query and request).
PORTAL_READ_REPLICA = ""
if "DATABASE_REPLICA_URL" in env:
    DATABASES["replica"] = {
        **env.db("DATABASE_REPLICA_URL"),
        **{key: DATABASES["default"][key] for key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "ATOMIC_REQUESTS")},
        "DISABLE_SERVER_SIDE_CURSORS": True,
        "TEST": {"MIRROR": "default"},
    }
    PORTAL_READ_REPLICA = "replica"


def install_read_replica_routing(middleware: list[str]) -> list[str]:
    """The router and the middleware of the read replica (``DATABASE_ROUTERS``, ``MIDDLEWARE``)."""
    middleware = list(middleware)
    middleware.insert(
        middleware.index("django_prometheus.middleware.PrometheusAfterMiddleware"),
        "humanrights_portal.core.middleware.ReadReplicaMiddleware",
    )
    return middleware


DATABASE_ROUTERS = []
if PORTAL_READ_REPLICA:
    DATABASE_ROUTERS = ["humanrights_portal.db_routers.ReadReplicaRouter"]
    MIDDLEWARE = install_read_replica_routing(MIDDLEWARE)
PORTAL_READ_REPLICA_VIEWS = env.list(
    "PORTAL_READ_REPLICA_VIEWS",
    default=[
        "dashboard",
        "dashboards:public",
        "ombudsman:public-statistics",
        "ombudsman:statistics",
        "impact:figures",
        "api-statistics-plans",
        "api-statistics-indicators",
        "api-statistics-ombudsman",
        "api-statistics-impact",
        "api-statistics-trends",
        "api-statistics-groups",
        "api-ombudsman-statistics",
        "api-ombudsman-statistics-public",
        "api-impact-statistics",
    ],
)
