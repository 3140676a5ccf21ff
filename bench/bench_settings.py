"""Production settings for the benchmark on plain HTTP over loopback (``bench/run.sh``).

Everything is ``humanrights_portal.settings.production`` (DEBUG off, secrets from the
environment, hardened headers) except what cannot work without TLS: the secure-only
cookies (the session and CSRF cookies would never be sent back over http://127.0.0.1)
and the HTTPS redirect. STATIC_ROOT points at the benchmark's temporary collectstatic.
"""

import os

from humanrights_portal.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
STATIC_ROOT = os.environ.get("PORTAL_BENCH_STATIC_ROOT", "/tmp/portal-bench-static")  # noqa: S108
