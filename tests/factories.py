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
