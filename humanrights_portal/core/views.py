"""Pages of the shared kernel: home, health check, accounts, errors (the staff start page is the
committee dashboard, ``humanrights_portal.dashboards.views.dashboards``)."""

import logging
import sys
import time

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from humanrights_portal.core import services
from humanrights_portal.core.forms import PortalAuthenticationForm, PortalPasswordChangeForm

logger = logging.getLogger(__name__)


@login_not_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@login_not_required
@require_GET
def privacy_policy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers and monitoring; never a traceback."""
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except DatabaseError:
        logger.exception("health check: database unreachable")
        database = "error"
    body = {
        "status": "ok" if database == "ok" else "error",
        "database": database,
        "database_ms": round((time.perf_counter() - started) * 1000, 2),
        "time": timezone.now().isoformat(),
    }
    return JsonResponse(body, status=200 if database == "ok" else 503)


class PortalLoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = PortalAuthenticationForm
    redirect_authenticated_user = True


class PortalPasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    form_class = PortalPasswordChangeForm
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        services.user_change_password(
            user=self.request.user, new_password=form.cleaned_data["new_password1"], request=self.request
        )
        update_session_auth_hash(self.request, self.request.user)
        messages.success(self.request, _("Your password has been changed."))
        return super(auth_views.PasswordChangeView, self).form_valid(form)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The page of an unexpected error; a 503 with ``Retry-After`` when the database is unreachable.

    Rendered without the request context: the database may be the reason we are here. An outage of
    PostgreSQL (a restart, a fail-over) is temporary and retryable, so clients and proxies are told so.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "5"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
