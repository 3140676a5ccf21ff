"""The indicators app in the admin: read-only look-ups.

Frameworks, indicators and values are changed in the portal's pages and the import, through
``indicators.services`` (which check the roles, keep the revisions, refresh the derived status and
write the audit log).
"""

from django.contrib import admin

from indicators.models import (
    DisaggregationCategory,
    DisaggregationDimension,
    FrameworkArea,
    FrameworkPhase,
    ImplementationTask,
    Indicator,
    IndicatorFramework,
    Measurement,
    MeasurementImport,
    MeasurementRevision,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(IndicatorFramework)
class IndicatorFrameworkAdmin(ReadOnlyAdmin):
    list_display = ["name", "organisation", "year_developed", "area_label"]
    search_fields = ["name", "name_en", "organisation"]


@admin.register(FrameworkPhase, FrameworkArea, ImplementationTask, DisaggregationDimension)
class FrameworkPartAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "framework"]
    list_filter = ["framework"]
    list_select_related = ["framework"]


@admin.register(DisaggregationCategory)
class DisaggregationCategoryAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_ko", "name_en", "dimension", "order"]
    list_filter = ["dimension__framework", "dimension"]
    list_select_related = ["dimension"]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_ko", "framework", "area", "kind", "status", "latest_value", "latest_year"]
    list_filter = ["framework", "status", "kind", "direction", "responsible_department"]
    list_select_related = ["framework", "area"]
    search_fields = ["code", "name_ko", "name_en"]


@admin.register(Measurement)
class MeasurementAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "year", "period", "category", "value", "state", "version"]
    list_filter = ["state", "year", "indicator__framework"]
    list_select_related = ["indicator", "category", "category__dimension"]
    search_fields = ["indicator__code"]


@admin.register(MeasurementRevision)
class MeasurementRevisionAdmin(ReadOnlyAdmin):
    list_display = ["measurement", "value", "state", "changed_by", "changed_at"]
    list_select_related = ["measurement", "measurement__indicator", "changed_by"]


@admin.register(MeasurementImport)
class MeasurementImportAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "framework", "uploaded_by", "uploaded_at", "row_count", "error_count"]
    list_filter = ["framework"]
    list_select_related = ["framework", "uploaded_by"]
    exclude = ["token", "file"]
