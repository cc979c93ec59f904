"""Changes to the document register: registering a document with its case number, adding a
version with its file, moving its status, and who reads it (secrecy, co-authors). Each runs in a transaction, checks who may do it,
refuses a stale version and writes the audit trail."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from arshjul.accounts.roles import require_actor, user_or_none
from arshjul.core import revision
from arshjul.core.audit import record
from arshjul.core.errors import DomainError, require_version
from arshjul.notifications import services as notifications
from arshjul.organisation.models import Body

from .choices import TRANSITIONS, DocumentStatus, FileKind
from .files import detect_kind
from .models import CaseNumberSeries, Document, DocumentTransition, DocumentType, DocumentVersion
from .permissions import can_edit_document, can_edit_documents_of

PARAGRAPH_RE = re.compile(r"^\s*(§\s*)?(\d+[a-z]?)\s*$")
FROZEN = (DocumentStatus.DECIDED, DocumentStatus.SENT, DocumentStatus.PUBLISHED)
# The statuses in which a document takes a new file.
OPEN_FOR_FILES = (DocumentStatus.DRAFT, DocumentStatus.PREPARED)


def _next_case_number(body: Body, year: int) -> int:
    """The next number in the body's series for the year: no gaps, no duplicates.

    The series row is locked until the transaction ends, so a concurrent request waits; if the
    registration fails, the transaction rolls back and the number is given again.
    """
    try:
        with transaction.atomic():
            CaseNumberSeries.objects.get_or_create(body=body, year=year)
    except IntegrityError:  # created by a concurrent request a moment ago
        pass
    series = CaseNumberSeries.objects.select_for_update().get(body=body, year=year)
    series.last_number += 1
    series.save(update_fields=["last_number"])
    return series.last_number


def format_case_number(body: Body, number: int, year: int) -> str:
    prefix = body.short_name.replace(" ", "")
    return body.organisation.case_number_format.format(body=prefix, number=number, year=year)


def _still_in_scope(by, document: Document) -> None:
    """After a write, the document as stored (not as the caller held it) must still be one of
    a body she works for, in its body's organisation; otherwise the whole change is refused
    and rolled back with the transaction."""
    stored = Document.objects.select_related("owner_body").get(pk=document.pk)
    if stored.organisation_id != stored.owner_body.organisation_id or not can_edit_document(
        by, stored
    ):
        raise DomainError(
            _(
                "This change would put the document outside the bodies you work for. Nothing was saved."
            ),
            code="out_of_scope",
        )


@transaction.atomic
def register_document(
    *,
    owner_body: Body,
    document_type: DocumentType,
    title: str,
    by,
    cycle=None,
    produced_by=None,
    year: int | None = None,
) -> Document:
    """Register a new document as a draft, with the next case number of its body and year."""
    require_actor(by)
    if not can_edit_documents_of(by, owner_body):
        raise DomainError(_("You may not register documents for this body."), code="forbidden")
    title = " ".join(title.split())
    if not title:
        raise DomainError(_("Give the document a title."), code="required", field="title")
    if cycle is not None and cycle.organisation_id != owner_body.organisation_id:
        raise DomainError(
            _("The cycle belongs to another organisation."),
            code="other_organisation",
            field="cycle",
        )
    if produced_by is not None and (cycle is None or produced_by.cycle_id != cycle.pk):
        raise DomainError(_("The step is not a step of the document's cycle."), code="other_cycle")
    year = year or timezone.localdate().year
    number = _next_case_number(owner_body, year)
    document = Document.objects.create(
        organisation_id=owner_body.organisation_id,
        owner_body=owner_body,
        document_type=document_type,
        title=title,
        case_year=year,
        case_sequence=number,
        case_number=format_case_number(owner_body, number, year),
        cycle=cycle,
        produced_by=produced_by,
    )
    DocumentTransition.objects.create(
        document=document, from_status="", to_status=document.status, by=_user(by)
    )
    _still_in_scope(by, document)
    record(
        document,
        action="documents.document.registered",
        by=by,
        changes={
            "case_number": (None, document.case_number),
            "title": (None, document.title),
            "document_type": (None, document_type),
            "owner_body": (None, owner_body),
        },
    )
    notifications.document_registered(document=document, by=by)
    revision.bump()
    return document


def _user(by):
    return user_or_none(require_actor(by))


def lock(document: Document, version: int | None, *, by) -> Document:
    """The document locked for a change; a stale version is refused."""
    locked = Document.objects.select_for_update().select_related("owner_body").get(pk=document.pk)
    if require_version(version, by) is not None and locked.version != version:
        raise DomainError(
            _(
                "Someone else changed this document while you were working on it. Nothing was "
                "saved: reload the page to see their change, then try again."
            ),
            code="stale",
        )
    return locked


def _require_editor(by, document: Document) -> None:
    require_actor(by)
    if not can_edit_document(by, document):
        raise DomainError(_("You may not change this document."), code="forbidden")


@transaction.atomic
def add_version(
    *, document: Document, upload: UploadedFile, by, version: int | None
) -> DocumentVersion:
    """Store a new version of the document's file: PDF, DOCX, XLSX or PPTX by content, within the
    size limit. A treated or decided document keeps its file: what the body treated stays."""
    _require_editor(by, document)
    document = lock(document, version, by=by)
    if document.status in FROZEN:
        raise DomainError(
            _("A decided document is not changed. Register a new document instead."), code="frozen"
        )
    if document.status == DocumentStatus.TREATED:
        raise DomainError(
            _(
                "The body has treated this document, so its file stays as treated. Move it back "
                "to draft to change it, or register a new document."
            ),
            code="frozen",
        )
    limit = settings.DOCUMENT_MAX_BYTES
    if upload.size > limit:
        raise DomainError(
            _("The file is %(size)s MB; the limit is %(limit)s MB."),
            code="too_large",
            params={
                "size": number_format(upload.size / 1_000_000, 1),
                "limit": number_format(limit / 1_000_000, 1),
            },
            field="file",
        )
    kind = detect_kind(upload)
    if kind is None:
        raise DomainError(
            _("“%(name)s” is not a PDF, Word, Excel or PowerPoint file (whatever its name says)."),
            code="bad_file_type",
            params={"name": upload.name},
            field="file",
        )
    suffix = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if suffix and suffix != FileKind(kind).value:
        raise DomainError(
            _(
                "“%(name)s” is named .%(suffix)s but is a %(kind)s file. Rename it and upload it again."
            ),
            code="name_mismatch",
            params={"name": upload.name, "suffix": suffix, "kind": FileKind(kind).label},
            field="file",
        )
    latest = document.versions.order_by("-number").only("number", "original_name").first()
    number = (latest.number if latest else 0) + 1
    created = DocumentVersion.objects.create(
        document=document,
        number=number,
        file=upload,
        original_name=upload.name[:255],
        kind=kind,
        size=upload.size,
        uploaded_by=_user(by),
    )
    document.version += 1
    document.save(update_fields=["version", "updated"])
    record(
        document,
        action="documents.version.added",
        by=by,
        changes={
            "version": (latest.number if latest else None, number),
            "file_name": (latest.original_name if latest else None, created.original_name),
        },
    )
    notifications.version_added(document=document, number=number, by=by)
    revision.bump()
    return created


def normalise_paragraph(text: str) -> str:
    """'86', '§86' and '§ 86' all become '§ 86'; anything else is refused."""
    m = PARAGRAPH_RE.match(text or "")
    if not m:
        raise DomainError(
            _("Write the decision's paragraph as a number, e.g. § 86."),
            code="bad_paragraph",
            field="decision_paragraph",
        )
    return f"§ {m.group(2)}"


@transaction.atomic
def change_status(
    *,
    document: Document,
    to: str,
    by,
    version: int | None,
    decision_body: Body | None = None,
    decision_date: dt.date | None = None,
    decision_paragraph: str = "",
) -> Document:
    """Move a document to its next status. Deciding needs the decision's date and paragraph."""
    _require_editor(by, document)
    document = lock(document, version, by=by)
    if to not in TRANSITIONS.get(document.status, ()):
        raise DomainError(
            _("A document that is “%(current)s” cannot become “%(to)s”."),
            code="bad_transition",
            params={
                "current": DocumentStatus(document.status).label,
                "to": DocumentStatus(to).label if to in DocumentStatus.values else to,
            },
        )
    before = {
        "status": document.status,
        "decision_body": document.decision_body,
        "decision_date": document.decision_date,
        "decision_paragraph": document.decision_paragraph,
    }
    if to == DocumentStatus.DECIDED:
        if decision_date is None:
            raise DomainError(
                _("Give the date of the decision."), code="required", field="decision_date"
            )
        if decision_date > timezone.localdate():
            raise DomainError(
                _(
                    "The decision date %(date)s is in the future: record a decision once it is made."
                ),
                code="future_decision",
                params={"date": decision_date.isoformat()},
                field="decision_date",
            )
        document.decision_paragraph = normalise_paragraph(decision_paragraph)
        document.decision_date = decision_date
        document.decision_body = decision_body or document.owner_body
        if document.decision_body.organisation_id != document.organisation_id:
            raise DomainError(
                _("The deciding body belongs to another organisation."), code="other_organisation"
            )
    DocumentTransition.objects.create(
        document=document, from_status=document.status, to_status=to, by=_user(by)
    )
    document.status = to
    document.version += 1
    document.save()
    record(
        document,
        action="documents.document.status_changed",
        by=by,
        changes={
            k: (v, getattr(document, k)) for k, v in before.items() if v != getattr(document, k)
        },
    )
    notifications.status_changed(document=document, by=by)
    revision.bump()
    return document


@transaction.atomic
def set_access(
    *,
    document: Document,
    secret: bool,
    secrecy_paragraph: str,
    co_authors,
    by,
    version: int | None,
) -> Document:
    """Mark the document secret under its paragraph of the secrecy law (OSL), or not, and name
    its co-authors (people of its organisation who read and write its draft)."""
    _require_editor(by, document)
    document = lock(document, version, by=by)
    paragraph = " ".join((secrecy_paragraph or "").split())
    if secret and not paragraph:
        raise DomainError(
            _("Give the paragraph of the secrecy law, e.g. OSL 19 kap. 1 §."),
            code="required",
            field="secrecy_paragraph",
        )
    if not secret and paragraph:
        raise DomainError(
            _("A paragraph of the secrecy law is given only for a secret document."),
            code="not_secret",
            field="secrecy_paragraph",
        )
    people = list(co_authors)
    if any(p.organisation_id != document.organisation_id for p in people):
        raise DomainError(
            _("A co-author must be a person of the document's organisation."),
            code="other_organisation",
            field="co_authors",
        )
    before_people = sorted(str(p) for p in document.co_authors.all())
    after_people = sorted(str(p) for p in people)
    changes = {}
    if document.secret != secret:
        changes["secret"] = (document.secret, secret)
    if document.secrecy_paragraph != paragraph:
        changes["secrecy_paragraph"] = (document.secrecy_paragraph, paragraph)
    if set(document.co_authors.values_list("pk", flat=True)) != {p.pk for p in people}:
        changes["co_authors"] = (", ".join(before_people), ", ".join(after_people))
    if not changes:
        return document
    document.secret = secret
    document.secrecy_paragraph = paragraph
    document.version += 1
    document.save(update_fields=["secret", "secrecy_paragraph", "version", "updated"])
    document.co_authors.set(people)
    record(document, action="documents.document.access_changed", by=by, changes=changes)
    revision.bump()
    return document
