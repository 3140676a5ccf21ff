"""FilterSets of the shared kernel, used by the HTML lists and the API alike."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from django_filters.fields import IsoDateTimeField

from humanrights_portal.core.models import AuditEvent, Department, PersonalDataAccess, SdgTarget

MAX_UTC_OFFSET = datetime.timedelta(hours=14)


class BoundedIsoDateTimeField(IsoDateTimeField):
    """ISO 8601 date-time limited to what PostgreSQL stores: real time-zone offsets only."""

    def to_python(self, value):
        parsed = super().to_python(value)
        offset = parsed.utcoffset() if parsed is not None else None
        if offset is not None and abs(offset) > MAX_UTC_OFFSET:
            raise ValidationError(_("The time-zone offset must be between -14:00 and +14:00."), code="invalid")
        return parsed


class StableOrderingFilter(django_filters.OrderingFilter):
    """Sorting that pages reliably: the chosen keys, then the primary key in the same direction as the last
    one (rows that tie would otherwise come back in any order, so a row could show on two pages or on none).
    With no key chosen (``?ordering=`` or only unknown keys), the queryset keeps its own order."""

    def filter(self, qs, value):
        ordering = [self.get_ordering_value(param) for param in (value or []) if param not in EMPTY_VALUES]
        if not ordering:
            return qs
        if not any(key.lstrip("-") in ("pk", "id") for key in ordering):
            ordering.append("-pk" if ordering[-1].startswith("-") else "pk")
        return qs.order_by(*ordering)


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = BoundedIsoDateTimeField


class YearFilter(django_filters.NumberFilter):
    """A calendar year between 1900 and 2100: a whole number PostgreSQL and Python dates can hold."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


class DepartmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))

    class Meta:
        model = Department
        fields = ["kind", "is_active", "is_human_rights_office"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name_ko__icontains=value) | Q(name_en__icontains=value) | Q(code__icontains=value))


class SdgTargetFilter(django_filters.FilterSet):
    goal = django_filters.NumberFilter(field_name="goal__number", label=_("Goal number"))
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))

    class Meta:
        model = SdgTarget
        fields = ["goal"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title_ko__icontains=value) | Q(title_en__icontains=value) | Q(code=value))


class AuditEventFilter(django_filters.FilterSet):
    action = django_filters.CharFilter(lookup_expr="startswith", label=_("Action"))
    actor = django_filters.CharFilter(field_name="actor__username", label=_("Actor (username)"))
    occurred_after = IsoDateTimeFilter(field_name="occurred_at", lookup_expr="gte")
    occurred_before = IsoDateTimeFilter(field_name="occurred_at", lookup_expr="lt")

    class Meta:
        model = AuditEvent
        fields = ["action", "actor", "target_id"]


class PersonalDataAccessFilter(django_filters.FilterSet):
    actor = django_filters.CharFilter(field_name="actor__username", label=_("Viewed by (username)"))
    accessed_after = IsoDateTimeFilter(field_name="accessed_at", lookup_expr="gte")
    accessed_before = IsoDateTimeFilter(field_name="accessed_at", lookup_expr="lt")

    class Meta:
        model = PersonalDataAccess
        fields = ["actor", "subject_id"]
