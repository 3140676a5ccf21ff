"""Human rights basic plans, their areas and policy tasks, the departments' annual implementation
records, and the human rights committee that reviews them.

plan → areas (goals, categories) → policy tasks → annual records (one per task and year).
A record moves draft → submitted → confirmed / returned (``workflow.py``); only the services in
``services.py`` change its review state.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.models import Department, SdgTarget, TimeStampedModel, VulnerableGroup
from humanrights_portal.core.storage import PrivateStorage

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    COMPLETED = "completed", _("Completed")


class AreaKind(models.TextChoices):
    AREA = "area", _("Area")
    GOAL = "goal", _("Goal")
    CATEGORY = "category", _("Category")


class BasePlan(TimeStampedModel):
    """A multi-year human rights basic plan (e.g. Gwangju's 2nd Basic Plan 2018-2022)."""

    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    organisation = models.CharField(
        _("local government"), max_length=100, help_text=_("The city or province whose plan this is.")
    )
    start_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)
    vision = models.TextField(_("vision"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    area_kind = models.CharField(
        _("its parts are called"), max_length=20, choices=AreaKind.choices, default=AreaKind.AREA
    )
    drafting_process = models.TextField(
        _("how it was drafted"),
        blank=True,
        help_text=_("Surveys, expert meetings, consultations, committee review …"),
    )
    document = models.FileField(
        _("plan document"), storage=PrivateStorage(), upload_to="plans/", max_length=200, blank=True
    )

    class Meta:
        ordering = ["-start_year", "title"]
        verbose_name = _("basic plan")
        verbose_name_plural = _("basic plans")
        constraints = [
            models.CheckConstraint(condition=models.Q(end_year__gte=models.F("start_year")), name="plans_plan_period"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(adopted_on__isnull=False),
                name="plans_plan_adopted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan-detail", args=[self.pk])

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    @property
    def is_public(self) -> bool:
        return self.status != PlanStatus.DRAFT


class PlanArea(models.Model):
    """An area, goal or category of a plan (e.g. "promotion of rights of social minorities")."""

    plan = models.ForeignKey(BasePlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("plan area")
        verbose_name_plural = _("plan areas")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plans_area_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class PolicyTask(models.Model):
    """A policy task of a plan, carried out by one responsible department."""

    area = models.ForeignKey(PlanArea, verbose_name=_("area"), on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible_department = models.ForeignKey(
        Department, verbose_name=_("responsible department"), on_delete=models.PROTECT, related_name="plan_tasks"
    )
    cooperating_departments = models.ManyToManyField(
        Department, verbose_name=_("co-operating departments"), blank=True, related_name="cooperating_plan_tasks"
    )
    target_groups = models.ManyToManyField(VulnerableGroup, verbose_name=_("target groups"), blank=True)
    sdg_targets = models.ManyToManyField(SdgTarget, verbose_name=_("SDG targets"), blank=True)
    indicators = models.ManyToManyField(
        "indicators.Indicator", verbose_name=_("indicators that measure it"), blank=True, related_name="plan_tasks"
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["area__plan", "area__number", "order", "code"]
        verbose_name = _("policy task")
        verbose_name_plural = _("policy tasks")
        constraints = [models.UniqueConstraint(fields=["area", "code"], name="plans_task_code_unique_in_area")]
        indexes = [models.Index(fields=["responsible_department"], name="plans_task_department")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:task-detail", args=[self.pk])


class FollowUp(models.Model):
    """A task carrying out an ombudsman recommendation or an impact-assessment finding: the closed
    loop. The task's annual records then track how the recommendation is implemented."""

    task = models.ForeignKey(PolicyTask, verbose_name=_("task"), on_delete=models.CASCADE, related_name="follow_ups")
    recommendation = models.ForeignKey(
        "ombudsman.Recommendation",
        verbose_name=_("ombudsman recommendation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    finding = models.ForeignKey(
        "impact.Finding",
        verbose_name=_("impact assessment finding"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    note = models.TextField(_("how the task takes it up"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("linked by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("linked at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recommendation__isnull=False, finding__isnull=True)
                | models.Q(recommendation__isnull=True, finding__isnull=False),
                name="plans_follow_up_one_source",
            ),
            models.UniqueConstraint(fields=["task", "recommendation"], name="plans_follow_up_recommendation_once"),
            models.UniqueConstraint(fields=["task", "finding"], name="plans_follow_up_finding_once"),
        ]

    def __str__(self) -> str:
        return f"{self.task.code} ← {self.recommendation or self.finding}"

    @property
    def source(self):
        return self.recommendation or self.finding


class TaskBudget(models.Model):
    """The budget a plan foresees for a task in one year (KRW)."""

    task = models.ForeignKey(PolicyTask, verbose_name=_("task"), on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    planned_amount = models.PositiveBigIntegerField(_("planned budget (KRW)"))

    class Meta:
        ordering = ["task", "year"]
        verbose_name = _("planned budget")
        verbose_name_plural = _("planned budgets")
        constraints = [models.UniqueConstraint(fields=["task", "year"], name="plans_budget_one_per_year")]

    def __str__(self) -> str:
        return f"{self.task.code} {self.year}: {self.planned_amount:,}"


class ReportingRound(models.Model):
    """The office opens a reporting year of a plan; departments then file their annual records."""

    plan = models.ForeignKey(BasePlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="rounds")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    due_on = models.DateField(_("due on"))
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "plan"]
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        constraints = [models.UniqueConstraint(fields=["plan", "year"], name="plans_round_one_per_year")]

    def __str__(self) -> str:
        return f"{self.plan} {self.year}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CONFIRMED = "confirmed", _("Confirmed")
    RETURNED = "returned", _("Returned")


class AnnualRecord(models.Model):
    """What a department did on a task in one year, reviewed by the human rights office."""

    task = models.ForeignKey(PolicyTask, verbose_name=_("task"), on_delete=models.CASCADE, related_name="records")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    planned_activities = models.TextField(_("planned activities"), blank=True)
    budget_planned = models.PositiveBigIntegerField(_("budget planned (KRW)"), default=0)
    budget_executed = models.PositiveBigIntegerField(_("budget executed (KRW)"), default=0)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    progress_status = models.CharField(
        _("status"), max_length=20, choices=ProgressStatus.choices, default=ProgressStatus.NOT_STARTED
    )
    narrative = models.TextField(_("what was done"), blank=True)
    review_state = models.CharField(
        _("review"), max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT, db_index=True
    )
    office_comment = models.TextField(_("comment of the human rights office"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, help_text=_("Guards against lost updates."))

    class Meta:
        ordering = ["task", "-year"]
        verbose_name = _("annual record")
        verbose_name_plural = _("annual records")
        constraints = [
            models.UniqueConstraint(fields=["task", "year"], name="plans_record_one_per_year"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="plans_record_progress_percent"),
        ]
        indexes = [models.Index(fields=["year", "review_state"], name="plans_record_year_state")]

    def __str__(self) -> str:
        return f"{self.task.code} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("plans:task-detail", args=[self.task_id]) + f"#record-{self.year}"

    @property
    def is_editable(self) -> bool:
        return self.review_state in (ReviewState.DRAFT, ReviewState.RETURNED)


class RecordAttachment(models.Model):
    """Evidence for an annual record (reports, photos, budget statements)."""

    record = models.ForeignKey(
        AnnualRecord, verbose_name=_("record"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), storage=PrivateStorage(), upload_to="plans/records/", max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT)
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("record attachment")
        verbose_name_plural = _("record attachments")

    def __str__(self) -> str:
        return self.original_name


# ---------------------------------------------------------------- the human rights committee


class Committee(models.Model):
    """A human rights committee (e.g. Gwangju's Human Rights Improvement Citizen Committee)."""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    organisation = models.CharField(_("local government"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    established_year = models.PositiveSmallIntegerField(
        _("established in"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    term_years = models.PositiveSmallIntegerField(_("term of members (years)"), default=2)
    regular_meetings_per_year = models.PositiveSmallIntegerField(_("regular meetings a year"), default=4)

    class Meta:
        ordering = ["name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:committee-detail", args=[self.pk])


class CommitteeMember(models.Model):
    class Role(models.TextChoices):
        CO_CHAIR = "co_chair", _("Co-chair")
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        EX_OFFICIO = "ex_officio", _("Ex-officio member")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    term_start = models.DateField(_("term from"))
    term_end = models.DateField(_("term until"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="committee_memberships",
    )

    class Meta:
        ordering = ["committee", "role", "name"]
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.CheckConstraint(condition=models.Q(term_end__gte=models.F("term_start")), name="plans_member_term")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.term_start <= timezone.localdate() <= self.term_end


class Meeting(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular meeting")
        EXTRAORDINARY = "extraordinary", _("Extraordinary meeting")
        SUB_COMMITTEE = "sub_committee", _("Sub-committee meeting")
        WORKSHOP = "workshop", _("Workshop")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="meetings"
    )
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    title = models.CharField(_("title"), max_length=200)
    minutes = models.TextField(_("minutes"), blank=True)
    attendees = models.ManyToManyField(CommitteeMember, verbose_name=_("attendance"), blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:meeting-detail", args=[self.pk])


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("item"), max_length=300)
    decision = models.TextField(_("decision"), blank=True)

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="plans_agenda_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class ReviewOpinion(models.Model):
    """The committee's opinion on a plan, a task or an annual record, and how the office reflected it."""

    class Reflection(models.TextChoices):
        PENDING = "pending", _("Awaiting reply")
        REFLECTED = "reflected", _("Reflected")
        PARTIALLY_REFLECTED = "partially_reflected", _("Partly reflected")
        NOT_REFLECTED = "not_reflected", _("Not reflected")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="opinions"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
    )
    plan = models.ForeignKey(BasePlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="opinions")
    task = models.ForeignKey(
        PolicyTask, verbose_name=_("task"), on_delete=models.CASCADE, null=True, blank=True, related_name="opinions"
    )
    record = models.ForeignKey(
        AnnualRecord,
        verbose_name=_("annual record"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opinions",
    )
    text = models.TextField(_("opinion"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT)
    submitted_at = models.DateTimeField(_("written at"), default=timezone.now)
    reflection = models.CharField(
        _("reflection"), max_length=30, choices=Reflection.choices, default=Reflection.PENDING
    )
    office_reply = models.TextField(_("reply of the human rights office"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("review opinion")
        verbose_name_plural = _("review opinions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(record__isnull=True) | models.Q(task__isnull=False),
                name="plans_opinion_record_belongs_to_task",
            ),
            models.CheckConstraint(
                condition=models.Q(reflection="pending") | models.Q(replied_at__isnull=False),
                name="plans_opinion_reply_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee}: {self.text[:40]}"

    @property
    def subject(self):
        return self.record or self.task or self.plan
