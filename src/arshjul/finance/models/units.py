"""Operational budgets per unit (FINANCE.md 7.4) and the union consultation (samverkan) before
approval.

A unit budget belongs to a frame version, because the frame it must add up to is computed from
a version (a draft revision changes the frame; the adopted version is the one the units keep).
Amounts are exact Decimal kronor.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arshjul.core.ranges import RangedDecimalField
from arshjul.documents.models import Document
from arshjul.organisation.models import Unit

from .frames import FrameVersion
from .ranges import AMOUNT


class UnitBudget(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")

    frame_version = models.ForeignKey(
        FrameVersion, on_delete=models.CASCADE, related_name="unit_budgets"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = RangedDecimalField(_("budget"), max_digits=16, decimal_places=2, range=AMOUNT)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="draft")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("unit budget")
        verbose_name_plural = _("unit budgets")
        ordering = ["frame_version", "year", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["frame_version", "unit", "year"], name="finance_unitbudget_unique"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="finance_unitbudget_not_negative"
            ),
            AMOUNT.constraint("amount"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year} {self.amount}"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class UnionConsultation(models.Model):
    """The consultation with the unions (samverkan, MBL) on one unit budget."""

    budget = models.OneToOneField(UnitBudget, on_delete=models.CASCADE, related_name="consultation")
    held_on = models.DateField(_("date"))
    parties = models.TextField(_("parties"))
    outcome = models.TextField(_("outcome"))
    minutes = models.ForeignKey(
        Document,
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("union consultation")
        verbose_name_plural = _("union consultations")

    def __str__(self) -> str:
        return f"{self.budget_id} {self.held_on}"
