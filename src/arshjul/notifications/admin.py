"""Notifications in the admin: to look up what was sent to whom (they are made by the
services, not by hand)."""

from django.contrib import admin

from .models import Notification, OutgoingMail


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


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """Read-only: the outbox is written by the services and sent by send_mail_outbox; the
    finance office's failure list (/me/notifications/outbox/) sends one again."""

    list_display = ("created_at", "to", "subject", "event", "state", "attempts", "sent_at")
    list_filter = ("state", "event", "organisation")
    search_fields = ("to", "subject")
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
