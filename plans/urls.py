"""Pages of the plans app: plans and tasks (public once adopted), annual reporting, the committee."""

from django.urls import path

from plans.views import committee, follow_ups, plans, reporting

app_name = "plans"

urlpatterns = [
    # Plans, areas and tasks (public pages; staff see drafts and get the editing actions).
    path("plans/", plans.plan_list, name="plan-list"),
    path("plans/new/", plans.plan_create, name="plan-create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/adopt/", plans.plan_adopt, name="plan-adopt"),
    path("plans/<int:pk>/complete/", plans.plan_complete, name="plan-complete"),
    path("plans/<int:pk>/document/", plans.plan_document, name="plan-document"),
    path("plans/<int:pk>/areas/new/", plans.area_create, name="area-create"),
    path("plans/areas/<int:pk>/edit/", plans.area_edit, name="area-edit"),
    path("plans/<int:pk>/tasks/new/", plans.task_create, name="task-create"),
    path("plans/tasks/", plans.task_list, name="task-list"),
    path("plans/tasks/<int:pk>/", plans.task_detail, name="task-detail"),
    path("plans/tasks/<int:pk>/edit/", plans.task_edit, name="task-edit"),
    # Annual reporting.
    path("plans/reporting/", reporting.reporting, name="reporting"),
    path("plans/<int:pk>/rounds/new/", reporting.round_open, name="round-open"),
    path("plans/rounds/<int:pk>/", reporting.round_detail, name="round-detail"),
    path("plans/rounds/<int:pk>/close/", reporting.round_close, name="round-close"),
    path(
        "plans/rounds/<int:pk>/departments/<slug:code>/",
        reporting.department_records,
        name="department-records",
    ),
    path("plans/records/<int:pk>/review/", reporting.record_review, name="record-review"),
    path("plans/records/<int:pk>/attachments/", reporting.record_attachments_add, name="record-attachments-add"),
    path(
        "plans/records/<int:pk>/attachments/<int:attachment_id>/",
        reporting.record_attachment,
        name="record-attachment",
    ),
    path("plans/<int:pk>/import/", reporting.task_import, name="task-import"),
    path("plans/<int:pk>/report/<int:year>/export/", reporting.annual_report_export, name="annual-report-export"),
    # The human rights committee.
    path("plans/committees/", committee.committee_list, name="committee-list"),
    path("plans/committees/<int:pk>/", committee.committee_detail, name="committee-detail"),
    path("plans/committees/<int:pk>/members/new/", committee.member_create, name="member-create"),
    path("plans/members/<int:pk>/edit/", committee.member_edit, name="member-edit"),
    path("plans/committees/<int:pk>/meetings/new/", committee.meeting_create, name="meeting-create"),
    path("plans/meetings/<int:pk>/", committee.meeting_detail, name="meeting-detail"),
    path("plans/opinions/", committee.opinion_list, name="opinion-list"),
    path("plans/opinions/new/", committee.opinion_create, name="opinion-create"),
    path("plans/opinions/<int:pk>/reply/", committee.opinion_reply, name="opinion-reply"),
    # The closed loop: recommendations and findings followed up by plan tasks.
    path("plans/follow-ups/new/", follow_ups.follow_up_create, name="follow-up-create"),
    path("plans/follow-ups/<int:pk>/delete/", follow_ups.follow_up_delete, name="follow-up-delete"),
]
