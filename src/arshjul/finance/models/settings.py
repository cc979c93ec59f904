"""The finance settings of an organisation: conventions each region decides for itself
(FINANCE.md 5.1, 5.5, 5.6) and the default planning horizon (kommunallagen 11 kap.)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .assumptions import DEFAULT_PLAN_YEARS, MAX_PLAN_YEARS, MIN_YEARS


class ActivationConvention(models.TextChoices):
    FROM_MONTH = "from_month", _("From the activation month (1 July gives six months)")
    MONTH_AFTER = "month_after", _("From the month after activation (1 July gives five months)")
    HALF_YEAR = "half_year", _("Half a year in the activation year, whatever the month")


class Compensation(models.TextChoices):
    FULL = "full", _("Full: the frame always carries the recalculated capital costs")
    NEW_ONLY = (
        "new_only",
        _("New investments only: existing assets stay at the budget year's capital costs"),
    )


class FinanceSettings(models.Model):
    organisation = models.OneToOneField(
        "organisation.Organisation",
        on_delete=models.CASCADE,
        related_name="finance_settings",
        verbose_name=_("organisation"),
    )
    default_plan_years = models.PositiveSmallIntegerField(
        _("default plan years after the budget year"), default=DEFAULT_PLAN_YEARS
    )
    activation_convention = models.CharField(
        _("depreciation starts"),
        max_length=20,
        choices=ActivationConvention.choices,
        default=ActivationConvention.FROM_MONTH,
    )
    compensation = models.CharField(
        _("capital-cost compensation in the frames"),
        max_length=20,
        choices=Compensation.choices,
        default=Compensation.FULL,
    )
    self_financing_goal = models.DecimalField(
        _("self-financing goal"),
        max_digits=7,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("As a fraction: 0.7 is 70 %."),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("finance settings")
        verbose_name_plural = _("finance settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(default_plan_years__gte=MIN_YEARS - 1)
                & Q(default_plan_years__lte=MAX_PLAN_YEARS),
                name="%(app_label)s_%(class)s_horizon_at_least_three_years",
            ),
            models.CheckConstraint(
                condition=Q(self_financing_goal__isnull=True)
                | Q(self_financing_goal__gte=0, self_financing_goal__lte=5),
                name="%(app_label)s_%(class)s_self_financing_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation_id)

    @staticmethod
    def audit_shown(name: str, value) -> str | None:
        """The self-financing goal as a percentage, existing assets' capital costs in mnkr."""
        from decimal import Decimal

        from arshjul.finance.space import format_rate

        if value in (None, ""):
            return None
        if name == "self_financing_goal":
            return format_rate(Decimal(str(value)))
        if name[-4:].isdigit() and " " in name:  # an existing asset's capital costs, "HSN 2024"
            from arshjul.finance.money import format_money

            return f"{format_money(Decimal(str(value)))} mnkr"
        return None
