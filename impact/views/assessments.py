"""Placeholder: replaced by the helper who builds these pages."""

from django.http import HttpResponse


def assessment_list(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def assessment_export(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def figures(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def assessment_request(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def assessment_edit(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)
