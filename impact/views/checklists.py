"""Placeholder: replaced by the helper who builds these pages."""

from django.http import HttpResponse


def template_list(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def template_create(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def template_detail(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def template_edit(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def template_publish(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def criterion_create(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def criterion_edit(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def criterion_delete(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)
