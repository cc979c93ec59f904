"""The register's vocabularies: a document's status and the moves between them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("document status", "Draft")
    PREPARED = "prepared", pgettext_lazy("document status", "Prepared")
    TREATED = "treated", pgettext_lazy("document status", "Treated")
    DECIDED = "decided", pgettext_lazy("document status", "Decided")
    SENT = "sent", pgettext_lazy("document status", "Sent")
    PUBLISHED = "published", pgettext_lazy("document status", "Published")


# Which status may follow which (the process's order; a step back to draft is allowed before a
# decision, never after).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    DocumentStatus.DRAFT: (DocumentStatus.PREPARED,),
    DocumentStatus.PREPARED: (DocumentStatus.TREATED, DocumentStatus.DRAFT),
    DocumentStatus.TREATED: (DocumentStatus.DECIDED, DocumentStatus.DRAFT),
    DocumentStatus.DECIDED: (DocumentStatus.SENT, DocumentStatus.PUBLISHED),
    DocumentStatus.SENT: (DocumentStatus.PUBLISHED,),
    DocumentStatus.PUBLISHED: (),
}

# Types an official prepares for a meeting without a political decision of their own: ready for
# the step that uses them once prepared. Every other type must be decided first.
READY_WHEN_PREPARED_TYPES = ("tjansteskrivelse", "presentation", "minnesanteckningar", "other")


# What the button that moves a document to each status says.
TRANSITION_LABELS = {
    DocumentStatus.DRAFT: _("Back to draft"),
    DocumentStatus.PREPARED: _("Mark as prepared"),
    DocumentStatus.TREATED: _("Mark as treated"),
    DocumentStatus.DECIDED: _("Record the decision"),
    DocumentStatus.SENT: _("Mark as sent"),
    DocumentStatus.PUBLISHED: _("Publish"),
}


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", _("Word (DOCX)")
    XLSX = "xlsx", _("Excel (XLSX)")
    PPTX = "pptx", _("PowerPoint (PPTX)")
