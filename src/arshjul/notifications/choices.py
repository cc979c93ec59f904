"""What a notification tells: the events in a body that its people are told about."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    DOCUMENT_REGISTERED = "document_registered", _("Document registered")
    VERSION_ADDED = "version_added", _("New version of a document")
    STATUS_CHANGED = "status_changed", _("Document status changed")
    REPORT_STARTED = "report_started", _("Feedback report started")
    REPORT_EDITED = "report_edited", _("Feedback report edited")
    REPORT_SENT = "report_sent", _("Feedback report sent")


class MailState(models.TextChoices):
    """Where an e-mail in the outbox is: waiting (for its first try or a retry), taken by a
    run of send_mail_outbox, sent, or given up after its last attempt."""

    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
