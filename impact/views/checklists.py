"""Checklist templates: versioned per subject type, managed by the office.

Staff read every version; the public reads the versions in use. A draft can change (criteria
added, edited, deleted) until it is published, which retires the version in use before; published
and retired versions are frozen and offer "make a new version" instead.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from humanrights_portal.core import permissions
from humanrights_portal.core.forms import add_service_errors
from impact import selectors, services
from impact.forms import checklists as forms
from impact.models import ChecklistCriterion, ChecklistTemplate, SubjectType

PAGE_SIZE = 25


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _require_manager(request: HttpRequest) -> None:
    if not permissions.can_manage_checklists(request.user):
        raise PermissionDenied


def _crumb() -> tuple[str, str]:
    return (_("Assessment checklists"), reverse("impact:template-list"))


def _get_template(request: HttpRequest, pk: int) -> ChecklistTemplate:
    try:
        return selectors.template_get(user=request.user, pk=pk)
    except ChecklistTemplate.DoesNotExist:
        raise Http404 from None


def _get_criterion(request: HttpRequest, pk: int) -> ChecklistCriterion:
    try:
        return selectors.criterion_get(user=request.user, pk=pk)
    except ChecklistCriterion.DoesNotExist:
        raise Http404 from None


def _sections(template: ChecklistTemplate) -> list[tuple[str, list[ChecklistCriterion]]]:
    """The criteria grouped by section, sections in the order of their first criterion."""
    sections: dict[str, list[ChecklistCriterion]] = {}
    for criterion in template.criteria.all():
        sections.setdefault(criterion.section, []).append(criterion)
    return list(sections.items())


# ---------------------------------------------------------------- list and detail


@login_not_required
@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    is_staff = permissions.can_view_impact_assessments(user)
    data = request.GET.copy()
    data.pop("page", None)
    if not is_staff:
        data.pop("state", None)
    form = forms.template_filter_form(data, public=not is_staff)
    context = {
        "form": form,
        "is_staff": is_staff,
        "can_manage": permissions.can_manage_checklists(user),
        "breadcrumb": [(_("Assessment checklists"), None)],
    }
    try:
        queryset = selectors.template_list(user=user, filters=data)
    except selectors.InvalidFilters:
        form.is_valid()
        return render(request, "impact/template_list.html", {**context, "invalid": True}, status=400)
    paginator = Paginator(queryset, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    page_range = list(paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))
    context.update(page_obj=page_obj, page_range=page_range, templates=page_obj.object_list)
    return render(request, "impact/template_list.html", context)


def _render_detail(
    request: HttpRequest, template: ChecklistTemplate, *, status: int = 200, action_error: str | None = None
) -> HttpResponse:
    can_manage = permissions.can_manage_checklists(request.user)
    sections = _sections(template)
    context = {
        "template": template,
        "sections": sections,
        "criterion_count": sum(len(criteria) for _section, criteria in sections),
        "can_manage": can_manage,
        "can_edit": can_manage and template.is_editable,
        "in_use": services.published_template(template.subject_type) if can_manage and template.is_editable else None,
        "action_error": action_error,
        "breadcrumb": [_crumb(), (f"{template.title} v{template.version}", None)],
    }
    return render(request, "impact/template_detail.html", context, status=status)


@login_not_required
@require_GET
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_template(request, pk))


# ---------------------------------------------------------------- creating and editing versions


def _template_form_page(request, *, form, template=None, status=200) -> HttpResponse:
    if template is None:
        title = _("New checklist version")
        action = reverse("impact:template-create")
        crumbs = [_crumb(), (title, None)]
    else:
        title = _("Edit the checklist")
        action = reverse("impact:template-edit", args=[template.pk])
        crumbs = [_crumb(), (f"{template.title} v{template.version}", template.get_absolute_url()), (title, None)]
    context = {"form": form, "template": template, "action": action, "page_title": title, "breadcrumb": crumbs}
    return render(request, "impact/template_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def template_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    templates = selectors.template_list(user=request.user)
    if request.method == "GET":
        initial = {}
        if request.GET.get("subject_type") in SubjectType.values:
            initial["subject_type"] = request.GET["subject_type"]
        copy_from = request.GET.get("copy_from", "")
        if copy_from.isdigit():
            source = next((row for row in templates if row.pk == int(copy_from)), None)
            if source is not None:
                initial.update(copy_from=source.pk, subject_type=source.subject_type, title=source.title)
        form = forms.TemplateCreateForm(initial=initial, templates=templates)
        return _template_form_page(request, form=form)
    form = forms.TemplateCreateForm(request.POST, templates=templates)
    if form.is_valid():
        try:
            template = services.template_create(actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Version %(version)s has been created as a draft. Add or change its criteria, then publish it.")
                % {"version": template.version},
            )
            return _see_other(template.get_absolute_url())
    return _template_form_page(request, form=form, status=400)


@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    template = _get_template(request, pk)
    if not template.is_editable:
        messages.error(request, _("A checklist in use or retired cannot change; make a new version instead."))
        return redirect(template.get_absolute_url())
    if request.method == "GET":
        form = forms.TemplateEditForm(initial=forms.TemplateEditForm.initial_for(template))
        return _template_form_page(request, form=form, template=template)
    form = forms.TemplateEditForm(request.POST)
    if form.is_valid():
        try:
            services.template_update(template=template, actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The checklist has been saved."))
            return _see_other(template.get_absolute_url())
    return _template_form_page(request, form=form, template=template, status=400)


@require_POST
def template_publish(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    template = _get_template(request, pk)
    try:
        services.template_publish(template=template, actor=request.user, request=request)
    except ValidationError as error:
        return _render_detail(request, template, status=400, action_error=" ".join(error.messages))
    messages.success(
        request,
        _("Version %(version)s is now in use for new assessments; the version used before is retired.")
        % {"version": template.version},
    )
    return _see_other(template.get_absolute_url())


# ---------------------------------------------------------------- criteria


def _criterion_form_page(request, *, template, form, criterion=None, status=200) -> HttpResponse:
    if criterion is None:
        title = _("New criterion")
        action = reverse("impact:criterion-create", args=[template.pk])
    else:
        title = _("Edit criterion %(number)s") % {"number": criterion.number}
        action = reverse("impact:criterion-edit", args=[criterion.pk])
    context = {
        "form": form,
        "template": template,
        "criterion": criterion,
        "action": action,
        "page_title": title,
        "sections": [section for section, _criteria in _sections(template)],
        "breadcrumb": [_crumb(), (f"{template.title} v{template.version}", template.get_absolute_url()), (title, None)],
    }
    return render(request, "impact/criterion_form.html", context, status=status)


def _refuse_frozen(request: HttpRequest, template: ChecklistTemplate) -> HttpResponse | None:
    if template.is_editable:
        return None
    messages.error(request, _("A checklist in use or retired cannot change; make a new version instead."))
    return redirect(template.get_absolute_url())


@require_http_methods(["GET", "POST"])
def criterion_create(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    template = _get_template(request, pk)
    if (refused := _refuse_frozen(request, template)) is not None:
        return refused
    if request.method == "GET":
        return _criterion_form_page(request, template=template, form=forms.CriterionForm())
    form = forms.CriterionForm(request.POST)
    if form.is_valid():
        try:
            criterion = services.criterion_save(
                template=template, actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Criterion %(number)s has been added.") % {"number": criterion.number})
            return _see_other(f"{template.get_absolute_url()}#criterion-{criterion.pk}")
    return _criterion_form_page(request, template=template, form=form, status=400)


@require_http_methods(["GET", "POST"])
def criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    criterion = _get_criterion(request, pk)
    template = _get_template(request, criterion.template_id)
    if (refused := _refuse_frozen(request, template)) is not None:
        return refused
    if request.method == "GET":
        form = forms.CriterionForm(criterion=criterion)
        return _criterion_form_page(request, template=template, form=form, criterion=criterion)
    form = forms.CriterionForm(request.POST)
    if form.is_valid():
        try:
            services.criterion_save(
                template=template, actor=request.user, instance=criterion, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The criterion has been saved."))
            return _see_other(f"{template.get_absolute_url()}#criterion-{criterion.pk}")
        criterion = _get_criterion(request, pk)  # a failed save may have changed the instance in memory
    return _criterion_form_page(request, template=template, form=form, criterion=criterion, status=400)


@require_POST
def criterion_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    criterion = _get_criterion(request, pk)
    template = _get_template(request, criterion.template_id)
    number = criterion.number
    try:
        services.criterion_delete(criterion=criterion, actor=request.user, request=request)
    except ValidationError as error:
        return _render_detail(request, template, status=400, action_error=" ".join(error.messages))
    messages.success(request, _("Criterion %(number)s has been deleted.") % {"number": number})
    return _see_other(template.get_absolute_url())
