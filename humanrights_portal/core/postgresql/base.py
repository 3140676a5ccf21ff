"""Django's PostgreSQL backend with django-prometheus' query counters and a health check without a query.

With ``CONN_HEALTH_CHECKS`` Django checks a kept connection before the first query of every request by
sending ``SELECT 1``: a round trip to PostgreSQL on every page view, the cheapest pages' largest single
cost. A server that went away has already said so on the socket, though: PostgreSQL sends "terminating
connection" before it closes a connection (restart, failover, ``pg_terminate_backend``), and a crashed
server's socket reads as closed. So the socket is polled without waiting; only when there is something to
read (which an idle healthy connection never has, bar an asynchronous notice) is Django's ``SELECT 1``
run to decide. A server that vanished without a word (a cut network) is caught as before: the query fails,
Django closes the connection at the end of that request, and the next one connects afresh.
"""

import select

from django_prometheus.db.backends.postgresql import base


class QuietHealthCheckMixin:
    def is_usable(self):
        if self.connection is None or self.connection.closed:
            return False
        try:
            readable, _, _ = select.select([self.connection.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        return not readable or super().is_usable()


class DatabaseWrapper(QuietHealthCheckMixin, base.DatabaseWrapper):
    pass
