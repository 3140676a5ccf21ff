"""How hard the public may knock: the rate limits of complaint submission and status look-up.

One policy for the HTML pages and the API, so the two share their counters
(``PORTAL_COMPLAINT_SUBMIT_RATE``, ``PORTAL_COMPLAINT_TRACK_RATE``, per client address).
"""

from django.conf import settings
from django.http import HttpRequest

from humanrights_portal.core.ratelimit import client_usage

SUBMIT_GROUP = "ombudsman.submit"
TRACK_GROUP = "ombudsman.track"


def submission_refused(request: HttpRequest) -> bool:
    """Count this submission attempt; ``True`` when it goes over the limit."""
    return client_usage(
        request, group=SUBMIT_GROUP, rate=settings.PORTAL_COMPLAINT_SUBMIT_RATE, increment=True
    ).exceeded


def tracking_blocked(request: HttpRequest) -> bool:
    """Earlier failed look-ups from this client used up the limit (only failures count)."""
    return client_usage(
        request, group=TRACK_GROUP, rate=settings.PORTAL_COMPLAINT_TRACK_RATE, increment=False
    ).exhausted


def tracking_failed(request: HttpRequest) -> None:
    """Count a look-up with a wrong receipt code or secret key."""
    client_usage(request, group=TRACK_GROUP, rate=settings.PORTAL_COMPLAINT_TRACK_RATE, increment=True)
