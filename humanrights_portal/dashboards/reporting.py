"""The annual human rights report: everything the office today assembles by hand for the committee
and the city council, gathered from the data of one year.

The figures come from the dashboards' selectors with ``public=True`` (the report is published):
adopted plans and confirmed records, verified indicator values, anonymous complaint statistics with
small cells suppressed, impact figures. The committee's activity of the year is added as counts and
a list of its meetings (no opinion texts, no names: those stay on the staff pages). Build the report
inside the language it is written in (``translation.override``): labels follow the active language.

A fixed number of queries whatever the amount of data (plus 5 per plan in force, a city has one or two).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from humanrights_portal.core.models import in_language
from humanrights_portal.dashboards import selectors
from humanrights_portal.dashboards.selectors import DashboardFilters
from impact.models import CommitteeReview, SubjectType
from indicators.models import Direction, Measurement, MeasurementState
from plans.models import AgendaItem, Committee, Meeting, ReviewOpinion

#: How many indicators the report names among the largest changes on the year before.
NOTABLE_CHANGES = 10
#: How many disaggregated values the "who is left behind" section looks at.
LEFT_BEHIND_LIMIT = 200


def report_years() -> list[int]:
    """The years an annual report can be made for: those with data in any app, newest first (4 queries)."""
    return sorted(set().union(*selectors.years_with_data().values()), reverse=True)


# ---------------------------------------------------------------- sections


@dataclass(frozen=True)
class PlanSection:
    row: selectors.PlanPanelRow
    title: str

    @property
    def plan(self):
        return self.row.plan

    @property
    def progress(self):
        return self.row.progress

    @property
    def tables(self) -> list[dict]:
        """The plan's two progress tables: by area (with a total row) and by responsible department."""
        return [
            {
                "id": "areas",
                "caption": _("%(plan)s: progress by area") % {"plan": self.title},
                "header": _("Area"),
                "rows": self.progress.by_area,
                "total": self.progress.total,
            },
            {
                "id": "departments",
                "caption": _("%(plan)s: progress by responsible department") % {"plan": self.title},
                "header": _("Department"),
                "rows": self.progress.by_department,
                "total": None,
            },
        ]


@dataclass(frozen=True)
class IndicatorTotals:
    total: int = 0
    achieved: int = 0
    on_track: int = 0
    off_track: int = 0
    no_data: int = 0


@dataclass(frozen=True)
class IndicatorChange:
    """An indicator whose verified value changed on the year before."""

    indicator_id: int
    code: str
    name: str
    unit: str
    direction: str
    previous: Decimal
    value: Decimal

    @property
    def change(self) -> Decimal:
        return self.value - self.previous

    @property
    def improved(self) -> bool:
        better = self.value > self.previous
        return not better if self.direction == Direction.LOWER else better

    @property
    def relative(self) -> float | None:
        """The change as a share of the previous value (for ranking), ``None`` from zero."""
        return abs(float(self.change) / float(self.previous)) if self.previous else None


@dataclass(frozen=True)
class MeetingRow:
    held_on: object
    kind: str
    kind_label: str
    title: str
    agenda_items: int
    decisions: int
    attendance: int


@dataclass
class CommitteeActivity:
    committees: list[str]
    meetings: list[MeetingRow]
    agenda_items: int
    decisions: int
    opinions: int
    opinions_by_reflection: list[dict]
    replies: int
    impact_reviews: int
    impact_reviews_by_conclusion: list[dict] = field(default_factory=list)

    @property
    def meeting_count(self) -> int:
        return len(self.meetings)


@dataclass
class ImpactSummary:
    requested: int = 0
    assessed: int = 0
    revised: int = 0
    partially_revised: int = 0
    not_revised: int = 0
    awaiting_outcome: int = 0
    legislation_assessed: int = 0
    legislation_revised: int = 0


@dataclass
class AnnualReport:
    year: int
    filters: DashboardFilters
    plans: list[PlanSection]
    indicators: list
    indicator_totals: IndicatorTotals
    trend: selectors.TrendRow | None
    previous_trend: selectors.TrendRow | None
    trends: list[selectors.TrendRow]
    improved: list[IndicatorChange]
    worsened: list[IndicatorChange]
    ombudsman: object
    impact: object
    impact_summary: ImpactSummary
    committee: CommitteeActivity
    left_behind: list[selectors.GroupGap]
    min_cell: int
    generated_on: object = field(default_factory=timezone.localdate)

    @property
    def ombudsman_tables(self) -> list[dict]:
        """The breakdowns of the complaint statistics, each a table of (label, count or ``None``)."""
        statistics = self.ombudsman
        return [
            {
                "id": "status",
                "caption": _("Cases received by status"),
                "header": _("Status"),
                "rows": statistics.by_status,
            },
            {"id": "right", "caption": _("Cases by right affected"), "header": _("Right"), "rows": statistics.by_right},
            {
                "id": "group",
                "caption": _("Cases by group of people"),
                "header": _("Group"),
                "rows": statistics.by_group,
            },
            {"id": "channel", "caption": _("Cases by channel"), "header": _("Channel"), "rows": statistics.by_channel},
            {
                "id": "responses",
                "caption": _("Recommendations by the agencies' response"),
                "header": _("Response"),
                "rows": statistics.recommendations_by_response,
            },
        ]

    @property
    def behind(self) -> list[selectors.GroupGap]:
        return [gap for gap in self.left_behind if gap.is_behind]

    @property
    def plan_totals(self) -> dict:
        """The plans in force added up (most cities have one)."""
        names = ("tasks", "records", "not_started", "on_track", "delayed", "completed")
        totals = {name: sum(getattr(section.progress.total, name) for section in self.plans) for name in names}
        planned = sum(section.progress.total.budget_planned for section in self.plans)
        executed = sum(section.progress.total.budget_executed for section in self.plans)
        totals.update(
            budget_planned=planned,
            budget_executed=executed,
            execution_percent=round(100 * executed / planned, 1) if planned else None,
            completed_percent=round(100 * totals["completed"] / totals["tasks"], 1) if totals["tasks"] else None,
        )
        return totals

    @property
    def has_plans(self) -> bool:
        return any(section.progress.total.tasks for section in self.plans)


def annual_report(*, year: int) -> AnnualReport:
    """The report of ``year``, as the public may see it (the active language labels it)."""
    filters = DashboardFilters(year=year)
    public = {"user": None, "filters": filters, "public": True}

    plans = [
        PlanSection(row=row, title=in_language(row.plan.title, row.plan.title_en))
        for row in selectors.plans_panel(**public)
    ]
    indicators = selectors.indicators_panel(**public)
    indicator_totals = IndicatorTotals(
        **{
            name: sum(getattr(row, name) for row in indicators)
            for name in ("total", "achieved", "on_track", "off_track", "no_data")
        }
    )
    trends = selectors.trends(**public)
    by_year = {row.year: row for row in trends}
    improved, worsened = indicator_changes(year=year)
    impact = selectors.impact_panel(**public)
    left_behind = selectors.left_behind(**public, limit=LEFT_BEHIND_LIMIT)
    ombudsman = selectors.ombudsman_panel(**public)
    return AnnualReport(
        year=year,
        filters=filters,
        plans=plans,
        indicators=indicators,
        indicator_totals=indicator_totals,
        trend=by_year.get(year),
        previous_trend=by_year.get(year - 1),
        trends=[row for row in trends if row.year <= year],
        improved=improved,
        worsened=worsened,
        ombudsman=ombudsman,
        impact=impact,
        impact_summary=_impact_summary(impact),
        committee=committee_activity(year=year),
        left_behind=sorted(left_behind, key=lambda gap: (not gap.is_behind, gap.indicator_code)),
        min_cell=ombudsman.min_cell,
    )


def indicator_changes(
    *, year: int, limit: int = NOTABLE_CHANGES
) -> tuple[list[IndicatorChange], list[IndicatorChange]]:
    """The indicators whose verified total value improved or worsened most on the year before (1 query).

    Ranked by the size of the change relative to the previous value; public data (verified values)."""
    rows = (
        Measurement.objects.filter(
            state=MeasurementState.VERIFIED, category__isnull=True, period=0, year__in=(year - 1, year)
        )
        .order_by("indicator_id", "year")
        .values(
            "indicator_id",
            "year",
            "value",
            "indicator__code",
            "indicator__name_ko",
            "indicator__name_en",
            "indicator__unit",
            "indicator__direction",
        )
    )
    previous: dict[int, Decimal] = {}
    changes: list[IndicatorChange] = []
    for row in rows:
        if row["year"] == year - 1:
            previous[row["indicator_id"]] = row["value"]
            continue
        before = previous.get(row["indicator_id"])
        if before is None or before == row["value"]:
            continue
        name = in_language(row["indicator__name_ko"], row["indicator__name_en"])
        changes.append(
            IndicatorChange(
                indicator_id=row["indicator_id"],
                code=row["indicator__code"],
                name=name,
                unit=row["indicator__unit"],
                direction=row["indicator__direction"],
                previous=before,
                value=row["value"],
            )
        )

    def rank(change: IndicatorChange):
        return (-(change.relative if change.relative is not None else float("inf")), change.code)

    improved = sorted((change for change in changes if change.improved), key=rank)[:limit]
    worsened = sorted((change for change in changes if not change.improved), key=rank)[:limit]
    return improved, worsened


def committee_activity(*, year: int) -> CommitteeActivity:
    """What the human rights committee did in ``year``: meetings and decisions, review opinions on
    the plans and how the office replied, reviews of impact assessments (6 queries)."""
    kinds = dict(Meeting.Kind.choices)
    meetings = [
        MeetingRow(
            held_on=row["held_on"],
            kind=row["kind"],
            kind_label=str(kinds.get(row["kind"], row["kind"])),
            title=row["title"],
            agenda_items=row["agenda_items"],
            decisions=row["decisions"],
            attendance=row["attendance"],
        )
        for row in Meeting.objects.filter(held_on__year=year)
        .values("pk", "held_on", "kind", "title")
        .annotate(
            agenda_items=Count("agenda", distinct=True),
            decisions=Count("agenda", filter=~Q(agenda__decision=""), distinct=True),
            attendance=Count("attendees", distinct=True),
        )
        .order_by("held_on", "pk")
    ]
    agenda = AgendaItem.objects.filter(meeting__held_on__year=year).aggregate(
        items=Count("pk"), decisions=Count("pk", filter=~Q(decision=""))
    )
    reflections = dict(ReviewOpinion.Reflection.choices)
    opinions = ReviewOpinion.objects.filter(submitted_at__year=year)
    by_reflection = [
        {
            "key": row["reflection"],
            "label": str(reflections.get(row["reflection"], row["reflection"])),
            "count": row["count"],
        }
        for row in opinions.values("reflection").annotate(count=Count("pk")).order_by("reflection")
    ]
    conclusions = dict(CommitteeReview.Conclusion.choices)
    by_conclusion = [
        {
            "key": row["conclusion"],
            "label": str(conclusions.get(row["conclusion"], row["conclusion"])),
            "count": row["count"],
        }
        for row in CommitteeReview.objects.filter(submitted_at__year=year)
        .values("conclusion")
        .annotate(count=Count("pk"))
        .order_by("conclusion")
    ]
    committees = [
        in_language(name, name_en) for name, name_en in Committee.objects.order_by("pk").values_list("name", "name_en")
    ]
    return CommitteeActivity(
        committees=committees,
        meetings=meetings,
        agenda_items=agenda["items"],
        decisions=agenda["decisions"],
        opinions=sum(row["count"] for row in by_reflection),
        opinions_by_reflection=by_reflection,
        replies=sum(row["count"] for row in by_reflection if row["key"] != ReviewOpinion.Reflection.PENDING),
        impact_reviews=sum(row["count"] for row in by_conclusion),
        impact_reviews_by_conclusion=by_conclusion,
    )


def _impact_summary(figures) -> ImpactSummary:
    names = ("requested", "assessed", "revised", "partially_revised", "not_revised", "awaiting_outcome")
    summary = ImpactSummary(**{name: sum(getattr(row, name) for row in figures.totals) for name in names})
    legislation = [row for row in figures.totals if row.subject_type in (SubjectType.ORDINANCE, SubjectType.REGULATION)]
    summary.legislation_assessed = sum(row.assessed for row in legislation)
    summary.legislation_revised = sum(row.revised for row in legislation)
    return summary


# ---------------------------------------------------------------- the PDF


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it needs (Pango, HarfBuzz) are not installed here."""


#: The KRDS typeface (PretendardGOV, with Korean glyphs), served by the ``krds`` static prefix.
FONT_FILES = {
    400: "krds/fonts/PretendardGOV-Regular.subset.woff",
    500: "krds/fonts/PretendardGOV-Medium.subset.woff",
    700: "krds/fonts/PretendardGOV-Bold.subset.woff",
}
PRINT_STYLESHEET = "css/report-print.css"


def _static_path(path: str):
    from pathlib import Path

    from django.contrib.staticfiles import finders

    found = finders.find(path)
    return Path(found).resolve() if found else None


def _font_faces() -> tuple[str, set[str]]:
    """``@font-face`` rules pointing at the KRDS font files, and the file URLs they may load."""
    rules, allowed = [], set()
    for weight, path in FONT_FILES.items():
        font = _static_path(path)
        if font is None:
            continue
        allowed.add(font.as_uri())
        rules.append(
            f'@font-face {{ font-family: "PretendardGOV"; font-weight: {weight}; font-style: normal; '
            f'src: url("{font.as_uri()}") format("woff"); }}'
        )
    return "\n".join(rules), allowed


def report_pdf(*, html: str, base_url: str | None = None) -> bytes:
    """The report's HTML rendered to PDF by WeasyPrint with the print stylesheet and the KRDS fonts.

    WeasyPrint is imported here, not at start-up: without its system libraries (an ``OSError`` on
    import) the portal still runs and the view answers 503. Only the font files are fetched; the
    report's links stay links and nothing is loaded from the network.
    """
    try:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import URLFetcher
    except (OSError, ImportError) as error:
        raise PdfUnavailable(str(error)) from error

    faces, allowed = _font_faces()

    class LocalFontFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.split("?")[0] not in allowed:
                raise ValueError(f"not fetched for the report: {url}")
            return super().fetch(url, headers)

    fetcher = LocalFontFetcher(allowed_protocols={"file"})
    font_config = FontConfiguration()
    stylesheets = [weasyprint.CSS(string=faces, font_config=font_config, url_fetcher=fetcher)]
    stylesheet = _static_path(PRINT_STYLESHEET)
    if stylesheet is not None:
        stylesheets.append(
            weasyprint.CSS(string=stylesheet.read_text(encoding="utf-8"), font_config=font_config, url_fetcher=fetcher)
        )
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=stylesheets, font_config=font_config)
