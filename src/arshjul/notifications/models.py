"""Notifications: one row per recipient and event in a body (a document registered, a new
version, a status change, a feedback report started, edited or sent), shown on the person's
notifications page and e-mailed once in a digest."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from arshjul.documents.choices import DocumentStatus

from .choices import NotificationKind


class Notification(models.Model):
    recipient = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    body = models.ForeignKey(
        "organisation.Body", verbose_name=_("body"), on_delete=models.CASCADE, related_name="+"
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    report = models.ForeignKey(
        "feedback.FeedbackReport",
        verbose_name=_("feedback report"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The new status or version number, shown in the reader's language when the row is shown.
    detail = models.CharField(_("detail"), max_length=30, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created"], name="notifications_recipient_idx"),
            models.Index(fields=["emailed_at", "recipient"], name="notifications_unsent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.get_kind_display()} ({self.body})"

    def get_absolute_url(self) -> str:
        """Opening a notification marks it read and leads on to its report or document."""
        return reverse("notifications:open", kwargs={"pk": self.pk})

    def target_url(self) -> str:
        if self.report_id:
            return reverse("feedback:report", kwargs={"pk": self.report_id})
        if self.document_id:
            return reverse("documents:detail", kwargs={"pk": self.document_id})
        return reverse("notifications:list")

    @property
    def message(self) -> str:
        """What happened, in the active language (the document must be loaded with the row)."""
        params = {"body": str(self.body), "document": str(self.document or "")}
        if self.kind == NotificationKind.DOCUMENT_REGISTERED:
            return gettext("%(document)s was registered.") % params
        if self.kind == NotificationKind.VERSION_ADDED:
            return gettext("Version %(number)s of %(document)s was added.") % {
                **params,
                "number": self.detail,
            }
        if self.kind == NotificationKind.STATUS_CHANGED:
            status = self.detail
            if status in DocumentStatus.values:
                status = str(DocumentStatus(status).label)
            return gettext("%(document)s is now “%(status)s”.") % {**params, "status": status}
        if self.kind == NotificationKind.REPORT_STARTED:
            return gettext("The feedback report of %(body)s was started.") % params
        if self.kind == NotificationKind.REPORT_EDITED:
            return gettext("The feedback report of %(body)s was edited.") % params
        return gettext("%(body)s sent its feedback report.") % params
