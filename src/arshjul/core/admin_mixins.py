"""Admin behaviour shared by every app."""

from __future__ import annotations

from . import revision


class BumpsContentRevision:
    """Admin edits change what pages show: raise the content revision with every save or delete."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        revision.bump()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        revision.bump()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        revision.bump()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        revision.bump()
