"""Placeholder: replaced by the helper who builds these pages."""

from django.http import HttpResponse


def report_index(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def annual_report(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def annual_report_pdf(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def open_data(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def open_data_download(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)
