"""Demo data of the ombudsman: a year like Gwangju's 2018, and the office's live work of this year.

The seed document (``shared/seeds``) says that in 2018 the Gwangju Human Rights Ombudsman gave
**346 counselling sessions** and registered **78 human rights violation cases**, and that its
recommendations covered CCTV in psychiatric facilities, the denial of water-supply applications,
public officials' right to organise, violence against hospitalised patients, citizens' access to
City Hall and privacy infringement at the request of the police. This module recreates that year:
exactly 346 sessions held in 2018 and exactly 78 cases received in 2018, in every status, with
recommendations to agencies on those topics, their responses and their implementation; then about
ten cases received this year, in early stages and some overdue, so that the office has live work.

Everything is written through ``ombudsman.services``, as the office would, so each case has its
timeline (``CaseEvent``) and audit trail. The services stamp ``timezone.now()`` on what they record,
which would put every 2018 step in the year the demo is loaded; so, *in this demo module only*,
each step's timeline entries are re-dated right after the service call with a queryset update, and
``closed_at`` / ``stage_deadline`` are set to follow the re-dated timeline. Audit events are left as
they are: they truthfully record when the demo data was loaded, and the portal never rewrites them.

Receipt e-mails: identified complainants are registered with a phone number, and the fictitious
``example.com`` address of some of them is added afterwards, so that loading the demo sends no mail.

Idempotent: when cases received in 2018 already exist, the ombudsman demo data is there and
nothing is added.
"""

from __future__ import annotations

import datetime
import random
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from humanrights_portal.core.models import Department, RightCategory, User, VulnerableGroup
from ombudsman import services, statistics, workflow
from ombudsman.models import (
    CaseEvent,
    CaseStatus,
    Channel,
    Complaint,
    InternalNote,
    OnBehalfOf,
    Recommendation,
)
from ombudsman.models import SatisfactionSurvey as Survey

DEMO_YEAR = 2018
COUNSELLING_SESSIONS = 346
CASES = 78
#: Cases of 2018 that started as a counselling session (they are among the 346 sessions).
CASES_FROM_COUNSELLING = 24
DEMO_HANDLER = "ombudsman"
RANDOM_SEED = 2018

S = CaseStatus

#: How the 78 cases of 2018 stand today; "closed_recommended" are closed after a recommendation.
STATUS_PLAN = [
    ("closed_recommended", 14),
    ("closed", 30),
    ("dismissed", 10),
    ("withdrawn", 7),
    ("referred", 9),
    ("follow_up", 3),
    ("recommendation_issued", 2),
    ("investigating", 1),
    ("screening", 1),
    ("received", 1),
]
#: This year's live cases: (status, days since received, days in the current stage).
CURRENT_PLAN = [
    ("received", 1, 1),
    ("received", 2, 2),
    ("received", 9, 9),  # overdue: three days to screen
    ("screening", 12, 8),
    ("screening", 20, 16),  # overdue
    ("screening", 33, 29),  # overdue
    ("investigating", 40, 20),
    ("investigating", 95, 75),  # overdue
    ("investigating", 61, 45),
    ("recommendation_issued", 118, 30),
]


@dataclass(frozen=True)
class Template:
    """A complaint as citizens write them; ``recommendation`` is given on the 2018 topics."""

    key: str
    title: str
    description: str
    agency: str
    rights: tuple[str, ...]
    groups: tuple[str, ...] = ()
    place: str = ""
    department: str = ""
    on_behalf_of: str = OnBehalfOf.SELF
    affected_party: str = ""
    recommendation: dict | None = None
    counselling_topic: str = ""


CCTV_RECOMMENDATION = {
    "agency": "광주광역시 복지건강국(정신건강 담당)",
    "text": (
        "정신의료기관 병실·보호실에 설치된 CCTV는 환자의 사생활의 비밀과 자유를 과도하게 제한하므로, "
        "관내 정신의료기관에 대하여 병실 내 CCTV 설치 실태를 전수 조사하고, 촬영이 불가피한 보호실은 "
        "환자·보호자에게 사전 고지하고 동의를 받도록 지도·감독할 것을 권고합니다."
    ),
    "public_summary": "정신의료기관 병실 CCTV 운영 실태를 조사하고 환자의 사생활 보호 기준을 마련하도록 권고했습니다.",
}
WATER_RECOMMENDATION = {
    "agency": "광주광역시 상수도사업본부",
    "text": (
        "토지 소유자의 사용승낙서가 없다는 이유만으로 실제 거주자의 급수 신청을 거부하는 것은 "
        "생존에 필요한 물에 대한 권리를 침해하므로, 실거주 사실이 확인되는 경우 급수를 허용하도록 "
        "급수 조례 시행규칙과 업무 지침을 개정할 것을 권고합니다."
    ),
    "public_summary": "실제 거주자의 급수 신청을 받아들이도록 급수 업무 지침을 개정할 것을 권고했습니다.",
}
UNION_RECOMMENDATION = {
    "agency": "광주광역시 자치행정국",
    "text": (
        "6급 이하 공무원의 노동조합 가입을 직무와 무관하게 일률적으로 제한하거나 가입 여부를 조사하는 "
        "관행은 단결권을 침해할 우려가 있으므로, 가입 제한 직위를 법령이 정한 범위로 최소화하고 "
        "가입 현황 조사를 중단할 것을 권고합니다."
    ),
    "public_summary": "공무원의 노동조합 가입 제한 범위를 최소화하고 가입 현황 조사를 중단하도록 권고했습니다.",
}
VIOLENCE_RECOMMENDATION = {
    "agency": "광주광역시 복지건강국(노인·정신보건 의료기관 지도 담당)",
    "text": (
        "입원 환자에 대한 폭행은 신체의 자유와 인격권을 침해하는 중대한 인권침해이므로, 해당 병원에 "
        "가해 직원에 대한 인사 조치와 전 직원 인권교육을 요구하고, 관내 요양병원·정신병원의 "
        "환자 학대 신고 체계를 점검할 것을 권고합니다."
    ),
    "public_summary": "입원 환자 폭행 재발을 막기 위해 직원 인권교육과 학대 신고 체계 점검을 권고했습니다.",
}
CITY_HALL_RECOMMENDATION = {
    "agency": "광주광역시 자치행정국 총무과",
    "text": (
        "시청은 시민의 공간이므로 출입증 발급 시 과도한 개인정보를 요구하거나 특정 시민의 출입을 "
        "사전에 막는 것은 공공서비스 접근권과 표현의 자유를 제한합니다. 청사 출입 관리 지침을 "
        "개정하여 출입 제한 사유를 구체적으로 정하고, 휠체어 이용자를 위한 출입 동선을 확보할 것을 권고합니다."
    ),
    "public_summary": (
        "시청 출입 제한 사유를 구체화하고 장애인의 출입 동선을 확보하도록 청사 출입 지침 개정을 권고했습니다."
    ),
}
POLICE_RECOMMENDATION = {
    "agency": "광주광역시 ○○구청",
    "text": (
        "수사기관의 요청이라도 영장이나 법률상 근거를 확인하지 않고 민원인의 주소·연락처·가족관계를 "
        "제공하는 것은 개인정보 보호법에 어긋나는 사생활 침해이므로, 수사기관 자료 제공 절차를 마련하고 "
        "제공 내역을 기록·관리하며 담당 직원에게 개인정보 보호 교육을 실시할 것을 권고합니다."
    ),
    "public_summary": "경찰 등 수사기관에 개인정보를 제공할 때의 확인 절차와 기록 관리 방안을 마련하도록 권고했습니다.",
}

TEMPLATES = [
    Template(
        key="cctv-ward",
        title="정신병원 병실 내 CCTV 설치로 인한 사생활 침해",
        description=(
            "어머니가 입원해 계신 정신병원의 6인 병실 천장에 CCTV가 설치되어 있습니다. 환자들이 옷을 "
            "갈아입는 모습까지 간호사실 모니터에 그대로 나옵니다. 병원은 안전 때문이라고 하지만 "
            "환자나 보호자에게 동의를 받은 적이 없고, 녹화 영상을 누가 보는지도 알려 주지 않습니다."
        ),
        agency="○○정신병원",
        rights=("privacy", "health"),
        groups=("psychiatric-patients",),
        place="광주광역시 광산구 ○○정신병원 3병동",
        department="welfare-health",
        on_behalf_of=OnBehalfOf.OTHER_PERSON,
        affected_party="어머니(입원 환자)",
        recommendation=CCTV_RECOMMENDATION,
        counselling_topic="정신병원 병실 CCTV",
    ),
    Template(
        key="cctv-seclusion",
        title="정신의료기관 보호실 CCTV 상시 촬영",
        description=(
            "보호실(격리실)에 격리되었을 때 화장실까지 CCTV로 촬영되었습니다. 퇴원 후 병원에 영상 "
            "열람을 요청했지만 거부당했습니다. 격리 중에도 최소한의 사생활은 보호되어야 한다고 생각합니다."
        ),
        agency="○○정신건강의학과병원",
        rights=("privacy", "dignity"),
        groups=("psychiatric-patients",),
        place="광주광역시 북구 ○○정신건강의학과병원 보호실",
        department="welfare-health",
        recommendation=CCTV_RECOMMENDATION,
        counselling_topic="보호실 CCTV와 영상 열람",
    ),
    Template(
        key="water-denied",
        title="토지 사용승낙서가 없다는 이유로 급수 신청 거부",
        description=(
            "30년 넘게 살고 있는 집에 상수도를 놓으려고 급수 신청을 했는데, 수도관이 지나가는 땅 주인의 "
            "사용승낙서를 받아 오라며 접수를 거부당했습니다. 땅 주인과는 연락이 되지 않습니다. "
            "지금도 지하수를 끓여 먹고 있고, 여름마다 물이 부족합니다."
        ),
        agency="광주광역시 상수도사업본부",
        rights=("housing", "public-services", "health"),
        groups=("older-persons", "low-income"),
        place="광주광역시 남구 ○○동",
        department="climate-environment",
        recommendation=WATER_RECOMMENDATION,
        counselling_topic="급수 신청 거부",
    ),
    Template(
        key="water-cut",
        title="무허가 건축물이라는 이유로 수돗물 공급 불가 통보",
        description=(
            "비닐하우스를 고쳐 살고 있는 가구라서 무허가 건축물이라며 급수를 할 수 없다는 통보를 "
            "받았습니다. 아이 둘을 키우는데 물을 이웃집에서 길어 와야 합니다. 건축물의 허가 여부와 "
            "사람이 물을 쓸 권리는 따로 봐야 하는 것 아닙니까."
        ),
        agency="광주광역시 상수도사업본부",
        rights=("housing", "social-security"),
        groups=("low-income", "children-youth"),
        place="광주광역시 광산구 ○○동 비닐하우스 주거지",
        department="climate-environment",
        recommendation=WATER_RECOMMENDATION,
        counselling_topic="무허가 주거 급수 불가",
    ),
    Template(
        key="union-survey",
        title="공무원 노동조합 가입 여부 조사",
        description=(
            "부서장이 직원들에게 노동조합 가입 여부를 적어 내라고 했고, 가입한 직원에게는 근무평정에 "
            "불리할 수 있다는 말을 했습니다. 노조 활동을 이유로 불이익을 줄 수 있다는 뜻으로 들려 "
            "직원들이 탈퇴를 고민하고 있습니다."
        ),
        agency="광주광역시 ○○구청",
        rights=("labour", "expression"),
        groups=("workers",),
        place="광주광역시 ○○구청 본관",
        department="administration",
        recommendation=UNION_RECOMMENDATION,
        counselling_topic="공무원 노조 가입 조사",
    ),
    Template(
        key="union-limit",
        title="6급 공무원의 노동조합 가입 일률 제한",
        description=(
            "6급 팀장 이상은 업무를 총괄한다는 이유로 모두 노동조합 가입 대상에서 빼 버렸습니다. "
            "실제로는 인사나 예산 권한이 전혀 없는 실무 팀장도 많습니다. 법이 정한 것보다 넓게 "
            "가입을 막는 것은 단결권 침해라고 생각합니다."
        ),
        agency="광주광역시 자치행정국",
        rights=("labour",),
        groups=("workers",),
        place="광주광역시청",
        department="administration",
        on_behalf_of=OnBehalfOf.GROUP,
        affected_party="○○구청 6급 실무 팀장들",
        recommendation=UNION_RECOMMENDATION,
        counselling_topic="공무원 노조 가입 범위",
    ),
    Template(
        key="violence-nursing",
        title="요양병원 입원 환자 폭행",
        description=(
            "치매로 요양병원에 입원한 아버지의 팔과 등에 멍이 들어 있어 물어보니, 밤에 기저귀를 갈다가 "
            "요양보호사가 손으로 때렸다고 하셨습니다. 병원은 낙상 때문이라고만 하고 CCTV 영상을 "
            "보여 주지 않습니다. 다른 환자들도 같은 일을 겪고 있을까 걱정됩니다."
        ),
        agency="○○요양병원",
        rights=("life-security", "dignity", "health"),
        groups=("older-persons",),
        place="광주광역시 서구 ○○요양병원",
        department="welfare-health",
        on_behalf_of=OnBehalfOf.OTHER_PERSON,
        affected_party="아버지(요양병원 입원 환자)",
        recommendation=VIOLENCE_RECOMMENDATION,
        counselling_topic="요양병원 환자 폭행",
    ),
    Template(
        key="violence-psychiatric",
        title="정신병원 보호사의 입원 환자 폭행과 강박",
        description=(
            "입원 중에 다른 환자와 말다툼을 했다는 이유로 보호사가 제 뺨을 때리고 여섯 시간 동안 "
            "침대에 묶어 두었습니다. 의사의 지시가 있었는지 기록을 보여 달라고 했지만 거부당했습니다."
        ),
        agency="○○정신병원",
        rights=("life-security", "dignity"),
        groups=("psychiatric-patients",),
        place="광주광역시 광산구 ○○정신병원",
        department="welfare-health",
        recommendation=VIOLENCE_RECOMMENDATION,
        counselling_topic="정신병원 폭행·강박",
    ),
    Template(
        key="city-hall-entry",
        title="시청 청사 출입 제한",
        description=(
            "시장 면담을 요청하러 시청에 갔는데, 청원경찰이 1인 시위를 했던 사람이라며 로비에서 "
            "출입을 막았습니다. 민원실에도 들어가지 못했습니다. 시청은 시민 누구나 드나들 수 있는 "
            "곳이어야 하는데 특정인을 명단으로 관리하는 것 같습니다."
        ),
        agency="광주광역시청 총무과",
        rights=("public-services", "expression", "participation"),
        place="광주광역시청 1층 로비",
        department="administration",
        recommendation=CITY_HALL_RECOMMENDATION,
        counselling_topic="시청 출입 제지",
    ),
    Template(
        key="city-hall-wheelchair",
        title="휠체어 이용자의 시청 출입 불편",
        description=(
            "전동휠체어를 타고 시청 시민홀 행사에 갔는데 출입 게이트 폭이 좁아 통과할 수 없었고, "
            "옆문은 잠겨 있었습니다. 직원을 부르는 데만 20분이 걸렸습니다. 출입증을 받으려면 "
            "신분증을 맡겨야 하는 것도 부담스럽습니다."
        ),
        agency="광주광역시청 총무과",
        rights=("accessibility", "public-services"),
        groups=("persons-with-disabilities",),
        place="광주광역시청 출입 게이트",
        department="administration",
        recommendation=CITY_HALL_RECOMMENDATION,
        counselling_topic="시청 출입 게이트 접근성",
    ),
    Template(
        key="police-address",
        title="경찰 요청으로 주민센터가 개인정보 제공",
        description=(
            "행정복지센터 직원이 경찰의 전화 한 통에 제 주소와 휴대전화 번호, 가족관계를 알려 주었습니다. "
            "저는 어떤 사건의 피의자도 아니었고, 나중에 찾아온 경찰관에게서 이 사실을 들었습니다. "
            "공문이나 영장도 없이 개인정보를 넘겨도 되는지 묻고 싶습니다."
        ),
        agency="광주광역시 ○○구 ○○동 행정복지센터",
        rights=("privacy", "due-process"),
        place="광주광역시 ○○구 ○○동 행정복지센터",
        department="citizen-safety",
        recommendation=POLICE_RECOMMENDATION,
        counselling_topic="경찰 요청 개인정보 제공",
    ),
    Template(
        key="police-welfare-list",
        title="복지 수급자 명단의 경찰 제공",
        description=(
            "구청이 경찰의 요청을 받고 우리 동네 기초생활수급자 명단을 통째로 넘겼다고 들었습니다. "
            "실종자 수색 때문이었다고 하지만 저와는 관계가 없는 일이었고, 명단에는 병명까지 적혀 "
            "있었다고 합니다."
        ),
        agency="광주광역시 ○○구청 복지정책과",
        rights=("privacy",),
        groups=("low-income",),
        place="광주광역시 ○○구청",
        department="welfare-health",
        on_behalf_of=OnBehalfOf.GROUP,
        affected_party="○○동 기초생활수급자들",
        recommendation=POLICE_RECOMMENDATION,
        counselling_topic="수급자 명단 경찰 제공",
    ),
    Template(
        key="disability-taxi",
        title="장애인 콜택시 배차 거부",
        description=(
            "보조견과 함께 장애인 콜택시를 불렀는데 기사가 개는 태울 수 없다며 배차를 취소했습니다. "
            "센터에 항의했지만 기사 개인의 판단이라는 답만 들었습니다. 병원 예약을 놓쳤습니다."
        ),
        agency="광주광역시 교통약자이동지원센터",
        rights=("accessibility", "equality"),
        groups=("persons-with-disabilities",),
        place="광주광역시 북구",
        department="transport-construction",
        counselling_topic="장애인 콜택시 보조견 거부",
    ),
    Template(
        key="verbal-abuse",
        title="주민센터 공무원의 폭언",
        description=(
            "기초연금 신청 서류를 여쭤보았는데 담당 공무원이 '글도 못 읽으시냐', '몇 번을 말해야 "
            "알아듣냐'며 큰 소리로 면박을 주었습니다. 다른 민원인들 앞에서 너무 창피했습니다."
        ),
        agency="광주광역시 ○○구 ○○동 행정복지센터",
        rights=("dignity", "public-services"),
        groups=("older-persons",),
        place="○○동 행정복지센터 민원창구",
        department="administration",
        counselling_topic="공무원 폭언",
    ),
    Template(
        key="migrant-gym",
        title="이주노동자 시립 체육시설 이용 거부",
        description=(
            "외국인등록증을 보여 주었는데도 시립 체육관 회원 등록은 주민등록번호가 있어야 한다며 "
            "거부당했습니다. 같은 공장의 한국인 동료는 바로 등록했습니다. 세금을 내고 사는 "
            "주민인데 차별이라고 생각합니다."
        ),
        agency="광주광역시체육회 ○○국민체육센터",
        rights=("equality", "culture"),
        groups=("migrants", "workers"),
        place="○○국민체육센터",
        department="culture-sports",
        counselling_topic="외국인 체육시설 등록 거부",
    ),
    Template(
        key="hiring-women",
        title="출자·출연기관 면접에서 결혼·출산 계획 질문",
        description=(
            "시 출연기관 면접에서 면접위원이 결혼 계획과 출산 계획을 물었고, 아이를 낳으면 일을 "
            "계속할 수 있겠느냐고 했습니다. 남성 지원자에게는 그런 질문이 없었다고 합니다."
        ),
        agency="광주광역시 ○○재단",
        rights=("equality", "labour"),
        groups=("women",),
        place="○○재단 면접장",
        department="women-family",
        counselling_topic="채용 면접 성차별 질문",
    ),
    Template(
        key="shelter-eviction",
        title="노숙인 쉼터 강제 퇴소",
        description=(
            "쉼터 규칙을 어겼다는 이유로 소명할 기회도 없이 한겨울 밤에 퇴소당했습니다. 짐도 "
            "챙기지 못했고, 다른 시설을 안내받지도 못했습니다."
        ),
        agency="광주광역시 ○○노숙인 자활시설",
        rights=("housing", "due-process"),
        groups=("homeless-persons",),
        place="○○노숙인 자활시설",
        department="welfare-health",
        counselling_topic="노숙인 시설 강제 퇴소",
    ),
    Template(
        key="child-centre",
        title="지역아동센터 체벌",
        description=(
            "초등학생인 아들이 지역아동센터에서 숙제를 안 했다고 선생님에게 손바닥을 자로 맞고 "
            "한 시간 동안 벽을 보고 서 있었다고 합니다. 센터장은 훈육이었다고 합니다."
        ),
        agency="○○지역아동센터",
        rights=("life-security", "dignity", "education"),
        groups=("children-youth",),
        place="광주광역시 동구 ○○지역아동센터",
        department="women-family",
        on_behalf_of=OnBehalfOf.OTHER_PERSON,
        affected_party="아들(초등학생)",
        counselling_topic="아동센터 체벌",
    ),
    Template(
        key="facility-outing",
        title="장애인 거주시설의 외출·면회 제한",
        description=(
            "거주시설에서 생활하는 동생이 한 달에 한 번만 외출할 수 있고, 면회도 직원이 옆에 있어야만 "
            "된다고 합니다. 휴대전화도 사무실에 맡겨야 합니다. 본인이 원하는 때에 가족을 만날 수 "
            "있어야 하지 않을까요."
        ),
        agency="○○장애인거주시설",
        rights=("life-security", "privacy"),
        groups=("facility-residents", "persons-with-disabilities"),
        place="○○장애인거주시설",
        department="welfare-health",
        on_behalf_of=OnBehalfOf.OTHER_PERSON,
        affected_party="동생(시설 거주인)",
        counselling_topic="시설 외출·면회 제한",
    ),
    Template(
        key="venue-refusal",
        title="성소수자 단체의 시민공간 대관 취소",
        description=(
            "시민 누구나 쓸 수 있는 공공 강당을 강연회 용도로 대관 승인받았는데, 행사 내용이 "
            "성소수자 인권이라는 항의 민원이 들어오자 일방적으로 취소 통보를 받았습니다."
        ),
        agency="광주광역시 ○○시민문화관",
        rights=("expression", "equality"),
        groups=("sexual-minorities",),
        place="○○시민문화관 강당",
        department="culture-sports",
        on_behalf_of=OnBehalfOf.GROUP,
        affected_party="○○인권모임 회원들",
        counselling_topic="공공시설 대관 취소",
    ),
    Template(
        key="defector-data",
        title="북한이탈주민 정보가 적힌 서류 공개 게시",
        description=(
            "주민센터 게시판에 붙은 지원 대상자 안내문에 제 이름과 '북한이탈주민'이라는 표시가 "
            "함께 적혀 있었습니다. 이웃들이 모두 알게 되어 불안합니다."
        ),
        agency="광주광역시 ○○구 ○○동 행정복지센터",
        rights=("privacy", "equality"),
        groups=("north-korean-defectors",),
        place="○○동 행정복지센터 게시판",
        department="administration",
        counselling_topic="북한이탈주민 정보 노출",
    ),
    Template(
        key="benefit-stopped",
        title="기초생활수급 자격 중지 사유 미통지",
        description=(
            "아무런 설명 없이 생계급여가 중지되었습니다. 주민센터에서는 부양의무자 소득 때문이라고만 "
            "하고, 처분서나 이의신청 방법은 알려 주지 않았습니다. 10년 넘게 연락이 없는 아들의 "
            "소득 때문이라고 합니다."
        ),
        agency="광주광역시 ○○구청 주민복지과",
        rights=("social-security", "due-process"),
        groups=("low-income", "older-persons"),
        place="광주광역시 ○○구청",
        department="welfare-health",
        counselling_topic="생계급여 중지 통지",
    ),
    Template(
        key="low-floor-bus",
        title="저상버스 경사판 고장 방치",
        description=(
            "○○번 저상버스의 경사판이 몇 주째 고장 나 있어 휠체어로 탈 수 없습니다. 기사님은 "
            "다음 차를 타라고만 하는데 다음 차도 일반버스였습니다. 출근을 못 한 날이 여러 번입니다."
        ),
        agency="광주광역시 대중교통과(○○운수)",
        rights=("accessibility",),
        groups=("persons-with-disabilities",),
        place="광주광역시 시내버스 ○○번 노선",
        department="transport-construction",
        counselling_topic="저상버스 경사판 고장",
    ),
    Template(
        key="protest-filming",
        title="시청 앞 집회 참가자 사진 촬영",
        description=(
            "시청 앞에서 신고된 집회를 하는데 시청 직원으로 보이는 사람이 참가자들 얼굴을 휴대전화로 "
            "계속 촬영했습니다. 촬영 목적을 물었지만 대답하지 않았습니다."
        ),
        agency="광주광역시청 총무과",
        rights=("privacy", "expression"),
        place="광주광역시청 앞 광장",
        department="administration",
        counselling_topic="집회 참가자 촬영",
    ),
    Template(
        key="incinerator",
        title="폐기물 처리시설 인근 주민 건강 피해",
        description=(
            "마을 앞 폐기물 처리시설에서 밤마다 악취와 분진이 나와 아이들이 기침을 달고 삽니다. "
            "측정 결과를 공개해 달라고 여러 번 요청했는데 답이 없습니다."
        ),
        agency="광주광역시 기후환경국",
        rights=("environment", "health"),
        groups=("children-youth",),
        place="광주광역시 광산구 ○○마을",
        department="climate-environment",
        on_behalf_of=OnBehalfOf.GROUP,
        affected_party="○○마을 주민들",
        counselling_topic="처리시설 악취·분진",
    ),
    Template(
        key="care-neglect",
        title="시립 요양원 입소 어르신 돌봄 방치",
        description=(
            "시립 요양원에 계신 어머니를 찾아갔더니 기저귀가 오랫동안 갈리지 않아 욕창이 생겨 "
            "있었습니다. 야간에는 요양보호사 한 명이 한 층을 모두 맡는다고 합니다."
        ),
        agency="광주광역시 시립○○요양원",
        rights=("dignity", "health"),
        groups=("older-persons", "facility-residents"),
        place="시립○○요양원 2층",
        department="welfare-health",
        on_behalf_of=OnBehalfOf.OTHER_PERSON,
        affected_party="어머니(요양원 입소자)",
        counselling_topic="요양원 돌봄 방치",
    ),
]
_RECOMMENDED = {"closed_recommended", "follow_up", "recommendation_issued"}
RECOMMENDATION_TEMPLATES = [template for template in TEMPLATES if template.recommendation]
OTHER_TEMPLATES = [template for template in TEMPLATES if not template.recommendation]

#: Fictitious complainants (the names used in Korean forms as examples; contacts on example.com).
COMPLAINANTS = [
    ("홍길동", "hong.gildong"),
    ("김철수", "kim.cheolsu"),
    ("이영희", "lee.younghee"),
    ("박민수", "park.minsu"),
    ("최지영", "choi.jiyoung"),
    ("정다운", "jeong.daun"),
    ("강하늘", "kang.haneul"),
    ("윤보람", "yoon.boram"),
    ("임시민", "lim.simin"),
    ("한누리", "han.nuri"),
]

RESPONSES = [
    ("accepted", "권고를 수용하여 관련 지침을 개정하고 담당 직원 교육을 실시하겠습니다.", True),
    ("accepted", "권고 취지에 따라 즉시 시정하였으며 결과를 보고드립니다.", True),
    ("partially_accepted", "권고 중 교육 실시는 수용하나, 시설 개선은 예산 확보 후 단계적으로 추진하겠습니다.", True),
    ("partially_accepted", "관련 법령 개정이 필요한 부분은 중앙부처에 건의하고, 나머지는 이행하겠습니다.", False),
    ("rejected", "현행 법령에 따른 정당한 처분이므로 권고를 수용하기 어렵습니다.", False),
]
CLOSE_REASONS = [
    ("조사 결과 인권침해 사실이 확인되지 않아 종결합니다.", "조사 결과 인권침해로 보기 어려워 사건을 종결합니다."),
    ("조사 중 기관이 스스로 시정하여 종결합니다.", "조사 과정에서 기관이 문제를 바로잡아 사건을 종결합니다."),
    ("당사자 간 합의(조정)로 종결합니다.", "기관과 원만히 조정되어 사건을 종결합니다."),
    ("기관에 개선 의견을 표명하고 종결합니다.", "기관에 개선 의견을 전달하고 사건을 종결합니다."),
]
CLOSE_AFTER_RECOMMENDATION = ("권고 이행 여부를 확인하여 종결합니다.", "권고 이행을 확인하고 사건을 종결합니다.")
DISMISS_REASONS = [
    ("수사가 진행 중인 사안으로 조사 대상이 아닙니다.", "수사기관이 수사 중인 사안이라 옴부즈맨이 조사할 수 없습니다."),
    ("사인 간의 분쟁으로 시 소관 사무가 아닙니다.", "시나 시 산하기관의 업무가 아니어서 조사할 수 없습니다."),
    ("법원의 확정 판결이 있는 사안입니다.", "이미 법원 판결이 확정된 사안이라 조사할 수 없습니다."),
    ("진정 사실이 1년 이상 지난 사안입니다.", "사건이 있은 지 1년이 지나 조사 대상이 아닙니다."),
]
REFER_REASON = (
    "국가기관 관련 사안으로 국가인권위원회에 이송합니다.",
    "국가인권위원회가 조사할 수 있는 사안이라 국가인권위원회로 이송했습니다.",
)
REFER_REASONS = [
    REFER_REASON,
    ("국민권익위원회 소관 고충민원으로 이송합니다.", "국민권익위원회로 이송했습니다."),
    ("교육청 소관 사안으로 광주광역시교육청에 이송합니다.", "광주광역시교육청으로 이송했습니다."),
]
WITHDRAW_REASONS = [
    "기관에서 사과를 받아 진정을 취하합니다.",
    "문제가 해결되어 더 이상 조사를 원하지 않습니다.",
    "개인 사정으로 진정을 취하합니다.",
]
NOTES = [
    "기관 담당자와 통화함. 자료 제출 요청 공문을 다음 주에 발송하기로 함.",
    "진정인 면담 완료. 추가 증거(사진, 진료기록) 제출 예정.",
    "현장 조사 일정 조율 중. 기관장이 면담에 협조적임.",
    "유사 사건 2건이 함께 접수되어 병합 검토 필요.",
    "비상임 옴부즈맨(장애 분야) 자문 의견 받음: 권고 필요.",
]
SURVEY_COMMENTS = [
    "처음에는 막막했는데 끝까지 설명해 주셔서 감사했습니다.",
    "결과가 나오기까지 시간이 너무 오래 걸렸습니다.",
    "",
    "기관이 권고를 받아들여 다행입니다.",
    "",
]

COUNSELLING_TOPICS = [
    ("공무원 불친절·폭언", ("dignity",), ("older-persons",)),
    ("장애인 편의시설 미비", ("accessibility",), ("persons-with-disabilities",)),
    ("정신병원 입원 절차 문의", ("life-security", "due-process"), ("psychiatric-patients",)),
    ("요양병원 학대 의심", ("life-security", "health"), ("older-persons",)),
    ("개인정보 유출 문의", ("privacy",), ()),
    ("직장 내 괴롭힘(시 산하기관)", ("dignity", "labour"), ("workers",)),
    ("이주민 행정 차별", ("equality",), ("migrants",)),
    ("복지급여 탈락 이의", ("social-security",), ("low-income",)),
    ("노숙인 시설 처우", ("housing", "dignity"), ("homeless-persons",)),
    ("아동 체벌·학대 상담", ("life-security",), ("children-youth",)),
    ("주거·급수 문제", ("housing", "public-services"), ("low-income",)),
    ("채용·승진 성차별", ("equality", "labour"), ("women",)),
    ("집회·시위 관련 문의", ("expression",), ()),
    ("공공시설 이용 제한", ("public-services", "equality"), ()),
    ("사회복지시설 생활인 권리", ("privacy", "life-security"), ("facility-residents",)),
    ("성소수자 차별", ("equality",), ("sexual-minorities",)),
    ("북한이탈주민 정착 지원", ("social-security",), ("north-korean-defectors",)),
    ("환경 피해 민원", ("environment", "health"), ()),
]
COUNSELLING_SUMMARIES = [
    "관련 법령과 구제 절차를 안내함.",
    "진정서 작성 방법을 설명하고 증거 자료를 모아 두도록 안내함.",
    "해당 기관의 민원 창구와 연락처를 안내함.",
    "국가인권위원회 진정 절차를 안내함.",
    "법률구조공단 무료 법률상담을 연계함.",
    "상담자가 추가 사실을 확인한 뒤 다시 연락하기로 함.",
    "경청 후 심리 지원 기관을 소개함.",
]


@dataclass
class _Plan:
    template: Template
    status: str
    received_at: datetime.datetime
    channel: str
    anonymous: bool
    name: str = ""
    login: str = ""
    with_email: bool = False
    from_counselling: bool = False
    response: tuple | None = None
    steps: list = field(default_factory=list)


def _tz():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _office_time(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(rng.randint(9, 17), rng.randint(0, 59)), tzinfo=_tz())


def _working_days(year: int) -> list[datetime.date]:
    day = datetime.date(year, 1, 2)
    days = []
    while day.year == year:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


class _Dater:
    """Runs one service call, then moves the timeline entries it wrote to ``when``."""

    def __init__(self, complaint: Complaint):
        self.complaint = complaint
        self.last = CaseEvent.objects.filter(complaint=complaint).aggregate(last=Max("id"))["last"] or 0

    def at(self, when: datetime.datetime, call, *args, **kwargs):
        result = call(*args, **kwargs)
        CaseEvent.objects.filter(complaint=self.complaint, id__gt=self.last).update(occurred_at=when)
        self.last = CaseEvent.objects.filter(complaint=self.complaint).aggregate(last=Max("id"))["last"] or 0
        return result


def _references(template: Template):
    rights = list(RightCategory.objects.filter(code__in=template.rights))
    groups = list(VulnerableGroup.objects.filter(code__in=template.groups))
    department = Department.objects.filter(code=template.department).first() if template.department else None
    return rights, groups, department


def _complaint_fields(plan: _Plan, actor: User) -> dict:
    template = plan.template
    rights, groups, department = _references(template)
    received_on = plan.received_at.date()
    fields = {
        "title": template.title,
        "description": template.description,
        "respondent_agency": template.agency,
        "respondent_department": department,
        "rights": rights,
        "groups": groups,
        "incident_place": template.place,
        "incident_date": received_on - datetime.timedelta(days=(len(template.title) * 3) % 40 + 1),
        "on_behalf_of": template.on_behalf_of,
        "affected_party": template.affected_party,
        "is_anonymous": plan.anonymous,
        "consent_sensitive_data": True,
        "received_at": plan.received_at,
    }
    if not plan.anonymous:
        number = sum(map(ord, plan.login)) % 9000 + 1000
        fields.update(
            complainant_name=plan.name,
            complainant_phone=f"010-0000-{number:04d}",
            consent_personal_data=True,
        )
    if plan.channel not in (Channel.ONLINE, Channel.COUNSELLING):
        fields.update(channel=plan.channel, registered_by=actor)
    return fields


def _submit(plan: _Plan, actor: User, rng: random.Random) -> Complaint:
    fields = _complaint_fields(plan, actor)
    if plan.from_counselling:
        template = plan.template
        rights, groups = fields["rights"], fields["groups"]
        session = services.counselling_record(
            actor=actor,
            held_on=plan.received_at.date(),
            channel=rng.choice(["visit", "visit", "phone", "online"]),
            topic=template.counselling_topic or template.title,
            summary=template.description,
            groups=groups,
            rights=rights,
        )
        complaint = services.counselling_register_case(session=session, actor=actor, **fields).complaint
    else:
        complaint = services.complaint_submit(**fields).complaint
    if plan.with_email:
        # Added after the submission so that loading the demo sends no receipt e-mail.
        Complaint.objects.filter(pk=complaint.pk).update(complainant_email=f"{plan.login}@example.com")
    return complaint


def _recommend(dater, complaint, template, actor, when):
    recommendation = template.recommendation
    return dater.at(
        when,
        services.recommendation_issue,
        complaint=complaint,
        actor=actor,
        agency=recommendation["agency"],
        text=recommendation["text"],
        public_summary=recommendation["public_summary"],
        issued_on=when.date(),
        response_due=when.date() + datetime.timedelta(days=60),
    )


def _run(plan: _Plan, actor: User, rng: random.Random, *, until: datetime.datetime | None = None) -> Complaint:
    """Submit the complaint and walk it to ``plan.status`` through the services, on a plausible calendar."""
    complaint = _submit(plan, actor, rng)
    dater = _Dater(complaint)
    clock = plan.received_at
    template = plan.template

    def later(low: int, high: int) -> datetime.datetime:
        nonlocal clock
        day = clock.date() + datetime.timedelta(days=rng.randint(low, high))
        clock = max(_office_time(day, rng), clock + datetime.timedelta(minutes=5))
        if until is not None:
            clock = min(clock, until)
        return clock

    def move(to: str, reason: str = "", public_message: str = "", low: int = 2, high: int = 10):
        dater.at(
            later(low, high),
            services.case_transition,
            complaint=complaint,
            to=to,
            actor=actor,
            reason=reason,
            public_message=public_message,
        )

    status = plan.status
    if status == "received":
        pass
    elif status == "referred":
        reason, message = REFER_REASON if rng.random() < 0.7 else rng.choice(REFER_REASONS)
        move(S.REFERRED, reason, message, 1, 7)
    elif status == "withdrawn":
        dater.at(later(1, 4), services.case_assign, complaint=complaint, handler=actor, actor=actor)
        move(S.SCREENING, low=0, high=1)
        dater.at(later(3, 20), services.complaint_withdraw, complaint=complaint, reason=rng.choice(WITHDRAW_REASONS))
    elif status == "dismissed":
        dater.at(later(1, 4), services.case_assign, complaint=complaint, handler=actor, actor=actor)
        move(S.SCREENING, low=0, high=1)
        reason, message = rng.choice(DISMISS_REASONS)
        move(S.DISMISSED, reason, message, 5, 14)
    else:
        dater.at(later(1, 3), services.case_assign, complaint=complaint, handler=actor, actor=actor)
        move(S.SCREENING, low=0, high=1)
        if status != "screening":
            move(S.INVESTIGATING, low=7, high=14)
            if rng.random() < 0.4:
                dater.at(later(3, 15), services.note_add, complaint=complaint, author=actor, body=rng.choice(NOTES))
        if status == "closed":
            reason, message = rng.choice(CLOSE_REASONS)
            move(S.CLOSED, reason, message, 20, 70)
        elif status in ("recommendation_issued", "follow_up", "closed_recommended"):
            recommendation = _recommend(dater, complaint, template, actor, later(25, 60))
            if status != "recommendation_issued":
                response, text, implemented = plan.response
                response_at = later(30, 60)
                recommendation = dater.at(
                    response_at,
                    services.recommendation_record_response,
                    recommendation=recommendation,
                    actor=actor,
                    response=response,
                    response_date=response_at.date(),
                    response_text=text,
                )
                move(S.FOLLOW_UP, low=0, high=5)
                if status == "closed_recommended":
                    done_at = later(30, 90)
                    dater.at(
                        done_at,
                        services.recommendation_record_implementation,
                        recommendation=recommendation,
                        actor=actor,
                        implemented=implemented,
                        implemented_on=done_at.date() if implemented else None,
                        evidence="개정 지침 사본 및 교육 결과 보고서 제출" if implemented else "",
                    )
                    move(S.CLOSED, *CLOSE_AFTER_RECOMMENDATION, low=1, high=10)

    complaint.refresh_from_db()
    final = complaint.status
    updates = {"closed_at": clock if final in workflow.TERMINAL_STATUSES else None}
    updates["stage_deadline"] = (
        None if final in workflow.TERMINAL_STATUSES else workflow.stage_deadline(final, clock.date())
    )
    Complaint.objects.filter(pk=complaint.pk).update(**updates)
    InternalNote.objects.filter(complaint=complaint).update(created_at=clock)
    return complaint


def _plans_2018(rng: random.Random) -> list[_Plan]:
    statuses = [status for status, count in STATUS_PLAN for _ in range(count)]
    assert len(statuses) == CASES
    open_statuses = {"follow_up", "recommendation_issued", "investigating", "screening", "received"}
    finished = [status for status in statuses if status not in open_statuses]
    still_open = [status for status in statuses if status in open_statuses]
    rng.shuffle(finished)
    days = _working_days(DEMO_YEAR)
    # Most of the year is finished by now; the cases still open were received late in the year.
    schedule = list(zip(sorted(rng.sample(days[:-40], len(finished))), finished, strict=True))
    schedule += list(zip(sorted(rng.sample(days[-40:], len(still_open))), still_open, strict=True))
    channels = [Channel.ONLINE] * 5 + [Channel.PHONE] * 2 + [Channel.VISIT] * 2 + [Channel.LETTER]
    plans = []
    recommended = 0
    for index, (day, status) in enumerate(schedule):
        if status in _RECOMMENDED:
            template = RECOMMENDATION_TEMPLATES[recommended % len(RECOMMENDATION_TEMPLATES)]
            recommended += 1
        else:
            template = TEMPLATES[(index * 7) % len(TEMPLATES)]
        name, login = COMPLAINANTS[index % len(COMPLAINANTS)]
        anonymous = rng.random() < 0.3
        plans.append(
            _Plan(
                template=template,
                status=status,
                received_at=_office_time(day, rng),
                channel=rng.choice(channels),
                anonymous=anonymous,
                name=name,
                login=f"{login}{index:02d}",
                with_email=not anonymous and rng.random() < 0.6,
                response=RESPONSES[index % len(RESPONSES)],
            )
        )
    for plan in rng.sample(plans, CASES_FROM_COUNSELLING):
        plan.from_counselling = True
        plan.channel = Channel.COUNSELLING
    return plans


def _counselling_2018(actor: User, rng: random.Random, count: int) -> None:
    rights = {right.code: right for right in RightCategory.objects.all()}
    groups = {group.code: group for group in VulnerableGroup.objects.all()}
    days = _working_days(DEMO_YEAR)
    outcomes = ["advice_given"] * 6 + ["referred"] * 2 + ["no_further_action"] * 2
    channels = ["phone"] * 5 + ["visit"] * 3 + ["online"] * 2
    for _ in range(count):
        topic, right_codes, group_codes = rng.choice(COUNSELLING_TOPICS)
        services.counselling_record(
            actor=actor,
            held_on=rng.choice(days),
            channel=rng.choice(channels),
            topic=topic,
            summary=rng.choice(COUNSELLING_SUMMARIES),
            outcome=rng.choice(outcomes),
            rights=[rights[code] for code in right_codes if code in rights],
            groups=[groups[code] for code in group_codes if code in groups],
        )


def _surveys(complaints: list[Complaint], rng: random.Random) -> int:
    closed = [complaint for complaint in complaints if complaint.status == S.CLOSED]
    answered = rng.sample(closed, min(16, len(closed)))
    for complaint in answered:
        dater = _Dater(complaint)
        when = complaint.closed_at + datetime.timedelta(days=rng.randint(1, 14))
        survey = dater.at(
            when,
            services.survey_submit,
            complaint=complaint,
            fairness=rng.choice([3, 4, 4, 5, 5]),
            speed=rng.choice([2, 3, 3, 4, 5]),
            clarity=rng.choice([3, 4, 5, 5]),
            comment=rng.choice(SURVEY_COMMENTS),
        )
        Survey.objects.filter(pk=survey.pk).update(submitted_at=when)
    return len(answered)


def _current_year(actor: User, rng: random.Random) -> list[Complaint]:
    now = timezone.localtime()
    start_of_year = datetime.datetime(now.year, 1, 1, 9, tzinfo=_tz())
    complaints = []
    plan_by_date = sorted(CURRENT_PLAN, key=lambda row: -row[1])  # receipt numbers follow the dates
    for index, (status, days_ago, days_in_stage) in enumerate(plan_by_date):
        received_at = max(now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 6)), start_of_year)
        received_at = min(received_at, now)
        template = TEMPLATES[(index * 5 + 3) % len(TEMPLATES)]
        if status == "recommendation_issued":
            template = RECOMMENDATION_TEMPLATES[index % len(RECOMMENDATION_TEMPLATES)]
        name, login = COMPLAINANTS[(index + 3) % len(COMPLAINANTS)]
        anonymous = index % 3 == 0
        plan = _Plan(
            template=template,
            status=status,
            received_at=received_at,
            channel=Channel.ONLINE if index % 2 == 0 else Channel.PHONE,
            anonymous=anonymous,
            name=name,
            login=f"{login}.{now.year}.{index:02d}",
            with_email=not anonymous,
        )
        # The current stage began ``days_in_stage`` ago, so that some cases are overdue today.
        entered = min(max(now - datetime.timedelta(days=days_in_stage), received_at), now)
        complaint = _run(plan, actor, rng, until=entered)
        last_transition = complaint.events.filter(kind=CaseEvent.Kind.TRANSITION).order_by("-id").first()
        if last_transition is not None:
            CaseEvent.objects.filter(pk=last_transition.pk).update(occurred_at=entered)
        Complaint.objects.filter(pk=complaint.pk).update(
            stage_deadline=workflow.stage_deadline(status, timezone.localdate(entered))
        )
        complaints.append(complaint)
    days = [now.date() - datetime.timedelta(days=offset) for offset in range(1, 30)]
    rights = {right.code: right for right in RightCategory.objects.all()}
    for index in range(8):
        topic, right_codes, _ = COUNSELLING_TOPICS[(index * 5) % len(COUNSELLING_TOPICS)]
        services.counselling_record(
            actor=actor,
            held_on=max(days[index * 3], start_of_year.date()),
            channel=["phone", "visit", "online"][index % 3],
            topic=topic,
            summary=COUNSELLING_SUMMARIES[index % len(COUNSELLING_SUMMARIES)],
            rights=[rights[code] for code in right_codes if code in rights],
        )
    return complaints


def seed(*, stdout=None) -> list:
    """Load the ombudsman demo data once; return no new logins (the core demo made the ``ombudsman`` one)."""
    if Complaint.objects.filter(received_at__year=DEMO_YEAR).exists():
        if stdout is not None:
            stdout.write(f"ombudsman: demo data of {DEMO_YEAR} already present, nothing added")
        return []
    actor = User.objects.get(username=DEMO_HANDLER)
    rng = random.Random(RANDOM_SEED)  # noqa: S311 - repeatable demo data, not security
    plans = _plans_2018(rng)
    complaints = [_run(plan, actor, rng) for plan in plans]
    _counselling_2018(actor, rng, COUNSELLING_SESSIONS - CASES_FROM_COUNSELLING)
    for complaint in complaints:
        complaint.refresh_from_db(fields=["status", "closed_at"])
    surveys = _surveys(complaints, rng)
    current = _current_year(actor, rng)
    if stdout is not None:
        recommendations = Recommendation.objects.filter(complaint__received_at__year=DEMO_YEAR).count()
        stdout.write(
            f"ombudsman: {COUNSELLING_SESSIONS} counselling sessions and {len(complaints)} cases in {DEMO_YEAR} "
            f"({recommendations} with recommendations, {surveys} surveys), {len(current)} open cases this year"
        )
    if statistics.max_age():
        statistics.refresh()
    return []
