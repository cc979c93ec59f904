from django.contrib import admin

from arshjul.core.admin_mixins import BumpsContentRevision

from .models import InternalRate, InvestmentCeiling, InvestmentPlan, InvestmentProject


@admin.register(InvestmentPlan)
class InvestmentPlanAdmin(BumpsContentRevision, admin.ModelAdmin):
    list_display = ("organisation", "first_year")


@admin.register(InvestmentCeiling)
class InvestmentCeilingAdmin(BumpsContentRevision, admin.ModelAdmin):
    list_display = ("plan", "year", "amount")
    list_filter = ("plan",)


@admin.register(InternalRate)
class InternalRateAdmin(BumpsContentRevision, admin.ModelAdmin):
    list_display = ("organisation", "year", "rate")
    list_filter = ("organisation",)


@admin.register(InvestmentProject)
class InvestmentProjectAdmin(admin.ModelAdmin):
    """Read-only: projects change through their pages, which check the rules and keep the
    audit trail."""

    list_display = ("code", "name", "plan", "owner_body", "status")
    list_filter = ("status", "category")
    search_fields = ("code", "name")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
