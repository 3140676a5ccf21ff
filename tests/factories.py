"""factory_boy factories. Writes go through the services, as in production."""

import factory

from humanrights_portal.core import services
from humanrights_portal.core.models import Department, User
from humanrights_portal.core.roles import Role

TEST_PASSWORD = "correct-horse-battery-staple"


class DepartmentFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"department-{n}")
    name_ko = factory.Sequence(lambda n: f"시험부서{n}")
    name_en = factory.Sequence(lambda n: f"Test department {n}")
    kind = Department.Kind.BUREAU

    class Meta:
        model = Department

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.department_upsert(**kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    password = TEST_PASSWORD
    roles: list[Role] = []
    display_name = factory.Faker("name", locale="ko_KR")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.go.kr")
    department = None
    is_superuser = False

    class Meta:
        model = User

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.staff_user_upsert(**kwargs)


# ---------------------------------------------------------------- ombudsman
# Complaints are created through ``ombudsman.services`` like everything else; the factory returns the
# complaint with the one-time ``secret_key`` attached as an attribute so tests can track it.


class ComplaintFactory(factory.django.DjangoModelFactory):
    title = "시청 민원실 출입 제한"
    description = "휠체어를 이용하는데 시청 민원실 출입구 경사로가 막혀 있어 들어갈 수 없었습니다."
    respondent_agency = "광주광역시청"
    is_anonymous = False
    complainant_name = "홍길동"
    complainant_email = factory.Sequence(lambda n: f"citizen{n}@example.com")
    complainant_phone = ""
    consent_personal_data = True
    consent_sensitive_data = True

    class Meta:
        model = "ombudsman.Complaint"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from ombudsman import services as ombudsman_services

        if kwargs.get("is_anonymous"):
            kwargs.update(complainant_name="", complainant_email="", complainant_phone="")
        submitted = ombudsman_services.complaint_submit(**kwargs)
        complaint = submitted.complaint
        complaint.secret_key = submitted.secret_key
        return complaint


#: The transitions (after submission) that bring a new complaint to each status.
PATH_TO_STATUS = {
    "received": [],
    "screening": ["screening"],
    "investigating": ["screening", "investigating"],
    "recommendation_issued": ["screening", "investigating", "recommendation_issued"],
    "follow_up": ["screening", "investigating", "recommendation_issued", "follow_up"],
    "closed": ["screening", "investigating", "closed"],
    "dismissed": ["dismissed"],
    "withdrawn": ["withdrawn"],
    "referred": ["referred"],
}


def complaint_in_status(status: str, *, actor, **complaint_fields):
    """A complaint submitted and moved to ``status`` through the services (``actor``: an ombudsperson)."""
    import datetime

    from django.utils import timezone

    from ombudsman import services as ombudsman_services

    complaint = ComplaintFactory(**complaint_fields)
    secret_key = complaint.secret_key
    for step in PATH_TO_STATUS[status]:
        if step == "recommendation_issued":
            ombudsman_services.recommendation_issue(
                complaint=complaint,
                actor=actor,
                agency="광주광역시청",
                text="출입 절차를 개선할 것을 권고합니다.",
                public_summary="출입 절차 개선 권고",
                response_due=timezone.localdate() + datetime.timedelta(days=60),
            )
        else:
            ombudsman_services.case_transition(complaint=complaint, to=step, actor=actor, reason="시험 사유")
    complaint.refresh_from_db()
    complaint.secret_key = secret_key
    return complaint


def png_bytes() -> bytes:
    """A valid PNG image of one pixel."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def docx_bytes() -> bytes:
    """A minimal Word document: a zip archive holding ``word/document.xml``."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return buffer.getvalue()


# ---------------------------------------------------------------- plans
# Plans, areas, tasks and records are made through ``plans.services`` with an office account as actor.


def plan_draft(*, actor, **fields):
    """A draft basic plan (2018-2022 unless told otherwise)."""
    from plans import services as plan_services

    data = {
        "title": "광주광역시 제2차 인권증진 기본계획",
        "title_en": "Gwangju's 2nd Basic Plan for a Human Rights City",
        "organisation": "광주광역시",
        "start_year": 2018,
        "end_year": 2022,
        "vision": "인권이 일상이 되는 도시",
    }
    data.update(fields)
    return plan_services.plan_create(actor=actor, **data)


def plan_adopted(*, actor, adopted_on=None, **fields):
    """An adopted basic plan, adopted on 1 March of its first year unless told otherwise."""
    import datetime

    from plans import services as plan_services

    plan = plan_draft(actor=actor, **fields)
    return plan_services.plan_adopt(
        plan=plan, actor=actor, adopted_on=adopted_on or datetime.date(plan.start_year, 3, 1)
    )


def area_of(plan, *, actor, number=1, title=None):
    from plans import services as plan_services

    return plan_services.area_save(plan=plan, actor=actor, number=number, title=title or f"영역 {number}")


def task_of(area, *, actor, department, code=None, title=None, budgets=None, **fields):
    """A policy task of ``area`` for which ``department`` is responsible."""
    from plans import services as plan_services
    from plans.models import PolicyTask

    if code is None:
        code = f"{area.number}-{PolicyTask.objects.filter(area=area).count() + 1:02d}"
    return plan_services.task_save(
        area=area,
        actor=actor,
        code=code,
        title=title or f"시험 과제 {code}",
        responsible_department=department,
        budgets=budgets,
        **fields,
    )


#: The services that bring a draft record to each review state.
RECORD_PATH = {
    "draft": [],
    "submitted": ["submit"],
    "confirmed": ["submit", "confirm"],
    "returned": ["submit", "return"],
}


def record_in_state(record, state, *, office, reporter=None):
    """Fill ``record`` (a draft) and move it to ``state`` through the services.

    ``reporter`` submits (the office when not given); ``office`` confirms or returns.
    """
    from plans import services as plan_services

    reporter = reporter or office
    if state != "draft" or not record.narrative:
        record = plan_services.record_save(
            record=record,
            actor=reporter,
            narrative=record.narrative or "계획대로 추진함",
            progress=50,
            progress_status="on_track",
        )
    for step in RECORD_PATH[state]:
        if step == "submit":
            record = plan_services.record_submit(record=record, actor=reporter)
        elif step == "confirm":
            record = plan_services.record_confirm(record=record, actor=office)
        else:
            record = plan_services.record_return(record=record, actor=office, comment="예산 집행 내역을 보완하세요.")
    return record


# ---------------------------------------------------------------- indicators
# Frameworks, areas, indicators and measurements are made through ``indicators.services`` with an office
# account as actor (measurements: the office, or an official of the indicator's department).


def indicator_framework(*, actor, **fields):
    """A framework (the Gwangju Human Rights Indicators unless told otherwise)."""
    from indicators import services as indicator_services

    data = {"name": "광주광역시 인권지표", "name_en": "Gwangju Human Rights Indicators", "organisation": "광주광역시"}
    data.update(fields)
    return indicator_services.framework_save(actor=actor, **data)


def indicator_area(framework, *, actor, number=1, title=None, **fields):
    from indicators import services as indicator_services

    return indicator_services.area_save(
        framework=framework, actor=actor, number=number, title=title or f"영역 {number}", **fields
    )


def indicator_of(framework, *, actor, area=None, code=None, **fields):
    """An indicator of ``framework`` (baseline 50 in 2012, target 80 in 2020, % unless told otherwise)."""
    from decimal import Decimal

    from indicators import services as indicator_services
    from indicators.models import Indicator

    if area is None:
        area = framework.areas.order_by("number").first() or indicator_area(framework, actor=actor)
    if code is None:
        code = f"{area.number}-{Indicator.objects.filter(framework=framework).count() + 1:02d}"
    data = {
        "name_ko": f"시험 지표 {code}",
        "unit": "%",
        "baseline_value": Decimal("50"),
        "baseline_year": 2012,
        "target_value": Decimal("80"),
        "target_year": 2020,
    }
    data.update(fields)
    return indicator_services.indicator_save(framework=framework, actor=actor, area=area, code=code, **data)


def measurement_of(indicator, *, actor, year, value, verify_by=None, **fields):
    """A value of ``indicator`` entered by ``actor``; verified by ``verify_by`` when given."""
    from decimal import Decimal

    from indicators import services as indicator_services

    measurement = indicator_services.measurement_save(
        indicator=indicator, actor=actor, year=year, value=Decimal(str(value)), **fields
    )
    if verify_by is not None:
        indicator_services.measurements_verify(measurements=[measurement], actor=verify_by)
        measurement.refresh_from_db()
    return measurement


# ---------------------------------------------------------------- impact assessments
# Checklists and assessments go through ``impact.services``; ``assessment_in_status`` walks an
# assessment along the workflow with plausible answers so tests can start from any status.

LEGISLATION_CRITERIA = [
    ("평등·차별금지", "성별, 장애, 나이, 국적 등을 이유로 한 차별적 조항이 없는가?"),
    ("장애인 접근성", "장애인이 제도와 서비스를 동등하게 이용할 수 있도록 규정하고 있는가?"),
    ("개인정보·사생활", "개인정보의 수집·이용 범위가 목적에 필요한 최소한으로 정해져 있는가?"),
]

BUILDING_CRITERIA = [
    ("장애인 접근성", "주출입구에 턱이 없거나 경사로가 설치되어 있는가?"),
    ("장애인 접근성", "장애인 화장실이 설치되어 있고 이용할 수 있는가?"),
    ("노인·아동", "노인과 아동이 안전하게 이용할 수 있는 안내와 휴게 공간이 있는가?"),
]


def checklist_published(*, actor, subject_type="ordinance", criteria=None, title=None):
    """A published checklist template of ``subject_type`` with the given (section, text) criteria."""
    from impact import services as impact_services

    template = impact_services.template_create(
        actor=actor, subject_type=subject_type, title=title or f"{subject_type} 인권영향평가 체크리스트"
    )
    if not template.criteria.exists():
        default = BUILDING_CRITERIA if subject_type == "building" else LEGISLATION_CRITERIA
        for section, text in criteria or default:
            impact_services.criterion_save(template=template, actor=actor, section=section, text=text)
    return impact_services.template_publish(template=template, actor=actor)


def assessment_requested(*, actor, department, subject_type="ordinance", title=None, **fields):
    from impact import services as impact_services

    defaults = {
        "ordinance": {"revision_kind": "partial", "article_numbers": "제3조, 제7조"},
        "regulation": {"revision_kind": "new"},
        "building": {"address": "광주광역시 서구 내방로 111", "facility_use": "polling_station"},
        "event": {"event_start": __import__("datetime").date(2026, 10, 3), "venue": "5·18민주광장"},
        "policy": {},
    }[subject_type]
    return impact_services.assessment_request(
        actor=actor,
        department=department,
        subject_type=subject_type,
        title=title or "광주광역시 장애인 일자리 지원 조례 일부개정조례안",
        description="장애인 일자리 지원 대상과 절차를 정하는 조례 개정안",
        **{**defaults, **fields},
    )


IMPACT_PATH = [
    "requested",
    "in_assessment",
    "findings_issued",
    "responded",
    "outcome_recorded",
    "committee_review",
    "closed",
]


def assessment_in_status(status, *, office, department_official, committee_member=None, outcome="revised", **fields):
    """An assessment of ``department_official``'s department walked to ``status`` through the services.

    Needs a published checklist for the subject type (see ``checklist_published``). On the way the
    first criterion is answered "no" with a finding and recommendation, the others "yes"; the
    department accepts the recommendation. ``withdrawn`` is reached from "requested".
    """
    import datetime

    from django.utils import timezone

    from impact import services as impact_services

    assessment = assessment_requested(actor=department_official, department=department_official.department, **fields)
    if status == "requested":
        return assessment
    if status == "withdrawn":
        return impact_services.assessment_withdraw(assessment=assessment, actor=office, reason="조례안 철회")
    target = IMPACT_PATH.index(status)
    assessment = impact_services.assessment_start(assessment=assessment, actor=office)
    if target >= 2:
        rows = list(assessment.answers.select_related("criterion").order_by("criterion__number"))
        answers = {
            row.criterion_id: {"answer": "no", "note": "차별 소지가 있는 조항이 있음"}
            if index == 0
            else {"answer": "yes", "note": ""}
            for index, row in enumerate(rows)
        }
        impact_services.checklist_save(assessment=assessment, actor=office, answers=answers)
        impact_services.finding_save(
            assessment=assessment,
            actor=office,
            criterion=rows[0].criterion,
            finding="제3조의 지원 대상에서 외국인 주민이 제외되어 있음",
            recommendation="지원 대상에 외국인 주민을 포함하도록 제3조를 개정할 것",
        )
        assessment = impact_services.findings_issue(assessment=assessment, actor=office, summary="차별 소지 조항 1건")
    if target >= 3:
        finding = assessment.findings.get()
        impact_services.responses_save(
            assessment=assessment,
            actor=department_official,
            responses={finding.pk: {"response": "accepted", "reason": "개정안에 반영"}},
        )
        assessment = impact_services.responses_submit(assessment=assessment, actor=department_official)
    if target >= 4:
        assessment = impact_services.outcome_record(
            assessment=assessment,
            actor=department_official,
            outcome=outcome,
            outcome_on=timezone.localdate() - datetime.timedelta(days=1)
            if assessment.requested_on < timezone.localdate()
            else timezone.localdate(),
            summary="" if outcome == "not_revised" else "제3조에 외국인 주민을 지원 대상으로 추가",
        )
    if target >= 5:
        assessment = impact_services.committee_review_request(assessment=assessment, actor=office)
    if target >= 6:
        from plans.models import Committee

        committee, _ = Committee.objects.get_or_create(
            name="광주광역시 인권증진시민위원회", defaults={"organisation": "광주광역시"}
        )
        impact_services.committee_review_submit(
            assessment=assessment,
            actor=committee_member or office,
            committee=committee,
            conclusion="agreed",
            text="개정 결과에 동의함",
        )
        assessment = impact_services.assessment_close(
            assessment=assessment, actor=office, public_summary="외국인 주민을 지원 대상에 포함하도록 개정됨"
        )
    return assessment
