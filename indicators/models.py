"""Human rights indicator frameworks, their indicators and the measurements that track them.

framework → areas (or goals) → indicators → measurements per period, optionally disaggregated
by one category of a dimension the framework defines (sex, age group, district …). An
indicator's status is derived from its verified measurements by ``status.py`` and stored on the
indicator only as a cache that the services refresh; nobody types it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.models import Department, SdgGoal, SdgTarget, TimeStampedModel
from humanrights_portal.core.storage import PrivateStorage

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


def _english() -> bool:
    return (get_language() or "ko").startswith("en")


class IndicatorFramework(TimeStampedModel):
    """A set of indicators a city adopted (e.g. the Gwangju Human Rights Indicators, 2012)."""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    organisation = models.CharField(_("local government"), max_length=100)
    year_developed = models.PositiveSmallIntegerField(
        _("developed in"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    description = models.TextField(_("description"), blank=True)
    development_process = models.TextField(_("how it was developed"), blank=True)
    area_label = models.CharField(
        _("its parts are called"),
        max_length=20,
        choices=[("area", _("Areas")), ("goal", _("Goals"))],
        default="area",
    )

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("indicator framework")
        verbose_name_plural = _("indicator frameworks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:framework-detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        return self.name_en if _english() and self.name_en else self.name


class FrameworkPhase(models.Model):
    """An implementation phase (e.g. Chungnam's 2018-2020, 2021-2025, 2026-2030)."""

    framework = models.ForeignKey(
        IndicatorFramework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="phases"
    )
    name = models.CharField(_("name"), max_length=100)
    start_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)

    class Meta:
        ordering = ["framework", "start_year"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")), name="indicators_phase_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.start_year}-{self.end_year})"


class FrameworkArea(models.Model):
    """An area of a framework, or a goal (Chungnam's 17 local SDG goals carry their UN goal)."""

    framework = models.ForeignKey(
        IndicatorFramework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="areas"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    sdg_goal = models.ForeignKey(
        SdgGoal, verbose_name=_("SDG goal"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["framework", "number"]
        verbose_name = _("framework area")
        verbose_name_plural = _("framework areas")
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="indicators_area_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.display_title}"

    @property
    def display_title(self) -> str:
        return self.title_en if _english() and self.title_en else self.title


class ImplementationTask(models.Model):
    """One of a framework's implementation tasks (Gwangju: 18), grouping indicators."""

    framework = models.ForeignKey(
        IndicatorFramework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="tasks"
    )
    area = models.ForeignKey(
        FrameworkArea, verbose_name=_("area"), on_delete=models.CASCADE, related_name="implementation_tasks"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["framework", "number"]
        verbose_name = _("implementation task")
        verbose_name_plural = _("implementation tasks")
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="indicators_task_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class DisaggregationDimension(models.Model):
    """A way a framework breaks values down: sex, age group, district, disability, nationality …"""

    framework = models.ForeignKey(
        IndicatorFramework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="dimensions"
    )
    code = models.SlugField(_("code"), max_length=40)
    name_ko = models.CharField(_("name (Korean)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)

    class Meta:
        ordering = ["framework", "code"]
        verbose_name = _("disaggregation dimension")
        verbose_name_plural = _("disaggregation dimensions")
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="indicators_dimension_code")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if _english() and self.name_en else self.name_ko


class DisaggregationCategory(models.Model):
    dimension = models.ForeignKey(
        DisaggregationDimension, verbose_name=_("dimension"), on_delete=models.CASCADE, related_name="categories"
    )
    code = models.SlugField(_("code"), max_length=40)
    name_ko = models.CharField(_("name (Korean)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    group = models.ForeignKey(
        "core.VulnerableGroup",
        verbose_name=_("group of people"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The vulnerable group this category describes, for the “who is left behind” comparisons."),
    )

    class Meta:
        ordering = ["dimension", "order", "code"]
        verbose_name = _("disaggregation category")
        verbose_name_plural = _("disaggregation categories")
        constraints = [models.UniqueConstraint(fields=["dimension", "code"], name="indicators_category_code")]

    def __str__(self) -> str:
        return f"{self.dimension.code}:{self.code}"

    @property
    def name(self) -> str:
        return self.name_en if _english() and self.name_en else self.name_ko


class IndicatorType(models.TextChoices):
    """The OHCHR framework: commitments, efforts, results."""

    STRUCTURAL = "structural", pgettext_lazy("indicator type", "Structural")
    PROCESS = "process", pgettext_lazy("indicator type", "Process")
    OUTCOME = "outcome", pgettext_lazy("indicator type", "Outcome")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Periodicity(models.TextChoices):
    YEAR = "year", _("Yearly")
    QUARTER = "quarter", _("Quarterly")
    MONTH = "month", _("Monthly")


class IndicatorStatus(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    ON_TRACK = "on_track", _("On track")
    OFF_TRACK = "off_track", _("Off track")
    NO_DATA = "no_data", _("No data")


class Indicator(models.Model):
    framework = models.ForeignKey(
        IndicatorFramework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="indicators"
    )
    area = models.ForeignKey(FrameworkArea, verbose_name=_("area"), on_delete=models.PROTECT, related_name="indicators")
    implementation_task = models.ForeignKey(
        ImplementationTask,
        verbose_name=_("implementation task"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    code = models.CharField(_("code"), max_length=20)
    name_ko = models.CharField(_("name (Korean)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    definition = models.TextField(_("definition"), blank=True)
    calculation = models.TextField(_("calculation method"), blank=True)
    kind = models.CharField(
        pgettext_lazy("indicator", "type"), max_length=20, choices=IndicatorType.choices, default=IndicatorType.OUTCOME
    )
    unit = models.CharField(_("unit"), max_length=40, help_text=_("For example %, persons, cases, KRW."))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    periodicity = models.CharField(_("measured"), max_length=10, choices=Periodicity.choices, default=Periodicity.YEAR)
    baseline_value = models.DecimalField(_("baseline value"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    target_value = models.DecimalField(_("target value"), max_digits=18, decimal_places=4, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    plausible_min = models.DecimalField(
        _("lowest plausible value"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    plausible_max = models.DecimalField(
        _("highest plausible value"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    responsible_department = models.ForeignKey(
        Department,
        verbose_name=_("responsible department"),
        on_delete=models.PROTECT,
        related_name="indicators",
        null=True,
        blank=True,
    )
    sdg_targets = models.ManyToManyField(SdgTarget, verbose_name=_("SDG targets"), blank=True)
    # Derived from verified measurements by ``indicators.status``; refreshed by the services.
    status = models.CharField(
        _("status"), max_length=20, choices=IndicatorStatus.choices, default=IndicatorStatus.NO_DATA, editable=False
    )
    latest_value = models.DecimalField(
        _("latest value"), max_digits=18, decimal_places=4, null=True, blank=True, editable=False
    )
    latest_year = models.PositiveSmallIntegerField(_("latest year"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["framework", "area__number", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="indicators_indicator_code"),
            models.CheckConstraint(
                condition=models.Q(plausible_min__isnull=True)
                | models.Q(plausible_max__isnull=True)
                | models.Q(plausible_max__gte=models.F("plausible_min")),
                name="indicators_plausible_range",
            ),
        ]
        indexes = [models.Index(fields=["framework", "status"], name="indicators_framework_status")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:indicator-detail", args=[self.pk])

    @property
    def name(self) -> str:
        return self.name_en if _english() and self.name_en else self.name_ko

    @property
    def lower_is_better(self) -> bool:
        return self.direction == Direction.LOWER


class PhaseTarget(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="phase_targets"
    )
    phase = models.ForeignKey(FrameworkPhase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="+")
    target_value = models.DecimalField(_("target value"), max_digits=18, decimal_places=4)

    class Meta:
        ordering = ["indicator", "phase__start_year"]
        verbose_name = _("phase target")
        verbose_name_plural = _("phase targets")
        constraints = [models.UniqueConstraint(fields=["indicator", "phase"], name="indicators_phase_target")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.phase}: {self.target_value}"


class MeasurementState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    VERIFIED = "verified", _("Verified")


class Measurement(models.Model):
    """A value of an indicator for a period, in total (``category`` empty) or for one category."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="measurements"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    period = models.PositiveSmallIntegerField(
        _("quarter or month"),
        default=0,
        validators=[MaxValueValidator(12)],
        help_text=_("0 for a yearly value; 1-4 for a quarter; 1-12 for a month."),
    )
    category = models.ForeignKey(
        DisaggregationCategory,
        verbose_name=_("disaggregation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measurements",
    )
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    source_note = models.CharField(_("source"), max_length=300, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=MeasurementState.choices, default=MeasurementState.DRAFT, db_index=True
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["indicator", "year", "period", "category"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "period", "category"],
                name="indicators_measurement_unique",
                nulls_distinct=False,
            )
        ]
        indexes = [models.Index(fields=["indicator", "state", "year"], name="indicators_measurement_series")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_label}: {self.value}"

    @property
    def period_label(self) -> str:
        if not self.period:
            return str(self.year)
        if self.indicator.periodicity == Periodicity.QUARTER:
            return f"{self.year} Q{self.period}"
        return f"{self.year}-{self.period:02d}"


class MeasurementRevision(models.Model):
    """The value a measurement had before a change: revisions keep their history."""

    measurement = models.ForeignKey(
        Measurement, verbose_name=_("measurement"), on_delete=models.CASCADE, related_name="revisions"
    )
    value = models.DecimalField(_("previous value"), max_digits=18, decimal_places=4)
    source_note = models.CharField(_("previous source"), max_length=300, blank=True)
    state = models.CharField(_("previous state"), max_length=20, choices=MeasurementState.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        ordering = ["measurement", "-changed_at", "-id"]
        verbose_name = _("measurement revision")
        verbose_name_plural = _("measurement revisions")

    def __str__(self) -> str:
        return f"{self.measurement} ← {self.value}"


class MeasurementImport(models.Model):
    """An uploaded file of values, kept between its preview and its confirmation (``importing.py``)."""

    token = models.CharField(_("token"), max_length=40, unique=True)
    framework = models.ForeignKey(
        IndicatorFramework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("file"), storage=PrivateStorage(), upload_to="indicator-imports/", max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    created_count = models.PositiveIntegerField(_("values added"), default=0)
    updated_count = models.PositiveIntegerField(_("values changed"), default=0)
    unchanged_count = models.PositiveIntegerField(_("values unchanged"), default=0)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("measurement import")
        verbose_name_plural = _("measurement imports")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.uploaded_at:%Y-%m-%d %H:%M})"
