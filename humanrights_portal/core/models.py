"""Shared kernel: users and departments, reference data, audit trail, personal-data access log."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


def in_language(korean: str, english: str) -> str:
    """A bilingual text in the active language: the English one on English pages when there is one."""
    if english and (get_language() or "ko").startswith("en"):
        return english
    return korean


class BilingualNameMixin:
    """Reference rows carry ``name_ko`` and ``name_en``; ``name`` follows the active language."""

    @property
    def name(self) -> str:
        return in_language(self.name_ko, self.name_en)


class ReferenceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Department(BilingualNameMixin, TimeStampedModel):
    """A bureau, office or division of the city government; every official belongs to one."""

    class Kind(models.TextChoices):
        BUREAU = "bureau", _("Bureau")
        OFFICE = "office", _("Office")
        AGENCY = "agency", _("Agency")
        COMMITTEE = "committee", _("Committee")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ko = models.CharField(_("name (Korean)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.BUREAU)
    is_human_rights_office = models.BooleanField(
        _("is the human rights office"),
        default=False,
        help_text=_("The office that runs the city-wide human rights work."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name_ko"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name_ko


class User(AbstractUser):
    """A staff account. Citizens never have one."""

    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
    )
    display_name = models.CharField(_("display name"), max_length=100, blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def role_names(self) -> frozenset[str]:
        """Names of the user's groups, read once per request and cached on the instance."""
        cached = getattr(self, "_role_names", None)
        if cached is None:
            cached = frozenset(self.groups.values_list("name", flat=True)) if self.pk else frozenset()
            self._role_names = cached
        return cached


class VulnerableGroup(BilingualNameMixin, models.Model):
    """Groups whose rights the office pays particular attention to (reference data)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ko = models.CharField(_("name (Korean)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=150)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("vulnerable group")
        verbose_name_plural = _("vulnerable groups")

    def __str__(self) -> str:
        return self.name


class RightCategory(BilingualNameMixin, models.Model):
    """Categories of rights affected by a complaint, task or assessment (reference data)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ko = models.CharField(_("name (Korean)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=150)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("right category")
        verbose_name_plural = _("right categories")

    def __str__(self) -> str:
        return self.name


class SdgGoal(models.Model):
    """One of the 17 UN Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title_ko = models.CharField(_("title (Korean)"), max_length=100)
    title_en = models.CharField(_("title (English)"), max_length=100)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=17), name="core_sdggoal_number_1_to_17"
            )
        ]

    def __str__(self) -> str:
        return f"SDG {self.number}. {self.title}"

    @property
    def title(self) -> str:
        return self.title_en if (get_language() or "ko").startswith("en") else self.title_ko


class SdgTarget(models.Model):
    """One of the 169 SDG targets, e.g. ``5.2`` or ``16.b``."""

    goal = models.ForeignKey(SdgGoal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("code"), max_length=8, unique=True)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["goal__number", "sort_order"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        return self.title_en if (get_language() or "ko").startswith("en") else self.title_ko


class AuditEvent(models.Model):
    """One write made through a service: who did what to which object, and what changed.

    Written by ``core.services.audit_record`` inside the same transaction as the change
    it describes, so a change without its audit row cannot be committed
    (docs/adr/0003-audit-trail.md). Rows are never updated or deleted by the portal.
    """

    occurred_at = models.DateTimeField(_("occurred at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        related_name="audit_events",
        null=True,
        blank=True,
        help_text=_("Empty for anonymous citizens and system jobs."),
    )
    actor_label = models.CharField(_("actor label"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=80)
    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("object type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,  # core_audit_target_idx starts with it
    )
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    ip_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        # Every index is written on every audited action: none that another one covers, no LIKE index.
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="core_audit_target_idx"),
            models.Index(fields=["action"], name="core_audit_action_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"


class PersonalDataAccess(models.Model):
    """A record that a staff member viewed someone's personal data (PIPA access log)."""

    accessed_at = models.DateTimeField(_("accessed at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("viewed by"),
        on_delete=models.PROTECT,
        related_name="personal_data_accesses",
    )
    subject_type = models.ForeignKey(ContentType, verbose_name=_("record type"), on_delete=models.PROTECT)
    subject_id = models.CharField(_("record id"), max_length=64)
    subject_repr = models.CharField(_("record"), max_length=200)
    fields = models.JSONField(_("fields viewed"), default=list)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)

    class Meta:
        ordering = ["-accessed_at", "-id"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="core_pda_subject_idx")]

    def __str__(self) -> str:
        return f"{self.accessed_at:%Y-%m-%d %H:%M} {self.actor} → {self.subject_repr}"

    def get_absolute_url(self) -> str:
        return reverse("admin:core_personaldataaccess_change", args=[self.pk])


class RateLimitCounter(models.Model):
    """Events of one kind from one client in one time window (``core.ratelimit``); an UNLOGGED table."""

    scope = models.CharField(_("client and kind (keyed hash)"), max_length=64)
    window = models.BigIntegerField(_("time window"))
    count = models.PositiveIntegerField(_("count"), default=0)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")
        constraints = [models.UniqueConstraint(fields=["scope", "window"], name="core_ratelimit_scope_window")]

    def __str__(self) -> str:
        return f"{self.scope[:8]}… {self.window}: {self.count}"


# ---------------------------------------------------------------- background jobs: e-mail outbox, reminder log


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutgoingEmail(models.Model):
    """An e-mail written in the transaction that caused it and sent by a background task (``core.mail``).

    The row commits with the complaint (or the reminder) it belongs to, so no acknowledged action
    loses its e-mail whatever happens to the workers; the task sends it at most once per claim
    (status ``sending`` with a claim token, then ``sent``). Bodies may hold a citizen's one-time
    secret key: they are replaced by a placeholder once sent, and the table is not in the admin.
    """

    kind = models.CharField(_("kind"), max_length=40)
    dedupe_key = models.CharField(
        _("deduplication key"), max_length=200, unique=True, help_text=_("One e-mail per key, however often queued.")
    )
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    status = models.CharField(_("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    claim_token = models.CharField(_("claim token"), max_length=32, blank=True)
    claimed_by = models.CharField(_("claimed by (worker)"), max_length=200, blank=True)
    claimed_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "created_at"], name="core_outbox_status_created")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"


class ReminderLog(models.Model):
    """That a recipient got their reminder of one kind on one day: at most one e-mail a day each."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=40)
    day = models.DateField(_("day"))
    items = models.PositiveIntegerField(_("items listed"), default=0)
    email = models.ForeignKey(
        OutgoingEmail, verbose_name=_("e-mail"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-day", "recipient"]
        verbose_name = _("reminder log entry")
        verbose_name_plural = _("reminder log")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "day"], name="core_reminder_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.kind} → {self.recipient_id}"
