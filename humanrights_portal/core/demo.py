"""Demo data of the shared kernel: Gwangju's departments and one account per role.

``manage.py seed_demo`` calls ``seed()`` of every app that has a ``demo`` module, in
INSTALLED_APPS order, so later apps can rely on what this one creates.
"""

from dataclasses import dataclass

from django.conf import settings

from humanrights_portal.core.models import Department
from humanrights_portal.core.roles import Role
from humanrights_portal.core.services import department_upsert, staff_user_upsert

HUMAN_RIGHTS_OFFICE_CODE = "human-rights-office"

# (code, Korean name, English name, kind) — the bureaus of a metropolitan city like Gwangju.
DEPARTMENTS = [
    (HUMAN_RIGHTS_OFFICE_CODE, "인권평화협력관", "Human Rights and Peace Cooperation Office", Department.Kind.OFFICE),
    ("planning", "기획조정실", "Planning and Coordination Office", Department.Kind.OFFICE),
    ("administration", "자치행정국", "Autonomous Administration Bureau", Department.Kind.BUREAU),
    ("citizen-safety", "시민안전실", "Citizen Safety Office", Department.Kind.OFFICE),
    ("welfare-health", "복지건강국", "Welfare and Health Bureau", Department.Kind.BUREAU),
    ("women-family", "여성가족국", "Women and Family Bureau", Department.Kind.BUREAU),
    ("jobs-economy", "일자리경제실", "Jobs and Economy Office", Department.Kind.OFFICE),
    ("culture-sports", "문화체육실", "Culture and Sports Office", Department.Kind.OFFICE),
    ("urban-space", "도시공간국", "Urban Space Bureau", Department.Kind.BUREAU),
    ("transport-construction", "교통건설국", "Transport and Construction Bureau", Department.Kind.BUREAU),
    ("climate-environment", "기후환경국", "Climate and Environment Bureau", Department.Kind.BUREAU),
    ("ai-industry", "인공지능산업실", "AI Industry Office", Department.Kind.OFFICE),
    ("audit", "감사위원회", "Audit Committee", Department.Kind.COMMITTEE),
    ("education-cooperation", "교육협력관", "Education Cooperation Office", Department.Kind.OFFICE),
    ("public-health", "광주광역시 보건환경연구원", "Health and Environment Research Institute", Department.Kind.AGENCY),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    who: str


def seed(*, stdout=None) -> list[DemoLogin]:
    departments = {
        code: department_upsert(
            code=code,
            name_ko=name_ko,
            name_en=name_en,
            kind=kind,
            is_human_rights_office=code == HUMAN_RIGHTS_OFFICE_CODE,
            sort_order=order,
        )
        for order, (code, name_ko, name_en, kind) in enumerate(DEPARTMENTS, start=1)
    }
    password = settings.PORTAL_DEMO_PASSWORD
    accounts = [
        ("admin", "관리자", [Role.ADMINISTRATOR], None, True, "administrator (superuser)"),
        ("office", "김인권 주무관", [Role.OFFICE_STAFF], HUMAN_RIGHTS_OFFICE_CODE, False, "human rights office staff"),
        ("ombudsman", "박옴부즈 인권옴부즈맨", [Role.OMBUDSMAN], HUMAN_RIGHTS_OFFICE_CODE, False, "ombudsman"),
        ("committee", "이위원 위원", [Role.COMMITTEE_MEMBER], None, False, "committee member"),
        ("official", "최복지 주무관", [Role.DEPARTMENT_OFFICIAL], "welfare-health", False, "official, 복지건강국"),
        ("official2", "정도시 주무관", [Role.DEPARTMENT_OFFICIAL], "urban-space", False, "official, 도시공간국"),
    ]
    logins = []
    for username, display_name, roles, department_code, is_superuser, who in accounts:
        staff_user_upsert(
            username=username,
            password=password,
            roles=roles,
            display_name=display_name,
            email=f"{username}@humanrights.example.go.kr",
            department=departments[department_code] if department_code else None,
            is_superuser=is_superuser,
        )
        logins.append(DemoLogin(username=username, role=", ".join(role.value for role in roles), who=who))
    if stdout is not None:
        stdout.write(f"core: {len(departments)} departments, {len(accounts)} demo accounts")
    return logins
