from django.contrib import admin

from .models import FeeRate, Meeting


@admin.register(FeeRate)
class FeeRateAdmin(admin.ModelAdmin):
    list_display = ("organisation", "kind", "amount", "valid_from")
    list_filter = ("organisation", "kind")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """Read-only: meetings change through their pages, which keep the audit trail."""

    list_display = ("title", "body", "start", "status")
    list_filter = ("status", "body")
    search_fields = ("title",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
