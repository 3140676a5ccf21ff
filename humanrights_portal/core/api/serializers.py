from rest_framework import serializers

from humanrights_portal.core.models import (
    AuditEvent,
    Department,
    PersonalDataAccess,
    RightCategory,
    SdgGoal,
    SdgTarget,
    User,
    VulnerableGroup,
)


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "code", "name_ko", "name_en", "kind", "is_human_rights_office", "is_active"]


class VulnerableGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = VulnerableGroup
        fields = ["id", "code", "name_ko", "name_en"]


class RightCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = RightCategory
        fields = ["id", "code", "name_ko", "name_en"]


class SdgTargetSerializer(serializers.ModelSerializer):
    goal = serializers.IntegerField(source="goal.number", read_only=True)

    class Meta:
        model = SdgTarget
        fields = ["id", "code", "goal", "title_ko", "title_en"]


class SdgTargetBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = SdgTarget
        fields = ["id", "code", "title_ko", "title_en"]


class SdgGoalSerializer(serializers.ModelSerializer):
    targets = SdgTargetBriefSerializer(many=True, read_only=True)

    class Meta:
        model = SdgGoal
        fields = ["id", "number", "title_ko", "title_en", "description_ko", "description_en", "targets"]


class CurrentUserSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()
    department = DepartmentSerializer(read_only=True, allow_null=True)

    class Meta:
        model = User
        fields = ["id", "username", "display_name", "email", "department", "roles", "is_superuser"]

    def get_roles(self, user) -> list[str]:
        return sorted(user.role_names)


class AuditEventSerializer(serializers.ModelSerializer):
    target_type = serializers.SlugRelatedField(slug_field="model", read_only=True)

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "occurred_at",
            "actor",
            "actor_label",
            "action",
            "target_type",
            "target_id",
            "target_repr",
            "changes",
            "reason",
        ]


class PersonalDataAccessSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True)
    subject_type = serializers.SlugRelatedField(slug_field="model", read_only=True)

    class Meta:
        model = PersonalDataAccess
        fields = [
            "id",
            "accessed_at",
            "actor",
            "subject_type",
            "subject_id",
            "subject_repr",
            "fields",
            "purpose",
            "ip_address",
        ]
