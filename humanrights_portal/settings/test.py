"""Settings for the test suite (pytest-django). Always PostgreSQL, like production."""

from .base import *  # noqa: F403
from .base import BASE_DIR, MIDDLEWARE, env, install_read_replica_routing

DEBUG = False
SECRET_KEY = "test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PRIVATE_MEDIA_ROOT = BASE_DIR / ".pytest_cache" / "private_media"
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
# The signed-in user read from the database on every request; tests/core/test_user_cache.py turns the cache on.
PORTAL_USER_CACHE_SECONDS = 0
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"handlers": [], "level": env("LOG_LEVEL", default="WARNING")},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Lets two test runs share one PostgreSQL server (pytest-xdist adds _gw0, _gw1 … itself).
DATABASES["default"]["TEST"] = {"NAME": env("PORTAL_TEST_DATABASE_NAME", default="test_humanrights")}

# ---------------------------------------------------------------- background jobs: always in-process
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

# ---------------------------------------------------------------- operations (ops cluster)
# Django's own PostgreSQL backend, not django-prometheus' counting wrapper of production (which issues the same
# queries: tests/ops/test_metrics.py checks it on a connection of its own).
DATABASES["default"]["ENGINE"] = "django.db.backends.postgresql"
# Read replica: off, but testable. A second alias on the same test database; tests/ops/test_router.py turns
# routing on with PORTAL_READ_REPLICA.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
PORTAL_READ_REPLICA = ""
DATABASE_ROUTERS = ["humanrights_portal.db_routers.ReadReplicaRouter"]
MIDDLEWARE = install_read_replica_routing(MIDDLEWARE)
