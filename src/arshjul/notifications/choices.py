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
