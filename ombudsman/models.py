"""The ombudsman's records: complaints (cases), their timeline, notes, attachments,
counselling sessions, recommendations to agencies and citizens' satisfaction surveys.

A complaint *is* the case: it is received from a citizen (online, or registered by staff
from a call, visit or letter) and moves through the workflow in ``workflow.py``. Status is
only ever changed by the transition services in ``services.py``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.models import Department, RightCategory, VulnerableGroup
from humanrights_portal.core.storage import PrivateStorage

RECEIPT_PREFIX = "HR"


private_storage = PrivateStorage()


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    SCREENING = "screening", _("Screening")
    INVESTIGATING = "investigating", _("Investigating")
    RECOMMENDATION_ISSUED = "recommendation_issued", _("Recommendation issued")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")
    DISMISSED = "dismissed", _("Dismissed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REFERRED = "referred", _("Referred")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online form")
    PHONE = "phone", _("Phone")
    VISIT = "visit", _("Visit")
    LETTER = "letter", _("Letter")
    COUNSELLING = "counselling", _("Counselling session")


class OnBehalfOf(models.TextChoices):
    SELF = "self", _("Myself")
    OTHER_PERSON = "other_person", _("Another person")
    GROUP = "group", _("A group")


STATUS_LABELS = dict(CaseStatus.choices)
CHANNEL_LABELS = dict(Channel.choices)
ON_BEHALF_OF_LABELS = dict(OnBehalfOf.choices)


class ReceiptSequence(models.Model):
    """The last receipt number handed out in a year; incremented atomically (see services)."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("receipt sequence")
        verbose_name_plural = _("receipt sequences")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class ComplaintQuerySet(models.QuerySet):
    def open(self):
        from ombudsman.workflow import OPEN_STATUSES

        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: datetime.date | None = None):
        return self.open().filter(stage_deadline__lt=today or timezone.localdate())


class ComplaintManager(models.Manager.from_queryset(ComplaintQuerySet)):
    """Never loads the search vector: PostgreSQL maintains it and only the search filter reads it."""

    def get_queryset(self):
        return super().get_queryset().defer("search_vector")


class Complaint(models.Model):
    """A human rights complaint and the case the ombudsman runs on it."""

    receipt_code = models.CharField(_("receipt code"), max_length=20, unique=True)
    secret_key_hash = models.CharField(_("secret key (keyed hash)"), max_length=64, editable=False)
    status = models.CharField(_("status"), max_length=30, choices=CaseStatus.choices, default=CaseStatus.RECEIVED)
    channel = models.CharField(_("received through"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    stage_deadline = models.DateField(_("deadline of the current stage"), null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    # Who complains. Visible to the ombudsman role only; removed by anonymisation.
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    complainant_name = models.CharField(_("name"), max_length=100, blank=True)
    complainant_email = models.EmailField(_("e-mail"), blank=True)
    complainant_phone = models.CharField(_("phone"), max_length=30, blank=True)
    on_behalf_of = models.CharField(
        _("on whose behalf"), max_length=20, choices=OnBehalfOf.choices, default=OnBehalfOf.SELF
    )
    affected_party = models.CharField(
        _("person or group affected"),
        max_length=200,
        blank=True,
        help_text=_("Who was affected, when you complain for someone else or for a group."),
    )

    # What happened.
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what happened"))
    incident_date = models.DateField(_("date of the incident"), null=True, blank=True)
    incident_place = models.CharField(_("place"), max_length=200, blank=True)
    respondent_agency = models.CharField(_("agency or facility complained about"), max_length=200)
    respondent_department = models.ForeignKey(
        Department,
        verbose_name=_("responsible department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    rights = models.ManyToManyField(RightCategory, verbose_name=_("rights affected"), blank=True)
    groups = models.ManyToManyField(VulnerableGroup, verbose_name=_("groups concerned"), blank=True)

    # PIPA consent, recorded with the wording version the citizen saw.
    consent_personal_data = models.BooleanField(_("consent to the use of personal data"), default=False)
    consent_sensitive_data = models.BooleanField(_("consent to the use of sensitive data"), default=False)
    consent_notice_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)

    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_complaints",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registered_complaints",
        help_text=_("The member of staff who registered a complaint received by phone, visit or letter."),
    )
    anonymised_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("receipt_code", "title", "description", "respondent_agency", config="simple"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ComplaintManager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        # Written on every submission and transition: "due" also serves status filters, "newest" received-period
        # filters, so neither field has an index of its own.
        indexes = [
            GinIndex(fields=["search_vector"], name="ombudsman_complaint_search"),
            models.Index(fields=["status", "stage_deadline"], name="ombudsman_complaint_due"),
            models.Index(fields=["-received_at", "-id"], name="ombudsman_complaint_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_anonymous=False) | models.Q(complainant_email="", complainant_phone=""),
                name="ombudsman_complaint_anonymous_has_no_contact",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_code

    def get_absolute_url(self) -> str:
        return reverse("ombudsman:case-detail", args=[self.receipt_code])

    @property
    def is_open(self) -> bool:
        from ombudsman.workflow import OPEN_STATUSES

        return self.status in OPEN_STATUSES

    # Labels for lists: a dict look-up, where get_FOO_display() rebuilds the choices on every call.
    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def channel_label(self) -> str:
        return CHANNEL_LABELS.get(self.channel, self.channel)

    @property
    def on_behalf_of_label(self) -> str:
        return ON_BEHALF_OF_LABELS.get(self.on_behalf_of, self.on_behalf_of)

    @property
    def is_overdue(self) -> bool:
        return bool(self.is_open and self.stage_deadline and self.stage_deadline < timezone.localdate())

    @property
    def has_identity(self) -> bool:
        return bool(self.complainant_name or self.complainant_email or self.complainant_phone)


class CaseEvent(models.Model):
    """One entry of a case's timeline. Public entries are shown to the citizen, in plain words."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Received")
        TRANSITION = "transition", _("Status changed")
        ASSIGNED = "assigned", _("Handler assigned")
        INFORMATION_ADDED = "information_added", _("Information added by the complainant")
        ATTACHMENT_ADDED = "attachment_added", _("Attachment added")
        RECOMMENDATION_ISSUED = "recommendation_issued", _("Recommendation issued")
        AGENCY_RESPONDED = "agency_responded", _("Agency responded")
        IMPLEMENTATION_RECORDED = "implementation_recorded", _("Implementation recorded")
        SURVEY_ANSWERED = "survey_answered", _("Satisfaction survey answered")
        ANONYMISED = "anonymised", _("Personal data removed")

    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="events",
        db_index=False,  # ombudsman_event_timeline starts with it
    )
    occurred_at = models.DateTimeField(_("occurred at"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    from_status = models.CharField(_("from"), max_length=30, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=30, choices=CaseStatus.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), on_delete=models.PROTECT, null=True, blank=True
    )
    reason = models.TextField(_("reason"), blank=True, help_text=_("Internal; never shown to the citizen."))
    public_message = models.TextField(_("message to the complainant"), blank=True)
    is_public = models.BooleanField(_("shown to the complainant"), default=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        indexes = [models.Index(fields=["complaint", "occurred_at"], name="ombudsman_event_timeline")]

    def __str__(self) -> str:
        return f"{self.complaint} {self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"

    # Labels for the case page: a dict look-up, where get_FOO_display() rebuilds the choices on every call.
    @property
    def kind_label(self) -> str:
        return EVENT_KIND_LABELS.get(self.kind, self.kind)

    @property
    def from_status_label(self) -> str:
        return STATUS_LABELS.get(self.from_status, self.from_status)

    @property
    def to_status_label(self) -> str:
        return STATUS_LABELS.get(self.to_status, self.to_status)


EVENT_KIND_LABELS = dict(CaseEvent.Kind.choices)


class InternalNote(models.Model):
    """A note by the office on a case. Never shown to the complainant or outside the ombudsman role."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT)
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self) -> str:
        return f"{self.complaint} {self.created_at:%Y-%m-%d %H:%M}"


def attachment_path(instance: Attachment, filename: str) -> str:
    """A random name: the citizen's file name is kept in the database only."""
    import uuid

    suffix = instance.extension or "bin"
    return f"complaints/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{suffix}"


class Attachment(models.Model):
    """Evidence attached to a complaint by the citizen or by staff; served by a permission-checked view."""

    class Source(models.TextChoices):
        COMPLAINANT = "complainant", _("Complainant")
        STAFF = "staff", _("Staff")

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=attachment_path, max_length=200, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    extension = models.CharField(_("extension"), max_length=10)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    source = models.CharField(_("added by"), max_length=20, choices=Source.choices, default=Source.COMPLAINANT)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, null=True, blank=True
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("ombudsman:attachment-download", args=[self.complaint.receipt_code, self.pk])


class CounsellingSession(models.Model):
    """A counselling session, recorded on its own; most never become a case (Gwangju 2018: 346 vs 78)."""

    class SessionChannel(models.TextChoices):
        VISIT = "visit", _("Visit")
        PHONE = "phone", _("Phone")
        ONLINE = "online", _("Online")

    class Outcome(models.TextChoices):
        ADVICE_GIVEN = "advice_given", _("Advice given")
        REFERRED = "referred", _("Referred to another body")
        CASE_REGISTERED = "case_registered", _("Registered as a case")
        NO_FURTHER_ACTION = "no_further_action", _("No further action")

    held_on = models.DateField(_("date"), default=timezone.localdate, db_index=True)
    channel = models.CharField(_("channel"), max_length=20, choices=SessionChannel.choices)
    topic = models.CharField(_("topic"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, default=Outcome.ADVICE_GIVEN)
    groups = models.ManyToManyField(VulnerableGroup, verbose_name=_("groups concerned"), blank=True)
    rights = models.ManyToManyField(RightCategory, verbose_name=_("rights concerned"), blank=True)
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("counsellor"), on_delete=models.PROTECT, related_name="+"
    )
    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counselling_sessions",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("counselling session")
        verbose_name_plural = _("counselling sessions")

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("ombudsman:counselling-detail", args=[self.pk])


class Recommendation(models.Model):
    """A recommendation the ombudsman issues to an agency, its response and its implementation."""

    class Response(models.TextChoices):
        PENDING = "pending", _("Awaiting response")
        ACCEPTED = "accepted", _("Accepted")
        PARTIALLY_ACCEPTED = "partially_accepted", _("Partially accepted")
        REJECTED = "rejected", _("Rejected")

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("case"), on_delete=models.CASCADE, related_name="recommendations"
    )
    agency = models.CharField(_("addressed to"), max_length=200)
    text = models.TextField(_("recommendation"))
    public_summary = models.TextField(
        _("summary for the complainant"), blank=True, help_text=_("Shown on the citizen's status page.")
    )
    issued_on = models.DateField(_("issued on"), default=timezone.localdate)
    response_due = models.DateField(_("response due"))
    response = models.CharField(_("response"), max_length=30, choices=Response.choices, default=Response.PENDING)
    response_date = models.DateField(_("response date"), null=True, blank=True)
    response_text = models.TextField(_("response of the agency"), blank=True)
    implemented = models.BooleanField(_("implemented"), null=True, blank=True)
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    implementation_evidence = models.TextField(_("evidence of implementation"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["issued_on", "id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(response_due__gte=models.F("issued_on")),
                name="ombudsman_recommendation_due_after_issue",
            ),
            models.CheckConstraint(
                condition=models.Q(response="pending") | models.Q(response_date__isnull=False),
                name="ombudsman_recommendation_response_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint} → {self.agency}"

    @property
    def response_label(self) -> str:
        return RESPONSE_LABELS.get(self.response, self.response)

    @property
    def is_response_overdue(self) -> bool:
        return self.response == self.Response.PENDING and self.response_due < timezone.localdate()


RESPONSE_LABELS = dict(Recommendation.Response.choices)


class SatisfactionSurvey(models.Model):
    """The complainant's view of how the case was handled, once it is closed (1 = poor, 5 = very good)."""

    complaint = models.OneToOneField(
        Complaint, verbose_name=_("case"), on_delete=models.CASCADE, related_name="satisfaction"
    )
    fairness = models.PositiveSmallIntegerField(_("fairness"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    speed = models.PositiveSmallIntegerField(_("speed"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    clarity = models.PositiveSmallIntegerField(_("clarity"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fairness__range=(1, 5), speed__range=(1, 5), clarity__range=(1, 5)),
                name="ombudsman_survey_scores_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint}: {self.fairness}/{self.speed}/{self.clarity}"
