"""``/api/v1/`` endpoints of the plans app."""

from django.urls import path

from plans.api import views

urlpatterns = [
    # Plans, areas and tasks (public reads).
    path("plans/", views.PlanListView.as_view(), name="api-plan-list"),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="api-plan-detail"),
    path("plans/<int:pk>/progress/", views.PlanProgressView.as_view(), name="api-plan-progress"),
    path("plans/<int:pk>/adopt/", views.PlanAdoptView.as_view(), name="api-plan-adopt"),
    path("plans/<int:pk>/complete/", views.PlanCompleteView.as_view(), name="api-plan-complete"),
    path("plans/<int:pk>/rounds/", views.PlanRoundOpenView.as_view(), name="api-plan-round-open"),
    path("plan-areas/", views.AreaListView.as_view(), name="api-plan-area-list"),
    path("tasks/", views.TaskListView.as_view(), name="api-task-list"),
    path("tasks/<int:pk>/", views.TaskDetailView.as_view(), name="api-task-detail"),
    # Annual reporting.
    path("annual-records/", views.RecordListView.as_view(), name="api-record-list"),
    path("annual-records/<int:pk>/", views.RecordDetailView.as_view(), name="api-record-detail"),
    path("annual-records/<int:pk>/submit/", views.RecordSubmitView.as_view(), name="api-record-submit"),
    path("annual-records/<int:pk>/confirm/", views.RecordConfirmView.as_view(), name="api-record-confirm"),
    path("annual-records/<int:pk>/return/", views.RecordReturnView.as_view(), name="api-record-return"),
    path("reporting-rounds/", views.RoundListView.as_view(), name="api-round-list"),
    path("reporting-rounds/<int:pk>/completion/", views.RoundCompletionView.as_view(), name="api-round-completion"),
    # The human rights committee.
    path("committees/", views.CommitteeListView.as_view(), name="api-committee-list"),
    path("committees/<int:pk>/", views.CommitteeDetailView.as_view(), name="api-committee-detail"),
    path("committees/<int:pk>/meetings/", views.CommitteeMeetingRecordView.as_view(), name="api-meeting-record"),
    path("meetings/", views.MeetingListView.as_view(), name="api-meeting-list"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="api-meeting-detail"),
    path("review-opinions/", views.OpinionListView.as_view(), name="api-opinion-list"),
    path("review-opinions/<int:pk>/reply/", views.OpinionReplyView.as_view(), name="api-opinion-reply"),
    # The closed loop: recommendations and findings followed up by tasks.
    path("tasks/<int:pk>/follow-ups/", views.TaskFollowUpListView.as_view(), name="api-task-follow-ups"),
    path("follow-ups/<int:pk>/", views.FollowUpDetailView.as_view(), name="api-follow-up-detail"),
]

root_routes = [
    ("plans", "api-plan-list"),
    ("plan-areas", "api-plan-area-list"),
    ("tasks", "api-task-list"),
    ("annual-records", "api-record-list"),
    ("reporting-rounds", "api-round-list"),
    ("committees", "api-committee-list"),
    ("meetings", "api-meeting-list"),
    ("review-opinions", "api-opinion-list"),
]
