"""The citizens' pages (no account): file a complaint, read the receipt once, track it, act on it.

Every page works without JavaScript. The rules live in ``ombudsman.services``; these views read the
forms, call the services and show their errors next to the fields.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from humanrights_portal.core.forms import add_service_errors
from humanrights_portal.core.ratelimit import RateLimitExceeded
from ombudsman import citizen_cookies, selectors, services, throttling, workflow
from ombudsman.forms.public import (
    AddInformationForm,
    ComplaintForm,
    StatisticsYearForm,
    SurveyForm,
    TrackForm,
    WithdrawForm,
    initial_from_data,
)
from ombudsman.models import CaseStatus, SatisfactionSurvey

#: The one message for every failed look-up: nobody learns whether a code exists.
TRACK_FAILED = gettext_lazy(
    "We could not find a complaint with this receipt code and secret key. Check both and try again."
)

logger = logging.getLogger(__name__)


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _breadcrumb(*items: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return list(items)


# ---------------------------------------------------------------- filing a complaint


def _render_complaint_form(request, form, *, status=200, attachments_lost=False, rate_limited=False):
    return render(
        request,
        "ombudsman/public/complaint_form.html",
        {
            "form": form,
            "attachments_lost": attachments_lost,
            "rate_limited": rate_limited,
            "retention_years": max(1, round(settings.PORTAL_COMPLAINT_RETENTION_DAYS / 365)),
            "breadcrumb": _breadcrumb((_("File a complaint"), None)),
        },
        status=status,
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_complaint_form(request, ComplaintForm())
    files_chosen = any(request.FILES.getlist("attachments"))
    form = ComplaintForm(request.POST, request.FILES)
    # Every attempt counts towards the rate limit (ombudsman.throttling): a valid one with its receipt number.
    if form.is_valid():
        try:
            submitted = services.complaint_submit(
                **form.service_arguments(),
                language=get_language() or settings.LANGUAGE_CODE,
                request=request,
                rate_limit=throttling.submission_hit(request),
            )
        except RateLimitExceeded:
            return _render_rate_limited(request, files_chosen)
        except ValidationError as error:
            if throttling.submission_refused(request):
                return _render_rate_limited(request, files_chosen)
            add_service_errors(form, error)
        except OSError:
            # The file store is full or unavailable (ENOSPC, EDQUOT, EIO …): the submission was rolled back.
            # Keep everything typed and say what to do; nothing about the server's disks.
            logger.exception("complaint attachments could not be stored")
            form.add_error(
                "attachments",
                _(
                    "Your files could not be stored just now, so the complaint was not sent yet. Everything you "
                    "typed is kept below: send it again without the files, or try again later."
                ),
            )
            return _render_complaint_form(request, form, status=503, attachments_lost=True)
        else:
            response = _see_other(reverse("ombudsman:complaint-receipt"))
            citizen_cookies.receipt_give(
                response,
                receipt_code=submitted.complaint.receipt_code,
                secret_key=submitted.secret_key,
                emailed=bool(submitted.complaint.complainant_email),
            )
            return response
    elif throttling.submission_refused(request):
        return _render_rate_limited(request, files_chosen)
    return _render_complaint_form(request, form, attachments_lost=files_chosen)


def _render_rate_limited(request: HttpRequest, files_chosen: bool) -> HttpResponse:
    """What was typed, kept as a blank form's initial values (no errors: the form was not the problem)."""
    form = ComplaintForm(initial=initial_from_data(ComplaintForm, request.POST))
    return _render_complaint_form(request, form, status=429, attachments_lost=files_chosen, rate_limited=True)


@login_not_required
@never_cache
@require_GET
def complaint_receipt(request: HttpRequest) -> HttpResponse:
    """The receipt code and secret key, shown once: a reload no longer shows the key."""
    receipt = citizen_cookies.receipt_read(request)
    response = render(
        request,
        "ombudsman/public/complaint_receipt.html",
        {"receipt": receipt, "breadcrumb": _breadcrumb((_("Complaint received"), None))},
    )
    citizen_cookies.receipt_forget(response)
    return response


# ---------------------------------------------------------------- tracking


def _render_track_form(request, form, *, status=200, rate_limited=False):
    return render(
        request,
        "ombudsman/public/complaint_track.html",
        {"form": form, "rate_limited": rate_limited, "breadcrumb": _breadcrumb((_("Track a complaint"), None))},
        status=status,
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def complaint_track(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_track_form(request, TrackForm())
    form = TrackForm(request.POST)
    if throttling.tracking_blocked(request):
        form = TrackForm(initial={"receipt_code": request.POST.get("receipt_code", "")})
        return _render_track_form(request, form, status=429, rate_limited=True)
    if not form.is_valid():
        form.forget_secret_key()
        return _render_track_form(request, form)
    complaint = selectors.complaint_for_citizen(
        receipt_code=form.cleaned_data["receipt_code"], secret_key=form.cleaned_data["secret_key"]
    )
    if complaint is None:
        throttling.tracking_failed(request)
        form.add_error(None, TRACK_FAILED)
        form.forget_secret_key()
        return _render_track_form(request, form)
    response = _see_other(reverse("ombudsman:complaint-status"))
    citizen_cookies.tracking_give(response, complaint_id=complaint.pk)
    return response


def _tracked_complaint(request: HttpRequest):
    return selectors.complaint_for_tracking_session(pk=citizen_cookies.tracked_complaint_id(request))


def _has_survey(complaint) -> bool:
    try:
        return complaint.satisfaction is not None
    except SatisfactionSurvey.DoesNotExist:
        return False


def _render_status(request, complaint, *, survey_form=None, status=200):
    can_survey = complaint.status == CaseStatus.CLOSED and not _has_survey(complaint)
    timeline = selectors.public_timeline(complaint)
    return render(
        request,
        "ombudsman/public/complaint_status.html",
        {
            "complaint": complaint,
            "posted_form": survey_form,
            "status_label": CaseStatus(complaint.status).label,
            "status_text": workflow.PUBLIC_STATUS_LABELS.get(complaint.status, ""),
            "timeline": timeline,
            "recommendations": selectors.public_recommendations(complaint, timeline),
            "can_add_information": complaint.is_open,
            "can_withdraw": complaint.status in workflow.WITHDRAWABLE_STATUSES,
            "survey_form": (survey_form or SurveyForm()) if can_survey else None,
            "survey_answered": complaint.status == CaseStatus.CLOSED and not can_survey,
            "breadcrumb": _status_breadcrumb(complaint),
        },
        status=status,
    )


def _status_breadcrumb(complaint, *more):
    return _breadcrumb(
        (_("Track a complaint"), reverse("ombudsman:complaint-track")),
        (complaint.receipt_code, reverse("ombudsman:complaint-status") if more else None),
        *more,
    )


def _render_action(request, complaint, template: str, form, title: str, *, attachments_lost=False):
    """One action on the complaint (add information, withdraw), on a page of its own."""
    return render(
        request,
        template,
        {
            "complaint": complaint,
            "form": form,
            "attachments_lost": attachments_lost,
            "breadcrumb": _status_breadcrumb(complaint, (title, None)),
        },
    )


def _no_complaint_redirect(request: HttpRequest) -> HttpResponse:
    """Back to the look-up form; a stale tracking cookie (expired, anonymised case) is removed."""
    response = _see_other(reverse("ombudsman:complaint-track"))
    citizen_cookies.tracking_end(response)
    return response


@login_not_required
@never_cache
@require_GET
def complaint_status(request: HttpRequest) -> HttpResponse:
    complaint = _tracked_complaint(request)
    if complaint is None:
        return _no_complaint_redirect(request)
    return _render_status(request, complaint)


def _back_to_status(request: HttpRequest, message: str) -> HttpResponse:
    messages.success(request, message)
    return _see_other(reverse("ombudsman:complaint-status"))


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def complaint_add_information(request: HttpRequest) -> HttpResponse:
    complaint = _tracked_complaint(request)
    if complaint is None:
        return _no_complaint_redirect(request)
    title = _("Add information")
    template = "ombudsman/public/complaint_add_information.html"
    if request.method != "POST":
        if not complaint.is_open:
            return _see_other(reverse("ombudsman:complaint-status"))
        return _render_action(request, complaint, template, AddInformationForm(), title)
    form = AddInformationForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.complaint_add_information(
                complaint=complaint,
                text=form.cleaned_data["text"],
                attachments=form.cleaned_data["attachments"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _back_to_status(request, _("Thank you. Your information has been added to the complaint."))
    attachments_lost = bool(request.FILES.getlist("add-attachments"))
    return _render_action(request, complaint, template, form, title, attachments_lost=attachments_lost)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def complaint_withdraw(request: HttpRequest) -> HttpResponse:
    complaint = _tracked_complaint(request)
    if complaint is None:
        return _no_complaint_redirect(request)
    title = _("Withdraw the complaint")
    template = "ombudsman/public/complaint_withdraw.html"
    if request.method != "POST":
        if complaint.status not in workflow.WITHDRAWABLE_STATUSES:
            return _see_other(reverse("ombudsman:complaint-status"))
        return _render_action(request, complaint, template, WithdrawForm(), title)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_withdraw(complaint=complaint, reason=form.cleaned_data["reason"], request=request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _back_to_status(request, _("Your complaint has been withdrawn."))
    return _render_action(request, complaint, template, form, title)


@login_not_required
@never_cache
@require_POST
def complaint_survey(request: HttpRequest) -> HttpResponse:
    complaint = _tracked_complaint(request)
    if complaint is None:
        return _no_complaint_redirect(request)
    form = SurveyForm(request.POST)
    if form.is_valid():
        try:
            services.survey_submit(complaint=complaint, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _back_to_status(request, _("Thank you for answering the satisfaction survey."))
    return _render_status(request, complaint, survey_form=form)


@login_not_required
@require_POST
def complaint_track_end(request: HttpRequest) -> HttpResponse:
    """Forget the complaint on this device (e.g. on a shared computer)."""
    messages.info(request, _("The complaint has been closed on this device."))
    response = _see_other(reverse("home"))
    citizen_cookies.tracking_end(response)
    return response


# ---------------------------------------------------------------- statistics


@login_not_required
@require_GET
def public_statistics(request: HttpRequest) -> HttpResponse:
    form = StatisticsYearForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else None
    statistics = selectors.case_statistics(public=True, year=year)
    return render(
        request,
        "ombudsman/public/statistics.html",
        {
            "form": form,
            "statistics": statistics,
            "year": year,
            "breadcrumb": _breadcrumb((_("Complaint statistics"), None)),
        },
    )
