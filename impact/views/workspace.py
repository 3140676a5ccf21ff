"""Placeholder: replaced by the helper who builds these pages."""

from django.http import HttpResponse


def assessment_detail(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def assessment_start(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def assessment_assign(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def checklist(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def finding_create(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def finding_edit(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def finding_delete(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def findings_issue(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def respond(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def outcome(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def committee_review_request(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def review_create(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def assessment_close(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def assessment_withdraw(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def attachments_add(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)


def attachment_download(request, *args, **kwargs):
    return HttpResponse("TODO", status=501)
