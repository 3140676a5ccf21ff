"""The annual human rights report: the web page (``/reports/<year>/``), its PDF and the list of years."""

import builtins
import datetime
import io
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from humanrights_portal.core.models import RightCategory, VulnerableGroup
from humanrights_portal.dashboards import reporting
from indicators import services as indicator_services
from ombudsman import services as ombudsman_services
from plans import services as plan_services
from plans.models import AnnualRecord, Committee
from tests.factories import (
    ComplaintFactory,
    area_of,
    assessment_in_status,
    checklist_published,
    complaint_in_status,
    indicator_framework,
    indicator_of,
    measurement_of,
    plan_adopted,
    task_of,
)

pytestmark = pytest.mark.django_db

#: Committee opinions and reviews are dated when they are written: the report's year is this year.
YEAR = timezone.localdate().year
M = 1_000_000
EVERYONE = [
    None,
    "user_without_role",
    "official",
    "other_official",
    "office_staff",
    "ombudsman",
    "committee_member",
    "administrator",
]


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def build_report_data(users, department, other_department, *, extra: int = 0) -> dict:
    """A year of everything, with known figures (``extra`` adds rows of each kind, for query counts):

    - plan 2 years either side of ``YEAR``: tasks A (area 1, completed, 100 M planned, 90 M executed), B (area 1,
      other department, on track, 50 M / 20 M), C (area 2, its record only submitted: not public);
    - indicators: I1 (higher is better) 60 → 70, I2 (lower is better) 30 → 35, women's value of I1 40;
    - 6 counselling sessions, 7 cases (5 about women, 2 about older persons: suppressed), 1 closed;
    - 3 ordinance assessments closed: 2 revised, 1 not revised, and a polling station renovated, each reviewed
      by the committee;
    - the committee: 1 meeting with 2 agenda items (1 decided), 2 opinions on the plan (1 answered).
    """
    office, official = users["office_staff"], users["official"]
    ombudsperson, member = users["ombudsman"], users["committee_member"]
    women = VulnerableGroup.objects.get(code="women")
    older = VulnerableGroup.objects.get(code="older-persons")
    equality = RightCategory.objects.get(code="equality")
    made = {}

    plan = made["plan"] = plan_adopted(actor=office, start_year=YEAR - 2, end_year=YEAR + 2)
    first = area_of(plan, actor=office, number=1, title="사회적 소수자 인권 증진")
    second = area_of(plan, actor=office, number=2, title="인권 행정 체계")
    rows = [
        ("1-01", first, department, official, "completed", 100, 100, 90, True),
        ("1-02", first, other_department, users["other_official"], "on_track", 50, 50, 20, True),
        ("2-01", second, department, official, "delayed", 20, 30, 5, False),
    ]
    rows += [(f"1-{index + 3:02d}", first, department, official, "on_track", 50, 10, 5, True) for index in range(extra)]
    for code, area, dept, _actor, *_rest, planned, _executed, _confirm in rows:
        task_of(area, actor=office, department=dept, code=code, budgets={YEAR: planned * M}, target_groups=[women])
    plan_services.reporting_round_open(
        plan=plan, year=YEAR, due_on=timezone.localdate() + datetime.timedelta(days=14), actor=office
    )
    for code, _area, _dept, actor, status, progress, _planned, executed, confirm in rows:
        record = AnnualRecord.objects.get(task__code=code, year=YEAR)
        record = plan_services.record_save(
            record=record,
            actor=actor,
            narrative="추진 실적",
            progress=progress,
            progress_status=status,
            budget_executed=executed * M,
        )
        record = plan_services.record_submit(record=record, actor=actor)
        if confirm:
            plan_services.record_confirm(record=record, actor=office)

    framework = made["framework"] = indicator_framework(actor=office)
    indicator_services.dimension_save(
        framework=framework,
        actor=office,
        code="sex",
        name_ko="성별",
        name_en="Sex",
        categories=[("female", "여성", "Women", "women"), ("male", "남성", "Men")],
    )
    female = framework.dimensions.get(code="sex").categories.get(code="female")
    better = indicator_of(
        framework, actor=office, code="1-01", name_ko="인권교육 이수율", name_en="Human rights training"
    )
    worse = indicator_of(
        framework, actor=office, code="1-02", name_ko="차별 경험률", name_en="Experience of discrimination",
        direction="lower", baseline_value=40, target_value=20,
    )  # fmt: skip
    for indicator, before, after in ((better, 60, 70), (worse, 30, 35)):
        measurement_of(indicator, actor=office, year=YEAR - 1, value=before, verify_by=office)
        measurement_of(indicator, actor=office, year=YEAR, value=after, verify_by=office)
    measurement_of(better, actor=office, year=YEAR, value=40, category=female, verify_by=office)
    measurement_of(worse, actor=office, year=YEAR, value=99, verify_by=None, category=female)  # a draft: not public
    for index in range(extra):
        extra_indicator = indicator_of(framework, actor=office, code=f"1-{index + 3:02d}")
        measurement_of(extra_indicator, actor=office, year=YEAR, value=50, verify_by=office)

    today = timezone.localdate()
    for _index in range(6 + extra):
        ombudsman_services.counselling_record(actor=ombudsperson, held_on=today, channel="phone", topic="상담")
    for _index in range(4 + extra):
        ComplaintFactory(groups=[women], rights=[equality], respondent_agency="비밀요양원")
    for _index in range(2):
        ComplaintFactory(groups=[older], rights=[equality])
    made["closed"] = complaint_in_status("closed", actor=ombudsperson, groups=[women])

    checklist_published(actor=office, subject_type="ordinance")
    for outcome in ["revised", "revised", "not_revised"] + ["revised"] * extra:
        assessment_in_status(
            "closed", office=office, department_official=official, committee_member=member, outcome=outcome
        )
    checklist_published(actor=office, subject_type="building")
    assessment_in_status(
        "closed", office=office, department_official=official, committee_member=member, subject_type="building",
        title="서구 제3투표소",
    )  # fmt: skip

    committee = Committee.objects.get()
    plan_services.meeting_record(
        committee=committee,
        actor=office,
        held_on=today,
        kind="regular",
        title=f"{YEAR}년 제1차 정기회의",
        agenda=[("기본계획 연차 실적 보고", "원안 의결"), ("인권영향평가 결과 보고", "")],
    )
    opinion = plan_services.opinion_submit(committee=committee, actor=member, plan=plan, text="예산 집행률을 높일 것")
    plan_services.opinion_reply(opinion=opinion, actor=office, reflection="reflected", reply="하반기 집행 계획 반영")
    plan_services.opinion_submit(committee=committee, actor=member, plan=plan, text="장애인 접근성 과제 보완")
    return made


@pytest.fixture
def report_data(users, department, other_department):
    return build_report_data(users, department, other_department)


def get(client, url, **query):
    response = client.get(url, query)
    return response, unescape(response.content.decode())


def figure(html: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}">([^<]*)<', html)
    assert match, name
    return match.group(1).strip()


def summary(html: str, name: str) -> str:
    match = re.search(rf'data-summary="{name}">(.*?)</(?:li|p)>', html, re.S)
    assert match, name
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


# ---------------------------------------------------------------- the list of years


@pytest.mark.parametrize("name", EVERYONE)
def test_report_index_is_public_and_lists_the_years_with_data(client_for, report_data, name):
    response, html = get(client_for(name), "/reports/")

    assert response.status_code == 200
    assert f'href="/reports/{YEAR}/"' in html
    assert f'href="/reports/{YEAR}/pdf/?lang=ko"' in html
    assert f'href="/reports/{YEAR}/pdf/?lang=en"' in html
    assert f'data-year="{YEAR - 1}"' in html  # indicator values of the year before


def test_report_index_without_data_says_so(client):
    response, html = get(client, "/reports/")

    assert response.status_code == 200
    assert "There is no data for a report yet." in html


# ---------------------------------------------------------------- the web page


def test_report_has_every_section_with_a_table_of_contents(client, report_data):
    response, html = get(client, f"/reports/{YEAR}/")

    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert f"Annual human rights report {YEAR}" in html
    for section in ("summary", "plans", "indicators", "ombudsman", "impact", "committee", "left-behind"):
        assert f'href="#report-{section}"' in html
        assert f'id="report-{section}"' in html
    assert html.count("<caption>") >= 10
    assert 'scope="col"' in html
    assert 'scope="row"' in html


def test_report_figures_are_the_public_ones(client, report_data):
    _response, html = get(client, f"/reports/{YEAR}/")

    plans = summary(html, "plans")
    # Tasks A and B are confirmed; C is only submitted, so the public report does not count its record.
    assert "the plans in force have 3 policy tasks; 2 annual records were confirmed: 1 completed, 1 on track" in plans
    assert "110,000,000 KRW of the 150,000,000 KRW planned were spent (73.3%)" in plans
    assert "Budget: 110,000,000 KRW executed of 150,000,000 KRW planned (73.3%)" in html
    assert "사회적 소수자 인권 증진" in html
    assert "인권 행정 체계" in html

    indicators = summary(html, "indicators")
    assert "of 2 indicators" in indicators
    assert f"In {YEAR}, 2 indicators were measured: 1 improved on the year before and 1 worsened." in indicators
    improved = html[html.index('id="report-improved"') : html.index('id="report-worsened"')]
    assert "Human rights training" in improved
    assert "+10" in improved
    worsened = html[html.index('id="report-worsened"') :]
    assert "Experience of discrimination" in worsened[: worsened.index("</table>")]

    assert figure(html, "counselling_sessions") == "6"
    assert figure(html, "cases_received") == "7"
    assert figure(html, "cases_closed") == "1"
    groups = html[html.index('id="report-ombudsman-group"') :]
    groups = groups[: groups.index("</table>")]
    assert "Women" in groups
    assert ">5<" in groups
    assert "Older persons" in groups
    assert "fewer than 5" in groups
    assert "비밀요양원" not in html  # no agency names in public

    assert "4 assessments were requested and 4 carried out" in summary(html, "impact-figures")
    assert "Ordinances and regulations: 2 of 3 assessed were revised." in html
    criteria = html[html.index('id="report-impact-criteria"') :]
    assert ">3<" in criteria[: criteria.index("</table>")]  # the first criterion failed in each

    assert figure(html, "meetings") == "1"
    assert figure(html, "agenda_items") == "2"
    assert figure(html, "decisions") == "1"
    assert figure(html, "opinions") == "2"
    assert figure(html, "replies") == "1"
    assert figure(html, "impact_reviews") == "4"
    buildings = html[html.index('id="report-impact-buildings"') :]
    assert 'data-col="renovated">1<' in buildings[: buildings.index("</table>")]
    assert f"{YEAR}년 제1차 정기회의" in html
    assert "예산 집행률을 높일 것" not in html  # opinion texts stay on the staff pages

    behind = html[html.index('id="report-behind"') :]
    behind = behind[: behind.index("</table>")]
    assert "Human rights training" in behind
    assert "Sex: Women" in behind
    assert "-30" in behind
    assert "99" not in behind  # the unverified value of a group
    assert "1 value of a group of people was worse than the value for everyone" in summary(html, "left-behind")


def test_report_in_korean_by_default_and_english_with_the_language_or_lang(client, settings, report_data):
    settings.LANGUAGE_CODE = "ko"
    with translation.override("ko"):
        response, html = get(client, f"/reports/{YEAR}/")
    assert response.status_code == 200
    assert '<html lang="ko">' in html
    assert "광주광역시 제2차 인권증진 기본계획" in html  # the plan's Korean title

    _response, html = get(client, f"/reports/{YEAR}/", lang="en")
    assert '<html lang="en">' in html
    assert "Gwangju's 2nd Basic Plan for a Human Rights City" in html
    assert "The year in brief" in html

    client.cookies["portal_language"] = "en"
    _response, html = get(client, f"/reports/{YEAR}/")
    assert '<html lang="en">' in html
    assert "Who is left behind" in html


def test_report_of_a_year_without_data_is_404_and_a_bad_language_400(client, report_data):
    assert client.get(f"/reports/{YEAR - 30}/").status_code == 404

    response, html = get(client, f"/reports/{YEAR}/", lang="fr")
    assert response.status_code == 400
    assert "Choose Korean (ko) or English (en)" in html
    assert client.get(f"/reports/{YEAR}/pdf/", {"lang": "<script>"}).status_code == 400


@pytest.mark.parametrize("name", EVERYONE[1:])
def test_staff_read_the_same_report_as_the_public(client_for, report_data, name):
    _response, public = get(client_for(None), f"/reports/{YEAR}/")
    response, html = get(client_for(name), f"/reports/{YEAR}/")

    assert response.status_code == 200
    assert article(html) == article(public)


def test_report_runs_a_fixed_number_of_queries(client, users, department, other_department, django_assert_num_queries):
    build_report_data(users, department, other_department)
    with CaptureQueriesContext(connection) as first:
        assert client.get(f"/reports/{YEAR}/").status_code == 200

    build_report_data_more(users)
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(f"/reports/{YEAR}/")
    assert response.status_code == 200
    assert figure(unescape(response.content.decode()), "counselling_sessions") == "9"


def build_report_data_more(users):
    """More rows of the same kinds (same plan, framework, committee): the query count must not change."""
    office = users["office_staff"]
    women = VulnerableGroup.objects.get(code="women")
    for _index in range(3):
        ombudsman_services.counselling_record(
            actor=users["ombudsman"], held_on=timezone.localdate(), channel="visit", topic="상담"
        )
        ComplaintFactory(groups=[women])
    framework = indicator_services.framework_save(actor=office, name="충청남도 지역 SDGs", organisation="충청남도")
    indicator = indicator_of(framework, actor=office, code="9-01")
    measurement_of(indicator, actor=office, year=YEAR, value=10, verify_by=office)
    committee = Committee.objects.get()
    plan_services.meeting_record(committee=committee, actor=office, held_on=timezone.localdate(), kind="workshop",
                                 title="워크숍", agenda=[("안건", "의결")])  # fmt: skip


# ---------------------------------------------------------------- the PDF


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 7  # the cover and contents, then a page per section at least
    return "\n".join(page.extract_text() for page in reader.pages)


def squeezed(text: str) -> str:
    """Without white space: table cells wrap words over lines."""
    return re.sub(r"\s+", "", text)


def test_pdf_report_in_english_and_korean(client, report_data):
    started = timezone.now()
    response = client.get(f"/reports/{YEAR}/pdf/", {"lang": "en"})
    assert (timezone.now() - started).total_seconds() < 15

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="human-rights-report-{YEAR}-en.pdf"'
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert f"Annual human rights report {YEAR}" in text
    assert "Counselling and complaints" in text
    assert "Gwangju's 2nd Basic Plan" in text
    assert squeezed("사회적 소수자 인권 증진") in squeezed(text)  # Korean data: the KRDS font has the glyphs
    assert re.search(r"\b2 / \d+\b", text)  # page numbers

    response = client.get(f"/reports/{YEAR}/pdf/", {"lang": "ko"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="human-rights-report-{YEAR}-ko.pdf"'
    text = pdf_text(response.content)
    assert squeezed("광주광역시 제2차 인권증진 기본계획") in squeezed(text)
    assert squeezed("인권 행정 체계") in squeezed(text)
    assert squeezed(f"{YEAR}년 제1차 정기회의") in squeezed(text)


def test_pdf_follows_the_active_language_without_lang(client, report_data):
    client.cookies["portal_language"] = "en"
    response = client.get(f"/reports/{YEAR}/pdf/")

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'-{YEAR}-en.pdf"')


def test_pdf_without_weasyprint_libraries_answers_503_with_the_web_report(client, report_data, monkeypatch):
    real_import = builtins.__import__

    def failing_import(name, *args, **kwargs):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing_import)
    response, html = get(client, f"/reports/{YEAR}/pdf/", lang="en")

    assert response.status_code == 503
    assert "The PDF cannot be made right now" in html
    assert f'href="/reports/{YEAR}/"' in html


def test_report_pdf_helper_raises_pdf_unavailable(monkeypatch):
    real_import = builtins.__import__

    def failing_import(name, *args, **kwargs):
        if name.startswith("weasyprint"):
            raise OSError("no pango")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing_import)
    with pytest.raises(reporting.PdfUnavailable):
        reporting.report_pdf(html="<p>x</p>")


@pytest.mark.parametrize("name", EVERYONE)
def test_pdf_is_public(client_for, report_data, name, monkeypatch):
    monkeypatch.setattr(reporting, "report_pdf", lambda **kwargs: b"%PDF-1.7 test")
    response = client_for(name).get(f"/reports/{YEAR}/pdf/", {"lang": "ko"})

    assert response.status_code == 200
    assert response.content == b"%PDF-1.7 test"


def test_pdf_of_a_year_without_data_is_404(client, report_data):
    assert client.get(f"/reports/{YEAR + 5}/pdf/").status_code == 404


def test_reports_accept_get_only(client, report_data):
    assert client.post(f"/reports/{YEAR}/").status_code == 405
    assert client.post("/reports/").status_code == 405


# ---------------------------------------------------------------- in a browser


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_report_and_open_data_pages_have_no_axe_violations(live_server, page, users, department, other_department):
    from tests.browser_support import assert_no_axe_violations

    build_report_data(users, department, other_department)
    for url in ("/reports/", f"/reports/{YEAR}/?lang=en", f"/reports/{YEAR}/", f"/open-data/?year={YEAR}"):
        page.goto(live_server.url + url)
        assert_no_axe_violations(page, url)
    page.goto(live_server.url + "/open-data/")
    page.locator("#open-data-filter-title ~ form select[name=year]").select_option(str(YEAR))
    page.get_by_role("button", name=re.compile("Apply to the links|링크에 적용")).click()
    assert f"/open-data/annual_records.csv?year={YEAR}" in page.content()
