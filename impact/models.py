"""Human rights impact assessments of ordinances, regulations, policies, public buildings and events.

request → assessment with the checklist of the subject type → findings and recommendations →
the department's response → outcome (revised / partially revised / not revised) → committee
review → closed (``workflow.py``). Checklists are versioned templates managed by the office; an
assessment keeps the version it was answered against. Committee reviews use the committee of the
plans app (``plans.Committee`` and its meetings), so one committee reviews plans and assessments.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from humanrights_portal.core.models import Department, RightCategory, TimeStampedModel, VulnerableGroup
from humanrights_portal.core.storage import PrivateStorage

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class SubjectType(models.TextChoices):
    ORDINANCE = "ordinance", _("Ordinance")
    REGULATION = "regulation", _("Regulation")
    POLICY = "policy", _("Policy or plan")
    BUILDING = "building", _("Public building or facility")
    EVENT = "event", _("Public event")


#: Subject types assessed as legislation (ordinances and regulations share one checklist kind).
LEGISLATION_TYPES = frozenset({SubjectType.ORDINANCE, SubjectType.REGULATION})


class AssessmentStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    IN_ASSESSMENT = "in_assessment", _("In assessment")
    FINDINGS_ISSUED = "findings_issued", _("Findings issued")
    RESPONDED = "responded", _("Department responded")
    OUTCOME_RECORDED = "outcome_recorded", _("Outcome recorded")
    COMMITTEE_REVIEW = "committee_review", _("Committee review")
    CLOSED = "closed", pgettext_lazy("impact assessment status", "Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Outcome(models.TextChoices):
    REVISED = "revised", _("Revised")
    PARTIALLY_REVISED = "partially_revised", _("Partially revised")
    NOT_REVISED = "not_revised", _("Not revised")


class RevisionKind(models.TextChoices):
    NEW = "new", _("New enactment")
    PARTIAL = "partial", _("Partial revision")
    FULL = "full", _("Full revision")


class FacilityUse(models.TextChoices):
    POLLING_STATION = "polling_station", _("Polling station")
    GOVERNMENT_OFFICE = "government_office", _("Government office or community centre")
    WELFARE = "welfare", _("Welfare facility")
    CULTURE_SPORTS = "culture_sports", _("Culture or sports facility")
    PUBLIC_SPACE = "public_space", _("Park or public space")
    OTHER = "other", _("Other facility")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PARTLY = "partly", _("Partly")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class ResponseKind(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTIALLY_ACCEPTED = "partially_accepted", _("Partially accepted")
    REJECTED = "rejected", _("Rejected")


STATUS_LABELS = dict(AssessmentStatus.choices)
SUBJECT_TYPE_LABELS = dict(SubjectType.choices)
OUTCOME_LABELS = dict(Outcome.choices)


# ---------------------------------------------------------------- checklist templates


class ChecklistTemplate(models.Model):
    """One version of the checklist for a subject type. Drafts can change; a published version is
    frozen (assessments answered against it keep it), and publishing retires the previous one."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("In use")
        RETIRED = "retired", _("Retired")

    subject_type = models.CharField(_("subject type"), max_length=20, choices=SubjectType.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["subject_type", "-version"]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        constraints = [
            models.UniqueConstraint(fields=["subject_type", "version"], name="impact_template_version_unique"),
            models.UniqueConstraint(
                fields=["subject_type"],
                condition=models.Q(state="published"),
                name="impact_one_published_template_per_type",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("impact:template-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.state == self.State.DRAFT


class ChecklistCriterion(models.Model):
    """One question of a checklist, grouped under a section (a right or a group of people)."""

    template = models.ForeignKey(
        ChecklistTemplate, verbose_name=_("checklist"), on_delete=models.CASCADE, related_name="criteria"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    section = models.CharField(
        _("section"), max_length=100, help_text=_("The right or group the criterion belongs to, e.g. “Privacy”.")
    )
    text = models.TextField(_("criterion"))
    guidance = models.TextField(_("guidance for the assessor"), blank=True)
    right = models.ForeignKey(
        RightCategory, verbose_name=_("right"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    group = models.ForeignKey(
        VulnerableGroup,
        verbose_name=_("group of people"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["template", "number"]
        verbose_name = _("checklist criterion")
        verbose_name_plural = _("checklist criteria")
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="impact_criterion_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


# ---------------------------------------------------------------- assessments


class AssessmentSequence(models.Model):
    """The last assessment number handed out in a year; incremented atomically (see services)."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("assessment sequence")
        verbose_name_plural = _("assessment sequences")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class AssessmentQuerySet(models.QuerySet):
    def open(self):
        from impact.workflow import OPEN_STATUSES

        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(stage_deadline__lt=today)


class Assessment(TimeStampedModel):
    """The assessment of one subject: an ordinance or regulation, a policy, a building or an event."""

    code = models.CharField(_("reference"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS, db_index=True)
    subject_type = models.CharField(_("subject type"), max_length=20, choices=SubjectType.choices)
    title = models.CharField(_("subject"), max_length=300)
    description = models.TextField(_("what is to be assessed"), blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("responsible department"),
        on_delete=models.PROTECT,
        related_name="impact_assessments",
    )
    # Ordinances and regulations.
    revision_kind = models.CharField(_("new or revised"), max_length=20, choices=RevisionKind.choices, blank=True)
    article_numbers = models.CharField(_("articles concerned"), max_length=200, blank=True)
    legislative_notice_start = models.DateField(_("legislative notice from"), null=True, blank=True)
    legislative_notice_end = models.DateField(_("legislative notice until"), null=True, blank=True)
    # Public buildings and facilities.
    address = models.CharField(_("address"), max_length=300, blank=True)
    facility_use = models.CharField(_("use of the facility"), max_length=30, choices=FacilityUse.choices, blank=True)
    step_free_entrance = models.BooleanField(_("step-free entrance"), null=True, blank=True)
    accessible_toilet = models.BooleanField(_("accessible toilet"), null=True, blank=True)
    lift_or_ramp = models.BooleanField(_("lift or ramp to every public floor"), null=True, blank=True)
    tactile_guidance = models.BooleanField(_("tactile paving and braille signs"), null=True, blank=True)
    accessible_parking = models.BooleanField(_("accessible parking"), null=True, blank=True)
    # Public events.
    event_start = models.DateField(_("event from"), null=True, blank=True)
    event_end = models.DateField(_("event until"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    expected_attendance = models.PositiveIntegerField(_("expected attendance"), null=True, blank=True)

    # Workflow.
    status = models.CharField(
        _("status"), max_length=30, choices=AssessmentStatus.choices, default=AssessmentStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField(_("requested on"), default=timezone.localdate)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="impact_assessments",
    )
    checklist = models.ForeignKey(
        ChecklistTemplate,
        verbose_name=_("checklist"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
    )
    stage_deadline = models.DateField(_("stage deadline"), null=True, blank=True)
    findings_summary = models.TextField(_("summary of the findings"), blank=True)
    findings_issued_on = models.DateField(_("findings issued on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(_("outcome date"), null=True, blank=True)
    outcome_summary = models.TextField(_("what changed"), blank=True)
    public_summary = models.TextField(
        _("public summary"), blank=True, help_text=_("Shown on the public pages once the assessment is closed.")
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    related_tasks = models.ManyToManyField(
        "plans.PolicyTask", verbose_name=_("related plan tasks"), blank=True, related_name="impact_assessments"
    )
    related_recommendations = models.ManyToManyField(
        "ombudsman.Recommendation",
        verbose_name=_("related ombudsman recommendations"),
        blank=True,
        related_name="impact_assessments",
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_on", "-id"]
        verbose_name = _("impact assessment")
        verbose_name_plural = _("impact assessments")
        indexes = [
            models.Index(fields=["year", "subject_type", "outcome"], name="impact_figures"),
            models.Index(fields=["status", "stage_deadline"], name="impact_status_deadline"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(outcome_on__isnull=False), name="impact_outcome_dated"
            ),
            models.CheckConstraint(
                condition=models.Q(legislative_notice_end__isnull=True)
                | models.Q(legislative_notice_start__isnull=True)
                | models.Q(legislative_notice_end__gte=models.F("legislative_notice_start")),
                name="impact_notice_period",
            ),
            models.CheckConstraint(
                condition=models.Q(event_end__isnull=True)
                | models.Q(event_start__isnull=True)
                | models.Q(event_end__gte=models.F("event_start")),
                name="impact_event_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("impact:assessment-detail", args=[self.pk])

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def subject_type_label(self) -> str:
        return SUBJECT_TYPE_LABELS.get(self.subject_type, self.subject_type)

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.outcome, "")

    @property
    def is_overdue(self) -> bool:
        from impact.workflow import OPEN_STATUSES

        return (
            self.status in OPEN_STATUSES
            and self.stage_deadline is not None
            and self.stage_deadline < timezone.localdate()
        )


class CriterionAnswer(models.Model):
    """The assessor's answer to one criterion: yes / no / partly / not applicable, with a note."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="answers"
    )
    criterion = models.ForeignKey(
        ChecklistCriterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="answers"
    )
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["assessment", "criterion__number"]
        verbose_name = _("criterion answer")
        verbose_name_plural = _("criterion answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="impact_one_answer_per_criterion")
        ]
        indexes = [models.Index(fields=["criterion", "answer"], name="impact_answer_failures")]

    def __str__(self) -> str:
        return f"{self.assessment.code} #{self.criterion.number}: {self.answer or '-'}"


class Finding(models.Model):
    """A finding with its recommendation (on one criterion or on the subject overall), and the
    department's response to it."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="findings"
    )
    criterion = models.ForeignKey(
        ChecklistCriterion,
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        help_text=_("Empty for a recommendation on the subject as a whole."),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    finding = models.TextField(_("finding"))
    recommendation = models.TextField(_("recommendation"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    response = models.CharField(_("response"), max_length=20, choices=ResponseKind.choices, blank=True)
    response_reason = models.TextField(_("reason or action taken"), blank=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["assessment", "number"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="impact_finding_number_unique"),
            models.CheckConstraint(
                condition=models.Q(response="") | models.Q(responded_at__isnull=False),
                name="impact_response_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment.code} {self.number}. {self.recommendation[:60]}"


class AssessmentAttachment(models.Model):
    """Evidence for an assessment (site photos, drafts of the ordinance, reports), optionally for
    one criterion."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="attachments"
    )
    criterion = models.ForeignKey(
        ChecklistCriterion,
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    file = models.FileField(_("file"), storage=PrivateStorage(), upload_to="impact/", max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT)
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("assessment attachment")
        verbose_name_plural = _("assessment attachments")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("impact:attachment-download", args=[self.assessment_id, self.pk])


class AssessmentEvent(models.Model):
    """One step of an assessment's history: who moved it, when, and why."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="events"
    )
    occurred_at = models.DateTimeField(_("occurred at"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=30, choices=AssessmentStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=30, choices=AssessmentStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("assessment event")
        verbose_name_plural = _("assessment events")
        indexes = [models.Index(fields=["assessment", "occurred_at"], name="impact_event_history")]

    def __str__(self) -> str:
        return f"{self.assessment.code} → {self.to_status}"

    @property
    def to_status_label(self) -> str:
        return STATUS_LABELS.get(self.to_status, self.to_status)


class CommitteeReview(models.Model):
    """A review opinion of the human rights committee (the plans app's committee) on an assessment."""

    class Conclusion(models.TextChoices):
        AGREED = "agreed", _("Agrees with the outcome")
        FURTHER_ACTION = "further_action", _("Asks for further action")
        NOTED = "noted", _("Noted")

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="reviews"
    )
    committee = models.ForeignKey(
        "plans.Committee", verbose_name=_("committee"), on_delete=models.PROTECT, related_name="impact_reviews"
    )
    meeting = models.ForeignKey(
        "plans.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="impact_reviews",
    )
    conclusion = models.CharField(_("conclusion"), max_length=20, choices=Conclusion.choices)
    text = models.TextField(_("opinion"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT)
    submitted_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("committee review")
        verbose_name_plural = _("committee reviews")

    def __str__(self) -> str:
        return f"{self.assessment.code}: {self.text[:40]}"


FACILITY_USE_LABELS = dict(FacilityUse.choices)
