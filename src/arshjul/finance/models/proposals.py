"""A committee's change proposal on a draft frame version (issue 6, point 9): the committee
sees its own frames and proposes a priority, a saving or a technical adjustment (optionally
about one of its own investment projects) for the finance office to take in as a change item,
or to decline with a reason; the committee may withdraw it while it is open."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arshjul.core.ranges import RangedDecimalField
from arshjul.organisation.models import Body

from .frames import ChangeItem, FrameVersion
from .investments import InvestmentProject
from .ranges import AMOUNT


class ChangeProposal(models.Model):
    class Kind(models.TextChoices):
        PRIORITY = "priority", _("priority")
        SAVING = "saving", _("saving")
        ADJUSTMENT = "adjustment", _("technical adjustment")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        TAKEN_IN = "taken_in", _("taken in")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    frame_version = models.ForeignKey(
        FrameVersion,
        verbose_name=_("frame version"),
        on_delete=models.CASCADE,
        related_name="change_proposals",
    )
    body = models.ForeignKey(
        Body, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    amount = RangedDecimalField(_("amount"), max_digits=16, decimal_places=2, range=AMOUNT)
    text = models.CharField(_("text"), max_length=300)
    justification = models.TextField(_("justification"), blank=True)
    project = models.ForeignKey(
        InvestmentProject,
        verbose_name=_("investment project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="change_proposals",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    reason = models.TextField(_("reason for declining"), blank=True)
    item = models.ForeignKey(
        ChangeItem,
        verbose_name=_("change item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    decided = models.DateTimeField(_("decided"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("change proposal")
        verbose_name_plural = _("change proposals")
        ordering = ["frame_version", "year", "body", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=("priority", "saving")) | Q(amount__gt=0),
                name="finance_changeproposal_priority_saving_positive",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(reason=""),
                name="finance_changeproposal_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status="proposed") | Q(decided__isnull=False),
                name="finance_changeproposal_decided_has_time",
            ),
            AMOUNT.constraint("amount"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()}: {self.text}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PROPOSED
