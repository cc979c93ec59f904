"""Notifications in the admin: to look up what was sent to whom (they are made by the
services, not by hand)."""

from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created", "recipient", "kind", "body", "document", "read_at", "emailed_at")
    list_filter = ("kind", "body__organisation")
    search_fields = ("recipient__first_name", "recipient__last_name", "document__case_number")
    date_hierarchy = "created"
    list_select_related = ("recipient", "body", "document")
    readonly_fields = (
        "recipient",
        "kind",
        "body",
        "document",
        "report",
        "detail",
        "by",
        "created",
        "emailed_at",
    )

    def has_add_permission(self, request) -> bool:
        return False
