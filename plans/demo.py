"""Demo data of the plans app, built from the seed documents (``shared/seeds``).

What the seed documents say, and what this module recreates:

- Gwangju's 1st Basic Plan for a Human Rights City (2012-2016, completed; a few areas and tasks)
  and its 2nd Basic Plan (2018-2022, adopted in 2018), drafted after a comprehensive survey on
  the human rights situation, expert meetings on socially disadvantaged people, consultations
  with service units and a review by the Citizen Committee of Human Rights Promotion; its annual
  action plan has **123 policy tasks in 6 areas**. Each task has a responsible department (the
  bureaus of the core demo), co-operating departments, target groups, SDG targets and a planned
  budget for each year of the plan.
- Two years of annual records of the 2nd plan (2019 and 2020: mostly confirmed, a few returned
  with the office's comments) and the latest round, 2021, still open past its due date, with
  draft, submitted and returned records (the ``official`` demo account, 복지건강국, has work to do).
- Ulsan's Basic Plan for Promotion of Human Rights 2016-2020: **75 fields in 6 categories** across
  **15 departments**. The demo only has Gwangju's departments (the core demo), so Ulsan's fields,
  and the tasks of the Seoul and Chungnam plans, are given to the bureau of the same remit.
- Seoul's 2nd Action Plan (2018) and Chungnam's 1st Basic Plan, each with 4 goals and a handful
  of tasks.
- Gwangju's Human Rights Improvement Citizen Committee (since 2009, 20 members on two-year terms,
  co-chaired by the mayor and a civil-society member, four regular meetings a year plus
  sub-committee meetings and workshops) for the 2019-2020 term, with agenda items, decisions,
  attendance and review opinions on the 2nd plan, its tasks and its records, most of them
  answered by the office; the ``committee`` demo account is one of the members. And, briefly,
  Ulsan's Human Rights Committee (13 meetings from 2014 to 2018).

Everything is written through ``plans.services`` by the demo accounts, so every step has its
audit event. The services stamp ``timezone.now()`` on what they record (a round's opening and
closing, a record's submission and review, an opinion and its reply), which would date the
reports of 2019 to the day the demo is loaded; so, *in this demo module only*, those timestamps
are re-dated afterwards to the reporting years with a few queryset updates (``_redate``). Audit
events are not re-dated: they truthfully record when the demo data was loaded, and the portal
never rewrites them.

Idempotent: when Gwangju's 2nd Basic Plan exists, the plans demo data is there and nothing is added.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone

from humanrights_portal.core.models import Department, SdgTarget, User, VulnerableGroup
from plans import services
from plans.models import (
    AnnualRecord,
    AreaKind,
    BasePlan,
    Committee,
    CommitteeMember,
    Meeting,
    PolicyTask,
    ProgressStatus,
    ReportingRound,
    ReviewOpinion,
    ReviewState,
)

RANDOM_SEED = 2018
GWANGJU = "광주광역시"
GWANGJU_2ND_TITLE = "광주광역시 제2차 인권증진 기본계획"
REPORT_YEARS = (2019, 2020)
OPEN_YEAR = 2021
DISTRICTS = ["동구", "서구", "남구", "북구", "광산구"]
M = 1_000_000

HRO = "human-rights-office"
PLANNING = "planning"
ADMIN = "administration"
SAFETY = "citizen-safety"
WELFARE = "welfare-health"
WOMEN = "women-family"
JOBS = "jobs-economy"
CULTURE = "culture-sports"
URBAN = "urban-space"
TRANSPORT = "transport-construction"
CLIMATE = "climate-environment"
AI = "ai-industry"
AUDIT = "audit"
EDUCATION = "education-cooperation"
HEALTH = "public-health"

DIS = "persons-with-disabilities"
MIG = "migrants"
WOM = "women"
WRK = "workers"
OLD = "older-persons"
YOU = "children-youth"
NKD = "north-korean-defectors"
LGB = "sexual-minorities"
HML = "homeless-persons"
PSY = "psychiatric-patients"
FAC = "facility-residents"
LOW = "low-income"


@dataclass(frozen=True)
class TaskSpec:
    """A policy task as the plan lists it; ``{v}`` in the title is filled from ``variants``.

    ``variants`` are plain strings, or ``(label, group codes)`` when the target group varies too.
    ``budget`` is the yearly range in millions of won.
    """

    title: str
    department: str
    groups: tuple[str, ...] = ()
    sdgs: tuple[str, ...] = ()
    budget: tuple[int, int] = (20, 100)
    variants: tuple = ()


T = TaskSpec

GWANGJU_VISION = "인권이 일상이 되는 정의로운 공동체, 인권도시 광주"
GWANGJU_DRAFTING = (
    "광주광역시 인권 실태에 관한 종합 조사를 실시하고(2017), 사회적 약자 분야별 전문가 회의를 열었으며, "
    "과제를 수행할 실·국 및 사업부서와 협의를 거친 뒤, 인권증진시민위원회의 심의를 받아 확정하였다."
)
GWANGJU_2ND_AREAS = [
    (
        "사회적 소수자 인권 증진",
        "Promotion of human rights for social minorities",
        38,
        [
            T("장애인 이동권 보장을 위한 저상버스 확대", TRANSPORT, (DIS,), ("11.2",), (800, 3000)),
            T("장애인 특별교통수단 증차 및 24시간 운영", TRANSPORT, (DIS,), ("11.2",), (500, 2000)),
            T("장애인 탈시설 자립생활 주택 운영", WELFARE, (DIS, FAC), ("10.2",), (300, 1200)),
            T("발달장애인 공공후견 지원", WELFARE, (DIS,), ("16.3",), (20, 100)),
            T("이주노동자 인권상담 지원", JOBS, (MIG, WRK), ("8.8",), (50, 200)),
            T("결혼이주여성 통번역 서비스 지원", WOMEN, (MIG, WOM), ("10.2",), (80, 300)),
            T("이주배경 아동 보육료 지원", WOMEN, (MIG, YOU), ("4.2",), (200, 900)),
            T("노인 돌봄 종사자 처우 개선", WELFARE, (OLD, WRK), ("8.5",), (300, 1500)),
            T("독거노인 응급안전 알림서비스 확대", WELFARE, (OLD,), ("3.8",), (100, 500)),
            T("노인학대 예방 및 피해노인 보호", WELFARE, (OLD,), ("16.1",), (50, 300)),
            T("아동학대 예방 및 피해아동 보호체계 강화", WOMEN, (YOU,), ("16.2",), (200, 800)),
            T("학교 밖 청소년 지원센터 운영", WOMEN, (YOU,), ("4.1",), (150, 600)),
            T("청소년 노동인권 보호 교육", JOBS, (YOU, WRK), ("8.7",), (20, 80)),
            T("여성폭력 피해자 통합지원센터 운영", WOMEN, (WOM,), ("5.2",), (300, 1000)),
            T("디지털 성범죄 피해자 지원", WOMEN, (WOM,), ("5.2",), (30, 150)),
            T("노숙인 임시주거 및 자활 지원", WELFARE, (HML, LOW), ("1.3", "11.1"), (200, 800)),
            T("정신질환자 지역사회 정착 지원", WELFARE, (PSY,), ("3.4",), (150, 700)),
            T("정신의료기관 입원환자 인권 모니터링", WELFARE, (PSY,), ("16.3",), (20, 80)),
            T("북한이탈주민 정착 지원 및 인권상담", ADMIN, (NKD,), ("10.2",), (50, 250)),
            T("저소득층 주거환경 개선(집수리) 지원", URBAN, (LOW,), ("11.1",), (500, 2500)),
            T("감정노동자 권리보호 지원", JOBS, (WRK,), ("8.8",), (30, 150)),
            T("비정규직 노동자 권익보호센터 운영", JOBS, (WRK,), ("8.8",), (200, 500)),
            T("사회복지시설 생활인 인권지킴이단 운영", WELFARE, (FAC,), ("16.3",), (20, 100)),
            T("장애인 공공일자리 확대", JOBS, (DIS, WRK), ("8.5",), (800, 3000)),
            T("폭염·한파 취약계층 보호 대책 추진", SAFETY, (OLD, LOW), ("1.5",), (100, 500)),
            T("{v} 장애인 편의시설 실태조사 및 개선", WELFARE, (DIS,), ("11.7",), (30, 150), tuple(DISTRICTS)),
            T(
                "{v} 인권실태조사",
                HRO,
                (),
                ("10.3",),
                (20, 100),
                (
                    ("장애인", (DIS,)),
                    ("이주민", (MIG,)),
                    ("노인", (OLD,)),
                    ("아동·청소년", (YOU,)),
                    ("성소수자", (LGB,)),
                ),
            ),
            T("{v} 무장애 생활환경 조성", URBAN, (DIS, OLD), ("11.7",), (100, 600), tuple(DISTRICTS)),
        ],
    ),
    (
        "인권제도 및 인권행정",
        "Human rights system and human rights administration",
        22,
        [
            T("공무원 인권교육 의무화", HRO, (), ("4.7",), (50, 200)),
            T("인권영향평가 제도 운영", HRO, (), ("16.7",), (30, 120)),
            T("자치법규 인권영향 검토", PLANNING, (), ("16.b",), (10, 40)),
            T("인권옴부즈맨 조사·구제 활동 강화", HRO, (), ("16.3",), (100, 300)),
            T("인권지표 개발 및 모니터링", HRO, (), ("17.18",), (30, 100)),
            T("인권 친화적 민원행정 개선", ADMIN, (), ("16.6",), (20, 80)),
            T("공공기관 인권경영 도입 지원", PLANNING, (), ("16.6",), (20, 80)),
            T("공공데이터 개인정보 보호 실태 점검", AI, (), ("16.10",), (20, 60)),
            T("감사업무 인권 기준 적용", AUDIT, (), ("16.6",), (10, 30)),
            T("시 청사 장애인 접근성 개선", ADMIN, (DIS,), ("11.7",), (200, 1000)),
            T("인권 전담 조직 및 인력 확충", ADMIN, (), ("16.6",), (100, 400)),
            T("인권 기본조례 개정", HRO, (), ("16.b",), (10, 30)),
            T("성인지 예산 제도 운영", PLANNING, (WOM,), ("5.c",), (10, 40)),
            T("공공부문 비정규직 정규직 전환", ADMIN, (WRK,), ("8.5",), (500, 3000)),
            T("재난 시 안전약자 보호 매뉴얼 정비", SAFETY, (DIS, OLD), ("11.5",), (20, 100)),
            T(
                "{v} 인권교육 실시",
                HRO,
                (),
                ("4.7",),
                (20, 150),
                (
                    "사회복지시설 종사자",
                    "공공기관 임직원",
                    "교원·학부모",
                    "신규 임용 공무원",
                    "의료기관 종사자",
                    "경찰·소방 공무원",
                    "시·구의원",
                ),
            ),
        ],
    ),
    (
        "인권공동체 문화 형성",
        "Formation of a human rights community culture",
        20,
        [
            T("시민 인권교육 프로그램 운영", HRO, (), ("4.7",), (100, 300)),
            T("인권주간 기념행사 개최", HRO, (), ("4.7",), (30, 100)),
            T("광주인권영화제 지원", CULTURE, (), ("4.7",), (50, 150)),
            T("학교 인권교육 지원", EDUCATION, (YOU,), ("4.7",), (100, 400)),
            T("세계 문화다양성 축제 개최", CULTURE, (MIG,), ("10.2",), (100, 300)),
            T("인권 작은도서관 운영", CULTURE, (), ("4.7",), (20, 80)),
            T("청소년 인권 동아리 지원", EDUCATION, (YOU,), ("4.7",), (20, 60)),
            T("시민 인권 서포터즈 운영", HRO, (), ("16.7",), (10, 40)),
            T("장애인 문화예술 활동 지원", CULTURE, (DIS,), ("10.2",), (100, 500)),
            T("인권 공모전(글·사진·영상) 개최", CULTURE, (), ("4.7",), (10, 30)),
            T("{v} 인권마을 조성", HRO, (), ("11.3",), (50, 150), tuple(DISTRICTS)),
            T("{v} 마을 인권학교 운영", HRO, (), ("4.7",), (10, 50), tuple(DISTRICTS)),
        ],
    ),
    (
        "인권협력체계 구축",
        "Establishment of a human rights cooperation system",
        14,
        [
            T("인권정책 민관협의회 운영", HRO, (), ("16.7",), (10, 40)),
            T("인권단체 협력 네트워크 운영", HRO, (), ("17.17",), (20, 60)),
            T("시민사회 인권활동 공모사업 지원", HRO, (), ("17.17",), (100, 300)),
            T("국가인권위원회 광주인권사무소 협력", HRO, (), ("16.a",), (10, 20)),
            T("교육청 학생인권 협력사업", EDUCATION, (YOU,), ("4.7",), (10, 50)),
            T("노사민정 협의회 노동인권 의제 협력", JOBS, (WRK,), ("8.8",), (20, 80)),
            T("장애인단체 정책협의체 운영", WELFARE, (DIS,), ("10.2",), (10, 40)),
            T("이주민 지원기관 협의체 운영", WOMEN, (MIG,), ("10.7",), (10, 40)),
            T("대학·연구기관 인권정책 연구 협력", PLANNING, (), ("17.17",), (50, 200)),
            T("{v} 인권협의체 운영 지원", ADMIN, (), ("16.7",), (10, 50), tuple(DISTRICTS)),
            T("공공기관 인권담당자 협의회 운영", HRO, (), ("16.6",), (10, 30)),
        ],
    ),
    (
        "인권도시 광주의 위상 강화",
        "Strengthening the status of Gwangju as a human rights city",
        15,
        [
            T("세계인권도시포럼 개최", HRO, (), ("16.a", "17.17"), (1000, 2500)),
            T("광주인권상 시상", ADMIN, (), ("16.10",), (50, 200)),
            T("5·18 민주화운동 정신 계승 사업", ADMIN, (), ("16.10",), (500, 3000)),
            T("세계인권도시 네트워크 구축", HRO, (), ("17.17",), (50, 200)),
            T("국제인권교육센터 유치 추진", HRO, (), ("4.7",), (100, 500)),
            T("광주 인권도시 의제 2030 수립", HRO, (), ("17.14",), (50, 150)),
            T("유엔 인권기구 협력 사업", HRO, (), ("16.a",), (30, 100)),
            T("아시아 인권도시 교류", HRO, (), ("17.17",), (50, 200)),
            T("인권도시 광주 다국어 홍보", CULTURE, (), ("16.10",), (20, 80)),
            T("국립아시아문화전당 연계 인권 콘텐츠 개발", CULTURE, (), ("11.4",), (100, 500)),
            T(
                "{v} 인권도시 교류 협력",
                HRO,
                (),
                ("17.17",),
                (20, 80),
                ("몽골 울란바토르", "인도네시아 반둥", "필리핀 케손", "스웨덴 레노", "스페인 바르셀로나"),
            ),
            T("국제 청년 인권 교류 캠프", HRO, (YOU,), ("4.7",), (30, 100)),
        ],
    ),
    (
        "광주인권헌장 실천",
        "Implementation of the Gwangju Human Rights Charter",
        14,
        [
            T("광주인권헌장 실천 시민 캠페인", HRO, (), ("16.10",), (30, 100)),
            T("광주인권헌장 실천 점검 및 평가", HRO, (), ("16.7",), (20, 60)),
            T("인권헌장 해설서 발간·보급", HRO, (), ("16.10",), (10, 40)),
            T("인권헌장 공공시설 게시 및 안내", ADMIN, (), ("16.10",), (10, 30)),
            T("인권헌장 기반 생활 인권 규범 교육", EDUCATION, (YOU,), ("4.7",), (20, 80)),
            T("안전하게 살 권리: 생활안전 취약지역 개선", SAFETY, (), ("11.7",), (300, 1500)),
            T("깨끗한 환경에서 살 권리: 미세먼지 취약계층 보호", CLIMATE, (OLD, YOU), ("3.9",), (100, 600)),
            T("건강할 권리: 생활환경 유해물질 정보 공개", HEALTH, (), ("3.9",), (50, 200)),
            T("일할 권리: 생활임금 제도 운영", JOBS, (WRK,), ("8.5",), (20, 80)),
            T("주거권: 공공임대주택 공급 확대", URBAN, (LOW,), ("11.1",), (1000, 3000)),
            T("{v} 광주인권헌장 실천 주민 캠페인", ADMIN, (), ("16.10",), (10, 30), tuple(DISTRICTS)),
        ],
    ),
]

GWANGJU_1ST_AREAS = [
    (
        "인권 제도화",
        [
            T("광주인권헌장 제정", HRO, (), ("16.10",), (20, 60)),
            T("인권지표 개발", HRO, (), ("17.18",), (30, 80)),
            T("인권옴부즈맨 제도 도입", HRO, (), ("16.3",), (100, 200)),
        ],
    ),
    (
        "인권교육과 인권문화",
        [
            T("공무원 인권교육 실시", HRO, (), ("4.7",), (30, 100)),
            T("인권마을 시범 조성", HRO, (), ("11.3",), (50, 100)),
            T("세계인권도시포럼 개최", HRO, (), ("16.a",), (800, 1500)),
        ],
    ),
    (
        "사회적 약자 인권 증진",
        [
            T("장애인 이동 편의 증진", TRANSPORT, (DIS,), ("11.2",), (500, 1500)),
            T("이주민 인권 지원", WOMEN, (MIG,), ("10.7",), (50, 200)),
            T("노인 인권 보호", WELFARE, (OLD,), ("16.1",), (50, 200)),
        ],
    ),
]

#: Ulsan: 6 categories of fields, "title|department" (75 fields, every one of the 15 departments).
ULSAN_CATEGORIES = [
    (
        "인권 제도 기반 구축",
        "인권 기본조례 정비|human-rights-office 인권위원회 기능 강화|human-rights-office 인권센터 설치·운영|"
        "human-rights-office 인권영향평가 도입|planning 인권지표 개발|planning 인권 실태조사|human-rights-office "
        "인권 전담 조직 강화|administration 자치법규 인권 검토|planning 인권침해 구제 절차 마련|audit "
        "공공기관 인권경영|planning 기본계획 연차 평가|human-rights-office 개인정보 보호 강화|ai-industry "
        "민원행정 인권 개선|administration",
    ),
    (
        "인권교육 및 인권문화 확산",
        "공무원 인권교육|administration 시민 인권교육|human-rights-office 사회복지 종사자 인권교육|welfare-health "
        "학교 인권교육 협력|education-cooperation 인권강사 양성|human-rights-office 인권 토크콘서트 개최|"
        "culture-sports 인권주간 행사|human-rights-office 인권 홍보물 제작|culture-sports 읍면동장 인권교육|"
        "administration 지역아동센터 아동 인권교육|women-family 인권영화 상영회|culture-sports 인권도서 보급|"
        "education-cooperation 인권문화 공모전|culture-sports",
    ),
    (
        "사회적 약자 인권 보호",
        "장애인 이동권 보장|transport-construction 장애인 자립생활 지원|welfare-health 노인학대 예방|welfare-health "
        "아동 권리 보장|women-family 청소년 참여 확대|women-family 여성폭력 예방|women-family 이주민 인권 보호|"
        "jobs-economy 다문화가족 지원|women-family 북한이탈주민 정착 지원|administration 노숙인 보호|"
        "welfare-health 정신장애인 권익 옹호|public-health 시설 생활인 인권 보호|welfare-health "
        "저소득층 주거 지원|urban-space",
    ),
    (
        "시민 생활 속 인권 증진",
        "생활안전 보장|citizen-safety 재난 취약계층 보호|citizen-safety 대기환경 개선|climate-environment "
        "산업단지 유해물질 관리|climate-environment 공공의료 접근성|public-health 감염병 대응 인권 보호|"
        "public-health 공공시설 접근성 개선|urban-space 보행 안전환경 조성|transport-construction "
        "공원·녹지 접근성|urban-space 먹거리 안전|public-health 문화 향유 기회 확대|culture-sports "
        "체육시설 이용 차별 해소|culture-sports",
    ),
    (
        "노동 인권 및 일자리",
        "노동인권센터 운영|jobs-economy 청소년 노동인권 보호|jobs-economy 감정노동자 보호|jobs-economy "
        "비정규직 처우 개선|administration 생활임금 도입|jobs-economy 산업재해 예방|citizen-safety "
        "이주노동자 상담|jobs-economy 여성 고용 차별 해소|women-family 장애인 고용 확대|welfare-health "
        "조선업 하청 노동자 지원|jobs-economy 고령자 일자리|welfare-health 공공부문 정규직 전환|administration",
    ),
    (
        "인권 거버넌스 및 협력",
        "인권위원회 분과 구성|human-rights-office 민관 인권 워크숍|human-rights-office 인권단체 협력|"
        "human-rights-office 구·군 인권협의체|administration 국가인권위원회 협력|human-rights-office "
        "시민 인권 모니터링단|audit 인권정책 연구 협력|planning 인권 네트워크 참여|human-rights-office "
        "인권도시 교류|culture-sports 주민참여예산 인권 심사|planning 언론 인권보도 협력|ai-industry "
        "종교계 인권 협력|culture-sports",
    ),
]

SEOUL_GOALS = [
    (
        "시민 생활 속 인권 증진",
        [T("인권옴부즈맨 조사·권고", HRO, (), ("16.3",)), T("철거현장 인권지킴이단 운영", URBAN, (LOW,), ("11.1",))],
    ),
    (
        "인권 친화적 도시공간 조성",
        [
            T("인권영향평가 시범 실시", PLANNING, (), ("16.7",)),
            T("장애인 보행 접근성 개선", TRANSPORT, (DIS,), ("11.2",)),
        ],
    ),
    (
        "차이를 존중하는 인권문화 확산",
        [
            T("인권아카데미 공무원 인권교육", HRO, (), ("4.7",)),
            T("다양성 존중 시민교육", CULTURE, (MIG, LGB), ("10.2",)),
        ],
    ),
    (
        "인권 제도 및 거버넌스 강화",
        [T("인권도시 네트워크 운영", HRO, (), ("17.17",)), T("서울인권컨퍼런스 개최", HRO, (), ("16.a",), (200, 500))],
    ),
]
CHUNGNAM_GOALS = [
    (
        "사회적 약자 인권 증진",
        [
            T("인권 실태조사(아동·이주노동자·노인)", HRO, (YOU, MIG, OLD), ("10.3",)),
            T("장애인 이동권 실태조사", WELFARE, (DIS,), ("11.2",)),
        ],
    ),
    (
        "지역 인권 보장 체계 개선",
        [T("인권영향평가 실시", PLANNING, (), ("16.7",)), T("인권옴부즈맨 운영", HRO, (), ("16.3",))],
    ),
    (
        "인권교육·인권문화",
        [T("공무원 인권교육 의무화", ADMIN, (), ("4.7",)), T("인권주간 기념행사", CULTURE, (), ("4.7",))],
    ),
    (
        "인권 협력 체계",
        [T("인권위원회·인권센터 운영", HRO, (), ("16.7",)), T("인권단체 협력 사업", HRO, (), ("17.17",))],
    ),
]

#: What departments write, by progress status.
NARRATIVES = {
    ProgressStatus.COMPLETED: [
        "연간 계획한 사업을 모두 완료함. 사업 결과보고서와 예산 집행 내역을 첨부함.",
        "목표 대비 100% 달성. 참여자 만족도 조사 결과 평균 4.3점(5점 만점).",
        "계획된 일정에 따라 추진 완료하였으며 성과를 차년도 계획에 반영할 예정임.",
    ],
    ProgressStatus.ON_TRACK: [
        "상반기 계획 수립 및 대상자 선정을 마치고 하반기 사업을 정상 추진 중임.",
        "분기별 추진 실적 점검 결과 계획대로 진행 중이며 연말까지 목표 달성 예정임.",
        "관계기관 협의를 마치고 사업을 추진 중임. 잔여 예산은 4분기 집행 예정.",
    ],
    ProgressStatus.DELAYED: [
        "수탁기관 선정이 늦어져 사업 착수가 지연됨. 하반기 집중 추진 예정.",
        "관계기관 협의 지연으로 일정이 순연됨. 차년도 상반기 완료를 목표로 함.",
        "예산 추경 편성이 늦어져 일부 사업만 추진함.",
    ],
    ProgressStatus.NOT_STARTED: [
        "사업 설계 단계로 아직 착수하지 않음. 예산 확보 후 추진 예정.",
    ],
}
COVID_NARRATIVE = "코로나19 확산으로 집합 행사와 대면 교육이 축소·연기되어 일정이 지연됨. 비대면 방식 전환 검토 중."
RETURN_COMMENTS = [
    "예산 집행액이 증빙 자료와 다릅니다. 집행 내역을 확인해 주세요.",
    "추진 실적을 구체적인 수치(참여 인원, 횟수)로 보완해 주세요.",
    "진행률과 추진 상황 설명이 맞지 않습니다. 지연 사유를 적어 주세요.",
    "성과지표 달성 여부를 함께 기재해 주세요.",
]
STATUS_WEIGHTS = {
    2019: [
        (ProgressStatus.COMPLETED, 35),
        (ProgressStatus.ON_TRACK, 45),
        (ProgressStatus.DELAYED, 12),
        (ProgressStatus.NOT_STARTED, 8),
    ],
    2020: [
        (ProgressStatus.COMPLETED, 28),
        (ProgressStatus.ON_TRACK, 40),
        (ProgressStatus.DELAYED, 25),
        (ProgressStatus.NOT_STARTED, 7),
    ],
    2021: [
        (ProgressStatus.COMPLETED, 20),
        (ProgressStatus.ON_TRACK, 55),
        (ProgressStatus.DELAYED, 18),
        (ProgressStatus.NOT_STARTED, 7),
    ],
}

# ---------------------------------------------------------------- the committees

GWANGJU_COMMITTEE_MEMBERS = [
    # (name, role, affiliation)
    ("광주광역시장", CommitteeMember.Role.CO_CHAIR, "광주광역시 (당연직 공동위원장)"),
    ("정민주", CommitteeMember.Role.CO_CHAIR, "광주인권회의 상임대표 (민간 공동위원장)"),
    ("김협력", CommitteeMember.Role.EX_OFFICIO, "광주광역시 인권평화협력관"),
    ("이위원", CommitteeMember.Role.MEMBER, "전남대학교 법학전문대학원 교수"),
    ("박정의", CommitteeMember.Role.MEMBER, "광주지방변호사회 인권위원장"),
    ("최평등", CommitteeMember.Role.MEMBER, "광주장애인총연합회 사무처장"),
    ("윤다솜", CommitteeMember.Role.MEMBER, "광주이주민지원센터 상담실장"),
    ("한여명", CommitteeMember.Role.MEMBER, "광주여성인권지원센터 소장"),
    ("조노동", CommitteeMember.Role.MEMBER, "광주노동인권센터 활동가"),
    ("임청소", CommitteeMember.Role.MEMBER, "광주청소년인권네트워크 대표"),
    ("강나눔", CommitteeMember.Role.MEMBER, "광주광역시의회 의원"),
    ("서공감", CommitteeMember.Role.MEMBER, "조선대학교 사회복지학과 교수"),
    ("오새봄", CommitteeMember.Role.MEMBER, "광주 노인복지관협회 사무국장"),
    ("신바름", CommitteeMember.Role.MEMBER, "5·18기념재단 연구실장"),
    ("장하늘", CommitteeMember.Role.MEMBER, "광주 정신장애인 가족협회 대표"),
    ("문누리", CommitteeMember.Role.MEMBER, "광주교육대학교 교수"),
    ("배소통", CommitteeMember.Role.MEMBER, "지역 언론인"),
    ("황다운", CommitteeMember.Role.MEMBER, "광주 성소수자 인권모임 활동가"),
    ("송가람", CommitteeMember.Role.MEMBER, "종교계 인권위원회 위원"),
    ("유채움", CommitteeMember.Role.MEMBER, "광산구 마을공동체 활동가"),
]
#: The member whose portal account is the ``committee`` demo login.
DEMO_MEMBER = "이위원"
GWANGJU_TERM = (datetime.date(2019, 1, 1), datetime.date(2020, 12, 31))

# (month, day, kind, title, [(agenda item, decision)])
GWANGJU_MEETINGS = {
    2019: [
        (
            3,
            21,
            Meeting.Kind.REGULAR,
            "2019년 제1차 정기회의",
            [
                ("제2차 인권증진 기본계획 2019년 시행계획(안) 심의", "원안 가결"),
                ("위원회 분과 구성 및 운영 방안", "사회적 약자 분과, 인권교육·문화 분과 구성"),
                ("2018년 인권옴부즈맨 활동 결과 보고", "보고 접수"),
            ],
        ),
        (
            5,
            16,
            Meeting.Kind.SUB_COMMITTEE,
            "사회적 약자 분과 회의",
            [
                ("장애인 이동권 관련 과제 점검", "저상버스 도입 목표 연도별 명시 요청"),
                ("정신의료기관 인권 모니터링 결과 검토", "개선 권고 이행 점검 요청"),
            ],
        ),
        (
            6,
            20,
            Meeting.Kind.REGULAR,
            "2019년 제2차 정기회의",
            [("인권 실태조사 결과 보고", "보고 접수"), ("세계인권도시포럼 시민 참여 방안", "수정 의결")],
        ),
        (
            9,
            19,
            Meeting.Kind.REGULAR,
            "2019년 제3차 정기회의",
            [
                ("2020년 시행계획 수립 방향", "의견 반영하여 수립하도록 의결"),
                ("광주인권헌장 실천 점검 결과", "보고 접수"),
            ],
        ),
        (
            11,
            7,
            Meeting.Kind.WORKSHOP,
            "위원·공무원 합동 워크숍",
            [("인권영향평가 운영 사례 공유", ""), ("부서별 인권 과제 추진 애로사항 토론", "")],
        ),
        (
            12,
            12,
            Meeting.Kind.REGULAR,
            "2019년 제4차 정기회의",
            [
                ("2019년 인권 과제 추진 실적 중간 보고", "보고 접수"),
                ("인권증진시민위원회 운영 규정 개정(안)", "원안 가결"),
            ],
        ),
    ],
    2020: [
        (
            3,
            26,
            Meeting.Kind.REGULAR,
            "2020년 제1차 정기회의(서면)",
            [
                ("제2차 기본계획 2020년 시행계획(안) 심의", "원안 가결"),
                ("코로나19 대응 과정의 인권 보호 방안", "감염병 대응 인권 가이드라인 마련 권고"),
            ],
        ),
        (
            5,
            28,
            Meeting.Kind.SUB_COMMITTEE,
            "인권교육·문화 분과 회의",
            [("비대면 인권교육 전환 방안", "온라인 과정 개발 요청")],
        ),
        (
            6,
            18,
            Meeting.Kind.REGULAR,
            "2020년 제2차 정기회의",
            [
                ("2019년 연차보고서(과제별 추진 실적) 심의", "수정 의결"),
                ("집행률 저조 과제 점검", "해당 부서 사유서 제출 요청"),
            ],
        ),
        (
            9,
            24,
            Meeting.Kind.REGULAR,
            "2020년 제3차 정기회의",
            [("2021년 시행계획 수립 방향", "원안 가결"), ("인권지표 모니터링 결과 보고", "보고 접수")],
        ),
        (
            10,
            29,
            Meeting.Kind.SUB_COMMITTEE,
            "사회적 약자 분과 회의",
            [("이주민 코로나19 정보 접근성 점검", "다국어 안내 확대 요청")],
        ),
        (
            12,
            17,
            Meeting.Kind.REGULAR,
            "2020년 제4차 정기회의",
            [("2020년 과제 추진 실적 중간 보고", "보고 접수"), ("제11기 위원회 활동 평가", "보고 접수")],
        ),
    ],
}

ULSAN_MEETINGS = [
    (datetime.date(2014, 6, 12), "2014년 제1차 회의", "인권위원회 구성 및 운영 방향"),
    (datetime.date(2014, 11, 20), "2014년 제2차 회의", "인권증진 기본계획 수립 용역 착수 보고"),
    (datetime.date(2015, 4, 16), "2015년 제1차 회의", "인권 실태조사 결과 보고"),
    (datetime.date(2015, 9, 10), "2015년 제2차 회의", "인권증진 기본계획(안) 자문"),
    (datetime.date(2015, 12, 17), "2015년 제3차 회의", "인권증진 기본계획(2016~2020) 심의"),
    (datetime.date(2016, 5, 19), "2016년 제1차 회의", "2016년 부서별 세부 추진계획 보고"),
    (datetime.date(2016, 10, 13), "2016년 제2차 회의", "인권교육 추진 실적 보고"),
    (datetime.date(2016, 12, 8), "2016년 제3차 회의", "인권 토크콘서트 개최 결과 보고"),
    (datetime.date(2017, 5, 25), "2017년 제1차 회의", "2017년 세부 추진계획 심의"),
    (datetime.date(2017, 11, 23), "2017년 제2차 회의", "분과위원회 구성 및 정기회의 확대 방안"),
    (datetime.date(2018, 3, 22), "2018년 제1차 회의", "2017년 추진 실적 평가"),
    (datetime.date(2018, 7, 12), "2018년 제2차 회의", "민관 인권 워크숍 결과 공유"),
    (datetime.date(2018, 12, 13), "2018년 제3차 회의", "2019년 세부 추진계획 심의"),
]
ULSAN_MEMBERS = [
    ("김울산", CommitteeMember.Role.CHAIR, "울산대학교 법학과 교수"),
    ("이태화", CommitteeMember.Role.VICE_CHAIR, "울산인권운동연대 대표"),
    ("박동해", CommitteeMember.Role.MEMBER, "울산지방변호사회 변호사"),
    ("최고래", CommitteeMember.Role.MEMBER, "울산장애인인권센터 활동가"),
    ("정바다", CommitteeMember.Role.MEMBER, "울산이주민센터 상담가"),
    ("한솔", CommitteeMember.Role.MEMBER, "울산여성회 대표"),
    ("윤산업", CommitteeMember.Role.EX_OFFICIO, "울산광역시 인권 담당 국장"),
]


# ---------------------------------------------------------------- entry point


def seed(*, stdout=None) -> list:
    """Load the plans demo data once; no new logins (the core demo made them)."""
    if BasePlan.objects.filter(title=GWANGJU_2ND_TITLE, organisation=GWANGJU).exists():
        if stdout is not None:
            stdout.write("plans: demo data already present, nothing added")
        return []
    demo = _Demo()
    plan = demo.gwangju_second()
    demo.gwangju_first()
    demo.ulsan()
    demo.seoul_and_chungnam()
    demo.reports(plan)
    demo.gwangju_committee(plan)
    demo.ulsan_committee()
    _redate(plan, demo.opinion_dates)
    # The indicators demo ran first (INSTALLED_APPS order); now the tasks exist to link to.
    from indicators.demo import link_plan_tasks

    link_plan_tasks()
    if stdout is not None:
        stdout.write(
            f"plans: {BasePlan.objects.count()} plans ({PolicyTask.objects.filter(area__plan=plan).count()} tasks "
            f"in Gwangju's 2nd plan), {AnnualRecord.objects.count()} annual records, "
            f"{Committee.objects.count()} committees, {Meeting.objects.count()} meetings, "
            f"{ReviewOpinion.objects.count()} review opinions"
        )
    return []


class _Demo:
    def __init__(self) -> None:
        self.rng = random.Random(RANDOM_SEED)  # noqa: S311 - repeatable demo data, not security
        self.office = User.objects.get(username="office")
        self.committee_user = User.objects.filter(username="committee").first()
        self.departments = {department.code: department for department in Department.objects.all()}
        self.groups = {group.code: group for group in VulnerableGroup.objects.all()}
        self.targets = {target.code: target for target in SdgTarget.objects.all()}
        # Who files a department's records: its demo official, otherwise the office on its behalf.
        self.opinion_dates: list[tuple[int, datetime.date]] = []
        self.reporters = {
            user.department_id: user
            for user in User.objects.filter(username__in=["official", "official2"]).select_related("department")
        }

    # ------------------------------------------------------------ plans

    def _plan(self, *, adopted_on, complete=False, **fields) -> BasePlan:
        plan = services.plan_create(actor=self.office, **fields)
        plan = services.plan_adopt(plan=plan, actor=self.office, adopted_on=adopted_on)
        if complete:
            plan = services.plan_complete(plan=plan, actor=self.office)
        return plan

    def _task(self, area, spec: TaskSpec, *, code: str, order: int, years: range | None, title=None, groups=None):
        department = self.departments[spec.department]
        cooperating = []
        if order % 3 == 0:
            cooperating = [self.departments[HRO if spec.department != HRO else ADMIN]]
        if order % 7 == 0:
            cooperating.append(self.departments[PLANNING])
        budgets = None
        if years is not None:
            base = self.rng.randint(*spec.budget)
            budgets = {year: min(3000, round(base * (1 + 0.05 * index))) * M for index, year in enumerate(years)}
        return services.task_save(
            area=area,
            actor=self.office,
            code=code,
            title=title or spec.title,
            description=f"{title or spec.title}을(를) 통해 관련 시민의 인권을 보장하고 증진한다.",
            responsible_department=department,
            cooperating_departments=cooperating,
            target_groups=[self.groups[code] for code in (groups if groups is not None else spec.groups)],
            sdg_targets=[self.targets[code] for code in spec.sdgs],
            budgets=budgets,
            order=order,
        )

    def gwangju_second(self) -> BasePlan:
        plan = self._plan(
            title=GWANGJU_2ND_TITLE,
            title_en="Gwangju's 2nd Basic Plan for a Human Rights City (2018-2022)",
            organisation=GWANGJU,
            start_year=2018,
            end_year=2022,
            vision=GWANGJU_VISION,
            area_kind=AreaKind.AREA,
            drafting_process=GWANGJU_DRAFTING,
            adopted_on=datetime.date(2018, 4, 30),
        )
        for number, (title, title_en, count, specs) in enumerate(GWANGJU_2ND_AREAS, start=1):
            area = services.area_save(plan=plan, actor=self.office, number=number, title=title, description=title_en)
            expanded = list(expand(specs))[:count]
            if len(expanded) != count:
                raise ValueError(f"area {number} of the demo plan needs {count} tasks, not {len(expanded)}")
            for order, (spec, task_title, groups) in enumerate(expanded, start=1):
                self._task(
                    area,
                    spec,
                    code=f"{number}-{order:02d}",
                    order=order,
                    years=plan.years,
                    title=task_title,
                    groups=groups,
                )
        return plan

    def gwangju_first(self) -> BasePlan:
        plan = self._plan(
            title="광주광역시 제1차 인권도시 기본계획",
            title_en="Gwangju's 1st Basic Plan for a Human Rights City (2012-2016)",
            organisation=GWANGJU,
            start_year=2012,
            end_year=2016,
            vision="인권이 존중되는 민주·인권·평화도시 광주",
            drafting_process="인권도시 조례(2009)에 따라 수립하고 인권증진시민위원회의 심의를 거쳤다.",
            adopted_on=datetime.date(2012, 5, 15),
            complete=True,
        )
        for number, (title, specs) in enumerate(GWANGJU_1ST_AREAS, start=1):
            area = services.area_save(plan=plan, actor=self.office, number=number, title=title)
            for order, spec in enumerate(specs, start=1):
                self._task(area, spec, code=f"{number}-{order}", order=order, years=plan.years)
        return plan

    def ulsan(self) -> BasePlan:
        plan = self._plan(
            title="울산광역시 인권증진 기본계획(2016~2020)",
            title_en="Ulsan's Basic Plan for Promotion of Human Rights 2016-2020",
            organisation="울산광역시",
            start_year=2016,
            end_year=2020,
            vision="시민 모두의 인권이 존중되는 행복도시 울산",
            area_kind=AreaKind.CATEGORY,
            drafting_process="75개 분야 6개 부문의 인권증진 목표를 제시하고, 15개 부서가 매년 세부 추진계획을 "
            "수립하여 시행한다. 울산광역시 인권위원회의 심의를 거쳤다.",
            adopted_on=datetime.date(2015, 12, 30),
        )
        for number, (title, fields) in enumerate(ULSAN_CATEGORIES, start=1):
            area = services.area_save(plan=plan, actor=self.office, number=number, title=title)
            entries = [entry.rsplit("|", 1) for entry in _split_fields(fields)]
            for order, (field_title, department) in enumerate(entries, start=1):
                spec = TaskSpec(field_title, department)
                self._task(area, spec, code=f"{number}-{order:02d}", order=order, years=None)
        return plan

    def seoul_and_chungnam(self) -> None:
        for fields, goals in [
            (
                {
                    "title": "서울특별시 제2차 인권정책 기본계획",
                    "title_en": "Seoul's 2nd Action Plan for Human Rights (2018-2022)",
                    "organisation": "서울특별시",
                    "start_year": 2018,
                    "end_year": 2022,
                    "vision": "모두를 포용하는 참여 인권도시 서울",
                    "drafting_process": "연구진, 서울시 인권위원회, 인권담당관이 협력하여 작성하고 인권단체·시민·"
                    "관련 실국의 의견을 반영하였다.",
                    "adopted_on": datetime.date(2018, 5, 31),
                },
                SEOUL_GOALS,
            ),
            (
                {
                    "title": "충청남도 제1차 인권정책 기본계획",
                    "title_en": "Chungnam's 1st Basic Plan for Human Rights Policy (2015-2019)",
                    "organisation": "충청남도",
                    "start_year": 2015,
                    "end_year": 2019,
                    "vision": "모두가 행복한 인권 충남",
                    "drafting_process": "충청남도 인권기본조례에 따라 수립하고 도 인권위원회의 심의를 거쳤다.",
                    "adopted_on": datetime.date(2015, 3, 2),
                    "complete": True,
                },
                CHUNGNAM_GOALS,
            ),
        ]:
            plan = self._plan(area_kind=AreaKind.GOAL, **fields)
            for number, (title, specs) in enumerate(goals, start=1):
                area = services.area_save(plan=plan, actor=self.office, number=number, title=title)
                for order, spec in enumerate(specs, start=1):
                    self._task(area, spec, code=f"{number}-{order}", order=order, years=plan.years)

    # ------------------------------------------------------------ annual records

    def _reporter(self, task: PolicyTask) -> User:
        return self.reporters.get(task.responsible_department_id, self.office)

    def _values(self, record: AnnualRecord, year: int) -> dict:
        statuses, weights = zip(*STATUS_WEIGHTS[year], strict=True)
        status = self.rng.choices(statuses, weights)[0]
        planned = record.budget_planned
        if status == ProgressStatus.COMPLETED:
            progress, share = 100, self.rng.uniform(0.85, 1.0)
        elif status == ProgressStatus.ON_TRACK:
            progress, share = self.rng.randrange(40, 96, 5), self.rng.uniform(0.5, 0.95)
        elif status == ProgressStatus.DELAYED:
            progress, share = self.rng.randrange(10, 61, 5), self.rng.uniform(0.1, 0.6)
        else:
            progress, share = 0, 0.0
        narrative = self.rng.choice(NARRATIVES[status])
        if year == 2020 and status == ProgressStatus.DELAYED:
            narrative = COVID_NARRATIVE
        return {
            "planned_activities": f"{record.task.title}: 상반기 세부계획 수립, 하반기 사업 추진 및 성과 점검",
            "budget_executed": round(planned * share / 100_000) * 100_000,
            "progress": progress,
            "progress_status": status,
            "narrative": narrative,
        }

    def _records(self, plan: BasePlan, year: int) -> list[AnnualRecord]:
        return list(
            AnnualRecord.objects.filter(task__area__plan=plan, year=year)
            .select_related("task")
            .order_by("task__area__number", "task__order")
        )

    def reports(self, plan: BasePlan) -> None:
        for year in REPORT_YEARS:
            reporting_round = services.reporting_round_open(
                plan=plan, year=year, due_on=datetime.date(year + 1, 2, 28), actor=self.office
            )
            records = self._records(plan, year)
            returned = set(self.rng.sample(range(len(records)), 8))
            left_returned = set(sorted(returned)[:3])
            for index, record in enumerate(records):
                reporter = self._reporter(record.task)
                record = services.record_save(record=record, actor=reporter, **self._values(record, year))
                record = services.record_submit(record=record, actor=reporter)
                if index in returned:
                    comment = RETURN_COMMENTS[index % len(RETURN_COMMENTS)]
                    record = services.record_return(record=record, actor=self.office, comment=comment)
                    if index in left_returned:
                        continue
                    record = services.record_save(
                        record=record,
                        actor=reporter,
                        narrative=record.narrative + " (보완: 참여 인원 및 집행 내역 추가)",
                    )
                    record = services.record_submit(record=record, actor=reporter)
                    services.record_confirm(record=record, actor=self.office, comment="보완 내용 확인")
                else:
                    services.record_confirm(record=record, actor=self.office)
            services.reporting_round_close(reporting_round=reporting_round, actor=self.office)
        self._open_round(plan)

    def _open_round(self, plan: BasePlan) -> None:
        """2021: open past its due date; departments are part-way through (draft, submitted, returned)."""
        services.reporting_round_open(
            plan=plan, year=OPEN_YEAR, due_on=datetime.date(OPEN_YEAR + 1, 2, 28), actor=self.office
        )
        seen: dict[int, int] = {}
        for record in self._records(plan, OPEN_YEAR):
            department = record.task.responsible_department_id
            seen[department] = seen.get(department, 0) + 1
            # Every department's first task is still a blank draft and its second one was returned
            # (so each has something to do); the rest are drawn at random.
            if seen[department] == 1:
                state = "blank"
            elif seen[department] == 2:
                state = "returned"
            else:
                state = self.rng.choices(["blank", "draft", "submitted", "returned"], [25, 20, 45, 10])[0]
            if state == "blank":
                continue
            reporter = self._reporter(record.task)
            record = services.record_save(record=record, actor=reporter, **self._values(record, OPEN_YEAR))
            if state == "draft":
                continue
            record = services.record_submit(record=record, actor=reporter)
            if state == "returned":
                services.record_return(record=record, actor=self.office, comment=self.rng.choice(RETURN_COMMENTS))

    # ------------------------------------------------------------ committees

    def gwangju_committee(self, plan: BasePlan) -> Committee:
        committee = services.committee_save(
            actor=self.office,
            name="광주광역시 인권증진시민위원회",
            name_en="Human Rights Improvement Citizen Committee of Gwangju",
            organisation=GWANGJU,
            description=(
                "2009년 인권 조례에 근거하여 설치되었다. 시장과 시민사회 대표가 공동위원장을 맡고, 시의회의 추천을 "
                "받은 시민사회·인권단체 대표, 인권 활동가, 인권 전문가 등 20명이 2년 임기로 활동한다. 매년 4차례 "
                "정기회의와 분과회의·워크숍을 열어 인권증진 기본계획과 인권도시 정책을 평가하고 시에 자문한다."
            ),
            established_year=2009,
            term_years=2,
            regular_meetings_per_year=4,
        )
        members = []
        for name, role, affiliation in GWANGJU_COMMITTEE_MEMBERS:
            members.append(
                services.member_save(
                    committee=committee,
                    actor=self.office,
                    name=name,
                    role=role,
                    affiliation=affiliation,
                    term_start=GWANGJU_TERM[0],
                    term_end=GWANGJU_TERM[1],
                    user=self.committee_user if name == DEMO_MEMBER else None,
                )
            )
        meetings = {}
        for year, rows in GWANGJU_MEETINGS.items():
            for month, day, kind, title, agenda in rows:
                if kind == Meeting.Kind.SUB_COMMITTEE:
                    attendees = [members[1], *self.rng.sample(members[3:], 6)]
                else:
                    attendees = members[:3] + self.rng.sample(members[3:], self.rng.randint(10, 15))
                attendee_names = ", ".join(member.name for member in attendees[:5])
                meeting = services.meeting_record(
                    committee=committee,
                    actor=self.office,
                    held_on=datetime.date(year, month, day),
                    kind=kind,
                    title=title,
                    minutes=f"참석 {len(attendees)}명({attendee_names} 등). "
                    + " ".join(
                        f"{number}. {item}: {decision or '토론'}."
                        for number, (item, decision) in enumerate(agenda, start=1)
                    ),
                    agenda=agenda,
                    attendees=attendees,
                )
                meetings[(year, month)] = meeting
        self._opinions(plan, committee, meetings)
        return committee

    def _opinions(self, plan: BasePlan, committee: Committee, meetings: dict) -> None:
        if self.committee_user is None:
            return
        tasks = {task.title: task for task in PolicyTask.objects.filter(area__plan=plan)}
        records = AnnualRecord.objects.filter(task__area__plan=plan).select_related("task")
        delayed_2019 = records.filter(year=2019, progress_status=ProgressStatus.DELAYED).order_by("task__code")
        low_2020 = records.filter(year=2020, review_state=ReviewState.CONFIRMED).order_by("budget_executed", "id")
        R = ReviewOpinion.Reflection
        rows = [
            # (meeting key or a date, subject, text, reflection, reply)
            (
                (2019, 3),
                plan,
                "성과지표가 산출 지표 위주로 되어 있어 인권 증진 효과를 측정할 결과 지표를 보완할 필요가 있음.",
                R.PARTIALLY_REFLECTED,
                "2020년 시행계획부터 영역별 결과 지표 12개를 추가하였고 나머지는 인권지표 개편 시 반영 예정.",
            ),
            (
                (2019, 3),
                plan,
                "사회적 소수자 영역 과제의 예산 비중을 확대할 것.",
                R.NOT_REFLECTED,
                "재정 여건상 2020년은 전년 수준을 유지하며, 2021년 본예산 편성 시 재검토하겠음.",
            ),
            (
                (2019, 9),
                plan,
                "과제별 책임부서의 연간 자체평가 결과를 위원회에 보고할 것.",
                R.REFLECTED,
                "매년 6월 정기회의에 전년도 과제별 추진 실적(연차보고서)을 보고하도록 하였음.",
            ),
            (
                (2019, 5),
                tasks["장애인 이동권 보장을 위한 저상버스 확대"],
                "저상버스 도입률 목표를 연도별로 명시할 것.",
                R.REFLECTED,
                "2022년까지 도입률 50%를 목표로 연도별 도입 대수를 시행계획에 명시하였음.",
            ),
            (
                (2019, 5),
                tasks["정신의료기관 입원환자 인권 모니터링"],
                "모니터링 결과를 공개하고 개선 권고 이행 여부를 점검할 것.",
                R.PARTIALLY_REFLECTED,
                "결과 요약은 공개하되 기관명은 비공개로 하고, 이행 점검은 연 1회 실시함.",
            ),
            (
                (2019, 6),
                tasks["이주노동자 인권상담 지원"],
                "상담 언어를 확대하고 야간·주말 상담 운영을 검토할 것.",
                R.REFLECTED,
                "2020년부터 네팔어·캄보디아어 상담을 추가하고 일요일 상담을 운영함.",
            ),
            (
                (2019, 6),
                tasks["세계인권도시포럼 개최"],
                "포럼에 시민 참여 세션을 확대할 것.",
                R.REFLECTED,
                "2019년 포럼에 시민 토론 세션 3개를 신설하였음.",
            ),
            (
                (2020, 12),
                tasks["공무원 인권교육 의무화"],
                "교육 이수율뿐 아니라 교육 효과 평가를 도입할 것.",
                R.PENDING,
                "",
            ),
        ]
        if delayed_2019.exists():
            rows.append(
                (
                    (2020, 6),
                    delayed_2019.first(),
                    "지연 사유와 향후 대책을 구체적으로 제시할 것.",
                    R.REFLECTED,
                    "담당 부서가 지연 사유서와 2020년 추진 일정을 제출하였음.",
                )
            )
        if low_2020.exists():
            rows.append(
                (
                    datetime.date(2021, 3, 18),
                    low_2020.first(),
                    "집행률 저조 원인 분석이 필요함.",
                    R.PARTIALLY_REFLECTED,
                    "원인 분석 결과를 2021년 상반기 점검 회의에서 보고하겠음.",
                )
            )
            rows.append(
                (
                    datetime.date(2021, 3, 18),
                    low_2020.last(),
                    "코로나19 상황에서 비대면 방식 전환 실적을 별도로 기록할 것.",
                    R.PENDING,
                    "",
                )
            )
        for when, subject, text, reflection, reply in rows:
            meeting = meetings.get(when) if isinstance(when, tuple) else None
            kwargs = {"plan": plan}
            if isinstance(subject, PolicyTask):
                kwargs["task"] = subject
            elif isinstance(subject, AnnualRecord):
                kwargs["record"] = subject
            opinion = services.opinion_submit(
                committee=committee, actor=self.committee_user, text=text, meeting=meeting, **kwargs
            )
            if reflection != R.PENDING:
                services.opinion_reply(opinion=opinion, actor=self.office, reflection=reflection, reply=reply)
            written_on = meeting.held_on if meeting is not None else when
            self.opinion_dates.append((opinion.pk, written_on))

    def ulsan_committee(self) -> Committee:
        committee = services.committee_save(
            actor=self.office,
            name="울산광역시 인권위원회",
            name_en="Human Rights Committee of Ulsan Metropolitan City",
            organisation="울산광역시",
            description=(
                "시민, 인권단체, 전문가로 구성된 민관 협의기구로 현장의 인권 의제를 발굴하고 체계적으로 개선한다. "
                "2014년부터 2018년까지 13차례 회의를 열어 시의 인권 정책을 자문·심의하였고, 위원·단체·공무원이 "
                "함께하는 인권증진 워크숍을 열고 있다."
            ),
            established_year=2014,
            term_years=2,
            regular_meetings_per_year=2,
        )
        members = [
            services.member_save(
                committee=committee,
                actor=self.office,
                name=name,
                role=role,
                affiliation=affiliation,
                term_start=datetime.date(2017, 1, 1),
                term_end=datetime.date(2018, 12, 31),
            )
            for name, role, affiliation in ULSAN_MEMBERS
        ]
        for held_on, title, item in ULSAN_MEETINGS:
            services.meeting_record(
                committee=committee,
                actor=self.office,
                held_on=held_on,
                kind=Meeting.Kind.REGULAR,
                title=title,
                agenda=[(item, "원안 의결")],
                attendees=members if held_on.year >= 2017 else None,
            )
        return committee


def expand(specs: list[TaskSpec]):
    """``(spec, title, groups)`` for every task of an area, the variants spelled out."""
    for spec in specs:
        if not spec.variants:
            yield spec, spec.title, None
            continue
        for variant in spec.variants:
            if isinstance(variant, tuple):
                label, groups = variant
                yield spec, spec.title.format(v=label), groups
            else:
                yield spec, spec.title.format(v=variant), None


def _split_fields(fields: str) -> list[str]:
    """``"title words|dept title words|dept"`` → ``["title words|dept", …]``."""
    entries, words = [], []
    for word in fields.split():
        words.append(word)
        if "|" in word:
            entries.append(" ".join(words))
            words = []
    return entries


def _at(date: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour)))


def _redate(plan: BasePlan, opinion_dates: list[tuple[int, datetime.date]]) -> None:
    """Move the services' ``timezone.now()`` stamps to the reporting years (see the module docstring).

    A round of year Y opens on 2 December of Y and closes at the end of April of Y+1; departments
    submit in January of Y+1 (each area on its own day) and the office reviews a month later.
    Opinions are dated on the day they were given and answered a month later.
    """
    for year in (*REPORT_YEARS, OPEN_YEAR):
        rounds = ReportingRound.objects.filter(plan=plan, year=year)
        rounds.update(opened_at=_at(datetime.date(year, 12, 2)))
        rounds.filter(closed_at__isnull=False).update(closed_at=_at(datetime.date(year + 1, 4, 30)))
        for number in plan.areas.values_list("number", flat=True):
            records = AnnualRecord.objects.filter(task__area__plan=plan, task__area__number=number, year=year)
            submitted_on = datetime.date(year + 1, 1, 8 + 3 * number)
            records.filter(submitted_at__isnull=False).update(submitted_at=_at(submitted_on))
            records.filter(reviewed_at__isnull=False).update(
                reviewed_at=_at(submitted_on + datetime.timedelta(days=30))
            )
    for pk, written_on in opinion_dates:
        opinions = ReviewOpinion.objects.filter(pk=pk)
        opinions.update(submitted_at=_at(written_on, 17))
        opinions.filter(replied_at__isnull=False).update(replied_at=_at(written_on + datetime.timedelta(days=30)))
