"""Deficits to restore from earlier years (FINANCE.md 4.2, 4.3; KL 11:12), per organisation.

The finance office types them from the annual report's balance-requirement reconciliation
("balanskravsunderskott från tidigare år"): the year the deficit arose, what is left to restore
in exact kronor, and where the figure comes from. The frames page restores them, oldest first,
from the positive budgeted results of a version (see `finance.restoration`).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arshjul.core.ranges import RangedDecimalField
from arshjul.organisation.models import Organisation

from .ranges import AMOUNT


class EarlierDeficit(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="earlier_deficits",
    )
    origin_year = models.PositiveSmallIntegerField(_("year of the deficit"))
    amount = RangedDecimalField(_("left to restore"), max_digits=16, decimal_places=2, range=AMOUNT)
    source = models.CharField(_("source"), max_length=300)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("deficit to restore")
        verbose_name_plural = _("deficits to restore")
        ordering = ["organisation", "origin_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "origin_year"],
                name="finance_earlierdeficit_unique_year",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="finance_earlierdeficit_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(origin_year__gte=1990) & Q(origin_year__lte=2200),
                name="finance_earlierdeficit_plausible_year",
            ),
            AMOUNT.constraint("amount"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.origin_year} {self.amount}"

    @property
    def deadline(self) -> int:
        return self.origin_year + 3
