"""Reference data: vulnerable groups, rights categories, the 17 SDGs and their 169 targets.

The SDG texts come from ``core/data/sdg.json``; the lists below are frozen here so the
migration keeps meaning what it meant when it ran.
"""

import json
from pathlib import Path

from django.db import migrations

SDG_FILE = Path(__file__).resolve().parent.parent / "data" / "sdg.json"

VULNERABLE_GROUPS = [
    ("persons-with-disabilities", "장애인", "Persons with disabilities"),
    ("migrants", "이주민", "Migrants"),
    ("women", "여성", "Women"),
    ("workers", "노동자", "Workers"),
    ("older-persons", "노인", "Older persons"),
    ("children-youth", "아동·청소년", "Children and youth"),
    ("north-korean-defectors", "북한이탈주민", "North Korean defectors"),
    ("sexual-minorities", "성소수자", "Sexual minorities"),
    ("homeless-persons", "노숙인", "Homeless persons"),
    ("psychiatric-patients", "정신질환자·정신의료기관 입원환자", "Persons in psychiatric care"),
    ("facility-residents", "사회복지시설 생활인", "Residents of social welfare facilities"),
    ("detained-persons", "구금·보호시설 수용자", "Persons in detention or custody"),
    ("low-income", "저소득층", "Low-income households"),
]

RIGHT_CATEGORIES = [
    ("life-security", "생명·신체의 자유", "Life, liberty and security of person"),
    ("equality", "평등권·차별금지", "Equality and non-discrimination"),
    ("dignity", "인격권(폭언·괴롭힘)", "Dignity (verbal abuse and harassment)"),
    ("privacy", "사생활·개인정보 보호", "Privacy and personal data"),
    ("expression", "표현·집회·결사의 자유", "Freedom of expression, assembly and association"),
    ("due-process", "적법절차·공정한 행정", "Due process and fair administration"),
    ("labour", "노동권", "Labour rights"),
    ("health", "건강권", "Right to health"),
    ("education", "교육권", "Right to education"),
    ("housing", "주거권", "Right to housing"),
    ("social-security", "사회보장권", "Right to social security"),
    ("public-services", "공공서비스 접근권", "Access to public services"),
    ("accessibility", "이동·접근권", "Accessibility and mobility"),
    ("safety", "안전권", "Right to safety"),
    ("environment", "환경권", "Right to a healthy environment"),
    ("culture", "문화권", "Cultural rights"),
    ("participation", "참정권·시민참여", "Political and civic participation"),
]


def load_reference_data(apps, schema_editor):
    VulnerableGroup = apps.get_model("core", "VulnerableGroup")
    RightCategory = apps.get_model("core", "RightCategory")
    SdgGoal = apps.get_model("core", "SdgGoal")
    SdgTarget = apps.get_model("core", "SdgTarget")
    for order, (code, name_ko, name_en) in enumerate(VULNERABLE_GROUPS, start=1):
        VulnerableGroup.objects.update_or_create(
            code=code, defaults={"name_ko": name_ko, "name_en": name_en, "sort_order": order}
        )
    for order, (code, name_ko, name_en) in enumerate(RIGHT_CATEGORIES, start=1):
        RightCategory.objects.update_or_create(
            code=code, defaults={"name_ko": name_ko, "name_en": name_en, "sort_order": order}
        )
    data = json.loads(SDG_FILE.read_text(encoding="utf-8"))
    for goal_data in data["goals"]:
        goal, _ = SdgGoal.objects.update_or_create(
            number=goal_data["number"],
            defaults={
                "title_ko": goal_data["title_ko"],
                "title_en": goal_data["title_en"],
                "description_ko": goal_data["description_ko"],
                "description_en": goal_data["description_en"],
            },
        )
        for order, target in enumerate(goal_data["targets"], start=1):
            SdgTarget.objects.update_or_create(
                code=target["code"],
                defaults={
                    "goal": goal,
                    "title_ko": target["title_ko"],
                    "title_en": target["title_en"],
                    "sort_order": order,
                },
            )


def unload_reference_data(apps, schema_editor):
    apps.get_model("core", "SdgTarget").objects.all().delete()
    apps.get_model("core", "SdgGoal").objects.all().delete()
    apps.get_model("core", "RightCategory").objects.filter(code__in=[c for c, _, _ in RIGHT_CATEGORIES]).delete()
    apps.get_model("core", "VulnerableGroup").objects.filter(code__in=[c for c, _, _ in VULNERABLE_GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_roles")]

    operations = [migrations.RunPython(load_reference_data, unload_reference_data)]
