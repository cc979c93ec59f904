"""The register in the admin: document types are edited here; documents only looked at, since
case numbers, versions and statuses change through the register's services (numbered without
gaps, checked and audited), never by hand."""

from django.contrib import admin

from arshjul.core.admin_mixins import BumpsContentRevision

from .models import Document, DocumentTransition, DocumentType, DocumentVersion


@admin.register(DocumentType)
class DocumentTypeAdmin(BumpsContentRevision, admin.ModelAdmin):
    list_display = ("name", "code", "order")


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DocumentVersionInline(ReadOnlyInline):
    model = DocumentVersion
    fields = ("number", "original_name", "kind", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields


class DocumentTransitionInline(ReadOnlyInline):
    model = DocumentTransition
    fields = ("from_status", "to_status", "by", "at")
    readonly_fields = fields


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("case_number", "title", "document_type", "owner_body", "status")
    list_filter = ("status", "document_type", "organisation")
    search_fields = ("case_number", "title")
    list_select_related = ("document_type", "owner_body")
    inlines = [DocumentVersionInline, DocumentTransitionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
