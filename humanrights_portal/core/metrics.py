"""``/metrics/``: django-prometheus's metrics for Prometheus, closed to the public.

Open to a request whose every address — the peer and each ``X-Forwarded-For`` hop, so a request relayed
by nginx counts as coming from its real client — is in ``PORTAL_METRICS_ALLOWED_IPS`` (addresses or
networks; loopback by default), or that sends ``Authorization: Bearer <PORTAL_METRICS_TOKEN>``. Anyone
else gets the portal's 404, as if there were nothing there.
"""

from __future__ import annotations

import hmac
import ipaddress

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from django_prometheus.exports import ExportToDjangoView


def _addresses(request: HttpRequest) -> list[str]:
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return [request.META.get("REMOTE_ADDR", ""), *(hop.strip() for hop in forwarded.split(",") if hop.strip())]


def _address_allowed(address: str, networks: list) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def metrics_allowed(request: HttpRequest) -> bool:
    token = settings.PORTAL_METRICS_TOKEN
    authorization = request.headers.get("Authorization", "")
    offered = authorization.removeprefix("Bearer ").strip() if authorization.startswith("Bearer ") else ""
    if token and offered and hmac.compare_digest(offered.encode(), token.encode()):
        return True
    networks = [ipaddress.ip_network(entry, strict=False) for entry in settings.PORTAL_METRICS_ALLOWED_IPS]
    return all(_address_allowed(address, networks) for address in _addresses(request))


@login_not_required
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not metrics_allowed(request):
        raise Http404
    return ExportToDjangoView(request)
