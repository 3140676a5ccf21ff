"""Placeholder: replaced by the helper who builds these pages."""

from django.http import HttpResponse


def committee_dashboard(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def public_dashboard(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)
