"""The Celery application: background jobs and the periodic jobs of celery beat.

Run a worker with the scheduler embedded (one per deployment may carry ``-B``; see README "Background jobs")::

    celery -A humanrights_portal worker -B --loglevel=INFO

Configuration comes from the Django settings whose names start with ``CELERY_`` (``settings/base.py``,
"background jobs"). Without ``CELERY_BROKER_URL`` every task runs in-process as soon as it is called
(``task_always_eager``), so ``make run`` and the tests need no Redis. Tasks live in each app's
``tasks.py`` and are found by ``autodiscover_tasks``.
"""

import os
import sys

from celery import Celery, signals
from django.db import close_old_connections

# The worker and beat are started by the ``celery`` command, not by manage.py or gunicorn: they use the
# local settings unless DJANGO_SETTINGS_MODULE says otherwise (production sets it, as for gunicorn).
# Inside Django processes nothing is set here, so wsgi.py's and manage.py's own defaults still apply.
if "celery.bin.celery" in sys.modules:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "humanrights_portal.settings.local")

app = Celery("humanrights_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.task_prerun.connect
@signals.task_postrun.connect
def _recycle_database_connections(sender=None, **kwargs):
    """Treat each task like a request: keep the connection for ``CONN_MAX_AGE`` (with its health check
    before the first query), instead of Celery's default of a new connection for every task, whose set-up
    and first queries cost a worker more than the e-mails it sends. Not for eager tasks, which run inside
    the caller's request and transaction."""
    if sender is not None and not getattr(sender.request, "is_eager", False):
        close_old_connections()


@signals.worker_ready.connect
def _release_claims_of_previous_run(sender=None, **kwargs):
    """E-mails this node was sending when it was killed go out now (``core.mail.release_claims``)."""
    from django.db import connection

    from humanrights_portal.core import mail
    from humanrights_portal.core.tasks import send_pending_emails

    try:
        if mail.release_claims(getattr(sender, "hostname", "") or ""):
            send_pending_emails.delay()
    finally:
        connection.close()  # the pool's processes are forked from this one: no shared connection
