"""What a citizen's browser carries between pages: signed, short-lived, HttpOnly cookies.

Citizens have no account, so the portal keeps no server-side session for them: after a
submission the receipt (code and one-time key) rides to the receipt page in a cookie that the
page deletes as it shows it, and after a successful look-up the tracked complaint's id rides in
a cookie valid for ``PORTAL_TRACKING_MINUTES``. Both are signed with the site's secret (they
cannot be forged or altered), scoped to the complaint pages' paths, and never readable by
scripts. The secret key itself is never stored server-side in clear text.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

RECEIPT_COOKIE = "portal_receipt"
RECEIPT_PATH = "/complaints/receipt/"
RECEIPT_SECONDS = 10 * 60
TRACKING_COOKIE = "portal_tracking"
TRACKING_PATH = "/complaints/track/"


def _set(response: HttpResponse, name: str, value, *, path: str, max_age: int) -> None:
    response.set_cookie(
        name,
        signing.dumps(value, salt=f"ombudsman.{name}"),  # a few dozen bytes: nothing to compress
        max_age=max_age,
        path=path,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _get(request: HttpRequest, name: str, *, max_age: int):
    """The cookie's value if it is present, untampered and younger than ``max_age`` seconds."""
    signed = request.COOKIES.get(name)
    if not signed:
        return None
    try:
        return signing.loads(signed, salt=f"ombudsman.{name}", max_age=max_age)
    except signing.BadSignature:  # also raised for an expired signature
        return None


def receipt_give(response: HttpResponse, *, receipt_code: str, secret_key: str, emailed: bool) -> None:
    _set(
        response,
        RECEIPT_COOKIE,
        {"receipt_code": receipt_code, "secret_key": secret_key, "emailed": emailed},
        path=RECEIPT_PATH,
        max_age=RECEIPT_SECONDS,
    )


def receipt_read(request: HttpRequest) -> dict | None:
    value = _get(request, RECEIPT_COOKIE, max_age=RECEIPT_SECONDS)
    return value if isinstance(value, dict) else None


def receipt_forget(response: HttpResponse) -> None:
    """The receipt page shows the key once: its response deletes the cookie."""
    response.delete_cookie(RECEIPT_COOKIE, path=RECEIPT_PATH, samesite="Lax")


def tracking_give(response: HttpResponse, *, complaint_id: int) -> None:
    _set(response, TRACKING_COOKIE, complaint_id, path=TRACKING_PATH, max_age=settings.PORTAL_TRACKING_MINUTES * 60)


def tracked_complaint_id(request: HttpRequest) -> int | None:
    value = _get(request, TRACKING_COOKIE, max_age=settings.PORTAL_TRACKING_MINUTES * 60)
    return value if isinstance(value, int) else None


def tracking_end(response: HttpResponse) -> None:
    response.delete_cookie(TRACKING_COOKIE, path=TRACKING_PATH, samesite="Lax")
