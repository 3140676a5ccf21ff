"""Demo data of the impact app, built from the seed documents (``shared/seeds``).

What the seed documents say, and what this module recreates:

- Gwangju's Human Rights Protection and Promotion Ordinance made a human rights impact assessment
  mandatory for every new or revised ordinance and regulation from **July 2017**: "the impact
  assessment made it possible for **49 out of 107** ordinances and regulations to be revised". Here:
  107 closed assessments of Gwangju ordinances and regulations requested from July 2017 to the end
  of 2018, exactly 49 with the outcome "revised" and 58 "not revised", their checklists answered
  (failures concentrated on a few criteria: gender balance of committees, discriminatory wording,
  personal data, exclusion of foreign residents, due process), findings and recommendations with
  the departments' responses.
- Guidelines for the assessment of public buildings (**March 2018**) and an impact assessment team:
  "**22 out of 44** polling stations were renovated for easy access". Here: 44 polling-station
  assessments before the local elections of 13 June 2018, in Gwangju's five districts, with their
  accessibility data; 22 renovated (outcome "revised"), 22 not.
- Seoul runs assessments of policies as a trial (two policies, partially revised); Gwangju plans
  assessments of public events (one event, requested). Chungnam's ordinance (Article 9) lets the
  governor assess ordinances, rules and policies.
- A few assessments of 2019-2026 in every open status, some overdue, so that the office, the
  ``official`` demo account (복지건강국) and the ``committee`` account have work to do; a few are
  linked to the plans demo's tasks and the ombudsman demo's recommendations.

Checklists (one per subject type, in Korean) are written through ``impact.services``; the
ordinance checklist has a retired version 1 (answered by the assessments of 2017-2018) and
version 2 in use. The assessments of 2019-2026 are walked through the services by the demo
accounts and re-dated afterwards, *in this demo module only*, with queryset updates (the services
stamp today's date on each step). Walking the 151 assessments of 2017-2018 through the services
would take too long, so their finished rows (assessment, events, answers, findings, responses and
audit events) are written with ``bulk_create`` exactly as the services would leave them; where the
demo has no login for a department, its responses carry no ``responded_by``.

Idempotent: when the ordinance checklist of this demo exists, nothing is added.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from humanrights_portal.core.models import AuditEvent, Department, RightCategory, User, VulnerableGroup
from humanrights_portal.core.roles import Role
from impact import services, workflow
from impact.models import (
    Answer,
    Assessment,
    AssessmentEvent,
    AssessmentStatus,
    ChecklistTemplate,
    CommitteeReview,
    CriterionAnswer,
    FacilityUse,
    Finding,
    Outcome,
    ResponseKind,
    RevisionKind,
    SubjectType,
)

S = AssessmentStatus
RANDOM_SEED = 2017
GWANGJU = "광주광역시"
GWANGJU_COMMITTEE = "광주광역시 인권증진시민위원회"
ORDINANCE_CHECKLIST_V1 = "자치법규(조례) 인권영향평가 체크리스트"

#: Gwangju, July 2017 - December 2018: 107 ordinances and regulations assessed, 49 revised.
LEGISLATION_ASSESSED = 107
LEGISLATION_REVISED = 49
#: Polling stations before the local elections of June 2018: 44 assessed, 22 renovated.
POLLING_STATIONS = 44
POLLING_RENOVATED = 22

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

# Sections (the right or group a criterion belongs to) with their reference codes (right, group).
EQ = ("평등·차별금지", "equality", None)
DIS = ("장애인 접근성", "accessibility", "persons-with-disabilities")
PRI = ("개인정보·사생활", "privacy", None)
CHI = ("아동", None, "children-youth")
MIG = ("이주민", None, "migrants")
OLD = ("노인", None, "older-persons")
WOM = ("여성", "equality", "women")
WRK = ("노동", "labour", "workers")
DUE = ("적법절차", "due-process", None)
PAR = ("참여", "participation", None)
ENV = ("환경", "environment", None)
SAF = ("안전", "safety", None)

# ---------------------------------------------------------------- checklists

ORDINANCE_V1 = [
    (EQ, "성별, 장애, 나이, 국적, 출신 지역 등을 이유로 한 차별적 조항이나 차별적 용어가 없는가?"),
    (EQ, "지원·혜택의 대상에서 외국인 주민, 한부모가족 등 특정 집단을 합리적 이유 없이 배제하지 않는가?"),
    (DIS, "장애인이 제도와 서비스를 동등하게 이용할 수 있도록 정보 제공과 편의 제공을 규정하고 있는가?"),
    (PRI, "수집하는 개인정보가 목적에 필요한 최소한이며 보유 기간과 파기 절차가 정해져 있는가?"),
    (PRI, "영상정보처리기기(CCTV) 설치·운영이 필요한 최소한이고 설치 사실의 고지를 규정하는가?"),
    (CHI, "아동·청소년에게 영향을 미치는 경우 아동의 최선의 이익과 의견 청취를 고려하는가?"),
    (MIG, "외국인 주민이 제도를 이해하고 이용할 수 있도록 다국어 안내를 규정하는가?"),
    (OLD, "디지털 기기를 쓰기 어려운 노인 등이 대면·전화로 신청할 수 있는 방법이 있는가?"),
    (WOM, "위원회를 두는 경우 위촉직 위원 중 특정 성별이 10분의 6을 넘지 않도록 규정하는가?"),
    (WRK, "위탁·민간 종사자를 포함하여 사업에 종사하는 노동자의 노동 조건과 권리를 보호하는가?"),
    (DUE, "권리를 제한하거나 의무를 부과하는 경우 사전 통지, 의견 제출, 이의 신청 절차가 있는가?"),
    (PAR, "당사자와 주민이 정책 결정에 참여하고 의견을 낼 수 있는 절차가 있는가?"),
]
#: Version 2 (2019): criterion number → new wording, and criteria added at the end.
ORDINANCE_V2_CHANGES = {
    1: "성별, 장애, 나이, 국적, 출신 지역, 성적 지향 등을 이유로 한 차별적 조항이 없는가?",
    9: "위원회를 두는 경우 위촉직 위원 중 특정 성별이 10분의 6을 넘지 않고 당사자 위원을 포함하도록 규정하는가?",
}
ORDINANCE_V2_ADDED = [
    (EQ, "“정신지체”, “벙어리”, “불우이웃” 등 비하하거나 권위적인 표현이 없고 쉬운 우리말을 쓰는가?"),
    (ENV, "폭염·한파·미세먼지 등 환경 변화가 취약계층에 미치는 영향을 고려하는가?"),
]
REGULATION_V1 = [
    (EQ, "시행규칙·규칙의 요건과 서식에 성별, 장애, 나이, 국적 등에 따른 차별적 요소가 없는가?"),
    (EQ, "상위 조례가 정한 지원 대상을 규칙에서 축소하거나 특정 집단을 배제하지 않는가?"),
    (DIS, "신청 서식과 절차가 장애인에게 접근 가능한가(대리 신청, 쉬운 서식, 점자·음성 안내)?"),
    (PRI, "서식에서 요구하는 개인정보(주민등록번호, 가족관계 등)가 필요한 최소한인가?"),
    (CHI, "아동·청소년에게 적용되는 경우 보호자 동의와 아동의 의견 존중을 규정하는가?"),
    (MIG, "외국인 주민이 외국인등록번호 등으로 신청할 수 있고 다국어 서식이 있는가?"),
    (OLD, "노인 등이 방문·우편으로 신청할 수 있고 처리 기한이 명확한가?"),
    (WOM, "위원회·심사단 구성에서 특정 성별이 10분의 6을 넘지 않도록 규정하는가?"),
    (WRK, "시설 운영 규칙이 종사자의 휴게, 안전, 감정노동 보호를 고려하는가?"),
    (DUE, "사용 제한, 자격 취소 등 불이익 처분에 통지와 이의 신청 절차가 있는가?"),
]
POLICY_V1 = [
    (EQ, "정책 대상 선정 기준이 성별, 장애, 나이, 국적 등을 이유로 특정 집단을 배제하지 않는가?"),
    (EQ, "정책이 사회적 약자에게 불균형한 부담을 주지 않는지 영향을 분석하였는가?"),
    (DIS, "장애인이 정책 정보와 서비스에 동등하게 접근할 수 있는가(쉬운 글, 수어, 점자)?"),
    (PRI, "수집하는 개인정보가 최소한이며 목적 외 이용과 제3자 제공이 제한되는가?"),
    (CHI, "아동·청소년에게 미치는 영향을 검토하고 그들의 의견을 들었는가?"),
    (MIG, "외국인 주민과 이주배경 주민이 정책에서 배제되지 않는가?"),
    (OLD, "디지털 취약 계층인 노인이 신청·이용할 수 있는 대면 경로가 있는가?"),
    (WOM, "성별영향평가 결과를 반영하였는가?"),
    (WRK, "정책 수행 과정의 위탁·용역 노동자의 노동 조건이 보장되는가?"),
    (PAR, "당사자 참여와 이의 제기·권리 구제 절차가 마련되어 있는가?"),
]
BUILDING_V1 = [
    (DIS, "주출입구까지 단차 없이 접근할 수 있거나 경사로(기울기 1/12 이하)가 설치되어 있는가?"),
    (DIS, "출입문의 유효폭이 0.9m 이상이고 자동문 또는 여닫기 쉬운 문인가?"),
    (DIS, "이용 공간이 1층에 있거나 승강기·경사로로 모든 공용 층에 갈 수 있는가?"),
    (DIS, "장애인 화장실이 설치되어 있고 물품 적치 없이 실제로 이용할 수 있는가?"),
    (DIS, "점자블록, 점자 안내판, 음성 안내 장치가 설치되어 있는가?"),
    (DIS, "장애인 전용 주차구역이 출입구 가까이 확보되어 있는가?"),
    (DIS, "휠체어 사용자가 이용할 수 있는 높이의 창구·기표대가 있는가?"),
    (EQ, "청각장애인을 위한 문자·수어 안내와 시각경보기 등 비상 대피 설비가 있는가?"),
    (OLD, "노인이 쉬어 갈 수 있는 의자와 미끄럼 방지 바닥이 있는가?"),
    (CHI, "영유아 동반자를 위한 수유실, 기저귀 교환대 등 편의시설이 있는가?"),
    (MIG, "안내 표지가 쉬운 말, 그림 문자, 외국어로 제공되는가?"),
    (WOM, "화장실과 통로에 충분한 조명과 비상벨이 있어 안전하게 이용할 수 있는가?"),
]
EVENT_V1 = [
    (DIS, "행사장까지 장애인이 이동할 수 있고 휠체어석과 경사로가 마련되어 있는가?"),
    (DIS, "수어 통역, 문자 통역(자막), 점자 자료를 제공하는가?"),
    (EQ, "참가 신청 방법과 참가비가 특정 집단을 배제하지 않는가?"),
    (PRI, "참가자 사진·영상 촬영과 개인정보 수집 때 미리 알리고 동의를 받는가?"),
    (CHI, "미아 방지, 아동 안전 요원 배치 등 아동 안전 대책이 있는가?"),
    (MIG, "외국어 안내와 통역 서비스를 제공하는가?"),
    (OLD, "노인을 위한 휴게 공간, 그늘막, 의료 지원이 있는가?"),
    (WOM, "성희롱·성폭력 예방 안내와 신고 창구, 충분한 여성 화장실이 있는가?"),
    (WRK, "행사 운영 인력(용역 노동자, 자원봉사자)의 휴게 시간과 안전이 보장되는가?"),
    (SAF, "혼잡 관리와 비상 대피 계획이 수립되어 있는가?"),
]
CHECKLISTS = [
    # (subject type, title, description, criteria, published on)
    (
        SubjectType.ORDINANCE,
        ORDINANCE_CHECKLIST_V1,
        "「광주광역시 인권 보장 및 증진에 관한 조례」에 따라 제정·개정되는 모든 조례안에 적용한다(2017년 7월 시행).",
        ORDINANCE_V1,
        datetime.date(2017, 7, 3),
    ),
    (
        SubjectType.REGULATION,
        "자치법규(규칙) 인권영향평가 체크리스트",
        "제정·개정되는 시행규칙과 규칙에 적용한다(2017년 7월 시행).",
        REGULATION_V1,
        datetime.date(2017, 7, 3),
    ),
    (
        SubjectType.BUILDING,
        "공공건축물 인권영향평가 체크리스트",
        "「공공건축물 인권영향평가 지침」(2018년 3월)에 따라 공공건축물과 투표소 등 공공시설에 적용한다.",
        BUILDING_V1,
        datetime.date(2018, 3, 15),
    ),
    (
        SubjectType.POLICY,
        "정책·계획 인권영향평가 체크리스트(시범)",
        "서울특별시의 정책 인권영향평가 시범 운영을 참고하여 주요 정책과 계획에 시범 적용한다.",
        POLICY_V1,
        datetime.date(2019, 3, 4),
    ),
    (
        SubjectType.EVENT,
        "공공행사 인권영향평가 체크리스트",
        "시가 주최·주관하는 공공행사에 적용하여 행사 가이드라인을 마련한다.",
        EVENT_V1,
        datetime.date(2026, 3, 3),
    ),
]
ORDINANCE_V2_PUBLISHED = datetime.date(2019, 7, 1)

# ---------------------------------------------------------------- subjects of 2017-2018

ORDINANCES = """
장애인 복지 증진|welfare-health
장애인 차별금지 및 인권증진|welfare-health
노인복지 증진|welfare-health
치매 관리 및 지원|welfare-health
정신건강 증진|welfare-health
노숙인 등의 복지 및 자립 지원|welfare-health
사회복지시설 생활인 인권 보장|welfare-health
사회복지사 등의 처우 및 지위 향상|welfare-health
발달장애인 지원|welfare-health
장애인 활동 지원|welfare-health
저소득 주민 생활안정 지원|welfare-health
긴급복지 지원|welfare-health
자살 예방 및 생명존중 문화 조성|welfare-health
공공보건의료 강화|welfare-health
경로당 운영 지원|welfare-health
양성평등 기본|women-family
아동학대 예방 및 피해아동 보호|women-family
아동 권리 증진|women-family
청소년 기본|women-family
학교 밖 청소년 지원|women-family
다문화가족 지원|women-family
외국인 주민 지원|women-family
여성폭력 방지 및 피해자 지원|women-family
한부모가족 지원|women-family
영유아 보육|women-family
출산 장려 및 양육 지원|women-family
청소년 노동인권 보호 및 증진|women-family
노동자 권리 보호 및 증진|jobs-economy
감정노동자 권리 보호|jobs-economy
비정규직 노동자 권익 보호|jobs-economy
생활임금|jobs-economy
사회적경제 육성 지원|jobs-economy
전통시장 및 상점가 활성화|jobs-economy
청년 일자리 창출 촉진|jobs-economy
소상공인 지원|jobs-economy
민원 처리|administration
정보공개|administration
개인정보 보호|administration
주민참여예산제 운영|administration
자원봉사 활동 지원|administration
북한이탈주민 지원|administration
공유재산 관리|administration
마을공동체 활성화 지원|administration
재난 및 안전관리 기본|citizen-safety
폭염 대책 및 피해 예방|citizen-safety
어린이 안전 증진|citizen-safety
안전약자 보호|citizen-safety
문화예술 진흥|culture-sports
체육시설 관리 및 운영|culture-sports
장애인 체육 진흥|culture-sports
공공도서관 운영|culture-sports
지역축제 운영 및 지원|culture-sports
건축물 관리|urban-space
공동주택 관리|urban-space
주거복지 지원|urban-space
도시재생 활성화 및 지원|urban-space
무장애 생활환경 조성|urban-space
도시공원 및 녹지 관리|urban-space
옥외광고물 등 관리|urban-space
교통약자 이동편의 증진|transport-construction
장애인 특별교통수단 운영|transport-construction
시내버스 준공영제 운영|transport-construction
자전거 이용 활성화|transport-construction
주차장 설치 및 관리|transport-construction
택시운송사업 발전 지원|transport-construction
기후위기 대응|climate-environment
환경 기본|climate-environment
실내공기질 관리|climate-environment
폐기물 관리|climate-environment
인공지능산업 육성|ai-industry
공공데이터 제공 및 이용 활성화|ai-industry
스마트도시 조성 및 운영|ai-industry
영상정보처리기기 설치 및 운영|ai-industry
성인지 예산 운영|planning
각종 위원회 설치 및 운영|planning
출자·출연기관 운영|planning
공익신고자 보호 및 지원|audit
학교급식 지원|education-cooperation
평생교육 진흥|education-cooperation
교육격차 해소 지원|education-cooperation
"""
REGULATIONS = """
광주광역시 장애인 복지 증진 조례 시행규칙|welfare-health
광주광역시 노인복지 증진 조례 시행규칙|welfare-health
광주광역시 시립요양병원 운영 규칙|welfare-health
광주광역시 사회복지시설 운영 규칙|welfare-health
광주광역시 여성폭력 피해자 보호시설 운영 규칙|women-family
광주광역시 청소년수련시설 운영 규칙|women-family
광주광역시 어린이집 입소 관리 규칙|women-family
광주광역시 생활임금 조례 시행규칙|jobs-economy
광주광역시 노동센터 운영 규칙|jobs-economy
광주광역시 공무원 복무 규칙|administration
광주광역시 청사 방호 및 출입 관리 규칙|administration
광주광역시 공문서 관리 규칙|administration
광주광역시 주민참여예산제 운영 조례 시행규칙|administration
광주광역시 민원 처리에 관한 규칙|administration
광주광역시 재난안전대책본부 운영 규칙|citizen-safety
광주광역시 체육시설 관리 및 운영 조례 시행규칙|culture-sports
광주광역시 공공도서관 이용 규칙|culture-sports
광주광역시 문화예술회관 관리 규칙|culture-sports
광주광역시 공동주택 관리 조례 시행규칙|urban-space
광주광역시 도시공원 이용 규칙|urban-space
광주광역시 공공임대주택 입주자 선정 규칙|urban-space
광주광역시 장애인 특별교통수단 운영 조례 시행규칙|transport-construction
광주광역시 주차장 설치 및 관리 조례 시행규칙|transport-construction
광주광역시 폐기물 관리 조례 시행규칙|climate-environment
광주광역시 영상정보처리기기 운영 규칙|ai-industry
광주광역시 위원회 수당 및 여비 지급 규칙|planning
광주광역시 공익신고 처리 규칙|audit
"""

#: Ordinance criteria (number → weight) that fail, and the finding, recommendation and change.
LEGISLATION_FAILURES = {
    9: (
        30,
        "위원회 위촉직 위원의 성별 구성 기준이 없음",
        "위원회 구성 조항에 위촉직 위원 중 특정 성별이 10분의 6을 넘지 않도록 하는 규정이 없습니다.",
        "위원회 구성 조항에 특정 성별이 위촉직 위원 수의 10분의 6을 초과하지 않도록 하는 규정을 신설할 것.",
        "위원회 구성 조항에 성별 균형 규정을 신설",
    ),
    1: (
        24,
        "“장애자”, “불구” 등 차별적 용어 사용",
        "조문에 “장애자”, “정신지체” 등 장애인을 비하하는 용어가 남아 있습니다.",
        "차별적 용어를 “장애인”, “지적장애” 등 법령상 용어로 바꿀 것.",
        "차별적 용어를 법령상 용어로 정비",
    ),
    4: (
        20,
        "주민등록번호 등 개인정보 과다 수집",
        "지원 신청 서식에서 목적과 관계없는 주민등록번호, 가족관계 정보를 수집하고 보유 기간 규정이 없습니다.",
        "수집 항목을 필요한 최소한으로 줄이고 개인정보의 보유 기간과 파기 절차를 명시할 것.",
        "개인정보 수집 항목 축소 및 보유 기간 명시",
    ),
    2: (
        15,
        "외국인 주민을 지원 대상에서 배제",
        "지원 대상을 “주민등록이 된 시민”으로 한정하여 등록 외국인과 결혼이민자가 제외됩니다.",
        "지원 대상에 등록 외국인과 결혼이민자 등 외국인 주민을 포함할 것.",
        "지원 대상에 외국인 주민 포함",
    ),
    11: (
        12,
        "불이익 처분의 이의 신청 절차 부재",
        "지원 중단·환수 처분을 하면서 사전 통지와 의견 제출 기회를 규정하지 않았습니다.",
        "지원 중단·환수 전에 사전 통지와 의견 제출, 이의 신청 절차를 두도록 할 것.",
        "사전 통지 및 이의 신청 절차 신설",
    ),
    3: (
        8,
        "장애인 정보 접근 규정 미흡",
        "사업 안내와 신청 절차에 장애인을 위한 점자·음성·쉬운 글 안내 규정이 없습니다.",
        "점자, 음성, 쉬운 글 안내 등 장애인의 정보 접근을 보장하는 규정을 둘 것.",
        "장애인 정보 접근 보장 규정 추가",
    ),
    7: (
        6,
        "다국어 안내 규정 없음",
        "외국인 주민에게 사업을 안내하는 규정이 없어 제도를 알기 어렵습니다.",
        "주요 외국어로 안내 자료를 제공하도록 규정할 것.",
        "다국어 안내 규정 추가",
    ),
    10: (
        5,
        "위탁 종사자의 노동 조건 보호 규정 없음",
        "민간 위탁 시 수탁기관 종사자의 근로조건 준수 의무가 규정되어 있지 않습니다.",
        "위탁 협약에 종사자의 근로조건과 인권 보호 의무를 포함하도록 할 것.",
        "수탁기관 종사자 근로조건 준수 의무 신설",
    ),
    12: (
        5,
        "당사자 참여 절차 부족",
        "정책 대상인 당사자가 의견을 낼 수 있는 절차가 없습니다.",
        "당사자 의견 수렴 절차와 위원회 당사자 위원 참여를 규정할 것.",
        "당사자 의견 수렴 절차 신설",
    ),
    5: (
        3,
        "CCTV 설치 범위 과다",
        "영상정보처리기기를 “필요한 장소”에 설치할 수 있도록 하여 설치 범위가 넓고 고지 규정이 없습니다.",
        "설치 장소를 구체적으로 한정하고 안내판 설치 등 고지 의무를 규정할 것.",
        "CCTV 설치 장소 한정 및 고지 의무 신설",
    ),
    6: (
        3,
        "아동 의견 청취 규정 없음",
        "아동에게 직접 영향을 주는 사업인데 아동의 의견을 듣는 절차가 없습니다.",
        "아동·청소년 의견 청취 절차를 규정할 것.",
        "아동·청소년 의견 청취 절차 신설",
    ),
    8: (
        3,
        "온라인 신청만 허용",
        "신청을 누리집으로만 받도록 하여 디지털 기기 사용이 어려운 노인이 신청하기 어렵습니다.",
        "방문·우편·전화 신청 방법을 함께 규정할 것.",
        "방문·전화 신청 방법 추가",
    ),
}
#: The regulation checklist's numbering of the same themes.
REGULATION_THEME = {9: 8, 1: 1, 4: 4, 2: 2, 11: 10, 3: 3, 7: 6, 10: 9, 12: 10, 5: 4, 6: 5, 8: 7}
#: Criteria usually not applicable to a subject that does not concern them.
OFTEN_NOT_APPLICABLE = {SubjectType.ORDINANCE: (5, 6, 10), SubjectType.REGULATION: (5, 9)}
REJECTION_REASONS = [
    "상위 법령에서 정한 사항이라 조례로 달리 정할 수 없음",
    "예산 여건상 이번 개정에는 반영하기 어려우며 차기 개정 시 검토하겠음",
    "현행 운영 지침으로 보완하고 있어 조례 개정은 필요하지 않음",
    "입법예고 기간이 지나 이번 개정안에는 반영하지 못함",
]
YES_NOTES = ["", "", "", "해당 조항 검토 결과 문제 없음", "관련 규정 있음(제5조)", "상위 법령에 따라 보장됨"]

# ---------------------------------------------------------------- polling stations of 2018

DISTRICT_STATIONS = {
    "동구": [
        ("충장동", "충장로 45", "충장동 행정복지센터"),
        ("동명동", "동명로 88", "동명동 행정복지센터"),
        ("계림1동", "경양로 271", "계림초등학교 체육관"),
        ("산수1동", "필문대로 156", "산수1동 행정복지센터"),
        ("지산1동", "지호로 20", "지산1동 경로당"),
        ("학동", "필문대로 334", "학동 행정복지센터"),
        ("학운동", "학소로 66", "학운초등학교 강당"),
        ("지원1동", "남문로 620", "지원1동 행정복지센터"),
    ],
    "서구": [
        ("양동", "천변좌로 416", "양동 행정복지센터"),
        ("농성1동", "화운로 81", "농성1동 행정복지센터"),
        ("광천동", "천변좌로 208", "광천동 행정복지센터"),
        ("유덕동", "상무대로 1103", "유덕동 행정복지센터"),
        ("치평동", "상무자유로 73", "상무초등학교 체육관"),
        ("상무1동", "상무번영로 47", "상무1동 행정복지센터"),
        ("화정1동", "화운로 210", "화정1동 행정복지센터"),
        ("금호1동", "금화로 240", "금호1동 행정복지센터"),
        ("풍암동", "풍암1로 35", "풍암동 행정복지센터"),
    ],
    "남구": [
        ("양림동", "양림로 50", "양림동 행정복지센터"),
        ("방림1동", "서문대로 672", "방림1동 행정복지센터"),
        ("봉선1동", "제중로 55", "봉선1동 행정복지센터"),
        ("주월1동", "중앙로 107", "주월1동 행정복지센터"),
        ("월산동", "월산로 116", "월산동 행정복지센터"),
        ("백운1동", "대남대로 138", "백운1동 행정복지센터"),
        ("진월동", "서문대로 741", "진월초등학교 체육관"),
        ("효덕동", "효덕로 25", "효덕동 행정복지센터"),
        ("대촌동", "대촌로 115", "대촌동 마을회관"),
    ],
    "북구": [
        ("중흥1동", "서림로 35", "중흥1동 행정복지센터"),
        ("중앙동", "중앙로 356", "중앙동 행정복지센터"),
        ("임동", "서림로 100", "임동 행정복지센터"),
        ("신안동", "신안로 60", "신안동 행정복지센터"),
        ("용봉동", "우치로 77", "용봉동 행정복지센터"),
        ("운암1동", "서하로 150", "운암1동 행정복지센터"),
        ("문화동", "문화전진로 29", "문화동 행정복지센터"),
        ("두암1동", "서방로 43", "두암1동 경로당"),
        ("일곡동", "일곡택지로 44", "일곡동 행정복지센터"),
    ],
    "광산구": [
        ("송정1동", "광산로 29", "송정1동 행정복지센터"),
        ("도산동", "도산로 12", "도산동 행정복지센터"),
        ("신흥동", "신흥로 54", "신흥동 마을회관"),
        ("어룡동", "어등대로 417", "어룡동 행정복지센터"),
        ("우산동", "사암로 172", "우산동 행정복지센터"),
        ("월곡1동", "월곡산정로 28", "월곡초등학교 체육관"),
        ("비아동", "비아로 130", "비아동 행정복지센터"),
        ("첨단1동", "첨단중앙로 170", "첨단1동 행정복지센터"),
        ("수완동", "수완로 74", "수완동 행정복지센터"),
    ],
}
#: Building criteria that fail at a polling station: number → (answer, note, finding, recommendation, change).
STATION_FAILURES = {
    1: (
        Answer.NO,
        "주출입구에 약 15cm 단차가 있고 경사로가 없음",
        "주출입구에 단차가 있어 휠체어 사용자가 혼자 들어갈 수 없습니다.",
        "선거일 전까지 주출입구에 경사로(기울기 1/12 이하)를 설치할 것.",
        "주출입구 경사로 설치",
    ),
    3: (
        Answer.NO,
        "투표소가 2층에 있고 승강기가 없음",
        "투표소가 승강기 없는 2층에 있어 휠체어 사용자와 거동이 불편한 노인이 투표하기 어렵습니다.",
        "투표소를 1층으로 옮기거나 승강기가 있는 시설로 이전할 것.",
        "투표소 1층 이전",
    ),
    4: (
        Answer.PARTLY,
        "장애인 화장실이 창고로 쓰이고 있음",
        "장애인 화장실에 물품이 쌓여 있어 실제로 이용할 수 없습니다.",
        "적치 물품을 치우고 장애인 화장실 관리 책임자를 지정할 것.",
        "장애인 화장실 정비",
    ),
    7: (
        Answer.NO,
        "휠체어 사용자용 기표대 없음",
        "휠체어 사용자가 쓸 수 있는 높이의 기표대가 없습니다.",
        "휠체어 사용자용 기표대를 1개 이상 비치할 것.",
        "휠체어 사용자용 기표대 비치",
    ),
    6: (
        Answer.PARTLY,
        "장애인 주차구역이 출입구에서 멀리 있음",
        "장애인 전용 주차구역이 출입구에서 80m 떨어져 있습니다.",
        "선거일에 출입구 앞에 임시 장애인 주차구역을 지정할 것.",
        "출입구 앞 임시 장애인 주차구역 지정",
    ),
}
STATION_REFUSALS = [
    "민간 소유 건물이라 소유자가 경사로 설치에 동의하지 않음",
    "인근에 1층 대체 시설이 없어 이전이 어려움. 투표 보조 인력을 배치하겠음",
    "건물 구조상 승강기 설치가 불가능함. 다음 선거 전에 대체 시설을 찾겠음",
]


@dataclass
class Story:
    """An assessment of 2019-2026 walked through the services to ``status``; dates are days
    before today (``ago``) or fixed dates (``on``), one per step reached."""

    subject_type: str
    title: str
    department: str
    status: str
    steps: list[datetime.date]
    fields: dict = field(default_factory=dict)
    description: str = ""
    failures: dict[int, tuple[str, str, str, str]] = field(default_factory=dict)
    responses: list[tuple[str, str]] = field(default_factory=list)
    outcome: str = ""
    outcome_summary: str = ""
    review: str = ""
    public_summary: str = ""
    tasks: tuple[str, ...] = ()
    recommendations: tuple[str, ...] = ()
    half_filled: bool = False
    withdraw_reason: str = ""


def _ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def _stories() -> list[Story]:
    """2019-2026: closed examples linked to plans and ombudsman, Seoul's trial, and every open status."""
    D = datetime.timedelta
    return [
        Story(
            SubjectType.ORDINANCE,
            "광주광역시 정신건강 증진 조례 일부개정조례안",
            WELFARE,
            S.CLOSED,
            [_d(day) for day in ("2019-08-05", "2019-08-07", "2019-08-30", "2019-09-20", "2019-11-15")]
            + [_d("2019-11-20"), _d("2019-12-12"), _d("2019-12-20")],
            {"revision_kind": RevisionKind.PARTIAL, "article_numbers": "제9조, 제14조"},
            "정신의료기관 입원 환자의 인권 보호를 위해 병실 CCTV 운영 기준을 정하는 개정안",
            failures={
                5: (
                    Answer.NO,
                    "병실 내 CCTV 설치 기준과 고지 규정이 없음",
                    "정신의료기관 병실 CCTV 설치에 관한 기준이 없어 환자의 사생활이 침해될 수 있습니다.",
                    "병실 CCTV 설치를 금지하고 보호실 촬영 시 환자·보호자에게 알리도록 규정할 것.",
                )
            },
            responses=[(ResponseKind.ACCEPTED, "제14조에 병실 CCTV 설치 제한과 고지 의무를 신설함")],
            outcome=Outcome.REVISED,
            outcome_summary="제14조에 병실 CCTV 설치 제한과 보호실 촬영 고지 의무를 신설",
            review="옴부즈맨 권고가 조례에 반영된 모범 사례로, 개정 결과에 동의함.",
            public_summary="정신의료기관 병실 CCTV 설치를 제한하고 보호실 촬영 사실을 알리도록 조례를 개정했습니다.",
            tasks=("정신의료기관 입원환자 인권 모니터링", "자치법규 인권영향 검토"),
            recommendations=("정신의료기관 병실·보호실",),
        ),
        Story(
            SubjectType.REGULATION,
            "광주광역시 청사 방호 및 출입 관리 규칙 일부개정규칙안",
            ADMIN,
            S.CLOSED,
            [_d(day) for day in ("2020-04-06", "2020-04-08", "2020-05-04", "2020-05-22", "2020-06-01")]
            + [_d("2020-06-05"), _d("2020-06-18"), _d("2020-06-25")],
            {"revision_kind": RevisionKind.PARTIAL, "article_numbers": "제4조, 제7조"},
            "청사 출입증 발급과 출입 제한 사유를 정비하는 개정안",
            failures={
                4: (
                    Answer.NO,
                    "출입증 발급 때 주민등록번호 전체를 기록함",
                    "방문객 출입증 발급 때 주민등록번호 전체와 방문 목적을 기록하게 합니다.",
                    "신분 확인만 하고 주민등록번호는 기록하지 않도록 서식을 고칠 것.",
                ),
                3: (
                    Answer.PARTLY,
                    "휠체어 이용자 출입 동선이 보안 검색대로 막힘",
                    "보안 검색대 때문에 휠체어 이용자가 주출입구를 쓸 수 없습니다.",
                    "휠체어 이용자를 위한 별도 출입 동선을 확보할 것.",
                ),
            },
            responses=[
                (ResponseKind.ACCEPTED, "출입 서식에서 주민등록번호 기재란을 삭제함"),
                (
                    ResponseKind.PARTIALLY_ACCEPTED,
                    "동측 출입구를 무장애 동선으로 운영하되 검색대 이전은 예산 확보 후 추진",
                ),
            ],
            outcome=Outcome.PARTIALLY_REVISED,
            outcome_summary="출입 서식의 주민등록번호 기재란 삭제, 동측 출입구 무장애 동선 지정",
            review="검색대 이전 계획을 2021년 시행계획에 반영할 것을 요청함.",
            public_summary="청사 출입 서식에서 주민등록번호를 없애고 휠체어 이용자의 출입 동선을 마련했습니다.",
            tasks=("시 청사 장애인 접근성 개선",),
            recommendations=("시청은 시민의 공간",),
        ),
        Story(
            SubjectType.REGULATION,
            "광주광역시 급수 조례 시행규칙 일부개정규칙안",
            CLIMATE,
            S.CLOSED,
            [_d(day) for day in ("2019-03-04", "2019-03-05", "2019-03-25", "2019-04-12", "2019-05-31")]
            + [_d("2019-06-07")],
            {"revision_kind": RevisionKind.PARTIAL, "article_numbers": "제3조"},
            "급수 신청 때 토지 사용승낙서 제출 요건을 정비하는 개정안",
            failures={
                2: (
                    Answer.NO,
                    "토지 사용승낙서가 없는 실거주자의 급수 신청을 거부함",
                    "토지 소유자의 사용승낙서를 급수 신청 요건으로 두어 실제 거주자가 물을 공급받지 못합니다.",
                    "실거주 사실이 확인되면 사용승낙서 없이 급수를 허용하도록 제3조를 개정할 것.",
                )
            },
            responses=[(ResponseKind.ACCEPTED, "실거주 확인서로 사용승낙서를 갈음하도록 개정함")],
            outcome=Outcome.REVISED,
            outcome_summary="제3조 개정: 실거주 확인서로 토지 사용승낙서를 갈음",
            public_summary="실제 거주자는 토지 사용승낙서 없이도 급수를 신청할 수 있게 되었습니다.",
            recommendations=("토지 소유자의 사용승낙서",),
        ),
        Story(
            SubjectType.POLICY,
            "서울특별시 노숙인 자활 지원 사업 개편안(시범 평가)",
            WELFARE,
            S.CLOSED,
            [_d(day) for day in ("2019-04-01", "2019-04-03", "2019-05-10", "2019-06-05", "2019-07-15")]
            + [_d("2019-07-26")],
            {},
            "서울시 정책 인권영향평가 시범 운영 사례를 참고하여 노숙인 자활 사업 개편안을 평가함",
            failures={
                4: (
                    Answer.PARTLY,
                    "참여자 정보를 민간 위탁기관과 포괄적으로 공유함",
                    "자활 참여자의 건강·채무 정보를 위탁기관과 포괄적으로 공유합니다.",
                    "공유 항목을 사업 수행에 필요한 최소한으로 정하고 본인 동의를 받을 것.",
                ),
                7: (
                    Answer.NO,
                    "신청이 온라인으로만 가능함",
                    "자활 사업 신청을 온라인으로만 받아 디지털 기기가 없는 노숙인이 신청하기 어렵습니다.",
                    "거리 상담 현장과 쉼터에서 대면 신청을 받을 것.",
                ),
            },
            responses=[
                (ResponseKind.ACCEPTED, "공유 항목을 6개로 줄이고 서면 동의서를 도입함"),
                (ResponseKind.REJECTED, "시범 사업 기간에는 온라인 신청을 유지하고 2020년에 재검토"),
            ],
            outcome=Outcome.PARTIALLY_REVISED,
            outcome_summary="개인정보 공유 항목 축소와 동의 절차 도입(대면 신청은 미반영)",
            public_summary="정책 인권영향평가 시범 사례: 개인정보 공유 범위를 줄였고 대면 신청 도입은 재검토합니다.",
            tasks=("인권영향평가 시범 실시",),
        ),
        Story(
            SubjectType.POLICY,
            "서울특별시 공공임대주택 입주자 선정 기준 개선안(시범 평가)",
            URBAN,
            S.CLOSED,
            [_d(day) for day in ("2019-05-13", "2019-05-15", "2019-06-14", "2019-07-05", "2019-08-30")]
            + [_d("2019-09-06")],
            {},
            "서울시 정책 인권영향평가 시범 운영 사례를 참고하여 입주자 선정 기준을 평가함",
            failures={
                6: (
                    Answer.NO,
                    "결혼이민자 가구를 우선 공급 대상에서 제외함",
                    "우선 공급 대상을 내국인 세대주로 한정하여 결혼이민자 가구가 제외됩니다.",
                    "결혼이민자 등 외국인 세대원 가구를 우선 공급 대상에 포함할 것.",
                ),
                3: (
                    Answer.PARTLY,
                    "장애인 가구 배점 기준이 불명확함",
                    "장애 정도에 따른 배점 기준이 공개되지 않아 장애인 가구가 불리할 수 있습니다.",
                    "장애인 가구 배점 기준을 공고문에 명시할 것.",
                ),
            },
            responses=[
                (ResponseKind.PARTIALLY_ACCEPTED, "국적 취득 전 결혼이민자 가구는 다음 공고부터 포함 검토"),
                (ResponseKind.ACCEPTED, "배점 기준을 공고문에 명시함"),
            ],
            outcome=Outcome.PARTIALLY_REVISED,
            outcome_summary="장애인 가구 배점 기준 공개(결혼이민자 가구 포함은 재검토)",
            public_summary="정책 인권영향평가 시범 사례: 장애인 가구 배점 기준을 공개하도록 선정 기준을 고쳤습니다.",
        ),
        Story(
            SubjectType.ORDINANCE,
            "광주광역시 외국인 주민 지원 조례 일부개정조례안",
            WOMEN,
            S.CLOSED,
            [_d(day) for day in ("2024-03-04", "2024-03-06", "2024-04-01", "2024-04-22", "2024-06-28")]
            + [_d("2024-07-05")],
            {"revision_kind": RevisionKind.PARTIAL, "article_numbers": "제2조, 제6조"},
            "외국인 주민의 정의와 지원 사업을 확대하는 개정안",
            responses=[],
            outcome=Outcome.NOT_REVISED,
            public_summary="체크리스트의 모든 기준을 충족하여 원안대로 개정되었습니다.",
        ),
        # ---- open work
        Story(
            SubjectType.EVENT,
            f"{(timezone.localdate() + D(days=11)).year} 광주 인권주간 기념행사",
            CULTURE,
            S.REQUESTED,
            [_ago(2)],
            {
                "event_start": timezone.localdate() + D(days=11),
                "event_end": timezone.localdate() + D(days=15),
                "venue": "5·18민주광장 및 국립아시아문화전당",
                "expected_attendance": 3000,
            },
            "세계인권선언 기념일 주간에 열리는 시민 참여 행사(공공행사 인권영향평가 첫 적용 사례)",
            tasks=("인권주간 기념행사 개최",),
        ),
        Story(
            SubjectType.ORDINANCE,
            "광주광역시 주거복지 지원 조례 일부개정조례안",
            URBAN,
            S.REQUESTED,
            [_ago(4)],
            {"revision_kind": RevisionKind.PARTIAL, "article_numbers": "제5조"},
            "주거급여 수급자 외 청년·신혼부부 임차보증금 지원을 추가하는 개정안",
        ),
        Story(
            SubjectType.REGULATION,
            "광주광역시 노동센터 운영 규칙 일부개정규칙안",
            JOBS,
            S.REQUESTED,
            [_ago(16)],
            {"revision_kind": RevisionKind.PARTIAL, "article_numbers": "제3조, 제8조"},
            "플랫폼 노동자 상담을 추가하는 운영 규칙 개정안",
        ),
        Story(
            SubjectType.ORDINANCE,
            "광주광역시 장애인 활동 지원 조례 일부개정조례안",
            WELFARE,
            S.IN_ASSESSMENT,
            [_ago(12), _ago(10)],
            {"revision_kind": RevisionKind.PARTIAL, "article_numbers": "제4조, 제9조"},
            "24시간 활동 지원 대상을 확대하는 개정안",
            failures={
                9: (
                    Answer.NO,
                    "활동지원 심의위원회의 성별 구성 규정이 없음",
                    "심의위원회 구성에 성별 균형 규정이 없습니다.",
                    "위촉직 위원 중 특정 성별이 10분의 6을 넘지 않도록 규정할 것.",
                )
            },
            half_filled=True,
            tasks=("장애인 탈시설 자립생활 주택 운영",),
        ),
        Story(
            SubjectType.BUILDING,
            "광주광역시청 1층 민원실 리모델링",
            ADMIN,
            S.IN_ASSESSMENT,
            [_ago(52), _ago(45)],
            {
                "address": "광주광역시 서구 내방로 111 광주광역시청 1층",
                "facility_use": FacilityUse.GOVERNMENT_OFFICE,
                "step_free_entrance": True,
                "accessible_toilet": True,
                "lift_or_ramp": True,
                "tactile_guidance": False,
                "accessible_parking": True,
            },
            "민원실 창구와 대기 공간을 바꾸는 리모델링 설계안",
            failures={
                5: (
                    Answer.NO,
                    "민원실 안 점자블록이 끊겨 있음",
                    "민원실 입구에서 창구까지 점자블록이 이어지지 않습니다.",
                    "입구에서 안내 창구까지 점자블록과 음성 안내를 설치할 것.",
                )
            },
            half_filled=True,
            tasks=("시 청사 장애인 접근성 개선",),
        ),
        Story(
            SubjectType.ORDINANCE,
            "광주광역시 노인복지 증진 조례 일부개정조례안",
            WELFARE,
            S.FINDINGS_ISSUED,
            [_ago(30), _ago(28), _ago(6)],
            {"revision_kind": RevisionKind.PARTIAL, "article_numbers": "제7조, 제11조"},
            "경로당 운영비 지원과 노인 일자리 사업을 정비하는 개정안",
            failures={
                8: (
                    Answer.NO,
                    "노인 일자리 신청을 모바일 앱으로만 받음",
                    "노인 일자리 신청을 모바일 앱으로만 받아 디지털 기기를 쓰기 어려운 노인이 배제됩니다.",
                    "행정복지센터 방문과 전화 신청을 함께 받도록 제11조를 고칠 것.",
                ),
                9: (
                    Answer.PARTLY,
                    "노인복지위원회 위원 성별 기준 미흡",
                    "노인복지위원회의 성별 구성 기준이 권고 수준에 그칩니다.",
                    "특정 성별이 10분의 6을 넘지 않도록 의무 규정으로 바꿀 것.",
                ),
            },
        ),
        Story(
            SubjectType.ORDINANCE,
            "광주광역시 치매 관리 및 지원 조례 일부개정조례안",
            WELFARE,
            S.FINDINGS_ISSUED,
            [_ago(75), _ago(72), _ago(41)],
            {"revision_kind": RevisionKind.PARTIAL, "article_numbers": "제6조"},
            "치매안심센터 등록 정보를 관계기관과 공유하는 개정안",
            failures={
                4: (
                    Answer.NO,
                    "치매 환자 등록 정보를 동의 없이 공유함",
                    "치매안심센터 등록 정보를 본인·가족 동의 없이 관계기관과 공유할 수 있게 합니다.",
                    "공유 범위를 정하고 본인 또는 보호자의 동의를 받도록 할 것.",
                )
            },
        ),
        Story(
            SubjectType.ORDINANCE,
            "광주광역시 사회복지사 등의 처우 및 지위 향상 조례 일부개정조례안",
            WELFARE,
            S.RESPONDED,
            [_ago(60), _ago(58), _ago(35), _ago(12)],
            {"revision_kind": RevisionKind.PARTIAL, "article_numbers": "제5조"},
            "사회복지 종사자 안전 대책을 추가하는 개정안",
            failures={
                10: (
                    Answer.PARTLY,
                    "폭언·폭행 피해 종사자 보호 절차 미흡",
                    "이용자의 폭언·폭행을 겪은 종사자의 보호 조치가 구체적이지 않습니다.",
                    "피해 종사자의 업무 전환과 심리 상담 지원을 규정할 것.",
                )
            },
            responses=[(ResponseKind.ACCEPTED, "제5조의2(종사자 보호 조치)를 신설하여 입법예고 중")],
        ),
        Story(
            SubjectType.ORDINANCE,
            "광주광역시 도시재생 활성화 및 지원 조례 일부개정조례안",
            URBAN,
            S.RESPONDED,
            [_ago(200), _ago(198), _ago(170), _ago(120)],
            {"revision_kind": RevisionKind.PARTIAL, "article_numbers": "제12조"},
            "도시재생 사업지 내 세입자 이주 대책을 정비하는 개정안",
            failures={
                2: (
                    Answer.NO,
                    "상가 세입자를 이주 대책에서 제외함",
                    "이주 대책 대상을 주거 세입자로 한정하여 영세 상가 세입자가 제외됩니다.",
                    "영세 상가 세입자를 이주 대책 대상에 포함할 것.",
                )
            },
            responses=[
                (ResponseKind.PARTIALLY_ACCEPTED, "영세 상가 세입자 상담은 지원하되 이주비는 예산 확보 후 검토")
            ],
        ),
        Story(
            SubjectType.REGULATION,
            "광주광역시 장애인 특별교통수단 운영 조례 시행규칙 일부개정규칙안",
            TRANSPORT,
            S.OUTCOME_RECORDED,
            [_ago(90), _ago(88), _ago(60), _ago(40), _ago(5)],
            {"revision_kind": RevisionKind.PARTIAL, "article_numbers": "제4조"},
            "특별교통수단 이용 대상과 예약 방법을 정비하는 개정안",
            failures={
                3: (
                    Answer.NO,
                    "예약을 전화로만 받음",
                    "청각장애인이 예약할 수 없도록 전화 예약만 규정하고 있습니다.",
                    "문자·앱 예약 방법을 추가할 것.",
                )
            },
            responses=[(ResponseKind.ACCEPTED, "문자와 앱 예약을 추가함")],
            outcome=Outcome.REVISED,
            outcome_summary="제4조에 문자·앱 예약 방법 추가",
        ),
        Story(
            SubjectType.ORDINANCE,
            "광주광역시 생활임금 조례 일부개정조례안",
            JOBS,
            S.OUTCOME_RECORDED,
            [_ago(150), _ago(148), _ago(120), _ago(95), _ago(40)],
            {"revision_kind": RevisionKind.PARTIAL, "article_numbers": "제3조"},
            "생활임금 적용 대상을 출자·출연기관 간접고용 노동자로 확대하는 개정안",
            responses=[],
            outcome=Outcome.NOT_REVISED,
            outcome_summary="",
        ),
        Story(
            SubjectType.ORDINANCE,
            "광주광역시 아동 권리 증진 조례 일부개정조례안",
            WOMEN,
            S.COMMITTEE_REVIEW,
            [_ago(140), _ago(138), _ago(110), _ago(90), _ago(40), _ago(30), _ago(20)],
            {"revision_kind": RevisionKind.PARTIAL, "article_numbers": "제8조, 제10조"},
            "아동참여위원회 구성과 운영을 정비하는 개정안",
            failures={
                6: (
                    Answer.PARTLY,
                    "아동참여위원회 의견의 반영 절차가 없음",
                    "아동참여위원회가 낸 의견을 시가 검토하고 결과를 알려 주는 절차가 없습니다.",
                    "아동 의견의 검토 결과를 30일 안에 회신하도록 규정할 것.",
                )
            },
            responses=[(ResponseKind.ACCEPTED, "제10조에 검토 결과 회신 의무를 신설함")],
            outcome=Outcome.REVISED,
            outcome_summary="제10조에 아동 의견 검토 결과 회신 의무 신설",
            review="아동 의견 회신 의무 신설에 동의하며, 회신 실적을 연차보고서에 포함할 것을 권고함.",
            tasks=("아동학대 예방 및 피해아동 보호체계 강화",),
        ),
        Story(
            SubjectType.ORDINANCE,
            "광주광역시 공공도서관 운영 조례 일부개정조례안",
            CULTURE,
            S.COMMITTEE_REVIEW,
            [_ago(220), _ago(218), _ago(190), _ago(170), _ago(120), _ago(100)],
            {"revision_kind": RevisionKind.PARTIAL, "article_numbers": "제6조"},
            "도서관 회원 가입 요건을 정비하는 개정안",
            failures={
                2: (
                    Answer.NO,
                    "회원 가입을 주민등록자로 한정함",
                    "회원 가입을 주민등록이 된 시민으로 한정하여 외국인 주민이 책을 빌릴 수 없습니다.",
                    "외국인등록증으로도 가입할 수 있도록 할 것.",
                )
            },
            responses=[(ResponseKind.ACCEPTED, "외국인등록증으로 가입할 수 있게 함")],
            outcome=Outcome.REVISED,
            outcome_summary="제6조 개정: 외국인등록증으로 회원 가입 허용",
        ),
        Story(
            SubjectType.ORDINANCE,
            "광주광역시 옥외광고물 등 관리 조례 일부개정조례안",
            URBAN,
            S.WITHDRAWN,
            [_d("2025-09-01"), _d("2025-09-03")],
            {"revision_kind": RevisionKind.PARTIAL, "article_numbers": "제9조"},
            "현수막 게시 제한 구역을 정비하는 개정안",
            withdraw_reason="상위 법령 개정이 늦어져 부서가 개정안을 철회함",
        ),
    ]


# ---------------------------------------------------------------- entry point


def seed(*, stdout=None) -> list:
    """Load the impact demo data once; no new logins (the core demo made them)."""
    if ChecklistTemplate.objects.filter(subject_type=SubjectType.ORDINANCE, title=ORDINANCE_CHECKLIST_V1).exists():
        if stdout is not None:
            stdout.write("impact: demo data already present, nothing added")
        return []
    demo = _Demo()
    templates = demo.checklists()
    demo.legislation(templates)
    demo.polling_stations(templates[SubjectType.BUILDING])
    demo.ordinance_v2()
    for story in sorted(_stories(), key=lambda story: story.steps[0]):  # references in date order
        demo.walk(story)
    if stdout is not None:
        closed = Assessment.objects.filter(status=S.CLOSED).count()
        stdout.write(
            f"impact: {ChecklistTemplate.objects.count()} checklists, {Assessment.objects.count()} assessments "
            f"({closed} closed; {LEGISLATION_REVISED} of {LEGISLATION_ASSESSED} ordinances and regulations revised "
            f"in 2017-2018, {POLLING_RENOVATED} of {POLLING_STATIONS} polling stations renovated)"
        )
    return []


class _Demo:
    def __init__(self) -> None:
        self.rng = random.Random(RANDOM_SEED)  # noqa: S311 - repeatable demo data, not security
        self.office = User.objects.get(username="office")
        self.committee_user = User.objects.filter(username="committee").first()
        self.departments = {department.code: department for department in Department.objects.all()}
        self.rights = {right.code: right for right in RightCategory.objects.all()}
        self.groups = {group.code: group for group in VulnerableGroup.objects.all()}
        self.officials = {
            user.department_id: user
            for user in User.objects.filter(username__in=["official", "official2"]).select_related("department")
        }
        self.responders = dict(self.officials)
        from plans.models import Committee

        self.committee = Committee.objects.filter(name=GWANGJU_COMMITTEE).first()
        self.content_type = ContentType.objects.get_for_model(Assessment)

    # ------------------------------------------------------------ checklists

    def _criterion(self, template, number, section, text):
        (name, right, group) = section
        return services.criterion_save(
            template=template,
            actor=self.office,
            number=number,
            section=name,
            text=text,
            right=self.rights.get(right) if right else None,
            group=self.groups.get(group) if group else None,
        )

    def checklists(self) -> dict[str, ChecklistTemplate]:
        templates = {}
        for subject_type, title, description, criteria, published_on in CHECKLISTS:
            template = services.template_create(
                actor=self.office, subject_type=subject_type, title=title, description=description
            )
            for number, (section, text) in enumerate(criteria, start=1):
                self._criterion(template, number, section, text)
            template = services.template_publish(template=template, actor=self.office)
            ChecklistTemplate.objects.filter(pk=template.pk).update(
                published_at=_at(published_on), created_at=_at(published_on - datetime.timedelta(days=20))
            )
            templates[subject_type] = template
        return templates

    def ordinance_v2(self) -> ChecklistTemplate:
        """Version 2 of the ordinance checklist (2019): copied from version 1, two criteria reworded
        and two added; publishing it retires version 1, which the assessments of 2017-2018 keep."""
        template = services.template_create(
            actor=self.office,
            subject_type=SubjectType.ORDINANCE,
            title="자치법규(조례) 인권영향평가 체크리스트(2019 개정)",
            description="2017~2018년 평가 결과를 반영하여 차별적 표현과 환경 변화에 관한 기준을 추가하였다.",
        )
        criteria = {criterion.number: criterion for criterion in template.criteria.all()}
        for number, text in ORDINANCE_V2_CHANGES.items():
            criterion = criteria[number]
            services.criterion_save(
                template=template,
                actor=self.office,
                instance=criterion,
                section=criterion.section,
                text=text,
                right=criterion.right,
                group=criterion.group,
            )
        for number, (section, text) in enumerate(ORDINANCE_V2_ADDED, start=len(criteria) + 1):
            self._criterion(template, number, section, text)
        template = services.template_publish(template=template, actor=self.office)
        ChecklistTemplate.objects.filter(pk=template.pk).update(
            published_at=_at(ORDINANCE_V2_PUBLISHED), created_at=_at(ORDINANCE_V2_PUBLISHED - datetime.timedelta(30))
        )
        return template

    # ------------------------------------------------------------ 2017-2018, written as finished rows

    def _requester(self, department: Department) -> User:
        return self.officials.get(department.pk, self.office)

    def _dates(self, requested_on: datetime.date) -> list[datetime.date]:
        """requested, in assessment, findings issued, responded, outcome recorded, closed."""
        days = [0, self.rng.randint(1, 4), self.rng.randint(12, 25), self.rng.randint(7, 20), self.rng.randint(20, 50)]
        days.append(self.rng.randint(5, 15))
        dates, day = [], requested_on
        for step in days:
            day = day + datetime.timedelta(days=step)
            dates.append(day)
        return dates

    def _legislation_specs(self) -> list[tuple[str, str, str]]:
        """(subject type, title, department code) of the 107 ordinances and regulations."""
        specs = []
        for line in ORDINANCES.strip().splitlines():
            subject, department = line.split("|")
            specs.append((SubjectType.ORDINANCE, subject, department))
        for line in REGULATIONS.strip().splitlines():
            title, department = line.split("|")
            specs.append((SubjectType.REGULATION, title, department))
        if len(specs) != LEGISLATION_ASSESSED:
            raise ValueError(f"the demo needs {LEGISLATION_ASSESSED} ordinances and regulations, not {len(specs)}")
        return specs

    def legislation(self, templates: dict[str, ChecklistTemplate]) -> None:
        specs = self._legislation_specs()
        self.rng.shuffle(specs)
        revised = set(self.rng.sample(range(len(specs)), LEGISLATION_REVISED))
        # 2017 (July-December): 41 requests; 2018: 66.
        days_2017 = [datetime.date(2017, 7, 3) + datetime.timedelta(days=d) for d in range(0, 170)]
        days_2018 = [datetime.date(2018, 1, 8) + datetime.timedelta(days=d) for d in range(0, 320)]
        requested = sorted(self.rng.sample(days_2017, 41)) + sorted(self.rng.sample(days_2018, 66))
        weights = {number: spec[0] for number, spec in LEGISLATION_FAILURES.items()}
        rows = []
        for index, (subject_type, subject, department_code) in enumerate(specs):
            department = self.departments[department_code]
            kind = self.rng.choices([RevisionKind.PARTIAL, RevisionKind.NEW, RevisionKind.FULL], [70, 20, 10])[0]
            if subject_type == SubjectType.ORDINANCE:
                suffix = {RevisionKind.NEW: "조례안", RevisionKind.PARTIAL: "조례 일부개정조례안"}.get(
                    kind, "조례 전부개정조례안"
                )
                title = f"{GWANGJU} {subject} {suffix}"
            else:
                suffix = {RevisionKind.NEW: "안", RevisionKind.PARTIAL: " 일부개정규칙안"}.get(kind, " 전부개정규칙안")
                title = f"{subject}{suffix}"
            is_revised = index in revised
            failed: list[int] = []
            if is_revised:
                count = self.rng.choices([1, 2, 3], [50, 35, 15])[0]
                while len(failed) < count:
                    number = self.rng.choices(list(weights), list(weights.values()))[0]
                    if number not in failed:
                        failed.append(number)
            elif self.rng.random() < 0.22:
                failed = [self.rng.choices(list(weights), list(weights.values()))[0]]
            rows.append(
                {
                    "subject_type": subject_type,
                    "title": title,
                    "department": department,
                    "revision_kind": kind,
                    "requested_on": requested[index],
                    "revised": is_revised,
                    "failed": failed,
                }
            )
        self._write_legislation(rows, templates)

    def _write_legislation(self, rows: list[dict], templates: dict[str, ChecklistTemplate]) -> None:
        criteria = {
            subject_type: {c.number: c for c in templates[subject_type].criteria.all()}
            for subject_type in (SubjectType.ORDINANCE, SubjectType.REGULATION)
        }
        built = []
        for row in sorted(rows, key=lambda row: row["requested_on"]):
            dates = self._dates(row["requested_on"])
            first, second = sorted(self.rng.sample(range(2, 25), 2))
            article_numbers = f"제{first}조, 제{second}조" if row["revision_kind"] == RevisionKind.PARTIAL else ""
            is_ordinance = row["subject_type"] == SubjectType.ORDINANCE
            # the failed criteria's numbers in this checklist, and the themes they stand for
            numbers = list(dict.fromkeys(n if is_ordinance else REGULATION_THEME[n] for n in row["failed"]))
            themes = [n if is_ordinance else _theme_of(n) for n in numbers]
            changes = [LEGISLATION_FAILURES[theme][4] for theme in themes]
            notice_start = dates[0] - datetime.timedelta(days=self.rng.randint(5, 15))
            assessment = Assessment(
                code=services.assessment_code_allocate(year=row["requested_on"].year),
                year=row["requested_on"].year,
                subject_type=row["subject_type"],
                title=row["title"],
                description=f"{row['title']}에 대한 인권영향평가 요청(입법예고 중)",
                department=row["department"],
                revision_kind=row["revision_kind"],
                article_numbers=article_numbers,
                legislative_notice_start=notice_start,
                legislative_notice_end=notice_start + datetime.timedelta(days=20),
                status=S.CLOSED,
                requested_by=self._requester(row["department"]),
                requested_on=dates[0],
                assessor=self.office,
                checklist=templates[row["subject_type"]],
                stage_deadline=None,
                findings_summary=(
                    f"체크리스트 {len(criteria[row['subject_type']])}개 기준 중 {len(numbers)}개 기준 미충족: "
                    + ", ".join(LEGISLATION_FAILURES[theme][1] for theme in themes)
                    if numbers
                    else "체크리스트의 모든 기준을 충족함. 권고 사항 없음."
                ),
                findings_issued_on=dates[2],
                outcome=Outcome.REVISED if row["revised"] else Outcome.NOT_REVISED,
                outcome_on=dates[4],
                outcome_summary="; ".join(changes) if row["revised"] else "",
                public_summary=(
                    "인권영향평가 권고를 반영하여 개정되었습니다: " + ", ".join(changes) + "."
                    if row["revised"]
                    else (
                        "권고 사항 일부는 부서 사정으로 반영되지 않았습니다."
                        if numbers
                        else "인권 기준을 충족하여 원안대로 의결되었습니다."
                    )
                ),
                closed_on=dates[5],
            )
            built.append((assessment, row, dates, numbers))
        self._bulk(built, criteria)

    def _bulk(self, built, criteria_by_type) -> None:
        """Write finished assessments with their answers, findings, responses, events and audit rows."""
        Assessment.objects.bulk_create([assessment for assessment, *_ in built])
        answers, findings, events, audits = [], [], [], []
        for assessment, row, dates, numbers in built:
            subject_type = assessment.subject_type
            criteria = criteria_by_type[subject_type]
            failures = row.get("failures") or {
                number: self._legislation_failure(subject_type, number, row) for number in numbers
            }
            not_applicable = dict(row.get("not_applicable") or {})
            if subject_type in OFTEN_NOT_APPLICABLE:
                not_applicable[self.rng.choice(OFTEN_NOT_APPLICABLE[subject_type])] = "해당 사항 없음"
            for number, criterion in criteria.items():
                if number in failures:
                    answer, note = failures[number][0], failures[number][1]
                elif number in not_applicable:
                    answer, note = Answer.NOT_APPLICABLE, not_applicable[number]
                else:
                    answer, note = Answer.YES, self.rng.choice(YES_NOTES)
                answers.append(CriterionAnswer(assessment=assessment, criterion=criterion, answer=answer, note=note))
            responder = self._responder(assessment.department)
            for finding_number, (number, failure) in enumerate(failures.items(), start=1):
                _answer, _note, finding_text, recommendation, response, reason = failure
                findings.append(
                    Finding(
                        assessment=assessment,
                        criterion=criteria[number],
                        number=finding_number,
                        finding=finding_text,
                        recommendation=recommendation,
                        created_by=self.office,
                        created_at=_at(dates[2], 9),
                        response=response,
                        response_reason=reason,
                        responded_at=_at(dates[3], 15),
                        responded_by=responder,
                    )
                )
            path = [S.REQUESTED, S.IN_ASSESSMENT, S.FINDINGS_ISSUED, S.RESPONDED, S.OUTCOME_RECORDED, S.CLOSED]
            actors = [assessment.requested_by, self.office, self.office, responder, self.office]
            actors.append(self.office)
            for step, (status, day, actor) in enumerate(zip(path, dates, actors, strict=True)):
                from_status = path[step - 1] if step else ""
                events.append(
                    AssessmentEvent(
                        assessment=assessment,
                        occurred_at=_at(day, 10 + step),
                        from_status=from_status,
                        to_status=status,
                        actor=actor,
                    )
                )
                audits.append(
                    AuditEvent(
                        actor=actor,
                        actor_label=actor.get_username(),
                        action="impact.request" if not step else f"impact.{status}",
                        target_type=self.content_type,
                        target_id=str(assessment.pk),
                        target_repr=str(assessment)[:200],
                        changes={"status": [from_status, str(status)]} if step else {},
                    )
                )
        CriterionAnswer.objects.bulk_create(answers)
        Finding.objects.bulk_create(findings)
        AssessmentEvent.objects.bulk_create(events)
        AuditEvent.objects.bulk_create(audits)

    def _legislation_failure(self, subject_type: str, number: int, row: dict) -> tuple:
        theme = number if subject_type == SubjectType.ORDINANCE else _theme_of(number)
        _weight, note, finding, recommendation, _change = LEGISLATION_FAILURES[theme]
        answer = Answer.NO if self.rng.random() < 0.6 else Answer.PARTLY
        if row["revised"]:
            response, reason = (
                (ResponseKind.ACCEPTED, "권고를 개정안에 반영함")
                if self.rng.random() < 0.85
                else (ResponseKind.PARTIALLY_ACCEPTED, "일부 조항만 수정하여 반영함")
            )
        else:
            response = ResponseKind.REJECTED if self.rng.random() < 0.7 else ResponseKind.PARTIALLY_ACCEPTED
            reason = self.rng.choice(REJECTION_REASONS)
        return (answer, note, finding, recommendation, response, reason)

    # ------------------------------------------------------------ polling stations, 2018

    def polling_stations(self, template: ChecklistTemplate) -> None:
        criteria = {c.number: c for c in template.criteria.all()}
        department = self.departments[ADMIN]
        stations = [
            (district, *station) for district, rows in DISTRICT_STATIONS.items() for station in rows
        ]  # 44 stations
        if len(stations) != POLLING_STATIONS:
            raise ValueError(f"the demo needs {POLLING_STATIONS} polling stations, not {len(stations)}")
        renovated = set(self.rng.sample(range(POLLING_STATIONS), POLLING_RENOVATED))
        refused = set(self.rng.sample(sorted(set(range(POLLING_STATIONS)) - renovated), 8))
        built = []
        for index, (district, dong, road, place) in enumerate(stations):
            requested_on = datetime.date(2018, 3, 26) + datetime.timedelta(days=index // 3)
            dates = [
                requested_on,
                requested_on + datetime.timedelta(days=2),
                requested_on + datetime.timedelta(days=self.rng.randint(9, 16)),
                datetime.date(2018, 5, 4) + datetime.timedelta(days=self.rng.randint(0, 6)),
                datetime.date(2018, 6, 8) if index in renovated else datetime.date(2018, 5, 25),
                datetime.date(2018, 6, 22),
            ]
            failures = {}
            if index in renovated or index in refused:
                numbers = [self.rng.choice([1, 3])]
                numbers += [n for n in self.rng.sample([4, 6, 7], self.rng.randint(0, 2)) if n not in numbers]
                for n in numbers:
                    answer, note, finding, recommendation, _change = STATION_FAILURES[n]
                    if index in renovated:
                        response, reason = ResponseKind.ACCEPTED, "선거일 전 조치 완료"
                    else:
                        response = self.rng.choice([ResponseKind.REJECTED, ResponseKind.PARTIALLY_ACCEPTED])
                        reason = self.rng.choice(STATION_REFUSALS)
                    failures[n] = (answer, note, finding, recommendation, response, reason)
            changes = [STATION_FAILURES[n][4] for n in failures]
            tactile = self.rng.random() < 0.4
            not_applicable = {10: "투표소 운영 시간 중 수유 공간 불필요(인근 행정복지센터 안내)"}
            if not tactile:
                not_applicable[5] = "임시 투표소로 점자블록 설치 대상 아님(투표 보조 인력 배치)"
            ok = {n: n not in failures for n in (1, 3, 4, 5, 6)}
            title = f"제7회 전국동시지방선거 {district} {dong} 제1투표소({place})"
            assessment = Assessment(
                code=services.assessment_code_allocate(year=2018),
                year=2018,
                subject_type=SubjectType.BUILDING,
                title=title,
                description="「공공건축물 인권영향평가 지침」에 따른 투표소 접근성 현장 점검",
                department=department,
                address=f"광주광역시 {district} {road} ({place})",
                facility_use=FacilityUse.POLLING_STATION,
                step_free_entrance=ok[1],
                accessible_toilet=ok[4],
                lift_or_ramp=ok[3],
                tactile_guidance=tactile,
                accessible_parking=ok[6],
                status=S.CLOSED,
                requested_by=self.office,
                requested_on=dates[0],
                assessor=self.office,
                checklist=template,
                findings_summary=(
                    "접근성 미흡: " + ", ".join(STATION_FAILURES[n][1] for n in failures)
                    if failures
                    else "주요 접근성 기준을 모두 충족함."
                ),
                findings_issued_on=dates[2],
                outcome=Outcome.REVISED if index in renovated else Outcome.NOT_REVISED,
                outcome_on=dates[4],
                outcome_summary="선거일 전 개선: " + ", ".join(changes) if index in renovated else "",
                public_summary=(
                    f"{place} 투표소를 선거 전에 개선했습니다({', '.join(changes)})."
                    if index in renovated
                    else (
                        f"{place} 투표소는 건물 사정으로 개선하지 못했고 투표 보조 인력을 배치했습니다."
                        if failures
                        else f"{place} 투표소는 접근성 기준을 충족했습니다."
                    )
                ),
                closed_on=dates[5],
            )
            built.append((assessment, {"failures": failures, "not_applicable": not_applicable}, dates, list(failures)))
        self._bulk(built, {SubjectType.BUILDING: criteria})

    # ------------------------------------------------------------ 2019-2026, through the services

    def _redate(self, assessment: Assessment, status: str, day: datetime.date, **extra) -> None:
        AssessmentEvent.objects.filter(assessment=assessment, to_status=status).update(occurred_at=_at(day))
        Assessment.objects.filter(pk=assessment.pk).update(stage_deadline=workflow.stage_deadline(status, day), **extra)

    def walk(self, story: Story) -> Assessment:
        department = self.departments[story.department]
        requester = self._requester(department)
        steps = story.steps
        tasks = recommendations = None
        if story.tasks:
            from plans.models import PolicyTask

            tasks = list(PolicyTask.objects.filter(title__in=story.tasks).order_by("pk")[:3])
        if story.recommendations:
            from django.db.models import Q

            from ombudsman.models import Recommendation

            condition = Q()
            for text in story.recommendations:
                condition |= Q(text__contains=text)
            recommendations = list(Recommendation.objects.filter(condition).order_by("pk")[:2])
        assessment = services.assessment_request(
            actor=requester,
            department=department,
            requested_on=steps[0],
            subject_type=story.subject_type,
            title=story.title,
            description=story.description,
            related_tasks=tasks,
            related_recommendations=recommendations,
            **story.fields,
        )
        self._redate(assessment, S.REQUESTED, steps[0])
        if story.status == S.REQUESTED:
            return assessment
        if story.status == S.WITHDRAWN:
            services.assessment_withdraw(assessment=assessment, actor=requester, reason=story.withdraw_reason)
            self._redate(assessment, S.WITHDRAWN, steps[1], closed_on=steps[1])
            return assessment
        assessment = services.assessment_start(assessment=assessment, actor=self.office)
        self._redate(assessment, S.IN_ASSESSMENT, steps[1])
        rows = list(assessment.answers.select_related("criterion").order_by("criterion__number"))
        if story.half_filled:
            rows = [
                row
                for index, row in enumerate(rows)
                if index < len(rows) // 2 or row.criterion.number in story.failures
            ]
        answers = {}
        for row in rows:
            failure = story.failures.get(row.criterion.number)
            if failure:
                answers[row.criterion_id] = {"answer": failure[0], "note": failure[1]}
            else:
                answers[row.criterion_id] = {"answer": Answer.YES, "note": self.rng.choice(YES_NOTES)}
        services.checklist_save(assessment=assessment, actor=self.office, answers=answers)
        by_number = {row.criterion.number: row.criterion for row in rows}
        for number, (_answer, _note, finding, recommendation) in story.failures.items():
            if number in by_number:
                services.finding_save(
                    assessment=assessment,
                    actor=self.office,
                    criterion=by_number[number],
                    finding=finding,
                    recommendation=recommendation,
                )
        if story.status == S.IN_ASSESSMENT:
            return assessment
        summary = (
            f"{len(story.failures)}개 기준 미충족: " + ", ".join(failure[1] for failure in story.failures.values())
            if story.failures
            else "체크리스트의 모든 기준을 충족함. 권고 사항 없음."
        )
        assessment = services.findings_issue(assessment=assessment, actor=self.office, summary=summary)
        self._redate(assessment, S.FINDINGS_ISSUED, steps[2], findings_issued_on=steps[2])
        Finding.objects.filter(assessment=assessment).update(created_at=_at(steps[2], 9))
        if story.status == S.FINDINGS_ISSUED:
            return assessment
        findings = list(assessment.findings.order_by("number"))
        responding = self._responder(department)
        if findings:
            services.responses_save(
                assessment=assessment,
                actor=responding,
                responses={
                    finding.pk: {"response": response, "reason": reason}
                    for finding, (response, reason) in zip(findings, story.responses, strict=True)
                },
            )
        assessment = services.responses_submit(assessment=assessment, actor=responding)
        self._redate(assessment, S.RESPONDED, steps[3])
        Finding.objects.filter(assessment=assessment).update(responded_at=_at(steps[3], 15))
        if story.status == S.RESPONDED:
            return assessment
        assessment = services.outcome_record(
            assessment=assessment,
            actor=responding,
            outcome=story.outcome,
            outcome_on=steps[4],
            summary=story.outcome_summary,
        )
        self._redate(assessment, S.OUTCOME_RECORDED, steps[4])
        if story.status == S.OUTCOME_RECORDED:
            return assessment
        to_committee = (story.review or story.status == S.COMMITTEE_REVIEW) and self.committee is not None
        if to_committee:
            assessment = services.committee_review_request(assessment=assessment, actor=self.office)
            self._redate(assessment, S.COMMITTEE_REVIEW, steps[5])
            if story.review and self.committee_user is not None:
                review_on = steps[6]
                meeting = self.committee.meetings.filter(held_on__lte=review_on).order_by("-held_on").first()
                if meeting is not None and (review_on - meeting.held_on).days > 60:
                    meeting = None
                review = services.committee_review_submit(
                    assessment=assessment,
                    actor=self.committee_user,
                    committee=self.committee,
                    meeting=meeting,
                    conclusion=CommitteeReview.Conclusion.AGREED
                    if "동의" in story.review
                    else CommitteeReview.Conclusion.FURTHER_ACTION,
                    text=story.review,
                )
                CommitteeReview.objects.filter(pk=review.pk).update(submitted_at=_at(review_on, 17))
            if story.status == S.COMMITTEE_REVIEW:
                return assessment
        assessment = services.assessment_close(
            assessment=assessment, actor=self.office, public_summary=story.public_summary
        )
        self._redate(assessment, S.CLOSED, steps[-1], closed_on=steps[-1])
        return assessment

    def _responder(self, department: Department) -> User:
        """Who answers the findings for ``department``: its demo login (``official``, ``official2``),
        otherwise a department official account that cannot log in (made once per department)."""
        if department.pk not in self.responders:
            user = User(
                username=f"impact-{department.code}"[:150],
                display_name=f"{department.name_ko} 인권영향평가 담당",
                department=department,
            )
            user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get(name=Role.DEPARTMENT_OFFICIAL.value))
            self.responders[department.pk] = user
        return self.responders[department.pk]


def _theme_of(regulation_number: int) -> int:
    """The ordinance theme a regulation criterion number stands for (first match)."""
    for theme, number in REGULATION_THEME.items():
        if number == regulation_number:
            return theme
    return 1
