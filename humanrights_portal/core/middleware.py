import functools
import logging
import time
from dataclasses import asdict

from csp.constants import HEADER as CSP_HEADER
from csp.constants import HEADER_REPORT_ONLY as CSP_HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.functional import SimpleLazyObject, empty

from humanrights_portal.core.logging import clean_request_id, request_context
from humanrights_portal.db_routers import enter_replica_scope, leave_replica_scope

access_logger = logging.getLogger("humanrights_portal.request")


class PortalLocaleMiddleware(LocaleMiddleware):
    """Korean unless the visitor chose another language with the switcher.

    Django's own middleware follows the browser's Accept-Language; a Korean public
    service is Korean first, so only the language cookie set by the switcher counts.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class RequestIdMiddleware:
    """Gives every request an id, logs one JSON line per request and returns the id as ``X-Request-ID``.

    The id is nginx's ``X-Request-ID`` when it is a safe token (``core.logging.clean_request_id``), else a new
    one. It is kept in a context variable while the request runs, so every log line — and every Celery task
    queued — carries it. First in ``MIDDLEWARE``: redirects and errors of later middleware carry it too.
    """

    header = "X-Request-ID"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = clean_request_id(request.headers.get(self.header))
        request.request_id = request_id
        token = request_context.set({"request_id": request_id, "method": request.method, "path": request.path})
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[self.header] = request_id
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            access_logger.log(
                logging.ERROR if response.status_code >= 500 else logging.INFO,
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={"status": response.status_code, "duration_ms": duration_ms, "user_id": _user_id(request)},
            )
            return response
        finally:
            request_context.reset(token)


def _user_id(request) -> int | None:
    """The signed-in user's id, without loading the user when nothing in the request needed it."""
    user = getattr(request, "user", None)
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return None
    return user.pk if user.is_authenticated else None


class ReadReplicaMiddleware:
    """Marks the views named in ``PORTAL_READ_REPLICA_VIEWS`` as ``db_routers.use_read_replica`` does.

    Their reads (dashboards, statistics) then go to the ``replica`` database when ``PORTAL_READ_REPLICA`` is
    set, until the end of the response (templates included); every other view, and every write, stays on the
    primary. Does nothing when no replica is configured. Views may also use the decorator directly.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Django renders a TemplateResponse before it comes back here: its template reads are routed too.
        try:
            return self.get_response(request)
        finally:
            token = getattr(request, "_replica_token", None)
            if token is not None:
                request._replica_token = None
                leave_replica_scope(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.PORTAL_READ_REPLICA:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in settings.PORTAL_READ_REPLICA_VIEWS:
            request._replica_token = enter_replica_scope()
        return None


@functools.cache
def _default_csp_headers() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """(header, value, exemption attribute, excluded path prefixes) of the settings' policies."""
    headers = []
    for header, setting, exempt, report_only in (
        (CSP_HEADER, "CONTENT_SECURITY_POLICY", "_csp_exempt", False),
        (CSP_HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", "_csp_exempt_ro", True),
    ):
        value = build_policy(**asdict(PolicyParts()), report_only=report_only)
        if value:
            prefixes = tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
            headers.append((header, value, exempt, prefixes))
    return tuple(headers)


@receiver(setting_changed)
def _forget_csp_headers(setting, **_kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _default_csp_headers.cache_clear()


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp, with the header of the settings' policy built once per process.

    The portal uses no nonce and only the API documentation changes its policy (``csp_update``), yet
    django-csp copies the settings and rebuilds the same header for every response. A response that
    changes its policy, or a request whose page used a nonce, goes through django-csp's own code.
    """

    _PER_RESPONSE = (
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
    )

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or settings.DEBUG:
            return super().process_response(request, response)
        if any(getattr(response, name, None) is not None for name in self._PER_RESPONSE):
            return super().process_response(request, response)
        for header, value, exempt, excluded in _default_csp_headers():
            if (
                header not in response
                and not getattr(response, exempt, False)
                and not request.path_info.startswith(excluded)
            ):
                response[header] = value
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
