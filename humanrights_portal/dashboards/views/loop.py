"""Placeholder: replaced by the helper who builds these pages."""

from django.http import HttpResponse


def sdg_list(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def sdg_detail(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)
