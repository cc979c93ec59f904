"""The document register: types, documents with case numbers and statuses, versions with files.

A decided, sent or published document is public unless marked secret (with its paragraph of
the secrecy law); a draft never is (documents.permissions). Case numbers run per body and year with no
gaps or duplicates (CaseNumberSeries, allocated under a row lock).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import DocumentStatus, FileKind


class DocumentType(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class CaseNumberSeries(models.Model):
    """The last case number given in one body's series for one year."""

    body = models.ForeignKey(
        "organisation.Body", verbose_name=_("body"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("case number series")
        verbose_name_plural = _("case number series")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year"], name="documents_casenumberseries_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.year}: {self.last_number}"


class Document(models.Model):
    organisation = models.ForeignKey(
        "organisation.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    document_type = models.ForeignKey(
        DocumentType,
        verbose_name=_("document type"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    owner_body = models.ForeignKey(
        "organisation.Body",
        verbose_name=_("owner body"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=300)
    case_number = models.CharField(_("case number"), max_length=60)
    case_year = models.PositiveSmallIntegerField(_("case year"))
    case_sequence = models.PositiveIntegerField(_("number in the series"))
    status = models.CharField(
        _("status"), max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    cycle = models.ForeignKey(
        "process.Cycle",
        verbose_name=pgettext_lazy("process", "cycle"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    produced_by = models.ForeignKey(
        "process.Step",
        verbose_name=_("produced in step"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents_produced",
    )
    used_by = models.ManyToManyField(
        "process.Step", verbose_name=_("input to steps"), blank=True, related_name="documents_used"
    )
    decision_body = models.ForeignKey(
        "organisation.Body",
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decided_documents",
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_paragraph = models.CharField(_("paragraph (§)"), max_length=20, blank=True)
    co_authors = models.ManyToManyField(
        "organisation.Person",
        verbose_name=_("co-authors"),
        blank=True,
        related_name="co_authored_documents",
        help_text=_("People who write the document with the owner body's officials."),
    )
    secret = models.BooleanField(
        _("secret"),
        default=False,
        help_text=_("Covered by secrecy: never public, whatever its status."),
    )
    secrecy_paragraph = models.CharField(
        _("secrecy paragraph"),
        max_length=100,
        blank=True,
        help_text=_(
            "The paragraph of the Public Access to Information and Secrecy Act (OSL), "
            "e.g. OSL 19 kap. 1 §."
        ),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    # How the history (core.history) names what add_version records: the file's version number
    # (not the edit counter above) and its file name.
    audit_labels = {"version": _("version number"), "file_name": _("file name")}

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-case_year", "owner_body", "-case_sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_body", "case_year", "case_sequence"],
                name="documents_document_unique_case_sequence",
            ),
            models.UniqueConstraint(
                fields=["organisation", "case_number"], name="documents_document_unique_case_number"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["decided", "sent", "published"])
                | (Q(decision_date__isnull=False) & ~Q(decision_paragraph="")),
                name="documents_document_decided_has_reference",
            ),
            models.CheckConstraint(
                condition=(Q(secret=True) & ~Q(secrecy_paragraph=""))
                | (Q(secret=False) & Q(secrecy_paragraph="")),
                name="documents_document_secret_has_paragraph",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        """Decided, sent or published and not secret (documents.permissions.is_public)."""
        from .permissions import is_public

        return is_public(self)


def stored_name(instance, filename: str) -> str:
    """Files are kept under a generated name (the uploader's name is kept in original_name)."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{suffix[:8]}"


class DocumentVersion(models.Model):
    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version number"))
    file = models.FileField(_("file"), upload_to=stored_name)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("file type"), max_length=8, choices=FileKind.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="documents_documentversion_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document.case_number} v{self.number}"


class DocumentTransition(models.Model):
    """One move of a document's status: who, when, from and to."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(
        _("from"), max_length=12, choices=DocumentStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=12, choices=DocumentStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(pgettext_lazy("audit", "when"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["document", "at", "id"]

    def __str__(self) -> str:
        return f"{self.document.case_number}: {self.from_status} → {self.to_status}"
