"""gunicorn settings of an application server (``gunicorn -c deploy/gunicorn.conf.py humanrights_portal.wsgi``).

Every value can be overridden from the environment (``GUNICORN_BIND``, ``GUNICORN_WORKERS``, …) or on the
command line (deploy/cluster.sh passes ``--bind`` and ``--pid``). Servers are stateless: any number of them
run behind nginx, sharing PostgreSQL, Redis and the attachment store.
"""

import multiprocessing
import os

wsgi_app = "humanrights_portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 4)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 2
# A worker is replaced after this many requests (plus jitter), so that a slow leak never piles up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Only nginx (on this machine or the private network) talks to gunicorn: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# The application writes one JSON line per request itself (core.middleware.RequestIdMiddleware).
accesslog = None
errorlog = "-"  # stderr: a file under deploy/cluster.sh, the container log under Docker
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# gunicorn's runtime control socket sits at one path per user: several servers on one machine would share it.
control_socket_disable = True
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "humanrights_portal.core.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "loggers": {"gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False}},
}


def child_exit(server, worker):
    """Prometheus in several worker processes (PROMETHEUS_MULTIPROC_DIR): forget a dead worker's live gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
