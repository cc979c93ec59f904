"""The audit trail shared by every app: who changed what, when, and what it was before."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .actions import ACTIONS


class ContentRevision(models.Model):
    """One counter, raised by every change to what pages show, so that caches keyed on it are
    never used after a change (process/cache.py). A single row."""

    value = models.PositiveBigIntegerField(_("value"), default=0)

    class Meta:
        verbose_name = _("content revision")
        verbose_name_plural = _("content revisions")

    def __str__(self) -> str:
        return str(self.value)


class AuditEntry(models.Model):
    """One domain event, written explicitly by the service that caused it."""

    at = models.DateTimeField(pgettext_lazy("audit", "when"), auto_now_add=True, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="core_audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def get_action_label(self) -> str:
        return str(ACTIONS.get(self.action, self.action))
