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

from .choices import MailState, NotificationKind


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


class OutgoingMail(models.Model):
    """One e-mail to one address in the outbox: written by a service in its own transaction
    (so it exists exactly when the change does) and sent by `manage.py send_mail_outbox`, which
    claims each row once, retries with back-off and records why a send failed."""

    organisation = models.ForeignKey(
        "organisation.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    recipient = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to = models.EmailField(_("to"), max_length=254)
    from_email = models.CharField(_("from"), max_length=254)
    reply_to = models.CharField(_("reply to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=500)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    # [{"filename": "invite.ics", "mimetype": "text/calendar", "method": "REQUEST",
    #   "content": "BEGIN:VCALENDAR…"}]: text attachments only.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    event = models.CharField(_("event"), max_length=60)
    # What the e-mail is about (e.g. "meetings.meeting:12"), for the failure list's link.
    about = models.CharField(_("about"), max_length=100, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=MailState.choices, default=MailState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_try = models.DateTimeField(_("next try"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "next_try"], name="notifications_outbox_due_idx"),
            models.Index(
                fields=["organisation", "state", "-created_at"],
                name="notifications_outbox_org_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=MailState.values),
                name="%(app_label)s_%(class)s_state_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=MailState.SENT) | models.Q(sent_at__isnull=False),
                name="%(app_label)s_%(class)s_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
