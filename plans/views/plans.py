"""Plan and task pages: public once a plan is adopted; the office gets the editing forms and actions.

Reads go through ``plans.selectors`` (already scoped to what the user may see: no drafts and only
confirmed records for the public), writes through ``plans.services``; who may do what is decided by
``core.permissions``. Every page works without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from humanrights_portal.core import permissions
from humanrights_portal.core.forms import ACCEPTED_EXTENSIONS, add_service_errors
from plans import selectors, services
from plans.forms import plans as forms
from plans.models import BasePlan, PlanArea, PlanStatus, PolicyTask

PAGE_SIZE = 25


# ---------------------------------------------------------------- helpers


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _require_manager(request: HttpRequest) -> None:
    if not permissions.can_manage_plans(request.user):
        raise PermissionDenied


def _get_plan(request: HttpRequest, pk: int) -> BasePlan:
    try:
        return selectors.plan_get(user=request.user, pk=pk)
    except BasePlan.DoesNotExist:
        raise Http404 from None


def _get_task(request: HttpRequest, pk: int) -> PolicyTask:
    try:
        return selectors.task_get(user=request.user, pk=pk)
    except PolicyTask.DoesNotExist:
        raise Http404 from None


def _get_area(request: HttpRequest, pk: int) -> PlanArea:
    try:
        return selectors.area_get(user=request.user, pk=pk)
    except PlanArea.DoesNotExist:
        raise Http404 from None


def _page(queryset, number: str | None):
    paginator = Paginator(queryset, PAGE_SIZE)
    page_obj = paginator.get_page(number)
    page_range = list(paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))
    return page_obj, page_range


def _plans_crumb() -> tuple[str, str]:
    return (_("Human rights plans"), reverse("plans:plan-list"))


# ---------------------------------------------------------------- plan list and detail


@login_not_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    data = request.GET.copy()
    data.pop("page", None)
    form = forms.plan_filter_form(data, show_drafts=permissions.can_view_draft_plans(user))
    context = {
        "form": form,
        "can_manage": permissions.can_manage_plans(user),
        "breadcrumb": [(_("Human rights plans"), None)],
    }
    try:
        queryset = selectors.plan_list(user=user, filters=data).order_by("-start_year", "title", "pk")
    except selectors.InvalidFilters:
        form.is_valid()
        return render(request, "plans/plan_list.html", {**context, "invalid": True}, status=400)
    page_obj, page_range = _page(queryset, request.GET.get("page"))
    context.update(page_obj=page_obj, page_range=page_range, plans=page_obj.object_list)
    return render(request, "plans/plan_list.html", context)


def _render_plan_detail(
    request: HttpRequest,
    plan: BasePlan,
    *,
    status: int = 200,
    adopt_form=None,
    document_form=None,
    action_error: str | None = None,
) -> HttpResponse:
    user = request.user
    can_manage = permissions.can_manage_plans(user)
    year_form = forms.PlanYearForm(request.GET if "year" in request.GET else None, plan=plan)
    if year_form.is_bound and not year_form.is_valid():
        year, progress = None, None
        status = 400
    else:
        if year_form.is_bound:
            year = year_form.cleaned_data["year"]
        else:
            latest = selectors.plan_latest_record_year(user=user, plan=plan)
            year = latest if latest in plan.years else plan.start_year
            year_form = forms.PlanYearForm(initial={"year": year}, plan=plan)
        progress = selectors.plan_progress(user=user, plan=plan, year=year)
    tasks_by_area: dict[int, list[PolicyTask]] = {}
    for task in selectors.task_list(user=user).filter(area__plan=plan):
        tasks_by_area.setdefault(task.area_id, []).append(task)
    areas = [(area, tasks_by_area.get(area.pk, [])) for area in plan.areas.all()]
    context = {
        "plan": plan,
        "year": year,
        "year_form": year_form,
        "progress": progress,
        "areas": areas,
        "task_count": sum(len(tasks) for tasks in tasks_by_area.values()),
        "can_manage": can_manage,
        "can_write_opinion": permissions.can_write_review_opinions(user),
        "is_draft": plan.status == PlanStatus.DRAFT,
        "is_adopted": plan.status == PlanStatus.ADOPTED,
        "adopt_form": adopt_form or (forms.AdoptForm() if can_manage and plan.status == PlanStatus.DRAFT else None),
        "document_form": document_form or (forms.PlanDocumentForm() if can_manage else None),
        "action_error": action_error,
        "breadcrumb": [_plans_crumb(), (plan.title, None)],
    }
    return render(request, "plans/plan_detail.html", context, status=status)


@login_not_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_plan_detail(request, _get_plan(request, pk))


@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    context = {"plan": None, "breadcrumb": [_plans_crumb(), (_("New plan"), None)]}
    if request.method == "GET":
        form = forms.PlanForm(initial={"area_kind": "area"})
        return render(request, "plans/plan_form.html", {**context, "form": form})
    form = forms.PlanForm(request.POST)
    if form.is_valid():
        try:
            plan = services.plan_create(actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan has been created."))
            return _see_other(plan.get_absolute_url())
    return render(request, "plans/plan_form.html", {**context, "form": form}, status=400)


@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    plan = _get_plan(request, pk)
    context = {
        "plan": plan,
        "breadcrumb": [_plans_crumb(), (plan.title, plan.get_absolute_url()), (_("Edit"), None)],
    }
    if request.method == "GET":
        form = forms.PlanForm(initial=forms.PlanForm.initial_for(plan))
        return render(request, "plans/plan_form.html", {**context, "form": form})
    form = forms.PlanForm(request.POST)
    if form.is_valid():
        try:
            services.plan_update(plan=plan, actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan has been saved."))
            return _see_other(plan.get_absolute_url())
    return render(request, "plans/plan_form.html", {**context, "form": form}, status=400)


@require_POST
def plan_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    plan = _get_plan(request, pk)
    form = forms.AdoptForm(request.POST)
    if form.is_valid():
        try:
            services.plan_adopt(
                plan=plan, actor=request.user, adopted_on=form.cleaned_data["adopted_on"], request=request
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan has been adopted. It is now public."))
            return _see_other(plan.get_absolute_url())
    return _render_plan_detail(request, plan, status=400, adopt_form=form)


@require_POST
def plan_complete(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    plan = _get_plan(request, pk)
    try:
        services.plan_complete(plan=plan, actor=request.user, request=request)
    except ValidationError as error:
        return _render_plan_detail(request, plan, status=400, action_error=" ".join(error.messages))
    messages.success(request, _("The plan has been marked as completed."))
    return _see_other(plan.get_absolute_url())


# ---------------------------------------------------------------- areas


def _area_form_page(request, *, plan, area, form, status=200) -> HttpResponse:
    action = reverse("plans:area-edit", args=[area.pk]) if area else reverse("plans:area-create", args=[plan.pk])
    title = _("Edit area") if area else _("New area")
    context = {
        "plan": plan,
        "area": area,
        "form": form,
        "action": action,
        "page_title": title,
        "breadcrumb": [_plans_crumb(), (plan.title, plan.get_absolute_url()), (title, None)],
    }
    return render(request, "plans/area_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def area_create(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    plan = _get_plan(request, pk)
    if request.method == "GET":
        next_number = max((area.number for area in plan.areas.all()), default=0) + 1
        return _area_form_page(request, plan=plan, area=None, form=forms.AreaForm(initial={"number": next_number}))
    form = forms.AreaForm(request.POST)
    if form.is_valid():
        try:
            services.area_save(plan=plan, actor=request.user, create=True, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The area has been added."))
            return _see_other(plan.get_absolute_url() + "#areas-title")
    return _area_form_page(request, plan=plan, area=None, form=form, status=400)


@require_http_methods(["GET", "POST"])
def area_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    area = _get_area(request, pk)
    plan = area.plan
    if request.method == "GET":
        initial = {"number": area.number, "title": area.title, "description": area.description}
        return _area_form_page(request, plan=plan, area=area, form=forms.AreaForm(initial=initial))
    form = forms.AreaForm(request.POST)
    if form.is_valid():
        try:
            services.area_save(plan=plan, actor=request.user, area=area, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The area has been saved."))
            return _see_other(plan.get_absolute_url() + f"#area-{area.pk}")
        area = _get_area(request, pk)  # the failed save changed the instance in memory
    return _area_form_page(request, plan=plan, area=area, form=form, status=400)


# ---------------------------------------------------------------- tasks


@login_not_required
@require_GET
def task_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    data = request.GET.copy()
    data.pop("page", None)
    plans = list(selectors.plan_list(user=user).order_by("-start_year", "title", "pk"))
    plan_id = data.get("plan", "")
    areas = None
    chosen = next((plan for plan in plans if str(plan.pk) == plan_id), None)
    if chosen is not None:
        areas = list(chosen.areas.order_by("number"))
    form = forms.task_filter_form(data, plans=plans, areas=areas)
    context = {
        "form": form,
        "query": data.urlencode(),
        "breadcrumb": [_plans_crumb(), (_("Policy tasks"), None)],
    }
    try:
        queryset = selectors.task_list(user=user, filters=data)
    except selectors.InvalidFilters:
        form.is_valid()
        return render(request, "plans/task_list.html", {**context, "invalid": True}, status=400)
    page_obj, page_range = _page(queryset, request.GET.get("page"))
    context.update(page_obj=page_obj, page_range=page_range, tasks=page_obj.object_list)
    return render(request, "plans/task_list.html", context)


@login_not_required
@require_GET
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    task = _get_task(request, pk)
    plan = task.area.plan
    context = {
        "task": task,
        "plan": plan,
        "records": task.records.all(),
        "budgets": task.budgets.all(),
        "is_staff": permissions.is_staff_member(user),
        "can_manage": permissions.can_manage_plans(user),
        "can_write_opinion": permissions.can_write_review_opinions(user),
        "can_edit_records": permissions.can_edit_task_record(user, task),
        "accepted_extensions": ACCEPTED_EXTENSIONS,
        "breadcrumb": [_plans_crumb(), (plan.title, plan.get_absolute_url()), (task.code, None)],
    }
    return render(request, "plans/task_detail.html", context)


def _task_form_page(request, *, plan, task, form, status=200) -> HttpResponse:
    action = reverse("plans:task-edit", args=[task.pk]) if task else reverse("plans:task-create", args=[plan.pk])
    title = _("Edit task") if task else _("New task")
    crumbs = [_plans_crumb(), (plan.title, plan.get_absolute_url())]
    if task:
        crumbs.append((task.code, task.get_absolute_url()))
    context = {
        "plan": plan,
        "task": task,
        "form": form,
        "action": action,
        "page_title": title,
        "breadcrumb": [*crumbs, (title, None)],
    }
    return render(request, "plans/task_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    plan = _get_plan(request, pk)
    if request.method == "GET":
        initial = {"area": request.GET.get("area")} if request.GET.get("area", "").isdigit() else {}
        return _task_form_page(request, plan=plan, task=None, form=forms.TaskForm(plan=plan, initial=initial))
    form = forms.TaskForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            task = services.task_save(actor=request.user, request=request, **form.service_arguments())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The task has been added."))
            return _see_other(task.get_absolute_url())
    return _task_form_page(request, plan=plan, task=None, form=form, status=400)


@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    task = _get_task(request, pk)
    plan = task.area.plan
    if request.method == "GET":
        return _task_form_page(request, plan=plan, task=task, form=forms.TaskForm(plan=plan, task=task))
    form = forms.TaskForm(request.POST, plan=plan, task=task)
    if form.is_valid():
        try:
            services.task_save(task=task, actor=request.user, request=request, **form.service_arguments())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The task has been saved."))
            return _see_other(task.get_absolute_url())
        task = _get_task(request, pk)  # the failed save changed the instance in memory
    return _task_form_page(request, plan=plan, task=task, form=form, status=400)


@login_not_required
@require_http_methods(["GET", "POST"])
def plan_document(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the plan's document (public once the plan is adopted). POST: the office attaches or replaces it."""
    plan = _get_plan(request, pk)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        _require_manager(request)
        form = forms.PlanDocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.plan_document_attach(
                    plan=plan, actor=request.user, upload=form.cleaned_data["document"], request=request
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The plan document has been attached."))
                return _see_other(plan.get_absolute_url())
        return _render_plan_detail(request, plan, document_form=form, status=400)
    if not plan.document:
        raise Http404
    try:
        handle = plan.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = plan.document.name.rsplit(".", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=f"{plan.title}.{extension}")
    response["X-Content-Type-Options"] = "nosniff"
    return response
