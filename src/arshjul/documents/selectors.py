"""Reads of the document register, shaped for their pages and already restricted to what the
user may see (documents.permissions): the register, one document, the bodies she may register
documents for, and a document's decision reference."""

from __future__ import annotations

from django.db.models import Max, Prefetch, QuerySet

from arshjul.accounts.roles import organisation_id_of
from arshjul.organisation.models import Body
from arshjul.process.models import Cycle

from .models import Document, DocumentTransition, DocumentVersion
from .permissions import (
    can_see_history,
    documents_visible_to,
    editable_bodies,
    register_entries_visible_to,
    with_writer_flag,
)


def register_for(*, user, organisation_id: int | None = None) -> QuerySet[Document]:
    """The register's entries the user sees (of one organisation, if given), newest first, with
    their type, owner body and versions (newest version first). Each entry is annotated
    `readable` (False: a secret document's entry, shown without its title) and `may_write`
    (she reads its earlier versions)."""
    qs = Document.objects.select_related(
        "organisation", "owner_body", "document_type", "decision_body"
    ).prefetch_related(Prefetch("versions", queryset=DocumentVersion.objects.order_by("-number")))
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    qs = with_writer_flag(user, register_entries_visible_to(user, qs))
    return qs.order_by("-case_year", "-created", "-pk")


def document_detail(*, pk: int, user) -> Document | None:
    """One document with its status history and versions, or None if the user may not see it."""
    qs = Document.objects.select_related(
        "organisation",
        "owner_body",
        "document_type",
        "decision_body",
        "cycle",
        # What the document is the register entry of, written in the app (feedback app).
        "feedback_report",
        "feedback_summary__cycle",
    ).prefetch_related(
        Prefetch(
            "transitions",
            queryset=DocumentTransition.objects.select_related("by").order_by("at", "id"),
        ),
        Prefetch(
            "versions",
            queryset=DocumentVersion.objects.select_related("uploaded_by").order_by("-number"),
        ),
        "co_authors",
    )
    return with_writer_flag(user, documents_visible_to(user, qs.filter(pk=pk))).first()


def versions_shown(document: Document) -> list[DocumentVersion]:
    """The versions of a document (from `register_for` or `document_detail`) its reader gets:
    every one for those who write it, the latest (the text as prepared) for the others; the
    earlier ones are its drafts' history."""
    versions = list(document.versions.all())
    return versions if getattr(document, "may_write", False) else versions[:1]


def bodies_for_registering(*, user) -> QuerySet[Body]:
    """The bodies the user may register documents for (empty for the public)."""
    if not getattr(user, "is_authenticated", False):
        return Body.objects.none()
    qs = Body.objects.select_related("organisation").order_by("organisation__name", "name")
    if user.is_superuser:
        return qs
    organisation_id = organisation_id_of(user)
    if organisation_id is None:
        return Body.objects.none()
    qs = qs.filter(organisation_id=organisation_id)
    bodies = editable_bodies(user)
    return qs if bodies is None else qs.filter(pk__in=bodies)


def cycles_for_registering(*, user) -> QuerySet[Cycle]:
    """The cycles a new document may belong to: those of the user's organisation."""
    qs = Cycle.objects.select_related("organisation").order_by("-budget_year")
    if getattr(user, "is_superuser", False):
        return qs
    organisation_id = organisation_id_of(user)
    return qs.none() if organisation_id is None else qs.filter(organisation_id=organisation_id)


def decision_reference(document: Document) -> str:
    """The decision as the register writes it, e.g. "RS 2021-04-01 § 86"; empty before one."""
    if document.decision_date is None or not document.decision_paragraph:
        return ""
    body = document.decision_body or document.owner_body
    return f"{body.short_name} {document.decision_date.isoformat()} {document.decision_paragraph}"


def version_for_download(*, pk: int, number: int, user) -> DocumentVersion | None:
    """One version of a document the user may see, with its document; None otherwise. Its
    readers who do not write it get the latest version only (the earlier ones are its history)."""
    document = documents_visible_to(user, Document.objects.filter(pk=pk)).first()
    if document is None:
        return None
    versions = DocumentVersion.objects.select_related("document").filter(document=document)
    if not can_see_history(user, document):
        latest = versions.aggregate(latest=Max("number"))["latest"]
        if number != latest:
            return None
    return versions.filter(number=number).first()
