"""How hard the public may knock: the rate limits of complaint submission and status look-up.

One policy for the HTML pages and the API, so the two share their counters
(``PORTAL_COMPLAINT_SUBMIT_RATE``, ``PORTAL_COMPLAINT_TRACK_RATE``, per client address).

Every submission attempt counts. One that reaches the receipt number is counted by the statement that
takes the number (``submission_hit``, given to ``services.complaint_submit``, which raises
``RateLimitExceeded`` over the limit); one that stops before (the form or the service found an error)
is counted on its own (``submission_refused``). Both in the database's counter table, so the two add up.
"""

from django.conf import settings
from django.http import HttpRequest

from humanrights_portal.core.ratelimit import Hit, client_hit, client_usage

SUBMIT_GROUP = "ombudsman.submit"
TRACK_GROUP = "ombudsman.track"


def submission_hit(request: HttpRequest) -> Hit:
    """This submission, to be counted with its receipt number."""
    return client_hit(request, group=SUBMIT_GROUP, rate=settings.PORTAL_COMPLAINT_SUBMIT_RATE)


def submission_refused(request: HttpRequest) -> bool:
    """Count a submission attempt that did not reach its receipt number; ``True`` when it goes over the limit."""
    return client_usage(
        request, group=SUBMIT_GROUP, rate=settings.PORTAL_COMPLAINT_SUBMIT_RATE, increment=True, in_database=True
    ).exceeded


def tracking_blocked(request: HttpRequest) -> bool:
    """Earlier failed look-ups from this client used up the limit (only failures count)."""
    return client_usage(
        request, group=TRACK_GROUP, rate=settings.PORTAL_COMPLAINT_TRACK_RATE, increment=False
    ).exhausted


def tracking_failed(request: HttpRequest) -> None:
    """Count a look-up with a wrong receipt code or secret key."""
    client_usage(request, group=TRACK_GROUP, rate=settings.PORTAL_COMPLAINT_TRACK_RATE, increment=True)
