"""Pages of the impact app: public summaries and figures, the assessment workspace, checklists."""

from django.urls import path

from impact.views import assessments, checklists, workspace

app_name = "impact"

urlpatterns = [
    # Lists, requests and the public pages (the public sees closed assessments and the figures).
    path("impact/", assessments.assessment_list, name="assessment-list"),
    path("impact/export/", assessments.assessment_export, name="assessment-export"),
    path("impact/figures/", assessments.figures, name="figures"),
    path("impact/new/", assessments.assessment_request, name="assessment-request"),
    path("impact/<int:pk>/edit/", assessments.assessment_edit, name="assessment-edit"),
    # One assessment: its page, the workspace of the office, the department's response.
    path("impact/<int:pk>/", workspace.assessment_detail, name="assessment-detail"),
    path("impact/<int:pk>/start/", workspace.assessment_start, name="assessment-start"),
    path("impact/<int:pk>/assign/", workspace.assessment_assign, name="assessment-assign"),
    path("impact/<int:pk>/checklist/", workspace.checklist, name="checklist"),
    path("impact/<int:pk>/findings/new/", workspace.finding_create, name="finding-create"),
    path("impact/findings/<int:pk>/edit/", workspace.finding_edit, name="finding-edit"),
    path("impact/findings/<int:pk>/delete/", workspace.finding_delete, name="finding-delete"),
    path("impact/<int:pk>/issue/", workspace.findings_issue, name="findings-issue"),
    path("impact/<int:pk>/respond/", workspace.respond, name="respond"),
    path("impact/<int:pk>/outcome/", workspace.outcome, name="outcome"),
    path("impact/<int:pk>/committee/", workspace.committee_review_request, name="committee-review-request"),
    path("impact/<int:pk>/reviews/new/", workspace.review_create, name="review-create"),
    path("impact/<int:pk>/close/", workspace.assessment_close, name="assessment-close"),
    path("impact/<int:pk>/withdraw/", workspace.assessment_withdraw, name="assessment-withdraw"),
    path("impact/<int:pk>/attachments/", workspace.attachments_add, name="attachments-add"),
    path(
        "impact/<int:pk>/attachments/<int:attachment_id>/",
        workspace.attachment_download,
        name="attachment-download",
    ),
    # Checklist templates (the office; published versions are public).
    path("impact/checklists/", checklists.template_list, name="template-list"),
    path("impact/checklists/new/", checklists.template_create, name="template-create"),
    path("impact/checklists/<int:pk>/", checklists.template_detail, name="template-detail"),
    path("impact/checklists/<int:pk>/edit/", checklists.template_edit, name="template-edit"),
    path("impact/checklists/<int:pk>/publish/", checklists.template_publish, name="template-publish"),
    path("impact/checklists/<int:pk>/criteria/new/", checklists.criterion_create, name="criterion-create"),
    path("impact/criteria/<int:pk>/edit/", checklists.criterion_edit, name="criterion-edit"),
    path("impact/criteria/<int:pk>/delete/", checklists.criterion_delete, name="criterion-delete"),
]
