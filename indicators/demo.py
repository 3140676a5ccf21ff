"""Demo data of the indicators app, built from the seed documents (``shared/seeds``).

What the seed documents say, and what this module recreates:

- **The Gwangju Human Rights Indicators (2012)**, developed to assess the city's human rights
  situation objectively and to base coherent policies on it, with advisory experts, public
  hearings, meetings of administrative directors, advice from the National Human Rights
  Commission of Korea and consultations with the UN OHCHR: **100 indicators in 5 areas with 18
  implementation tasks**, of which **50 have been accomplished** and 50 are still pursued. Each
  indicator has a type (structural, process, outcome), a unit, a direction, a 2012 baseline, a 2020
  target, a responsible department of the core demo (복지건강국 has many, so the ``official`` demo
  account has work) and verified values for 2013-2020, broken down by sex or age group where that
  makes sense. The values are made so that the status rule (``indicators.status``) derives exactly
  50 indicators as achieved; the others are on track, off track or, for a few, without data.
  A few 2020 values are still drafts for the office to verify, and one verified value has been
  corrected (it keeps its revision and waits for verification again).
- **Chungcheongnam-do's local SDGs 2030**, set under its Basic Ordinance on Sustainable
  Development: **17 goals** (linked to the 17 UN SDGs) **and 62 indicators**, each linked to a UN
  SDG target, implemented in three phases (2018-2020, 2021-2025, 2026-2030) with a target per
  phase, and values for 2017-2022.
- Gwangju indicators are linked to the policy tasks of Gwangju's 2nd Basic Plan that they measure
  (``plans.PolicyTask.indicators``) when the plans demo data exists — see ``link_plan_tasks``.

Frameworks, phases, areas, implementation tasks, dimensions and indicators are written through
``indicators.services`` by the ``office`` demo account (each with its audit event). **Shortcuts
of this demo module only:** the ~2,500 values are inserted with one ``bulk_create`` of
``Measurement`` rows already verified (dated to the spring after their year), then
``services.indicator_status_refresh`` recomputes each indicator's status from them — calling
``measurement_save`` and ``measurements_verify`` for each value would take far longer and date
every value to the day the demo is loaded. Phase targets (no service writes them yet) are
bulk-created too, and the links to plan tasks are added to the many-to-many relation directly.
The drafts and the correction go through the services.

Idempotent: when the Gwangju framework exists, nothing is added (plan-task links are still
completed, so a second ``seed_demo`` links the tasks the plans demo created after this one ran).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.utils import timezone

from humanrights_portal.core.models import Department, SdgGoal, SdgTarget, User
from indicators import services
from indicators.models import (
    Direction,
    FrameworkPhase,
    Indicator,
    IndicatorFramework,
    IndicatorStatus,
    IndicatorType,
    Measurement,
    MeasurementState,
    PhaseTarget,
)
from indicators.status import Point, derive_status

RANDOM_SEED = 2012
GWANGJU = "광주광역시"
GWANGJU_NAME = "광주광역시 인권지표"
CHUNGNAM = "충청남도"
CHUNGNAM_NAME = "충청남도 지속가능발전목표 2030"
GWANGJU_YEARS = range(2013, 2021)
CHUNGNAM_YEARS = range(2017, 2023)

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
EDUCATION = "education-cooperation"
HEALTH = "public-health"

STRUCTURAL, PROCESS, OUTCOME = IndicatorType.STRUCTURAL, IndicatorType.PROCESS, IndicatorType.OUTCOME
ACHIEVED = IndicatorStatus.ACHIEVED
ON_TRACK = IndicatorStatus.ON_TRACK
OFF_TRACK = IndicatorStatus.OFF_TRACK
NO_DATA = IndicatorStatus.NO_DATA

# Counts per district scale with the district's size; rates vary a little around the city's.
DISTRICT_COUNTS = (("동구", 0.3), ("서구", 0.8), ("남구", 0.6), ("북구", 1.2), ("광산구", 1.1))
DISTRICT_RATES = (("동구", 0.92), ("서구", 1.0), ("남구", 0.97), ("북구", 1.03), ("광산구", 1.05))
SEX = ("male", "female")
AGE = ("18-39", "40-64", "65-plus")  # the adult groups the indicators break down by


@dataclass(frozen=True)
class Spec:
    """An indicator as the framework lists it; ``{v}`` in the name is filled from ``variants``.

    ``variants`` are ``(label, factor)``: the baseline and target are multiplied by the factor.
    ``dis`` names the dimensions its values are broken down by (``"sex"``, ``"age"``).
    """

    name: str
    unit: str
    kind: str
    department: str
    baseline: str
    target: str
    lower: bool = False
    dis: tuple[str, ...] = ()
    variants: tuple = ()
    sdg: str = ""


G = Spec

GWANGJU_DESCRIPTION = (
    "광주광역시의 인권 상황을 객관적으로 진단하고 그 결과에 근거하여 일관된 인권정책을 수립하기 위해 "
    "개발한 지표체계. 인권의 보편성과 광주의 지역적 특성을 함께 고려하여 5개 영역, 18개 실행과제, "
    "100개 지표로 구성되었다."
)
GWANGJU_PROCESS = (
    "자문위원(전문가) 위촉, 공청회 개최, 실·국장 회의, 국가인권위원회 자문, "
    "유엔 인권최고대표사무소(OHCHR) 협의를 거쳐 지표의 객관성과 활용성을 높였다."
)

# (area title, English title, [(implementation task, [indicator specs])])
GWANGJU_AREAS = [
    (
        "인권도시 기반 구축",
        "Foundations of a human rights city",
        [
            (
                "인권 제도 정비",
                [
                    G("인권 관련 자치법규 제·개정 건수", "건", STRUCTURAL, HRO, "2", "10", sdg="16.b"),
                    G("인권영향평가 실시 건수", "건", PROCESS, HRO, "0", "40", sdg="16.7"),
                    G("인권증진 기본계획 과제 이행률", "%", PROCESS, PLANNING, "30", "90", sdg="16.6"),
                ],
            ),
            (
                "인권행정 역량 강화",
                [
                    G(
                        "공무원 인권교육 이수율({v})",
                        "%",
                        PROCESS,
                        HRO,
                        "30",
                        "90",
                        dis=("sex",),
                        variants=(("본청", 1.0), ("직속기관·사업소", 0.95), ("자치구", 0.9)),
                        sdg="4.7",
                    ),
                    G("공공기관 인권교육 이수율", "%", PROCESS, HRO, "25", "85", sdg="4.7"),
                    G("인권 전담 인력 수", "명", STRUCTURAL, ADMIN, "3", "12", sdg="16.6"),
                ],
            ),
            (
                "인권침해 구제",
                [
                    G("인권옴부즈맨 상담 건수", "건", PROCESS, HRO, "120", "400", sdg="16.3"),
                    G("인권침해 시정 권고 수용률", "%", OUTCOME, HRO, "70", "95", sdg="16.3"),
                    G("인권침해 진정 평균 처리 기간", "일", OUTCOME, HRO, "90", "45", lower=True, sdg="16.6"),
                ],
            ),
        ],
    ),
    (
        "사회적 약자의 권리 보장",
        "Rights of socially vulnerable people",
        [
            (
                "장애인의 이동권과 자립생활 보장",
                [
                    G("장애인 저상버스 보급률", "%", OUTCOME, TRANSPORT, "18", "60", sdg="11.2"),
                    G("장애인 특별교통수단 법정대수 확보율", "%", STRUCTURAL, TRANSPORT, "60", "100", sdg="11.2"),
                    G("장애인 고용률", "%", OUTCOME, JOBS, "2.5", "5.0", dis=("sex",), sdg="8.5"),
                    G(
                        "{v} 공공건물 장애인 편의시설 설치율",
                        "%",
                        OUTCOME,
                        WELFARE,
                        "65",
                        "90",
                        variants=DISTRICT_RATES,
                        sdg="11.7",
                    ),
                    G(
                        "장애인 거주시설 탈시설 자립 지원 인원",
                        "명",
                        OUTCOME,
                        WELFARE,
                        "10",
                        "120",
                        dis=("sex",),
                        sdg="10.2",
                    ),
                ],
            ),
            (
                "노인의 존엄한 삶 보장",
                [
                    G(
                        "{v} 노인 일자리 참여자 수",
                        "명",
                        OUTCOME,
                        WELFARE,
                        "1500",
                        "3500",
                        dis=("sex",),
                        variants=DISTRICT_COUNTS,
                        sdg="8.5",
                    ),
                    G("독거노인 돌봄서비스 수혜율", "%", OUTCOME, WELFARE, "40", "80", sdg="3.8"),
                    G("노인학대 재신고율", "%", OUTCOME, WELFARE, "12", "5", lower=True, sdg="16.1"),
                    G("치매안심센터 등록 관리율", "%", PROCESS, WELFARE, "30", "70", sdg="3.4"),
                ],
            ),
            (
                "아동·청소년의 권리 보장",
                [
                    G("아동학대 신고 처리율", "%", PROCESS, WOMEN, "85", "100", sdg="16.2"),
                    G(
                        "{v} 지역아동센터 이용 아동 수",
                        "명",
                        OUTCOME,
                        WOMEN,
                        "900",
                        "1400",
                        dis=("sex",),
                        variants=DISTRICT_COUNTS,
                        sdg="4.2",
                    ),
                    G("청소년 노동인권 교육 참여자 수", "명", PROCESS, JOBS, "500", "3000", dis=("sex",), sdg="8.7"),
                    G("학교 밖 청소년 지원 인원", "명", OUTCOME, WOMEN, "300", "900", sdg="4.1"),
                ],
            ),
            (
                "여성의 권리와 성평등 증진",
                [
                    G("여성폭력 피해자 지원 건수", "건", PROCESS, WOMEN, "1200", "2500", sdg="5.2"),
                    G("시 공무원 5급 이상 여성 관리자 비율", "%", OUTCOME, ADMIN, "8", "20", sdg="5.5"),
                    G("여성 경제활동 참가율", "%", OUTCOME, JOBS, "49", "56", dis=("age",), sdg="5.5"),
                    G("성별영향평가 개선 반영률", "%", PROCESS, PLANNING, "60", "90", sdg="5.c"),
                ],
            ),
            (
                "이주민과 소수자의 권리 보장",
                [
                    G(
                        "이주민 인권상담 건수({v})",
                        "건",
                        PROCESS,
                        WOMEN,
                        "300",
                        "900",
                        variants=(("이주노동자", 1.0), ("결혼이주여성", 0.8), ("외국인 유학생", 0.3)),
                        sdg="10.7",
                    ),
                    G("다문화가족 통번역 서비스 이용 건수", "건", PROCESS, WOMEN, "5000", "12000", sdg="10.2"),
                    G("북한이탈주민 취업률", "%", OUTCOME, ADMIN, "45", "65", dis=("sex",), sdg="8.5"),
                    G(
                        "외국인 주민 한국어 교육 이수자 수",
                        "명",
                        PROCESS,
                        WOMEN,
                        "800",
                        "2000",
                        dis=("sex",),
                        sdg="4.6",
                    ),
                ],
            ),
        ],
    ),
    (
        "건강하고 인간다운 삶",
        "Health and a decent standard of living",
        [
            (
                "건강권 보장",
                [
                    G(
                        "자살률(인구 10만 명당)",
                        "명",
                        OUTCOME,
                        WELFARE,
                        "26.0",
                        "18.0",
                        lower=True,
                        dis=("sex",),
                        sdg="3.4",
                    ),
                    G("의료급여 수급자 건강검진 수검률", "%", PROCESS, WELFARE, "35", "60", dis=("sex",), sdg="3.8"),
                    G("정신건강복지센터 등록 관리율", "%", PROCESS, WELFARE, "20", "50", sdg="3.4"),
                    G(
                        "{v} 방문건강관리 가구 수",
                        "가구",
                        PROCESS,
                        WELFARE,
                        "2000",
                        "4000",
                        variants=DISTRICT_COUNTS,
                        sdg="3.8",
                    ),
                ],
            ),
            (
                "사회보장 강화",
                [
                    G(
                        "{v} 복지사각지대 발굴 지원 가구 수",
                        "가구",
                        PROCESS,
                        WELFARE,
                        "800",
                        "2000",
                        variants=DISTRICT_COUNTS,
                        sdg="1.3",
                    ),
                    G(
                        "사회복지 공무원 1인당 복지대상자 수",
                        "명",
                        STRUCTURAL,
                        WELFARE,
                        "400",
                        "250",
                        lower=True,
                        sdg="1.3",
                    ),
                    G("기초생활보장 수급 신청 처리 기간", "일", PROCESS, WELFARE, "30", "14", lower=True, sdg="1.3"),
                ],
            ),
            (
                "주거권 보장",
                [
                    G("공공임대주택 재고율", "%", OUTCOME, URBAN, "6.0", "10.0", sdg="11.1"),
                    G("최저주거기준 미달 가구 비율", "%", OUTCOME, URBAN, "7.0", "3.0", lower=True, sdg="11.1"),
                    G("노숙인 자활 참여자 수", "명", OUTCOME, WELFARE, "60", "150", dis=("sex",), sdg="1.3"),
                    G("저소득층 주거환경 개선 가구 수", "가구", PROCESS, URBAN, "300", "1000", sdg="11.1"),
                ],
            ),
            (
                "돌봄의 공공성 강화",
                [
                    G("국공립 어린이집 이용 아동 비율", "%", OUTCOME, WOMEN, "10", "30", sdg="4.2"),
                    G("노인장기요양 재가서비스 이용률", "%", OUTCOME, WELFARE, "60", "80", sdg="3.8"),
                    G("장애인 활동지원 서비스 이용률", "%", OUTCOME, WELFARE, "40", "75", dis=("age",), sdg="10.2"),
                ],
            ),
        ],
    ),
    (
        "안전하고 쾌적한 환경",
        "A safe and healthy environment",
        [
            (
                "안전권 보장",
                [
                    G("산업재해 사망자 수", "명", OUTCOME, JOBS, "40", "20", lower=True, sdg="8.8"),
                    G(
                        "교통사고 사망자 수({v})",
                        "명",
                        OUTCOME,
                        TRANSPORT,
                        "110",
                        "60",
                        lower=True,
                        variants=(("전체", 1.0), ("보행자", 0.45), ("65세 이상", 0.4)),
                        sdg="3.6",
                    ),
                    G(
                        "{v} 5대 범죄 발생 건수",
                        "건",
                        OUTCOME,
                        SAFETY,
                        "3000",
                        "2200",
                        lower=True,
                        variants=DISTRICT_COUNTS,
                        sdg="16.1",
                    ),
                    G("재난 안전취약계층 안전점검 가구 수", "가구", PROCESS, SAFETY, "1000", "5000", sdg="11.5"),
                ],
            ),
            (
                "환경권 보장",
                [
                    G("미세먼지(PM10) 연평균 농도", "㎍/㎥", OUTCOME, CLIMATE, "45", "35", lower=True, sdg="11.6"),
                    G(
                        "{v} 1인당 생활권 공원 면적",
                        "㎡",
                        OUTCOME,
                        URBAN,
                        "6.0",
                        "9.0",
                        variants=DISTRICT_RATES,
                        sdg="11.7",
                    ),
                    G("환경성 질환 취약계층 지원 가구 수", "가구", PROCESS, CLIMATE, "200", "800", sdg="3.9"),
                ],
            ),
            (
                "노동권 보장",
                [
                    G("생활임금 적용 노동자 수", "명", OUTCOME, JOBS, "0", "3000", dis=("sex",), sdg="8.5"),
                    G("공공부문 비정규직 정규직 전환율", "%", OUTCOME, ADMIN, "0", "90", sdg="8.5"),
                    G("감정노동자 권리보호 교육 이수자 수", "명", PROCESS, JOBS, "100", "1500", sdg="8.8"),
                    G("노동권익센터 상담 건수", "건", PROCESS, JOBS, "800", "2000", sdg="8.8"),
                ],
            ),
        ],
    ),
    (
        "참여와 문화의 권리",
        "Participation, education and culture",
        [
            (
                "인권교육 확대",
                [
                    G(
                        "{v} 시민 인권교육 참여자 수",
                        "명",
                        PROCESS,
                        HRO,
                        "1000",
                        "4000",
                        dis=("sex",),
                        variants=DISTRICT_COUNTS,
                        sdg="4.7",
                    ),
                    G("학교 인권교육 실시율", "%", PROCESS, EDUCATION, "50", "100", sdg="4.7"),
                ],
            ),
            (
                "문화권 보장",
                [
                    G(
                        "장애인 문화예술 프로그램 참여자 수",
                        "명",
                        OUTCOME,
                        CULTURE,
                        "2000",
                        "6000",
                        dis=("sex",),
                        sdg="10.2",
                    ),
                    G("공공도서관 1관당 인구 수", "명", STRUCTURAL, CULTURE, "70000", "50000", lower=True, sdg="4.a"),
                ],
            ),
            (
                "시민 참여 보장",
                [
                    G("주민참여예산 시민 참여자 수", "명", PROCESS, PLANNING, "500", "3000", dis=("age",), sdg="16.7"),
                    G("시 위원회 여성 위원 비율", "%", OUTCOME, WOMEN, "28", "40", sdg="5.5"),
                    G("인권마을 조성 수", "개소", OUTCOME, HRO, "0", "15", sdg="11.3"),
                ],
            ),
        ],
    ),
]

CHUNGNAM_DESCRIPTION = (
    "「충청남도 지속가능발전 기본 조례」에 따라 유엔 지속가능발전목표(SDGs)와의 연계성을 고려하여 "
    "선정한 17개 목표와 62개 지표. 1단계(2018-2020), 2단계(2021-2025), 3단계(2026-2030)로 이행한다."
)
CHUNGNAM_PROCESS = (
    "의제21의 정신으로 설립된 민관 협력기구인 충남지속가능발전협의회가 이행을 촉진·조정한다. "
    "협의회는 4개 분과위원회로 구성되며 분과마다 시민사회·민간·공공부문 위원 25명이 참여한다."
)
CHUNGNAM_PHASES = (("1단계", 2018, 2020), ("2단계", 2021, 2025), ("3단계", 2026, 2030))

C = Spec

# (goal title, [indicator specs]) for UN SDGs 1-17; the baseline is 2017's, the target 2030's.
CHUNGNAM_GOALS = [
    (
        "모두가 누리는 기본생활 보장",
        [
            C("상대빈곤율", "%", OUTCOME, WELFARE, "15.2", "11.0", lower=True, sdg="1.2"),
            C("노인 빈곤율", "%", OUTCOME, WELFARE, "45.0", "35.0", lower=True, sdg="1.2"),
            C("긴급복지 지원 가구 수", "가구", PROCESS, WELFARE, "3200", "6000", sdg="1.3"),
            C("재난 피해 취약계층 지원율", "%", PROCESS, SAFETY, "60", "90", sdg="1.5"),
        ],
    ),
    (
        "지속가능한 농업과 먹거리",
        [
            C("친환경 농산물 인증 면적 비율", "%", OUTCOME, JOBS, "5.1", "15.0", sdg="2.4"),
            C("학교 친환경 급식 지원율", "%", PROCESS, EDUCATION, "70", "100", sdg="2.1"),
            C("청년 농업인 수", "명", OUTCOME, JOBS, "1200", "3000", sdg="2.3"),
        ],
    ),
    (
        "건강하고 행복한 삶",
        [
            C("기대수명", "세", OUTCOME, HEALTH, "81.0", "84.0", dis=("sex",), sdg="3.4"),
            C("자살률(인구 10만 명당)", "명", OUTCOME, WELFARE, "29.0", "18.0", lower=True, dis=("sex",), sdg="3.4"),
            C("공공의료기관 병상 비율", "%", STRUCTURAL, WELFARE, "9.0", "15.0", sdg="3.8"),
            C("고위험 음주율", "%", OUTCOME, HEALTH, "19.5", "14.0", lower=True, sdg="3.5"),
            C("영아 사망률(출생아 천 명당)", "명", OUTCOME, HEALTH, "3.1", "2.0", lower=True, sdg="3.2"),
        ],
    ),
    (
        "모두를 위한 평생학습",
        [
            C("평생교육 참여율", "%", OUTCOME, EDUCATION, "35", "50", dis=("sex",), sdg="4.6"),
            C("학교 밖 청소년 지원 인원", "명", PROCESS, WOMEN, "1500", "3000", sdg="4.1"),
            C("국공립 유치원 취원율", "%", OUTCOME, EDUCATION, "30", "50", sdg="4.2"),
            C("세계시민·인권교육 이수 학생 수", "명", PROCESS, EDUCATION, "20000", "60000", sdg="4.7"),
        ],
    ),
    (
        "성평등 사회 실현",
        [
            C("여성 고용률", "%", OUTCOME, WOMEN, "52", "60", sdg="5.5"),
            C("도 위원회 여성 위원 비율", "%", OUTCOME, WOMEN, "33", "45", sdg="5.5"),
            C("성별 임금 격차", "%", OUTCOME, WOMEN, "36", "25", lower=True, sdg="5.1"),
            C("가정폭력 피해자 지원 건수", "건", PROCESS, WOMEN, "2500", "4000", sdg="5.2"),
        ],
    ),
    (
        "깨끗한 물 관리",
        [
            C("상수도 보급률", "%", OUTCOME, CLIMATE, "91", "98", sdg="6.1"),
            C("하수도 보급률", "%", OUTCOME, CLIMATE, "80", "92", sdg="6.2"),
            C("하천 수질 좋음(Ⅱ등급 이상) 비율", "%", OUTCOME, CLIMATE, "40", "70", sdg="6.3"),
        ],
    ),
    (
        "깨끗한 에너지로의 전환",
        [
            C("신재생에너지 발전 비중", "%", OUTCOME, CLIMATE, "4.0", "25.0", sdg="7.2"),
            C("에너지 바우처 지원 가구 수", "가구", PROCESS, WELFARE, "20000", "35000", sdg="7.1"),
            C("공공건물 에너지효율 등급 인증 비율", "%", STRUCTURAL, URBAN, "20", "60", sdg="7.3"),
            C("주택 태양광 설치 가구 수", "가구", OUTCOME, CLIMATE, "5000", "30000", sdg="7.2"),
        ],
    ),
    (
        "좋은 일자리와 지역경제",
        [
            C("고용률(15-64세)", "%", OUTCOME, JOBS, "67", "72", dis=("sex",), sdg="8.5"),
            C("청년 고용률", "%", OUTCOME, JOBS, "40", "50", dis=("sex",), sdg="8.6"),
            C("산업재해 사망자 수", "명", OUTCOME, JOBS, "120", "60", lower=True, sdg="8.8"),
            C("사회적경제기업 수", "개", OUTCOME, JOBS, "600", "1500", sdg="8.3"),
            C("생활임금 적용 노동자 수", "명", OUTCOME, JOBS, "1500", "4000", sdg="8.5"),
        ],
    ),
    (
        "지역 혁신과 사회기반시설",
        [
            C("지역내총생산 대비 연구개발 투자 비중", "%", STRUCTURAL, AI, "2.0", "4.0", sdg="9.5"),
            C("농어촌 초고속 인터넷 보급률", "%", STRUCTURAL, AI, "85", "99", sdg="9.c"),
            C("수요응답형 버스 운행 노선 수", "개", PROCESS, TRANSPORT, "10", "60", sdg="9.1"),
        ],
    ),
    (
        "불평등 해소",
        [
            C("장애인 고용률", "%", OUTCOME, JOBS, "3.0", "5.0", sdg="10.2"),
            C("외국인 주민 지원센터 상담 건수", "건", PROCESS, WOMEN, "8000", "15000", sdg="10.7"),
            C("장애인 의무고용률 달성 공공기관 비율", "%", OUTCOME, ADMIN, "60", "100", sdg="10.3"),
            C("시·군 간 1인당 소득 격차(최고/최저)", "배", OUTCOME, PLANNING, "2.5", "1.8", lower=True, sdg="10.1"),
        ],
    ),
    (
        "안전하고 살기 좋은 정주 공간",
        [
            C("공공임대주택 비율", "%", OUTCOME, URBAN, "5.0", "10.0", sdg="11.1"),
            C("대중교통 수단 분담률", "%", OUTCOME, TRANSPORT, "10", "20", sdg="11.2"),
            C("저상버스 보급률", "%", OUTCOME, TRANSPORT, "12", "60", sdg="11.2"),
            C("1인당 도시공원 면적", "㎡", OUTCOME, URBAN, "9.0", "12.0", sdg="11.7"),
            C("교통사고 사망자 수", "명", OUTCOME, TRANSPORT, "380", "190", lower=True, sdg="11.2"),
        ],
    ),
    (
        "지속가능한 생산과 소비",
        [
            C("1인당 생활폐기물 발생량", "kg/일", OUTCOME, CLIMATE, "1.05", "0.85", lower=True, sdg="12.5"),
            C("생활폐기물 재활용률", "%", OUTCOME, CLIMATE, "55", "75", sdg="12.5"),
            C("공공기관 녹색제품 구매율", "%", PROCESS, ADMIN, "60", "90", sdg="12.7"),
        ],
    ),
    (
        "기후변화 대응",
        [
            C("온실가스 배출량", "백만 tCO₂eq", OUTCOME, CLIMATE, "160", "90", lower=True, sdg="13.2"),
            C("기후변화 적응대책 이행률", "%", PROCESS, CLIMATE, "40", "100", sdg="13.1"),
            C("폭염 취약계층 무더위 쉼터 수", "개소", STRUCTURAL, SAFETY, "3000", "4500", sdg="13.1"),
            C("탄소포인트제 가입 가구 비율", "%", PROCESS, CLIMATE, "10", "30", sdg="13.3"),
        ],
    ),
    (
        "건강한 해양 생태계",
        [
            C("해양보호구역 면적", "㎢", STRUCTURAL, CLIMATE, "90", "150", sdg="14.5"),
            C("연안 해양쓰레기 수거량", "톤", PROCESS, CLIMATE, "5000", "9000", sdg="14.1"),
            C("갯벌 복원 면적", "ha", OUTCOME, CLIMATE, "0", "200", sdg="14.2"),
        ],
    ),
    (
        "육상 생태계 보전",
        [
            C("산림 면적 비율", "%", OUTCOME, CLIMATE, "48.5", "49.5", sdg="15.1"),
            C("자연환경 보호지역 면적 비율", "%", STRUCTURAL, CLIMATE, "5", "10", sdg="15.1"),
            C("멸종위기 야생생물 복원 종 수", "종", OUTCOME, CLIMATE, "3", "10", sdg="15.5"),
        ],
    ),
    (
        "평화롭고 정의로운 공동체",
        [
            C("인권교육 이수 공무원 비율", "%", PROCESS, HRO, "50", "100", sdg="16.b"),
            C("도민 인권침해 상담·구제 건수", "건", PROCESS, HRO, "150", "400", sdg="16.3"),
            C("주민참여예산 참여 도민 수", "명", PROCESS, PLANNING, "2000", "8000", sdg="16.7"),
        ],
    ),
    (
        "지속가능발전을 위한 협력",
        [
            C("지속가능발전 민관협력 사업 수", "건", PROCESS, PLANNING, "10", "50", sdg="17.17"),
            C("국제개발협력 사업 예산", "백만원", STRUCTURAL, PLANNING, "500", "2000", sdg="17.2"),
        ],
    ),
]

# Policy tasks of Gwangju's 2nd Basic Plan (plans demo) → the Gwangju indicators that measure them.
PLAN_TASK_LINKS = {
    "장애인 이동권 보장을 위한 저상버스 확대": ["장애인 저상버스 보급률"],
    "장애인 특별교통수단 증차 및 24시간 운영": ["장애인 특별교통수단 법정대수 확보율"],
    "장애인 공공일자리 확대": ["장애인 고용률"],
    "이주노동자 인권상담 지원": ["이주민 인권상담 건수(이주노동자)"],
    "결혼이주여성 통번역 서비스 지원": ["다문화가족 통번역 서비스 이용 건수"],
    "독거노인 응급안전 알림서비스 확대": ["독거노인 돌봄서비스 수혜율"],
    "노인학대 예방 및 피해노인 보호": ["노인학대 재신고율"],
    "아동학대 예방 및 피해아동 보호체계 강화": ["아동학대 신고 처리율"],
    "학교 밖 청소년 지원센터 운영": ["학교 밖 청소년 지원 인원"],
    "여성폭력 피해자 통합지원센터 운영": ["여성폭력 피해자 지원 건수"],
    "노숙인 임시주거 및 자활 지원": ["노숙인 자활 참여자 수"],
    "저소득층 주거환경 개선(집수리) 지원": ["저소득층 주거환경 개선 가구 수"],
    "공무원 인권교육 의무화": ["공무원 인권교육 이수율(본청)", "공무원 인권교육 이수율(자치구)"],
    "인권영향평가 제도 운영": ["인권영향평가 실시 건수"],
    "인권옴부즈맨 조사·구제 활동 강화": ["인권옴부즈맨 상담 건수", "인권침해 시정 권고 수용률"],
    "공공부문 비정규직 정규직 전환": ["공공부문 비정규직 정규직 전환율"],
    "시민 인권교육 프로그램 운영": [f"{district} 시민 인권교육 참여자 수" for district, _ in DISTRICT_COUNTS],
    "학교 인권교육 지원": ["학교 인권교육 실시율"],
    "장애인 문화예술 활동 지원": ["장애인 문화예술 프로그램 참여자 수"],
}


def seed(*, stdout=None) -> list:
    """Load the indicators demo data once; no new logins (the core demo made them)."""
    if IndicatorFramework.objects.filter(name=GWANGJU_NAME, organisation=GWANGJU).exists():
        links = link_plan_tasks()
        if stdout is not None:
            stdout.write(f"indicators: demo data already present, nothing added ({links} plan-task links)")
        return []
    demo = _Demo()
    gwangju = demo.gwangju()
    chungnam = demo.chungnam()
    demo.insert_values()
    demo.drafts_and_correction()
    links = link_plan_tasks()
    if stdout is not None:
        achieved = gwangju.indicators.filter(status=ACHIEVED).count()
        stdout.write(
            f"indicators: {IndicatorFramework.objects.count()} frameworks "
            f"(Gwangju: {gwangju.indicators.count()} indicators in {gwangju.areas.count()} areas, "
            f"{gwangju.tasks.count()} implementation tasks, {achieved} achieved; "
            f"Chungnam: {chungnam.areas.count()} goals, {chungnam.indicators.count()} indicators), "
            f"{Measurement.objects.count()} values, {links} plan-task links"
        )
    return []


def link_plan_tasks() -> int:
    """Link Gwangju indicators to the tasks of Gwangju's 2nd Basic Plan that exist (idempotent).

    The plans demo runs after this one (INSTALLED_APPS order), so on a first ``seed_demo`` there is
    nothing to link yet; the plans demo may call this at its end, and any later run completes it.
    """
    if not apps.is_installed("plans"):
        return 0
    policy_task = apps.get_model("plans", "PolicyTask")
    tasks = {
        task.title: task
        for task in policy_task.objects.filter(
            area__plan__organisation=GWANGJU, area__plan__start_year=2018, title__in=list(PLAN_TASK_LINKS)
        )
    }
    if not tasks:
        return 0
    indicators = {
        indicator.name_ko: indicator
        for indicator in Indicator.objects.filter(framework__name=GWANGJU_NAME, framework__organisation=GWANGJU)
    }
    linked = 0
    for title, names in PLAN_TASK_LINKS.items():
        task = tasks.get(title)
        found = [indicators[name] for name in names if name in indicators]
        if task is not None and found:
            task.indicators.add(*found)
            linked += len(found)
    return linked


def _quantize(value: float, places: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _places(spec: Spec) -> int:
    """Decimal places of an indicator's values: as written in its specification, at least one for rates."""
    baseline, target = Decimal(spec.baseline), Decimal(spec.target)
    places = max(-baseline.as_tuple().exponent, -target.as_tuple().exponent, 0)
    if spec.unit in ("%", "㎡", "㎍/㎥", "세"):
        places = max(places, 1)
    if abs(target - baseline) < 1:
        places = max(places, 2)
    return places


@dataclass
class _Plan:
    """The values planned for one indicator before they are inserted."""

    indicator: Indicator
    places: int
    totals: dict[int, Decimal] = field(default_factory=dict)
    categories: list[tuple[int, str, Decimal]] = field(default_factory=list)
    entered_by: User | None = None


class _Demo:
    def __init__(self) -> None:
        self.rng = random.Random(RANDOM_SEED)  # noqa: S311 - repeatable demo data, not security
        self.office = User.objects.get(username="office")
        self.official = User.objects.filter(username="official").select_related("department").first()
        self.departments = {department.code: department for department in Department.objects.all()}
        self.targets = {target.code: target for target in SdgTarget.objects.all()}
        self.plans: list[_Plan] = []
        self.categories: dict[tuple[int, str], object] = {}  # (framework id, category code) → category
        self.expected: dict[int, str] = {}

    # ------------------------------------------------------------ frameworks

    def _dimensions(self, framework, *, age: bool) -> None:
        dimensions = [
            services.dimension_save(
                framework=framework,
                actor=self.office,
                code="sex",
                name_ko="성별",
                name_en="Sex",
                categories=[("male", "남", "Male"), ("female", "여", "Female", "women")],
            )
        ]
        if age:
            dimensions.append(
                services.dimension_save(
                    framework=framework,
                    actor=self.office,
                    code="age",
                    name_ko="연령대",
                    name_en="Age group",
                    categories=[
                        ("under-18", "18세 미만", "Under 18", "children-youth"),
                        ("18-39", "18-39세", "18-39"),
                        ("40-64", "40-64세", "40-64"),
                        ("65-plus", "65세 이상", "65 and over", "older-persons"),
                    ],
                )
            )
        for dimension in dimensions:
            for category in dimension.categories.all():
                self.categories[(framework.pk, category.code)] = category

    def _indicator(self, framework, area, task, spec: Spec, *, code, name, baseline, target, years):
        places = _places(spec)
        baseline, target = _quantize(float(baseline), places), _quantize(float(target), places)
        percent = spec.unit == "%"
        department = self.departments.get(spec.department)
        indicator = services.indicator_save(
            framework=framework,
            actor=self.office,
            area=area,
            implementation_task=task,
            code=code,
            name_ko=name,
            kind=spec.kind,
            unit=spec.unit,
            direction=Direction.LOWER if spec.lower else Direction.HIGHER,
            baseline_value=baseline,
            baseline_year=years[0],
            target_value=target,
            target_year=years[1],
            plausible_min=Decimal(0),
            plausible_max=Decimal(100) if percent else None,
            data_source=f"{department.name_ko} 행정자료" if department else "",
            responsible_department=department,
            sdg_targets=[self.targets[spec.sdg]] if spec.sdg in self.targets else [],
        )
        return indicator, places

    def gwangju(self) -> IndicatorFramework:
        framework = services.framework_save(
            actor=self.office,
            name=GWANGJU_NAME,
            name_en="Gwangju Human Rights Indicators",
            organisation=GWANGJU,
            year_developed=2012,
            description=GWANGJU_DESCRIPTION,
            development_process=GWANGJU_PROCESS,
            area_label="area",
        )
        self._dimensions(framework, age=True)
        outcomes = self._gwangju_outcomes()
        task_number = 0
        index = 0
        for area_number, (title, title_en, tasks) in enumerate(GWANGJU_AREAS, start=1):
            area = services.area_save(
                framework=framework, actor=self.office, number=area_number, title=title, title_en=title_en
            )
            in_area = 0
            for task_title, specs in tasks:
                task_number += 1
                task = services.implementation_task_save(
                    framework=framework, area=area, actor=self.office, number=task_number, title=task_title
                )
                for spec in specs:
                    for label, factor in spec.variants or ((None, 1.0),):
                        in_area += 1
                        name = spec.name.format(v=label) if label else spec.name
                        indicator, places = self._indicator(
                            framework,
                            area,
                            task,
                            spec,
                            code=f"{area_number}-{in_area:02d}",
                            name=name,
                            baseline=Decimal(spec.baseline) * Decimal(str(factor)),
                            target=Decimal(spec.target) * Decimal(str(factor)),
                            years=(2012, 2020),
                        )
                        self._plan_values(indicator, places, spec, outcomes[index], years=GWANGJU_YEARS)
                        index += 1
        return framework

    @staticmethod
    def _gwangju_outcomes() -> list[tuple[str, int]]:
        """(status, latest year) for the 100 indicators: 50 achieved, then on/off track and a few without data."""
        outcomes = []
        for index in range(100):
            if index % 2 == 0:
                outcomes.append((ACHIEVED, 2020 if index % 6 else 2019))
                continue
            odd = index // 2
            if odd % 12 == 11:
                outcomes.append((NO_DATA, 0))
            elif odd % 2 == 0:
                outcomes.append((ON_TRACK, 2019 if odd % 4 == 0 else 2018))  # the 2020 survey is not out yet
            else:
                outcomes.append((OFF_TRACK, 2020 if odd % 3 else 2019))
        return outcomes

    def chungnam(self) -> IndicatorFramework:
        framework = services.framework_save(
            actor=self.office,
            name=CHUNGNAM_NAME,
            name_en="Chungcheongnam-do local SDGs 2030",
            organisation=CHUNGNAM,
            year_developed=2018,
            description=CHUNGNAM_DESCRIPTION,
            development_process=CHUNGNAM_PROCESS,
            area_label="goal",
        )
        self._dimensions(framework, age=False)
        phases = [
            services.phase_save(framework=framework, actor=self.office, name=name, start_year=start, end_year=end)
            for name, start, end in CHUNGNAM_PHASES
        ]
        goals = {goal.number: goal for goal in SdgGoal.objects.all()}
        phase_targets = []
        index = 0
        for number, (title, specs) in enumerate(CHUNGNAM_GOALS, start=1):
            goal = goals[number]
            area = services.area_save(
                framework=framework,
                actor=self.office,
                number=number,
                title=title,
                title_en=goal.title_en,
                sdg_goal=goal,
            )
            for position, spec in enumerate(specs, start=1):
                indicator, places = self._indicator(
                    framework,
                    area,
                    None,
                    spec,
                    code=f"{number}-{position}",
                    name=spec.name,
                    baseline=Decimal(spec.baseline),
                    target=Decimal(spec.target),
                    years=(2017, 2030),
                )
                phase_targets.extend(self._phase_targets(indicator, phases, places))
                self._plan_values(indicator, places, spec, self._chungnam_outcome(index), years=CHUNGNAM_YEARS)
                index += 1
        PhaseTarget.objects.bulk_create(phase_targets)
        return framework

    @staticmethod
    def _chungnam_outcome(index: int) -> tuple[str, int]:
        if index in (30, 61):
            return NO_DATA, 0
        latest = 2021 if index % 5 == 4 else 2022
        return {0: ACHIEVED, 3: OFF_TRACK, 5: OFF_TRACK}.get(index % 6, ON_TRACK), latest

    @staticmethod
    def _phase_targets(indicator: Indicator, phases: list[FrameworkPhase], places: int) -> list[PhaseTarget]:
        baseline, target = indicator.baseline_value, indicator.target_value
        span = indicator.target_year - indicator.baseline_year
        return [
            PhaseTarget(
                indicator=indicator,
                phase=phase,
                target_value=_quantize(
                    float(baseline + (target - baseline) * (phase.end_year - indicator.baseline_year) / span),
                    places,
                ),
            )
            for phase in phases
        ]

    # ------------------------------------------------------------ values

    def _plan_values(self, indicator: Indicator, places: int, spec: Spec, outcome, *, years: range) -> None:
        """Plan a series whose latest verified value gives ``outcome`` under the status rule."""
        status, latest = outcome
        self.expected[indicator.pk] = status
        plan = _Plan(indicator=indicator, places=places)
        if self.official and indicator.responsible_department_id == self.official.department_id:
            plan.entered_by = self.official
        self.plans.append(plan)
        if status == NO_DATA:
            return
        baseline, target = float(indicator.baseline_value), float(indicator.target_value)
        low, high = (0.0, 100.0) if spec.unit == "%" else (0.0, None)
        first, span = indicator.baseline_year, indicator.target_year - indicator.baseline_year
        candidates = {
            ACHIEVED: (1.08, 1.03, 1.0, 1.2),
            ON_TRACK: (0.96, 0.99, 0.93, 0.999),
            OFF_TRACK: (0.55, 0.4, 0.7, 0.2, -0.1),
        }[status]
        if status == ON_TRACK and span > 8:  # Chungnam: judged on the path of a 2030 target
            candidates = (0.1 + (latest - first) / span, 0.6, 0.8)
        if status == OFF_TRACK and span > 8:
            candidates = (0.15, 0.05, -0.05)
        shape = self.rng.choice((0.8, 1.0, 1.2))
        for share in candidates:
            totals = {}
            for year in range(years.start, latest + 1):
                progress = share * ((year - first) / (latest - first)) ** shape if latest > first else share
                noise = self.rng.uniform(-0.02, 0.02) if year < latest else 0.0
                value = baseline + (target - baseline) * (progress + noise)
                value = max(low, value if high is None else min(high, value))
                totals[year] = _quantize(value, places)
            series = [Point(year, value) for year, value in sorted(totals.items())]
            found = derive_status(
                direction=indicator.direction,
                series=series,
                baseline=Point(indicator.baseline_year, indicator.baseline_value),
                target=Point(indicator.target_year, indicator.target_value),
            )
            if found == status:
                break
        else:
            raise RuntimeError(f"demo data: no series gives {status} for {indicator.code} {indicator.name_ko}")
        plan.totals = totals
        for dimension in spec.dis:
            codes = SEX if dimension == "sex" else AGE
            for year, total in totals.items():
                for code, value in self._breakdown(total, codes, percent=spec.unit == "%", count=places == 0):
                    plan.categories.append((year, code, _quantize(value, places)))

    def _breakdown(self, total: Decimal, codes, *, percent: bool, count: bool):
        total_value = float(total)
        if count:  # counts split into shares that add up to the total
            shares = (0.46, 0.54) if len(codes) == 2 else (0.35, 0.4, 0.25)
            parts = [round(total_value * share) for share in shares]
            parts[-1] = round(total_value) - sum(parts[:-1])
            return list(zip(codes, parts, strict=True))
        factors = (0.96, 1.04) if len(codes) == 2 else (1.06, 1.0, 0.88)
        return [
            (code, min(100.0, total_value * factor) if percent else total_value * factor)
            for code, factor in zip(codes, factors, strict=True)
        ]

    def _row(self, plan: _Plan, year: int, value: Decimal, category=None) -> Measurement:
        tz = timezone.get_current_timezone()
        return Measurement(
            indicator=plan.indicator,
            year=year,
            period=0,
            category=category,
            value=value,
            source_note=plan.indicator.data_source,
            state=MeasurementState.VERIFIED,
            entered_by=plan.entered_by or self.office,
            entered_at=datetime.datetime(year + 1, 3, 15, 10, tzinfo=tz),
            verified_by=self.office,
            verified_at=datetime.datetime(year + 1, 4, 30, 16, tzinfo=tz),
        )

    def insert_values(self) -> None:
        rows = []
        for plan in self.plans:
            framework_id = plan.indicator.framework_id
            rows.extend(self._row(plan, year, value) for year, value in plan.totals.items())
            rows.extend(
                self._row(plan, year, value, self.categories[(framework_id, code)])
                for year, code, value in plan.categories
            )
        Measurement.objects.bulk_create(rows, batch_size=1000)
        for plan in self.plans:
            services.indicator_status_refresh(indicator=plan.indicator)

    def drafts_and_correction(self) -> None:
        """Values still to verify in the latest year, entered through the services, and one correction."""
        waiting = [
            plan
            for plan in self.plans
            if plan.totals and self.expected[plan.indicator.pk] == ON_TRACK and plan.indicator.target_year == 2020
        ]
        welfare_first = sorted(waiting, key=lambda plan: plan.entered_by is None)
        for plan in welfare_first[:6]:
            latest_year = max(plan.totals)
            indicator = plan.indicator
            step = (indicator.target_value - indicator.baseline_value) / 16
            services.measurement_save(
                indicator=indicator,
                actor=plan.entered_by or self.office,
                year=2020,
                value=_clip(plan.totals[latest_year] + step, indicator, plan.places),
                source_note=f"{indicator.data_source} (2020 잠정치)",
            )
        corrected = next(
            plan
            for plan in self.plans
            if plan.entered_by is not None and self.expected[plan.indicator.pk] == OFF_TRACK and len(plan.totals) > 3
        )
        year = max(plan_year for plan_year in corrected.totals if plan_year < max(corrected.totals))
        indicator = corrected.indicator
        services.measurement_save(
            indicator=indicator,
            actor=corrected.entered_by,
            year=year,
            value=_clip(corrected.totals[year] * Decimal("1.01"), indicator, corrected.places),
            source_note=f"{indicator.data_source} (확정치로 정정)",
        )


def _clip(value: Decimal, indicator: Indicator, places: int) -> Decimal:
    if indicator.plausible_max is not None:
        value = min(value, indicator.plausible_max)
    return _quantize(float(max(value, Decimal(0))), places)
